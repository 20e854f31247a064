"""Pages for improvement initiatives: list and filter, register, edit, detail with before/after."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from maatmonitor.apps.accounts.constants import DISTRICT_CHOICES
from maatmonitor.apps.accounts.permissions import requires
from maatmonitor.apps.accounts.queries import districts_for

from . import queries, services
from .constants import Dimension, InitiativeStatus
from .forms import InitiativeForm
from .models import Initiative

FILTERS = ("district", "status", "dimension", "wave")


@requires("followup.view_initiative")
def initiative_list(request: HttpRequest) -> HttpResponse:
    initiatives = queries.initiatives_for(request.user)
    chosen = {f: request.GET.get(f, "") for f in FILTERS}
    for name, value in chosen.items():
        if value:
            initiatives = initiatives.filter(**{name: value})
    mine = districts_for(request.user)
    return render(
        request,
        "followup/initiative_list.html",
        {
            "initiatives": initiatives,
            "chosen": chosen,
            "districts": [c for c in DISTRICT_CHOICES if c[0] in mine],
            "statuses": InitiativeStatus.choices,
            "dimensions": Dimension.choices,
            "can_add": request.user.has_perm("followup.add_initiative"),
        },
    )


def _initiative_or_404(request: HttpRequest, pk: int) -> Initiative:
    try:
        return queries.initiatives_for(request.user).get(pk=pk)
    except Initiative.DoesNotExist as exc:
        raise Http404 from exc


def _save(request: HttpRequest, form: InitiativeForm) -> Initiative | None:
    if not form.is_valid():
        return None
    if form.cleaned_data["district"] not in districts_for(request.user):
        raise PermissionDenied
    try:
        return services.save_initiative(form.instance, by=request.user)
    except ValidationError as exc:
        form.add_error(None, exc)
        return None


@requires("followup.add_initiative")
def initiative_create(request: HttpRequest) -> HttpResponse:
    initial = {
        k: request.GET[k]
        for k in ("district", "dimension", "topic", "journey", "wave")
        if k in request.GET
    }
    form = InitiativeForm(
        request.POST or None, initial=initial, districts=districts_for(request.user)
    )
    if request.method == "POST" and (saved := _save(request, form)):
        messages.success(request, _("Het initiatief is geregistreerd."))
        return redirect("followup:initiative_detail", pk=saved.pk)
    return render(request, "followup/initiative_form.html", {"form": form, "new": True})


@requires("followup.change_initiative")
def initiative_edit(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative_or_404(request, pk)
    form = InitiativeForm(
        request.POST or None, instance=initiative, districts=districts_for(request.user)
    )
    if request.method == "POST" and (saved := _save(request, form)):
        messages.success(request, _("Het initiatief is bijgewerkt."))
        return redirect("followup:initiative_detail", pk=saved.pk)
    return render(request, "followup/initiative_form.html", {"form": form, "new": False})


@requires("followup.view_initiative")
def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative_or_404(request, pk)
    from maatmonitor.apps.dashboards.figures import before_after

    return render(
        request,
        "followup/initiative_detail.html",
        {
            "initiative": initiative,
            "before_after": before_after(initiative),
            "can_edit": request.user.has_perm("followup.change_initiative"),
        },
    )
