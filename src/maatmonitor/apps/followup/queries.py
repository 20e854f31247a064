"""Reads of follow-up, each scoped to the districts the asking user may see."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from maatmonitor.apps.accounts.constants import DISTRICT_NAMES
from maatmonitor.apps.accounts.queries import districts_for, sees_all_districts

from .constants import OPEN_STATUSES, SignalStatus
from .models import Initiative, Signal
from .workdays import add_working_days


def signals_for(user) -> QuerySet[Signal]:
    """Signals the user may read: handlers their districts, council members their council's
    district plus what they raised themselves, national roles everything."""
    if not user.is_authenticated or not user.has_perm("followup.view_signal"):
        return Signal.objects.none()
    qs = Signal.objects.all()
    if sees_all_districts(user):
        return qs
    return qs.filter(Q(district__in=districts_for(user)) | Q(created_by=user))


def initiatives_for(user) -> QuerySet[Initiative]:
    """Initiatives of the user's districts (all for national roles)."""
    if not user.is_authenticated or not user.has_perm("followup.view_initiative"):
        return Initiative.objects.none()
    return Initiative.objects.filter(district__in=districts_for(user)).select_related("wave")


def overdue(signals: QuerySet[Signal], today: date) -> list[Signal]:
    """Open signals with at least one term passed."""
    return [s for s in signals.filter(status__in=OPEN_STATUSES) if s.overdue_steps(today)]


def nearly_due(signals: QuerySet[Signal], today: date) -> list[Signal]:
    """Open signals, not overdue, whose next step is due today or on the next working day."""
    horizon = add_working_days(today, 1)
    out = []
    for s in signals.filter(status__in=OPEN_STATUSES):
        due = s.next_due()
        if due is not None and not s.overdue_steps(today) and due <= horizon:
            out.append(s)
    return out


def _within(done_at, due: date) -> bool | None:
    from django.utils import timezone

    return None if done_at is None else timezone.localdate(done_at) <= due


def sla_performance(signals: QuerySet[Signal]) -> list[dict[str, Any]]:
    """Per district: number of signals and the share of each step taken within its term."""
    rows: dict[str, dict[str, list[bool]]] = defaultdict(
        lambda: {"acknowledge": [], "assess": [], "resolve": []}
    )
    counts: dict[str, int] = defaultdict(int)
    for s in signals:
        counts[s.district] += 1
        for key, done, due in (
            ("acknowledge", s.seen_at, s.acknowledge_due),
            ("assess", s.heard_at, s.assess_due),
            ("resolve", s.helped_at, s.resolve_due),
        ):
            ok = _within(done, due)
            if ok is not None:
                rows[s.district][key].append(ok)
    out = []
    for district in sorted(counts, key=lambda d: DISTRICT_NAMES.get(d, d)):
        row: dict[str, Any] = {
            "district": district,
            "district_name": DISTRICT_NAMES.get(district, district),
            "n": counts[district],
        }
        for key, values in rows[district].items():
            row[f"{key}_n"] = len(values)
            row[f"{key}_on_time"] = sum(values) / len(values) if values else None
        out.append(row)
    return out


def topic_counts(signals: QuerySet[Signal]) -> dict[str, int]:
    """How often each codeframe topic occurs among these signals."""
    counts: dict[str, int] = defaultdict(int)
    for topics in signals.values_list("topics", flat=True):
        for topic in topics or ():
            counts[topic] += 1
    return dict(counts)


def initiative_as_dict(i: Initiative) -> dict[str, Any]:
    """The plain shape of contract C4 (reports' "wat gaan we doen")."""
    return {
        "title": i.title,
        "finding": {
            "dimension": i.dimension or None,
            "topic": i.topic or None,
            "journey": i.journey or None,
            "district": i.district,
        },
        "owner": i.owner,
        "status": i.status,
        "status_label": str(i.get_status_display()),
        "planned_actions": i.planned_actions,
        "start": i.start_date.isoformat() if i.start_date else None,
        "end": i.end_date.isoformat() if i.end_date else None,
        "wave": i.wave.code if i.wave_id else None,
    }


def initiatives_for_report(wave, district: str | None = None) -> list[dict[str, Any]]:
    """Contract C4: initiatives linked to findings of ``wave``,
    optionally of one district, as plain dicts. Stopped initiatives are left out."""
    qs = Initiative.objects.filter(wave=wave).exclude(status="stopped").select_related("wave")
    if district:
        qs = qs.filter(district=district)
    return [initiative_as_dict(i) for i in qs.order_by("district", "title")]


def open_signal_count(district: str) -> int:
    return Signal.objects.filter(district=district, status__in=OPEN_STATUSES).count()


__all__ = [
    "SignalStatus",
    "initiatives_for",
    "initiatives_for_report",
    "nearly_due",
    "overdue",
    "signals_for",
    "sla_performance",
    "topic_counts",
]
