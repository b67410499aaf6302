"""Staff endpoints (bearer key, role staff or admin): drafts, the handoff queue, documents; and the
admin's re-index (`admin_router`).

A staff member is named by the id of their key (`tillit keys list`), not by the free-text name on
it: that id is the audit actor and the owner of their drafts. Drafts share the answer pipeline's
admission line with citizens' turns.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from fastapi import Path as PathParam
from starlette.concurrency import run_in_threadpool

from assistant.api import problems as p
from assistant.api.deps import Admin, AdmissionDep, AssistantDep, ReindexJobsDep, Staff
from assistant.api.schemas import (
    ConversationExport,
    DocumentItem,
    DraftOutcomeOut,
    DraftOutcomeRequest,
    DraftRequest,
    HandoffItem,
    ReindexJobOut,
    ReindexRequest,
    StaffMe,
    conversation_export,
)
from assistant.corpus_roots import OutsideCorpusRoots
from assistant.pipeline.replies import DraftReply
from assistant.reindexing import ReindexJob, ReindexJobNotFound, ReindexRunning
from assistant.service import Assistant
from assistant.storage.models import Handoff
from assistant.storage.store import DraftForbidden, StaffIdentity

# What any staff endpoint may answer; each route adds its own (p.openapi_responses merges them).
_BASE = (
    p.BAD_REQUEST,
    p.STAFF_KEY_REQUIRED,
    p.STAFF_KEY_INVALID,
    p.ROLE_FORBIDDEN,
    p.REQUEST_TOO_LARGE,
    p.INVALID_REQUEST,
    p.KEY_FAILURES_LIMITED,
    p.DATABASE_UNAVAILABLE,
)
router = APIRouter(prefix="/api", tags=["personal"], responses=p.openapi_responses(*_BASE))
admin_router = APIRouter(prefix="/api/admin", tags=["admin"], responses=p.openapi_responses(*_BASE))
_HANDOFF = p.openapi_responses(*_BASE, p.HANDOFF_NOT_FOUND, p.HANDOFF_CONFLICT)
_BY_REFERENCE = p.openapi_responses(*_BASE, p.HANDOFF_NOT_FOUND, p.HANDOFF_CONVERSATION_GONE)
JobId = Annotated[str, PathParam(pattern=r"^[0-9a-f]{32}$", description="Omindexeringens id.")]


def _handoff_item(h: Handoff) -> HandoffItem:
    return HandoffItem(
        id=h.id,
        reference=h.reference,
        created_at=h.created_at,
        updated_at=h.updated_at,
        reason=h.reason,
        rule=h.rule,
        queue=h.queue,
        urgency=h.urgency,
        language=h.language,
        summary=h.summary,
        citations=list(h.citations or []),
        prepare=list(h.prepare or []),
        status=h.status,
        claimed_by=h.claimed_by,
        conversation_id=h.conversation_id,
    )


@router.get("/me", response_model=StaffMe, summary="Vem är inloggad")
async def me(who: Staff) -> StaffMe:
    return StaffMe(name=who.name, role=who.role)


@router.post(
    "/drafts",
    response_model=DraftReply,
    summary="Utkast till svar",
    responses=p.openapi_responses(*_BASE, p.INDEX_UNAVAILABLE, p.SERVICE_BUSY),
)
async def draft(
    body: DraftRequest, who: Staff, assistant: AssistantDep, admission: AdmissionDep
) -> DraftReply:
    """Hittar frågorna i ett inkommet meddelande och skriver ett granskningsbart svarsutkast.

    Personuppgifter maskeras i alla steg och återställs bara i utkastet som returneras.
    """
    async with admission.turn():
        return await run_in_threadpool(assistant.draft, body.text, who.key_id)


@router.post(
    "/drafts/{draft_id}/outcome",
    response_model=DraftOutcomeOut,
    summary="Utkastets utfall",
    responses=p.openapi_responses(*_BASE, p.DRAFT_FORBIDDEN, p.DRAFT_NOT_FOUND),
)
async def outcome(
    draft_id: str, body: DraftOutcomeRequest, who: Staff, assistant: AssistantDep
) -> DraftOutcomeOut:
    """Bara den som bad om utkastet anger dess utfall."""
    found = await run_in_threadpool(assistant.store.get_draft, draft_id)
    if found.staff != who.key_id:
        raise DraftForbidden(draft_id)
    distance = await run_in_threadpool(
        assistant.draft_outcome, draft_id, body.outcome, who.key_id, body.final_text, body.edit_distance
    )
    return DraftOutcomeOut(draft_id=draft_id, outcome=body.outcome, edit_distance=distance)


@router.get("/handoffs", response_model=list[HandoffItem], summary="Överlämningar")
async def handoffs(
    who: Staff,
    assistant: AssistantDep,
    status: Annotated[Literal["open", "claimed", "resolved", "released"] | None, Query()] = None,
    queue: Annotated[str | None, Query(max_length=40)] = None,
) -> list[HandoffItem]:
    rows = await run_in_threadpool(assistant.store.list_handoffs, status, queue)
    return [_handoff_item(h) for h in rows]


async def _transition(assistant: Assistant, handoff_id: str, action: str, who: StaffIdentity) -> HandoffItem:
    row = await run_in_threadpool(
        assistant.store.transition_handoff, handoff_id, action, who.key_id, who.name
    )
    return _handoff_item(row)


@router.post(
    "/handoffs/{handoff_id}/claim", response_model=HandoffItem, responses=_HANDOFF, summary="Ta överlämningen"
)
async def claim(handoff_id: str, who: Staff, assistant: AssistantDep) -> HandoffItem:
    return await _transition(assistant, handoff_id, "claim", who)


@router.post(
    "/handoffs/{handoff_id}/resolve",
    response_model=HandoffItem,
    responses=_HANDOFF,
    summary="Markera som klar",
)
async def resolve(handoff_id: str, who: Staff, assistant: AssistantDep) -> HandoffItem:
    return await _transition(assistant, handoff_id, "resolve", who)


@router.post(
    "/handoffs/{handoff_id}/release",
    response_model=HandoffItem,
    responses=_HANDOFF,
    summary="Lämna tillbaka samtalet till assistenten",
)
async def release(handoff_id: str, who: Staff, assistant: AssistantDep) -> HandoffItem:
    return await _transition(assistant, handoff_id, "release", who)


@router.get(
    "/handoffs/{reference}/conversation",
    response_model=ConversationExport,
    responses=_BY_REFERENCE,
    summary="Samtalet bakom en överlämning (registerutdrag)",
)
async def export_by_reference(reference: str, who: Staff, assistant: AssistantDep) -> ConversationExport:
    """Allt som sparats om samtalet som överlämningen hör till, för ett registerutdrag när
    personen inte längre har samtalets nyckel. Utdraget loggas med din nyckels id."""
    record = await run_in_threadpool(assistant.store.export_by_reference, reference, who.key_id)
    return conversation_export(record)


@router.delete(
    "/handoffs/{reference}/conversation",
    status_code=204,
    responses=_BY_REFERENCE,
    summary="Radera samtalet bakom en överlämning",
)
async def erase_by_reference(reference: str, who: Staff, assistant: AssistantDep) -> Response:
    """Raderar samtalet, dess överlämningar och återkoppling när personen begär det (utan
    samtalets nyckel). Raderingen loggas med din nyckels id; loggraderna pekar sedan inte
    längre ut samtalet."""
    conversation_id = await run_in_threadpool(assistant.store.erase_by_reference, reference, who.key_id)
    assistant.vaults.drop(conversation_id)
    return Response(status_code=204)


@router.get(
    "/documents",
    response_model=list[DocumentItem],
    summary="Dokument i indexet",
    responses=p.openapi_responses(*_BASE, p.INDEX_UNAVAILABLE),
)
async def documents(who: Staff, assistant: AssistantDep) -> list[DocumentItem]:
    metas = await run_in_threadpool(assistant.documents)
    return [
        DocumentItem(
            doc_id=m.doc_id,
            title=m.title,
            version=m.version,
            language=m.language,
            approved=m.approved,
            source_url=m.source_url,
            audience=m.audience,
            valid_from=m.valid_from,
            valid_until=m.valid_until,
        )
        for m in metas
    ]


def _job_out(job: ReindexJob) -> ReindexJobOut:
    return ReindexJobOut(
        job_id=job.job_id,
        status=job.status,
        status_url=_status_url(job.job_id),
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
        index_version=job.index_version,
        indexed=job.indexed,
        skipped=job.skipped,
        failed=job.failed,
        passages=job.passages,
        seconds=job.seconds,
        detail=job.detail,
    )


def _status_url(job_id: str) -> str:
    return f"{admin_router.prefix}/reindex/{job_id}"


@admin_router.post(
    "/reindex",
    status_code=202,
    response_model=ReindexJobOut,
    summary="Bygg om indexet",
    responses={
        202: {"description": "Omindexeringen har tagits emot; Location och status_url visar hur det går."},
        **p.openapi_responses(*_BASE, p.OUTSIDE_CORPUS_ROOTS, p.CORPUS_FOLDER_MISSING, p.REINDEX_RUNNING),
    },
)
async def reindex(
    who: Admin,
    assistant: AssistantDep,
    jobs: ReindexJobsDep,
    response: Response,
    body: ReindexRequest | None = None,
) -> ReindexJobOut:
    """Läser in dokumenten på nytt och byter index atomärt; svaren fortsätter under tiden.

    Svaret kommer direkt (202) med omindexeringens id; dess status (i kö, pågår, klar med antal,
    misslyckad) hämtas från `status_url`. En egen mapp måste ligga i någon av de tillåtna
    dokumentmapparna (TILLIT_CORPUS_ROOTS).
    """
    path = None
    if body and body.path:
        # The roots are checked before existence, so the answer says nothing about other folders.
        try:
            path = assistant.corpus_path(Path(body.path))
        except OutsideCorpusRoots:
            # The path itself stays out of the audit log: it may name a person (a home folder).
            assistant.store.audit(
                who.key_id, "index.reindex_refused", None, {"reason": "outside_corpus_roots"}
            )
            raise p.ProblemError(p.OUTSIDE_CORPUS_ROOTS) from None
        if not path.is_dir():
            raise p.ProblemError(p.CORPUS_FOLDER_MISSING)
    try:
        job = jobs.submit(path)
    except ReindexRunning as running:
        raise p.ProblemError(
            p.REINDEX_RUNNING, headers={"Location": _status_url(running.job.job_id)}
        ) from None
    assistant.store.audit(who.key_id, "index.reindex", job.job_id, {})
    response.headers["Location"] = _status_url(job.job_id)
    return _job_out(job)


@admin_router.get(
    "/reindex/{job_id}",
    response_model=ReindexJobOut,
    summary="Hur går omindexeringen?",
    responses=p.openapi_responses(*_BASE, p.REINDEX_JOB_NOT_FOUND),
)
async def reindex_status(job_id: JobId, who: Admin, jobs: ReindexJobsDep) -> ReindexJobOut:
    """Status: `queued` (i kö), `running` (pågår), `done` (klar, med antal dokument och avsnitt)
    eller `failed` (misslyckad, med orsak; det tidigare indexet används då fortfarande)."""
    try:
        job = await run_in_threadpool(jobs.get, job_id)
    except ReindexJobNotFound:
        raise p.ProblemError(p.REINDEX_JOB_NOT_FOUND) from None
    return _job_out(job)
