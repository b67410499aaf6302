"""Every HTTP error of the API as an RFC 9457 problem: one catalogue, one body shape.

A problem leaves as `application/problem+json`:

    {"type": "/problems/index-unavailable", "title": "Kunskapsbanken är inte laddad",
     "status": 503, "detail": "Kunskapsbanken är inte laddad ännu. Försök igen om en stund.",
     "instance": "/api/chat", "request_id": "4f0c…"}

`type` is stable: a client decides by it (the three 503s — database down, index not loaded, too
many waiting — are told apart by it alone). It is a relative URI, resolved against the server,
and `GET /problems/<name>` documents it. `title` names the type and never changes with the
occurrence; `detail` is written in Swedish for the person in front of the page (a 4xx says what
to do; nothing ever quotes input or a stack trace); `instance` is the request's path;
`request_id` is the X-Request-ID of the request (also on the response and on its log lines).

The README's "Problem types" section lists the same catalogue (a test holds the two together).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from fastapi import HTTPException
from pydantic import BaseModel, Field

MEDIA_TYPE = "application/problem+json"
PREFIX = "/problems/"


@dataclass(frozen=True)
class ProblemType:
    name: str
    status: int
    title: str  # Swedish, the same for every occurrence
    detail: str  # the default detail (Swedish); an occurrence may say more
    about: str  # for the documentation: when it happens (English, like the README)

    @property
    def uri(self) -> str:
        return PREFIX + self.name


CATALOGUE: dict[str, ProblemType] = {}


def _kind(name: str, status: int, title: str, detail: str, about: str) -> ProblemType:
    kind = ProblemType(name, status, title, detail, about)
    assert name not in CATALOGUE, name
    CATALOGUE[name] = kind
    return kind


# 400
BAD_REQUEST = _kind(
    "bad-request",
    400,
    "Felaktig förfrågan",
    "Förfrågan kunde inte läsas.",
    "The body could not be read at all (not UTF-8, broken framing).",
)
OUTSIDE_CORPUS_ROOTS = _kind(
    "outside-corpus-roots",
    400,
    "Mappen får inte läsas",
    "Mappen ligger utanför de dokumentmappar som servern får läsa från (TILLIT_CORPUS_ROOTS).",
    "A re-index named a folder outside TILLIT_CORPUS_ROOTS (checked before existence; audited).",
)
# 401
STAFF_KEY_REQUIRED = _kind(
    "staff-key-required",
    401,
    "Inloggning krävs",
    "Inloggning krävs: ange en personalnyckel (Authorization: Bearer …).",
    "A staff endpoint was called without a bearer key.",
)
STAFF_KEY_INVALID = _kind(
    "staff-key-invalid",
    401,
    "Ogiltig personalnyckel",
    "Personalnyckeln är ogiltig eller återkallad.",
    "The bearer key is unknown, revoked or expired (audited, without the key).",
)
METRICS_TOKEN_REQUIRED = _kind(
    "metrics-token-required",
    401,
    "Nyckel krävs för mätvärdena",
    "Mätvärdena kräver en nyckel (Authorization: Bearer …, TILLIT_METRICS_TOKEN).",
    "/metrics is protected by TILLIT_METRICS_TOKEN and the request did not carry it.",
)
# 403
ROLE_FORBIDDEN = _kind(
    "role-forbidden",
    403,
    "Rollen saknar behörighet",
    "Din roll har inte behörighet till detta.",
    "A valid key whose role may not do this (a staff key on an admin endpoint).",
)
CONVERSATION_FORBIDDEN = _kind(
    "conversation-forbidden",
    403,
    "Fel nyckel till samtalet",
    "Du har inte behörighet till det här samtalet.",
    "The conversation token is missing or belongs to another conversation.",
)
DRAFT_FORBIDDEN = _kind(
    "draft-forbidden",
    403,
    "Utkastet är någon annans",
    "Du kan bara ange utfall för dina egna utkast.",
    "A staff member acted on a draft another staff key asked for.",
)
# 404
NOT_FOUND = _kind(
    "not-found",
    404,
    "Finns inte",
    "Sidan eller resursen finns inte.",
    "No such route.",
)
CONVERSATION_NOT_FOUND = _kind(
    "conversation-not-found",
    404,
    "Samtalet finns inte",
    "Samtalet finns inte (det kan ha raderats). Starta ett nytt samtal.",
    "The conversation never existed, or was erased or purged.",
)
TURN_NOT_FOUND = _kind(
    "turn-not-found",
    404,
    "Repliken finns inte",
    "Repliken finns inte i det här samtalet.",
    "Feedback named a turn that is not part of the conversation.",
)
HANDOFF_NOT_FOUND = _kind(
    "handoff-not-found",
    404,
    "Överlämningen finns inte",
    "Överlämningen finns inte (den kan ha raderats).",
    "No handoff with this id or reference.",
)
HANDOFF_CONVERSATION_GONE = _kind(
    "handoff-conversation-gone",
    404,
    "Samtalet finns inte längre",
    "Samtalet till överlämningen finns inte längre (raderat eller rensat).",
    "The handoff exists but its conversation was erased or purged.",
)
DRAFT_NOT_FOUND = _kind(
    "draft-not-found",
    404,
    "Utkastet finns inte",
    "Utkastet finns inte (det kan ha rensats bort).",
    "No draft with this id (or it was purged).",
)
REINDEX_JOB_NOT_FOUND = _kind(
    "reindex-job-not-found",
    404,
    "Omindexeringen finns inte",
    "Omindexeringen finns inte (den kan ha rensats bort).",
    "No re-index job with this id (only the latest jobs are kept).",
)
# 405
METHOD_NOT_ALLOWED = _kind(
    "method-not-allowed",
    405,
    "Metoden stöds inte",
    "Metoden stöds inte här.",
    "The route exists but not with this HTTP method (the Allow header lists those it has).",
)
# 409
HANDOFF_CONFLICT = _kind(
    "handoff-conflict",
    409,
    "Fel status för åtgärden",
    "Överlämningen kan inte ändras så.",
    "The handoff's status does not allow the action (claiming a claimed one).",
)
REINDEX_RUNNING = _kind(
    "reindex-running",
    409,
    "Omindexering pågår redan",
    "En omindexering pågår redan på den här servern. Vänta tills den är klar.",
    "This process already has a re-index queued or running; its status URL is in the Location header.",
)
# 413
REQUEST_TOO_LARGE = _kind(
    "request-too-large",
    413,
    "Förfrågan är för stor",
    "Förfrågan är för stor.",
    "The body is larger than the server accepts (128 kB).",
)
# 422
INVALID_REQUEST = _kind(
    "invalid-request",
    422,
    "Ogiltig förfrågan",
    "Ogiltig förfrågan.",
    "A field is missing, too long, of the wrong type or unknown; the detail names the first one.",
)
CORPUS_FOLDER_MISSING = _kind(
    "corpus-folder-missing",
    422,
    "Mappen finns inte",
    "Mappen finns inte på servern.",
    "A re-index named a folder inside the corpus roots that does not exist.",
)
# 429
RATE_LIMITED = _kind(
    "rate-limited",
    429,
    "För många förfrågningar",
    "Du har skickat för många meddelanden på kort tid. Vänta en stund och försök igen.",
    "More citizen requests from this client than TILLIT_RATE_LIMIT_PER_MINUTE (see Retry-After).",
)
KEY_FAILURES_LIMITED = _kind(
    "too-many-key-failures",
    429,
    "För många fel personalnycklar",
    "För många försök med fel personalnyckel. Vänta en stund och försök igen.",
    "More wrong staff keys from this client than TILLIT_AUTH_FAILURES_PER_MINUTE (not audited).",
)
# 500
INTERNAL_ERROR = _kind(
    "internal-error",
    500,
    "Fel hos oss",
    "Något gick fel hos oss. Försök igen om en stund.",
    "An unexpected error; the log has its type and frames under the same request id.",
)
# 503: three causes, three types
DATABASE_UNAVAILABLE = _kind(
    "database-unavailable",
    503,
    "Databasen kan inte nås",
    "Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.",
    "The database cannot be reached; nothing was half-written (Retry-After: 10).",
)
INDEX_UNAVAILABLE = _kind(
    "index-unavailable",
    503,
    "Kunskapsbanken är inte laddad",
    "Kunskapsbanken är inte laddad ännu. Försök igen om en stund.",
    "No knowledge index has been built yet (run `tillit ingest`) (Retry-After: 30).",
)
SERVICE_BUSY = _kind(
    "service-busy",
    503,
    "Många frågar just nu",
    "Många frågar just nu. Försök igen om en liten stund.",
    "More turns are waiting than TILLIT_TURN_QUEUE; refused at once (Retry-After: 2).",
)

# What a bare HTTP error of a status gets when no one named it (FastAPI's and Starlette's own).
BY_STATUS: dict[int, ProblemType] = {
    400: BAD_REQUEST,
    404: NOT_FOUND,
    405: METHOD_NOT_ALLOWED,
    413: REQUEST_TOO_LARGE,
    422: INVALID_REQUEST,
    500: INTERNAL_ERROR,
}
# RFC 9457's type for a status with nothing more to say; never expected from this API.
BLANK = "about:blank"


class ProblemError(HTTPException):
    """Raise one of the catalogue's problems (optionally with a more specific Swedish detail)."""

    def __init__(self, kind: ProblemType, detail: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(status_code=kind.status, detail=detail or kind.detail, headers=headers)
        self.kind = kind


class Problem(BaseModel):
    """An error, RFC 9457 (application/problem+json)."""

    type: str = Field(description="Felets typ (stabil): /problems/<namn>, se GET /problems.")
    title: str = Field(description="Typens namn på svenska (samma för varje fel av typen).")
    status: int = Field(description="HTTP-statusen.")
    detail: str = Field(description="Orsaken på svenska, till den som ser sidan.")
    instance: str | None = Field(default=None, description="Förfrågans sökväg.")
    request_id: str | None = Field(default=None, description="Förfrågans id (X-Request-ID).")


def problem_body(
    kind: ProblemType | None,
    status: int,
    detail: str | None = None,
    instance: str | None = None,
    request_id: str | None = None,
    title: str | None = None,
) -> bytes:
    """The JSON bytes of a problem (`kind` None: about:blank with `title`)."""
    body: dict[str, Any] = {
        "type": kind.uri if kind else BLANK,
        "title": kind.title if kind else (title or "Fel"),
        "status": status,
        "detail": detail or (kind.detail if kind else "Förfrågan kunde inte utföras."),
    }
    if instance:
        body["instance"] = instance
    if request_id:
        body["request_id"] = request_id
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


# What any route behind a staff key may answer before it runs (a missing, wrong or under-privileged
# key, or too many wrong keys from one client).
STAFF_AUTH = (STAFF_KEY_REQUIRED, STAFF_KEY_INVALID, ROLE_FORBIDDEN, KEY_FAILURES_LIMITED)


def openapi_responses(*kinds: ProblemType) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route or router: each status with the problem types it may carry."""
    by_status: dict[int, list[ProblemType]] = {}
    for kind in kinds:
        by_status.setdefault(kind.status, []).append(kind)
    return {
        status: {
            "model": Problem,
            "description": "; ".join(f"`{k.uri}`: {k.detail}" for k in group),
        }
        for status, group in sorted(by_status.items())
    }
