"""Request and response models at the HTTP boundary (limits live here, documented in OpenAPI)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

DRAFT_MAX_CHARS = 20_000
FeedbackReason = Literal["helpful", "wrong", "unclear", "incomplete", "outdated", "not_relevant", "other"]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ChatRequest(_Request):
    # The longest message is a setting (TILLIT_MAX_MESSAGE_CHARS): the route checks it, and the app
    # writes it into this field's maxLength in the OpenAPI schema.
    message: str = Field(min_length=1, description="Frågan.")
    conversation_id: str | None = Field(default=None, max_length=64, pattern=r"^[0-9a-f]{32}$")
    conversation_token: str | None = Field(
        default=None, max_length=128, description="Samtalets nyckel (eller headern X-Conversation-Token)."
    )
    language: str | None = Field(default=None, pattern=r"^[a-z]{2}$", description="Önskat språk, ISO 639-1.")


class FeedbackRequest(_Request):
    conversation_id: str = Field(max_length=64)
    conversation_token: str | None = Field(default=None, max_length=128)
    turn_id: int | None = Field(default=None, ge=1)
    helpful: bool
    reason: FeedbackReason | None = None


class DraftRequest(_Request):
    text: str = Field(min_length=1, max_length=DRAFT_MAX_CHARS, description="Det inkomna meddelandet.")


class DraftOutcomeRequest(_Request):
    outcome: Literal["sent", "edited", "discarded"]
    final_text: str | None = Field(default=None, max_length=DRAFT_MAX_CHARS)
    edit_distance: int | None = Field(default=None, ge=0)


class DraftOutcomeOut(BaseModel):
    draft_id: str
    outcome: str
    edit_distance: int | None


class HandoffItem(BaseModel):
    id: int
    reference: str
    created_at: dt.datetime
    updated_at: dt.datetime
    reason: str
    rule: str
    queue: str
    urgency: str
    language: str | None
    summary: str = Field(description="Maskad sammanfattning (inga personuppgifter).")
    citations: list[dict[str, Any]]
    prepare: list[str]
    status: str
    claimed_by: str | None
    conversation_id: str | None


class DocumentItem(BaseModel):
    doc_id: str
    title: str
    version: str
    language: str
    approved: bool
    source_url: str
    audience: str | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


class ReindexRequest(_Request):
    path: str | None = Field(
        default=None, max_length=1000, description="Mapp med dokument (standard: kursen)."
    )


class ReindexJobOut(BaseModel):
    job_id: str
    status: Literal["queued", "running", "done", "failed"] = Field(
        description="I kö, pågår, klar eller misslyckad (då används det tidigare indexet)."
    )
    status_url: str = Field(description="Här hämtas omindexeringens status.")
    created_at: dt.datetime
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    index_version: str | None = Field(default=None, description="Den nya versionen, när den är klar.")
    indexed: int | None = Field(default=None, description="Dokument som lästes in.")
    skipped: int | None = Field(default=None, description="Dokument som hoppades över (t.ex. ej godkända).")
    failed: int | None = Field(default=None, description="Filer som inte gick att läsa.")
    passages: int | None = None
    seconds: float | None = None
    detail: str | None = Field(default=None, description="Varför den misslyckades.")


class StaffMe(BaseModel):
    name: str
    role: str


class ExportedTurn(BaseModel):
    created_at: str
    question: str  # redacted, as stored
    answer: str
    action: str
    citations: list[dict[str, Any]]


class ExportedHandoff(BaseModel):
    reference: str
    created_at: str
    reason: str
    queue: str
    urgency: str
    status: str
    summary: str  # redacted, as stored


class ExportedFeedback(BaseModel):
    created_at: str
    turn_id: int | None
    helpful: bool
    reason: str | None


class ConversationExport(BaseModel):
    """A registry extract of one conversation: exactly what the office stores, which is redacted."""

    conversation_id: str
    language: str | None
    handed_off: bool
    turns: list[ExportedTurn]
    handoffs: list[ExportedHandoff] = Field(default_factory=list)
    feedback: list[ExportedFeedback] = Field(default_factory=list)


def conversation_export(record: Any) -> ConversationExport:
    """The extract of a storage ConversationRecord (conversation, turns, handoffs, feedback)."""
    conv = record.conversation
    return ConversationExport(
        conversation_id=conv.id,
        language=conv.language,
        handed_off=conv.handed_off,
        turns=[
            ExportedTurn(
                created_at=t.created_at.isoformat(),
                question=t.user_text,
                answer=t.answer_text,
                action=t.action,
                citations=t.citations,
            )
            for t in record.turns
        ],
        handoffs=[
            ExportedHandoff(
                reference=h.reference,
                created_at=h.created_at.isoformat(),
                reason=h.reason,
                queue=h.queue,
                urgency=h.urgency,
                status=h.status,
                summary=h.summary,
            )
            for h in record.handoffs
        ],
        feedback=[
            ExportedFeedback(
                created_at=f.created_at.isoformat(), turn_id=f.turn_id, helpful=f.helpful, reason=f.reason
            )
            for f in record.feedback
        ],
    )
