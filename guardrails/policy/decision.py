"""The policy's verdict on one incoming (already redacted) message."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Action = Literal["answer", "handoff", "crisis", "refuse", "out_of_scope"]
Urgency = Literal["normal", "urgent"]


@dataclass
class ConversationState:
    """What the policy needs to know about the conversation so far (redacted text only)."""

    handed_off: bool = False
    unanswered_streak: int = 0  # consecutive turns that ended without a grounded answer
    language: str | None = None
    previous_user_messages: list[str] = field(default_factory=list)
    handoff_reference: str | None = None  # shown in the "a handläggare will answer" message


@dataclass(frozen=True)
class Decision:
    action: Action
    rule: str  # id of the rule that fired, e.g. "crisis.suicide"
    reason: str  # trigger class: human_request, crisis, case_specific, decision, complaint,
    # out_of_scope, injection, low_confidence, pii_shared, after_handoff, none
    message: str = ""  # user-facing text, office config already substituted
    queue: str | None = None
    urgency: Urgency = "normal"
    also_answer: bool = False  # e.g. legal question: explain the documented general rule, then hand off
    # the handoff's text when a general answer stands above it ("<message>_answered" in the catalogue)
    message_answered: str = ""
    notices: tuple[str, ...] = ()  # e.g. reminder not to send personnummer in chat
    prepare: tuple[str, ...] = ()  # what to have ready for the handläggare
    language: str = "sv"  # language of message, notices and prepare
    matched: str = ""  # the policy term(s) that fired, for `tillit policy check` and audits
    audit: bool = False  # log the attempt (redacted), e.g. prompt injection
