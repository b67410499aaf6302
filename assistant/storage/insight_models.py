"""Tables for staff insight (migration 0003): question vectors for content gaps, drafts linked to
a handoff, and the indexes the weekly figures read by.

Both tables hang off rows that erasure and retention already delete (a turn, a draft, a handoff),
through ON DELETE CASCADE, so nothing here outlives what it was made from.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from assistant.storage.models import Base, Feedback, Turn, utcnow


class QuestionVector(Base):
    """The embedding of one turn's redacted question (float16), for grouping content gaps.

    One row per distinct question text is enough: the row sits on the newest turn with that text,
    so erasing that conversation takes the vector with it (and it is made again from another).
    """

    __tablename__ = "question_vectors"

    turn_id: Mapped[int] = mapped_column(ForeignKey("turns.id", ondelete="CASCADE"), primary_key=True)
    model: Mapped[str] = mapped_column(String(80))
    vector: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class HandoffDraft(Base):
    """A staff draft written for a handoff (shown with the handoff's transcript)."""

    __tablename__ = "handoff_drafts"

    draft_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("drafts.id", ondelete="CASCADE"), primary_key=True
    )
    handoff_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("handoffs.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


# The weekly figures read turns by date and count them by what happened, from this index alone (no
# table rows: turns are wide); gaps join feedback to its turn. The partial index of the unanswered
# turns, ix_turns_unanswered, differs per database and is made by migration 0003 alone.
Index("ix_turns_insight", Turn.created_at, Turn.action, Turn.rule, Turn.reason, Turn.confidence)
Index("ix_feedback_turn_id", Feedback.turn_id)
