"""Every respondent page type through axe-core (WCAG 2.1 A/AA) in Dutch and English, at desktop
and at 390 px wide; screenshots of each go to out/screenshots/fieldwork/."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from maatmonitor.apps.fieldwork.services import save_page, submit
from tests.apps.fieldwork.browser import (
    DESKTOP,
    MOBILE,
    axe_violations,
    chromium,
    new_page,
    screenshot,
    skip_without_browser,
)
from tests.factories_fieldwork import fielding_wave, units_with_codes

pytestmark = [*skip_without_browser(), pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people():
    cache.clear()
    wave = fielding_wave()
    units = units_with_codes(wave, 4)
    (done_unit, done_codes), (opted_unit, opted_codes) = units[1], units[2]
    save_page(done_unit, "over_u", {"journey": "unemployed"}, move_on=True)
    submit(done_unit, "t")
    opted_unit.opted_out_at = timezone.now()
    opted_unit.save()
    closed = fielding_wave(code="2025-2", status="closed")
    (_, closed_codes), *_ = units_with_codes(closed, 1, start=100)
    yield {
        "fresh": units[0][1],
        "done": done_codes,
        "opted": opted_codes,
        "closed": closed_codes,
        "spare": units[3][1],
    }
    cache.clear()


def _visit_all(page, base: str, people: dict, tag: str, results: dict) -> None:
    def check(name: str) -> None:
        page.wait_for_load_state("load")
        results[f"{name}-{tag}"] = axe_violations(page)
        if tag.startswith("nl-"):
            screenshot(page, f"{name}-{tag}")

    fresh = people["fresh"].personal
    page.goto(f"{base}/v/")
    check("code")
    page.fill("#code", "ABC")
    page.click("button.utrecht-button--primary-action")
    check("code-error")
    page.goto(f"{base}/v/{fresh}/p/over_u/")
    check("background")
    page.goto(f"{base}/v/{fresh}/p/als_mens/")
    check("statements")
    page.click("button[value=next]")
    page.wait_for_load_state("load")
    # the error summary has the focus, and its first link leads to the first unanswered question
    assert page.evaluate("() => document.activeElement.classList.contains('rs-error-summary')")
    assert page.get_attribute(".rs-error-summary a", "href") == "#q-mens_1-0"
    check("error-summary")
    page.goto(f"{base}/v/{fresh}/p/oordeel/")
    check("overall-open")
    page.click("button[value=later]")
    check("paused")
    page.goto(f"{base}/v/{people['done'].personal}/klaar/")
    check("done")
    page.goto(f"{base}/v/{people['closed'].personal}/")
    check("closed")
    page.goto(f"{base}/v/{people['opted'].personal}/")
    check("opted-out")
    page.goto(f"{base}/v/{'a' * 26}/")
    check("unknown")
    with override_settings(FIELDWORK_CODE_LIMITS={"ip": 1, "prefix": 100}):
        page.goto(f"{base}/v/{'b' * 26}/")
        check("locked")
    cache.clear()


@pytest.mark.parametrize("width", ["desktop", "390"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_respondent_page_has_no_wcag_violations(live_server, people, language, width):
    results: dict[str, list] = {}
    with chromium() as browser:
        context, page = new_page(browser, DESKTOP if width == "desktop" else MOBILE)
        if language == "en":
            page.goto(f"{live_server.url}/v/")
            with page.expect_navigation():
                page.click("button[lang=en]")
            assert page.locator("html").get_attribute("lang") == "en"
        _visit_all(page, live_server.url, people, f"{language}-{width}", results)
        csp = list(page.csp_violations)
        if language == "en":
            assert page.locator("html").get_attribute("lang") == "en"
        context.close()
    failing = {name: v for name, v in results.items() if v}
    assert len(results) == 12
    assert not failing, failing
    assert not csp, csp  # the strict CSP blocked nothing: no inline script or style anywhere


def test_axe_does_report_violations_when_there_are_some(live_server):
    """The check above can fail: the same helper finds a missing label and alt text."""
    with chromium() as browser:
        context, page = new_page(browser)
        page.goto(f"{live_server.url}/v/")
        page.evaluate(
            "() => { document.querySelector('label[for=code]').remove();"
            " const i = document.createElement('img'); i.src = 'data:,';"
            " document.querySelector('main').append(i); }"
        )
        found = {v["id"] for v in axe_violations(page)}
        context.close()
    assert {"label", "image-alt"} <= found
