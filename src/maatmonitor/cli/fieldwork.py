"""`maatmonitor fieldwork ...`: open a wave, attach contacts, invite, remind, letters, status.

Thin layer over apps.fieldwork.outreach / monitoring and apps.waves.services; Django starts
lazily (the embedded database unless DATABASE_URL says otherwise). A WAVE is its code
(e.g. 2026-2); with --audience one audience, else every audience with that code.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import pandas as pd
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

if TYPE_CHECKING:
    from maatmonitor.apps.waves.models import Wave

app = typer.Typer(
    help="Veldwerk: uitnodigen, herinneren, brieven, respons volgen.", no_args_is_help=True
)
console = Console()

WaveArg = Annotated[str, typer.Argument(help="Code van de meting, bijvoorbeeld 2026-2.")]
AudienceOpt = Annotated[
    str | None, typer.Option("--audience", help="client of employer (standaard: beide).")
]


def _fail(message: str) -> typer.Exit:
    console.print(f"[red]Fout:[/red] {message}")
    return typer.Exit(code=1)


def _waves(code: str, audience: str | None) -> list[Wave]:
    from maatmonitor.web.django_setup import setup_django

    setup_django(migrate=True)
    from maatmonitor.apps.waves.models import Wave

    qs = Wave.objects.filter(code=code)
    if audience:
        qs = qs.filter(audience=audience)
    waves = list(qs.order_by("audience"))
    if not waves:
        known = ", ".join(sorted(set(Wave.objects.values_list("code", flat=True)))) or "geen"
        raise _fail(f"meting {code!r} bestaat niet (bekend: {known})")
    return waves


def _messages(exc: Exception) -> str:
    return " ".join(getattr(exc, "messages", [str(exc)]))


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail(f"{option} {value!r} is geen datum JJJJ-MM-DD") from None


def _required_day(value: str, option: str) -> date:
    day = _day(value, option)
    if day is None:
        raise _fail(f"{option} is verplicht")
    return day


class _Bar:
    """A Rich progress bar fed by the services' on_progress(done, total) callback."""

    def __init__(self, title: str) -> None:
        self.progress = Progress(
            TextColumn(title),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
        )
        self.task = self.progress.add_task(title, total=None)

    def __enter__(self) -> _Bar:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def __call__(self, done: int, total: int) -> None:
        self.progress.update(self.task, completed=done, total=total)


@app.command("open")
def open_wave(
    wave: WaveArg,
    opens: Annotated[str, typer.Option("--opens", help="Eerste dag JJJJ-MM-DD.")],
    closes: Annotated[str, typer.Option("--closes", help="Laatste dag JJJJ-MM-DD.")],
    reminders: Annotated[
        str, typer.Option("--reminders", help="Herinneringen, dagen na opening: 7,14.")
    ] = "7,14",
    audience: AudienceOpt = None,
) -> None:
    """Stel de veldwerkperiode in en zet de meting in het veld."""
    from django.core.exceptions import ValidationError

    from maatmonitor.apps.waves.constants import WaveStatus
    from maatmonitor.apps.waves.services import set_field_period, transition

    try:
        days = [int(d) for d in reminders.replace(" ", "").split(",") if d]
    except ValueError:
        raise _fail(f"--reminders {reminders!r}: hele getallen met komma's, bijv. 7,14") from None
    opens_on, closes_on = _required_day(opens, "--opens"), _required_day(closes, "--closes")
    for w in _waves(wave, audience):
        try:
            set_field_period(w, opens_on, closes_on, days)
            if w.status == WaveStatus.DRAFT:
                transition(w, WaveStatus.FIELDING)
        except ValidationError as exc:
            raise _fail(f"{w}: {_messages(exc)}") from exc
        console.print(
            f"{w}: in het veld van {opens_on} tot en met {closes_on}; herinneringen {days}"
        )


@app.command("contacts")
def contacts(
    wave: WaveArg,
    file: Annotated[Path, typer.Argument(help="CSV met unit_id en email en/of postal_address.")],
    audience: AudienceOpt = None,
) -> None:
    """Koppel contactgegevens voor het versturen (gewist als het veldwerk sluit)."""
    from django.core.exceptions import ValidationError

    from maatmonitor.apps.fieldwork.outreach import attach_contacts

    try:
        table = pd.read_csv(file, dtype=str, keep_default_na=False)
    except (OSError, ValueError) as exc:
        raise _fail(f"{file}: {exc}") from exc
    for w in _waves(wave, audience):
        own = table
        if "audience" in table.columns:
            own = table[table["audience"] == w.audience]
        if own.empty:
            continue
        try:
            n = attach_contacts(w, own)
        except ValidationError as exc:
            raise _fail(f"{file}: {_messages(exc)}") from exc
        console.print(f"{w}: contactgegevens bij {n} eenheden")


def _report(w: Wave, result: Any) -> None:
    _report_text(str(w), result)


def _report_text(w: str, result: Any) -> None:
    if result.message:
        console.print(f"{w}: {result.message}")
        return
    console.print(
        f"{w}: {result.emailed} e-mails verstuurd, {result.bounced} onbestelbaar, "
        f"{result.letters_queued} brieven klaargezet (maak ze met `maatmonitor fieldwork letters`)"
    )


@app.command("invite")
def invite(wave: WaveArg, audience: AudienceOpt = None) -> None:
    """Stuur de uitnodiging aan iedereen die er nog geen kreeg."""
    from django.core.exceptions import ValidationError

    from maatmonitor.apps.fieldwork import outreach

    for w in _waves(wave, audience):
        try:
            with _Bar(f"uitnodigen {w}") as bar:
                result = outreach.invite(w, on_progress=bar)
        except ValidationError as exc:
            raise _fail(_messages(exc)) from exc
        _report(w, result)


@app.command("remind")
def remind(
    wave: WaveArg,
    audience: AudienceOpt = None,
    on: Annotated[
        str | None, typer.Option("--date", help="Doe alsof het deze dag is (JJJJ-MM-DD).")
    ] = None,
    behind_only: Annotated[
        bool, typer.Option("--behind-only", help="Alleen strata die achterblijven.")
    ] = False,
) -> None:
    """Stuur de herinnering die volgens het schema aan de beurt is aan wie nog niet afrondde."""
    from django.core.exceptions import ValidationError

    from maatmonitor.apps.fieldwork import monitoring, outreach

    today = _day(on, "--date")
    for w in _waves(wave, audience):
        strata = list(monitoring.reminder_table(w)["stratum"]) if behind_only else None
        try:
            with _Bar(f"herinneren {w}") as bar:
                result = outreach.remind(w, today=today, strata=strata, on_progress=bar)
        except ValidationError as exc:
            raise _fail(_messages(exc)) from exc
        _report(w, result)


@app.command("letters")
def letters(
    wave: WaveArg,
    out: Annotated[Path, typer.Option("--out", help="Map voor de pdf-bestanden.")],
    audience: AudienceOpt = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Brieven per pdf.")] = 500,
    language: Annotated[str, typer.Option("--language", help="nl of en.")] = "nl",
) -> None:
    """Maak pdf's van alle klaargezette brieven (uitnodigingen en herinneringen)."""
    from maatmonitor.apps.fieldwork import outreach

    if language not in ("nl", "en"):
        raise _fail("--language: kies nl of en")
    for w in _waves(wave, audience):
        with _Bar(f"brieven {w}") as bar:
            paths = outreach.make_letter_batches(
                w, out, batch_size=batch_size, language=language, on_progress=bar
            )
        if not paths:
            console.print(f"{w}: geen brieven klaargezet")
        for path in paths:
            console.print(f"{w}: {path}")


def _status_table(w: Wave, per_stratum: pd.DataFrame) -> Table:
    table = Table(title=f"Respons per stratum, {w} ({w.get_status_display()})")
    heads = ("stratum", "steekproef", "uitgenodigd", "begonnen", "afgerond", "verwacht")
    for i, head in enumerate(
        (*heads, "bereikt", "respons", "afgemeld", "onbestelbaar", "herinneren")
    ):
        table.add_column(head, justify="left" if i == 0 else "right", no_wrap=i == 0)

    def pct(value: float) -> str:
        return "–" if pd.isna(value) else f"{value:.0%}"

    for r in per_stratum.itertuples(index=False):
        table.add_row(
            str(r.stratum),
            *(str(int(v)) for v in (r.sampled, r.invited, r.started, r.completed, r.expected)),
            pct(r.achieved_share),
            pct(r.response_rate),
            str(int(r.opted_out)),
            str(int(r.bounced)),
            "ja" if r.needs_reminder else "",
        )
    return table


@app.command("status")
def status(
    wave: WaveArg,
    audience: AudienceOpt = None,
    csv: Annotated[
        Path | None, typer.Option("--csv", help="Schrijf respons per stratum en per dag als CSV.")
    ] = None,
) -> None:
    """Toon de respons per stratum, de totalen en welke strata een herinnering nodig hebben."""
    from maatmonitor.apps.fieldwork import monitoring

    for w in _waves(wave, audience):
        per_stratum = monitoring.stratum_table(w)
        console.print(_status_table(w, per_stratum))
        t = monitoring.totals(per_stratum)
        rate = f"{t['response_rate']:.1%}" if t["response_rate"] is not None else "–"
        console.print(
            f"totaal: {t['invited']} uitgenodigd, {t['started']} begonnen, {t['completed']} "
            f"afgerond van {t['expected']} verwacht (respons {rate}); {t['opted_out']} afgemeld, "
            f"{t['bounced']} onbestelbaar"
        )
        due = monitoring.reminder_table(w)
        console.print(f"strata die een herinnering nodig hebben: {len(due)}")
        if csv is not None:
            csv.mkdir(parents=True, exist_ok=True)
            per_stratum.to_csv(csv / f"respons-per-stratum-{w.code}-{w.audience}.csv", index=False)
            monitoring.day_table(w).to_csv(
                csv / f"respons-per-dag-{w.code}-{w.audience}.csv", index=False
            )
            console.print(f"CSV geschreven naar {csv}")


@app.command("daily")
def daily(
    on: Annotated[
        str | None, typer.Option("--date", help="Doe alsof het deze dag is (JJJJ-MM-DD).")
    ] = None,
) -> None:
    """Dagelijkse ronde: sluit verlopen metingen en stuur herinneringen die aan de beurt zijn."""
    from maatmonitor.web.django_setup import setup_django

    setup_django(migrate=True)
    from maatmonitor.apps.fieldwork import outreach

    report = outreach.run_schedule(_day(on, "--date"))
    if not report:
        console.print("niets te doen")
    for wave, result in report.items():
        if isinstance(result, str):
            console.print(f"{wave}: {result}")
        else:
            _report_text(wave, result)


@app.command("opt-outs")
def opt_outs(
    out: Annotated[
        Path, typer.Option("--out", help="CSV (audience, unit_id) voor het volgende frame.")
    ],
    audience: AudienceOpt = None,
) -> None:
    """Schrijf alle afmeldingen, zodat de volgende trekking ze uitsluit (sample ... --opt-outs)."""
    from maatmonitor.web.django_setup import setup_django

    setup_django(migrate=True)
    from maatmonitor.apps.fieldwork.outreach import opted_out_frame
    from maatmonitor.core.fieldwork import write_opt_outs

    frame = opted_out_frame(audience)
    write_opt_outs(frame, out)
    console.print(f"{len(frame)} afmeldingen geschreven naar {out}")
