"""Staff drafts: a pasted e-mail or letter in, a complete reply in the office's tone out.

The message is pseudonymised first (one vault per draft, kept in memory only); questions are
found and answered by the same pipeline as the chat, on redacted text; the draft is stored
redacted and the names are put back only in the text returned to the staff member.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

import guardrails
from assistant.pipeline.replies import Citation, DraftReply
from assistant.pipeline.trace import Trace
from guardrails.policy.decision import ConversationState
from knowledge import Passage

if TYPE_CHECKING:
    from assistant.pipeline.facade import Assistant

OUTCOMES = ("sent", "edited", "discarded")
MAX_QUESTIONS = 6

_TAG = re.compile(r"\[([A-ZÅÄÖ]+)_(\d+)\]")
_MARKER = re.compile(r"\[(\d{1,2})\]")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_QUESTION_START = re.compile(
    r"^(hur|när|vad|var|vem|vilka|vilken|vilket|varför|kan|får|måste|behöver|ska|skall|finns|gäller|är|"
    r"how|when|what|where|who|which|why|can|could|do|does|should|must|is|are)\b",
    re.IGNORECASE,
)
_WONDER = re.compile(
    r"\b(jag undrar|undrar (om|hur|när|vad|var)|vill (gärna )?veta|i wonder|i would like to know)\b",
    re.IGNORECASE,
)
_GREETING = re.compile(r"^(hej|hejsan|hallå|god (morgon|dag|kväll)|dear|hello|hi)\b[^\n]*$", re.IGNORECASE)
_SIGN_OFF = re.compile(
    r"^(med vänlig[a]? hälsning(ar)?|vänliga hälsningar|mvh|hälsningar|tack på förhand|best regards|"
    r"kind regards|regards|sincerely)\b",
    re.IGNORECASE,
)
_INTRO_NAME = re.compile(r"\b(jag heter|mitt namn är|my name is)\s+(\[NAMN_\d+\])", re.IGNORECASE)

DRAFT_MARKER = "AI-utkast – granska innan du skickar"


def find_questions(text: str) -> list[str]:
    """The questions in a (redacted) message: '?' sentences and 'jag undrar…' sentences, in order."""
    body: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or _GREETING.match(stripped):
            continue
        if _SIGN_OFF.match(stripped):
            break  # the signature follows
        body.append(stripped)
    sentences = [s.strip() for s in _SENTENCE.split(" ".join(body)) if s.strip()]
    found = [s for s in sentences if s.endswith("?") or _WONDER.search(s)]
    if not found:
        found = [s for s in sentences if _QUESTION_START.match(s)]
    if not found and sentences:
        found = [" ".join(sentences)]  # a plain request ("Skicka blanketten för…")
    return list(dict.fromkeys(found))[:MAX_QUESTIONS]


def sender_tag(text: str) -> str | None:
    """The sender's name tag: from 'jag heter …', else the signature (a name tag in the last lines)."""
    intro = _INTRO_NAME.search(text)
    if intro:
        return intro.group(2)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in reversed(lines[-4:]):
        names = re.findall(r"\[NAMN_\d+\]", line)
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


class DraftVaults:
    """The vault of each recent draft, in memory only, dropped once its TTL has passed."""

    def __init__(self) -> None:
        self._vaults: dict[str, guardrails.Vault] = {}
        self._lock = threading.Lock()

    def put(self, draft_id: str, vault: guardrails.Vault) -> None:
        with self._lock:
            self._purge_locked()
            self._vaults[draft_id] = vault

    def get(self, draft_id: str) -> guardrails.Vault | None:
        with self._lock:
            vault = self._vaults.get(draft_id)
            return None if vault is None or vault.expired else vault

    def purge_expired(self) -> int:
        with self._lock:
            return self._purge_locked()

    def _purge_locked(self) -> int:
        dead = [k for k, v in self._vaults.items() if v.expired]
        for key in dead:
            self._vaults.pop(key).clear()
        return len(dead)


class DraftWriter:
    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self.office = assistant.office

    def write(self, message: str, staff: str) -> DraftReply:
        pipeline = self.assistant.pipeline
        vault = guardrails.Vault()
        redacted = guardrails.redact(message, vault=vault, office=self.office).text
        language = pipeline.detect.run(redacted, None, None)
        frame = "en" if language == "en" else "sv"
        questions = find_questions(redacted)

        cited: list[Passage] = []
        answered: list[_Answered] = []
        urgent = False
        trace = Trace(redacted_text=redacted)
        for question in questions:
            decision = pipeline.policy.run(question, ConversationState(language=language))
            if decision.action == "crisis":
                urgent = True
            if decision.action in ("crisis", "refuse", "out_of_scope") or (
                decision.action == "handoff" and not decision.also_answer
            ):
                answered.append(_Answered(question, "", decision.reason or decision.action))
                continue
            result = pipeline.answer(trace, question, question, language, ())
            if not pipeline.acceptable(result.composed, result.check) or result.composed is None:
                answered.append(_Answered(question, "", "low_confidence"))
                continue
            text = self._renumber(result.composed.text, result.composed.cited, cited)
            reason = decision.reason if decision.action == "handoff" else None
            answered.append(_Answered(question, text, reason))

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
        draft_id = self.assistant.store.save_draft(
            staff=staff,
            input_text=redacted,
            draft_text=draft,
            questions=questions,
            citations=[c.model_dump() for c in citations],
        )
        # Kept in memory for the outcome's edit distance; expires with its TTL.
        self.assistant.draft_vaults.put(draft_id, vault)
        return DraftReply(
            draft_id=draft_id,
            text=guardrails.restore(draft, vault),
            citations=citations,
            questions=[guardrails.restore(q, vault) for q in questions],
        )

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
        for item in answered:
            lines.append(
                f"Du frågar: ”{item.question}”" if frame == "sv" else f"You asked: “{item.question}”"
            )
            if item.text:
                lines.append(item.text)
            else:
                lines.append(
                    "[Fyll i: svaret kräver uppgifter ur ärendet eller en bedömning av handläggaren.]"
                )
            if item.handoff_reason:
                follow_up.append(item.question)
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
        draft = self.assistant.store.get_draft(draft_id)
        distance = edit_distance_value
        if final_text is not None:
            # Compare like with like: the sent text is pseudonymised with the draft's own vault.
            vault = self.assistant.draft_vaults.get(draft_id) or guardrails.Vault()
            redacted_final = guardrails.redact(final_text, vault=vault, office=self.office).text
            distance = edit_distance(_without_marker(draft.draft_text), _without_marker(redacted_final))
        elif outcome == "sent" and distance is None:
            distance = 0
        self.assistant.store.set_draft_outcome(draft_id, outcome, distance, staff)
        return distance


def _without_marker(text: str) -> str:
    """The draft without its 'AI-utkast' line: staff delete it before sending, and that is no edit."""
    stripped = text.strip()
    if stripped.startswith(DRAFT_MARKER):
        stripped = stripped[len(DRAFT_MARKER) :].strip()
    return stripped
