"""Reads of accounts: which districts a user may see, and the audit log."""

from __future__ import annotations

from django.db.models import QuerySet

from .constants import DISTRICT_NAMES
from .models import AuditEvent, DistrictAssignment


def sees_all_districts(user) -> bool:
    """Researchers, administrators and superusers see every district; scoped roles do not."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.has_perm("accounts.view_national_dashboard")


def districts_for(user) -> frozenset[str]:
    """The district codes this user may see: all for national roles, else their assignments."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if sees_all_districts(user):
        return frozenset(DISTRICT_NAMES)
    return frozenset(
        DistrictAssignment.objects.filter(user=user).values_list("district", flat=True)
    )


def audit_events(user) -> QuerySet[AuditEvent]:
    """The audit log, newest first; empty for anyone who may not read it."""
    if not user.has_perm("accounts.view_auditevent"):
        return AuditEvent.objects.none()
    return AuditEvent.objects.all()
