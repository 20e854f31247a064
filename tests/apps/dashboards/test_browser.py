"""In Chromium: a liaison officer's dashboard (chart drawn, table present) and a signal's whole
life through the public form and the handler's pages; axe-core finds no WCAG 2.1 AA violation."""

from pathlib import Path

import pytest

from maatmonitor.apps.accounts.constants import Role
from maatmonitor.apps.followup.models import Signal
from tests.factories_loop import analysis, store, user_in, wave

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "correct-horse-battery"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not CHROMIUM.exists() or not AXE.exists(), reason="needs Chromium and axe-core"
    ),
]


@pytest.fixture
def browser(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls in the test are sync.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM))
        yield b
        b.close()


def _axe_violations(page) -> list:
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa']}})"
    )
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]


def _login(page, base, username):
    page.goto(f"{base}/inloggen/?next=/account/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.button-primary")


def test_liaison_officer_dashboard_in_the_browser(browser, live_server):
    w = wave()
    store(w, analysis(districts={"oost": 0.62, "noord": 0.5}))
    officer = user_in(Role.LIAISON_OFFICER, ["oost"])
    page = browser.new_context(viewport={"width": 390, "height": 900}, bypass_csp=False).new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    _login(page, live_server.url, officer.username)
    assert page.url.endswith("/dashboard/oost/")
    page.wait_for_selector(".chart svg", timeout=15000)
    assert "62%" in page.inner_text("table")
    assert errors == []
    page.context.close()
    ctx = browser.new_context(viewport={"width": 390, "height": 900}, bypass_csp=True)
    page = ctx.new_page()
    _login(page, live_server.url, officer.username)
    page.wait_for_selector(".chart svg", timeout=15000)
    assert _axe_violations(page) == []


def test_a_signal_whole_life_in_the_browser(browser, live_server, settings):
    # Coding loads language models for many seconds; test_workflow covers it. Here: the workflow.
    settings.FOLLOWUP_CODE_ON_SUBMIT = False
    handler = user_in(Role.SIGNAL_HANDLER, ["oost"])
    ctx = browser.new_context(bypass_csp=True)
    page = ctx.new_page()
    page.goto(f"{live_server.url}/opvolging/signaal-melden/")
    assert _axe_violations(page) == []
    page.fill("#id_description", "Ik werd drie keer doorverbonden.")
    page.select_option("#id_district", "oost")
    page.click("button.button-primary")
    assert "Bedankt" in page.inner_text("h1")
    signal = Signal.objects.get()
    assert signal.reference in page.inner_text("main")
    _login(page, live_server.url, handler.username)
    page.goto(f"{live_server.url}/opvolging/signalen/{signal.pk}/")
    assert _axe_violations(page) == []
    for step, team, note in (
        ("acknowledge", "", ""),
        ("assess", "WW Oost", "We bellen u morgen."),
        ("resolve", "", "Het is opgelost."),
    ):
        page.check(f"#step-{step}")
        page.fill("#id_team", team or "WW Oost")
        page.fill("#id_note", note)
        page.click("text=Stap vastleggen")
        page.wait_for_selector(".message-success")
    assert "Geholpen" in page.inner_text(".status-line")
    signal.refresh_from_db()
    assert signal.status == "helped"
    assert list(signal.events.values_list("by_name", flat=True)) == [
        "",
        handler.username,
        handler.username,
        handler.username,
    ]
    ctx.close()
