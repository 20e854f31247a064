from django.contrib.auth.models import Group

from maatmonitor.apps.accounts.constants import ROLE_PERMISSIONS, Role
from maatmonitor.apps.accounts.services import has_role
from tests.factories import UserFactory


def test_every_role_group_holds_exactly_its_permissions_after_migrate(db):
    for role in Role:
        group = Group.objects.get(name=role.value)
        held = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        assert held == set(ROLE_PERMISSIONS[role]), role


def test_has_role_checks_group_membership_and_activity(db):
    user = UserFactory(roles=[Role.COUNCIL_MEMBER])
    assert has_role(user, Role.COUNCIL_MEMBER)
    assert not has_role(user, Role.RESEARCHER)
    user.is_active = False
    assert not has_role(user, Role.COUNCIL_MEMBER)
