"""Every error leaves as JSON {"detail": "<Swedish reason>"}, never a stack trace."""

from __future__ import annotations

import logging
import traceback

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.reindexing import ReindexFailed
from assistant.service import IndexUnavailable
from assistant.storage import DatabaseUnavailable
from assistant.storage.store import (
    ConversationForbidden,
    ConversationNotFound,
    DraftForbidden,
    DraftNotFound,
    HandoffConflict,
    HandoffNotFound,
    HandoffWithoutConversation,
    TurnNotFound,
)

log = logging.getLogger("assistant.api")

_STATUS_TEXT = {
    400: "Felaktig förfrågan.",
    401: "Inloggning krävs.",
    403: "Du har inte behörighet till detta.",
    404: "Sidan eller resursen finns inte.",
    405: "Metoden stöds inte här.",
    413: "Förfrågan är för stor.",
    415: "Skicka JSON (Content-Type: application/json).",
    429: "För många förfrågningar. Vänta en stund och försök igen.",
}
_FIELD_NAMES = {
    "message": "Meddelandet",
    "text": "Texten",
    "conversation_id": "Samtalets id",
    "conversation_token": "Samtalets nyckel",
    "language": "Språkkoden",
    "helpful": "Fältet helpful",
    "reason": "Orsakskoden",
    "outcome": "Utfallet",
    "final_text": "Den skickade texten",
    "edit_distance": "Redigeringsavståndet",
    "turn_id": "Replikens id",
    "path": "Sökvägen",
}


def _json(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


def describe_validation(exc: RequestValidationError) -> str:
    """One Swedish sentence for the first problem (the person fixes one thing at a time)."""
    for error in exc.errors():
        loc = [str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path", "header")]
        field = _FIELD_NAMES.get(loc[-1], f"Fältet {loc[-1]}") if loc else "Innehållet"
        kind = error.get("type", "")
        ctx = error.get("ctx") or {}
        if kind == "string_too_long":
            return f"{field} är för långt (högst {ctx.get('max_length')} tecken)."
        if kind == "string_too_short":
            return f"{field} är tomt." if ctx.get("min_length") == 1 else f"{field} är för kort."
        if kind == "missing":
            return f"{field} saknas."
        if kind == "json_invalid":
            return "Innehållet är inte giltig JSON."
        if kind == "extra_forbidden":
            return f"Okänt fält: {loc[-1] if loc else '?'}."
        if kind == "string_pattern_mismatch":
            return f"{field} har fel format."
        if kind in ("literal_error", "enum"):
            return f"{field} har ett värde som inte är tillåtet."
        if kind.startswith(("int_", "bool_", "string_type", "model_type", "dict_type")):
            return f"{field} har fel typ."
        return f"{field} är ogiltigt."
    return "Ogiltig förfrågan."


def install(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return _json(422, describe_validation(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) and not exc.detail.isascii() else None
        if detail is None:
            detail = _STATUS_TEXT.get(exc.status_code, "Förfrågan kunde inte utföras.")
        return _json(exc.status_code, detail, getattr(exc, "headers", None))

    @app.exception_handler(ConversationNotFound)
    async def _not_found(_r: Request, _e: Exception) -> JSONResponse:
        return _json(404, "Samtalet finns inte (det kan ha raderats). Starta ett nytt samtal.")

    @app.exception_handler(ConversationForbidden)
    async def _forbidden(_r: Request, _e: Exception) -> JSONResponse:
        return _json(403, "Du har inte behörighet till det här samtalet.")

    @app.exception_handler(HandoffNotFound)
    async def _handoff_missing(_r: Request, _e: Exception) -> JSONResponse:
        return _json(404, "Överlämningen finns inte.")

    @app.exception_handler(HandoffConflict)
    async def _handoff_conflict(_r: Request, exc: Exception) -> JSONResponse:
        return _json(409, f"Överlämningen har redan status {exc} och kan inte ändras så.")

    @app.exception_handler(DraftNotFound)
    async def _draft_missing(_r: Request, _e: Exception) -> JSONResponse:
        return _json(404, "Utkastet finns inte (det kan ha rensats bort).")

    @app.exception_handler(DraftForbidden)
    async def _draft_forbidden(_r: Request, _e: Exception) -> JSONResponse:
        return _json(403, "Du kan bara ange utfall för dina egna utkast.")

    @app.exception_handler(TurnNotFound)
    async def _turn_missing(_r: Request, _e: Exception) -> JSONResponse:
        return _json(404, "Repliken finns inte i det här samtalet.")

    @app.exception_handler(HandoffWithoutConversation)
    async def _handoff_without_conversation(_r: Request, _e: Exception) -> JSONResponse:
        return _json(404, "Samtalet till överlämningen finns inte längre (raderat eller rensat).")

    @app.exception_handler(ReindexFailed)
    async def _reindex_failed(_r: Request, exc: Exception) -> JSONResponse:
        # The reason is ours (a time limit, a crashed child), never input: it may be shown.
        return _json(500, f"Omindexeringen misslyckades: {exc}. Det tidigare indexet används fortfarande.")

    @app.exception_handler(DatabaseUnavailable)
    async def _db(_r: Request, _e: Exception) -> JSONResponse:
        return _json(
            503, "Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.", {"Retry-After": "10"}
        )

    @app.exception_handler(IndexUnavailable)
    async def _index(_r: Request, _e: Exception) -> JSONResponse:
        return _json(
            503, "Kunskapsbanken är inte laddad ännu. Försök igen om en stund.", {"Retry-After": "30"}
        )

    @app.exception_handler(Exception)
    async def _unexpected(_r: Request, exc: Exception) -> JSONResponse:
        # Frames only: an exception's message could quote input, so it is not logged.
        frames = "".join(traceback.format_tb(exc.__traceback__)[-5:])
        log.error("unhandled %s\n%s", type(exc).__name__, frames)
        return _json(500, "Något gick fel hos oss. Försök igen om en stund.")
