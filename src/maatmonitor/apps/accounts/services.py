"""Write API of accounts: role groups, district scoping, login lockout and the audit log."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .constants import (
    DISTRICT_NAMES,
    LOCKOUT_FAILURES,
    LOCKOUT_MINUTES,
    ROLE_PERMISSIONS,
    AuditAction,
    Role,
)
from .models import AuditEvent, DistrictAssignment, LoginFailure, User


@transaction.atomic
def sync_role_groups(apps=None) -> dict[str, Group]:
    """Create a group per role and give it the permissions of ROLE_PERMISSIONS.

    Called by the data migration 0002 and after each app's migrate; permissions of apps not yet
    migrated are picked up on the call for that app, so after a full migrate every group is
    complete (a test checks this). ``apps`` is the migration state's registry when called from
    a data migration, else the real models are used.
    """
    group_model = apps.get_model("auth", "Group") if apps else Group
    permission_model = apps.get_model("auth", "Permission") if apps else Permission
    existing = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in permission_model.objects.values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    groups: dict[str, Group] = {}
    for role in Role:
        group, _ = group_model.objects.get_or_create(name=role.value)
        wanted = ROLE_PERMISSIONS.get(role, ())
        group.permissions.set([existing[p] for p in wanted if p in existing])
        groups[role.value] = group
    return groups


def has_role(user, role: Role) -> bool:
    """True when the user is active and in the role's group (superusers hold every role)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=role.value).exists()


@transaction.atomic
def assign_districts(user: User, districts: Iterable[str]) -> None:
    """Scope a user to exactly these districts (codes of core.codes.DISTRICTS)."""
    wanted = set(districts)
    unknown = sorted(wanted - DISTRICT_NAMES.keys())
    if unknown:
        raise ValidationError(f"onbekend district: {', '.join(unknown)}")
    DistrictAssignment.objects.filter(user=user).exclude(district__in=wanted).delete()
    have = set(DistrictAssignment.objects.filter(user=user).values_list("district", flat=True))
    DistrictAssignment.objects.bulk_create(
        DistrictAssignment(user=user, district=d) for d in sorted(wanted - have)
    )


def audit(user, action: str, obj_label: str) -> AuditEvent:
    """Record that ``user`` did ``action`` (an AuditAction) on ``obj_label``.

    The label names the object (e.g. "export 2026-2 clients xlsx"); never put personal data in it.
    """
    if action not in AuditAction.values:
        raise ValueError(f"onbekende audithandeling: {action!r}")
    authenticated = user is not None and user.is_authenticated
    return AuditEvent.objects.create(
        user=user if authenticated else None,
        username=user.get_username() if authenticated else "",
        action=action,
        obj_label=obj_label[:255],
    )


def _window_start():
    return timezone.now() - timedelta(minutes=LOCKOUT_MINUTES)


def is_locked_out(username: str, ip: str | None) -> bool:
    """True when this username failed LOCKOUT_FAILURES times from this address in the window."""
    recent = LoginFailure.objects.filter(
        username__iexact=username, ip=ip, at__gte=_window_start()
    ).count()
    return recent >= LOCKOUT_FAILURES


def record_login_failure(username: str, ip: str | None) -> None:
    LoginFailure.objects.create(username=username[:150], ip=ip)
    # Old rows carry no meaning for the lockout; keep the table small.
    LoginFailure.objects.filter(at__lt=timezone.now() - timedelta(days=1)).delete()


def clear_login_failures(username: str, ip: str | None) -> None:
    LoginFailure.objects.filter(username__iexact=username, ip=ip).delete()
