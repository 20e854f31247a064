"""`maatmonitor instrument ...`: check, show and compare questionnaire files."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from maatmonitor.core.instrument import (
    InstrumentError,
    PlainLanguageReport,
    Questionnaire,
    Verdict,
    check_plain_language,
    diff_versions,
    load_questionnaire,
    shipped_questionnaire_paths,
)

app = typer.Typer(
    help="Questionnaire files: validate, plain-language check, summary, diff.", no_args_is_help=True
)

_STYLE = {Verdict.OK: "green", Verdict.WARNING: "yellow", Verdict.FAIL: "bold red"}


class Lang(StrEnum):
    nl = "nl"
    en = "en"


def _console() -> Console:
    return Console(highlight=False, width=140)


def _load(console: Console, path: Path) -> Questionnaire | None:
    """The questionnaire, or None after printing every problem with its file, path and line."""
    try:
        return load_questionnaire(path)
    except InstrumentError as exc:
        count = len(exc.problems)
        console.print(f"[bold red]{escape(str(path))}: {count} problem(s)[/]")
        for p in exc.problems:
            where = f" (line {p.line})" if p.line else ""
            console.print(escape(f"  {p}{where}"), soft_wrap=True)
        return None


def _report_table(report: PlainLanguageReport, path: Path) -> Table:
    table = Table(
        title=f"{report.questionnaire_id} {report.version} ({report.lang}) - {escape(path.name)}",
        title_justify="left",
    )
    for name in ("item", "words/sentence", "long words", "reading ease", "uncommon"):
        table.add_column(name, justify="left" if name == "item" else "right")
    table.add_column("verdict")
    table.add_column("notes")
    for item in report.items:
        c = item.check
        name = item.question_id if item.part == "text" else f"{item.question_id} ({item.part})"
        table.add_row(
            name,
            str(c.max_sentence_words),
            str(len(c.long_words)),
            f"{c.flesch:.0f}",
            f"{c.uncommon_share:.0%}",
            f"[{_STYLE[item.verdict]}]{item.verdict.value}[/]",
            escape("; ".join(f.message for f in c.findings)),
        )
    return table


def _summary(report: PlainLanguageReport) -> str:
    counts = report.counts()
    return (
        f"{report.questionnaire_id} {report.version} ({report.lang}): {len(report.items)} texts, "
        f"{counts[Verdict.OK]} ok, {counts[Verdict.WARNING]} warning(s), "
        f"{counts[Verdict.FAIL]} fail(s) -> {report.verdict.value}"
    )


@app.command()
def check(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Questionnaire YAML files (default: the shipped questionnaires)."),
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language to check.")] = Lang.nl,
) -> None:
    """Validate the structure, then check every text for plain language (B1).

    Exit 1 when a file is structurally invalid or a text fails; warnings alone exit 0.
    """
    console = _console()
    paths = files or list(shipped_questionnaire_paths().values())
    broken = failed = 0
    for path in paths:
        questionnaire = _load(console, path)
        if questionnaire is None:
            broken += 1
            continue
        report = check_plain_language(questionnaire, lang.value)
        console.print(_report_table(report, path))
        console.print(_summary(report))
        failed += report.verdict == Verdict.FAIL
    console.print(
        f"Checked {len(paths)} file(s): {broken} structurally invalid, "
        f"{failed} with plain-language failures."
    )
    if broken or failed:
        raise typer.Exit(1)


@app.command()
def show(file: Annotated[Path, typer.Argument(help="Questionnaire YAML file.")]) -> None:
    """Summarise a questionnaire: pages, statements per dimension, scales and routing."""
    console = _console()
    q = _load(console, file)
    if q is None:
        raise typer.Exit(1)
    console.print(f"[bold]{escape(q.title.nl)}[/] / {escape(q.title.en)}")
    console.print(f"id {q.id}  version {q.version}  audience {q.audience}")
    console.print(f"content hash {q.content_hash()}")
    pages = Table(title="Pages", title_justify="left")
    pages.add_column("page")
    pages.add_column("title")
    pages.add_column("questions", justify="right")
    for page in q.pages:
        count = sum(1 for item in q.questions if item.page == page.id)
        pages.add_row(page.id, escape(page.title.nl), str(count))
    console.print(pages)
    dims = Table(title="Statements per dimension", title_justify="left")
    dims.add_column("dimension")
    dims.add_column("label")
    dims.add_column("statements", justify="right")
    dims.add_column("ids")
    grouped = q.statements_by_dimension()
    for d in q.dimensions:
        ids = [s.id for s in grouped[d.id]]
        dims.add_row(d.id, escape(d.label.nl), str(len(ids)), ", ".join(ids))
    dims.add_row("total", "", str(len(q.statements)), "")
    console.print(dims)
    console.print(
        "Scales: "
        + "; ".join(
            f"{s.id} ({len(s.options)} options, top {list(s.top)})" for s in q.scales.values()
        )
    )
    routed = [item for item in q.questions if item.route is not None]
    console.print(f"Routing rules: {len(routed)}")
    for item in routed:
        assert item.route is not None
        console.print(f"  {item.id}: only if {item.route.describe()}")
    console.print(f"Comparable items: {len(q.comparable_ids)} of {len(q.questions)} questions")


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="Older version (YAML).")],
    new: Annotated[Path, typer.Argument(help="Newer version (YAML).")],
) -> None:
    """Show what changed between two versions and which items stay comparable."""
    console = _console()
    before, after = _load(console, old), _load(console, new)
    if before is None or after is None:
        raise typer.Exit(1)
    result = diff_versions(before, after)
    console.print(f"{before.id} {result.old_version} -> {after.id} {result.new_version}")
    for label, ids in (
        ("added", result.added),
        ("removed", result.removed),
        ("reworded", result.reworded),
        ("changed (scale, options, dimension or route)", result.changed),
        ("comparable", result.comparable),
    ):
        console.print(f"{label}: {len(ids)}" + (f"  {', '.join(ids)}" if ids else ""))
    for ident in result.reworded:
        console.print(f"  {ident}: {escape(before.question(ident).text.nl)!r}")
        console.print(f"  {' ' * len(ident)}  -> {escape(after.question(ident).text.nl)!r}")
    for note in result.discrepancies:
        console.print(f"[yellow]warning:[/] {escape(note)}")
