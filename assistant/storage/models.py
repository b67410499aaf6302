"""ORM tables. Text columns hold redacted text only (tags like [NAMN_1]), never clear personal data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class Conversation(Base):
    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_active: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    language: Mapped[str | None] = mapped_column(String(8), nullable=True)
    handed_off: Mapped[bool] = mapped_column(Boolean, default=False)
    unanswered_streak: Mapped[int] = mapped_column(Integer, default=0)

    turns: Mapped[list[Turn]] = relationship(
        back_populates="conversation", cascade="all, delete-orphan", order_by="Turn.id"
    )
    handoffs: Mapped[list[Handoff]] = relationship(
        back_populates="conversation", cascade="all, delete-orphan"
    )
    feedback: Mapped[list[Feedback]] = relationship(cascade="all, delete-orphan")


class Turn(Base):
    """One exchange: the user's redacted message and what the assistant did with it."""

    __tablename__ = "turns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user_text: Mapped[str] = mapped_column(Text)  # redacted
    query_text: Mapped[str] = mapped_column(Text, default="")  # redacted, after follow-up rewriting
    answer_text: Mapped[str] = mapped_column(Text, default="")
    action: Mapped[str] = mapped_column(String(20))
    rule: Mapped[str] = mapped_column(String(80), default="")
    reason: Mapped[str] = mapped_column(String(40), default="")
    language: Mapped[str | None] = mapped_column(String(8), nullable=True)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    composer: Mapped[str] = mapped_column(String(20), default="")
    citations: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    timings_ms: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)

    conversation: Mapped[Conversation] = relationship(back_populates="turns")


class Handoff(Base):
    __tablename__ = "handoffs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    conversation_id: Mapped[str | None] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True, nullable=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    reason: Mapped[str] = mapped_column(String(40))
    rule: Mapped[str] = mapped_column(String(80), default="")
    queue: Mapped[str] = mapped_column(String(40))
    urgency: Mapped[str] = mapped_column(String(10), default="normal")
    language: Mapped[str | None] = mapped_column(String(8), nullable=True)
    summary: Mapped[str] = mapped_column(Text, default="")  # redacted
    citations: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    prepare: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(12), default="open", index=True)
    claimed_by: Mapped[str | None] = mapped_column(String(80), nullable=True)

    conversation: Mapped[Conversation | None] = relationship(back_populates="handoffs")


class Draft(Base):
    """A staff draft. The pasted message and the draft are kept redacted only."""

    __tablename__ = "drafts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    # The id of the staff key that asked for it (a name in rows written before 0002): only the
    # holder of that key records the draft's outcome.
    staff: Mapped[str] = mapped_column(String(80))
    input_text: Mapped[str] = mapped_column(Text)  # redacted
    draft_text: Mapped[str] = mapped_column(Text)  # redacted
    questions: Mapped[list[str]] = mapped_column(JSON, default=list)  # redacted
    citations: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    outcome: Mapped[str | None] = mapped_column(String(12), nullable=True)
    edit_distance: Mapped[int | None] = mapped_column(Integer, nullable=True)
    outcome_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class Feedback(Base):
    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str | None] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True, nullable=True
    )
    turn_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    helpful: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str | None] = mapped_column(String(40), nullable=True)


class AuditEvent(Base):
    """Who did what, when. `detail` holds ids, counts and codes, never message text.

    `actor` is a staff key's id (see `tillit keys list`), or "citizen", "assistant", "cli", "system".
    `target` is cleared when what it names (a conversation, handoff reference or draft) is erased
    or purged: the event stays, but no longer points at a person."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(60), index=True)
    target: Mapped[str | None] = mapped_column(String(80), nullable=True, index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ApiKey(Base):
    """A staff/admin bearer key: only a salted SHA-256 of it is kept."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key_id: Mapped[str] = mapped_column(String(16), unique=True)  # public part, for lookup
    name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(10))
    salt: Mapped[str] = mapped_column(String(32))
    key_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
