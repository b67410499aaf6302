"""`tillit eval` commands (placeholder until the evaluation issue lands)."""

import typer


def register(app: typer.Typer) -> None:
    """Add the eval command group to the tillit app."""
