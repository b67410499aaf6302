"""What kind of answer a question asks for, and which sentences look like that kind of answer.

"Hur lång tid har jag på mig?" wants a sentence with a time ("inom en månad"), "Vad kostar det?"
one with an amount ("1 176 kr"), "Vem betalar?" one naming who, "Hur gör jag?" an instruction.
The composer gives sentences carrying such a cue a bonus, so the one that answers outranks its
neighbours that merely share the topic. Patterns work on lower-cased text with diacritics folded,
so "nar ska arsrakningen in" is read like "när ska årsräkningen in".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from guardrails.text.diacritics import fold_diacritics


@lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """Lower case without diacritics: 'Årsräkning' -> 'arsrakning' (cached: corpus sentences recur)."""
    return fold_diacritics(text.lower())


_NUMBER = r"(?:\d+(?:[ ,.]\d+)*|en|ett|tva|tre|fyra|fem|sex|sju|atta|nio|tio|tolv|one|two|three|four|six|ten)"
_MONTHS = (
    r"(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|"
    r"january|february|march|may|june|july|august|october)"
)
_IMPERATIVES = (
    "lamna|skicka|fyll|begar|skriv|bifoga|kontakta|ring|meddela|anvand|spara|ta|ga|beratta|prata|vand|"
    "ansok|las|kontrollera|se|gor|be|hamta|logga|oppna|betala|sok|boka|tank|satt|anmal|ge|folj|visa|"
    "mejla|ladda|valj|fraga|send|fill|call|contact|ask|apply|attach|sign|write|use|tell|read|check|keep|"
    "book|submit|give|make|take|go|log|email"
)


@dataclass(frozen=True)
class AnswerType:
    name: str
    question: re.Pattern[str]  # a question of this type
    strong: re.Pattern[str]  # a sentence that very likely gives this kind of answer
    weak: re.Pattern[str] | None = None  # a sentence that may
    # The answer is a value (a date, an amount, an address, a phone number): a sentence without one
    # does not answer, however well it matches the question's words.
    value: bool = False


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


TYPES: tuple[AnswerType, ...] = (
    AnswerType(
        "time",
        _p(
            r"\b(nar|hur lang tid|hur lange|hur snart|senast|deadline|tidsfrist|frist|inom hur|"
            r"vilket datum|datum|vilken tid|when|how long|how soon|due|by when|what date|"
            r"vilka tider|oppettid\w*|telefontid\w*|besokstid\w*|what time|opening hours|phone hours|"
            # The same in the other languages people ask in (the answer is then a Swedish page).
            r"milloin|mihin mennessa|kiedy|do kiedy|wann|bis wann|goorma|ka hor goorma)\b|"
            r"متى|چه زمانی|تا کی|መዓስ"
        ),
        _p(
            rf"\b{_NUMBER}\s+(dag|dagar|dagarna|vecka|veckor|veckorna|manad|manader|manaderna|ar|aret|"
            rf"timmar|days?|weeks?|months?|years?)\b|\b(\d{{1,2}}\s+)?{_MONTHS}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b|"
            r"\bar \d{4}\b|\b(sedan|fran och med|since|from) \d{4}\b|"
            # A time of day ("kl. 9.00–11.00", "9-12", "13:00"): the answer to "vilka tider".
            r"\b(kl\.? ?)?\d{1,2}[.:]\d{2}\b|\bkl\.? ?\d{1,2}\b|"
            r"\b\d{1,2} ?[-–] ?\d{1,2}\b(?! ?(kr|%|procent))"
        ),
        _p(
            r"\b(senast|inom|fore|innan|varje ar|arligen|genast|omgaende|sa snart|direkt|i tid|"
            r"before|within|at the latest|immediately|every year|as soon as)\b"
        ),
        value=True,
    ),
    AnswerType(
        "amount",
        _p(
            r"\b(hur mycket|hur mkt|vad kostar|kostar|kostnad\w*|belopp\w*|hur stor\w*|avgift\w*|"
            r"grans\w*|hur hog\w*|hur manga kronor|how much|cost\w*|amount|limit\w*|how high|"
            r"paljonko|kuinka paljon|ile|wie viel|wieviel|immisa|intee)\b|كم|چقدر|ክንደይ"
        ),
        _p(
            r"\d(?:[\d  ]*\d)?(?:,\d+)?\s*(kr|kronor|sek|%|procent|prisbasbelopp\w*|percent)\b|"
            r"\b(kostar (inget|ingenting|inga pengar)|gratis|kostnadsfri\w*|avgiftsfri\w*|free of charge|"
            r"(is|are) free|no fee|does not cost|costs nothing)\b"
        ),
        _p(r"\d"),
        value=True,
    ),
    AnswerType(
        "who",
        _p(r"\b(vem|vilken myndighet|vilka myndigheter|who|whom|which authority)\b"),
        _p(
            r"\b(tingsratten|overformyndar\w*|kommun\w*|regeringen|scb|statistiska centralbyran|"
            r"skatteverket|forsakringskassan|socialtjanst\w*|migrationsverket|kronofogden|domstol\w*|"
            r"myndighet\w*|namnden|court|municipality|government|agency|authority)\b"
        ),
        _p(r"\b(god man|gode mannen|forvaltar\w*|huvudmann\w*|anhorig\w*|vi|oss|we|us)\b"),
    ),
    AnswerType(
        "where",
        _p(r"\b(vart|adress\w*|where|address)\b|\bvar (finns|ligger|skickar|lamnar|hittar|kan|ska|far)\b"),
        _p(
            r"\b(adress|box \d+|\d{3} ?\d{2}|\w+gatan|\w+vagen|\w+torget|e-tjanst\w*|webbplats\w*|"
            r"mina sidor|address|website|e-service)\b|www\.|https?://|@"
        ),
        _p(r"\b(hos|till oss|besok|at|to us|visit)\b"),
        value=True,
    ),
    AnswerType(
        "howto",
        _p(
            r"\b(hur (gor|ska|kan|far|bor) (jag|man|vi|du)|hur ansoker|hur blir (man|jag)|hur gar det till|"
            r"vad (ska|maste|bor) (jag|vi) gora|vad gor (jag|vi)|how (do|can|should) i|how to|"
            r"what (should|do) i do)\b"
        ),
        _p(rf"^({_IMPERATIVES})\b"),
        _p(r"\b(du (ska|behover|maste|kan|bor)|ansok\w*|skicka|lamna|fyll|you (must|should|need|can))\b"),
    ),
    AnswerType(
        "definition",
        _p(r"\b(vad (ar|betyder|innebar|menas med)|what (is|are|does)|what's)\b"),
        _p(r"\b(betyder|innebar|menas|kallas|definieras|means|is called|refers to)\b"),
        _p(r"\b(ar|is|are) (en|ett|a|an|the)\b"),
    ),
    AnswerType(
        "contact",
        _p(r"\b(ring\w*|telefon\w*|kontakta|mejl\w*|e-post|call|phone|email|reach you|contact)\b"),
        _p(r"\b0\d{1,3}[- ]\d{2,3}[ \d]{4,9}\b|\S+@\S+\.\w+|\btelefonnummer\w*|\bphone number"),
        _p(r"\b(ring|telefon\w*|call|phone|oppettider|klockan|kl|e-post|mejl|email|kontakta|contact)\b"),
        value=True,
    ),
)


def question_types(question: str) -> tuple[AnswerType, ...]:
    """The answer types a question asks for (often none, sometimes two: 'när och hur')."""
    text = fold(question)
    return tuple(t for t in TYPES if t.question.search(text))


def value_types(types: tuple[AnswerType, ...]) -> tuple[AnswerType, ...]:
    """The asked types whose answer is a value (see AnswerType.value)."""
    return tuple(t for t in types if t.value)


def cue_strength(sentence: str, types: tuple[AnswerType, ...]) -> float:
    """1 when the sentence carries a strong cue of an asked-for type, 0.5 for a weak one, else 0."""
    if not types:
        return 0.0
    text = fold(sentence)
    best = 0.0
    for t in types:
        if t.strong.search(text):
            return 1.0
        if t.weak is not None and t.weak.search(text):
            best = 0.5
    return best
