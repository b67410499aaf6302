"""Server commands: `tillit serve`, `tillit ask`, `tillit keys add|list|revoke`, `tillit purge`,
`tillit conversations export|erase` (by handoff reference)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import logging.config
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from assistant.cli.errors import UsageFailure

keys_app = typer.Typer(help="Personalnycklar för API:t.", no_args_is_help=True)
conversations_app = typer.Typer(
    help="Registerutdrag och radering av ett samtal, utifrån överlämningens referens.", no_args_is_help=True
)

_DURATION = re.compile(r"^\s*(\d+)\s*([dhmw]?)\s*$")


def parse_duration(text: str) -> dt.timedelta:
    """'90d', '12h', '30m', '2w' (a bare number means days)."""
    match = _DURATION.match(text)
    if not match:
        raise UsageFailure(f"ogiltig tid {text!r}: skriv t.ex. 90d, 12h eller 2w")
    n, unit = int(match.group(1)), match.group(2) or "d"
    return {
        "d": dt.timedelta(days=n),
        "h": dt.timedelta(hours=n),
        "m": dt.timedelta(minutes=n),
        "w": dt.timedelta(weeks=n),
    }[unit]


# HTTP clients that log one INFO line per request: with a Chroma server (CHROMA_URL) that is
# several lines per citizen question, drowning the service's own log.
_CHATTY = ("httpx", "httpcore")


def logging_config(level: str = "info") -> dict[str, Any]:
    """Our loggers at `level`; other libraries never below INFO (their debug output may quote input),
    and the HTTP clients never below WARNING. One JSON object per line, with the request id of the
    HTTP request a line was written for (assistant.log_format)."""
    wanted = level.upper()
    floor = wanted if wanted in ("WARNING", "ERROR") else "INFO"
    ours = {"level": wanted, "handlers": ["stderr"], "propagate": False}
    quiet = {"level": "ERROR" if wanted == "ERROR" else "WARNING"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "assistant.log_format.JsonFormatter"}},
        # Conversation ids leave as pseudonyms, whichever logger wrote them (assistant.log_privacy).
        "filters": {
            "pseudonyms": {"()": "assistant.log_privacy.ConversationPseudonyms"},
            "request_id": {"()": "assistant.log_format.RequestIdFilter"},
        },
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
                "filters": ["pseudonyms", "request_id"],
            }
        },
        "root": {"level": floor, "handlers": ["stderr"]},
        "loggers": {
            **{name: ours for name in ("assistant", "knowledge", "guardrails", "uvicorn")},
            **{name: quiet for name in _CHATTY},
        },
    }


def _configure_logging(level: str = "info") -> None:
    logging.config.dictConfig(logging_config(level))


@contextlib.contextmanager
def _store() -> Iterator[Any]:
    from assistant.settings import get_settings
    from assistant.storage import Database, DatabaseUnavailable, Store

    try:
        db = Database(get_settings().db_url)
    except DatabaseUnavailable:
        raise UsageFailure("databasen går inte att nå; kontrollera DATABASE_URL och försök igen") from None
    try:
        yield Store(db)
    finally:
        db.dispose()


def _by_reference(action: Callable[[str, str], Any], reference: str) -> Any:
    from assistant.storage.store import HandoffNotFound, HandoffWithoutConversation

    try:
        return action(reference.strip(), "cli")
    except HandoffNotFound:
        raise UsageFailure(f"överlämningen {reference!r} finns inte") from None
    except HandoffWithoutConversation:
        raise UsageFailure(f"samtalet bakom {reference!r} finns inte längre (raderat eller rensat)") from None


def _assistant() -> Any:
    from assistant.service import Assistant
    from assistant.settings import get_settings

    return Assistant.from_settings(get_settings())


def _reply_line(qid: Any, reply: Any) -> dict[str, Any]:
    handoff = None
    if reply.handoff is not None:
        handoff = {
            "reason": reply.handoff.reason,
            "queue": reply.handoff.queue,
            "urgency": reply.handoff.urgency,
        }
    return {
        "id": qid,
        "answer": reply.answer,
        "citations": [
            {
                "doc_id": c.doc_id,
                "version": c.version,
                "title": c.title,
                "section": c.section,
                "source_url": c.source_url,
            }
            for c in reply.citations
        ],
        "handoff": handoff,
        "language": reply.language,
        "confidence": reply.confidence,
    }


def _print_plain(reply: Any) -> None:
    for notice in reply.notices:
        typer.echo(f"({notice})")
    typer.echo(reply.answer)
    if reply.citations:
        typer.echo("")
        typer.echo("Källor:")
        for c in reply.citations:
            section = f" – {c.section}" if c.section and c.section != c.title else ""
            typer.echo(f"  [{c.n}] {c.title}{section} {c.source_url}".rstrip())
    if reply.handoff is not None:
        typer.echo("")
        typer.echo(
            f"Överlämnas: {reply.handoff.reason} → {reply.handoff.queue} ({reply.handoff.urgency}), "
            f"referens {reply.handoff.reference}"
        )
    typer.echo("")
    typer.echo(reply.disclosure)


def register(app: typer.Typer) -> None:
    """Add this group's commands to the app."""

    @app.command()
    def serve(
        host: Annotated[str, typer.Option(help="Adress att lyssna på.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="Port.")] = 8000,
        log_level: Annotated[
            str,
            typer.Option("--log-level", help="debug, info, warning eller error (loggar bara maskad text)."),
        ] = "info",
        workers: Annotated[
            int,
            typer.Option("--workers", min=1, max=16, help="Antal processer (var och en laddar modellerna)."),
        ] = 1,
    ) -> None:
        """Starta webbservern (chatten, personalsidan och API:t)."""
        import uvicorn

        from assistant.api import create_app
        from assistant.settings import get_settings
        from assistant.storage import Database, DatabaseUnavailable

        if log_level.lower() not in ("debug", "info", "warning", "error"):
            raise UsageFailure("--log-level måste vara debug, info, warning eller error")
        _configure_logging(log_level)
        settings = get_settings()
        try:
            if workers > 1:
                # Check the schema once here (an empty SQLite file is created); each worker process
                # then builds its own app from the environment.
                Database(settings.db_url).dispose()
                application = None
            else:
                application = create_app(settings)
        except DatabaseUnavailable:
            raise UsageFailure(
                "databasen går inte att nå; kontrollera DATABASE_URL och försök igen"
            ) from None
        typer.echo(f"Tillit svarar på http://{host}:{port}/", err=True)
        # Access logs are off: our own request log uses route templates and never bodies or queries.
        uvicorn.run(
            application if application is not None else "assistant.api.app:create_app",
            factory=application is None,
            workers=workers if application is None else None,
            host=host,
            port=port,
            access_log=False,
            # The client address is the TCP peer; X-Forwarded-For is read by the app itself, and
            # only from TILLIT_FORWARDED_ALLOW_IPS (uvicorn would trust any header from loopback).
            proxy_headers=False,
            log_level=log_level.lower(),
            log_config=logging_config(log_level),
        )

    @app.command()
    def ask(
        question: Annotated[str | None, typer.Argument(help="Frågan (utelämna med --jsonl).")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Skriv svaret som JSON.")] = False,
        jsonl: Annotated[
            Path | None, typer.Option("--jsonl", help='Fil med rader {"id","question"}; svar som JSONL.')
        ] = None,
        language: Annotated[str | None, typer.Option("--language", help="Svarsspråk (sv, en, …).")] = None,
    ) -> None:
        """Ställ en fråga till assistenten utan server (modellerna laddas en gång)."""
        if jsonl is None and not (question and question.strip()):
            raise UsageFailure("ange en fråga eller --jsonl FIL")
        if jsonl is not None and not jsonl.is_file():
            raise UsageFailure(f"filen {jsonl} finns inte")
        from assistant.service import IndexUnavailable

        assistant = _assistant()
        if not assistant.ready:
            raise UsageFailure("inget index ännu: kör `tillit ingest knowledge/corpus` först")
        try:
            if jsonl is None:
                reply = assistant.chat(question, language=language)
                if as_json:
                    typer.echo(
                        json.dumps(
                            _reply_line(None, reply)
                            | {"handoff_reference": (reply.handoff.reference if reply.handoff else None)},
                            ensure_ascii=False,
                        )
                    )
                else:
                    _print_plain(reply)
                return
            with jsonl.open(encoding="utf-8") as lines:
                for number, line in enumerate(lines, start=1):
                    if not line.strip():
                        continue
                    try:
                        item = json.loads(line)
                        qid, text = item["id"], str(item["question"])
                    except (json.JSONDecodeError, KeyError, TypeError):
                        raise UsageFailure(f'{jsonl}:{number}: förväntade {{"id", "question"}}') from None
                    reply = assistant.chat(text, language=item.get("language") or language)
                    typer.echo(json.dumps(_reply_line(qid, reply), ensure_ascii=False))
        except IndexUnavailable:
            raise UsageFailure("inget index ännu: kör `tillit ingest knowledge/corpus` först") from None
        finally:
            assistant.close()

    @keys_app.command("add")
    def keys_add(
        role: Annotated[str, typer.Option("--role", help="staff eller admin.")],
        name: Annotated[
            str | None, typer.Option("--name", help="Vem nyckeln tillhör (visas i keys list).")
        ] = None,
        expires: Annotated[
            str | None,
            typer.Option("--expires", help="Giltig så länge, t.ex. 90d eller 12w (standard: tills vidare)."),
        ] = None,
    ) -> None:
        """Skapa en personalnyckel. Nyckeln visas bara en gång."""
        if role not in ("staff", "admin"):
            raise UsageFailure("--role måste vara staff eller admin")
        from assistant.storage.models import utcnow

        expires_at = utcnow() + parse_duration(expires) if expires else None
        with _store() as store:
            created = store.add_api_key(role, name or role, expires_at=expires_at)
        typer.echo(created.key)
        until = f", giltig till {expires_at:%Y-%m-%d %H:%M} (UTC)" if expires_at else ""
        typer.echo(
            f"Nyckel {created.key_id} för {created.name} ({created.role}) skapad{until}. "
            "Spara den nu – den visas inte igen.",
            err=True,
        )

    @keys_app.command("list")
    def keys_list() -> None:
        """Visa alla nycklar: id (det som står i granskningsloggen), namn, roll, senast använd, status."""
        with _store() as store:
            keys = store.list_api_keys()
        if not keys:
            typer.echo("Inga nycklar ännu (tillit keys add --role staff --name NAMN).")
            return

        def when(value: dt.datetime | None) -> str:
            return f"{value:%Y-%m-%d %H:%M}" if value else "–"

        rows = [("ID", "NAMN", "ROLL", "SKAPAD", "SENAST ANVÄND", "GÄLLER TILL", "STATUS")]
        rows += [
            (
                k.key_id,
                k.name,
                k.role,
                when(k.created_at),
                when(k.last_used_at),
                when(k.expires_at),
                k.status(),
            )
            for k in keys
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for row in rows:
            typer.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        typer.echo("Tider i UTC.", err=True)

    @keys_app.command("revoke")
    def keys_revoke(
        key_id: Annotated[str, typer.Argument(help="Nyckelns id (se tillit keys list).")],
    ) -> None:
        """Återkalla en nyckel: den fungerar inte längre, från nästa förfrågan på varje server."""
        from assistant.storage.store import ApiKeyNotFound

        with _store() as store:
            try:
                changed = store.revoke_api_key(key_id.strip(), actor="cli")
            except ApiKeyNotFound:
                raise UsageFailure(f"nyckeln {key_id!r} finns inte (se tillit keys list)") from None
        typer.echo(
            f"Nyckeln {key_id} är återkallad." if changed else f"Nyckeln {key_id} var redan återkallad."
        )

    @conversations_app.command("export")
    def conversations_export(
        reference: Annotated[str, typer.Argument(help="Överlämningens referens, t.ex. H-AB12CD.")],
    ) -> None:
        """Skriv ut allt som sparats om samtalet (maskat) som JSON. Utdraget loggas."""
        from assistant.api.schemas import conversation_export

        with _store() as store:
            record = _by_reference(store.export_by_reference, reference)
        typer.echo(conversation_export(record).model_dump_json(indent=2))

    @conversations_app.command("erase")
    def conversations_erase(
        reference: Annotated[str, typer.Argument(help="Överlämningens referens, t.ex. H-AB12CD.")],
        yes: Annotated[bool, typer.Option("--yes", help="Fråga inte först.")] = False,
    ) -> None:
        """Radera samtalet bakom en överlämning (frågor, svar, överlämningar, återkoppling)."""
        if not yes and not typer.confirm(f"Radera samtalet bakom {reference} för gott?", default=False):
            raise typer.Exit(1)
        with _store() as store:
            _by_reference(store.erase_by_reference, reference)
        typer.echo(f"Samtalet bakom {reference} är raderat.")

    app.add_typer(keys_app, name="keys")
    app.add_typer(conversations_app, name="conversations")

    @app.command()
    def purge(
        older_than: str = typer.Option(
            None, "--older-than", help="T.ex. 90d (standard: TILLIT_RETENTION_DAYS)."
        ),
    ) -> None:
        """Radera samtal, överlämningar, utkast och återkoppling äldre än en viss tid."""
        from assistant.settings import get_settings
        from assistant.storage import Database, Store

        settings = get_settings()
        age = parse_duration(older_than) if older_than else dt.timedelta(days=settings.retention_days)
        db = Database(settings.db_url)
        try:
            report = Store(db).purge(age, actor="cli")
        finally:
            db.dispose()
        typer.echo(
            f"Raderade {report.conversations} samtal, {report.handoffs} överlämningar, "
            f"{report.drafts} utkast och {report.feedback} återkopplingar "
            f"äldre än {report.cutoff:%Y-%m-%d %H:%M} (UTC)."
        )
