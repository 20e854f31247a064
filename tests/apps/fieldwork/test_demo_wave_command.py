"""`manage.py demo_wave`: an open demo wave whose printed links and letter codes work."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from maatmonitor.apps.fieldwork.models import SampleUnit
from maatmonitor.apps.waves.models import Wave

pytestmark = pytest.mark.django_db
ROW = re.compile(r"^\s+(\S+)\s+(\S+/v/([a-z2-7]{26})/)\s+([2-9A-Y]{4}-[2-9A-Y]{4}-[2-9A-Y]{4})$")


def _run(**options) -> list[tuple[str, str, str, str]]:
    out = StringIO()
    call_command("demo_wave", stdout=out, **options)
    return [m.groups() for line in out.getvalue().splitlines() if (m := ROW.match(line))]


def test_refused_without_debug_or_force():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_wave", stdout=StringIO())
    assert not Wave.objects.filter(code="demo-open").exists()


def test_prints_working_links_and_letter_codes_and_is_idempotent(client, settings):
    settings.PUBLIC_URL = "https://monitor.example.invalid/"
    rows = _run(force=True)
    assert len(rows) == 20
    wave = Wave.objects.get(code="demo-open", audience="client")
    assert wave.status == "fielding"
    assert wave.accepts_responses()
    assert (wave.closes_on - wave.opens_on).days == 30
    assert SampleUnit.objects.filter(wave=wave).count() == 20
    assert all(link.startswith("https://monitor.example.invalid/v/") for _, link, _, _ in rows)

    _unit_id, _link, personal, letter = rows[0]
    opened = client.get(f"/v/{personal}/")
    assert opened.status_code == 302
    assert "/p/" in opened["Location"]
    page = client.get(opened["Location"])
    assert page.status_code == 200
    assert b'type="radio"' in page.content
    typed = client.post("/v/", {"code": letter})
    assert typed.status_code == 302
    assert typed["Location"].endswith(f"/v/{personal}/")

    again = _run(force=True)
    assert again == rows  # same units, same codes, re-derived from the nonces
    assert SampleUnit.objects.filter(wave=wave).count() == 20
    assert Wave.objects.filter(code="demo-open").count() == 1


def test_units_option_and_bad_value(settings):
    settings.DEBUG = True
    assert len(_run(units=3)) == 3
    with pytest.raises(CommandError, match="--units"):
        call_command("demo_wave", units=0, stdout=StringIO())
