"""`maatmonitor report WAVE`: the report (HTML, PDF), deck (PPTX) and exports of a wave.

    maatmonitor report 2026-2 --format html,pdf,pptx,xlsx,sav,csv,parquet --district oost --out DIR

Reads the stored analysis of every audience of the wave (contract C2), the stories summary (C3)
and the improvement initiatives when those apps are installed, and calls
``maatmonitor.core.reporting.build.write_outputs``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from maatmonitor.core import codes
from maatmonitor.core.reporting.build import FORMATS, parse_formats, write_outputs

console = Console(stderr=True)


def _fail(message: str) -> typer.Exit:
    console.print(f"[red]Fout:[/red] {message}", highlight=False)
    return typer.Exit(code=1)


def _optional(module: str, name: str) -> Any:
    """A query function of an app that may not be installed yet (None when absent)."""
    import importlib

    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def report(
    wave: Annotated[str, typer.Argument(help="Code van de meting, bv. 2026-2.")],
    format: Annotated[
        str,
        typer.Option("--format", "-f", help=f"Formaten, komma-gescheiden: {','.join(FORMATS)}."),
    ] = "html,pdf,pptx,xlsx",
    district: Annotated[
        str | None,
        typer.Option(help="Districtseditie (code, bv. oost) naast het landelijke cijfer."),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Map voor de uitvoer.")] = Path(
        "out/report"
    ),
    lang: Annotated[str, typer.Option(help="Taal: nl of en.")] = "nl",
) -> None:
    """Maak rapport, presentatie en exportbestanden van een meting."""
    try:
        formats = parse_formats(format)
    except ValueError as exc:
        raise _fail(str(exc)) from None
    if district is not None and district not in codes.DISTRICT:
        raise _fail(f"onbekend district {district!r}; kies uit {', '.join(codes.DISTRICT)}")
    from maatmonitor.web.django_setup import setup_django

    setup_django()
    from maatmonitor.apps.results.queries import (
        latest_analysis,
        previous_wave_analysis,
        respondents_for,
    )
    from maatmonitor.apps.waves.models import Wave

    waves = list(Wave.objects.filter(code=wave).order_by("audience"))
    if not waves:
        raise _fail(f"geen meting {wave!r} in de database")
    stories_summary = _optional("maatmonitor.apps.stories.queries", "stories_summary")
    initiatives_for = _optional("maatmonitor.apps.followup.queries", "initiatives_for_report")
    analyses, previous, initiatives, respondents = [], [], [], {}
    stories: dict[str, Any] = {}
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console
    ) as progress:
        task = progress.add_task("analyses lezen", total=None)
        for w in waves:
            analysis = latest_analysis(w)
            if analysis is None:
                raise _fail(f"meting {w.code} ({w.audience}) is nog niet geanalyseerd")
            analyses.append(analysis)
            before = previous_wave_analysis(w)
            if before is not None:
                previous.append(before)
            if initiatives_for is not None:
                initiatives += initiatives_for(w, district=district)
            if {"sav", "csv", "parquet"} & set(formats) and district is None:
                progress.update(task, description=f"respondentbestand {w.audience}")
                respondents[w.audience] = respondents_for(w)
            if stories_summary is not None:
                progress.update(task, description=f"verhalen {w.audience}")
                stories[w.audience] = stories_summary(w, district=district)

        def tell(message: str) -> None:
            progress.update(task, description=message)

        try:
            paths = write_outputs(
                analyses,
                previous=previous,
                stories=stories or None,
                initiatives=initiatives,
                district=district,
                formats=formats,
                out_dir=out,
                lang=lang,
                respondents=respondents,
                progress=tell,
            )
        except ValueError as exc:
            raise _fail(str(exc)) from None
    for path in paths:
        console.print(f"  {path}")
    console.print(f"{len(paths)} bestanden geschreven in {out}")
