"""Researcher pages of fieldwork: waves, field period, status, sending, jobs and monitoring.

Everything here is for the researcher role (permissions waves.view_wave / waves.change_wave).
Pages work without JavaScript; a running job's page refreshes itself with a meta refresh.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from maatmonitor.apps.accounts.constants import AuditAction
from maatmonitor.apps.accounts.permissions import requires
from maatmonitor.apps.accounts.services import audit
from maatmonitor.apps.waves import services as wave_services
from maatmonitor.apps.waves.constants import JobKind, JobStatus, WaveStatus
from maatmonitor.apps.waves.models import Wave, WaveJob

from . import monitoring, outreach, tasks

VIEW = "waves.view_wave"
CHANGE = "waves.change_wave"
T = "fieldwork/staff/"


class FieldPeriodForm(forms.Form):
    opens_on = forms.DateField(
        label=gettext_lazy("Open vanaf"),
        widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d"),
    )
    closes_on = forms.DateField(
        label=gettext_lazy("Laatste dag"),
        widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d"),
    )
    reminder_days = forms.CharField(
        label=gettext_lazy("Herinneringen (dagen na opening, met komma's)"),
        required=False,
        max_length=100,
    )

    def clean_reminder_days(self) -> list[int]:
        text = self.cleaned_data["reminder_days"].replace(" ", "")
        try:
            return [int(part) for part in text.split(",") if part]
        except ValueError:
            raise ValidationError(
                _("Typ hele getallen met komma's ertussen, bijvoorbeeld 7,14.")
            ) from None


def _wave(pk: int) -> Wave:
    return get_object_or_404(Wave.objects.select_related("questionnaire_version"), pk=pk)


@requires(VIEW)
@require_GET
def wave_list(request: HttpRequest) -> HttpResponse:
    waves = Wave.objects.select_related("questionnaire_version__questionnaire")
    return render(request, T + "wave_list.html", {"waves": waves})


def _records(table: pd.DataFrame) -> list[dict[str, object]]:
    return [
        {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in row.items()}
        for row in table.to_dict("records")
    ]


@requires(VIEW)
@require_GET
def wave_detail(request: HttpRequest, pk: int) -> HttpResponse:
    wave = _wave(pk)
    per_stratum = monitoring.stratum_table(wave)
    per_day = monitoring.day_table(wave)
    due = monitoring.reminder_table(wave) if len(per_stratum) else per_stratum
    target, problems = wave_services.allowed_transition(wave)
    initial = {
        "opens_on": wave.opens_on,
        "closes_on": wave.closes_on,
        "reminder_days": ",".join(str(d) for d in wave.reminder_days or []),
    }
    context = {
        "wave": wave,
        "strata": _records(per_stratum),
        "days": _records(per_day),
        "due": _records(due),
        "totals": monitoring.totals(per_stratum),
        "next_status": WaveStatus(target) if target else None,
        "problems": problems,
        "period_form": FieldPeriodForm(initial=initial),
        "jobs": wave.jobs.all()[:10],
        "queued_letters": outreach.queued_letters(wave).count(),
        "reminders_due": outreach.reminders_due(wave),
        "reminder_dates": wave.reminder_dates(),
        "fielding": wave.status == WaveStatus.FIELDING,
        "running": wave.jobs.filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).exists(),
    }
    return render(request, T + "wave_detail.html", context)


@requires(CHANGE)
@require_POST
def change_status(request: HttpRequest, pk: int) -> HttpResponse:
    wave = _wave(pk)
    try:
        wave_services.transition(wave, request.POST.get("target", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Meting %(w)s: %(s)s.") % {"w": str(wave), "s": wave.get_status_display()}
        )
    return redirect("fieldwork_staff:wave_detail", pk=pk)


@requires(CHANGE)
@require_POST
def set_period(request: HttpRequest, pk: int) -> HttpResponse:
    wave = _wave(pk)
    form = FieldPeriodForm(request.POST)
    if form.is_valid():
        try:
            wave_services.set_field_period(
                wave,
                form.cleaned_data["opens_on"],
                form.cleaned_data["closes_on"],
                form.cleaned_data["reminder_days"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("De veldwerkperiode is opgeslagen."))
    else:
        errors = [f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items()]
        messages.error(request, " ".join(errors))
    return redirect("fieldwork_staff:wave_detail", pk=pk)


@requires(CHANGE)
@require_POST
def start(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    wave = _wave(pk)
    if kind not in JobKind.values:
        raise Http404
    params: dict[str, object] = {}
    if kind == JobKind.REMIND and request.POST.get("scope") == "due":
        params["strata"] = [str(s) for s in monitoring.reminder_table(wave)["stratum"]]
    if kind in (JobKind.INVITE, JobKind.REMIND) and wave.status != WaveStatus.FIELDING:
        messages.error(request, _("Zet de meting eerst in het veld."))
        return redirect("fieldwork_staff:wave_detail", pk=pk)
    job = tasks.start_job(wave, kind, request.user, **params)
    return redirect("fieldwork_staff:job_detail", pk=pk, job_pk=job.pk)


def _job(pk: int, job_pk: int) -> WaveJob:
    return get_object_or_404(WaveJob.objects.select_related("wave"), pk=job_pk, wave_id=pk)


@requires(VIEW)
@require_GET
def job_detail(request: HttpRequest, pk: int, job_pk: int) -> HttpResponse:
    job = _job(pk, job_pk)
    files = sorted(p.name for p in Path(job.output).glob("*.pdf")) if job.output else []
    running = job.status in (JobStatus.QUEUED, JobStatus.RUNNING)
    return render(
        request,
        T + "job_detail.html",
        {"job": job, "wave": job.wave, "files": files, "running": running},
    )


@requires(CHANGE)
@require_GET
def job_file(request: HttpRequest, pk: int, job_pk: int, name: str) -> FileResponse:
    job = _job(pk, job_pk)
    if not job.output or "/" in name or not name.endswith(".pdf"):
        raise Http404
    path = Path(job.output) / name
    if not path.is_file():
        raise Http404
    # letters carry the respondents' codes: who fetched which batch is kept
    audit(request.user, AuditAction.VIEW_RESPONDENT_FILE, f"brieven {name}")
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)


def _csv(table: pd.DataFrame, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    frame = table.copy()
    for col in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[col]):
            frame[col] = frame[col].dt.strftime("%Y-%m-%d")
    frame.to_csv(response, index=False, quoting=csv.QUOTE_MINIMAL, float_format="%.4f")
    return response


@requires(VIEW)
@require_GET
def export_strata(request: HttpRequest, pk: int) -> HttpResponse:
    wave = _wave(pk)
    name = f"respons-per-stratum-{wave.code}-{wave.audience}.csv"
    audit(request.user, AuditAction.EXPORT, name)
    return _csv(monitoring.stratum_table(wave), name)


@requires(VIEW)
@require_GET
def export_days(request: HttpRequest, pk: int) -> HttpResponse:
    wave = _wave(pk)
    name = f"respons-per-dag-{wave.code}-{wave.audience}.csv"
    audit(request.user, AuditAction.EXPORT, name)
    return _csv(monitoring.day_table(wave), name)
