"""`maatmonitor instrument ...` commands."""

import typer

app = typer.Typer(help="instrument commands", no_args_is_help=True)
