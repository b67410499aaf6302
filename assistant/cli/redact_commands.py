"""`tillit redact`: redact personal data from stdin, or from a JSONL file for batch review.

    tillit redact < message.txt              -> redacted text on stdout
    tillit redact --jsonl messages.jsonl     -> one JSON line per input line:
        {"id", "redacted", "entities": [{"start", "end", "type", "score"}]}
        (offsets point into the original text; values are never printed)

Input lines of the JSONL file are objects with "text" and optionally "id" and "language".
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.errors import UsageFailure


def _read_jsonl(path: Path) -> list[tuple[str, str, str | None]]:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageFailure(f"filen finns inte: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageFailure(f"kan inte läsa {path}: {exc}") from None
    rows: list[tuple[str, str, str | None]] = []
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            raise UsageFailure(f"{path}:{n}: raden är inte giltig JSON") from None
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise UsageFailure(f'{path}:{n}: raden saknar fältet "text" (en sträng)')
        language = item.get("language")
        rows.append((str(item.get("id", n)), item["text"], language if isinstance(language, str) else None))
    return rows


def register(app: typer.Typer) -> None:
    """Add `redact` to the app."""

    @app.command("redact")
    def redact_command(
        jsonl: Annotated[
            Path | None, typer.Option("--jsonl", help='JSONL-fil med {"id", "text"} per rad.')
        ] = None,
        language: Annotated[
            str | None, typer.Option("--language", "-l", help="Språkkod, t.ex. sv eller en.")
        ] = None,
    ) -> None:
        """Maskera personuppgifter: text på stdin -> maskerad text på stdout."""
        import guardrails

        if jsonl is None:
            text = sys.stdin.read()
            sys.stdout.write(guardrails.redact(text, language=language).text)
            return
        for row_id, text, row_language in _read_jsonl(jsonl):
            result = guardrails.redact(text, language=row_language or language)
            line = {
                "id": row_id,
                "redacted": result.text,
                "entities": [
                    {"start": e.start, "end": e.end, "type": e.type, "score": e.score}
                    for e in result.entities
                ],
            }
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
