"""Helpers for the browser tests: Debian's Chromium through Playwright, axe-core from node_modules.

Not a test module itself (no test_ prefix); imported by test_browser_*.py.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("MAATMONITOR_CHROMIUM", "/usr/bin/chromium"))
PROJECT = Path(__file__).resolve().parents[3]
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = PROJECT / "out" / "screenshots" / "fieldwork"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}


def skip_without_browser():
    """Module-level skip marks: a clear reason when Chromium or axe-core is missing."""
    return [
        pytest.mark.skipif(
            not CHROMIUM.exists() and not shutil.which("chromium"),
            reason=f"Chromium not installed at {CHROMIUM} (apt-get install chromium)",
        ),
        pytest.mark.skipif(
            not AXE.exists(), reason=f"axe-core missing at {AXE} (run make node_modules/.installed)"
        ),
    ]


@contextmanager
def chromium():
    """A headless Chromium; Django's ORM may be used from the test while it runs."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the test's own ORM calls are
    # still synchronous, so Django's async guard would be a false alarm here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            executable = str(CHROMIUM) if CHROMIUM.exists() else shutil.which("chromium")
            browser = p.chromium.launch(executable_path=executable, headless=True)
            try:
                yield browser
            finally:
                browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def new_page(browser, viewport=DESKTOP, language: str = "nl"):
    """A fresh context (no cookies, like a new browser) with CSP violations collected."""
    context = browser.new_context(viewport=viewport, locale="nl-NL")
    page = context.new_page()
    page.csp_violations = []  # type: ignore[attr-defined]
    page.on(
        "console",
        lambda msg: (
            page.csp_violations.append(msg.text)  # type: ignore[attr-defined]
            if "Content Security Policy" in msg.text
            else None
        ),
    )
    return context, page


def axe_violations(page) -> list[dict]:
    """WCAG 2.1 A/AA violations of the current page (axe-core evaluated through the DevTools
    protocol, so the page's own CSP stays in force)."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


def screenshot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
