"""One chat turn through the stages, with the decisions between them (the pipeline's control flow)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from assistant import metrics
from assistant.composers.base import ComposedAnswer, Composer, ComposeRequest
from assistant.pipeline import followups
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
    citation_dicts,
)
from assistant.pipeline.trace import Trace
from assistant.pipeline.years import other_years
from assistant.storage import DatabaseUnavailable, Store, TurnRecord
from assistant.storage.store import ConversationView
from guardrails import OfficeConfig, Vault, VaultStore
from guardrails.policy import Policy, assess_unanswered
from guardrails.policy.decision import ConversationState, Decision
from knowledge import KnowledgeIndex

if TYPE_CHECKING:
    from assistant.pipeline.safety_opinion import SafetyOpinion

log = logging.getLogger("assistant.pipeline")

SUMMARY_CHARS = 1200
# Below this confidence an answer in another language is compared with the Swedish one.
SECOND_OPINION = 0.5


@dataclass
class TurnResult:
    reply: ChatReply
    trace: Trace


@dataclass
class Answer:
    """One try at answering: what was composed, its check, and the language it is in."""

    composed: ComposedAnswer | None
    check: CheckOut | None
    language: str
    notes: list[str] = field(default_factory=list)  # shown beside the answer, in the asker's language

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
        policy: Policy,
        assess: Callable[..., Decision],
        composer: Composer,
        extractive: Composer,
        detect_language: Callable[[str], str],
        check_embed: Any | None = None,
        k: int = 5,
        min_confidence: float = 0.3,
        vaults: VaultStore | None = None,
        safety: SafetyOpinion | None = None,
    ) -> None:
        self.store = store
        self.office = office
        self.min_confidence = min_confidence
        self.vaults = vaults or VaultStore()
        self.redact = RedactStage(office)
        self.detect = LanguageStage(detect_language)
        self.retrieve = RetrieveStage(index, k=k)
        self.policy = PolicyStage(
            policy, assess, embedder=lambda: index.embedder, vectors=self.retrieve.vectors, safety=safety
        )
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
    ) -> Answer:
        """Answer in the asker's language when an approved text in it answers; otherwise in Swedish."""
        served = self.served_languages()
        primary = language if language in served else "sv"
        composed, check = self._compose_checked(trace, question, query, primary, history, language)
        result = Answer(composed, check, primary)
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
                result = Answer(sv_composed, sv_check, "sv")
        if (
            result.language != language
            and language != "sv"
            and self.acceptable(result.composed, result.check)
        ):
            result.notes.append(self._text("swedish_only_note", language))
        if self.acceptable(result.composed, result.check) and result.composed is not None:
            composed = result.composed
            said = [composed.text, *(f"{p.title} {p.section}" for p in composed.cited)]
            mismatch = other_years(question, said)
            if mismatch is not None:
                asked, stated = mismatch
                note = self._text("other_year_note", language).replace("{asked}", ", ".join(asked))
                result.notes.append(note.replace("{stated}", ", ".join(stated)))
        return result

    def _answer_followup(
        self, trace: Trace, text: str, view: ConversationView, language: str
    ) -> tuple[str, Answer]:
        """The query (a follow-up rewritten with the conversation's earlier questions) and its answer."""
        query = followups.rewrite(text, view.previous_queries)
        trace.query = query
        return query, self.answer(trace, text, query, language, view.previous_queries)

    def _summary(self, view: ConversationView, redacted: str) -> str:
        lines = [f"- {m}" for m in (*view.previous_user_messages, redacted)]
        summary = "Personens meddelanden (maskade):\n" + "\n".join(lines)
        return summary[-SUMMARY_CHARS:]

    def _text(self, key: str, language: str) -> str:
        return self.policy.policy.text(key, language)

    def _handoff(
        self,
        trace: Trace,
        view: ConversationView,
        redacted: str,
        decision: Decision,
        language: str,
        citations: list[dict[str, Any]],
        urgency: str | None = None,
    ) -> HandoffOut:
        """Record the handoff the decision asks for; its message ends with the reference."""
        queue = decision.queue or "allmant"
        urgency = urgency or decision.urgency
        with trace.stage("record") as note:
            reference = self.record.handoff(
                view.id,
                HandoffRecord(
                    reason=decision.reason,
                    rule=decision.rule,
                    queue=queue,
                    urgency=urgency,
                    language=language,
                    summary=self._summary(view, redacted),
                    citations=citations,
                    prepare=list(decision.prepare),
                ),
            )
            note["handoff"] = decision.reason
        metrics.HANDOFFS.labels(reason=decision.reason, urgency=urgency).inc()
        line = self._text("reference_line", language).replace("{reference}", reference)
        message = decision.message if decision.action != "crisis" else ""
        full = message if reference in message else f"{message} {line}".strip()
        return HandoffOut(
            reason=decision.reason, queue=queue, urgency=urgency, reference=reference, message=full
        )

    # -- the turn: open, decide, carry out, record -----------------------------------------------
    def run(
        self,
        message: str,
        conversation_id: str | None = None,
        token: str | None = None,
        language: str | None = None,
    ) -> TurnResult:
        started = time.perf_counter()
        trace = Trace()
        view, token, db_down = self._open(trace, conversation_id, token, language)
        vault: Vault | None = None if db_down else self.vaults.get(view.id)
        with trace.stage("redact") as note:
            redacted = self.redact.run(message, vault, language)
            note["entities"] = sorted(set(redacted.entity_types))
        trace.redacted_text = redacted.text
        with trace.stage("language") as note:
            lang = self.detect.run(redacted.text, language, view.language)
            note["language"] = lang
        decision = self._decide(trace, view, redacted.text, lang)
        if decision.audit and not db_down:
            self.store.audit(
                "citizen", "policy.flagged", view.id, {"rule": decision.rule, "reason": decision.reason}
            )
        if db_down and decision.action != "crisis":
            raise DatabaseUnavailable("database unavailable")
        out = self._carry_out(trace, view, redacted.text, lang, decision, db_down)
        turn_id = None if out.db_down else self._record(trace, view, redacted.text, lang, out)
        elapsed = time.perf_counter() - started
        metrics.TURN_SECONDS.labels(action=out.action).observe(elapsed)
        log.info(
            "turn conversation=%s action=%s rule=%s language=%s citations=%d ms=%.1f stages=%s",
            view.id[:8],
            out.action,
            out.rule,
            lang,
            len(out.citations),
            elapsed * 1000,
            trace.timings_ms,
        )
        log.debug("turn redacted=%r query=%r", redacted.text, out.query)
        reply = ChatReply(
            conversation_id=view.id,
            conversation_token=token or "",
            answer=out.text,
            citations=[Citation(**c) for c in out.citations],
            handoff=out.handoff,
            language=out.language,
            confidence=max(0.0, min(1.0, out.confidence)),
            disclosure=self._text("disclosure", out.language),
            notices=out.notices,
            turn_id=turn_id,
        )
        return TurnResult(reply, trace)

    def _open(
        self, trace: Trace, conversation_id: str | None, token: str | None, language: str | None
    ) -> tuple[ConversationView, str | None, bool]:
        """The conversation (a new one is written with the first turn); db_down when unreachable."""
        with trace.stage("conversation"):
            try:
                if conversation_id:
                    return self.store.open_conversation(conversation_id, token), token, False
                new_id, token = self.store.create_conversation(language, defer=True)
                return ConversationView(new_id, language, False, 0, ()), token, False
            except DatabaseUnavailable:
                token = token if conversation_id else ""
                return ConversationView(conversation_id or "", language, False, 0, ()), token, True

    def _decide(self, trace: Trace, view: ConversationView, redacted: str, lang: str) -> Decision:
        state = ConversationState(
            handed_off=view.handed_off,
            unanswered_streak=view.unanswered_streak,
            language=lang,
            previous_user_messages=list(view.previous_user_messages),
            handoff_reference=view.open_handoff_reference,
        )
        with trace.stage("embed"):
            # The same text retrieval will search, so its vector is embedded once for both.
            vectors = self.policy.vectors_for(self.retrieve.normalised(redacted, lang))
        with trace.stage("policy") as note:
            decision = self.policy.run(redacted, state, lang, vectors)
            note.update(action=decision.action, rule=decision.rule, matched=decision.matched)
        if self.policy.safety is not None:
            # A second opinion beside the rules and examples: it may escalate, never soften.
            with trace.stage("safety_model") as note:
                decision, opinion = self.policy.second_opinion(redacted, decision, state)
                if opinion is not None:
                    note.update(outcome=opinion.outcome, label=opinion.label)
                note.update(action=decision.action, rule=decision.rule, matched=decision.matched)
        return decision

    def _carry_out(
        self,
        trace: Trace,
        view: ConversationView,
        redacted: str,
        lang: str,
        decision: Decision,
        db_down: bool,
    ) -> _Outcome:
        """Do what the policy decided; the only choice made here is whether an answer was found."""
        out = _Outcome.of(decision, redacted, db_down)
        if decision.action == "crisis":
            # Crisis first, always: what to do now, and an urgent handoff (reusing an open one). A
            # crisis kind the office's pages help with (its rule has also_answer: money taken,
            # neglect, no food or heat) also gets their answer to the question asked, below the
            # crisis text: an ordinary question read as a crisis is then still answered.
            answer = ""
            if decision.also_answer:
                out.query, result = self._answer_followup(trace, redacted, view, lang)
                if self.acceptable(result.composed, result.check):
                    out.take_answer(result)
                    answer = out.text
            out.handoff = None if db_down else self._crisis_handoff(trace, view, redacted, decision, lang)
            out.db_down = db_down or out.handoff is None
            parts = (decision.message, answer, out.handoff.message if out.handoff else "")
            out.text = "\n\n".join(part.strip() for part in parts if part.strip())
            out.answered = True
        elif decision.action == "handoff" and decision.reason == "after_handoff":
            # After a handoff the bot stays silent on content until staff release the conversation.
            out.text = decision.message
            reference = view.open_handoff_reference
            if reference:
                out.handoff = HandoffOut(
                    reason="after_handoff",
                    queue="allmant",
                    urgency="normal",
                    reference=reference,
                    message=out.text,
                )
            out.answered = True
        elif decision.action == "handoff":
            if decision.also_answer:
                out.query, result = self._answer_followup(trace, redacted, view, lang)
                if self.acceptable(result.composed, result.check):
                    out.take_answer(result)
                    if decision.message_answered:
                        decision = replace(decision, message=decision.message_answered)
            out.handoff = self._handoff(trace, view, redacted, decision, lang, out.citations)
            out.text = f"{out.text}\n\n{out.handoff.message}".strip()
            out.answered = True
        elif decision.action in ("refuse", "out_of_scope"):
            out.text = decision.message
            out.answered = decision.action == "out_of_scope"
        else:
            self._answer(trace, view, redacted, lang, out)
        return out

    def _answer(self, trace: Trace, view: ConversationView, redacted: str, lang: str, out: _Outcome) -> None:
        out.query, result = self._answer_followup(trace, redacted, view, lang)
        if self.acceptable(result.composed, result.check):
            out.take_answer(result)
            out.answered = True
            if result.language != lang:
                # The Swedish-only note offers the interpreter itself: the policy's offer would be
                # the same offer twice.
                offer = self._text("interpreter_offer", lang)
                out.notices = [n for n in out.notices if n != offer]
            out.notices[:0] = result.notes
            metrics.ANSWERS.labels(composer=out.composer, outcome="answered").inc()
            return
        if result.composed is not None:
            out.confidence = result.composed.confidence
        composer = result.composed.composer if result.composed else "none"
        metrics.ANSWERS.labels(composer=composer, outcome="no_answer").inc()
        state = ConversationState(handed_off=view.handed_off, unanswered_streak=view.unanswered_streak)
        decision = assess_unanswered(redacted, state, self.policy.policy, lang)
        out.action, out.rule, out.reason = decision.action, "pipeline.low_confidence", decision.reason
        if decision.action == "handoff":
            out.handoff = self._handoff(trace, view, redacted, decision, lang, [])
            out.text = out.handoff.message
        else:
            out.text = decision.message
            out.notices[:0] = decision.notices

    def _crisis_handoff(
        self, trace: Trace, view: ConversationView, redacted: str, decision: Decision, language: str
    ) -> HandoffOut | None:
        """The urgent handoff of a crisis (an open one is escalated); None when the database is down."""
        try:
            if view.handed_off and view.open_handoff_reference:
                reference = view.open_handoff_reference
                self.store.escalate_handoff(reference, "urgent")
                line = self._text("reference_line", language).replace("{reference}", reference)
                return HandoffOut(
                    reason=decision.reason,
                    queue=decision.queue or "allmant",
                    urgency="urgent",
                    reference=reference,
                    message=line,
                )
            return self._handoff(trace, view, redacted, decision, language, [], urgency="urgent")
        except DatabaseUnavailable:
            log.warning("crisis answered without a handoff: database unavailable")
            return None

    def _record(self, trace: Trace, view: ConversationView, redacted: str, lang: str, out: _Outcome) -> int:
        with trace.stage("record"):
            return self.record.run(
                TurnRecord(
                    conversation_id=view.id,
                    user_text=redacted,
                    query_text=out.query,
                    answer_text=out.text,
                    action=out.action,
                    rule=out.rule,
                    reason=out.reason,
                    language=lang,
                    confidence=out.confidence,
                    composer=out.composer,
                    citations=out.citations,
                    timings_ms=trace.timings_ms,
                    answered=out.answered,
                )
            )


@dataclass
class _Outcome:
    """What a turn ends with: the text and handoff the person sees, and what is recorded."""

    action: str
    rule: str
    reason: str
    query: str
    language: str
    notices: list[str]
    db_down: bool
    text: str = ""
    citations: list[dict[str, Any]] = field(default_factory=list)
    confidence: float = 0.0
    composer: str = ""
    answered: bool = False
    handoff: HandoffOut | None = None

    @classmethod
    def of(cls, decision: Decision, query: str, db_down: bool) -> _Outcome:
        return cls(
            action=decision.action,
            rule=decision.rule,
            reason=decision.reason,
            query=query,
            # Policy texts come in the asker's language when the catalogue has it; answers set their own.
            language=decision.language,
            notices=list(decision.notices),
            db_down=db_down,
        )

    def take_answer(self, result: Answer) -> None:
        self.text, self.citations, self.confidence, self.composer, self.language = result.reply_fields()
