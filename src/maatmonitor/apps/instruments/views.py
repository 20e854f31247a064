"""Pages to browse questionnaire versions and, for council members, to comment on draft items."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from maatmonitor.apps.accounts.permissions import requires

from . import queries, services
from .forms import CommentForm
from .models import Item, QuestionnaireVersion

# Researchers (who version questionnaires) and council members (who comment on drafts).
BROWSE_PERMISSIONS = ("instruments.add_questionnaireversion", "instruments.add_itemcomment")


@require_GET
@requires(*BROWSE_PERMISSIONS)
def version_list(request: HttpRequest) -> HttpResponse:
    versions = queries.versions_for(request.user)
    return render(request, "instruments/version_list.html", {"versions": versions})


@require_GET
@requires(*BROWSE_PERMISSIONS)
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        version = queries.version_with_items(request.user, pk)
    except QuestionnaireVersion.DoesNotExist as exc:
        raise Http404 from exc
    can_comment = request.user.has_perm("instruments.add_itemcomment") and not version.is_locked
    return render(
        request,
        "instruments/version_detail.html",
        {"version": version, "can_comment": can_comment, "form": CommentForm()},
    )


@require_POST
@requires("instruments.add_itemcomment")
def add_comment(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    versions = queries.versions_for(request.user)
    item = get_object_or_404(
        Item.objects.select_related("version"), pk=item_pk, version__in=versions, version_id=pk
    )
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.add_comment(item, request.user, form.cleaned_data["text"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("Uw opmerking bij vraag %(id)s is opgeslagen.") % {"id": item.item_id}
            )
    else:
        messages.error(request, _("Schrijf een opmerking van hoogstens 2000 tekens."))
    return redirect(f"{request.path.rsplit('/vraag/', 1)[0]}/#item-{item.item_id}")
