"""Shared fixtures: the role users every authorisation test needs."""

import pytest

from maatmonitor.apps.accounts.constants import Role
from tests.factories import UserFactory


@pytest.fixture
def researcher(db):
    return UserFactory(roles=[Role.RESEARCHER])


@pytest.fixture
def council_member(db):
    return UserFactory(roles=[Role.COUNCIL_MEMBER])


@pytest.fixture
def liaison_officer(db):
    return UserFactory(roles=[Role.LIAISON_OFFICER])
