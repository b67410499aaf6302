"""A handoff's conversation for the staff console: every turn as stored (redacted), with the
sources cited at each turn and the rule that decided the handoff, and the drafts written for it.

A draft's names come back only for the staff member who wrote it, and only while its vault is
still held in memory (the vault never reaches the database); everyone else sees it redacted.
Reading a transcript is audited.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

import guardrails
from assistant.api import problems as p
from assistant.api.deps import AssistantDep, HandoffViewsDep, Staff
from assistant.service import Assistant
from assistant.storage.handoff_views import HandoffTranscript, LinkedDraft
from assistant.storage.store import StaffIdentity

_BASE = (
    p.STAFF_KEY_REQUIRED,
    p.STAFF_KEY_INVALID,
    p.ROLE_FORBIDDEN,
    p.HANDOFF_NOT_FOUND,
    p.KEY_FAILURES_LIMITED,
    p.DATABASE_UNAVAILABLE,
)
router = APIRouter(prefix="/api", tags=["personal"], responses=p.openapi_responses(*_BASE))


class TranscriptTurnOut(BaseModel):
    id: int
    created_at: dt.datetime
    question: str = Field(description="Medborgarens meddelande, maskat som det sparats.")
    answer: str
    action: str
    rule: str = Field(description="Regeln som avgjorde vad assistenten gjorde med repliken.")
    reason: str
    language: str | None
    confidence: float
    citations: list[dict[str, Any]]
    decided_handoff: bool = Field(description="Den här repliken ledde till överlämningen.")


class TranscriptDraftOut(BaseModel):
    draft_id: str
    created_at: dt.datetime
    own: bool = Field(description="Skrivet av den som frågar.")
    restored: bool = Field(description="Personuppgifterna är återställda (bara för den som skrev det).")
    text: str
    questions: list[str]
    citations: list[dict[str, Any]]
    outcome: str | None
    edit_distance: int | None


class TranscriptOut(BaseModel):
    reference: str
    status: str
    reason: str
    rule: str = Field(description="Regeln som avgjorde överlämningen.")
    queue: str
    urgency: str
    language: str | None
    created_at: dt.datetime
    summary: str
    conversation_kept: bool = Field(description="Falskt när samtalet inte finns kvar (raderat eller rensat).")
    turns: list[TranscriptTurnOut]
    drafts: list[TranscriptDraftOut]


class DraftLinkOut(BaseModel):
    reference: str
    draft_id: str


def _owns(draft_staff: str, who: StaffIdentity) -> bool:
    # A draft names the staff key that asked for it (migration 0002).
    return draft_staff == who.key_id


def _draft_out(assistant: Assistant, draft: LinkedDraft, who: StaffIdentity) -> TranscriptDraftOut:
    own = _owns(draft.staff, who)
    vault = assistant.draft_vaults.find(draft.draft_id) if own else None
    text, questions = draft.draft_text, draft.questions
    if vault is not None:
        text = guardrails.restore(text, vault)
        questions = [guardrails.restore(q, vault) for q in questions]
    return TranscriptDraftOut(
        draft_id=draft.draft_id,
        created_at=draft.created_at,
        own=own,
        restored=vault is not None,
        text=text,
        questions=questions,
        citations=draft.citations,
        outcome=draft.outcome,
        edit_distance=draft.edit_distance,
    )


def _transcript_out(assistant: Assistant, found: HandoffTranscript, who: StaffIdentity) -> TranscriptOut:
    h = found.handoff
    return TranscriptOut(
        reference=h.reference,
        status=h.status,
        reason=h.reason,
        rule=h.rule,
        queue=h.queue,
        urgency=h.urgency,
        language=h.language,
        created_at=h.created_at,
        summary=h.summary,
        conversation_kept=bool(found.turns),
        turns=[
            TranscriptTurnOut(**vars(t), decided_handoff=t.id == found.deciding_turn_id) for t in found.turns
        ],
        drafts=[_draft_out(assistant, d, who) for d in found.drafts],
    )


@router.get(
    "/handoffs/{handoff_id}/transcript",
    response_model=TranscriptOut,
    summary="Samtalet bakom en överlämning",
)
async def transcript(
    handoff_id: str, who: Staff, assistant: AssistantDep, views: HandoffViewsDep
) -> TranscriptOut:
    """Samtalets repliker maskade som de sparats, med källor per replik och regeln som avgjorde
    överlämningen; utkast till svar för ärendet (dina egna med personuppgifterna återställda)."""
    found = await run_in_threadpool(views.transcript, handoff_id)
    assistant.store.audit(
        who.key_id, "handoff.transcript_viewed", found.handoff.reference, {"turns": len(found.turns)}
    )
    return _transcript_out(assistant, found, who)


@router.post(
    "/handoffs/{handoff_id}/drafts/{draft_id}",
    response_model=DraftLinkOut,
    summary="Koppla ett svarsutkast till en överlämning",
    responses=p.openapi_responses(*_BASE, p.DRAFT_FORBIDDEN, p.DRAFT_NOT_FOUND),
)
async def link_draft(
    handoff_id: str, draft_id: str, who: Staff, assistant: AssistantDep, views: HandoffViewsDep
) -> DraftLinkOut:
    """Utkastet visas sedan med samtalet. Bara den som skrev utkastet kan koppla det."""
    owner = await run_in_threadpool(views.draft_owner, draft_id)
    if not _owns(owner, who):
        raise p.ProblemError(p.DRAFT_FORBIDDEN, "Utkastet är skrivet av någon annan.")
    reference = await run_in_threadpool(views.link_draft, handoff_id, draft_id)
    assistant.store.audit(who.key_id, "draft.linked", draft_id, {"handoff": reference})
    return DraftLinkOut(reference=reference, draft_id=draft_id)
