"""Staff endpoints (bearer key, role staff or admin): drafts, the handoff queue, documents, reindex."""

from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Response
from starlette.concurrency import run_in_threadpool

from assistant.api.admission import Admission
from assistant.api.schemas import (
    ConversationExport,
    DocumentItem,
    DraftOutcomeOut,
    DraftOutcomeRequest,
    DraftRequest,
    HandoffItem,
    Problem,
    ReindexOut,
    ReindexRequest,
    StaffMe,
    conversation_export,
)
from assistant.api.security import RateLimiter, staff_dependency
from assistant.corpus_roots import OutsideCorpusRoots
from assistant.pipeline.replies import DraftReply
from assistant.service import Assistant
from assistant.storage.models import Handoff
from assistant.storage.store import DraftForbidden, StaffIdentity

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "Förfrågan kunde inte läsas (inte JSON eller inte UTF-8)."},
    401: {"model": Problem, "description": "Personalnyckel saknas eller är ogiltig."},
    403: {"model": Problem, "description": "Rollen saknar behörighet."},
    404: {"model": Problem, "description": "Finns inte."},
    409: {"model": Problem, "description": "Fel status för åtgärden."},
    422: {"model": Problem, "description": "Ogiltig förfrågan."},
    429: {"model": Problem, "description": "För många försök med fel personalnyckel."},
}
OUTSIDE_ROOTS = "Mappen ligger utanför de dokumentmappar som servern får läsa från (TILLIT_CORPUS_ROOTS)."


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


def build(assistant: Assistant, key_failures: RateLimiter, admission: Admission) -> APIRouter:
    """The staff routes; `key_failures` caps the audited wrong-key attempts per client address;
    drafts share the answer pipeline's `admission` line with citizens' turns.

    A staff member is named by the id of their key (`tillit keys list`), not by the free-text name
    on it: that id is the audit actor and the owner of their drafts."""
    router = APIRouter(prefix="/api", responses=_ERRORS)
    verify, audit = assistant.store.verify_api_key, assistant.store.audit
    staff = staff_dependency(verify, "staff", audit, key_failures)
    admin = staff_dependency(verify, "admin", audit, key_failures)
    Staff = Annotated[StaffIdentity, Depends(staff)]
    Admin = Annotated[StaffIdentity, Depends(admin)]

    @router.get("/me", response_model=StaffMe, tags=["personal"], summary="Vem är inloggad")
    async def me(who: Staff) -> StaffMe:
        return StaffMe(name=who.name, role=who.role)

    @router.post("/drafts", response_model=DraftReply, tags=["personal"], summary="Utkast till svar")
    async def draft(body: DraftRequest, who: Staff) -> DraftReply:
        """Hittar frågorna i ett inkommet meddelande och skriver ett granskningsbart svarsutkast.

        Personuppgifter maskeras i alla steg och återställs bara i utkastet som returneras.
        """
        async with admission.turn():
            return await run_in_threadpool(assistant.draft, body.text, who.key_id)

    @router.post(
        "/drafts/{draft_id}/outcome",
        response_model=DraftOutcomeOut,
        tags=["personal"],
        summary="Utkastets utfall",
    )
    async def outcome(draft_id: str, body: DraftOutcomeRequest, who: Staff) -> DraftOutcomeOut:
        """Bara den som bad om utkastet anger dess utfall."""
        draft = await run_in_threadpool(assistant.store.get_draft, draft_id)
        if draft.staff != who.key_id:
            raise DraftForbidden(draft_id)
        distance = await run_in_threadpool(
            assistant.draft_outcome, draft_id, body.outcome, who.key_id, body.final_text, body.edit_distance
        )
        return DraftOutcomeOut(draft_id=draft_id, outcome=body.outcome, edit_distance=distance)

    @router.get("/handoffs", response_model=list[HandoffItem], tags=["personal"], summary="Överlämningar")
    async def handoffs(
        who: Staff,
        status: Annotated[Literal["open", "claimed", "resolved", "released"] | None, Query()] = None,
        queue: Annotated[str | None, Query(max_length=40)] = None,
    ) -> list[HandoffItem]:
        rows = await run_in_threadpool(assistant.store.list_handoffs, status, queue)
        return [_handoff_item(h) for h in rows]

    def _transition(action: str):  # type: ignore[no-untyped-def]
        async def handler(handoff_id: str, who: Staff) -> HandoffItem:
            row = await run_in_threadpool(
                assistant.store.transition_handoff, handoff_id, action, who.key_id, who.name
            )
            return _handoff_item(row)

        return handler

    for action, summary in (
        ("claim", "Ta överlämningen"),
        ("resolve", "Markera som klar"),
        ("release", "Lämna tillbaka samtalet till assistenten"),
    ):
        router.add_api_route(
            f"/handoffs/{{handoff_id}}/{action}",
            _transition(action),
            methods=["POST"],
            response_model=HandoffItem,
            tags=["personal"],
            summary=summary,
        )

    @router.get(
        "/handoffs/{reference}/conversation",
        response_model=ConversationExport,
        tags=["personal"],
        summary="Samtalet bakom en överlämning (registerutdrag)",
    )
    async def export_by_reference(reference: str, who: Staff) -> ConversationExport:
        """Allt som sparats om samtalet som överlämningen hör till, för ett registerutdrag när
        personen inte längre har samtalets nyckel. Utdraget loggas med din nyckels id."""
        record = await run_in_threadpool(assistant.store.export_by_reference, reference, who.key_id)
        return conversation_export(record)

    @router.delete(
        "/handoffs/{reference}/conversation",
        status_code=204,
        tags=["personal"],
        summary="Radera samtalet bakom en överlämning",
    )
    async def erase_by_reference(reference: str, who: Staff) -> Response:
        """Raderar samtalet, dess överlämningar och återkoppling när personen begär det (utan
        samtalets nyckel). Raderingen loggas med din nyckels id; loggraderna pekar sedan inte
        längre ut samtalet."""
        conversation_id = await run_in_threadpool(assistant.store.erase_by_reference, reference, who.key_id)
        assistant.vaults.drop(conversation_id)
        return Response(status_code=204)

    @router.get(
        "/documents", response_model=list[DocumentItem], tags=["personal"], summary="Dokument i indexet"
    )
    async def documents(who: Staff) -> list[DocumentItem]:
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

    @router.post(
        "/admin/reindex",
        response_model=ReindexOut,
        tags=["admin"],
        summary="Bygg om indexet",
        responses={400: {"model": Problem, "description": OUTSIDE_ROOTS}},
    )
    async def reindex(who: Admin, body: ReindexRequest | None = None) -> ReindexOut:
        """Läser in dokumenten på nytt och byter index atomärt; svaren fortsätter under tiden.

        En egen mapp måste ligga i någon av de tillåtna dokumentmapparna (TILLIT_CORPUS_ROOTS).
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
                raise HTTPException(status_code=400, detail=OUTSIDE_ROOTS) from None
            if not path.is_dir():
                raise HTTPException(status_code=422, detail="Mappen finns inte på servern.")
        assistant.store.audit(who.key_id, "index.reindex", None, {})
        report = await run_in_threadpool(assistant.reindex, path)
        return ReindexOut(
            index_version=report.index_version,
            indexed=len(report.indexed),
            skipped=len(report.skipped),
            failed=len(report.failed),
            passages=report.passages,
            seconds=round(report.seconds, 2),
        )

    return router
