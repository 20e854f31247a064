"""Opting out from the e-mail link or with the letter code: confirmed by POST, honoured at once."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from maatmonitor.apps.fieldwork import codes
from maatmonitor.apps.fieldwork.models import OptOut, SampleUnit
from tests.factories_outreach import wave_in_field

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_lockouts():
    cache.clear()
    yield
    cache.clear()


def test_link_asks_first_and_opts_out_on_post(client):
    wave = wave_in_field(1)
    unit = SampleUnit.objects.get(wave=wave)
    url = reverse("optout:confirm", args=[codes.unit_codes(unit).personal])
    page = client.get(url)
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    unit.refresh_from_db()
    assert unit.opted_out_at is None  # a GET (mail scanner, preview) never opts out
    done = client.post(url)
    assert "U bent afgemeld" in done.content.decode()
    unit.refresh_from_db()
    assert unit.opted_out_at is not None
    assert OptOut.objects.filter(unit_id=unit.unit_id).exists()


def test_letter_code_entry_leads_to_the_confirmation(client):
    wave = wave_in_field(1)
    unit = SampleUnit.objects.get(wave=wave)
    unit_codes = codes.unit_codes(unit)
    typed = unit_codes.letter.replace("-", " ").lower()
    response = client.post(reverse("optout:entry"), {"code": typed})
    assert response.url == reverse("optout:confirm", args=[unit_codes.personal])


def test_wrong_codes_are_explained_and_locked_out(client, settings):
    settings.FIELDWORK_CODE_LIMITS = {"ip": 3, "prefix": 3}
    wave_in_field(1)
    typo = client.post(reverse("optout:entry"), {"code": "ABCD"})
    assert typo.status_code == 400
    assert "12 tekens" in typo.content.decode()
    for _ in range(3):
        unknown = client.get(reverse("optout:confirm", args=["a" * 26]))
        assert unknown.status_code == 404
    locked = client.get(reverse("optout:confirm", args=["b" * 26]))
    assert locked.status_code == 429
    assert not OptOut.objects.exists()
