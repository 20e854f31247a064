"""The slide deck (python-pptx): title, headline, dimensions, drivers, subgroups, topics with
quotes, trend and "wat gaan we doen"; charts as PNG (vl-convert) and speaker notes on every slide."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from maatmonitor.core.reporting import charts, fmt
from maatmonitor.core.reporting.model import ReportData
from maatmonitor.core.reporting.stories import StoryGroups
from maatmonitor.core.reporting.texts import category_label, dimension_label, t, variable_label
from maatmonitor.core.stats.results import Domain

NAVY = RGBColor(0x00, 0x46, 0x6E)  # type: ignore[no-untyped-call]
TEXT = RGBColor(0x1A, 0x1A, 0x1A)  # type: ignore[no-untyped-call]
ORANGE = RGBColor(0xC7, 0x53, 0x00)  # type: ignore[no-untyped-call]
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.6)
SLIDE: dict[str, Any] = {"width": 620, "step": 56}  # slide charts: fewer, bigger rows


def _differences(d: ReportData, variable: str, lang: str) -> str:
    """Plain-words summary of the clear differences within one subgroup variable."""
    parts = []
    for direction, key in (("lower", "lower_groups"), ("higher", "higher_groups")):
        found = [
            f"{category_label(variable, e.domain[0][1], lang)} ({fmt.value(e, lang)})"
            for e in d.clear_differences(direction)
            if e.domain[0][0] == variable
        ]
        if found:
            parts.append(t(lang, key, groups=", ".join(found)))
    return " ".join(parts) or t(lang, "no_clear_groups")


class _Deck:
    def __init__(self, lang: str) -> None:
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = WIDTH, HEIGHT
        self.blank = self.prs.slide_layouts[6]
        self.lang = lang

    def slide(self, title: str, notes: str) -> Any:
        s = self.prs.slides.add_slide(self.blank)
        self.text(s, title, MARGIN, Inches(0.4), WIDTH - 2 * MARGIN, Inches(0.9), 30, NAVY, True)
        s.notes_slide.notes_text_frame.text = notes
        return s

    def text(
        self,
        s: Any,
        text: str,
        left: Emu | int,
        top: Emu | int,
        width: Emu | int,
        height: Emu | int,
        size: int = 18,
        color: RGBColor = TEXT,
        bold: bool = False,
    ) -> Any:
        box = s.shapes.add_textbox(left, top, width, height)
        frame = box.text_frame
        frame.word_wrap = True
        for i, line in enumerate(text.split("\n")):
            p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            p.text = line
            p.font.size = Pt(size)
            p.font.bold = bold
            p.font.color.rgb = color
            p.font.name = "Liberation Sans"
        return box

    def chart(
        self, s: Any, spec: dict[str, Any], left: int, top: int, max_w: int, max_h: int
    ) -> None:
        png = charts.render_png(spec, scale=2)
        pic = s.shapes.add_picture(io.BytesIO(png), left, top)
        ratio = min(max_w / pic.width, max_h / pic.height)
        pic.width, pic.height = int(pic.width * ratio), int(pic.height * ratio)


def _change(d: ReportData, lang: str) -> str:
    c, prev = d.change("headline"), d.previous("headline")
    if c is None or c.suppressed or c.difference is None or prev is None or prev.suppressed:
        return t(lang, "no_previous")
    if fmt.direction(c) == "none":
        return t(lang, "change_same", previous=fmt.value(prev, lang))
    key = "change_up" if c.difference > 0 else "change_down"
    return t(lang, key, diff=fmt.pp(c.difference, lang), previous=fmt.value(prev, lang))


def build_deck(
    data: Sequence[ReportData],
    target: Path,
    *,
    stories: StoryGroups | None = None,
    initiatives: Sequence[Mapping[str, Any]] = (),
    district: str | None = None,
    lang: str = "nl",
) -> Path:
    deck = _Deck(lang)
    wave = data[0].wave
    domain: Domain = (("district", district),) if district else ()
    where = category_label("district", district, lang) if district else t(lang, "national")
    body_w = WIDTH - 2 * MARGIN

    s = deck.prs.slides.add_slide(deck.blank)
    deck.text(s, t(lang, "report_title"), MARGIN, Inches(2.3), body_w, Inches(1.2), 44, NAVY, True)
    deck.text(
        s,
        t(lang, "title_slide_sub", wave=wave) + f" · {where}",
        MARGIN,
        Inches(3.6),
        body_w,
        Inches(0.8),
        24,
    )
    s.notes_slide.notes_text_frame.text = t(lang, "note_title", wave=wave)

    s = deck.slide(t(lang, "headline_question"), "")
    notes = []
    col_w = int(body_w / max(len(data), 1))
    for i, d in enumerate(data):
        e = d.get("headline", domain)
        left = MARGIN + i * col_w
        aud = category_label("audience", d.audience, lang)
        deck.text(s, aud, left, Inches(1.6), col_w - Inches(0.3), Inches(0.6), 24, TEXT, True)
        deck.text(
            s,
            fmt.value(e, lang) if e else fmt.HIDDEN,
            left,
            Inches(2.2),
            col_w,
            Inches(1.6),
            88,
            NAVY,
            True,
        )
        lines = [
            t(
                lang,
                "headline_of",
                value=fmt.value(e, lang) if e else fmt.HIDDEN,
                audience_lower=aud.lower(),
            )
        ]
        if e is not None and not e.suppressed:
            lines.append(
                t(lang, "interval", low=fmt.pct(e.ci_low, lang), high=fmt.pct(e.ci_high, lang))
            )
            notes.append(
                t(lang, "note_headline", low=fmt.pct(e.ci_low, lang), high=fmt.pct(e.ci_high, lang))
            )
        if district:
            national = fmt.value(d.headline, lang) if d.headline else fmt.HIDDEN
            lines.append(f"{t(lang, 'national')}: {national}")
        else:
            lines.append(_change(d, lang))
        deck.text(s, "\n".join(lines), left, Inches(4.0), col_w - Inches(0.4), Inches(2.6), 18)
    s.notes_slide.notes_text_frame.text = " ".join(notes) or t(lang, "note_subgroups")

    for d in data:
        aud = category_label("audience", d.audience, lang)
        rows = charts.dimension_rows(d, lang, domain)
        if rows:
            s = deck.slide(f"{aud}: {t(lang, 'dimensions').lower()}", t(lang, "note_dimensions"))
            deck.chart(
                s,
                charts.chart_spec("dimensions", rows, lang=lang, **SLIDE),
                MARGIN,
                Inches(1.5),
                body_w,
                Inches(5.5),
            )
        drv = charts.driver_rows(d, lang)
        if drv:
            top = dimension_label(d.drivers.top().split(":")[-1], lang) if d.drivers else ""
            s = deck.slide(f"{aud}: {t(lang, 'drivers').lower()}", t(lang, "note_drivers"))
            deck.text(
                s, t(lang, "driver_top", name=top), MARGIN, Inches(1.3), body_w, Inches(0.6), 20
            )
            deck.chart(
                s,
                charts.chart_spec("drivers", drv, lang=lang, **SLIDE),
                MARGIN,
                Inches(2.0),
                body_w,
                Inches(5.0),
            )
        assert d.headline is not None
        reference = {"value": d.headline.value, "text": t(lang, "national_line")}
        for var in d.subgroup_variables()[:3] if not district else ("district",):
            rows = charts.subgroup_rows(d, var, lang)
            if not rows:
                continue
            s = deck.slide(f"{aud}: {variable_label(var, lang).lower()}", t(lang, "note_subgroups"))
            deck.chart(
                s,
                charts.chart_spec("subgroups", rows, lang=lang, reference=reference, **SLIDE),
                MARGIN,
                Inches(1.3),
                body_w,
                Inches(4.7),
            )
            deck.text(s, _differences(d, var, lang), MARGIN, Inches(6.2), body_w, Inches(0.9), 18)
        trend = charts.trend_rows(d, lang)
        if len(trend) > 1 and not district:
            s = deck.slide(f"{aud}: {t(lang, 'trend').lower()}", t(lang, "note_trend"))
            deck.chart(
                s,
                charts.chart_spec("trend", trend, lang=lang, width=620),
                MARGIN,
                Inches(1.5),
                body_w,
                Inches(5.5),
            )

    for heading, items in stories or [("", [])]:
        title = t(lang, "stories") + (f" ({heading.lower()})" if heading else "")
        s = deck.slide(title, t(lang, "note_topics"))
        if items:
            lines = []
            for topic in items[:4]:
                lines.append(
                    f"{topic.label} · {t(lang, 'mentions')} {fmt.count(topic.count, lang)}"
                )
                lines.extend(f"   “{q}”" for q in topic.quotes[:1])
            deck.text(s, "\n".join(lines), MARGIN, Inches(1.5), body_w, Inches(5.5), 18)
        else:
            deck.text(s, t(lang, "no_stories"), MARGIN, Inches(1.5), body_w, Inches(1), 20)

    s = deck.slide(t(lang, "actions"), t(lang, "note_actions"))
    if initiatives:
        lines = []
        for item in initiatives[:6]:
            owner = item.get("owner") or ""
            status = item.get("status_label") or item.get("status") or ""
            lines.append(f"• {item.get('title', '')}")
            lines.append(f"   {t(lang, 'owner')}: {owner} · {t(lang, 'status')}: {status}")
        deck.text(s, "\n".join(lines), MARGIN, Inches(1.5), body_w, Inches(5.5), 18)
    else:
        deck.text(s, t(lang, "no_actions"), MARGIN, Inches(1.5), body_w, Inches(1), 20)
    deck.prs.save(str(target))
    return target
