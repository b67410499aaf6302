"""The one gateway to the database: conversations, turns, handoffs, drafts, feedback, audit, keys, purge."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import threading
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import delete, func, select, update

from assistant.storage.database import Database
from assistant.storage.keys import (
    ApiKeyCreated,
    hash_token,
    new_api_key,
    new_conversation_token,
    split_api_key,
    tokens_match,
)
from assistant.storage.models import (
    ApiKey,
    AuditEvent,
    Conversation,
    Draft,
    Feedback,
    Handoff,
    Turn,
    utcnow,
)

log = logging.getLogger(__name__)

ROLES = ("staff", "admin")
HANDOFF_STATUSES = ("open", "claimed", "resolved", "released")
_REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud on the phone


class ConversationNotFound(LookupError):
    pass


class ConversationForbidden(PermissionError):
    pass


class HandoffNotFound(LookupError):
    pass


class HandoffConflict(ValueError):
    pass


class DraftNotFound(LookupError):
    pass


class DraftForbidden(PermissionError):
    """Only the staff key that asked for a draft records its outcome."""


class TurnNotFound(LookupError):
    """The turn id is not a turn of the conversation."""


class HandoffWithoutConversation(LookupError):
    """The handoff has no stored conversation (it was erased, purged or never kept)."""


class ApiKeyNotFound(LookupError):
    pass


@dataclass(frozen=True)
class ConversationView:
    """A detached snapshot of a conversation for the pipeline (no lazy loading outside a session)."""

    id: str
    language: str | None
    handed_off: bool
    unanswered_streak: int
    previous_user_messages: tuple[str, ...]
    previous_queries: tuple[str, ...] = ()  # of answered turns, after follow-up rewriting
    open_handoff_reference: str | None = None


@dataclass(frozen=True)
class TurnRecord:
    """One turn as it is stored (redacted text only), built once by the pipeline's record step."""

    conversation_id: str
    user_text: str  # redacted
    query_text: str  # redacted, after follow-up rewriting
    answer_text: str
    action: str
    rule: str
    reason: str
    language: str | None
    confidence: float
    composer: str
    citations: list[dict[str, Any]] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    # Not columns of the turn: they move the conversation's own state.
    answered: bool = False
    handed_off: bool | None = None  # None: unchanged


@dataclass(frozen=True)
class StaffIdentity:
    name: str
    role: str
    key_id: str

    def has_role(self, role: str) -> bool:
        return self.role == "admin" or self.role == role


@dataclass(frozen=True)
class ConversationRecord:
    """Everything stored about one conversation, detached from the session (a registry extract)."""

    conversation: Conversation
    turns: list[Turn]
    handoffs: list[Handoff]
    feedback: list[Feedback]


@dataclass(frozen=True)
class ApiKeyInfo:
    """A staff key as `tillit keys list` shows it: never the key or its hash."""

    key_id: str
    name: str
    role: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    expires_at: dt.datetime | None
    revoked_at: dt.datetime | None

    def status(self, now: dt.datetime | None = None) -> str:
        now = now or utcnow()
        if self.revoked_at is not None:
            return "återkallad"
        if self.expires_at is not None and self.expires_at <= now:
            return "utgången"
        return "aktiv"


@dataclass(frozen=True)
class PurgeReport:
    cutoff: dt.datetime
    conversations: int
    handoffs: int
    drafts: int
    feedback: int

    @property
    def total(self) -> int:
        return self.conversations + self.handoffs + self.drafts + self.feedback


@dataclass(frozen=True)
class HandoffEvent:
    """A handoff was made or became urgent: what alerts may pass on (never any message text)."""

    event: str  # "handoff.created" | "handoff.escalated"
    reference: str
    queue: str
    urgency: str


def new_reference() -> str:
    return "H-" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(6))


# last_used_at is written at most this often per key: a staff console polls, and every write
# takes SQLite's one writer.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)
_CHUNK = 500


def _chunks(values: list[str]) -> list[list[str]]:
    return [values[i : i + _CHUNK] for i in range(0, len(values), _CHUNK)]


def _forget_targets(s: Any, targets: list[str]) -> None:
    """Clear the target of every audit row that names one of `targets` (erased or purged records):
    the events stay, as who did what when, but they no longer lead to a person."""
    for chunk in _chunks([t for t in targets if t]):
        s.execute(
            update(AuditEvent)
            .where(AuditEvent.target.in_(chunk))
            .values(target=None)
            .execution_options(synchronize_session=False)
        )


class Store:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._pending: dict[str, tuple[str, str | None]] = {}
        self._pending_lock = threading.Lock()
        # Called after the commit of a new or escalated handoff (webhooks); errors are logged only.
        self.handoff_listeners: list[Callable[[HandoffEvent], None]] = []

    # -- conversations -------------------------------------------------------------------------
    def create_conversation(self, language: str | None = None, *, defer: bool = False) -> tuple[str, str]:
        """A new conversation id and its token (shown once). With `defer`, the row is written together
        with the conversation's first turn or handoff: one transaction per new chat instead of two."""
        token = new_conversation_token()
        conv_id = uuid.uuid4().hex
        if defer:
            with self._pending_lock:
                self._pending[conv_id] = (hash_token(token), language)
                while len(self._pending) > 10_000:  # turns that failed before recording
                    self._pending.pop(next(iter(self._pending)))
            return conv_id, token
        with self.db.session() as s:
            s.add(Conversation(id=conv_id, token_hash=hash_token(token), language=language))
        return conv_id, token

    def _conversation(self, s: Any, conv_id: str) -> Conversation | None:
        conv = s.get(Conversation, conv_id)
        if conv is None:
            with self._pending_lock:
                pending = self._pending.pop(conv_id, None)
            if pending is not None:
                conv = Conversation(id=conv_id, token_hash=pending[0], language=pending[1])
                s.add(conv)
                s.flush()
        return conv

    def open_conversation(self, conv_id: str, token: str | None, history: int = 3) -> ConversationView:
        """The conversation if the token matches; ConversationNotFound / ConversationForbidden otherwise."""
        with self.db.session() as s:
            conv = s.get(Conversation, conv_id)
            if conv is None:
                raise ConversationNotFound(conv_id)
            if not tokens_match(token, conv.token_hash):
                raise ConversationForbidden(conv_id)
            rows = s.execute(
                select(Turn.user_text, Turn.query_text, Turn.action)
                .where(Turn.conversation_id == conv_id)
                .order_by(Turn.id.desc())
                .limit(history)
            ).all()
            rows.reverse()
            reference = s.execute(
                select(Handoff.reference)
                .where(Handoff.conversation_id == conv_id, Handoff.status.in_(("open", "claimed")))
                .order_by(Handoff.id.desc())
                .limit(1)
            ).scalar_one_or_none()
            return ConversationView(
                id=conv.id,
                language=conv.language,
                handed_off=conv.handed_off,
                unanswered_streak=conv.unanswered_streak,
                previous_user_messages=tuple(r[0] for r in rows),
                previous_queries=tuple(r[1] or r[0] for r in rows if r[2] == "answer"),
                open_handoff_reference=reference,
            )

    def check_token(self, conv_id: str, token: str | None) -> None:
        with self.db.session() as s:
            conv = s.get(Conversation, conv_id)
            if conv is None:
                raise ConversationNotFound(conv_id)
            if not tokens_match(token, conv.token_hash):
                raise ConversationForbidden(conv_id)

    def record_turn(self, record: TurnRecord) -> int:
        """Store a turn and move its conversation's state on; the turn's id."""
        columns = asdict(record)
        answered, handed_off = columns.pop("answered"), columns.pop("handed_off")
        with self.db.session() as s:
            conv = self._conversation(s, record.conversation_id)
            if conv is None:
                raise ConversationNotFound(record.conversation_id)
            turn = Turn(**columns)
            s.add(turn)
            conv.last_active = utcnow()
            conv.language = record.language or conv.language
            conv.unanswered_streak = 0 if answered else conv.unanswered_streak + 1
            if handed_off is not None:
                conv.handed_off = handed_off
            s.flush()
            return turn.id

    def export_conversation(
        self, conv_id: str, token: str | None, actor: str = "citizen"
    ) -> ConversationRecord:
        """The stored (redacted) conversation for a registry extract; needs the conversation's token.
        The export is audited in the same transaction that reads it."""
        with self.db.session() as s:
            conv = s.get(Conversation, conv_id)
            if conv is None:
                raise ConversationNotFound(conv_id)
            if not tokens_match(token, conv.token_hash):
                raise ConversationForbidden(conv_id)
            return self._record(s, conv, actor)

    def export_by_reference(self, reference: str, actor: str) -> ConversationRecord:
        """The conversation a handoff reference belongs to (staff, CLI: the citizen has no token)."""
        with self.db.session() as s:
            return self._record(s, self._conversation_of(s, reference), actor)

    @staticmethod
    def _conversation_of(s: Any, reference: str) -> Conversation:
        handoff = s.execute(select(Handoff).where(Handoff.reference == reference)).scalar_one_or_none()
        if handoff is None:
            raise HandoffNotFound(reference)
        conv = s.get(Conversation, handoff.conversation_id) if handoff.conversation_id else None
        if conv is None:
            raise HandoffWithoutConversation(reference)
        return conv

    @staticmethod
    def _record(s: Any, conv: Conversation, actor: str) -> ConversationRecord:
        turns = list(
            s.execute(select(Turn).where(Turn.conversation_id == conv.id).order_by(Turn.id)).scalars()
        )
        handoffs = list(
            s.execute(
                select(Handoff).where(Handoff.conversation_id == conv.id).order_by(Handoff.id)
            ).scalars()
        )
        feedback = list(
            s.execute(
                select(Feedback).where(Feedback.conversation_id == conv.id).order_by(Feedback.id)
            ).scalars()
        )
        s.add(AuditEvent(actor=actor, action="conversation.exported", target=conv.id, detail={}))
        return ConversationRecord(conv, turns, handoffs, feedback)

    def erase_conversation(self, conv_id: str, token: str | None) -> None:
        with self.db.session() as s:
            conv = s.get(Conversation, conv_id)
            if conv is None:
                raise ConversationNotFound(conv_id)
            if not tokens_match(token, conv.token_hash):
                raise ConversationForbidden(conv_id)
            self._erase(s, conv, "citizen")

    def erase_by_reference(self, reference: str, actor: str) -> str:
        """Erase the conversation a handoff reference belongs to; returns its id (to drop its vault)."""
        with self.db.session() as s:
            conv = self._conversation_of(s, reference)
            self._erase(s, conv, actor)
            return conv.id

    @staticmethod
    def _erase(s: Any, conv: Conversation, actor: str) -> None:
        references = list(
            s.execute(select(Handoff.reference).where(Handoff.conversation_id == conv.id)).scalars()
        )
        turns = s.execute(
            select(func.count()).select_from(Turn).where(Turn.conversation_id == conv.id)
        ).scalar_one()
        s.delete(conv)
        s.flush()
        _forget_targets(s, [conv.id, *references])
        s.add(
            AuditEvent(
                actor=actor,
                action="conversation.erased",
                target=None,
                detail={"turns": turns, "handoffs": len(references)},
            )
        )

    # -- handoffs -----------------------------------------------------------------------------
    def create_handoff(
        self,
        conv_id: str | None,
        *,
        reason: str,
        rule: str,
        queue: str,
        urgency: str,
        language: str | None,
        summary: str,
        citations: list[dict[str, Any]],
        prepare: list[str],
    ) -> str:
        with self.db.session() as s:
            if conv_id is not None:
                self._conversation(s, conv_id)
            reference = new_reference()
            while s.execute(select(Handoff.id).where(Handoff.reference == reference)).first():
                reference = new_reference()
            s.add(
                Handoff(
                    reference=reference,
                    conversation_id=conv_id,
                    reason=reason,
                    rule=rule,
                    queue=queue,
                    urgency=urgency,
                    language=language,
                    summary=summary,
                    citations=citations,
                    prepare=prepare,
                )
            )
            if conv_id is not None:
                conv = s.get(Conversation, conv_id)
                if conv is not None:
                    conv.handed_off = True
            s.add(
                AuditEvent(
                    actor="assistant",
                    action="handoff.created",
                    target=reference,
                    detail={"reason": reason, "queue": queue, "urgency": urgency},
                )
            )
        self._announce(HandoffEvent("handoff.created", reference, queue, urgency))
        return reference

    def escalate_handoff(self, reference: str, urgency: str) -> None:
        escalated = None
        with self.db.session() as s:
            handoff = s.execute(select(Handoff).where(Handoff.reference == reference)).scalar_one_or_none()
            if handoff is not None and urgency == "urgent":
                if handoff.urgency != "urgent":
                    escalated = HandoffEvent("handoff.escalated", reference, handoff.queue, "urgent")
                handoff.urgency = "urgent"
                handoff.updated_at = utcnow()
        if escalated is not None:
            self._announce(escalated)

    def _announce(self, event: HandoffEvent) -> None:
        for listener in list(self.handoff_listeners):
            try:
                listener(event)
            except Exception:  # an alert must never fail the turn that made the handoff
                log.warning("handoff listener failed", exc_info=True)

    def list_handoffs(
        self, status: str | None = None, queue: str | None = None, limit: int = 200
    ) -> list[Handoff]:
        with self.db.session() as s:
            query = select(Handoff).order_by(Handoff.urgency.desc(), Handoff.created_at).limit(limit)
            if status:
                query = query.where(Handoff.status == status)
            if queue:
                query = query.where(Handoff.queue == queue)
            return list(s.execute(query).scalars())

    @staticmethod
    def _find_handoff(s, key: str) -> Handoff:  # type: ignore[no-untyped-def]
        handoff = s.execute(select(Handoff).where(Handoff.reference == key)).scalar_one_or_none()
        if handoff is None and key.isdigit():
            handoff = s.get(Handoff, int(key))
        if handoff is None:
            raise HandoffNotFound(key)
        return handoff

    def transition_handoff(self, key: str, action: str, staff: str, staff_name: str | None = None) -> Handoff:
        """claim: open->claimed; resolve: ->resolved; release: ->released (the bot may answer again).

        `staff` (a key id) is the audit actor; `staff_name` is shown as who claimed it."""
        allowed = {
            "claim": ("open",),
            "resolve": ("open", "claimed"),
            "release": ("open", "claimed", "resolved"),
        }
        target = {"claim": "claimed", "resolve": "resolved", "release": "released"}[action]
        with self.db.session() as s:
            handoff = self._find_handoff(s, key)
            if handoff.status not in allowed[action]:
                raise HandoffConflict(handoff.status)
            handoff.status = target
            handoff.updated_at = utcnow()
            if action == "claim":
                handoff.claimed_by = (staff_name or staff)[:80]
            if action == "release" and handoff.conversation_id:
                conv = s.get(Conversation, handoff.conversation_id)
                if conv is not None:
                    conv.handed_off = False
                    conv.unanswered_streak = 0
            s.add(AuditEvent(actor=staff, action=f"handoff.{action}", target=handoff.reference, detail={}))
            s.flush()
            return handoff

    # -- drafts -------------------------------------------------------------------------------
    def save_draft(
        self,
        *,
        staff: str,
        input_text: str,
        draft_text: str,
        questions: list[str],
        citations: list[dict[str, Any]],
    ) -> str:
        draft_id = uuid.uuid4().hex
        with self.db.session() as s:
            s.add(
                Draft(
                    id=draft_id,
                    staff=staff,
                    input_text=input_text,
                    draft_text=draft_text,
                    questions=questions,
                    citations=citations,
                )
            )
            s.add(
                AuditEvent(
                    actor=staff, action="draft.created", target=draft_id, detail={"questions": len(questions)}
                )
            )
        return draft_id

    def get_draft(self, draft_id: str) -> Draft:
        with self.db.session() as s:
            draft = s.get(Draft, draft_id)
            if draft is None:
                raise DraftNotFound(draft_id)
            return draft

    def set_draft_outcome(self, draft_id: str, outcome: str, edit_distance: int | None, staff: str) -> Draft:
        """Record the outcome; only `staff` who asked for the draft may (DraftForbidden otherwise)."""
        with self.db.session() as s:
            draft = s.get(Draft, draft_id)
            if draft is None:
                raise DraftNotFound(draft_id)
            if draft.staff != staff:
                raise DraftForbidden(draft_id)
            draft.outcome = outcome
            draft.edit_distance = edit_distance
            draft.outcome_at = utcnow()
            s.add(
                AuditEvent(
                    actor=staff,
                    action="draft.outcome",
                    target=draft_id,
                    detail={"outcome": outcome, "edit_distance": edit_distance},
                )
            )
            return draft

    # -- feedback and audit -------------------------------------------------------------------
    def add_feedback(
        self, conv_id: str | None, helpful: bool, reason: str | None, turn_id: int | None = None
    ) -> None:
        """Feedback on a conversation; a `turn_id` must be one of that conversation's turns."""
        with self.db.session() as s:
            if turn_id is not None:
                found = s.execute(
                    select(Turn.id).where(Turn.id == turn_id, Turn.conversation_id == conv_id)
                ).first()
                if found is None:
                    raise TurnNotFound(turn_id)
            s.add(Feedback(conversation_id=conv_id, helpful=helpful, reason=reason, turn_id=turn_id))

    def audit(
        self, actor: str, action: str, target: str | None = None, detail: dict[str, Any] | None = None
    ) -> None:
        with self.db.session() as s:
            s.add(AuditEvent(actor=actor, action=action, target=target, detail=detail or {}))

    def audit_events(self, action: str | None = None, limit: int = 500) -> list[AuditEvent]:
        with self.db.session() as s:
            query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
            if action:
                query = query.where(AuditEvent.action == action)
            return list(s.execute(query).scalars())

    # -- API keys -----------------------------------------------------------------------------
    def add_api_key(
        self, role: str, name: str, expires_at: dt.datetime | None = None, actor: str = "cli"
    ) -> ApiKeyCreated:
        if role not in ROLES:
            raise ValueError(role)
        key, key_id, _secret = new_api_key()
        salt = secrets.token_hex(16)
        with self.db.session() as s:
            s.add(
                ApiKey(
                    key_id=key_id,
                    name=name,
                    role=role,
                    salt=salt,
                    key_hash=hash_token(key, salt),
                    expires_at=expires_at,
                )
            )
            detail: dict[str, Any] = {"role": role}
            if expires_at is not None:
                detail["expires_at"] = expires_at.isoformat(timespec="seconds")
            s.add(AuditEvent(actor=actor, action="api_key.created", target=key_id, detail=detail))
        return ApiKeyCreated(key=key, key_id=key_id, name=name, role=role)

    def list_api_keys(self) -> list[ApiKeyInfo]:
        with self.db.session() as s:
            rows = s.execute(select(ApiKey).order_by(ApiKey.id)).scalars()
            return [
                ApiKeyInfo(
                    key_id=r.key_id,
                    name=r.name,
                    role=r.role,
                    created_at=r.created_at,
                    last_used_at=r.last_used_at,
                    expires_at=r.expires_at,
                    revoked_at=r.revoked_at,
                )
                for r in rows
            ]

    def revoke_api_key(self, key_id: str, actor: str = "cli") -> bool:
        """Revoke a key by its id; False when it was already revoked, ApiKeyNotFound when unknown."""
        with self.db.session() as s:
            row = s.execute(select(ApiKey).where(ApiKey.key_id == key_id)).scalar_one_or_none()
            if row is None:
                raise ApiKeyNotFound(key_id)
            if row.revoked_at is not None:
                return False
            row.revoked_at = utcnow()
            s.add(AuditEvent(actor=actor, action="api_key.revoked", target=key_id, detail={}))
            return True

    def verify_api_key(self, key: str | None) -> StaffIdentity | None:
        """The key's holder, if the key is known, not revoked and not expired; notes its last use."""
        if not key:
            return None
        parts = split_api_key(key)
        # A fixed dummy comparison keeps the timing of unknown and wrong keys alike.
        if parts is None:
            tokens_match(key, "0" * 64, "x")
            return None
        now = utcnow()
        with self.db.session() as s:
            row = s.execute(select(ApiKey).where(ApiKey.key_id == parts[0])).scalar_one_or_none()
            if row is None or row.revoked_at is not None:
                tokens_match(key, "0" * 64, "x")
                return None
            if not tokens_match(key, row.key_hash, row.salt):
                return None
            if row.expires_at is not None and row.expires_at <= now:
                return None
            if row.last_used_at is None or now - row.last_used_at >= LAST_USED_RESOLUTION:
                row.last_used_at = now
            return StaffIdentity(name=row.name, role=row.role, key_id=row.key_id)

    # -- retention ----------------------------------------------------------------------------
    def purge(self, older_than: dt.timedelta, actor: str = "system") -> PurgeReport:
        """Delete what is older than `older_than` and clear the audit rows' links to it."""
        cutoff = utcnow() - older_than
        with self.db.session() as s:
            old = select(Conversation.id).where(Conversation.last_active < cutoff)
            old_ids = list(s.execute(old).scalars())
            stale_handoffs = (Handoff.conversation_id.in_(old)) | (
                Handoff.conversation_id.is_(None) & (Handoff.updated_at < cutoff)
            )
            references = list(s.execute(select(Handoff.reference).where(stale_handoffs)).scalars())
            draft_ids = list(s.execute(select(Draft.id).where(Draft.created_at < cutoff)).scalars())
            handoffs = s.execute(delete(Handoff).where(stale_handoffs)).rowcount or 0
            feedback = (
                s.execute(
                    delete(Feedback).where((Feedback.created_at < cutoff) | Feedback.conversation_id.in_(old))
                ).rowcount
                or 0
            )
            s.execute(delete(Turn).where(Turn.conversation_id.in_(old)))
            conversations = (
                s.execute(delete(Conversation).where(Conversation.last_active < cutoff)).rowcount or 0
            )
            drafts = s.execute(delete(Draft).where(Draft.created_at < cutoff)).rowcount or 0
            _forget_targets(s, [*old_ids, *references, *draft_ids])
            report = PurgeReport(cutoff, conversations, handoffs, drafts, feedback)
            s.add(
                AuditEvent(
                    actor=actor,
                    action="retention.purge",
                    detail={
                        "conversations": conversations,
                        "handoffs": handoffs,
                        "drafts": drafts,
                        "feedback": feedback,
                    },
                )
            )
            return report

    def counts(self) -> dict[str, int]:
        with self.db.session() as s:
            return {
                model.__tablename__: s.execute(select(func.count()).select_from(model)).scalar_one()
                for model in (Conversation, Turn, Handoff, Draft, Feedback, AuditEvent, ApiKey)
            }
