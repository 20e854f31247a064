"""Vega-Lite chart specs (built with Altair) shared by the reports, the deck and the web
dashboard, and their rendering to SVG/PNG with vl-convert.

``chart_spec(kind, rows, lang=...)`` takes plain rows (dicts) and returns the Vega-Lite JSON,
so the browser draws exactly what the PDF shows. Colours come from the Okabe-Ito palette
(colour-blind safe); every colour used for marks has a contrast of at least 3:1 on white, and
every mark carries a text label, so nothing is told by colour alone.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import altair as alt

from maatmonitor.core.reporting import fmt
from maatmonitor.core.reporting.model import ReportData
from maatmonitor.core.reporting.texts import category_label, dimension_label, t, variable_label

# Okabe-Ito blue and vermillion, and two greys; contrast on white: 5.0, 3.8, 7.0, 4.5.
BLUE = "#0072B2"
VERMILLION = "#C75300"
DARK = "#3A3A3A"
GREY = "#6B6B6B"
FONT = "Liberation Sans"
WIDTH = 440
KINDS = ("dimensions", "subgroups", "drivers", "trend", "topics")
_FONT_DIRS = ("/usr/share/fonts/truetype/liberation", "/usr/share/fonts/truetype/liberation2")

Row = Mapping[str, Any]


def _config(chart: Any) -> Any:
    return (
        chart.configure(font=FONT)
        .configure_axis(labelFontSize=12, titleFontSize=12, labelColor=DARK, titleColor=DARK)
        .configure_view(stroke=None)
    )


def _data(rows: Sequence[Row]) -> Any:
    return alt.Data(values=[dict(r) for r in rows])  # type: ignore[no-untyped-call]


def _bars(rows: Sequence[Row], x_title: str, domain_max: float, width: int, step: int) -> Any:
    data = _data(rows)
    order = [r["label"] for r in rows]
    y = alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=230))
    x_scale = alt.Scale(domain=[0, domain_max])
    base = alt.Chart(data).encode(y=y)
    bars = base.mark_bar(color=BLUE, height=round(step * 0.56)).encode(
        x=alt.X("value:Q", title=x_title, scale=x_scale, axis=alt.Axis(format="%", tickCount=5))
    )
    rule = base.mark_rule(color=DARK, strokeWidth=2).encode(x="low:Q", x2="high:Q")
    text = base.mark_text(align="left", dx=6, fontSize=12, color=DARK).encode(
        x=alt.X("high:Q", scale=x_scale), text="text:N"
    )
    return alt.layer(bars, rule, text).properties(width=width, height=step * max(len(rows), 1))


def _subgroups(rows: Sequence[Row], lang: str, reference: Row | None, width: int, step: int) -> Any:
    data = _data(rows)
    order = [r["label"] for r in rows]
    x_scale = alt.Scale(domain=[0, 1])
    base = alt.Chart(data).encode(
        y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=230))
    )
    rule = base.mark_rule(color=DARK, strokeWidth=2).encode(
        x=alt.X(
            "low:Q",
            scale=x_scale,
            title=t(lang, "axis_share"),
            axis=alt.Axis(format="%", values=[0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        ),
        x2="high:Q",
    )
    sig = alt.Scale(domain=["higher", "lower", "none"], range=[BLUE, VERMILLION, GREY])
    shapes = alt.Scale(
        domain=["higher", "lower", "none"], range=["triangle-up", "triangle-down", "circle"]
    )
    points = base.mark_point(filled=True, size=110, opacity=1).encode(
        x="value:Q",
        color=alt.Color("direction:N", scale=sig, legend=None),
        shape=alt.Shape("direction:N", scale=shapes, legend=None),
    )
    text = base.mark_text(align="left", dx=8, fontSize=12, color=DARK).encode(
        x=alt.X("text_x:Q", scale=x_scale), text="text:N"
    )
    layers: list[Any] = [rule, points, text]
    if reference is not None:
        ref = alt.Chart(_data([reference]))
        layers.insert(
            0, ref.mark_rule(color=GREY, strokeDash=[5, 4], strokeWidth=1.5).encode(x="value:Q")
        )
        layers.append(
            ref.mark_text(
                align="left", baseline="bottom", dx=4, dy=-2, fontSize=11, color=GREY
            ).encode(x="value:Q", y=alt.value(0), text="text:N")
        )
    return alt.layer(*layers).properties(width=width, height=step * max(len(rows), 1) + 14)


def _trend(rows: Sequence[Row], lang: str, width: int) -> Any:
    data = _data(rows)
    base = alt.Chart(data).encode(
        x=alt.X("wave:O", title=t(lang, "axis_wave"), axis=alt.Axis(labelAngle=0)),
        y=alt.Y(
            "value:Q",
            title=t(lang, "axis_share"),
            scale=alt.Scale(domain=[0, 1]),
            axis=alt.Axis(format="%"),
        ),
        detail="series:N",
    )
    line = base.mark_line(color=BLUE, strokeWidth=3)
    band = base.mark_rule(color=DARK, strokeWidth=2).encode(y="low:Q", y2="high:Q")
    points = base.mark_point(filled=True, size=90, color=BLUE, opacity=1)
    text = base.mark_text(align="left", dx=10, dy=-14, fontSize=13, color=DARK).encode(
        text="text:N"
    )
    return alt.layer(line, band, points, text).properties(width=width, height=width // 2)


def chart_spec(
    kind: str,
    rows: Sequence[Row],
    *,
    lang: str = "nl",
    reference: Row | None = None,
    width: int = WIDTH,
    step: int = 32,
) -> dict[str, Any]:
    """Vega-Lite JSON of one chart ``kind`` (one of KINDS) from rows with keys
    ``label``, ``value``, ``low``, ``high``, ``text`` (and ``direction``, ``text_x`` for
    subgroups; ``wave``, ``series`` for trend). ``reference`` draws the national line;
    ``width`` and ``step`` (pixels per row) size the plot (larger for slides)."""
    if kind == "dimensions":
        chart: Any = _bars(rows, t(lang, "axis_share"), 1.0, width, step)
    elif kind == "drivers":
        top = max([float(r.get("high") or r["value"]) for r in rows] + [0.1])
        chart = _bars(rows, t(lang, "axis_importance"), min(1.0, top * 1.25), width, step)
    elif kind == "topics":
        top = max([float(r["value"]) for r in rows] + [0.1])
        chart = _bars(rows, t(lang, "axis_share"), min(1.0, top * 1.3), width, step)
    elif kind == "subgroups":
        chart = _subgroups(rows, lang, reference, width, step)
    elif kind == "trend":
        chart = _trend(rows, lang, width)
    else:
        raise ValueError(f"onbekend soort grafiek {kind!r}; kies uit {', '.join(KINDS)}")
    spec: dict[str, Any] = _config(chart).to_dict()
    return spec


# --- rows from the report data (the only place figures enter a chart) ---------------------


def dimension_rows(data: ReportData, lang: str, domain: Any = ()) -> list[dict[str, Any]]:
    rows = []
    for dim in data.dimensions:
        e = data.get(f"agree:{dim}", domain)
        if e is None:
            continue
        rows.append(_row(dimension_label(dim, lang), e, lang))
    return rows


def subgroup_rows(data: ReportData, variable: str, lang: str) -> list[dict[str, Any]]:
    rows = []
    for e in data.domain_values(variable):
        label = category_label(variable, e.domain[0][1], lang)
        row = _row(label, e, lang)
        direction = fmt.direction(data.comparison("headline", e.domain))
        row["direction"] = direction or "none"
        if direction in ("higher", "lower"):
            row["text"] += " ▲" if direction == "higher" else " ▼"
        row["text_x"] = row["high"] if row["high"] is not None else 0.0
        rows.append(row)
    return rows


def driver_rows(data: ReportData, lang: str) -> list[dict[str, Any]]:
    if data.drivers is None or data.drivers.r2 <= 0:
        return []
    r2 = data.drivers.r2
    rows = []
    for d in sorted(data.drivers.drivers, key=lambda d: -d.shapley):
        dim = d.name.split(":")[-1]
        ci = d.shapley_ci
        rows.append(
            {
                "label": dimension_label(dim, lang),
                "value": d.shapley / r2,
                "low": None if ci is None else max(ci[0] / r2, 0.0),
                "high": None if ci is None else min(ci[1] / r2, 1.0),
                "text": fmt.pct(d.shapley / r2, lang),
            }
        )
    for r in rows:
        if r["high"] is None:
            r["low"] = r["high"] = r["value"]
    return rows


def trend_rows(data: ReportData, lang: str) -> list[dict[str, Any]]:
    rows = []
    prev = data.previous("headline")
    if prev is not None and data.previous_wave:
        rows.append(_row(data.previous_wave, prev, lang) | {"wave": data.previous_wave})
    assert data.headline is not None
    rows.append(_row(data.wave, data.headline, lang) | {"wave": data.wave})
    for r in rows:
        r["series"] = "headline"
    return [r for r in rows if r["value"] is not None]


def _row(label: str, e: Any, lang: str) -> dict[str, Any]:
    return {
        "label": label,
        "value": e.value,
        "low": e.ci_low,
        "high": e.ci_high,
        "text": fmt.value(e, lang) + ("*" if fmt.is_flagged(e) else ""),
    }


def alt_text(kind: str, rows: Sequence[Row], lang: str, **extra: str) -> str:
    """A text alternative that lists every figure the chart shows."""
    items = "; ".join(f"{r['label']}: {r['text']}" for r in rows)
    return t(lang, f"alt_{kind}", items=items, **extra)


def variable_title(variable: str, lang: str) -> str:
    return variable_label(variable, lang)


# --- rendering ----------------------------------------------------------------------------


@functools.cache
def _fonts() -> None:
    import vl_convert as vlc

    for folder in _FONT_DIRS:
        if Path(folder).is_dir():
            vlc.register_font_directory(folder)


def render_svg(spec: Mapping[str, Any]) -> str:
    import vl_convert as vlc

    _fonts()
    svg: str = vlc.vegalite_to_svg(dict(spec))
    return svg


def render_png(spec: Mapping[str, Any], scale: float = 2.0) -> bytes:
    import vl_convert as vlc

    _fonts()
    png: bytes = vlc.vegalite_to_png(dict(spec), scale=scale)
    return png
