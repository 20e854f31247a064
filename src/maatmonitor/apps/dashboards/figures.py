"""Dashboard figures from the analysis (contract C2) and the stories summary (C3).

Both producers are read lazily: a wave without a stored analysis (or a project without the
stories app) gives an empty state instead of an error. Every figure is an ``Estimate`` that
carries its own disclosure control; hidden figures are shown as '–' with the reason, never 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from maatmonitor.core.codes import DISTRICT
from maatmonitor.core.reporting import fmt
from maatmonitor.core.reporting.texts import dimension_label
from maatmonitor.core.stats.results import Comparison, Estimate
from maatmonitor.core.stats.rules import REASONS

MIN_GROUP = 10


def lang() -> str:
    """The core reporting language matching the active UI language."""
    return "en" if (translation.get_language() or "nl").startswith("en") else "nl"


def latest_analysis(wave):
    """C2 ``latest_analysis(wave)``, or None when the results app is absent or has nothing."""
    try:
        from maatmonitor.apps.results.queries import latest_analysis as query
    except ImportError:
        return None
    return query(wave)


def stories_summary(wave, district: str | None):
    """C3 ``stories_summary(wave, district)``, or None when the stories app is absent."""
    try:
        from maatmonitor.apps.stories.queries import stories_summary as query
    except ImportError:
        return None
    return query(wave, district)


def measures(analysis) -> list[tuple[str, str]]:
    """(variable, Dutch label) of the figures a dashboard shows, headline first."""
    out = [("headline", _("Ervaart de menselijke maat (zeer) sterk"))]
    out += [
        (f"agree:{d.dimension}", dimension_label(d.dimension, lang())) for d in analysis.dimensions
    ]
    out += [
        ("satisfied", _("Tevreden (rapportcijfer 7 of hoger)")),
        ("satisfaction", _("Rapportcijfer")),
    ]
    return out


def district_domain(district: str) -> tuple[tuple[str, str], ...]:
    return (("district", district),)


def shown(e: Estimate | None) -> str:
    return fmt.HIDDEN if e is None else fmt.value(e, lang())


def hidden_reason(e: Estimate | None) -> str:
    if e is None:
        return _("niet berekend")
    if e.suppressed and e.reason:
        return REASONS[e.reason].format(min_n=e.min_n)
    return ""


def _find_test(tests, kind: str, variable: str, group) -> Comparison | None:
    for c in tests:
        if c.kind == kind and c.variable == variable and c.group == group:
            return c
    return None


def versus_rest_text(c: Comparison | None) -> str:
    """Plain language for a district-vs-rest test (BH-adjusted across all tables)."""
    direction = fmt.direction(c)
    if direction is None:
        return _("niet te toetsen")
    return {
        "higher": _("hoger dan in de rest van het land"),
        "lower": _("lager dan in de rest van het land"),
        "none": _("geen duidelijk verschil met de rest van het land"),
    }[direction]


def change_text(c: Comparison | None) -> str:
    if c is None:
        return _("geen vorige meting")
    if c.suppressed:
        return _("niet te vergelijken") if c.reason == "not_comparable" else _("niet te toetsen")
    return {
        "higher": _("gestegen sinds de vorige meting"),
        "lower": _("gedaald sinds de vorige meting"),
        "none": _("geen duidelijke verandering"),
    }[fmt.direction(c) or "none"]


def independent_change(before: Estimate | None, after: Estimate | None, level: float = 0.95) -> str:
    """Plain-language change between two independent waves: d / sqrt(SE1^2 + SE2^2), normal test.

    Used for before/after figures of an initiative, which the analysis's own wave tests may not
    cover (different domain or a wave further back)."""
    if before is None or after is None or before.suppressed or after.suppressed:
        return _("niet te vergelijken")
    if before.se is None or after.se is None or before.value is None or after.value is None:
        return _("niet te vergelijken")
    se = math.hypot(before.se, after.se)
    if se == 0:
        return _("niet te toetsen")
    z = (after.value - before.value) / se
    p = math.erfc(abs(z) / math.sqrt(2))
    if p >= 1 - level:
        return _("geen duidelijke verandering")
    return _("gestegen") if z > 0 else _("gedaald")


@dataclass(frozen=True)
class FigureRow:
    variable: str
    label: str
    district: Estimate | None
    national: Estimate | None
    previous: Estimate | None
    versus_rest: str
    change: str

    @property
    def district_text(self) -> str:
        return shown(self.district)

    @property
    def district_interval(self) -> str:
        return fmt.HIDDEN if self.district is None else fmt.interval(self.district, lang())

    @property
    def district_reason(self) -> str:
        return hidden_reason(self.district)

    @property
    def national_text(self) -> str:
        return shown(self.national)

    @property
    def previous_text(self) -> str:
        return shown(self.previous)

    @property
    def flagged(self) -> bool:
        return self.district is not None and fmt.is_flagged(self.district)


def _change(analysis, previous, variable: str, domain) -> str:
    """The analysis's own wave test. Without one no verdict is made up here: only the analysis
    knows whether the items are comparable between the waves."""
    test = _find_test(analysis.changes, "wave_change", variable, domain)
    if test is None and previous is not None and previous.find(variable, domain) is not None:
        return _("niet getoetst")
    return change_text(test)


def district_rows(analysis, district: str, previous=None) -> list[FigureRow]:
    """The district's figures against the national figure and the previous wave."""
    domain = district_domain(district)
    tests = analysis.all_tests()
    rows = []
    for variable, label in measures(analysis):
        rows.append(
            FigureRow(
                variable=variable,
                label=label,
                district=analysis.find(variable, domain),
                national=analysis.find(variable),
                previous=None if previous is None else previous.find(variable, domain),
                versus_rest=versus_rest_text(
                    _find_test(tests, "subgroup_vs_rest", variable, domain)
                ),
                change=_change(analysis, previous, variable, domain),
            )
        )
    return rows


def chart_row(label: str, e: Estimate) -> dict[str, Any]:
    return {
        "label": label,
        "value": e.value,
        "low": e.ci_low,
        "high": e.ci_high,
        "text": fmt.value(e, lang()) + ("*" if fmt.is_flagged(e) else ""),
    }


def dimension_chart(rows: list[FigureRow]) -> dict[str, Any] | None:
    """Vega-Lite spec (the reports' ``chart_spec``) of the shown agreement shares."""
    from maatmonitor.core.reporting.charts import chart_spec

    data = [
        chart_row(r.label, r.district)
        for r in rows
        if r.variable.startswith(("agree:", "headline"))
        and r.district is not None
        and not r.district.suppressed
    ]
    return chart_spec("dimensions", data, lang=lang()) if data else None


@dataclass(frozen=True)
class DistrictComparison:
    district: str
    name: str
    estimate: Estimate | None
    test: Comparison | None

    @property
    def text(self) -> str:
        return shown(self.estimate)

    @property
    def interval(self) -> str:
        return fmt.HIDDEN if self.estimate is None else fmt.interval(self.estimate, lang())

    @property
    def reason(self) -> str:
        return hidden_reason(self.estimate)

    @property
    def verdict(self) -> str:
        return versus_rest_text(self.test)

    @property
    def q_value(self) -> float | None:
        return None if self.test is None or self.test.suppressed else self.test.q_value


def district_comparison(analysis, variable: str = "headline") -> list[DistrictComparison]:
    """Every district against the rest of the country, with Benjamini-Hochberg adjusted tests."""
    tests = analysis.all_tests()
    out = []
    for code in DISTRICT:
        domain = district_domain(code)
        out.append(
            DistrictComparison(
                code,
                DISTRICT[code].nl,
                analysis.find(variable, domain),
                _find_test(tests, "subgroup_vs_rest", variable, domain),
            )
        )
    return out


def comparison_chart(rows: list[DistrictComparison], national: Estimate | None) -> dict | None:
    from maatmonitor.core.reporting.charts import chart_spec

    data = []
    for r in rows:
        if r.estimate is None or r.estimate.suppressed:
            continue
        row = chart_row(r.name, r.estimate)
        direction = fmt.direction(r.test) or "none"
        row["direction"] = direction
        row["text"] += {"higher": " ▲", "lower": " ▼"}.get(direction, "")
        row["text_x"] = row["high"] if row["high"] is not None else row["value"]
        data.append(row)
    if not data:
        return None
    reference = None
    if national is not None and not national.suppressed:
        reference = {
            "value": national.value,
            "text": _("landelijk %(value)s") % {"value": fmt.value(national, lang())},
        }
    return chart_spec("subgroups", data, lang=lang(), reference=reference)


@dataclass(frozen=True)
class TopicRow:
    code: str
    label: str
    survey_count: int | None
    survey_share: float | None
    quotes: tuple[str, ...]
    signal_count: int | None

    @property
    def survey_share_text(self) -> str:
        return fmt.pct(self.survey_share)


def topic_rows(summary, signal_counts: dict[str, int], limit: int = 6) -> list[TopicRow]:
    """Top topics of the stories (quotes only from groups of at least 10) beside signal counts.

    Signal counts below 10 are hidden (None), like every other small group."""
    from maatmonitor.core.reporting.stories import topics

    def small(n: int | None) -> int | None:
        return n if n is not None and n >= MIN_GROUP else None

    rows = [
        TopicRow(
            v.code,
            v.label,
            v.count,
            v.share,
            v.quotes,
            small(signal_counts.get(v.code)),
        )
        for v in topics(summary, lang(), min_n=MIN_GROUP, limit=limit)
    ]
    seen = {r.code for r in rows}
    for code, n in sorted(signal_counts.items(), key=lambda kv: -kv[1]):
        if code not in seen and n >= MIN_GROUP and len(rows) < limit + 3:
            rows.append(TopicRow(code, code, None, None, (), n))
    return rows


def next_wave(wave):
    from maatmonitor.apps.waves.models import Wave

    return (
        Wave.objects.filter(audience=wave.audience, number__gt=wave.number)
        .order_by("number")
        .first()
    )


def before_after(initiative) -> list[dict[str, str]]:
    """The initiative's linked figure in its own wave (before) and the next wave (after)."""
    if initiative.wave_id is None:
        return []
    later = next_wave(initiative.wave)
    before = latest_analysis(initiative.wave)
    after = None if later is None else latest_analysis(later)
    if before is None:
        return []
    domain = district_domain(initiative.district)
    variables = [("headline", _("Ervaart de menselijke maat (zeer) sterk"))]
    if initiative.dimension:
        variables.insert(
            0, (f"agree:{initiative.dimension}", dimension_label(initiative.dimension, lang()))
        )
    rows = []
    for variable, label in variables:
        b = before.find(variable, domain)
        a = None if after is None else after.find(variable, domain)
        rows.append(
            {
                "label": label,
                "before_wave": initiative.wave.code,
                "before": shown(b),
                "after_wave": later.code if later else "",
                "after": shown(a) if later else _("nog niet gemeten"),
                "change": independent_change(b, a) if a is not None else _("nog niet gemeten"),
            }
        )
    return rows


@dataclass(frozen=True)
class ResponseFigures:
    sampled: int
    completed: int | None  # None when fewer than MIN_GROUP (never shown as a number)

    @property
    def rate(self) -> float | None:
        if self.completed is None or not self.sampled:
            return None
        return self.completed / self.sampled

    @property
    def rate_text(self) -> str:
        return fmt.pct(self.rate)


def response_figures(wave, district: str | None) -> ResponseFigures | None:
    """Sampled units and completed responses of a wave (in a district); None without fieldwork."""
    try:
        from maatmonitor.apps.fieldwork.models import Response, SampleUnit
    except ImportError:
        return None
    units = SampleUnit.objects.filter(wave=wave)
    if district:
        units = units.filter(district=district)
    sampled = units.count()
    if not sampled:
        return None
    completed = Response.objects.filter(unit__in=units, status="completed").count()
    return ResponseFigures(sampled, completed if completed >= MIN_GROUP else None)
