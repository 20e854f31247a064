import pytest
from django.urls import reverse

from maatmonitor.apps.accounts.constants import Role
from maatmonitor.apps.instruments import services
from maatmonitor.apps.instruments.models import ItemComment
from maatmonitor.core.instrument import shipped_questionnaire_paths
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return services.import_questionnaire_file(shipped_questionnaire_paths()["client"]).version


@pytest.fixture
def in_use():
    version = services.import_questionnaire_file(shipped_questionnaire_paths()["employer"]).version
    return services.lock_version(version)


def test_anonymous_is_sent_to_login(client, draft):
    for url in (
        reverse("instruments:version_list"),
        reverse("instruments:version_detail", args=[draft.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_roles_without_instrument_rights_are_refused(client, draft, liaison_officer):
    client.force_login(liaison_officer)
    assert client.get(reverse("instruments:version_list")).status_code == 403
    assert client.get(reverse("instruments:version_detail", args=[draft.pk])).status_code == 403
    item = draft.items.first()
    url = reverse("instruments:add_comment", args=[draft.pk, item.pk])
    assert client.post(url, {"text": "x"}).status_code == 403
    assert not ItemComment.objects.exists()


def test_council_member_sees_drafts_only(client, draft, in_use, council_member):
    client.force_login(council_member)
    page = client.get(reverse("instruments:version_list")).content.decode()
    assert reverse("instruments:version_detail", args=[draft.pk]) in page
    assert reverse("instruments:version_detail", args=[in_use.pk]) not in page
    assert client.get(reverse("instruments:version_detail", args=[in_use.pk])).status_code == 404


def test_researcher_sees_every_version(client, draft, in_use, researcher):
    client.force_login(researcher)
    page = client.get(reverse("instruments:version_list")).content.decode()
    assert reverse("instruments:version_detail", args=[draft.pk]) in page
    assert reverse("instruments:version_detail", args=[in_use.pk]) in page


def test_council_comment_round_trip_and_visibility(client, draft, council_member, researcher):
    item = draft.items.get(item_id="mens_3")
    client.force_login(council_member)
    detail = reverse("instruments:version_detail", args=[draft.pk])
    assert 'name="text"' in client.get(detail).content.decode()
    response = client.post(
        reverse("instruments:add_comment", args=[draft.pk, item.pk]),
        {"text": "Respect is een groot woord."},
    )
    assert response.status_code == 302
    assert ItemComment.objects.get().author == council_member

    other = UserFactory(roles=[Role.COUNCIL_MEMBER])
    client.force_login(other)
    assert "Respect is een groot woord." not in client.get(detail).content.decode()

    client.force_login(researcher)
    page = client.get(detail).content.decode()
    assert "Respect is een groot woord." in page
    assert 'name="text"' not in page  # researchers read comments, they do not place them


def test_comment_on_item_of_other_version_is_not_found(client, draft, in_use, council_member):
    client.force_login(council_member)
    foreign_item = in_use.items.first()
    url = reverse("instruments:add_comment", args=[draft.pk, foreign_item.pk])
    assert client.post(url, {"text": "x"}).status_code == 404


def test_english_interface(client, draft, researcher):
    client.force_login(researcher)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("instruments:version_detail", args=[draft.pk])).content.decode()
    assert "UWV takes into account what I need." in page
    assert '<html lang="en">' in page
