import pytest
from django.urls import reverse

from maatmonitor.apps.instruments.services import import_questionnaire_file
from maatmonitor.core.instrument import shipped_questionnaire_paths
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_admin_browses_versions_read_only(client):
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    version = import_questionnaire_file(shipped_questionnaire_paths()["client"]).version
    client.force_login(admin_user)
    listing = client.get(reverse("admin:instruments_questionnaireversion_changelist"))
    assert listing.status_code == 200
    assert "2026.1" in listing.content.decode()
    page = client.get(reverse("admin:instruments_questionnaireversion_change", args=[version.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "UWV houdt rekening met wat ik nodig heb." in body
    assert 'name="items-0-text_nl"' not in body  # items are shown, not editable
    assert client.get(reverse("admin:instruments_questionnaireversion_add")).status_code == 403


def test_non_staff_cannot_open_admin(client, researcher):
    client.force_login(researcher)
    response = client.get(reverse("admin:instruments_questionnaireversion_changelist"))
    assert response.status_code == 302
