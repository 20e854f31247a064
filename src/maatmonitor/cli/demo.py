"""`maatmonitor demo`: run the monitor end to end on the embedded database.

Each step calls the same core functions and app services as the real commands; the demo only
chooses the inputs (shipped questionnaires, a synthetic population) and prints what happened.
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from maatmonitor.cli.sample import _plan_table
from maatmonitor.core import sampling, synth
from maatmonitor.core.instrument import (
    Questionnaire,
    Verdict,
    check_plain_language,
    load_questionnaire,
    shipped_questionnaire_paths,
)

# Wide enough for the allocation table when the output goes to a file or CI log.
console = Console(width=None if sys.stdout.isatty() else 150)

# The demo's wave: the second half of 2026, the first wave this system draws.
WAVE_CODE = "2026-2"
WAVE_NUMBER = 1
REFERENCE_DATE = date(2026, 11, 1)
EXCLUSION_MONTHS = 12
# Completed questionnaires wanted per audience (Neyman allocation with a floor per stratum).
TARGET_COMPLETES = {"client": 6_000, "employer": 3_000}
MINIMUM_PER_STRATUM = {"client": 60, "employer": 20}
DEMO_SALT = "maatmonitor-demo-salt-not-secret"  # a real wave takes its salt from MAATMONITOR_SALT
SIZES = {False: (1_200_000, 250_000), True: (120_000, 25_000)}


@dataclass
class _Timer:
    steps: list[tuple[str, float]]

    @contextmanager
    def step(self, title: str) -> Iterator[None]:
        console.rule(f"[bold]{title}")
        start = time.perf_counter()
        with console.status(title + " ..."):
            yield
        self.steps.append((title, time.perf_counter() - start))


def demo(
    small: Annotated[
        bool, typer.Option(help="Kleine populatie (120.000 cliënten, 25.000 werkgevers).")
    ] = False,
    out: Annotated[Path, typer.Option(help="Map voor alle uitvoer.")] = Path("out"),
    seed: Annotated[int, typer.Option(help="Seed van de synthetische populatie.")] = 2026,
) -> None:
    """Draai de monitor van vragenlijst tot steekproef op de ingebouwde database (SQLite)."""
    timer = _Timer([])
    out.mkdir(parents=True, exist_ok=True)
    n_clients, n_employers = SIZES[small]

    with timer.step("1. Vragenlijsten controleren"):
        questionnaires = _check_questionnaires()

    with timer.step("2. Vragenlijsten in de database"):
        from maatmonitor.web.django_setup import setup_django

        setup_django(migrate=True)
        versions = _import_questionnaires()

    with timer.step("3. Synthetische populatie maken"):
        data = synth.build_demo_data(
            out / "data", n_clients, n_employers, seed, questionnaires=questionnaires
        )
    _print_truth(data.truth)

    with timer.step("4. Populatieframe importeren en valideren"):
        result = sampling.import_frame(data.frame_parquet, reference_date=REFERENCE_DATE)
        frame = sampling.attach_prn(result.frame, DEMO_SALT)
        (out / "frame").mkdir(parents=True, exist_ok=True)
        sampling.save_frame(frame, out / "frame" / "frame.parquet")
        margins = sampling.population_margins(frame)
        sampling.write_margins(margins, out / "frame" / "margins.csv")
    console.print(result.summary())
    if result.rows_rejected:
        raise typer.Exit(code=1)

    drawn: dict[str, Any] = {}
    for audience, version in versions.items():
        with timer.step(f"5. Steekproef trekken: {audience}, meting {WAVE_CODE}"):
            drawn[audience] = _draw_wave(frame, margins, audience, version, out)
        design = drawn[audience].manifest.design
        console.print(
            _plan_table(
                drawn[audience].table,
                f"Allocatie {audience} ({design['method']}, {design['size']:,} ingevuld gewenst)",
            )
        )

    _print_summary(timer, out, drawn)


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


def _draw_wave(
    frame: pd.DataFrame, margins: pd.DataFrame, audience: str, version: Any, out: Path
) -> sampling.DrawResult:
    from maatmonitor.apps.waves.services import create_wave, record_draw

    wave = create_wave(WAVE_CODE, WAVE_NUMBER, audience, version)
    design = sampling.Design(
        size=TARGET_COMPLETES[audience], method="neyman", minimum=MINIMUM_PER_STRATUM[audience]
    )
    result = sampling.draw(
        frame[frame["audience"] == audience].reset_index(drop=True),
        design,
        salt=DEMO_SALT,
        wave=WAVE_NUMBER,
        reference_date=REFERENCE_DATE,
        exclusion_months=EXCLUSION_MONTHS,
    )
    target = out / "waves" / f"{WAVE_CODE}-{audience}"
    target.mkdir(parents=True, exist_ok=True)
    result.manifest.write(target / "manifest.json")
    result.sample.to_parquet(target / "sample.parquet", index=False)
    own = margins[margins["audience"] == audience]
    record_draw(
        wave,
        _manifest_for_database(result.manifest),
        own[["variable", "category", "count"]].itertuples(index=False, name=None),
    )
    return result


def _manifest_for_database(manifest: sampling.Manifest) -> dict[str, Any]:
    """The manifest without its salt: the database keeps a fingerprint, the file keeps the salt."""
    import json

    data: dict[str, Any] = json.loads(manifest.to_json())
    salt = data.pop("salt")
    data["salt_fingerprint"] = hashlib.sha256(salt.encode()).hexdigest()[:16]
    return data


def _print_truth(truth: synth.Truth) -> None:
    table = Table(title='Populatiewaarheid (synthetisch): "(zeer) sterk" menselijke maat')
    table.add_column("groep")
    table.add_column("meting 1", justify="right")
    table.add_column("meting 2", justify="right")
    rows = [
        ("cliënten", "client", None, None),
        ("werkgevers", "employer", None, None),
        ("cliënten, werkloos (WW)", "client", "journey", "unemployed"),
        ("cliënten, afgewezen", "client", "outcome", "rejected"),
    ]
    for label, audience, variable, level in rows:
        table.add_row(
            label,
            *(f"{truth.headline(audience, w, variable, level):.1%}" for w in (1, 2)),
        )
    console.print(table)


def _print_summary(timer: _Timer, out: Path, drawn: dict[str, sampling.DrawResult]) -> None:
    console.rule("[bold]Klaar")
    table = Table(title="Samenvatting")
    table.add_column("stap")
    table.add_column("tijd", justify="right")
    for title, seconds in timer.steps:
        table.add_row(title, f"{seconds:.1f} s")
    console.print(table)
    for audience, result in drawn.items():
        console.print(
            f"{audience}: {len(result.sample):,} uitnodigingen in "
            f"{len(result.table)} strata; manifest in {out / 'waves' / f'{WAVE_CODE}-{audience}'}"
        )
    console.print(f"Alle bestanden staan in {out.resolve()}")
