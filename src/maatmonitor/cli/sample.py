"""`maatmonitor sample ...` commands."""

import typer

app = typer.Typer(help="sample commands", no_args_is_help=True)
