"""Database commands: `tillit db upgrade` brings the schema to the newest revision in one locked
step (run it once per release, before the servers start; servers never migrate a database that
has a schema)."""

from __future__ import annotations

import typer

from assistant.cli.errors import UsageFailure

db_app = typer.Typer(help="Databasens schema.", no_args_is_help=True)


@db_app.command("upgrade")
def upgrade() -> None:
    """Uppgradera databasens schema till den senaste versionen (låst: en i taget)."""
    from assistant.settings import get_settings
    from assistant.storage import Database, DatabaseUnavailable

    settings = get_settings()
    try:
        db = Database(settings.db_url, check_schema=False)
        try:
            done = db.upgrade()
        finally:
            db.dispose()
    except DatabaseUnavailable:
        raise UsageFailure("databasen går inte att nå; kontrollera DATABASE_URL och försök igen") from None
    except Exception as exc:  # a failed migration: its kind and cause, on one line
        cause = " ".join(str(exc).split())[:200]
        raise UsageFailure(f"uppgraderingen misslyckades ({type(exc).__name__}): {cause}") from None
    if not done.changed:
        typer.echo(f"Databasen är redan aktuell (version {done.after}).")
    elif done.before is None:
        typer.echo(f"Databasen är skapad (version {done.after}).")
    else:
        typer.echo(f"Databasen är uppgraderad från version {done.before} till {done.after}.")


def register(app: typer.Typer) -> None:
    """Add this group's commands to the app."""
    app.add_typer(db_app, name="db")
