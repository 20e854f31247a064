"""Write API of accounts: keep the role groups in line with ROLE_PERMISSIONS."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .constants import ROLE_PERMISSIONS, Role


@transaction.atomic
def sync_role_groups() -> dict[str, Group]:
    """Create a group per role and give it the permissions of ROLE_PERMISSIONS.

    Runs after each app's migrate; permissions of apps not yet migrated are picked up on the
    call for that app, so after a full migrate every group is complete (a test checks this).
    """
    existing = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    groups: dict[str, Group] = {}
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.value)
        wanted = ROLE_PERMISSIONS.get(role, ())
        group.permissions.set([existing[p] for p in wanted if p in existing])
        groups[role.value] = group
    return groups


def has_role(user, role: Role) -> bool:
    """True when the user is active and in the role's group (superusers hold every role)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=role.value).exists()
