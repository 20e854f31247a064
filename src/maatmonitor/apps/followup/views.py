"""Pages of follow-up: the public signal form, handlers' lists and steps, SLA performance."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maatmonitor.apps.accounts.constants import DISTRICT_CHOICES, AuditAction
from maatmonitor.apps.accounts.permissions import PUBLIC, requires
from maatmonitor.apps.accounts.services import audit

from . import queries, services
from .constants import SignalSource, SignalStatus, SignalStep
from .forms import SignalIntakeForm, StepForm
from .models import Signal

SESSION_REFERENCE = "followup_last_signal"


@requires(PUBLIC)
def signal_intake(request: HttpRequest) -> HttpResponse:
    """The accessible public form: anyone (client, council member, staff) can raise a signal."""
    initial = {}
    if request.user.is_authenticated:
        initial["source"] = (
            SignalSource.COUNCIL
            if request.user.has_perm("followup.view_signal")
            and not request.user.has_perm("followup.change_signal")
            else SignalSource.STAFF
        )
    form = SignalIntakeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        signal = services.create_signal(by=request.user, **form.cleaned_data)
        request.session[SESSION_REFERENCE] = signal.reference
        return redirect("followup:signal_received")
    return render(request, "followup/signal_intake.html", {"form": form})


@requires(PUBLIC)
def signal_received(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(SESSION_REFERENCE)
    if not reference:
        return redirect("followup:signal_intake")
    return render(request, "followup/signal_received.html", {"reference": reference})


@requires("followup.view_signal")
def signal_list(request: HttpRequest) -> HttpResponse:
    """Signals of the user's districts, with overdue and nearly-due lists."""
    signals = queries.signals_for(request.user)
    today = timezone.localdate()
    status = request.GET.get("status", "open")
    district = request.GET.get("district", "")
    shown = signals
    if status == "open":
        shown = shown.filter(
            status__in=(SignalStatus.RECEIVED, SignalStatus.SEEN, SignalStatus.HEARD)
        )
    elif status in SignalStatus.values:
        shown = shown.filter(status=status)
    if district:
        shown = shown.filter(district=district)
    rows = [(s, s.overdue_steps(today)) for s in shown[:200]]
    visible = set(signals.values_list("district", flat=True))
    return render(
        request,
        "followup/signal_list.html",
        {
            "rows": rows,
            "overdue": queries.overdue(signals, today),
            "nearly_due": queries.nearly_due(signals, today),
            "statuses": SignalStatus.choices,
            "status": status,
            "districts": [c for c in DISTRICT_CHOICES if c[0] in visible],
            "district": district,
            "today": today,
        },
    )


def _signal_or_404(request: HttpRequest, pk: int) -> Signal:
    try:
        return queries.signals_for(request.user).get(pk=pk)
    except Signal.DoesNotExist as exc:
        raise Http404 from exc


@requires("followup.view_signal")
def signal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    signal = _signal_or_404(request, pk)
    can_act = request.user.has_perm("followup.change_signal")
    if can_act and signal.contact_removed_at is None and signal.consent_contact:
        audit(request.user, AuditAction.VIEW_CONTACT, signal.reference)
    steps = [(s, SignalStep(s).label) for s in services.allowed_steps(signal)] if can_act else []
    return render(
        request,
        "followup/signal_detail.html",
        {
            "signal": signal,
            "events": signal.events.all(),
            "steps": steps,
            "can_act": can_act,
            "overdue": signal.overdue_steps(timezone.localdate()),
            "form": StepForm(),
        },
    )


@requires("followup.change_signal")
@require_POST
def signal_step(request: HttpRequest, pk: int) -> HttpResponse:
    signal = _signal_or_404(request, pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een stap."))
        return redirect("followup:signal_detail", pk=pk)
    try:
        signal = services.transition(
            signal,
            form.cleaned_data["step"],
            request.user,
            note=form.cleaned_data["note"],
            team=form.cleaned_data["team"],
        )
    except services.TransitionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Signaal %(ref)s heeft nu de status '%(status)s'.")
            % {"ref": signal.reference, "status": signal.get_status_display()},
        )
    return redirect("followup:signal_detail", pk=pk)


@requires("followup.view_signal")
def sla_report(request: HttpRequest) -> HttpResponse:
    """Share of steps taken within their term, per district."""
    rows = queries.sla_performance(queries.signals_for(request.user))
    return render(request, "followup/sla_report.html", {"rows": rows})
