"""`maatmonitor stories ...` commands: redact, code and score open answers.

Thin layer over `maatmonitor.core.stories`; the lead registers `app` as `stories`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from maatmonitor.core.stories import (
    CodeframeError,
    StoriesInputError,
    StoryPipeline,
    StoryResult,
    load_codeframe,
    read_inputs,
    write_results,
)

app = typer.Typer(
    help="Verhalen: persoonsgegevens verwijderen, onderwerpen coderen, sentiment.",
    no_args_is_help=True,
)
console = Console(stderr=True)


@app.callback()
def stories() -> None:
    """Verhalen: persoonsgegevens verwijderen, onderwerpen coderen, sentiment."""


def _fail(message: str) -> typer.Exit:
    console.print(f"[red]Fout:[/red] {message}")
    return typer.Exit(code=1)


@app.command("code")
def code(
    input_path: Annotated[
        Path, typer.Argument(help="CSV of JSON Lines met id, audience en text.", metavar="INPUT")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Uitvoer (JSON Lines).")],
    codeframe: Annotated[
        Path | None, typer.Option(help="Eigen codeframe (YAML/JSON); standaard ingebouwd.")
    ] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Antwoorden per batch.")] = 512,
) -> None:
    """Verwijder persoonsgegevens en codeer onderwerpen en sentiment per antwoord."""
    try:
        frame = load_codeframe(codeframe)
        items = read_inputs(input_path)
    except (CodeframeError, StoriesInputError) as exc:
        raise _fail(str(exc)) from None
    pipeline = StoryPipeline(frame)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    with (
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
        ) as progress,
        tmp.open("w", encoding="utf-8") as fh,
    ):
        task = progress.add_task("verhalen", total=len(items))

        def tracked() -> Iterator[StoryResult]:
            for r in pipeline.process(items, batch_size=batch_size):
                progress.advance(task)
                yield r

        n = write_results(tracked(), fh)
    tmp.replace(out)
    console.print(f"{n} antwoorden verwerkt -> {out}")
