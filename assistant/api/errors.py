"""Every error leaves as an RFC 9457 problem (assistant/api/problems.py), never a stack trace.

Three ways in, one way out: a route raises ProblemError with a catalogue type; the product raises
its own exception (ConversationNotFound, DatabaseUnavailable, …), which DOMAIN maps to its type;
FastAPI and Starlette raise their own (validation, 404, 405), which get the type of their status.
An exception nothing expected is answered by the request context middleware (internal-error).
"""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from assistant.api import problems as p
from assistant.log_format import REQUEST_ID
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

# The product's exceptions and the problem each one is, with the headers it carries.
DOMAIN: dict[type[Exception], tuple[p.ProblemType, dict[str, str] | None]] = {
    ConversationNotFound: (p.CONVERSATION_NOT_FOUND, None),
    ConversationForbidden: (p.CONVERSATION_FORBIDDEN, None),
    TurnNotFound: (p.TURN_NOT_FOUND, None),
    HandoffNotFound: (p.HANDOFF_NOT_FOUND, None),
    HandoffWithoutConversation: (p.HANDOFF_CONVERSATION_GONE, None),
    HandoffConflict: (p.HANDOFF_CONFLICT, None),
    DraftNotFound: (p.DRAFT_NOT_FOUND, None),
    DraftForbidden: (p.DRAFT_FORBIDDEN, None),
    DatabaseUnavailable: (p.DATABASE_UNAVAILABLE, {"Retry-After": "10"}),
    IndexUnavailable: (p.INDEX_UNAVAILABLE, {"Retry-After": "30"}),
}
# A detail that says more than the type's own; the text is ours (a status name), never input.
_DETAILS: dict[type[Exception], Callable[[Exception], str]] = {
    HandoffConflict: lambda exc: f"Överlämningen har redan status {exc} och kan inte ändras så.",
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
    "job_id": "Omindexeringens id",
}


def describe_validation(exc: RequestValidationError) -> str:
    """One Swedish sentence for the first problem (the person fixes one thing at a time)."""
    for error in exc.errors():
        loc = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path", "header")]
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


def problem_response(
    request: Request,
    kind: p.ProblemType | None,
    status: int,
    detail: str | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    body = p.problem_body(
        kind,
        status,
        detail,
        instance=request.url.path,
        request_id=REQUEST_ID.get(),
        title=_phrase(status),
    )
    return Response(body, status_code=status, headers=headers, media_type=p.MEDIA_TYPE)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Fel"


async def _validation(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    return problem_response(request, p.INVALID_REQUEST, 422, describe_validation(exc))


async def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    headers = exc.headers
    if isinstance(exc, p.ProblemError):
        return problem_response(request, exc.kind, exc.status_code, exc.detail, headers)
    kind = p.BY_STATUS.get(exc.status_code)
    # Starlette's and FastAPI's own details are English ("Not Found"): the type's Swedish one instead.
    detail = exc.detail if isinstance(exc.detail, str) and not exc.detail.isascii() else None
    return problem_response(request, kind, exc.status_code, detail, headers)


async def _domain(request: Request, exc: Exception) -> Response:
    for cls in type(exc).__mro__:
        if cls in DOMAIN:
            kind, headers = DOMAIN[cls]
            describe = _DETAILS.get(cls)
            return problem_response(request, kind, kind.status, describe(exc) if describe else None, headers)
    raise exc  # not ours: the request context answers it as an internal error


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    for exc_type in DOMAIN:
        app.add_exception_handler(exc_type, _domain)
