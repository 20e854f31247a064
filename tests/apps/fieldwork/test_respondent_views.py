import re

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from maatmonitor.apps.fieldwork.models import Response
from tests.factories_fieldwork import close_wave, fielding_wave, units_with_codes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def wave():
    return fielding_wave()


@pytest.fixture
def unit_codes(wave):
    (unit, issued), *_ = units_with_codes(wave, 2)
    return unit, issued


def page_url(code, page):
    return reverse("respondent:page", args=[code, page])


def test_letter_code_leads_to_the_first_page(client, unit_codes):
    _unit, issued = unit_codes
    response = client.post(reverse("respondent:start"), {"code": issued.letter.lower()})
    assert response.status_code == 302
    assert response["Location"] == reverse("respondent:resume", args=[issued.personal])
    response = client.get(response["Location"])
    assert response["Location"] == page_url(issued.personal, "over_u")


def test_code_page_reports_a_typo_without_counting_a_failure(client, unit_codes):
    _, issued = unit_codes
    typo = issued.letter[:-1] + ("A" if issued.letter[-1] != "A" else "B")
    response = client.post(reverse("respondent:start"), {"code": typo})
    assert response.status_code == 400
    assert "typefout" in response.content.decode()
    assert "autofocus" in response.content.decode()  # the error summary takes the focus


def test_background_page_is_prefilled_from_the_frame(client, unit_codes):
    unit, issued = unit_codes
    html = client.get(page_url(issued.personal, "over_u")).content.decode()
    assert f'value="{unit.journey}" checked' in html
    assert "alvast ingevuld" in html
    assert html.count("<fieldset") == 3  # one fieldset per question, never a grid
    assert html.count("Weet ik niet") == 3


def test_statement_page_has_one_fieldset_per_statement_and_dont_know(client, unit_codes):
    _, issued = unit_codes
    html = client.get(page_url(issued.personal, "als_mens")).content.decode()
    assert html.count("<fieldset") == 5
    assert html.count('type="radio"') == 5 * 6
    assert html.count("Weet ik niet / niet van toepassing") == 5
    assert "Stap 2 van" in html
    assert reverse("respondent:page", args=[issued.personal, "over_u"]) in html  # back link


def test_missing_answers_show_an_error_summary_linking_to_each_question(client, unit_codes):
    _, issued = unit_codes
    response = client.post(page_url(issued.personal, "als_mens"), {"mens_1": "4", "action": "next"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Fout:" in html
    assert 'href="#q-mens_2-0"' in html
    assert 'href="#q-mens_1-0"' not in html
    assert 'value="4" checked' in html  # what was typed is kept
    assert Response.objects.filter(unit__unit_id="c000000").first() is None


def test_tampered_value_is_refused(client, unit_codes):
    _, issued = unit_codes
    data = {f"mens_{i}": "4" for i in range(1, 6)} | {"mens_3": "7", "action": "next"}
    html = client.post(page_url(issued.personal, "als_mens"), data).content.decode()
    assert "Kies een van de antwoorden" in html


def test_later_verder_saves_without_validation_and_resume_returns(client, unit_codes):
    unit, issued = unit_codes
    response = client.post(
        page_url(issued.personal, "als_mens"), {"mens_1": "2", "mens_2": "9", "action": "later"}
    )
    assert response["Location"] == reverse("respondent:paused", args=[issued.personal])
    saved = Response.objects.get(unit=unit)
    assert saved.answers == {"mens_1": 2, "mens_2": 9}
    resumed = client.get(reverse("respondent:resume", args=[issued.personal]))
    assert resumed["Location"] == page_url(issued.personal, "als_mens")
    html = client.get(resumed["Location"]).content.decode()
    assert 'id="q-mens_1-1" name="mens_1" value="2" checked' in html


def _complete(client, code):
    url = reverse("respondent:resume", args=[code])
    location = client.get(url)["Location"]
    for _ in range(20):
        html = client.get(location).content.decode()
        names = sorted(set(re.findall(r'type="radio"[^>]*name="([^"]+)"', html)))
        data = {n: "dk" if n != "mens_1" else "4" for n in names}
        # scales whose own "weet ik niet" is a number have no "dk" option
        for n in names:
            if f'name="{n}" value="dk"' not in html:
                data[n] = re.findall(rf'name="{n}" value="([^"]+)"', html)[0]
        token = re.search(r'name="token" value="([^"]+)"', html).group(1)
        action = "submit" if 'value="submit"' in html else "next"
        response = client.post(location, data | {"action": action, "token": token})
        location = response["Location"]
        if location.endswith("/klaar/"):
            return location, data | {"action": action, "token": token}
    raise AssertionError("never reached the end")


def test_full_questionnaire_then_double_submit_and_replay(client, unit_codes):
    unit, issued = unit_codes
    done, last_post = _complete(client, issued.personal)
    assert client.get(done).status_code == 200
    response = Response.objects.get(unit=unit)
    assert response.status == "completed"
    completed_at = response.completed_at
    # a replay of the final POST and a second click change nothing
    last_page = response.current_page
    replay = client.post(page_url(issued.personal, last_page), last_post)
    assert replay["Location"] == done
    assert Response.objects.filter(unit=unit).count() == 1
    assert Response.objects.get(unit=unit).completed_at == completed_at
    assert client.get(reverse("respondent:resume", args=[issued.personal]))["Location"] == done


def test_closed_wave_shows_a_friendly_page(client, wave, unit_codes):
    _, issued = unit_codes
    close_wave(wave)
    response = client.get(page_url(issued.personal, "over_u"))
    assert response.status_code == 200
    assert "gesloten" in response.content.decode()
    response = client.post(page_url(issued.personal, "over_u"), {"action": "next"})
    assert response.status_code == 200
    assert "gesloten" in response.content.decode()


def test_opted_out_unit_sees_that_it_is_opted_out(client, unit_codes):
    from django.utils import timezone

    unit, issued = unit_codes
    unit.opted_out_at = timezone.now()
    unit.save()
    html = client.get(page_url(issued.personal, "over_u")).content.decode()
    assert "afgemeld" in html


def test_english_switch_uses_the_language_cookie(client, unit_codes):
    _, issued = unit_codes
    client.post(reverse("set_language"), {"language": "en", "next": "/v/"})
    html = client.get(page_url(issued.personal, "als_mens")).content.decode()
    assert '<html lang="en">' in html
    assert "UWV listens to my story." in html


def test_pages_carry_strict_csp_and_no_caching(client, unit_codes):
    _, issued = unit_codes
    response = client.get(page_url(issued.personal, "over_u"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "same-origin"
    assert "style=" not in response.content.decode()
    assert "<script" not in response.content.decode()


def test_csrf_is_enforced(unit_codes):
    from django.test import Client

    _, issued = unit_codes
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(page_url(issued.personal, "over_u"), {"action": "later"})
    assert response.status_code == 403


@override_settings(FIELDWORK_CODE_LIMITS={"ip": 3, "prefix": 100})
def test_lockout_per_ip_after_repeated_wrong_codes(client, unit_codes):
    _, issued = unit_codes
    for i in range(3):
        response = client.get(reverse("respondent:resume", args=["a" * 25 + "bcd"[i]]))
        assert response.status_code == 404
    locked = client.post(reverse("respondent:start"), {"code": issued.letter})
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) > 0
    other_ip = client.post(
        reverse("respondent:start"), {"code": issued.letter}, REMOTE_ADDR="10.0.0.9"
    )
    assert other_ip.status_code == 302


@override_settings(FIELDWORK_CODE_LIMITS={"ip": 100, "prefix": 2})
def test_lockout_per_code_prefix_across_ips(client, unit_codes):
    from maatmonitor.apps.fieldwork import codes

    _, issued = unit_codes
    prefix = issued.letter[:4]
    wrong = []
    for a, b in [("2", "3"), ("4", "5"), ("6", "7"), ("8", "9")]:
        data = prefix + a + b + "AAAAA"
        guess = data + codes.check_character(data)
        if guess != issued.letter.replace("-", ""):
            wrong.append(guess)
    for i, guess in enumerate(wrong[:2]):
        assert (
            client.post(
                reverse("respondent:start"), {"code": guess}, REMOTE_ADDR=f"10.0.1.{i}"
            ).status_code
            == 400
        )
    response = client.post(
        reverse("respondent:start"), {"code": issued.letter}, REMOTE_ADDR="10.0.2.1"
    )
    assert response.status_code == 429


@pytest.mark.parametrize(
    ("outcome", "journey", "asked"),
    [
        ("granted", "unemployed", {"redelijk_2", "helpt_4"}),
        ("none", "sick_disabled", set()),
    ],
)
def test_pages_follow_the_instrument_routing(client, unit_codes, outcome, journey, asked):
    _, issued = unit_codes
    data = {"journey": journey, "outcome": outcome, "age_band": "27_44", "action": "next"}
    client.post(page_url(issued.personal, "over_u"), data)
    html = client.get(page_url(issued.personal, "redelijk")).content.decode()
    html += client.get(page_url(issued.personal, "hulp")).content.decode()
    shown = {q for q in ("redelijk_2", "helpt_4") if f'name="{q}"' in html}
    assert shown == asked
