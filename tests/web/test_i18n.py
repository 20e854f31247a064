"""Dutch is the default language; every user-facing string has an English translation."""

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import translation

import maatmonitor

LOCALE = Path(maatmonitor.__file__).parent / "locale"


def _entries(po: Path) -> list[tuple[str, str]]:
    text = po.read_text(encoding="utf-8")
    pattern = re.compile(r'msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)')
    join = lambda block: "".join(line[1:-1] for line in block.strip().splitlines())  # noqa: E731
    return [(join(a), join(b)) for a, b in pattern.findall(text)]


def test_dutch_is_default_and_english_available():
    assert settings.LANGUAGE_CODE == "nl"
    assert [code for code, _ in settings.LANGUAGES] == ["nl", "en"]


def test_english_catalogue_translates_every_string():
    entries = _entries(LOCALE / "en" / "LC_MESSAGES" / "django.po")
    assert len(entries) > 50
    untranslated = [msgid for msgid, msgstr in entries if msgid and not msgstr]
    assert untranslated == []


def test_compiled_catalogue_is_used():
    with translation.override("en"):
        assert translation.gettext("Vragenlijsten") == "Questionnaires"
    with translation.override("nl"):
        assert translation.gettext("Vragenlijsten") == "Vragenlijsten"


def test_browser_language_does_not_switch_away_from_dutch(client):
    response = client.get("/inloggen/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nl"
    assert "Gebruikersnaam" in response.content.decode()


def test_language_switch_sets_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/inloggen/"})
    response = client.get("/inloggen/")
    assert response["Content-Language"] == "en"
    assert "User name" in response.content.decode()


def test_an_english_request_does_not_leave_the_thread_speaking_english(client):
    translation.activate("nl")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("login"))
    assert page["Content-Language"] == "en"
    assert translation.get_language() == "nl"
