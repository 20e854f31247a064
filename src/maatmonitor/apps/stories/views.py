"""The researcher's review screen: redacted answers with their codes, corrections, training.

Only researchers get here (others 403, anonymous users the login page). The raw text is shown
only on the explicit "toon origineel" page, and every view of it is written to the audit log.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maatmonitor.apps.accounts.constants import AuditAction, Role
from maatmonitor.apps.accounts.permissions import requires
from maatmonitor.apps.accounts.services import audit, has_role
from maatmonitor.apps.waves.constants import JobStatus
from maatmonitor.apps.waves.models import Wave

from . import queries, services, tasks
from .constants import PAGE_SIZE, REVIEW_PERMISSIONS, SentimentChoice
from .forms import CorrectionForm
from .models import StoryAnswer


def _researcher_only(request: HttpRequest) -> None:
    if not has_role(request.user, Role.RESEARCHER):
        raise PermissionDenied


@requires(*REVIEW_PERMISSIONS)
def wave_list(request: HttpRequest) -> HttpResponse:
    _researcher_only(request)
    waves = Wave.objects.annotate(n_stories=Count("stories")).order_by("-number", "audience")
    return render(request, "stories/wave_list.html", {"waves": waves})


@requires(*REVIEW_PERMISSIONS)
def review(request: HttpRequest, wave_pk: int) -> HttpResponse:
    _researcher_only(request)
    wave = get_object_or_404(Wave, pk=wave_pk)
    services.seed_topics()
    topic = request.GET.get("topic", "")
    sentiment = request.GET.get("sentiment", "")
    uncoded = request.GET.get("uncoded") == "1"
    answers = queries.review_answers(
        wave, topic=topic or None, sentiment=sentiment or None, uncoded=uncoded
    )
    page = Paginator(answers, PAGE_SIZE).get_page(request.GET.get("page"))
    labels = {t.code: t.label_nl for t in queries.topics()}
    rows = [(a, [labels.get(c, c) for c in a.topics]) for a in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "stories/review.html",
        {
            "wave": wave,
            "rows": rows,
            "page": page,
            "query": query.urlencode(),
            "topics": queries.topics(),
            "sentiments": SentimentChoice.choices,
            "topic": topic,
            "sentiment": sentiment,
            "uncoded": uncoded,
            "training": queries.latest_training(wave),
            "training_job": queries.running_training_job(wave),
            "clusters": queries.candidate_topics(wave) if request.GET.get("clusters") else None,
        },
    )


@requires(*REVIEW_PERMISSIONS)
def answer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _researcher_only(request)
    answer = get_object_or_404(StoryAnswer.objects.select_related("wave"), pk=pk)
    services.seed_topics()
    initial = {"topics": answer.topics, "sentiment": answer.sentiment}
    form = CorrectionForm(request.POST or None, initial=initial, audience=answer.wave.audience)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_correction(
                answer,
                form.cleaned_data["topics"],
                form.cleaned_data["sentiment"],
                user=request.user,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("De codering is opgeslagen."))
            return redirect(reverse("stories:review", args=[answer.wave_id]))
    return render(request, "stories/answer_edit.html", {"answer": answer, "form": form})


@requires(*REVIEW_PERMISSIONS)
def answer_raw(request: HttpRequest, pk: int) -> HttpResponse:
    """The answer as typed, with personal data: researchers only, audit-logged."""
    _researcher_only(request)
    answer = get_object_or_404(StoryAnswer.objects.select_related("wave"), pk=pk)
    raw = queries.raw_text_for(answer)
    audit(request.user, AuditAction.VIEW_RAW_STORY, f"verhaal {answer.pk} ({answer.wave})")
    return render(request, "stories/answer_raw.html", {"answer": answer, "raw": raw})


@requires(*REVIEW_PERMISSIONS)
@require_POST
def train(request: HttpRequest, wave_pk: int) -> HttpResponse:
    """Queue a training (it takes tens of seconds); the review page shows its progress."""
    _researcher_only(request)
    wave = get_object_or_404(Wave, pk=wave_pk)
    job = tasks.start_training(wave, user=request.user)
    if job.status == JobStatus.DONE:
        messages.success(request, job.message)
    elif job.status == JobStatus.FAILED:
        messages.error(request, _("De training is mislukt: %(m)s") % {"m": job.message})
    else:
        messages.info(
            request, _("De training is gestart. Vernieuw deze pagina om de uitkomst te zien.")
        )
    return redirect(reverse("stories:review", args=[wave.pk]))
