"""`maatmonitor sample ...` commands: import a frame, plan an allocation, draw and redraw a wave.

Thin layer: every command calls `maatmonitor.core.sampling` and only formats the results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from maatmonitor.core import sampling
from maatmonitor.core.sampling.allocation import METHODS
from maatmonitor.core.sampling.plan import sd_from_proportion

app = typer.Typer(
    help="Steekproef: frame importeren, allocatie plannen, trekken.", no_args_is_help=True
)
frame_app = typer.Typer(help="Populatieframe.", no_args_is_help=True)
app.add_typer(frame_app, name="frame")
console = Console()

_STEPS = {
    "strata": "strata en uitsluitingen",
    "allocation": "allocatie",
    "selection": "selectie (permanente toevalsgetallen)",
    "manifest": "manifest en frame-hash",
}


@contextmanager
def _progress() -> Iterator[Callable[[str], None]]:
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console
    ) as progress:
        current: list[int] = []

        def step(name: str) -> None:
            if current:
                progress.update(current[-1], completed=1, total=1)
            current.append(progress.add_task(_STEPS.get(name, name), total=None))

        yield step
        if current:
            progress.update(current[-1], completed=1, total=1)


def _fail(message: str) -> typer.Exit:
    console.print(f"[red]Fout:[/red] {message}")
    return typer.Exit(code=1)


def _reference(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail(f"--reference-date {value!r} is geen datum JJJJ-MM-DD") from None


def _issues_table(issues: pd.DataFrame, limit: int = 20) -> Table:
    table = Table(title=f"Eerste {min(limit, len(issues))} van {len(issues)} meldingen")
    for col in ("row", "unit_id", "field", "value", "code", "reason"):
        table.add_column(col)
    for rec in issues.head(limit).itertuples(index=False):
        table.add_row(str(rec.row), rec.unit_id, rec.field, rec.value, rec.code, rec.reason)
    return table


@frame_app.command("import")
def frame_import(
    file: Annotated[Path, typer.Argument(help="Frame als CSV of Parquet.")],
    strict: Annotated[bool, typer.Option(help="Stop bij de eerste afgewezen rij.")] = False,
    report: Annotated[Path | None, typer.Option(help="Schrijf alle meldingen als CSV.")] = None,
    out: Annotated[Path | None, typer.Option(help="Map voor frame.parquet en margins.csv.")] = None,
    reference_date: Annotated[
        str | None, typer.Option(help="Peildatum JJJJ-MM-DD (standaard: vandaag).")
    ] = None,
    salt: Annotated[
        str | None,
        typer.Option(
            envvar="MAATMONITOR_SALT", help="Bereken en bewaar de PRN's alvast voor dit zout."
        ),
    ] = None,
    opt_outs: OptOuts = None,
) -> None:
    """Importeer en valideer een frame; schrijf het schone frame en de populatiemarges."""
    ref = _reference(reference_date)
    try:
        with console.status("frame lezen en valideren"):
            result = sampling.import_frame(file, reference_date=ref)
    except (sampling.FrameReadError, sampling.FrameSchemaError) as exc:
        raise _fail(str(exc)) from exc
    console.print(result.summary())
    if result.ignored_columns:
        console.print(f"Genegeerde kolommen: {', '.join(result.ignored_columns)}")
    if report is not None:
        result.issues.to_csv(report, index=False)
        console.print(f"Meldingen geschreven naar {report}")
    if len(result.issues):
        console.print(_issues_table(result.issues))
    if strict and result.rows_rejected:
        raise _fail(f"--strict: {result.rows_rejected} rijen afgewezen; niets geschreven")
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        frame = _with_opt_outs(result.frame, opt_outs)
        if salt:
            with console.status("permanente toevalsgetallen berekenen"):
                frame = sampling.attach_prn(frame, salt)
        sampling.save_frame(frame, out / "frame.parquet")
        sampling.write_margins(sampling.population_margins(frame), out / "margins.csv")
        console.print(f"Schoon frame en marges geschreven naar {out}")


def _load(path: Path) -> pd.DataFrame:
    if sampling.is_clean_frame(path):
        return sampling.load_frame(path)
    try:
        result = sampling.import_frame(path)
    except (sampling.FrameReadError, sampling.FrameSchemaError) as exc:
        raise _fail(str(exc)) from exc
    console.print(result.summary())
    if result.rows_rejected:
        raise _fail(
            f"{path} heeft afgewezen rijen; gebruik eerst `maatmonitor sample frame import`"
        )
    return result.frame


def _mapping(path: Path | None, column: str) -> dict[str, float]:
    if path is None:
        return {}
    table = pd.read_csv(path, dtype={"stratum": str})
    if "stratum" not in table or column not in table:
        raise _fail(f"{path}: kolommen 'stratum' en '{column}' verwacht")
    if table[column].isna().any():
        raise _fail(f"{path}: lege waarde in '{column}'")
    return dict(zip(table["stratum"], table[column].astype(float), strict=True))


def _priors(path: Path | None) -> dict[str, float]:
    if path is None:
        return {}
    columns = pd.read_csv(path, nrows=0).columns
    if "sd" in columns:
        return _mapping(path, "sd")
    try:
        return {k: sd_from_proportion(p) for k, p in _mapping(path, "p").items()}
    except sampling.AllocationError as exc:
        raise _fail(f"{path}: {exc}") from exc


def _design(
    size: int,
    method: str,
    power_q: float,
    minimum: int,
    cap: int | None,
    response_rate: float,
    response_rates: Path | None,
    prior: Path | None,
    rounding: str,
) -> sampling.Design:
    if method not in METHODS:
        raise _fail(f"--method {method!r}: kies uit {', '.join(METHODS)}")
    if rounding not in ("ceil", "hamilton"):
        raise _fail("--rounding: kies ceil of hamilton")
    return sampling.Design(
        size=size,
        method=method,
        power_q=power_q,
        minimum=minimum,
        cap=cap,  # type: ignore[arg-type]
        response_rate=response_rate,
        response_rates=_mapping(response_rates, "response_rate"),
        prior_sds=_priors(prior),
        rounding=rounding,  # type: ignore[arg-type]
    )


def _plan_table(table: pd.DataFrame, title: str) -> Table:
    out = Table(title=title)
    heads = (
        "stratum",
        "N_h",
        "N_h eligible",
        "uitgesloten",
        "S_h",
        "n_h (doel)",
        "respons",
        "uitnodigingen",
    )
    for i, head in enumerate(heads):
        out.add_column(head, justify="left" if i == 0 else "right", no_wrap=i == 0)
    for rec in table.itertuples(index=False):
        out.add_row(
            str(rec.stratum),
            f"{rec.population:,}",
            f"{rec.eligible:,}",
            f"{rec.excluded_share:.1%}",
            f"{rec.sd:.3f}",
            f"{rec.target:,}",
            f"{rec.response_rate:.0%}",
            f"{rec.invitations:,}",
        )
    out.add_row(
        "totaal",
        f"{table['population'].sum():,}",
        f"{table['eligible'].sum():,}",
        "",
        "",
        f"{table['target'].sum():,}",
        "",
        f"{table['invitations'].sum():,}",
        style="bold",
    )
    return out


Size = Annotated[
    int, typer.Option("--size", help="Gewenst aantal ingevulde vragenlijsten (totaal).")
]
MethodOpt = Annotated[str, typer.Option("--method", help="neyman, proportional of power.")]
PowerQ = Annotated[float, typer.Option("--power-q", help="Exponent q van power-allocatie (N_h^q).")]
Minimum = Annotated[int, typer.Option("--min", help="Minimum n_h per stratum.")]
Cap = Annotated[int | None, typer.Option("--cap", help="Maximum n_h per stratum.")]
Rate = Annotated[
    float, typer.Option("--response-rate", help="Verwachte respons (standaard voor elk stratum).")
]
Rates = Annotated[
    Path | None, typer.Option("--response-rates", help="CSV stratum,response_rate (prefix mag).")
]
Prior = Annotated[
    Path | None, typer.Option("--prior", help="CSV stratum,sd of stratum,p van vorige golf.")
]
RefDate = Annotated[
    str | None, typer.Option("--reference-date", help="Peildatum JJJJ-MM-DD (standaard: vandaag).")
]
Months = Annotated[
    int,
    typer.Option(
        "--exclude-months", help="Sluit uit wie korter dan zoveel maanden geleden is uitgenodigd."
    ),
]
Rounding = Annotated[
    str, typer.Option("--rounding", help="Uitnodigingen afronden: ceil of hamilton.")
]
OptOuts = Annotated[
    Path | None,
    typer.Option(
        "--opt-outs", help="CSV audience,unit_id van afmeldingen (maatmonitor fieldwork opt-outs)."
    ),
]


def _with_opt_outs(frame: pd.DataFrame, path: Path | None) -> pd.DataFrame:
    """Mark the opted-out units in the frame so the draw's eligibility rule excludes them."""
    if path is None:
        return frame
    from maatmonitor.core.fieldwork import apply_opt_outs, read_opt_outs

    try:
        result = apply_opt_outs(frame, read_opt_outs(path))
    except (OSError, ValueError) as exc:
        raise _fail(f"{path}: {exc}") from exc
    console.print(
        f"Afmeldingen: {result.listed:,} in {path}; {result.marked:,} eenheden in het frame "
        f"uitgesloten ({result.already:,} stonden al als afgemeld)"
    )
    return result.frame


@app.command("plan")
def plan(
    frame: Annotated[Path, typer.Argument(help="Schoon frame (Parquet) of een framebestand.")],
    size: Size,
    method: MethodOpt = "neyman",
    power_q: PowerQ = 0.5,
    minimum: Minimum = 30,
    cap: Cap = None,
    response_rate: Rate = 0.3,
    response_rates: Rates = None,
    prior: Prior = None,
    reference_date: RefDate = None,
    exclude_months: Months = 12,
    rounding: Rounding = "ceil",
) -> None:
    """Toon de allocatietabel voor een steekproefomvang."""
    data = _load(frame)
    design = _design(
        size, method, power_q, minimum, cap, response_rate, response_rates, prior, rounding
    )
    try:
        strata, _, _ = sampling.prepare_strata(data, _reference(reference_date), exclude_months)
        table = sampling.plan_allocation(strata, design)
    except (sampling.AllocationError, ValueError) as exc:
        raise _fail(str(exc)) from exc
    console.print(_plan_table(table, f"Allocatie ({method}, n = {size})"))


@app.command("draw")
def draw(
    frame: Annotated[Path, typer.Argument(help="Schoon frame (Parquet) of een framebestand.")],
    size: Size,
    salt: Annotated[str, typer.Option(envvar="MAATMONITOR_SALT", help="Geheim zout van de PRN's.")],
    wave: Annotated[int, typer.Option(help="Golfnummer (1, 2, ...); bepaalt het startpunt.")],
    out: Annotated[Path, typer.Option(help="Map voor manifest en steekproef.")],
    start: Annotated[
        float | None, typer.Option(help="Startpunt in [0, 1) (standaard uit golf).")
    ] = None,
    method: MethodOpt = "neyman",
    power_q: PowerQ = 0.5,
    minimum: Minimum = 30,
    cap: Cap = None,
    response_rate: Rate = 0.3,
    response_rates: Rates = None,
    prior: Prior = None,
    reference_date: RefDate = None,
    exclude_months: Months = 12,
    rounding: Rounding = "ceil",
    opt_outs: OptOuts = None,
) -> None:
    """Trek de steekproef van een golf; schrijf manifest en steekproef."""
    data = _with_opt_outs(_load(frame), opt_outs)
    design = _design(
        size, method, power_q, minimum, cap, response_rate, response_rates, prior, rounding
    )
    try:
        with _progress() as step:
            result = sampling.draw(
                data,
                design,
                salt=salt,
                wave=wave,
                reference_date=_reference(reference_date),
                exclusion_months=exclude_months,
                start=start,
                on_step=step,
            )
    except (sampling.AllocationError, ValueError) as exc:
        raise _fail(str(exc)) from exc
    out.mkdir(parents=True, exist_ok=True)
    manifest_path = result.manifest.write(out / f"manifest-wave-{wave}.json")
    sample_path = out / f"sample-wave-{wave}.csv"
    result.sample.to_csv(sample_path, index=False)
    console.print(_plan_table(result.table, f"Golf {wave}: allocatie ({method}, n = {size})"))
    console.print(
        f"{len(result.sample):,} eenheden getrokken; manifest {manifest_path}, steekproef {sample_path}"
    )


@app.command("redraw")
def redraw(
    frame: Annotated[Path, typer.Argument(help="Het frame waaruit getrokken is.")],
    manifest: Annotated[Path, typer.Argument(help="manifest-wave-K.json")],
) -> None:
    """Controleer een trekking: trek opnieuw volgens het manifest en vergelijk de ids."""
    try:
        stored = sampling.Manifest.read(manifest)
    except (sampling.ManifestError, OSError) as exc:
        raise _fail(str(exc)) from exc
    data = _load(frame)
    try:
        with console.status("opnieuw trekken"):
            ids = sampling.redraw(data, stored)
    except sampling.ManifestError as exc:
        raise _fail(str(exc)) from exc
    console.print(f"Gelijk: {len(ids):,} ids van golf {stored.wave} exact gereproduceerd.")
