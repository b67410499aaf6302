"""The `tillit` command line: one Typer app; each command group lives in its own module."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli import db_commands, knowledge_commands, policy_commands, redact_commands, server_commands
from assistant.cli.errors import UsageFailure
from assistant.storage import SchemaNotCurrent

app = typer.Typer(
    name="tillit",
    help="Tillit – kontaktcenterassistent för överförmyndarförvaltningen.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"tillit {version('tillit')}")
        raise typer.Exit()


@app.callback()
def _global(
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help="Datakatalog (standard: var/ eller TILLIT_DATA_DIR)."),
    ] = None,
    _version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Visa versionen och avsluta."),
    ] = False,
) -> None:
    if data_dir is not None:
        import os

        os.environ["TILLIT_DATA_DIR"] = str(data_dir)
        from assistant.settings import get_settings

        get_settings.cache_clear()


knowledge_commands.register(app)
redact_commands.register(app)
policy_commands.register(app)
server_commands.register(app)
db_commands.register(app)


def _register_plugins(app: typer.Typer) -> None:
    # evals drives assistant, so assistant must not import it: command groups from other
    # packages arrive through the "tillit.commands" entry point instead.
    for entry in entry_points(group="tillit.commands"):
        entry.load()(app)


_register_plugins(app)


def main() -> None:
    try:
        app()
    except (UsageFailure, SchemaNotCurrent) as exc:
        typer.echo(f"tillit: {exc}", err=True)
        raise SystemExit(2) from None
