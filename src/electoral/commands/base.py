"""The Typer application shared by all command modules, and common options."""

from __future__ import annotations

from typing import Annotated

import typer

from electoral.output import Format

app = typer.Typer(
    add_completion=False,
    rich_markup_mode=None,  # plain help: keeps `electoral --help` from importing Rich
    no_args_is_help=True,
    help="The United States presidential election machinery, from the popular vote in each "
    "state to the inauguration, on the historical record 1789-2024.",
    context_settings={"help_option_names": ["-h", "--help"]},
)

FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
