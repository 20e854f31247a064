"""The `maatmonitor` command line. Each sub-command group lives in its own module and calls core."""

from __future__ import annotations

import typer

from maatmonitor.cli import analyse, demo, fieldwork, instrument, report, sample, stories

app = typer.Typer(
    name="maatmonitor",
    help="Menselijke Maat Monitor: questionnaire, sample, analysis, stories and reports.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
app.add_typer(instrument.app, name="instrument")
app.add_typer(sample.app, name="sample")
app.add_typer(stories.app, name="stories")
app.add_typer(fieldwork.app, name="fieldwork")
app.command(name="demo")(demo.demo)
app.command(name="analyse")(analyse.analyse)
app.command(name="report")(report.report)


def main() -> None:
    app()
