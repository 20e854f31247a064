"""The HTML report shows only figures of the result objects, hides small groups and reads well."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from maatmonitor.core.reporting import fmt
from maatmonitor.core.reporting.model import from_analysis
from maatmonitor.core.stats.results import domain_label


class Figures(HTMLParser):
    """Collects every ``span.fig`` with its data attributes and shown text."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[dict[str, str]] = []
        self._open: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "span" and "fig" in a.get("class", "").split():
            self._open = a | {"text": ""}

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self._open is not None:
            self.found.append(self._open)
            self._open = None


def figures_of(path) -> list[dict[str, str]]:
    parser = Figures()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.found


def _index(analyses):
    out = {}
    for a in analyses:
        for e in from_analysis(a).estimates:
            out.setdefault((e.variable, domain_label(e.domain)), []).append(e)
    return out


@pytest.mark.parametrize("edition", ["national", "district"])
def test_every_figure_in_the_report_is_a_result_object(outputs, edition):
    shown = figures_of(getattr(outputs, edition)["html"])
    assert len(shown) > 60
    index = _index(outputs.analyses)
    for f in shown:
        candidates = index[(f["data-variable"], f["data-domain"])]
        if f["data-what"] == "value":
            texts = {fmt.value(e) + ("*" if fmt.is_flagged(e) else "") for e in candidates}
            raws = {"" if e.suppressed else repr(e.value) for e in candidates}
        else:
            texts = {fmt.interval(e) for e in candidates}
            raws = {"" if e.suppressed else repr((e.ci_low, e.ci_high)) for e in candidates}
        assert f["text"] in texts, f
        assert f["data-raw"] in raws, f


def test_headline_and_change_come_from_the_analysis(outputs):
    page = outputs.national["html"].read_text(encoding="utf-8")
    head = outputs.current.analysis.headline
    assert (
        f'data-variable="headline" data-domain="totaal" data-what="value" data-raw="{head.value!r}"'
        in page
    )
    change = next(
        c for c in outputs.current.analysis.changes if c.variable == "headline" and not c.group
    )
    assert fmt.pp(change.difference) in page
    if change.significant:
        assert "Dit verschil is echt" in page
    else:
        assert "Dit verschil kan door toeval komen." in page


def test_small_groups_are_shown_as_dash_with_a_footnote(outputs):
    shown = figures_of(outputs.national["html"])
    limburg = [f for f in shown if f["data-domain"] == "district=limburg"]
    assert limburg, "the tiny district must still be listed"
    assert all(f["text"] == "–" and f["data-raw"] == "" for f in limburg)
    assert all(f["data-n"] == "" or int(f["data-n"]) >= 10 for f in shown)
    page = outputs.national["html"].read_text(encoding="utf-8")
    assert "– = niet getoond: minder dan 10 mensen gaven antwoord." in page
    # a suppressed cell is never written as zero
    assert not re.search(r'class="fig hidden"[^>]*>0', page)


def test_significance_is_said_in_words(outputs):
    page = outputs.national["html"].read_text(encoding="utf-8")
    comps = [c for t in outputs.current.analysis.comparisons for c in t if c.variable == "headline"]
    lower = [c for c in comps if c.significant and c.difference < 0]
    assert lower, "the synthetic wave has groups that score clearly lower"
    assert "duidelijk lager" in page
    assert "geen duidelijk verschil" in page


def test_charts_have_alt_text_listing_their_figures(outputs):
    page = outputs.national["html"].read_text(encoding="utf-8")
    alts = re.findall(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="([^"]+)"', page)
    assert len(alts) >= 8
    head = fmt.value(outputs.current.analysis.headline)
    assert any("Staafdiagram: deel dat het eens is" in a for a in alts)
    assert all(re.search(r"\d+%|–", a) for a in alts)
    assert head  # the headline itself is in the summary cards, checked above


def test_district_edition_puts_district_beside_national(outputs):
    shown = figures_of(outputs.district["html"])
    domains = {f["data-domain"] for f in shown if f["data-variable"] == "headline"}
    assert {"district=oost", "totaal"} <= domains
    page = outputs.district["html"].read_text(encoding="utf-8")
    assert "Editie district Oost" in page
    assert "deze groepen gelden voor heel Nederland" in page


def test_stories_keep_only_safe_quotes_of_large_topics(outputs):
    page = outputs.national["html"].read_text(encoding="utf-8")
    assert "Ze namen echt de tijd" in page
    assert "06-12345678" not in page
    assert "Zeldzaam onderwerp" not in page
