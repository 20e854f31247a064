"""Chart specs (shared with the dashboard), their colours, rendering, and the text catalogue."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from maatmonitor.core.reporting import charts
from maatmonitor.core.reporting.model import from_analysis
from maatmonitor.core.reporting.texts import MESSAGES, REASON_TEXTS, t
from maatmonitor.core.stats.rules import REASONS
from tests.core.reporting.synthetic import two_waves


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _colours(spec: object) -> set[str]:
    found: set[str] = set()
    if isinstance(spec, dict):
        for v in spec.values():
            found |= _colours(v)
    elif isinstance(spec, list):
        for v in spec:
            found |= _colours(v)
    elif isinstance(spec, str) and spec.startswith("#") and len(spec) == 7:
        found.add(spec)
    return found


def _rows(spec: object) -> list[object]:
    """Every inline data row anywhere in a spec."""
    if isinstance(spec, dict):
        inline = spec.get("values") if isinstance(spec.get("values"), list) else []
        return inline + [r for k, v in spec.items() if k != "values" for r in _rows(v)]
    if isinstance(spec, list):
        return [r for v in spec for r in _rows(v)]
    return []


@pytest.fixture(scope="module")
def data():
    previous, current = two_waves()
    return from_analysis(current.analysis, previous.analysis)


def test_specs_are_vega_lite_with_every_figure_and_accessible_colours(data):
    reference = {"value": data.headline.value, "text": "Landelijk"}
    kinds = {
        "dimensions": charts.dimension_rows(data, "nl"),
        "drivers": charts.driver_rows(data, "nl"),
        "subgroups": charts.subgroup_rows(data, "journey", "nl"),
        "trend": charts.trend_rows(data, "nl"),
    }
    for kind, rows in kinds.items():
        spec = charts.chart_spec(kind, rows, lang="nl", reference=reference)
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
        values = _rows(spec)
        for row in rows:
            assert row in values
        for colour in _colours(spec):
            contrast = (1.05) / (_luminance(colour) + 0.05)
            assert contrast >= 3.0, (kind, colour, contrast)
    trend = kinds["trend"]
    assert [r["wave"] for r in trend] == ["2026-1", "2026-2"]
    assert trend[-1]["value"] == data.headline.value


def test_subgroup_rows_mark_significance_with_shape_and_text(data):
    rows = charts.subgroup_rows(data, "outcome", "nl")
    lower = [r for r in rows if r["direction"] == "lower"]
    assert lower
    assert all(r["text"].endswith("▼") for r in lower)
    spec = charts.chart_spec("subgroups", rows)
    shapes = [layer["encoding"].get("shape") for layer in spec["layer"] if "encoding" in layer]
    assert any(s and s["scale"]["range"][1] == "triangle-down" for s in shapes)


def test_rendered_chart_is_not_empty(data):
    spec = charts.chart_spec("dimensions", charts.dimension_rows(data, "nl"))
    png = np.asarray(Image.open(io.BytesIO(charts.render_png(spec, scale=1))).convert("RGB"))
    blue = np.all(np.abs(png.astype(int) - [0x00, 0x72, 0xB2]) < 20, axis=2).mean()
    assert blue > 0.02  # the bars are drawn
    svg = charts.render_svg(spec)
    assert "Ziet mij als mens" in svg


def test_unknown_chart_kind_is_refused():
    with pytest.raises(ValueError, match="onbekend soort grafiek 'pie'"):
        charts.chart_spec("pie", [])


def test_catalogues_have_the_same_keys_and_placeholders():
    assert MESSAGES["nl"].keys() == MESSAGES["en"].keys()
    for key, text in MESSAGES["nl"].items():
        assert sorted(_fields(text)) == sorted(_fields(MESSAGES["en"][key])), key
    for lang in ("nl", "en"):
        assert REASON_TEXTS[lang].keys() == REASONS.keys()
    assert t("en", "summary") == "Summary"
    with pytest.raises(ValueError, match="taal 'fr' onbekend"):
        t("fr", "summary")


def _fields(text: str) -> list[str]:
    import string

    return [f for _, f, _, _ in string.Formatter().parse(text) if f]


def test_english_report_uses_english_texts(outputs, tmp_path):
    from maatmonitor.core.reporting.build import write_outputs

    (page,) = write_outputs(
        outputs.current.analysis, formats=("html",), out_dir=tmp_path, lang="en"
    )
    text = page.read_text(encoding="utf-8")
    assert '<html lang="en">' in text
    assert "What makes the most difference?" in text
    assert "Wat maakt" not in text
