"""`maatmonitor analyse`: the analysis of a wave, from the database or from files.

    maatmonitor analyse WAVE [--audience client] [--out DIR]
    maatmonitor analyse --responses F --margins F --design F --instrument F --out DIR [--mapping F]

Both forms check every response value against the questionnaire (report on screen and in
OUT/problems.csv), run ``core.stats.pipeline.analyse_wave`` and write OUT/analysis.json plus one
CSV per tidy table; the database form also stores the result (``apps.results``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from maatmonitor.core.instrument import InstrumentError, Questionnaire, load_questionnaire
from maatmonitor.core.stats.errors import StatsInputError
from maatmonitor.core.stats.inputs import (
    CheckedResponses,
    apply_mapping,
    check_responses,
    load_mapping,
    problems_table,
    read_table,
)
from maatmonitor.core.stats.pipeline import analyse_wave
from maatmonitor.core.stats.results import Estimate
from maatmonitor.core.stats.wave_result import WaveAnalysis

console = Console(width=120)
SHOWN_PROBLEMS = 50


def _fail(message: str) -> typer.Exit:
    console.print(f"[red]Fout:[/red] {message}", markup=True, highlight=False)
    return typer.Exit(code=1)


def analyse(
    wave: Annotated[
        str | None, typer.Argument(help="Code van de meting in de database, bv. 2026-2.")
    ] = None,
    audience: Annotated[
        str | None, typer.Option(help="Doelgroep (client/employer); standaard alle van de meting.")
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Map voor de uitvoer.")] = Path(
        "out/analysis"
    ),
    responses: Annotated[
        Path | None, typer.Option(help="Antwoordenbestand (CSV, XLSX of SPSS .sav).")
    ] = None,
    margins: Annotated[
        Path | None, typer.Option(help="Registermarges: variable, category, count.")
    ] = None,
    design: Annotated[Path | None, typer.Option(help="Design: stratum, N_h, n_h.")] = None,
    instrument: Annotated[Path | None, typer.Option(help="Vragenlijst (YAML).")] = None,
    mapping: Annotated[
        Path | None, typer.Option(help="Mapping (YAML) voor andere kolomnamen en codes.")
    ] = None,
    previous: Annotated[
        Path | None, typer.Option(help="analysis.json van de vorige meting (voor trends).")
    ] = None,
    label: Annotated[str, typer.Option(help="Naam van de meting (bestandsvorm).")] = "",
    bootstrap: Annotated[int, typer.Option(min=0, help="Bootstrap-replicaties drijfveren.")] = 200,
    seed: Annotated[int, typer.Option(help="Seed van de bootstrap.")] = 20261,
    truth: Annotated[
        Path | None, typer.Option(help="truth.json van de synthetische demo: toon de waarheid.")
    ] = None,
    truth_wave: Annotated[int, typer.Option(help="Meting in truth.json (bestandsvorm).")] = 1,
) -> None:
    """Analyseer een meting: gewichten, cijfers per domein, toetsen, trends en drijfveren."""
    files = {"--responses": responses, "--margins": margins, "--design": design}
    files["--instrument"] = instrument
    if wave is None:
        missing = [name for name, value in files.items() if value is None]
        if missing:
            raise _fail("geef een meting (WAVE) of de bestanden; ontbreekt: " + ", ".join(missing))
        _from_files(files, mapping, previous, label, out, bootstrap, seed, truth, truth_wave)
    else:
        given = [name for name, value in files.items() if value is not None]
        if given or mapping is not None:
            raise _fail(f"WAVE leest uit de database; laat {', '.join(given or ['--mapping'])} weg")
        _from_database(wave, audience, out, bootstrap, seed, truth)


# -- file form --------------------------------------------------------------------------------
def _from_files(
    files: dict[str, Path | None],
    mapping: Path | None,
    previous: Path | None,
    label: str,
    out: Path,
    bootstrap: int,
    seed: int,
    truth: Path | None = None,
    truth_wave: int = 1,
) -> None:
    paths = {k: v for k, v in files.items() if v is not None}
    try:
        questionnaire = load_questionnaire(paths["--instrument"])
    except InstrumentError as exc:
        raise _fail(f"vragenlijst {paths['--instrument']}: {exc}") from None
    try:
        raw = read_table(paths["--responses"])
        problems = []
        if mapping is not None:
            raw, problems = apply_mapping(raw, load_mapping(mapping))
        checked = check_responses(raw, questionnaire)
        checked = CheckedResponses(checked.frame, (*problems, *checked.problems), checked.items)
        design_frame = read_table(paths["--design"])
        margin_frame = read_table(paths["--margins"])
        before = None if previous is None else _load_previous(previous)
    except StatsInputError as exc:
        raise _fail(str(exc)) from None
    _report_problems(checked, out)
    known = _truth(truth, questionnaire.audience, truth_wave)
    _run(
        checked,
        design_frame,
        margin_frame,
        questionnaire,
        before,
        label,
        out,
        bootstrap,
        seed,
        known,
    )


def _truth(path: Path | None, audience: str, wave: int) -> dict[str, float] | None:
    if path is None:
        return None
    try:
        return truth_figures(path, audience, wave)
    except (OSError, KeyError, ValueError) as exc:
        raise _fail(f"{path}: geen waarheid voor {audience}, meting {wave} ({exc})") from None


def _load_previous(path: Path) -> WaveAnalysis:
    try:
        return WaveAnalysis.from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StatsInputError(f"{path}: geen analysis.json van een vorige meting ({exc})") from exc


def _run(
    checked: CheckedResponses,
    design: pd.DataFrame,
    margins: pd.DataFrame,
    questionnaire: Questionnaire,
    previous: WaveAnalysis | None,
    label: str,
    out: Path,
    bootstrap: int,
    seed: int,
    truth: dict[str, float] | None = None,
) -> WaveAnalysis:
    try:
        result = analyse_wave(
            checked.frame,
            design,
            margins,
            questionnaire,
            previous=previous,
            bootstrap=bootstrap,
            seed=seed,
            wave=label,
        )
    except StatsInputError as exc:
        raise _fail(str(exc)) from None
    write_outputs(result, out)
    print_headline(result, truth)
    return result


def _report_problems(checked: CheckedResponses, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    table = problems_table(checked.problems)
    table.to_csv(out / "problems.csv", index=False)
    if not checked.problems:
        console.print("Alle waarden passen bij de vragenlijst.")
        return
    view = Table(title=f"Waarden die niet bij de vragenlijst passen ({len(table)})")
    for head in ("rij", "unit_id", "kolom", "waarde", "waarom", "actie"):
        view.add_column(head, overflow="fold")
    for p in checked.problems[:SHOWN_PROBLEMS]:
        view.add_row(
            "" if p.row is None else str(p.row), p.unit_id, p.column, p.value, p.reason, p.action
        )
    console.print(view)
    if len(checked.problems) > SHOWN_PROBLEMS:
        console.print(f"... en {len(checked.problems) - SHOWN_PROBLEMS} meer in problems.csv")
    console.print(f"Volledig overzicht: {out / 'problems.csv'}")


def write_outputs(result: WaveAnalysis, out: Path) -> list[Path]:
    """OUT/analysis.json and OUT/<table>.csv for every tidy table."""
    out.mkdir(parents=True, exist_ok=True)
    written = [out / "analysis.json"]
    written[0].write_text(result.to_json(indent=1) + "\n", encoding="utf-8")
    for name, table in result.to_tables().items():
        path = out / f"{name}.csv"
        table.to_csv(path, index=False)
        written.append(path)
    return written


LABELS = {
    "headline": "Menselijke maat (zeer) sterk",
    "satisfaction": "Rapportcijfer (gemiddeld)",
    "satisfied": "Tevreden (7 of hoger)",
}


def _label(variable: str) -> str:
    if variable.startswith("score:"):
        return f"{variable[6:]}: score (1-5)"
    if variable.startswith("agree:"):
        return f"{variable[6:]}: eens"
    return LABELS.get(variable, variable)


def _fmt(e: Estimate, value: float | None) -> str:
    if value is None:
        return "-"
    return f"{100 * value:.1f}%" if e.measure == "proportion" else f"{value:.2f}"


def truth_figures(path: Path, audience: str, wave: int) -> dict[str, float]:
    """Population values of the synthetic truth (demo only) for the national figures that share
    the monitor's definition: headline, satisfaction, satisfied, dimension scores."""
    from maatmonitor.core.synth import load_truth

    group = load_truth(path).group(audience, wave)
    out = {
        "headline": group["strong"],
        "satisfaction": group["satisfaction_mean"],
        "satisfied": group["satisfied"],
    }
    for dim, values in group["dimensions"].items():
        out[f"score:{dim}"] = values["mean_score"]
    return {k: float(v) for k, v in out.items()}


def print_headline(result: WaveAnalysis, truth: dict[str, float] | None = None) -> None:
    """The headline table: weighted estimate, interval, n, and the unweighted estimate beside it
    (and, for the synthetic demo, the population truth)."""
    title = f"Meting {result.wave or '(bestand)'} - {result.audience}: {result.n_respondents} respondenten"
    table = Table(title=title)
    heads = ["cijfer", "gewogen", "95%-interval", "n", "ongewogen"]
    heads += ["waarheid", "in interval"] if truth is not None else []
    for head in (*heads, "opmerking"):
        table.add_column(head, justify="left" if head in ("cijfer", "opmerking") else "right")
    unweighted = {e.variable: e for e in result.unweighted}
    for e in result.national():
        u = unweighted.get(e.variable)
        extra: list[str] = []
        if truth is not None:
            t = truth.get(e.variable)
            inside = (
                "" if t is None or e.suppressed else ("ja" if e.ci_low <= t <= e.ci_high else "nee")  # type: ignore[operator]
            )
            extra = ["-" if t is None else _fmt(e, t), inside]
        if e.suppressed:
            table.add_row(_label(e.variable), "-", "-", "-", "-", *extra, f"verborgen ({e.reason})")
            continue
        interval = f"{_fmt(e, e.ci_low)} - {_fmt(e, e.ci_high)}"
        table.add_row(
            _label(e.variable),
            _fmt(e, e.value),
            interval,
            str(e.n),
            "-" if u is None or u.suppressed else _fmt(u, u.value),
            *extra,
            ", ".join(e.flags),
        )
    console.print(table)
    w = result.weighting
    final = w.get("final", {})
    raking = w.get("raking") or {}
    console.print(
        f"Gewichten: Kish-deff {final.get('kish_deff', float('nan')):.2f}, effectieve n "
        f"{final.get('effective_n', float('nan')):.0f}; raken op {', '.join(raking.get('margins', [])) or '-'}"
        f" in {raking.get('iterations', 0)} iteraties"
    )


# -- database form ----------------------------------------------------------------------------
def _from_database(
    code: str, audience: str | None, out: Path, bootstrap: int, seed: int, truth: Path | None
) -> None:
    from maatmonitor.web.django_setup import setup_django

    setup_django()
    from maatmonitor.apps.waves.models import Wave

    waves = list(Wave.objects.filter(code=code).order_by("audience"))
    if audience is not None:
        waves = [w for w in waves if w.audience == audience]
    if not waves:
        raise _fail(f"geen meting {code!r}" + (f" voor {audience}" if audience else ""))
    for wave in waves:
        target = out / wave.audience if len(waves) > 1 else out
        known = _truth(truth, wave.audience, wave.number)
        analyse_stored_wave(wave, target, bootstrap=bootstrap, seed=seed, truth=known)


def analyse_stored_wave(
    wave: Any,
    out: Path,
    *,
    bootstrap: int = 200,
    seed: int = 20261,
    truth: dict[str, float] | None = None,
) -> Any:
    """Analyse a wave from the database (C1), write the outputs and store the run (C2)."""
    from maatmonitor.apps.fieldwork import queries as fieldwork
    from maatmonitor.apps.results.queries import previous_wave_analysis
    from maatmonitor.apps.results.services import store_analysis
    from maatmonitor.apps.waves.models import PopulationMargin

    questionnaire = fieldwork.questionnaire_for(wave)
    frame = fieldwork.response_frame(wave)
    if frame.empty:
        raise _fail(f"meting {wave}: nog geen bruikbare antwoorden")
    margins = pd.DataFrame(
        list(PopulationMargin.objects.filter(wave=wave).values("variable", "category", "count")),
        columns=["variable", "category", "count"],
    )
    try:
        design = fieldwork.design_frame(wave)
        checked = check_responses(frame, questionnaire)
    except ValueError as exc:  # StatsInputError is a ValueError too
        raise _fail(f"meting {wave}: {exc}") from None
    _report_problems(checked, out)
    result = _run(
        checked,
        design,
        margins,
        questionnaire,
        previous_wave_analysis(wave),
        wave.code,
        out,
        bootstrap,
        seed,
        truth,
    )
    run = store_analysis(wave, result)
    console.print(f"Opgeslagen als analyse {run.pk} van {wave}; uitvoer in {out}")
    return run
