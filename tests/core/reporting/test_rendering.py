"""Every PDF page and every slide, rendered to PNG: content present, charts not empty, nothing
outside the page (a test-only step with poppler and LibreOffice; skipped without them)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from maatmonitor.core.reporting import fmt
from tests.core.reporting.conftest import needs


def pages_png(pdf: Path, folder: Path, dpi: int = 40) -> list[Path]:
    needs("pdftoppm")
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(folder / "p")], check=True)
    return sorted(folder.glob("p-*.png"))


def ink_share(png: Path) -> float:
    """Share of pixels that are not (near) white."""
    a = np.asarray(Image.open(png).convert("L"))
    return float((a < 235).mean())


def pdf_words(pdf: Path) -> tuple[list[tuple[float, float]], list[dict[str, float | str]]]:
    """Page sizes and words with bounding boxes from ``pdftotext -bbox``."""
    needs("pdftotext")
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages, words = [], []
    for i, page in enumerate(re.split(r"<page ", xml)[1:]):
        w, h = (float(x) for x in re.search(r'width="([\d.]+)" height="([\d.]+)"', page).groups())
        pages.append((w, h))
        for m in re.finditer(
            r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)</word>',
            page,
        ):
            x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
            words.append({"page": i, "x0": x0, "y0": y0, "x1": x1, "y1": y1, "text": m.group(5)})
    return pages, words


@pytest.mark.parametrize("edition", ["national", "district"])
def test_pdf_pages_have_content_and_no_text_outside_the_page(outputs, edition, tmp_path):
    pdf = getattr(outputs, edition)["pdf"]
    pages = pages_png(pdf, tmp_path)
    assert len(pages) >= 6
    for png in pages:
        assert ink_share(png) > 0.01, f"{png.name} is (nearly) empty"
    sizes, words = pdf_words(pdf)
    assert len(sizes) == len(pages)
    for w in words:
        pw, ph = sizes[int(w["page"])]
        assert w["x0"] >= 0, w
        assert w["x1"] <= pw + 0.5, w
        assert w["y0"] >= 0, w
        assert w["y1"] <= ph + 0.5, w
    first_page = " ".join(str(w["text"]) for w in words if w["page"] == 0)
    head = outputs.current.analysis.headline
    if edition == "national":
        assert fmt.value(head) in first_page
    assert "Samenvatting" in first_page


def test_pdf_charts_are_drawn(outputs, tmp_path):
    """The chart pages carry far more ink than text alone would (bars, dots and axes)."""
    pages = pages_png(outputs.national["pdf"], tmp_path)
    shares = [ink_share(p) for p in pages]
    assert max(shares) > 0.05


def test_slides_have_notes_and_fit_the_slide(outputs):
    prs = Presentation(str(outputs.national["pptx"]))
    titles = []
    for slide in prs.slides:
        assert slide.has_notes_slide
        assert slide.notes_slide.notes_text_frame.text.strip()
        for shape in slide.shapes:
            assert shape.left >= 0
            assert shape.top >= 0
            assert shape.left + shape.width <= prs.slide_width, shape.name
            assert shape.top + shape.height <= prs.slide_height, shape.name
            if shape.has_text_frame:
                lines = sum(max(1, len(p.text) // 95 + 1) for p in shape.text_frame.paragraphs)
                size = max(
                    (
                        r.font.size.pt
                        for p in shape.text_frame.paragraphs
                        for r in p.runs
                        if r.font.size
                    ),
                    default=18,
                )
                assert lines * size * 1.25 * 12700 <= shape.height + 40 * 12700, (
                    shape.text_frame.text[:60]
                )
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        titles.append(texts[0] if texts else "")
    joined = " | ".join(titles)
    for part in (
        "Menselijke Maat Monitor",
        "vier kanten",
        "meeste verschil",
        "Wat vertellen mensen?",
    ):
        assert part in joined
    assert "Wat gaan we doen?" in joined
    pictures = [s for sl in prs.slides for s in sl.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) >= 6
    head = fmt.value(outputs.current.analysis.headline)
    assert any(head == s.text_frame.text for s in prs.slides[1].shapes if s.has_text_frame)
    actions = prs.slides[len(prs.slides) - 1]
    assert "Gestart" in " ".join(s.text_frame.text for s in actions.shapes if s.has_text_frame)
    assert "Vaste contactpersoon" in " ".join(
        s.text_frame.text for s in actions.shapes if s.has_text_frame
    )


def test_deck_without_initiatives_says_so(outputs):
    prs = Presentation(str(outputs.district["pptx"]))
    last = " ".join(
        s.text_frame.text for s in prs.slides[len(prs.slides) - 1].shapes if s.has_text_frame
    )
    assert "nog geen verbeteracties" in last


def test_every_slide_renders_with_content(outputs, tmp_path):
    needs("soffice")
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(outputs.national["pptx"]),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / outputs.national["pptx"].with_suffix(".pdf").name
    pages = pages_png(pdf, tmp_path / "png", dpi=30)
    prs = Presentation(str(outputs.national["pptx"]))
    assert len(pages) == len(prs.slides)
    for png in pages:
        assert ink_share(png) > 0.01, png.name


def test_first_page_thumbnail_is_written(outputs):
    needs("pdftoppm")
    thumb = outputs.national["png"]
    assert thumb.name == "maatmonitor_2026-2_pagina1.png"
    image = Image.open(thumb)
    assert image.width == 420
    assert ink_share(thumb) > 0.02
