"""What the staff console reads about handoffs beyond the queue: the transcript of a handoff's
conversation (redacted, as stored), the drafts written for it, and a cheap version stamp of the
queue that lets a console ask "anything new?" without loading it.

Reads use their own connection (not the store's writer line), like the insight queries.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.exc import OperationalError

from assistant.storage.database import Database, DatabaseUnavailable
from assistant.storage.insight_models import HandoffDraft
from assistant.storage.models import Draft, Handoff, Turn, utcnow
from assistant.storage.store import DraftNotFound, HandoffNotFound

# A turn is recorded just after the handoff it made; allow for clocks of two replicas.
_DECIDING_SLACK = dt.timedelta(seconds=5)
ACTIVE = ("open", "claimed")


@dataclass(frozen=True)
class TranscriptTurn:
    id: int
    created_at: dt.datetime
    question: str  # redacted, as stored
    answer: str
    action: str
    rule: str
    reason: str
    language: str | None
    confidence: float
    citations: list[dict[str, Any]]


@dataclass(frozen=True)
class LinkedDraft:
    draft_id: str
    created_at: dt.datetime
    staff: str
    draft_text: str  # redacted, as stored
    questions: list[str]
    citations: list[dict[str, Any]]
    outcome: str | None
    edit_distance: int | None


@dataclass(frozen=True)
class HandoffTranscript:
    handoff: Handoff  # detached
    turns: list[TranscriptTurn]
    drafts: list[LinkedDraft]
    deciding_turn_id: int | None


@dataclass(frozen=True)
class QueueItem:
    reference: str
    status: str
    urgency: str
    queue: str
    reason: str
    created_at: dt.datetime


def deciding_turn(handoff: Handoff, turns: list[TranscriptTurn]) -> int | None:
    """The turn whose decision made the handoff: the first handing-off turn recorded with it."""
    handing_off = [t for t in turns if t.action in ("handoff", "crisis") and t.reason != "after_handoff"]
    for turn in handing_off:
        if turn.created_at >= handoff.created_at - _DECIDING_SLACK:
            return turn.id
    return handing_off[-1].id if handing_off else None


class HandoffViews:
    def __init__(self, db: Database) -> None:
        self.db = db

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self.db.engine.connect() as connection:
                yield connection
        except OperationalError as exc:
            raise DatabaseUnavailable("database unavailable") from exc

    def transcript(self, key: str) -> HandoffTranscript:
        """The handoff (by reference, or numeric id) with its conversation's turns and drafts."""
        with self.db.session() as s:
            handoff = s.execute(select(Handoff).where(Handoff.reference == key)).scalar_one_or_none()
            if handoff is None and key.isdigit():
                handoff = s.get(Handoff, int(key))
            if handoff is None:
                raise HandoffNotFound(key)
            s.expunge(handoff)
        turns: list[TranscriptTurn] = []
        with self._read() as c:
            if handoff.conversation_id:
                rows = c.execute(
                    select(
                        Turn.id,
                        Turn.created_at,
                        Turn.user_text,
                        Turn.answer_text,
                        Turn.action,
                        Turn.rule,
                        Turn.reason,
                        Turn.language,
                        Turn.confidence,
                        Turn.citations,
                    )
                    .where(Turn.conversation_id == handoff.conversation_id)
                    .order_by(Turn.id)
                )
                turns = [TranscriptTurn(*r[:9], list(r[9] or [])) for r in rows]
            drafts = [
                LinkedDraft(r[0], r[1], r[2], r[3], list(r[4] or []), list(r[5] or []), r[6], r[7])
                for r in c.execute(
                    select(
                        Draft.id,
                        Draft.created_at,
                        Draft.staff,
                        Draft.draft_text,
                        Draft.questions,
                        Draft.citations,
                        Draft.outcome,
                        Draft.edit_distance,
                    )
                    .join(HandoffDraft, HandoffDraft.draft_id == Draft.id)
                    .where(HandoffDraft.handoff_id == handoff.id)
                    .order_by(Draft.created_at)
                )
            ]
        return HandoffTranscript(handoff, turns, drafts, deciding_turn(handoff, turns))

    def draft_owner(self, draft_id: str) -> str:
        with self._read() as c:
            staff = c.execute(select(Draft.staff).where(Draft.id == draft_id)).scalar_one_or_none()
        if staff is None:
            raise DraftNotFound(draft_id)
        return staff

    def link_draft(self, key: str, draft_id: str) -> str:
        """Tie a draft to the handoff `key`; returns the handoff's reference. Idempotent."""
        with self.db.session() as s:
            handoff = s.execute(select(Handoff).where(Handoff.reference == key)).scalar_one_or_none()
            if handoff is None and key.isdigit():
                handoff = s.get(Handoff, int(key))
            if handoff is None:
                raise HandoffNotFound(key)
            if s.get(Draft, draft_id) is None:
                raise DraftNotFound(draft_id)
            link = s.get(HandoffDraft, draft_id)
            if link is None:
                s.add(HandoffDraft(draft_id=draft_id, handoff_id=handoff.id, created_at=utcnow()))
            else:
                link.handoff_id = handoff.id
            reference = handoff.reference
        return reference

    # -- the queue's version stamp ------------------------------------------------------------
    def queue_version(self) -> str:
        """Changes whenever a handoff comes, goes or changes status or urgency."""
        query = select(func.count(), func.max(Handoff.id), func.max(Handoff.updated_at))
        with self._read() as c:
            count, newest, changed = c.execute(query).one()
        raw = f"{count}|{newest}|{changed}"
        return hashlib.sha256(raw.encode()).hexdigest()[:20]

    def active_items(self, limit: int = 200) -> list[QueueItem]:
        query = (
            select(
                Handoff.reference,
                Handoff.status,
                Handoff.urgency,
                Handoff.queue,
                Handoff.reason,
                Handoff.created_at,
            )
            .where(Handoff.status.in_(ACTIVE))
            .order_by(Handoff.id.desc())
            .limit(limit)
        )
        with self._read() as c:
            return [QueueItem(*r) for r in c.execute(query)]


__all__ = [
    "HandoffTranscript",
    "HandoffViews",
    "LinkedDraft",
    "QueueItem",
    "TranscriptTurn",
    "deciding_turn",
]
