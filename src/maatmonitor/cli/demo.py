"""`maatmonitor demo`: run the monitor end to end on the embedded database.

Each step calls the same core functions and app services as the real commands; the demo only
chooses the inputs (shipped questionnaires, a synthetic population) and prints what happened.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from maatmonitor.cli import demo_output, demo_waves
from maatmonitor.cli.sample import _plan_table
from maatmonitor.core import sampling, synth
from maatmonitor.core.instrument import (
    Questionnaire,
    Verdict,
    check_plain_language,
    load_questionnaire,
    shipped_questionnaire_paths,
)

# Wide enough for the tables when the output goes to a file or CI log.
console = Console(width=None if sys.stdout.isatty() else 150)

# The frame is the register of 1 November 2026; the demo fields the two waves of 2026 on it.
REFERENCE_DATE = date(2026, 11, 1)
SIZES = {False: (1_200_000, 250_000), True: (120_000, 25_000)}
# The small run also asks a quarter of the completes, so that it takes a minute or two.
SAMPLE_SCALE = {False: 1.0, True: 0.25}
REPORT_FORMATS = ("html", "pdf", "pptx", "xlsx", "sav", "csv", "parquet")
DISTRICT_FORMATS = ("html", "pdf")


@dataclass
class _Timer:
    steps: list[tuple[str, float]]

    @contextmanager
    def step(self, title: str) -> Iterator[Callable[[str], None]]:
        console.rule(f"[bold]{title}")
        start = time.perf_counter()
        with console.status(title + " ...") as status:
            yield lambda part: status.update(f"{title}: {part} ...")
        self.steps.append((title, time.perf_counter() - start))


def demo(
    small: Annotated[
        bool,
        typer.Option(
            help="Kleine run: 120.000 cliënten, 25.000 werkgevers, een kwart van de steekproef."
        ),
    ] = False,
    out: Annotated[Path, typer.Option(help="Map voor alle uitvoer.")] = Path("out"),
    seed: Annotated[int, typer.Option(help="Seed van de synthetische populatie.")] = 2026,
    districts: Annotated[
        bool, typer.Option(help="Ook een rapport per district (html en pdf).")
    ] = True,
) -> None:
    """Draai de hele monitor op de ingebouwde database (SQLite): vragenlijst, steekproef,
    veldwerk (gesimuleerd), weging en analyse, verhalen, rapporten."""
    timer = _Timer([])
    out.mkdir(parents=True, exist_ok=True)
    n_clients, n_employers = SIZES[small]

    with timer.step("1. Vragenlijsten controleren"):
        questionnaires = _check_questionnaires()

    with timer.step("2. Vragenlijsten in de database"):
        from maatmonitor.web.django_setup import setup_django

        setup_django(migrate=True)
        _remove_earlier_demo_waves()
        versions = _import_questionnaires()

    with timer.step("3. Synthetische populatie maken"):
        data = synth.build_demo_data(
            out / "data", n_clients, n_employers, seed, questionnaires=questionnaires
        )
    console.print(demo_output.truth_table(data.truth))

    with timer.step("4. Populatieframe importeren en valideren"):
        result = sampling.import_frame(data.frame_parquet, reference_date=REFERENCE_DATE)
        frame = sampling.attach_prn(result.frame, demo_waves.DEMO_SALT)
        (out / "frame").mkdir(parents=True, exist_ok=True)
        sampling.save_frame(frame, out / "frame" / "frame.parquet")
        margins = sampling.population_margins(frame)
        sampling.write_margins(margins, out / "frame" / "margins.csv")
    console.print(result.summary())
    if result.rows_rejected:
        raise typer.Exit(code=1)

    runs: list[demo_waves.WaveRun] = []
    for spec in demo_waves.WAVES:
        # The frame as this wave drew from it (earlier invitations marked): with the manifest
        # it makes the draw repeatable.
        sampling.save_frame(frame, out / "frame" / f"frame-{spec.code}.parquet")
        this_wave = []
        for audience, version in versions.items():
            previous = next((r.analysis for r in reversed(runs) if r.audience == audience), None)
            with timer.step(f"5. Meting {spec.code}, {audience}") as on_step:
                run = demo_waves.run_wave(
                    spec,
                    audience,
                    version,
                    frame,
                    margins,
                    questionnaires,
                    data.truth.model,
                    out,
                    seed=seed,
                    previous=previous,
                    scale=SAMPLE_SCALE[small],
                    on_step=on_step,
                )
            this_wave.append(run)
            design = run.draw.manifest.design
            console.print(
                _plan_table(
                    run.draw.table,
                    f"Allocatie {audience}, meting {spec.code} "
                    f"({design['method']}, {design['size']:,} ingevuld gewenst)",
                )
            )
            console.print(
                f"{run.invited:,} uitgenodigd, {run.respondents:,} bruikbare antwoorden, "
                f"{run.stories:,} open antwoorden gecodeerd, {run.opted_out} afgemeld"
            )
        runs.extend(this_wave)
        frame = demo_waves.frame_for_next_wave(frame, this_wave)

    with timer.step("6. Rapporten, presentatie en data") as on_step:
        files = _write_reports(runs, out / "rapporten", districts, on_step)

    _print_summary(timer, out, runs, data.truth, files)


def _remove_earlier_demo_waves() -> None:
    """A second `make demo` starts over: the waves of an earlier demo run go, with everything
    that hangs off them (sample, responses, analyses, stories)."""
    from django.db.models import ProtectedError

    from maatmonitor.apps.waves.models import Wave

    earlier = Wave.objects.filter(code__in={s.code for s in demo_waves.WAVES})
    if not earlier.exists():
        return
    try:
        earlier.delete()
    except ProtectedError as exc:
        console.print(
            f"[red]Vorige demo-metingen kunnen niet weg:[/red] {exc.args[0]} "
            "Begin opnieuw met `make clean` en dan `make demo`."
        )
        raise typer.Exit(code=1) from exc
    console.print("Metingen van een vorige demo verwijderd.")


def _write_reports(
    runs: list[demo_waves.WaveRun], out: Path, districts: bool, on_step: Callable[[str], None]
) -> list[Path]:
    from maatmonitor.apps.followup.queries import initiatives_for_report
    from maatmonitor.apps.results.queries import respondents_for
    from maatmonitor.apps.stories.queries import stories_summary
    from maatmonitor.core import codes
    from maatmonitor.core.reporting.build import write_outputs

    last = [r for r in runs if r.spec == demo_waves.WAVES[-1]]
    earlier = [r for r in runs if r.spec != demo_waves.WAVES[-1]]
    analyses = [r.analysis for r in last]
    previous = [r.analysis for r in earlier]
    stories = {r.audience: stories_summary(r.wave) for r in last}
    on_step("verbeterinitiatieven")
    demo_waves.register_demo_initiatives(last)
    on_step("gewogen respondentbestanden")
    respondents = {r.audience: respondents_for(r.wave) for r in last}
    on_step("landelijk rapport")
    files = write_outputs(
        analyses,
        previous=previous,
        stories=stories,
        initiatives=initiatives_for_report(last[0].wave),
        formats=REPORT_FORMATS,
        out_dir=out,
        respondents=respondents,
    )
    if districts:
        for district in codes.DISTRICTS:
            on_step(f"district {district.code}")
            files += write_outputs(
                analyses,
                previous=previous,
                stories={r.audience: stories_summary(r.wave, district.code) for r in last},
                district=district.code,
                formats=DISTRICT_FORMATS,
                out_dir=out / "districten",
            )
    return files


def _check_questionnaires() -> dict[str, Questionnaire]:
    table = Table(title="Meegeleverde vragenlijsten")
    for head in ("doelgroep", "id", "versie", "pagina's", "stellingen per dimensie", "taalcheck"):
        table.add_column(head)
    loaded: dict[str, Questionnaire] = {}
    failed = False
    for audience, path in shipped_questionnaire_paths().items():
        q = load_questionnaire(path)
        loaded[audience] = q
        per_dim = ", ".join(
            f"{d}: {len(items)}" for d, items in q.statements_by_dimension().items()
        )
        verdicts = []
        for lang in ("nl", "en"):
            report = check_plain_language(q, lang=lang)
            counts = report.counts()
            failed |= report.verdict is Verdict.FAIL
            verdicts.append(f"{lang}: {report.verdict.value} ({counts[Verdict.OK]} ok)")
        table.add_row(audience, q.id, q.version, str(len(q.pages)), per_dim, "; ".join(verdicts))
    console.print(table)
    if failed:
        console.print(
            "[red]Een vragenlijst haalt de taalcheck niet:[/red] maatmonitor instrument check"
        )
        raise typer.Exit(code=1)
    return loaded


def _import_questionnaires() -> dict[str, Any]:
    from maatmonitor.apps.instruments.services import import_questionnaire_file

    versions = {}
    for audience, path in shipped_questionnaire_paths().items():
        result = import_questionnaire_file(path)
        state = "nieuw opgeslagen" if result.created else "al aanwezig, ongewijzigd"
        console.print(f"{result.version}: {state} ({result.version.items.count()} vragen)")
        versions[audience] = result.version
    return versions


def _print_summary(
    timer: _Timer,
    out: Path,
    runs: list[demo_waves.WaveRun],
    truth: synth.Truth,
    files: list[Path],
) -> None:
    from maatmonitor.apps.stories.queries import stories_summary

    console.rule("[bold]Klaar")
    table, misses = demo_output.headline_table(runs, truth)
    console.print(table)
    console.print(demo_output.change_table([r for r in runs if r.analysis.changes]))
    last = [r for r in runs if r.spec == demo_waves.WAVES[-1]]
    summaries = {r.audience: stories_summary(r.wave) for r in last}
    console.print(demo_output.topics_table(summaries))
    console.print(demo_output.quotes_table(summaries))
    console.print(demo_output.timing_table(timer.steps))
    demo_output.print_files(console, out, files)
    if misses:
        console.print(f"[yellow]{misses} interval(len) zonder de waarheid (verwacht: zelden).")
