"""Staff drafts: a pasted e-mail or letter in, a complete reply in the office's tone out.

The message is pseudonymised first (one vault per draft, kept in memory only); every question in
it is found (greetings and signatures set aside, several questions in one sentence split, implicit
ones such as "jag undrar om …" kept) and answered on its own, from its own section, by the same
pipeline as the chat, with the sentence of the story before it as context. A part that needs a
case officer (the writer's own case, a decision) gets a "[Fyll i: …]" line for the staff member
instead of silence, and a draft is never empty: with nothing to answer it says so for the staff
member. The draft is stored redacted and the names are put back only in the text returned to the
staff member.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

import guardrails
from assistant.composers.base import ComposedAnswer
from assistant.pipeline.replies import Citation, DraftReply
from assistant.pipeline.stages import CheckOut, LanguageStage, PolicyStage
from assistant.pipeline.trace import Trace
from assistant.pipeline.turn import Answer
from assistant.storage import Store
from guardrails import OfficeConfig, VaultStore
from guardrails.policy.decision import ConversationState
from guardrails.text.sentences import split_sentences
from knowledge import Passage

OUTCOMES = ("sent", "edited", "discarded")
MAX_QUESTIONS = 6

_MARKER = re.compile(r"\[(\d{1,2})\]")
_QUESTION_START = re.compile(
    r"^(hur|när|vad|var|vart|vem|vilka|vilken|vilket|varför|kan|får|måste|behöver|ska|skall|finns|gäller|är|"
    r"how|when|what|where|who|which|why|can|could|do|does|should|must|is|are)\b",
    re.IGNORECASE,
)
_WONDER = re.compile(
    r"\b(jag undrar|undrar (om|hur|när|vad|var|vem|vilka|varför)|vill (gärna |också )?veta|"
    r"skulle (gärna |också )?vilja (veta|ha (information|besked|svar))|vill ha (information|besked|svar)|"
    r"behöver (veta|information|besked)|kan ni (berätta|förklara|tala om|skicka)|"
    r"i wonder|i would like to know|i'd like to know|please (tell|explain|let me know)|"
    r"could you (tell|explain))\b",
    re.IGNORECASE,
)
_GREETING = re.compile(
    r"^(hej+|hejsan|hallå|tjena|god (morgon|dag|kväll|eftermiddag)|dear|hello|hi|good (morning|afternoon))"
    r"\b[^.!?\n]{0,40}?([.!?,:]\s*|$)",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"^(med vänlig[a]? hälsning(ar)?|vänliga hälsningar|mvh|hälsningar|hälsning|tack på förhand|"
    r"tack så mycket|"
    r"tack!?$|best regards|kind regards|regards|sincerely|thanks in advance|thank you)\b",
    re.IGNORECASE,
)
# Where one sentence asks a second question: "… får jag och när betalas det ut?"
_SECOND_QUESTION = re.compile(
    r"(?:,\s*|\s+(?:och|samt|men|and|but)\s+)(?=(?:när|hur|vad|var|vart|vem|vilka|vilken|vilket|varför|"
    r"kan|får|måste|behöver|ska|finns|gäller|when|how|what|where|who|which|why|can|do|does|is|are|should|"
    r"must)\b)",
    re.IGNORECASE,
)
# A message without a question may still ask for something ("Skicka blanketten för uttag.").
_REQUEST = re.compile(
    r"\b(skicka|mejla|ring|kontakta|hjälp|behöver|vill ha|vill att|önskar|begär|please|send|need|want|"
    r"would like)\b",
    re.IGNORECASE,
)
_POINTING_BACK = re.compile(r"\b(det|den|dem|dessa|detta|de|it|they|them|this|that)\b", re.IGNORECASE)
# A part only a case officer can answer: the writer's own case, something the office has done or
# should do for them, a decision.
_NEEDS_PERSON = re.compile(
    # Something the office has done, or should do, in the writer's own case.
    r"\b(har ni (fått|tagit emot|granskat|registrerat|beslutat|godkänt|skickat|hittat|glömt)|"
    r"när (ska|kommer|tänker) ni|varför har ni|stämmer det att ni|ni (har )?(skrev|skickade|beslutade)|"
    r"i (ert|erat) (brev|beslut|mejl)|"
    r"kan ni (godkänna|bevilja|byta|ändra|ta bort|kolla|kontrollera|titta på|skynda på|göra det|"
    r"hjälpa (mig|oss) med (det|detta|den))|vill (också |gärna )?(att ni|ha att ni)|hur går det med|"
    r"när får (jag|vi) (besked|svar|beslut|pengarna|arvodet)|"
    # The writer's own papers and events.
    r"vad händer (nu )?med (min|mitt|mina|hans|hennes|vår|vårt|deras)|"
    r"(min|mitt|mina|hans|hennes|vår|vårt|våra|deras|mammas|pappas) (ansökan|ärende|årsräkning|redovisning|"
    r"begäran|förteckning|sluträkning|arvodesbeslut|beslut|handlingar|uttag)|"
    r"(jag|vi) (har )?(skickade|skickat|lämnade|lämnat|ansökte|ansökt|fick|fått ett brev)|"
    r"ärendenummer|diarienummer|"
    # A decision on a given amount or purchase ("ta ut 20 000 kr till en dator – går det?").
    r"(får|kan) (jag|vi|hon|han) (ta ut|sälja|köpa|låna) \d+|"
    r"have you (received|approved|reviewed|decided)|when will (you|i get)|can you (approve|change|replace|"
    r"check)|my (application|case|report|account)|i (sent|submitted|applied))\b",
    re.IGNORECASE,
)
_INTRO_NAME = re.compile(r"\b(jag heter|mitt namn är|my name is)\s+(\[NAMN_\d+\])", re.IGNORECASE)
_MIN_PART_WORDS = 3
_CONTEXT_WORDS = 40

DRAFT_MARKER = "AI-utkast – granska innan du skickar"


@dataclass(frozen=True)
class Asked:
    """One question of a message: as the writer put it, and what is searched for it."""

    text: str  # quoted in the draft ("Du frågar: …")
    query: str  # the question with the context it needs (the story before it, the part it points to)


def _body(text: str) -> list[list[str]]:
    """The message's paragraphs as sentences, without the greeting and the signature."""
    paragraphs: list[list[str]] = []
    current: list[str] = []
    greeted = False
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            if current:
                paragraphs.append(current)
                current = []
            continue
        if not greeted:
            greeted = True
            stripped = _GREETING.sub("", stripped, count=1).strip()
            if not stripped:
                continue
        if _SIGN_OFF.match(stripped):
            break  # the signature follows
        current.append(stripped)
    if current:
        paragraphs.append(current)
    return [split_sentences(" ".join(p), cased=False) for p in paragraphs]


def _split(sentence: str) -> list[str]:
    """A sentence that asks two things, as two questions ("Hur mycket … och när …?")."""
    parts: list[str] = []
    for part in _SECOND_QUESTION.split(sentence):
        part = part.strip(" ,")
        if parts and len(part.split()) < _MIN_PART_WORDS:
            parts[-1] = f"{parts[-1]} {part}"
        elif part:
            parts.append(part)
    if len(parts) > 1:
        ending = sentence[-1] if sentence[-1] in "?.!" else ""
        parts = [p if p.endswith(("?", ".", "!")) else p + ending for p in parts]
    return parts or [sentence]


def find_asks(text: str) -> list[Asked]:
    """The questions in a (redacted) message, in order, each with the context it is searched with."""
    found: list[Asked] = []
    paragraphs = _body(text)
    flat = [s for p in paragraphs for s in p]
    for paragraph in paragraphs:
        story = ""
        for sentence in paragraph:
            if sentence.endswith("?") or _WONDER.search(sentence):
                parts = _split(sentence)
                for number, part in enumerate(parts):
                    context = [story] if story else []
                    if number and _POINTING_BACK.search(part):
                        context.append(parts[0])  # "… och när betalas det ut?": what "det" is
                    shown = part
                    if story and not number and len(part.split()) <= 6 and _POINTING_BACK.search(part):
                        shown = f"{story} {part}"  # "… byter hans förvaltare. Kan ni göra det?"
                    found.append(Asked(shown, " ".join([*context, part]).strip()))
                story = ""
            elif len(sentence.split()) <= _CONTEXT_WORDS:
                story = sentence  # "Vår son har ärvt 100 000 kr." says what the next question is about
    if not found:
        found = [Asked(s, s) for s in flat if _QUESTION_START.match(s)]
    if not found and flat and any(_REQUEST.search(s) for s in flat):
        whole = " ".join(flat)
        found = [Asked(whole, whole)]  # a plain request ("Skicka blanketten för…")
    unique: dict[str, Asked] = {}
    for asked in found:
        unique.setdefault(asked.text, asked)
    return list(unique.values())[:MAX_QUESTIONS]


def find_questions(text: str) -> list[str]:
    """The questions in a (redacted) message, in order (see find_asks)."""
    return [asked.text for asked in find_asks(text)]


def needs_person(question: str) -> bool:
    """Whether a question asks about the writer's own case or for a decision (a case officer's part)."""
    return bool(_NEEDS_PERSON.search(question))


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
        questions = [asked.text for asked in asks]

        cited: list[Passage] = []
        answered: list[_Answered] = []
        urgent = False
        trace = Trace(redacted_text=redacted)
        for asked in asks:
            question = asked.text
            decision = self.policy.run(asked.query, ConversationState(language=language))
            if decision.action == "crisis":
                urgent = True
            own_case = needs_person(asked.query)
            # A crisis marks the whole draft urgent; what the documents say is still given to staff.
            if decision.action in ("refuse", "out_of_scope") or (
                decision.action == "handoff" and not decision.also_answer and decision.reason != "complaint"
            ):
                answered.append(_Answered(question, "", decision.reason or decision.action))
                continue
            result = self.answering.answer(trace, asked.query, asked.query, language, ())
            reason = decision.reason if decision.action in ("handoff", "crisis") else None
            reason = reason or ("case_specific" if own_case else None)
            if not self.answering.acceptable(result.composed, result.check) or result.composed is None:
                answered.append(_Answered(question, "", reason or "low_confidence"))
                continue
            text = self._renumber(result.composed.text, result.composed.cited, cited)
            # What the documents say in general is given; the case itself is left to the officer.
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
        for item in answered:
            lines.append(
                f"Du frågar: ”{item.question}”" if frame == "sv" else f"You asked: “{item.question}”"
            )
            if item.text:
                lines.append(item.text)
            if item.handoff_reason or not item.text:
                lines.append(_placeholder(item.handoff_reason, bool(item.text)))
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
        "[Fyll i: jag hittade inget säkert svar i våra godkända texter – svara eller hänvisa vidare.]"
    ),
    "complaint": "[Fyll i: klagomålet ska utredas – beskriv hur ni går vidare.]",
    "crisis": "[Fyll i: följ krisrutinen och svara personligen.]",
    "out_of_scope": "[Fyll i: frågan gäller inte överförmyndaren – hänvisa till rätt myndighet.]",
}
_CASE = "[Fyll i: svaret kräver uppgifter ur ärendet eller en bedömning av handläggaren.]"
_CASE_AFTER_ANSWER = (
    "[Fyll i: det som gäller just detta ärende – uppgifter ur ärendet eller handläggarens bedömning.]"
)


def _placeholder(reason: str | None, after_answer: bool = False) -> str:
    """The line a staff member fills in for a part only they can answer."""
    if reason in _PLACEHOLDERS:
        return _PLACEHOLDERS[reason]
    return _CASE_AFTER_ANSWER if after_answer else _CASE


def _without_marker(text: str) -> str:
    """The draft without its 'AI-utkast' line: staff delete it before sending, and that is no edit."""
    stripped = text.strip()
    if stripped.startswith(DRAFT_MARKER):
        stripped = stripped[len(DRAFT_MARKER) :].strip()
    return stripped
