"""One chat turn through the stages, with the decisions between them (the pipeline's control flow)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assistant.composers.base import ComposedAnswer, Composer, ComposeRequest
from assistant.pipeline import followups, metrics, texts
from assistant.pipeline.replies import ChatReply, Citation, HandoffOut
from assistant.pipeline.stages import (
    CheckOut,
    CheckStage,
    ComposeStage,
    HandoffRecord,
    LanguageStage,
    PolicyStage,
    RecordStage,
    RedactStage,
    RetrieveStage,
    TurnRecord,
    citation_dicts,
)
from assistant.pipeline.trace import Trace
from assistant.storage import DatabaseUnavailable, Store
from assistant.storage.store import ConversationView
from guardrails import OfficeConfig, Vault, VaultStore
from guardrails.policy.decision import ConversationState, Decision
from knowledge import KnowledgeIndex

log = logging.getLogger("assistant.pipeline")

SUMMARY_CHARS = 1200
# Below this confidence an answer in another language is compared with the Swedish one.
SECOND_OPINION = 0.5


@dataclass
class TurnResult:
    reply: ChatReply
    trace: Trace


@dataclass
class _Answer:
    composed: ComposedAnswer | None
    check: CheckOut | None
    language: str
    note: str | None = None

    @property
    def citations(self) -> list[dict[str, Any]]:
        return citation_dicts(self.composed.cited) if self.composed else []

    def reply_fields(self) -> tuple[str, list[dict[str, Any]], float, str, str]:
        """(text, citations, confidence, composer, language) for the reply of an accepted answer."""
        assert self.composed is not None
        c = self.composed
        return c.text, self.citations, c.confidence, c.composer, self.language


class ChatPipeline:
    def __init__(
        self,
        *,
        index: KnowledgeIndex,
        store: Store,
        office: OfficeConfig,
        policy: Any,
        assess: Callable[..., Decision],
        composer: Composer,
        extractive: Composer,
        detect_language: Callable[[str], str],
        check_embed: Any | None = None,
        k: int = 5,
        min_confidence: float = 0.3,
        vaults: VaultStore | None = None,
    ) -> None:
        self.store = store
        self.office = office
        self.min_confidence = min_confidence
        self.vaults = vaults or VaultStore()
        self.redact = RedactStage(office)
        self.detect = LanguageStage(detect_language)
        self.policy = PolicyStage(policy, assess)
        self.retrieve = RetrieveStage(index, k=k)
        self.compose = ComposeStage(composer)
        self.fallback = ComposeStage(extractive) if composer is not extractive else None
        self.check = CheckStage(office, check_embed)
        self.record = RecordStage(store)
        self._languages: tuple[str, set[str]] | None = None

    # -- helpers ---------------------------------------------------------------------------------
    def served_languages(self) -> set[str]:
        index = self.retrieve.index
        version = index.version
        if self._languages is None or self._languages[0] != version:
            self._languages = (version, self.retrieve.languages())
        return self._languages[1]

    def _compose_checked(
        self, trace: Trace, question: str, query: str, language: str, history: tuple[str, ...], asker: str
    ) -> tuple[ComposedAnswer | None, CheckOut | None]:
        with trace.stage("retrieve") as note:
            found = self.retrieve.run(query, language)
            note["passages"] = [p.id for p in found.passages]
            note["language"] = language
        if not found.passages:
            return None, None
        request = ComposeRequest(
            question,
            query,
            found.passages,
            language,
            history,
            asker_language=asker,
            query_vector=found.query_vector,
        )
        with trace.stage("compose") as note:
            composed = self.compose.run(request)
            note.update(composer=composed.composer, confidence=composed.confidence)
            if composed.fallback_reason:
                note["fallback"] = composed.fallback_reason
        with trace.stage("check") as note:
            check = self.check.run(composed)
            note.update(ok=check.ok, reasons=list(check.reasons))
        if not check.ok and self.fallback is not None and composed.composer != "extractive":
            metrics.ANSWERS.labels(composer=composed.composer, outcome="rejected").inc()
            with trace.stage("compose") as note:
                composed = self.fallback.run(request)
                composed.fallback_reason = "check_failed"
                note.update(composer=composed.composer, fallback="check_failed")
            with trace.stage("check") as note:
                check = self.check.run(composed)
                note.update(ok=check.ok, reasons=list(check.reasons))
        return composed, check

    def acceptable(self, composed: ComposedAnswer | None, check: CheckOut | None) -> bool:
        return (
            composed is not None
            and not composed.empty
            and check is not None
            and check.ok
            and composed.confidence >= self.min_confidence
        )

    def answer(
        self, trace: Trace, question: str, query: str, language: str, history: tuple[str, ...]
    ) -> _Answer:
        """Answer in the asker's language when an approved text in it answers; otherwise in Swedish."""
        served = self.served_languages()
        primary = language if language in served else "sv"
        composed, check = self._compose_checked(trace, question, query, primary, history, language)
        result = _Answer(composed, check, primary)
        weak = not self.acceptable(composed, check) or (
            composed is not None and composed.confidence < SECOND_OPINION
        )
        if primary != "sv" and weak:
            # Few texts exist in other languages: a Swedish text may answer what they do not.
            sv_composed, sv_check = self._compose_checked(trace, question, query, "sv", history, language)
            own = composed.confidence if composed is not None and self.acceptable(composed, check) else 0.0
            if (
                self.acceptable(sv_composed, sv_check)
                and sv_composed is not None
                and sv_composed.confidence > own + 0.1
            ):
                result = _Answer(sv_composed, sv_check, "sv")
        if (
            result.language != language
            and language != "sv"
            and self.acceptable(result.composed, result.check)
        ):
            result.note = texts.swedish_only_note(language)
        return result

    def _answer_followup(
        self, trace: Trace, text: str, view: ConversationView, language: str
    ) -> tuple[str, _Answer]:
        """The query (a follow-up rewritten with the conversation's earlier questions) and its answer."""
        query = followups.rewrite(text, view.previous_queries)
        trace.query = query
        return query, self.answer(trace, text, query, language, view.previous_queries)

    def _summary(self, view: ConversationView, redacted: str) -> str:
        lines = [f"- {m}" for m in (*view.previous_user_messages, redacted)]
        summary = "Personens meddelanden (maskade):\n" + "\n".join(lines)
        return summary[-SUMMARY_CHARS:]

    def _handoff(
        self,
        trace: Trace,
        view: ConversationView,
        redacted: str,
        *,
        reason: str,
        rule: str,
        queue: str | None,
        urgency: str,
        language: str,
        message: str,
        citations: list[dict[str, Any]],
        prepare: tuple[str, ...] = (),
    ) -> HandoffOut:
        with trace.stage("record") as note:
            reference = self.record.handoff(
                view.id,
                HandoffRecord(
                    reason=reason,
                    rule=rule,
                    queue=queue or "allmant",
                    urgency=urgency,
                    language=language,
                    summary=self._summary(view, redacted),
                    citations=citations,
                    prepare=list(prepare),
                ),
            )
            note["handoff"] = reason
        metrics.HANDOFFS.labels(reason=reason, urgency=urgency).inc()
        line = texts.reference_line(language, reference)
        full = message if reference in message else f"{message} {line}".strip()
        return HandoffOut(
            reason=reason, queue=queue or "allmant", urgency=urgency, reference=reference, message=full
        )

    def _crisis_handoff(
        self, trace: Trace, view: ConversationView, redacted: str, decision: Decision, language: str
    ) -> HandoffOut | None:
        """The urgent handoff of a crisis; None when the database is down (the help text still goes out)."""
        try:
            return self._handoff(
                trace,
                view,
                redacted,
                reason=decision.reason or "crisis",
                rule=decision.rule,
                queue=decision.queue,
                urgency="urgent",
                language=language,
                message="",
                citations=[],
                prepare=decision.prepare,
            )
        except DatabaseUnavailable:
            log.warning("crisis answered without a handoff: database unavailable")
            return None

    # -- the turn --------------------------------------------------------------------------------
    def run(
        self,
        message: str,
        conversation_id: str | None = None,
        token: str | None = None,
        language: str | None = None,
    ) -> TurnResult:
        started = time.perf_counter()
        trace = Trace()
        db_down = False
        with trace.stage("conversation"):
            try:
                if conversation_id:
                    view = self.store.open_conversation(conversation_id, token)
                else:
                    new_id, token = self.store.create_conversation(language, defer=True)
                    view = ConversationView(new_id, language, False, 0, ())
            except DatabaseUnavailable:
                if conversation_id is None:
                    token = ""
                view = ConversationView(conversation_id or "", language, False, 0, ())
                db_down = True
        vault: Vault | None = None if db_down else self.vaults.get(view.id)

        with trace.stage("redact") as note:
            redacted = self.redact.run(message, vault, language)
            note["entities"] = sorted(set(redacted.entity_types))
        trace.redacted_text = redacted.text
        with trace.stage("language") as note:
            lang = self.detect.run(redacted.text, language, view.language)
            note["language"] = lang
        state = ConversationState(
            handed_off=view.handed_off,
            unanswered_streak=view.unanswered_streak,
            language=lang,
            previous_user_messages=list(view.previous_user_messages),
            handoff_reference=view.open_handoff_reference,
        )
        with trace.stage("policy") as note:
            decision = self.policy.run(redacted.text, state, lang)
            note.update(action=decision.action, rule=decision.rule)
        if getattr(decision, "audit", False) and not db_down:
            self.store.audit(
                "citizen", "policy.flagged", view.id, {"rule": decision.rule, "reason": decision.reason}
            )

        if db_down and decision.action != "crisis":
            raise DatabaseUnavailable("database unavailable")

        notices = list(decision.notices)
        handoff: HandoffOut | None = None
        answer_text = ""
        citations: list[dict[str, Any]] = []
        confidence = 0.0
        composer = ""
        answered = False
        # Policy texts come in the asker's language when the policy has it; answers set their own.
        reply_language = getattr(decision, "language", None) or (lang if lang in ("sv", "en") else "sv")
        action, rule, reason = decision.action, decision.rule, decision.reason
        query = redacted.text

        if decision.action == "crisis":
            # Crisis first, always: what to do now, and an urgent handoff (reusing an open one).
            answer_text = decision.message
            if db_down:
                handoff = None
            elif view.handed_off and view.open_handoff_reference:
                self.store.escalate_handoff(view.open_handoff_reference, "urgent")
                handoff = HandoffOut(
                    reason=decision.reason,
                    queue=decision.queue or "allmant",
                    urgency="urgent",
                    reference=view.open_handoff_reference,
                    message=texts.reference_line(reply_language, view.open_handoff_reference),
                )
            else:
                handoff = self._crisis_handoff(trace, view, redacted.text, decision, lang)
                db_down = handoff is None
            if handoff is not None:
                answer_text = f"{answer_text}\n\n{handoff.message}".strip()
            answered = True
        elif view.handed_off:
            # After a handoff the bot stays silent on content until staff release the conversation.
            action, reason = "handoff", "after_handoff"
            if decision.reason == "after_handoff" and decision.message:
                rule = decision.rule
                answer_text = decision.message
            else:
                answer_text = texts.waiting_for_staff(
                    self.office, reply_language, view.open_handoff_reference
                )
            if view.open_handoff_reference:
                handoff = HandoffOut(
                    reason="after_handoff",
                    queue="allmant",
                    urgency="normal",
                    reference=view.open_handoff_reference,
                    message=answer_text,
                )
            answered = True
        elif decision.action == "handoff":
            if decision.also_answer:
                query, result = self._answer_followup(trace, redacted.text, view, lang)
                if self.acceptable(result.composed, result.check):
                    answer_text, citations, confidence, composer, reply_language = result.reply_fields()
            handoff = self._handoff(
                trace,
                view,
                redacted.text,
                reason=decision.reason,
                rule=decision.rule,
                queue=decision.queue,
                urgency=decision.urgency,
                language=lang,
                message=decision.message,
                citations=citations,
                prepare=decision.prepare,
            )
            answer_text = f"{answer_text}\n\n{handoff.message}".strip()
            answered = True
        elif decision.action in ("refuse", "out_of_scope"):
            answer_text = decision.message
            answered = decision.action == "out_of_scope"
        elif texts.asks_for_interpreter(redacted.text):
            action, rule, reason = "handoff", "language.interpreter", "interpreter"
            handoff = self._handoff(
                trace,
                view,
                redacted.text,
                reason="interpreter",
                rule=rule,
                queue="allmant",
                urgency="normal",
                language=lang,
                message=texts.interpreter_handoff(self.office, reply_language),
                citations=[],
            )
            answer_text = handoff.message
            answered = True
        else:
            query, result = self._answer_followup(trace, redacted.text, view, lang)
            if self.acceptable(result.composed, result.check):
                answer_text, citations, confidence, composer, reply_language = result.reply_fields()
                answered = True
                if result.note:
                    notices.insert(0, result.note)
                metrics.ANSWERS.labels(composer=composer, outcome="answered").inc()
            else:
                reason, rule = "low_confidence", "pipeline.low_confidence"
                if result.composed is not None:
                    confidence = result.composed.confidence
                metrics.ANSWERS.labels(
                    composer=result.composed.composer if result.composed else "none", outcome="no_answer"
                ).inc()
                if view.unanswered_streak + 1 >= 2:
                    action = "handoff"
                    handoff = self._handoff(
                        trace,
                        view,
                        redacted.text,
                        reason="low_confidence",
                        rule=rule,
                        queue="allmant",
                        urgency="normal",
                        language=lang,
                        message=texts.low_confidence_handoff(self.office, reply_language),
                        citations=[],
                    )
                    answer_text = handoff.message
                else:
                    answer_text = texts.dont_know(self.office, reply_language)
                    if lang not in ("sv", "en"):
                        notices.insert(0, texts.tolk_offer(lang))

        turn_id: int | None = None
        if not db_down:
            with trace.stage("record"):
                turn_id = self.record.run(
                    TurnRecord(
                        conversation_id=view.id,
                        user_text=redacted.text,
                        query_text=query,
                        answer_text=answer_text,
                        action=action,
                        rule=rule,
                        reason=reason,
                        language=lang,
                        confidence=confidence,
                        composer=composer,
                        citations=citations,
                        timings_ms=trace.timings_ms,
                        answered=answered,
                    )
                )
        elapsed = time.perf_counter() - started
        metrics.TURN_SECONDS.labels(action=action).observe(elapsed)
        log.info(
            "turn conversation=%s action=%s rule=%s language=%s citations=%d ms=%.1f stages=%s",
            view.id[:8],
            action,
            rule,
            lang,
            len(citations),
            elapsed * 1000,
            trace.timings_ms,
        )
        log.debug("turn redacted=%r query=%r", redacted.text, query)
        reply = ChatReply(
            conversation_id=view.id,
            conversation_token=token or "",
            answer=answer_text,
            citations=[Citation(**c) for c in citations],
            handoff=handoff,
            language=reply_language,
            confidence=max(0.0, min(1.0, confidence)),
            disclosure=texts.disclosure(self.office, reply_language),
            notices=notices,
            turn_id=turn_id,
        )
        return TurnResult(reply, trace)
