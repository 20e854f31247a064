"""One call for every output of a wave: ``write_outputs`` (used by the CLI and ``make demo``)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from maatmonitor.core.instrument import Questionnaire
from maatmonitor.core.reporting import exports, html
from maatmonitor.core.reporting.deck import build_deck
from maatmonitor.core.reporting.model import ReportData, from_analysis
from maatmonitor.core.reporting.stories import story_groups
from maatmonitor.core.reporting.texts import check_language
from maatmonitor.core.stats.wave_result import WaveAnalysis

FORMATS = ("html", "pdf", "pptx", "xlsx", "sav", "csv", "parquet")
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Respondents:
    """One audience's respondent-level input for the data exports and the method appendix:
    the response frame (C1), the final weights in the same row order, the design frame
    (stratum, N_h, n_h) and the questionnaire (labels)."""

    responses: pd.DataFrame
    weights: Sequence[float] | np.ndarray
    questionnaire: Questionnaire
    design: pd.DataFrame | None = None


def first_page_png(pdf: Path, target: Path, width: int = 420) -> Path | None:
    """A PNG thumbnail of the report's first page (for the README); None without poppler."""
    if shutil.which("pdftoppm") is None:
        return None
    stem = target.with_suffix("")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-singlefile",
            "-f",
            "1",
            "-l",
            "1",
            "-scale-to-x",
            str(width),
            "-scale-to-y",
            "-1",
            str(pdf),
            str(stem),
        ],
        check=True,
        capture_output=True,
    )
    return target


def parse_formats(text: str) -> tuple[str, ...]:
    asked = tuple(f.strip().lower() for f in text.split(",") if f.strip())
    unknown = [f for f in asked if f not in FORMATS]
    if unknown or not asked:
        raise ValueError(f"onbekend formaat {unknown or text!r}; kies uit {', '.join(FORMATS)}")
    return asked


def write_outputs(
    analysis: WaveAnalysis | Sequence[WaveAnalysis],
    *,
    previous: WaveAnalysis | Sequence[WaveAnalysis] | None = None,
    stories: Any = None,  # a StoriesSummary, or {audience: StoriesSummary}
    initiatives: Sequence[Mapping[str, Any]] = (),
    district: str | None = None,
    formats: Sequence[str] = FORMATS,
    out_dir: str | Path,
    lang: str = "nl",
    respondents: Mapping[str, Respondents] | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Write the report (html, pdf), deck (pptx) and exports (xlsx; sav/csv/parquet of the
    respondent file when ``respondents`` is given, else csv/parquet of the tables and no sav)
    for one
    wave, one analysis per audience. ``previous`` gives the earlier wave (matched by audience)
    for changes and trend; ``district`` makes the district edition. Returns the paths."""
    check_language(lang)
    analyses = [analysis] if isinstance(analysis, WaveAnalysis) else list(analysis)
    if not analyses:
        raise ValueError("geen analyse om te rapporteren")
    prev_list = [previous] if isinstance(previous, WaveAnalysis) else list(previous or [])
    prev_by = {p.audience: p for p in prev_list}
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"onbekend formaat {unknown}; kies uit {', '.join(FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tell = progress or (lambda _msg: None)
    respondents = respondents or {}
    data: list[ReportData] = [
        from_analysis(
            a,
            prev_by.get(a.audience),
            design=respondents[a.audience].design if a.audience in respondents else None,
            responses=respondents[a.audience].responses if a.audience in respondents else None,
        )
        for a in analyses
    ]
    if district and not any(d.get("headline", (("district", district),)) for d in data):
        raise ValueError(f"district {district!r} komt niet voor in de analyse")
    story_view = story_groups(stories, [a.audience for a in analyses], lang)
    stem = f"maatmonitor_{analyses[0].wave or 'meting'}" + (f"_{district}" if district else "")
    paths: list[Path] = []
    if "html" in formats or "pdf" in formats:
        tell("rapport (HTML)")
        page = html.render_html(data, stories=story_view, district=district, lang=lang)
        if "html" in formats:
            paths.append(out / f"{stem}.html")
            paths[-1].write_text(page, encoding="utf-8")
        if "pdf" in formats:
            tell("rapport (PDF)")
            paths.append(html.render_pdf(page, out / f"{stem}.pdf"))
            thumb = first_page_png(paths[-1], out / f"{stem}_pagina1.png")
            if thumb is not None:
                paths.append(thumb)
    if "pptx" in formats:
        tell("presentatie (PPTX)")
        paths.append(
            build_deck(
                data,
                out / f"{stem}.pptx",
                stories=story_view,
                initiatives=initiatives,
                district=district,
                lang=lang,
            )
        )
    if "xlsx" in formats:
        tell("tabellen (XLSX)")
        paths.append(exports.write_xlsx(analyses, out / f"{stem}_tabellen.xlsx"))
    data_formats = [f for f in ("sav", "csv", "parquet") if f in formats]
    if data_formats and not district:
        if respondents:
            tell("respondentbestand (" + ", ".join(data_formats) + ")")
            files = {
                aud: exports.respondent_file(r.responses, r.weights, r.questionnaire)
                for aud, r in respondents.items()
            }
            paths += exports.respondent_files(
                files,
                {aud: r.questionnaire for aud, r in respondents.items()},
                out / "data",
                data_formats,
                lang,
            )
        elif "sav" in data_formats:
            # the report itself does not need it; say so instead of failing the whole run
            tell("sav overgeslagen: geen respondentbestand (antwoorden en gewichten) meegegeven")
        if "csv" in data_formats:
            paths += exports.write_tables_csv(analyses, out / "tabellen")
        if "parquet" in data_formats:
            paths += exports.write_tables_parquet(analyses, out / "tabellen")
    return paths
