"""Whole questionnaires in a real browser: keyboard only (client and employer), on a 390 px
phone, resuming after the browser was closed, and a double-clicked submit."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from playwright.sync_api import expect

from maatmonitor.apps.fieldwork.models import FieldworkEvent, Response
from maatmonitor.apps.fieldwork.queries import questionnaire_for
from tests.apps.fieldwork.browser import (
    MOBILE,
    chromium,
    new_page,
    screenshot,
    skip_without_browser,
)
from tests.factories_fieldwork import fielding_wave, units_with_codes

pytestmark = [*skip_without_browser(), pytest.mark.django_db(transaction=True)]

# ArrowDown presses after selecting the first option: agree_5/overall_5 -> 4, grade_10 -> 8.
PRESSES = {"agree_5": 3, "overall_5": 3, "grade_10": 7}
OPEN_TEXT = "Ze namen de tijd voor mij."

FOCUS = """() => { const e = document.activeElement;
  return {tag: e.tagName, type: e.type || '', name: e.name || '', value: e.value || '',
          href: e.getAttribute('href') || ''}; }"""


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _enter_code(page, base, letter_code):
    page.goto(f"{base}/v/")
    page.fill("#code", letter_code)
    with page.expect_navigation():
        page.click("button.utrecht-button--primary-action")


def _keyboard_page(page, scales: dict[str, str | None]) -> str:
    """Answer one page with the keyboard only; returns the action of the button pressed."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    handled: set[str] = set()
    for _ in range(300):
        page.keyboard.press("Tab")
        el = page.evaluate(FOCUS)
        if el["type"] == "radio" and el["name"] not in handled:
            handled.add(el["name"])
            scale = scales.get(el["name"])
            if scale is None:  # a prefilled background answer: confirm it as it is
                continue
            page.keyboard.press("Space")
            for _ in range(PRESSES[scale]):
                page.keyboard.press("ArrowDown")
        elif el["tag"] == "TEXTAREA" and el["name"] not in handled:
            handled.add(el["name"])
            page.keyboard.type(OPEN_TEXT)
        elif el["tag"] == "BUTTON" and el["value"] in ("next", "submit"):
            with page.expect_navigation():
                page.keyboard.press("Enter")
            return el["value"]
    raise AssertionError(f"no submit button reached on {page.url}")


@pytest.mark.parametrize("audience", ["client", "employer"])
def test_keyboard_only_run_through_a_whole_questionnaire(live_server, audience):
    wave = fielding_wave(audience)
    (unit, issued), *_ = units_with_codes(wave, 1)
    questionnaire = questionnaire_for(wave)
    scales = {q.id: q.scale for q in questionnaire.questions}
    with chromium() as browser:
        context, page = new_page(browser)
        page.goto(f"{live_server.url}/v/")
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS)["href"] == "#main"  # the skip link comes first
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        page.keyboard.type(issued.letter)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        actions = []
        while "/klaar/" not in page.url:
            actions.append(_keyboard_page(page, scales))
            assert len(actions) <= 10, page.url
        assert actions[-1] == "submit"
        assert page.locator("h1").inner_text() == "Dank u wel"
        context.close()
    response = Response.objects.get(unit=unit)
    assert response.status == "completed"
    answers = response.answers
    statements = [q.id for q in questionnaire.statements if q.id in answers]
    assert len(statements) >= 15
    assert all(answers[s] == 4 for s in statements)
    assert answers["overall"] == 4
    assert answers["satisfaction"] == 8
    assert answers["why_overall"] == OPEN_TEXT
    assert answers["journey"] == unit.journey  # the prefilled answer was confirmed


def test_phone_width_run_has_no_sideways_scrolling_and_large_targets(live_server):
    wave = fielding_wave()
    (unit, issued), *_ = units_with_codes(wave, 1)
    with chromium() as browser:
        context = browser.new_context(viewport=MOBILE, has_touch=True, is_mobile=True)
        page = context.new_page()
        _enter_code(page, live_server.url, issued.letter)
        pages = 0
        while "/klaar/" not in page.url:
            pages += 1
            sizes = page.evaluate(
                """() => ({width: document.documentElement.scrollWidth,
                  smallest: Math.min(...[...document.querySelectorAll(
                    '.rs-option, .rs-button')].map(e => e.getBoundingClientRect().height))})"""
            )
            assert sizes["width"] <= MOBILE["width"], page.url
            assert sizes["smallest"] >= 44, page.url
            for name in page.evaluate(
                "() => [...new Set([...document.querySelectorAll('input[type=radio]')]"
                ".map(e => e.name))]"
            ):
                if not page.locator(f"input[name={name}]:checked").count():
                    page.locator(f"input[name={name}]").nth(1).locator("xpath=..").tap()
            button = page.locator("button[value=next], button[value=submit]")
            with page.expect_navigation():
                button.tap()
        screenshot(page, "done-phone-run")
        context.close()
    assert pages == 6
    assert Response.objects.get(unit=unit).status == "completed"


def test_resume_after_the_browser_was_closed_finds_every_answer(live_server):
    wave = fielding_wave()
    (unit, issued), *_ = units_with_codes(wave, 1)
    with chromium() as browser:
        context, page = new_page(browser)
        _enter_code(page, live_server.url, issued.letter)
        with page.expect_navigation():
            page.click("button[value=next]")  # confirm the prefilled background
        for i in range(1, 6):
            page.check(f"input[name=mens_{i}][value='{1 + i % 5}']")
        with page.expect_navigation():
            page.click("button[value=next]")
        page.check("input[name=redelijk_1][value='2']")
        page.check("input[name=redelijk_3][value='9']")
        context.close()  # closed without pressing anything on this page: only it is lost
        context, page = new_page(browser)
        _enter_code(page, live_server.url, issued.letter)
        assert page.url.endswith("/p/redelijk/")
        assert page.locator("input[name=redelijk_1]:checked").count() == 0
        page.check("input[name=redelijk_1][value='2']")
        page.check("input[name=redelijk_3][value='9']")
        with page.expect_navigation():
            page.click("button[value=later]")
        assert "bewaard" in page.url
        context.close()
        context, page = new_page(browser)
        _enter_code(page, live_server.url, issued.letter)
        assert page.url.endswith("/p/redelijk/")
        assert page.locator("input[name=redelijk_1]:checked").get_attribute("value") == "2"
        assert page.locator("input[name=redelijk_3]:checked").get_attribute("value") == "9"
        with page.expect_navigation():
            page.click("a:has-text('Vorige pagina')")
        for i in range(1, 6):
            checked = page.locator(f"input[name=mens_{i}]:checked").get_attribute("value")
            assert checked == str(1 + i % 5)
        context.close()
    answers = Response.objects.get(unit=unit).answers
    assert {f"mens_{i}": answers[f"mens_{i}"] for i in range(1, 6)} == {
        f"mens_{i}": 1 + i % 5 for i in range(1, 6)
    }
    assert answers["redelijk_1"] == 2
    assert answers["redelijk_3"] == 9
    assert answers["journey"] == unit.journey


def test_double_click_and_replay_of_submit_store_one_response(live_server):
    wave = fielding_wave()
    (unit, issued), *_ = units_with_codes(wave, 1)
    Response.objects.create(
        unit=unit,
        answers={"journey": unit.journey},
        current_page="oordeel",
        started_at="2026-11-20T10:00:00Z",
    )
    with chromium() as browser:
        context, page = new_page(browser)
        posts = []
        page.on("request", lambda r: posts.append(r) if r.method == "POST" else None)
        _enter_code(page, live_server.url, issued.letter)
        posts.clear()
        assert page.url.endswith("/p/oordeel/")
        page.check("input[name=overall][value='5']")
        page.check("input[name=satisfaction][value='9']")
        # The second click aborts the first navigation in the browser (both POSTs reach the
        # server); wait for where the page ends up instead of for one navigation. On SQLite the
        # test server's threads share one in-memory connection, so two requests at the same
        # moment collide in the harness ("transaction within a transaction"), not in the app:
        # there the clicks go one after the other; PostgreSQL (CI) runs them truly at once.
        if connection.vendor == "sqlite":
            page.click("button[value=submit]")
        else:
            page.dblclick("button[value=submit]")
        # Poll the address: waiting for one navigation fails when the second click aborts it.
        expect(page).to_have_url(re.compile(r".*/klaar/$"), timeout=20_000)
        # Replay the browser's own submit (same body, cookies and CSRF token) twice more.
        first = posts[0]
        headers = {"Content-Type": first.headers["content-type"], "Origin": live_server.url}
        for _ in range(2):
            replay = context.request.post(
                first.url, data=first.post_data, headers=headers, max_redirects=0
            )
            assert replay.status == 302
            assert replay.headers["location"].endswith("/klaar/")
        page.go_back()  # the form page is not cached: it now leads to the thank-you page
        assert "/klaar/" in page.url
        context.close()
    assert Response.objects.filter(unit=unit).count() == 1
    assert FieldworkEvent.objects.filter(unit=unit, kind="completed").count() == 1
    assert Response.objects.get(unit=unit).answers["overall"] == 5
