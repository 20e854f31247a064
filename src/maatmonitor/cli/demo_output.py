"""The tables the demo prints: synthetic truth, estimates beside it, topics and timings."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from maatmonitor.cli.demo_waves import WaveRun
from maatmonitor.core import synth

AUDIENCE_LABEL = {"client": "cliënten", "employer": "werkgevers"}


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


def truth_table(truth: synth.Truth) -> Table:
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
        table.add_row(label, *(_pct(truth.headline(audience, w, variable, level)) for w in (1, 2)))
    return table


def headline_table(runs: Sequence[WaveRun], truth: synth.Truth) -> tuple[Table, int]:
    """Weighted headline with its interval beside the truth and the unweighted share.

    Returns the table and how many weighted intervals miss the truth (the demo's own check).
    """
    table = Table(title='"(Zeer) sterk" menselijke maat: gewogen schatting tegen de waarheid')
    for head in ("meting", "doelgroep", "respondenten", "waarheid", "gewogen", "95%-interval"):
        table.add_column(head, justify="right" if head != "doelgroep" else "left")
    table.add_column("ongewogen", justify="right")
    table.add_column("waarheid in interval")
    misses = 0
    for run in runs:
        actual = truth.headline(run.audience, run.spec.number, None, None)
        est, raw = run.analysis.headline, run.analysis.unweighted_headline
        inside = est.ci_low is not None and est.ci_low <= actual <= est.ci_high
        misses += not inside
        table.add_row(
            run.spec.code,
            AUDIENCE_LABEL[run.audience],
            f"{run.respondents:,}",
            _pct(actual),
            _pct(est.value),
            f"{_pct(est.ci_low)} – {_pct(est.ci_high)}",
            _pct(raw.value),
            "ja" if inside else "[red]nee[/red]",
        )
    return table, misses


def change_table(runs: Sequence[WaveRun]) -> Table:
    """Wave-on-wave change of the headline per audience, as the analysis tested it."""
    table = Table(title="Verschil met de vorige meting (headline)")
    for head in ("doelgroep", "verschil", "95%-interval", "p (BH)", "betekenisvol"):
        table.add_column(head)
    for run in runs:
        change = next(
            (c for c in run.analysis.changes if c.variable == run.analysis.headline.variable),
            None,
        )
        if change is None:
            continue
        table.add_row(
            AUDIENCE_LABEL[run.audience],
            _signed_points(change.difference),
            f"{_signed_points(change.ci_low)} – {_signed_points(change.ci_high)}",
            "–" if change.q_value is None else f"{change.q_value:.3f}",
            "–" if change.q_value is None else ("ja" if change.q_value < 0.05 else "nee"),
        )
    return table


def _signed_points(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:+.1f} pt"


def topics_table(summaries: dict[str, Any], top: int = 6) -> Table:
    """The most mentioned topics per audience in the last wave, with the headline link."""
    table = Table(title="Wat vertellen mensen? Meest genoemde onderwerpen (laatste meting)")
    for head in (
        "doelgroep",
        "onderwerp",
        "genoemd",
        "aandeel",
        '"(zeer) sterk" wel / niet genoemd',
    ):
        table.add_column(head)
    for audience, summary in summaries.items():
        links = {link.code: link for link in summary.headline}
        for topic in summary.overall().topics[:top]:
            link = links.get(topic.code)
            table.add_row(
                AUDIENCE_LABEL[audience],
                topic.code,
                f"{topic.count:,}",
                _pct(topic.share),
                "–" if link is None else f"{_pct(link.share_with)} / {_pct(link.share_without)}",
            )
    return table


def quotes_table(summaries: dict[str, Any], top: int = 6, per_topic: int = 3) -> Table:
    """Up to three redacted quotes per most mentioned topic (groups of at least 10 only)."""
    table = Table(title="Wat vertellen mensen? Citaten bij de meest genoemde onderwerpen")
    for head in ("doelgroep", "onderwerp", "citaat (geanonimiseerd)", "sentiment"):
        table.add_column(head, overflow="fold")
    for audience, summary in summaries.items():
        for topic in summary.overall().topics[:top]:
            for quote in summary.quotes_for(topic.code)[:per_topic]:
                table.add_row(
                    AUDIENCE_LABEL[audience], topic.code, f"“{quote.text}”", quote.sentiment
                )
    return table


def timing_table(steps: Sequence[tuple[str, float]]) -> Table:
    table = Table(title="Samenvatting")
    table.add_column("stap")
    table.add_column("tijd", justify="right")
    for title, seconds in steps:
        table.add_row(title, f"{seconds:.1f} s")
    table.add_row("[bold]totaal", f"[bold]{sum(s for _, s in steps):.1f} s")
    return table


def print_files(console: Console, out: Path, files: Sequence[Path]) -> None:
    by_folder: dict[Path, list[str]] = {}
    for f in files:
        by_folder.setdefault(f.parent, []).append(f.name)
    for folder, names in sorted(by_folder.items()):
        console.print(f"[bold]{folder}[/bold]: {', '.join(sorted(names))}")
    console.print(f"Alle bestanden staan in {out.resolve()}")
