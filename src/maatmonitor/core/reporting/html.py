"""The half-yearly report as HTML (Jinja2) and PDF (WeasyPrint).

Every figure in the page is written by :func:`figure`, which puts the result object's exact
value in ``data-*`` attributes next to the formatted text, so a test can check each shown
figure against the analysis.
"""

from __future__ import annotations

import base64
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from maatmonitor.core.reporting import charts, fmt
from maatmonitor.core.reporting.model import ReportData
from maatmonitor.core.reporting.stories import StoryGroups
from maatmonitor.core.reporting.texts import (
    MESSAGES,
    REASON_TEXTS,
    category_label,
    dimension_label,
    stratum_label,
    t,
    variable_label,
)
from maatmonitor.core.stats.results import Domain, Estimate, domain_label

TEMPLATES = Path(__file__).with_name("templates")


@dataclass(frozen=True)
class Chart:
    kind: str
    spec: dict[str, Any]
    alt: str

    def svg_data_uri(self) -> str:
        svg = charts.render_svg(self.spec)
        return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@dataclass
class Section:
    """One audience (national or one district) in the report."""

    data: ReportData
    domain: Domain
    district: str | None
    charts: dict[str, Chart] = field(default_factory=dict)


def figure(e: Estimate | None, lang: str, what: str = "value") -> Markup:
    """A figure as shown, with the result object's identity and raw value as data attributes."""
    if e is None:
        return Markup(fmt.HIDDEN)
    text = fmt.value(e, lang) if what == "value" else fmt.interval(e, lang)
    raw = "" if e.suppressed else repr(e.value if what == "value" else (e.ci_low, e.ci_high))
    mark = "*" if fmt.is_flagged(e) and what == "value" else ""
    cls = "fig hidden" if e.suppressed else "fig"
    return Markup(
        f'<span class="{cls}" data-variable="{escape(e.variable)}" '
        f'data-domain="{escape(domain_label(e.domain))}" data-what="{what}" '
        f'data-raw="{escape(raw)}" data-n="{e.n or ""}">{escape(text)}{mark}</span>'
    )


def _sections(data: Sequence[ReportData], district: str | None, lang: str) -> list[Section]:
    out = []
    for d in data:
        domain: Domain = (("district", district),) if district else ()
        sec = Section(d, domain, district)
        dim_rows = charts.dimension_rows(d, lang, domain)
        if dim_rows:
            sec.charts["dimensions"] = Chart(
                "dimensions",
                charts.chart_spec("dimensions", dim_rows, lang=lang),
                charts.alt_text("dimensions", dim_rows, lang),
            )
        drv = charts.driver_rows(d, lang)
        if drv and not district:
            sec.charts["drivers"] = Chart(
                "drivers",
                charts.chart_spec("drivers", drv, lang=lang),
                charts.alt_text("drivers", drv, lang),
            )
        assert d.headline is not None
        reference = {"value": d.headline.value, "text": t(lang, "national_line")}
        for var in d.subgroup_variables():
            rows = charts.subgroup_rows(d, var, lang)
            if rows:
                label = variable_label(var, lang).lower()
                sec.charts[f"sub_{var}"] = Chart(
                    "subgroups",
                    charts.chart_spec("subgroups", rows, lang=lang, reference=reference),
                    charts.alt_text("subgroups", rows, lang, variable=label),
                )
        trend = charts.trend_rows(d, lang)
        if len(trend) > 1 and not district:
            sec.charts["trend"] = Chart(
                "trend",
                charts.chart_spec("trend", trend, lang=lang),
                charts.alt_text("trend", trend, lang),
            )
        out.append(sec)
    return out


@functools.cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        fmt=fmt,
        figure=figure,
        dimension_label=dimension_label,
        variable_label=variable_label,
        category_label=category_label,
        direction=fmt.direction,
        stratum_label=stratum_label,
    )
    return env


def render_html(
    data: Sequence[ReportData],
    *,
    stories: StoryGroups | None = None,
    district: str | None = None,
    lang: str = "nl",
) -> str:
    """The full report as one self-contained HTML page (CSS and SVG charts inlined)."""
    sections = _sections(data, district, lang)
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    first = data[0]
    min_n = first.min_n

    def tr(key: str, **values: object) -> str:
        return t(lang, key, **values)

    def tm(key: str, **values: object) -> Markup:
        """A text with figures (Markup) filled in; the text itself is escaped."""
        return Markup(escape(MESSAGES[lang][key])).format(**values)

    def group_list(estimates: Sequence[Estimate]) -> Markup:
        parts = [
            Markup("{} ({})").format(
                category_label(e.domain[0][0], e.domain[0][1], lang), figure(e, lang)
            )
            for e in estimates
        ]
        return Markup(", ").join(parts)

    def margins_text(names: Sequence[str]) -> str:
        labels = [variable_label(n, lang).lower() for n in names if n != "stratum"]
        joiner = " en " if lang == "nl" else " and "
        return joiner.join([", ".join(labels[:-1]), labels[-1]] if len(labels) > 1 else labels)

    reasons = sorted(
        {e.reason for d in data for e in d.estimates if e.suppressed and e.reason is not None}
    )
    return (
        _env()
        .get_template("report.html.j2")
        .render(
            lang=lang,
            t=tr,
            tm=tm,
            group_list=group_list,
            margins_text=margins_text,
            css=Markup(css),
            sections=sections,
            stories=stories or [],
            district=district,
            district_name=category_label("district", district, lang) if district else None,
            wave=first.wave,
            min_n=min_n,
            hidden_reasons=[REASON_TEXTS[lang][r].format(min_n=min_n) for r in reasons],
        )
    )


def render_pdf(html: str, target: Path) -> Path:
    """Write the PDF of a rendered report with WeasyPrint."""
    import weasyprint  # type: ignore[import-untyped]

    weasyprint.HTML(string=html, base_url=str(TEMPLATES)).write_pdf(target)
    return target
