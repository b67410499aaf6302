"""Staff drafts: a pasted e-mail or letter in, a complete reply in the office's tone out.

The message is pseudonymised first (one vault per draft, kept in memory only); every question in
it is found (`asks.py`: greetings and signatures set aside, several questions in one sentence
split, implicit ones such as "jag undrar om …" asked directly, requests kept) and answered on its
own, from its own section, by the same pipeline as the chat: the composer answers the question's
own words, retrieval searches them with the situation the writer told. A sentence that asked two
things is quoted once, with the answer to each half under it. A part that needs a case officer
(the writer's own case, a decision; found by the policy's rules and intent model on the
question's own words, and by asks.needs_person) gets a "[Fyll i: …]" line for the staff member
instead of silence, after what the documents say in general; an answer whose section covers the
question only partly, or that gives no value at all to a question asking for one ("Hur lång tid
tar det?"), gets a line asking the staff member to check it, and so does an answer to a
paragraph in which no question was recognised (a language whose ways of asking are not known
here). A draft is never empty: with nothing to answer it says so for the staff member. The draft
is stored redacted and the names are put back only in the text returned to the staff member.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from typing import Protocol

import guardrails
from assistant.composers.base import ComposedAnswer
from assistant.pipeline.asks import (
    ASKING_LANGUAGES,
    Asked,
    asks_for_value,
    find_asks,
    find_questions,
    is_sign_off,
    needs_person,
    states_value,
    unasked_paragraphs,
)
from assistant.pipeline.replies import Citation, DraftReply
from assistant.pipeline.stages import CheckOut, LanguageStage, PolicyStage
from assistant.pipeline.trace import Trace
from assistant.pipeline.turn import SECOND_OPINION, Answer
from assistant.storage import Store
from guardrails import OfficeConfig, VaultStore
from guardrails.policy.decision import ConversationState, Decision
from guardrails.policy.semantic import MessageVectors
from knowledge import Passage

log = logging.getLogger("assistant.pipeline.drafts")

OUTCOMES = ("sent", "edited", "discarded")

_MARKER = re.compile(r"\[(\d{1,2})\]")
_NAME_TAG = re.compile(r"\[NAMN_\d+\]")
# The signature: the sign-off and the lines under it are among the message's last this many lines.
_SIGNATURE_LINES = 6
_INTRO_NAME = re.compile(r"\b(jag heter|mitt namn är|my name is)\s+(\[NAMN_\d+\])", re.IGNORECASE)
# Policy reasons that leave a part to a case officer: the general rule may still be given.
_PERSON_REASONS = frozenset({"case_specific", "decision", "human_request", "pii_case", "complaint"})
# Below this composer confidence an answer is given with a line asking the staff member to check
# it: the chat's own mark of a weak answer (below it, another language's answer is compared).
UNCERTAIN = SECOND_OPINION
# Drafts leave a part to the case officer when the intent examples find a handoff intent more
# likely than not (the summed probability of the handoff intents, where that intent leads): the
# natural point, not fitted. The chat's calibrated thresholds (0.85) are set to spare citizens
# needless handoffs; a draft's reader is the staff member.
OFFICER_LIKELY = 0.5

DRAFT_MARKER = "AI-utkast – granska innan du skickar"

__all__ = [
    "DRAFT_MARKER",
    "Asked",
    "DraftWriter",
    "edit_distance",
    "find_asks",
    "find_questions",
    "needs_person",
    "sender_tag",
]


def sender_tag(text: str) -> str | None:
    """The sender's name tag: from 'jag heter …', else the signature: the first name under the
    sign-off (the lines below it may name someone else: "(huvudman: …)", "God man för …"), or,
    without a sign-off, a name tag in the last lines."""
    intro = _INTRO_NAME.search(text)
    if intro:
        return intro.group(2)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    last = lines[-_SIGNATURE_LINES:]
    closings = [i for i, line in enumerate(last) if is_sign_off(line)]
    if closings:
        for line in last[closings[-1] + 1 :]:
            names = _NAME_TAG.findall(line)
            if names:
                return names[0]
    for line in reversed(lines[-4:]):
        names = _NAME_TAG.findall(line)
        if names:
            return names[0]
    return None


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance in characters (Myers/Hyyrö bit-parallel, so long drafts stay fast)."""
    if a == b:
        return 0
    if not a:
        return len(b)
    if not b:
        return len(a)
    m = len(a)
    peq: dict[str, int] = {}
    for i, ch in enumerate(a):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    full = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = full, 0, m
    for ch in b:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | ~(xh | pv)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | 1) & full
        mh = (mh << 1) & full
        pv = (mh | ~(xv | ph)) & full
        mv = ph & xv
    return score


@dataclass
class _Answered:
    question: str
    text: str  # with global [n] markers; empty when not answerable here
    handoff_reason: str | None = None
    sentence: str = ""  # the writer's sentence, when it asked this and more (quoted once for all)

    @property
    def quoted(self) -> str:
        return self.sentence or self.question


class Answering(Protocol):
    """The chat's answering step (retrieve, compose, check), which drafts reuse question by question."""

    def answer(
        self, trace: Trace, question: str, query: str, language: str, history: tuple[str, ...]
    ) -> Answer: ...

    def acceptable(self, composed: ComposedAnswer | None, check: CheckOut | None) -> bool: ...


class DraftWriter:
    """Writes and closes staff drafts. `vaults` keeps each draft's vault by draft id (values kept,
    in memory only, until its TTL) so the sent text can be compared and the staff member's own
    transcript view shows the names again."""

    def __init__(
        self,
        *,
        office: OfficeConfig,
        language: LanguageStage,
        policy: PolicyStage,
        answering: Answering,
        store: Store,
        vaults: VaultStore,
    ) -> None:
        self.office = office
        self.language = language
        self.policy = policy
        self.answering = answering
        self.store = store
        self.vaults = vaults

    def write(self, message: str, staff: str) -> DraftReply:
        vault = guardrails.Vault(self.vaults.ttl_seconds)
        redacted = guardrails.redact(message, vault=vault, office=self.office).text
        language = self.language.run(redacted, None, None)
        frame = "en" if language == "en" else "sv"
        asks = find_asks(redacted)

        cited: list[Passage] = []
        trace = Trace(redacted_text=redacted)
        # A crisis anywhere in the message (often in the story, not in a question) marks it urgent.
        # Judged by the policy's rules: on whole e-mails full of stories the intent model's crisis
        # head is too eager for a banner staff should trust.
        urgent = self._decide(redacted, language, by_meaning=False).action == "crisis"
        if language not in ASKING_LANGUAGES:
            asks = _with_topic(asks)
        answered = [self._answer(trace, asked, language, cited) for asked in asks]
        if language not in ASKING_LANGUAGES and not any(asked.guessed for asked in asks):
            # A language whose ways of asking are not known here: a paragraph in which no question
            # was recognised may still ask ("please check it"); the staff member reads it.
            unread = [_Answered(p, "", "unread") for p in unasked_paragraphs(redacted)]
            answered = _in_message_order(redacted, answered, unread)
        _mark_repeats(answered)
        urgent = urgent or any(item.handoff_reason == "crisis" for item in answered)
        # What the draft quotes, once each: a sentence that asked two things is quoted whole, with
        # the answer to each of its parts under it.
        questions = list(dict.fromkeys(item.quoted for item in answered))

        draft = self._compose(redacted, answered, cited, frame, urgent)
        citations = [
            Citation(
                n=i,
                doc_id=p.doc_id,
                version=p.version,
                title=p.title,
                section=p.section,
                source_url=p.source_url,
            )
            for i, p in enumerate(cited, start=1)
        ]
        draft_id = self.store.save_draft(
            staff=staff,
            input_text=redacted,
            draft_text=draft,
            questions=questions,
            citations=[c.model_dump() for c in citations],
        )
        # Kept in memory for the outcome's edit distance; expires with its TTL.
        self.vaults.put(draft_id, vault)
        return DraftReply(
            draft_id=draft_id,
            text=guardrails.restore(draft, vault),
            citations=citations,
            questions=[guardrails.restore(q, vault) for q in questions],
        )

    def _vectors(self, text: str) -> MessageVectors | None:
        try:
            return self.policy.vectors_for(text)
        except Exception:  # the intent model is a help here, never a reason for no draft
            log.warning("drafts: no intent vectors, rules only", exc_info=True)
            return None

    def _decide(
        self, text: str, language: str, *, by_meaning: bool = True, vectors: MessageVectors | None = None
    ) -> Decision:
        """The policy's judgement of a text, by its rules and (by_meaning) the intent model."""
        if by_meaning and vectors is None:
            vectors = self._vectors(text)
        return self.policy.run(
            text, ConversationState(language=language), language, vectors if by_meaning else None
        )

    def _officer_intent(self, vectors: MessageVectors | None) -> str | None:
        """The handoff intent the examples find more likely than not in a part (OFFICER_LIKELY), or
        None. The chat hands over only when surer (the policy's calibrated thresholds, set against
        false handoffs of ordinary questions); a draft is read by a staff member anyway, so here a
        needless staff line costs a glance and a missed one a wrong reply."""
        semantic = self.policy.policy.semantic
        if semantic is None or vectors is None:
            return None
        try:
            grouped = semantic.model.score(vectors).grouped
        except Exception:  # an intent model out of step with the index: rules only
            log.warning("drafts: intent scores unavailable", exc_info=True)
            return None
        likely = [(p, intent) for intent, p in grouped.items() if intent in _PERSON_REASONS]
        if not likely:
            return None
        p, intent = max(likely)
        return intent if p >= OFFICER_LIKELY else None

    def _answer(self, trace: Trace, asked: Asked, language: str, cited: list[Passage]) -> _Answered:
        """One question: what the approved texts say (when they answer well enough) and, for a part
        only a case officer can answer, the line the staff member fills in."""
        judged = asked.judged
        rules = self._decide(judged, language, by_meaning=False)
        if rules.action in ("refuse", "out_of_scope"):
            return _Answered(asked.text, "", rules.action)
        # The intent model finds own-case and decision parts the rules miss ("Hinner ni granska den
        # före sommaren?"); a crisis is left to the rules (see write).
        vectors = self._vectors(judged)
        meaning = self._decide(judged, language, vectors=vectors)
        decision = meaning if meaning.action == "handoff" else rules
        reason: str | None = None
        if decision.action == "crisis":
            reason = "crisis"
        elif decision.action == "handoff" and decision.reason in _PERSON_REASONS:
            reason = decision.reason
        elif decision.action == "handoff" or needs_person(judged):
            reason = "case_specific"
        else:
            # Drafts judge "needs a case officer" for recall (see _officer_intent), on the part as
            # shown and on its own words.
            reason = self._officer_intent(vectors)
            if reason is None and asked.question != judged:
                reason = self._officer_intent(self._vectors(asked.question))
        # The general rule is given even for a part about the writer's own case; the case itself
        # is left to the officer.
        # The composer answers the question's own words (a yes/no, value or list question is
        # recognised in them); retrieval searches them with the situation the writer told.
        result = self.answering.answer(trace, asked.question, asked.query, language, ())
        composed = result.composed
        if composed is None or not self.answering.acceptable(composed, result.check):
            return _Answered(asked.text, "", reason or "low_confidence", asked.sentence)
        text = self._renumber(composed.text, composed.cited, cited)
        if reason is None and asked.guessed:
            reason = "guessed"  # no question recognised: the staff member checks what was answered
        if reason is None and result.language != language:
            # Answered from texts in another language than the question's: the composer cannot
            # compare their words (its confidence rests on meaning alone), so whether the section
            # answers is the staff member's call.
            reason = "other_language"
        if reason is None and composed.confidence < UNCERTAIN:
            # Answered, but from a section that matches the question only partly: the staff
            # member checks it before sending.
            reason = "uncertain"
        if reason is None and asks_for_value(asked.question) and not states_value(composed.text):
            # "Hur lång tid tar det?" answered with what happens but no time at all: the section
            # does not give what was asked, and the staff member adds it.
            reason = "no_value"
        return _Answered(asked.text, text, reason, asked.sentence)

    @staticmethod
    def _renumber(text: str, local: list[Passage], cited: list[Passage]) -> str:
        def swap(match: re.Match[str]) -> str:
            n = int(match.group(1))
            if not 1 <= n <= len(local):
                return match.group(0)
            passage = local[n - 1]
            for i, seen in enumerate(cited, start=1):
                if seen.id == passage.id:
                    return f"[{i}]"
            cited.append(passage)
            return f"[{len(cited)}]"

        return _MARKER.sub(swap, text)

    def _compose(
        self, redacted: str, answered: list[_Answered], cited: list[Passage], frame: str, urgent: bool
    ) -> str:
        o = self.office.office
        name = sender_tag(redacted)
        lines = [DRAFT_MARKER, ""]
        if urgent:
            lines += [
                "OBS: meddelandet kan handla om en akut situation – följ krisrutinen innan du svarar.",
                "",
            ]
        if frame == "en":
            lines.append(f"Hello {name}," if name else "Hello,")
            lines += ["", "Thank you for your message. Here are answers to your questions.", ""]
        else:
            lines.append(f"Hej {name}!" if name else "Hej!")
            lines += ["", "Tack för ditt meddelande. Här kommer svar på dina frågor.", ""]
        follow_up: list[str] = []
        if not answered:
            lines += [_placeholder("none"), ""]
        for i, item in enumerate(answered):
            first = i == 0 or answered[i - 1].quoted != item.quoted
            last = i + 1 == len(answered) or answered[i + 1].quoted != item.quoted
            if first:
                lines.append(_quote_line(item, frame))
            if item.text and (first or item.text != answered[i - 1].text):
                lines.append(item.text)
            if item.handoff_reason or not item.text:
                # Which part the line is about, when the quoted sentence asked more than it.
                part = item.question if item.sentence else ""
                lines.append(_placeholder(item.handoff_reason, bool(item.text), part))
            if item.handoff_reason in _FOLLOW_UP_REASONS:
                follow_up.append(item.question)
            if last:
                lines.append("")
        lines.append("Så här går du vidare:" if frame == "sv" else "What happens next:")
        if follow_up:
            lines.append(
                "Frågor som gäller ditt ärende går handläggaren igenom och återkommer om."
                if frame == "sv"
                else "Questions about your own case will be answered by the case officer."
            )
        if frame == "sv":
            lines.append(
                f"Har du fler frågor är du välkommen att ringa oss på {o.phone} ({o.phone_hours}) "
                f"eller mejla {o.email}."
            )
        else:
            lines.append(
                f"If you have more questions, call us on {o.phone} ({o.phone_hours}) or e-mail {o.email}."
            )
        if cited:
            lines += ["", "Källor:" if frame == "sv" else "Sources:"]
            for i, p in enumerate(cited, start=1):
                section = f" – {p.section}" if p.section and p.section != p.title else ""
                lines.append(f"[{i}] {p.title}{section}: {p.source_url}".rstrip(": "))
        lines += ["", o.sign_off]
        return "\n".join(lines)

    def outcome(
        self, draft_id: str, outcome: str, staff: str, final_text: str | None, edit_distance_value: int | None
    ) -> int | None:
        if outcome not in OUTCOMES:
            raise ValueError(outcome)
        draft = self.store.get_draft(draft_id)
        distance = edit_distance_value
        if final_text is not None:
            # Compare like with like: the sent text is pseudonymised with the draft's own vault.
            vault = self.vaults.find(draft_id) or guardrails.Vault()
            redacted_final = guardrails.redact(final_text, vault=vault, office=self.office).text
            distance = edit_distance(_without_marker(draft.draft_text), _without_marker(redacted_final))
        elif outcome == "sent" and distance is None:
            distance = 0
        self.store.set_draft_outcome(draft_id, outcome, distance, staff)
        return distance


_PLACEHOLDERS = {
    "none": "[Fyll i: jag hittade ingen fråga i meddelandet – läs det och svara själv.]",
    "low_confidence": (
        "[Fyll i: {part}jag hittade inget säkert svar i våra godkända texter – svara själv eller hänvisa "
        "vidare.]"
    ),
    "complaint": (
        "[Fyll i: {part}skribenten klagar eller är orolig för hur ett uppdrag sköts – beskriv hur ni "
        "utreder det och när skribenten hör av er.]"
    ),
    "crisis": "[Fyll i: {part}kan gälla en akut situation – följ krisrutinen och svara personligen.]",
    "out_of_scope": "[Fyll i: {part}frågan gäller inte överförmyndaren – hänvisa till rätt myndighet.]",
    "refuse": "[Fyll i: {part}frågan kan inte besvaras här – svara själv.]",
    "guessed": (
        "[Fyll i: jag hittade ingen tydlig fråga här – kontrollera att svaret ovan är det skribenten vill "
        "veta; komplettera eller stryk.]"
    ),
    "uncertain": (
        "[Fyll i: {part}kontrollera svaret ovan – källan svarar bara delvis på frågan; komplettera eller "
        "stryk.]"
    ),
    "no_value": (
        "[Fyll i: {part}frågan efterfrågar en tid, ett datum eller ett belopp som svaret ovan inte anger – "
        "komplettera eller stryk.]"
    ),
    "other_language": (
        "[Fyll i: {part}frågan är skriven på ett annat språk än källan – kontrollera att svaret ovan "
        "svarar på just den; komplettera eller stryk, och svara gärna på skribentens språk.]"
    ),
    "unread": (
        "[Fyll i: meddelandet är skrivet på ett språk vars sätt att fråga jag inte känner till – läs "
        "stycket och svara på det som skribenten ber om, eller stryk raden.]"
    ),
}
# A part only the case officer can answer: why, and what to look up before answering. After a
# general answer the line says that the answer above is only the general rule.
_OWN_CASE = (
    "frågan gäller skribentens eget ärende",
    "slå upp ärendet (vad som har kommit in, vad som är beslutat och vad som återstår) och skriv svaret",
)
_OFFICER = {
    "case_specific": _OWN_CASE,
    "pii_case": _OWN_CASE,
    "decision": (
        "skribenten ber om ett beslut eller en bedömning i sitt ärende",
        "det avgör handläggaren – skriv vad som gäller i ärendet eller hur skribenten ansöker",
    ),
    "human_request": (
        "skribenten vill ha kontakt med en handläggare",
        "skriv vem som hör av sig och när",
    ),
}
# Parts whose answer the case officer comes back to ("Så här går du vidare").
_FOLLOW_UP_REASONS = frozenset({*_PERSON_REASONS, "crisis"})
_QUOTED_WORDS = 14
# Enough of a quoted part's opening to find it in the message.
_LOCATING_CHARS = 40


def _quoted(part: str) -> str:
    """The part a line is about, quoted short: '”när betalas det ut?” – '."""
    if not part:
        return ""
    words = part.split()
    short = " ".join(words[:_QUOTED_WORDS]) + (" …" if len(words) > _QUOTED_WORDS else "")
    return f"”{short}” – "


def _placeholder(reason: str | None, after_answer: bool = False, part: str = "") -> str:
    """The line a staff member fills in for a part only they can answer, or checks: which part
    (when the quoted sentence asked more than it), why, and what to do."""
    if reason in _PLACEHOLDERS:
        return _PLACEHOLDERS[reason].replace("{part}", _quoted(part))
    why, todo = _OFFICER.get(reason or "", _OFFICER["case_specific"])
    general = " Svaret ovan är bara det allmänna;" if after_answer else ""
    return f"[Fyll i: {_quoted(part)}{why}.{general} {todo}.]"


def _quote_line(item: _Answered, frame: str) -> str:
    """The line that quotes what a part answers: the writer's question, or a paragraph in which no
    question was recognised."""
    if item.handoff_reason == "unread":
        quote = item.quoted
        return f"Stycke utan tydlig fråga: ”{quote}”" if frame == "sv" else f"Paragraph: “{quote}”"
    return f"Du frågar: ”{item.quoted}”" if frame == "sv" else f"You asked: “{item.quoted}”"


def _with_topic(asks: list[Asked]) -> list[Asked]:
    """Each later question searched with the one before it too. In a language whose ways of asking
    are not known here a question that leans on the one before ("and if I am late – can I get more
    time?") cannot be told from one that names its own topic, and the office's words a writer
    borrows ("(årsräkning)") often stand in the first question only."""
    return [
        asked
        if i == 0 or asks[i - 1].question in asked.query
        else replace(asked, query=f"{asks[i - 1].question} {asked.query}")
        for i, asked in enumerate(asks)
    ]


def _in_message_order(message: str, answered: list[_Answered], added: list[_Answered]) -> list[_Answered]:
    """`added` placed among `answered` where they stand in the message (each found by its opening
    words); the order within each list is kept."""

    def positions(items: list[_Answered]) -> list[int]:
        out, last = [], 0
        for item in items:
            # Not found (a question asked in other words than the writer's): after the one before.
            last = max(last, message.find(item.quoted[:_LOCATING_CHARS]))
            out.append(last)
        return out

    keyed = [(at, 0, i, a) for i, (at, a) in enumerate(zip(positions(answered), answered, strict=True))]
    keyed += [(at, 1, i, a) for i, (at, a) in enumerate(zip(positions(added), added, strict=True))]
    return [item for *_, item in sorted(keyed, key=lambda k: k[:3])]


def _said(text: str) -> set[str]:
    """The sentences of an answer, without source markers, spacing and list dashes."""
    pieces = (" ".join(p.split()).strip(" .-–:") for p in _MARKER.split(text))
    return {p for p in pieces if p and not p.isdigit()}


def _mark_repeats(answered: list[_Answered]) -> None:
    """A part of a quoted sentence answered only with sentences an earlier part of it already got:
    the section answers both halves, and the answer is shown once."""
    seen: dict[str, set[str]] = {}
    for item in answered:
        said = _said(item.text)
        before = seen.setdefault(item.quoted, set())
        if said and said <= before:
            item.text = ""
        before |= said


def _without_marker(text: str) -> str:
    """The draft without its 'AI-utkast' line: staff delete it before sending, and that is no edit."""
    stripped = text.strip()
    if stripped.startswith(DRAFT_MARKER):
        stripped = stripped[len(DRAFT_MARKER) :].strip()
    return stripped
