"""A second opinion on names: a small logistic model over word features, asked after the rules.

The name rules (`names.py`, `script_names.py`) decide from cue words and the gazetteer, rule by
rule. Every new writer brings names no rule was written for, so this model looks at each word the
rules left alone with general evidence instead: its shape and script, where it stands in the
sentence, whether the gazetteers know it (also inflected), whether it is an ordinary Swedish word
or a function word of the message's language, the project's cue patterns before it, and whether a
name was found next to it or elsewhere as the same word. The evidence is combined by a logistic
model with pairwise feature crosses, fitted on the labelled development sets
(`python -m tools.train_name_classifier`) and stored as named weights in
`names_data/name_classifier.json`, so it is read and checked like any other data file. No word
of any message is a feature.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from pathlib import Path

from guardrails.recognizers.function_words import (
    STOP_WORD_LANGUAGE,
    english_stop_words,
    function_words,
    swedish_stop_words,
)
from guardrails.recognizers.name_cues import (
    CONTACT_BEFORE,
    GREETING_BEFORE,
    KIN_BEFORE,
    NAMING_BEFORE,
    RELATION_BEFORE,
    SAINT_BEFORE,
    SELF_BEFORE,
    SENTENCE_END,
    SIGN_OFF_BEFORE,
    STRONG_BEFORE,
    VERSE_AFTER,
    article_before,
    institution_after,
    institution_before,
    place_preposition,
)
from guardrails.recognizers.name_evidence import (
    birth_cue_after,
    date_word,
    english_finite_verb_after,
    language_word,
    owner_of_personal_thing,
    person_verb,
    thanked,
)
from guardrails.recognizers.names import base_name, gazetteer, place_on, plain_english_word, reads_english
from guardrails.recognizers.script_names import NAMING_CUE as SCRIPT_NAMING_CUE
from guardrails.recognizers.script_names import is_known as known_in_script
from guardrails.recognizers.script_names import script_gazetteer
from guardrails.recognizers.swedish_words import is_swedish_word

MODEL_FILE = Path(__file__).resolve().parent.parent / "names_data" / "name_classifier.json"
# Off while the model is fitted: its evidence is what the rules alone found.
ENABLED: ContextVar[bool] = ContextVar("name_classifier_enabled", default=True)

# A word of letters, with inner apostrophes or hyphens ("O'Neill", "Ann-Sofie", "Umut'u").
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_LONGEST = 40  # bounded work: longer runs of letters are no name
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ETHIOPIC = re.compile(r"[\u1200-\u139f\u2d80-\u2ddf]")
_ARABIC_RUN = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]+")
_CYRILLIC_RUN = re.compile(r"[\u0400-\u04ff]+")
_ETHIOPIC_RUN = re.compile(r"[\u1200-\u139f\u2d80-\u2ddf]+")
_CUES = (
    ("naming", NAMING_BEFORE),
    ("strong", STRONG_BEFORE),
    ("relation", RELATION_BEFORE),
    ("kin", KIN_BEFORE),
    ("contact", CONTACT_BEFORE),
    ("greeting", GREETING_BEFORE),
    ("sign_off", SIGN_OFF_BEFORE),
    ("self", SELF_BEFORE),
)


_CAPITALISED_RUN = re.compile(r"(?:[^\W\d_]*[A-ZÅÄÖ][^\W\d_]*[ \t]+)+$")
_CAPITALISED_RUN_AFTER = re.compile(r"(?:[ \t]+[A-ZÅÄÖ][^\W\d_]*)*")  # "Sunny Hill care home"
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")
_WORDS = frozenset({"sv_word", "stop_sv", "stop_en", "stop_own", "proper_noun"})


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    word: str


def _script(word: str) -> str:
    if word.isascii():
        return "latin"  # most words: no script pattern can match (asked for every word of a message)
    if _ARABIC.search(word):
        return "arabic"
    if _CYRILLIC.search(word):
        return "cyrillic"
    if _ETHIOPIC.search(word):
        return "ethiopic"
    return "latin" if word.isascii() or (word[0].isalpha() and word[0] < "\u0250") else "other"


def candidates(text: str, language: str | None = None) -> list[Candidate]:
    """The words of a text the model may be asked about: any word of two letters or more, except
    in Latin letters a lower-case word that is a function word, an ordinary Swedish word ("björn",
    "per": the rules weigh names that are words) or one no gazetteer knows (the model would never
    call it a name). Which of them are asked is `_left_to_rules`'s to say."""
    gaz = gazetteer()
    stops = _stops(language)
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        if len(word) < 2 or len(word) > _LONGEST:
            continue
        if word.islower() and _script(word) == "latin":
            low = word.lower()
            if low in stops or base_name(word, gaz) is None or is_swedish_word(low):
                continue
        out.append(Candidate(m.start(), m.end(), word))
    return out


def _left_to_rules(text: str, c: Candidate, stops: frozenset[str], english: bool = False) -> bool:
    """A word the model is not asked about: an ordinary Swedish word or a function word opening a
    sentence ("Per månad", "Stig in"), a cue or title word ("Ang", "Ms"), and a word the rules read
    as a thing, a date or a place by its structure (a capitalised run after an indefinite article
    or before an institution word, a month next to a day number, after an institution word, after
    "i"/"in", after "Sankt", before a verse number)."""
    if _script(c.word) != "latin":
        return False
    low = c.word.lower()
    prefix = text[max(0, c.start - 60) : c.start]
    if (low in stops or is_swedish_word(low)) and SENTENCE_END.search(prefix):
        return True
    if (
        c.word[:1].isupper()
        and english
        and plain_english_word(c.word, base_name(c.word, gazetteer()))
        and STRONG_BEFORE.search(prefix.lower()) is None
    ):
        return True  # "City Hall", "Social Services" in English: the rules weighed the name signals
    run_before = _CAPITALISED_RUN.sub("", prefix)  # "a Gibson Les Paul": the make's run
    return (
        article_before(run_before)
        or place_preposition(prefix)
        or (c.word[:1].isupper() and place_on(prefix, c.word))  # "på Söder"
        or SAINT_BEFORE.search(prefix) is not None  # "Sankt Erik", "S:t Göran"
        or VERSE_AFTER.match(text, c.end) is not None  # "Matteus 6:34"
        or date_word(text, c.start, c.end)
        or STRONG_BEFORE.search(low + " ") is not None  # a cue or a title
        or institution_before().search(low + " ") is not None
        or institution_after().match(text, _CAPITALISED_RUN_AFTER.match(text, c.end).end()) is not None
        or institution_before().search(prefix) is not None
    )


@cache
def _stops(language: str | None) -> frozenset[str]:
    code = STOP_WORD_LANGUAGE.get(_code(language))
    own = function_words(code) if code else frozenset()
    return own | swedish_stop_words() | english_stop_words()


def _code(language: str | None) -> str:
    return (language or "sv").lower().split("-")[0].split("_")[0]


def _shape(word: str) -> str:
    if word.isupper():
        return "upper"
    if word[0].isupper():
        return "cap"
    if word.islower():
        return "lower"
    return "mixed"


def features(
    text: str,
    language: str | None,
    words: list[Candidate],
    found: list[tuple[int, int]],
    only: set[int] | None = None,
) -> list[frozenset[str] | None]:
    """The evidence for each candidate word (for the indices in `only` when given, None for the
    others). `found` are the spans the name rules took."""
    gaz = gazetteer()
    sgaz = script_gazetteer()
    code = (language or "sv").lower().split("-")[0].split("_")[0]
    own = STOP_WORD_LANGUAGE.get(code)
    own_stops = function_words(own) if own else frozenset()
    sv_stops = swedish_stop_words()
    en_stops = english_stop_words()
    found_words = {text[s:e].lower() for s, e in found}
    found_tokens = {t.lower() for s, e in found for t in _TOKEN.findall(text[s:e])}
    share: dict[str, float] = {}  # each script's share of the letters, counted when first needed
    counts = Counter(c.word.lower() for c in words)
    ends = {e for _, e in found}
    starts = {s for s, _ in found}
    stops = _stops(language)
    english = reads_english(text, language)
    out: list[frozenset[str] | None] = []
    for n, c in enumerate(words):
        if (only is not None and n not in only) or _left_to_rules(text, c, stops, english):
            out.append(None)
            continue
        w = c.word
        f: set[str] = {f"lang={code if code in ('sv', 'en', 'de') else 'other'}"}
        script = _script(w)
        f.add(f"script={script}")
        f.add(f"shape={_shape(w)}")
        if len(w) <= 3:
            f.add("short")
        prefix = text[max(0, c.start - 40) : c.start]
        if SENTENCE_END.search(prefix):
            f.add("opens")
        if prefix.rstrip(" \t").endswith(","):
            f.add("after_comma")
        rest = text[c.end : c.end + 3]
        if not text[c.end :].strip(" \t.!?)\"'"):
            f.add("last")
        elif rest[:1] in (",", "!"):
            f.add("comma_after")
        elif rest[:1] == "\n" or rest.strip(" \t")[:1] == "\n":
            f.add("line_end")
        if script == "latin":
            info = base_name(w, gaz)
            direct = gaz.lookup(w)
            if info is not None:
                f.add("gaz")
                f.add("gaz_first" if info.first else "gaz_last_only")
                if info.last and info.first:
                    f.add("gaz_both")
                if info.common:
                    f.add("gaz_word")
                if not info.alone:
                    f.add("gaz_calendar")
                f.add(
                    "gaz_top" if info.rank < 300 else "gaz_rank_mid" if info.rank < 10000 else "gaz_foreign"
                )
                if direct is None:
                    f.add("gaz_inflected")
            if w in gaz.proper:
                f.add("proper_noun")
            low = w.lower()
            if is_swedish_word(low):
                f.add("sv_word")
            if low in sv_stops:
                f.add("stop_sv")
            if low in en_stops:
                f.add("stop_en")
            if low in own_stops:
                f.add("stop_own")
            if "opens" not in f and w[0].isupper() and "gaz" not in f and not f & _WORDS:
                f.add("capital_non_word")  # mid-sentence, capitalised, no word we know
        elif script in ("arabic", "cyrillic", "ethiopic"):
            if known_in_script(w, sgaz, script != "cyrillic"):
                f.add("sgaz")
            if not share:
                letters = max(sum(ch.isalpha() for ch in text), 1)
                share = {
                    name: sum(len(run) for run in pattern.findall(text)) / letters
                    for name, pattern in (
                        ("arabic", _ARABIC_RUN),
                        ("cyrillic", _CYRILLIC_RUN),
                        ("ethiopic", _ETHIOPIC_RUN),
                    )
                }
            f.add("script_mostly" if share[script] > 0.5 else "script_switch")
            if SCRIPT_NAMING_CUE.search(prefix):
                f.add("cue_script")
        if rest[:1] == ":":
            f.add("colon_after")
        # grammar evidence that only a person fits (names_data/name_evidence.yaml, birth cues)
        following = _NEXT_WORD.match(text, c.end)
        if following is not None and person_verb(following.group(1)):
            f.add("person_verb_after")
        if english_finite_verb_after(text, c.end):
            f.add("finite_verb_after")
        if birth_cue_after(text, c.end):
            f.add("birth_cue_after")
        if owner_of_personal_thing(text, c.end):
            f.add("owns_personal_thing")
        if thanked(prefix.lower(), text, c.end):
            f.add("thanked")
        if date_word(text, c.start, c.end):
            f.add("date_word")
        if language_word(w):
            f.add("language_word")
        if counts[w.lower()] > 1:
            f.add("recurs")
        lowered = prefix.lower()
        for name, pattern in _CUES:
            if pattern.search(lowered):
                f.add(f"cue_{name}")
        gap_before = text[words[n - 1].end : c.start] if n else None
        gap_after = text[c.end : words[n + 1].start] if n + 1 < len(words) else None
        if any(0 <= c.start - e <= 2 for e in ends if e <= c.start) or any(
            0 <= s - c.end <= 2 for s in starts if s >= c.end
        ):
            f.add("next_to_found")
        if (w.lower() in found_tokens or w.lower() in found_words) and not f & _WORDS:
            # a name that is also a word recurs as a name only when addressed: the rules' call
            f.add("same_as_found")
        if gap_before is not None and gap_before in (" ", "-"):
            prev = words[n - 1].word
            if prev[:1].isupper():
                f.add("prev_capital")
        if gap_after is not None and gap_after == " ":
            nxt = words[n + 1].word
            if nxt[:1].isupper():
                f.add("next_capital")
                info = base_name(nxt, gaz) if _script(nxt) == "latin" else None
                if info is not None and info.last:
                    f.add("next_surname")
        out.append(frozenset(f))
    return out


def crosses(feats: Iterable[str]) -> list[str]:
    """Each feature and each pair of features (sorted, joined by '&'): the model's inputs."""
    ordered = sorted(feats)
    pairs = [f"{a}&{b}" for i, a in enumerate(ordered) for b in ordered[i + 1 :]]
    return ordered + pairs


@dataclass(frozen=True)
class Model:
    bias: float
    weights: dict[str, float]
    threshold: float

    def probability(self, feats: frozenset[str]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) for k in crosses(feats))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def model() -> Model | None:
    if not MODEL_FILE.exists():
        return None
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    return Model(
        float(data["bias"]), {k: float(v) for k, v in data["weights"].items()}, float(data["threshold"])
    )


def extra_names(
    text: str,
    language: str | None,
    taken: list[tuple[int, int]],
    found: list[tuple[int, int]],
    threshold: float | None = None,
) -> list[tuple[int, int, float]]:
    """Words outside every span in `taken` that the model calls names: (start, end, probability).
    `found` are the name spans the rules took (evidence for their neighbours)."""
    m = model()
    if m is None or not ENABLED.get():
        return []
    words = candidates(text, language)
    spans = sorted(taken)
    starts = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))  # the furthest end up to each span

    def overlaps(c: Candidate) -> bool:
        i = bisect_left(starts, c.end)  # spans starting before the word ends
        return i > 0 and reach[i - 1] > c.start

    free = {n for n, c in enumerate(words) if not overlaps(c)}
    if not free:
        return []
    cut = m.threshold if threshold is None else threshold
    out = []
    for c, f in zip(words, features(text, language, words, found, free), strict=True):
        if f is None:
            continue
        p = m.probability(f)
        if p >= cut:
            out.append((c.start, c.end, p))
    return out
