"""Tolerant text matching for scoring answers: the same fact written a little differently still counts.

A dataset says an answer must mention "57 300" or "två månader"; the answer may write "57 300 kr",
"57300", "2 månader" or "två månaderna". Matching here is therefore done on normalised, stemmed
token sequences:

- case, Unicode form (NFKC) and every kind of space (no-break, thin, figure) are ignored;
- thousands groups are joined ("57 300" = "57300" = "57 300"), dashes are unified;
- small number words become digits ("två" = "2"; "en"/"ett" only before a unit such as "månad");
- words are reduced with the Snowball stemmer (Swedish and English), so inflections match;
- diacritics are folded after stemming, so "arsrakning" typed without å/ä still matches;
- a needle that is a long number (phone, account, personnummer) matches with any separators.

A needle matches when its token sequence occurs contiguously in the haystack's token sequence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

import Stemmer

_SPACES = re.compile(r"[\u00a0\u2000-\u200b\u202f\u205f\u3000\t\r\n]+")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
# A number written with thousands groups: 1-3 leading digits, then groups of exactly three.
_THOUSANDS = re.compile(r"(?<![\d,.])(\d{1,3})((?:[ ,]\d{3})+)(?![\d])")
_TOKEN = re.compile(r"\w+|[%§×@]", re.UNICODE)
_LONG_NUMBER = re.compile(r"^[+\d\s\-/().]+$")

_NUMBER_WORDS = {
    "två": "2", "tre": "3", "fyra": "4", "fem": "5", "sex": "6", "sju": "7", "åtta": "8", "nio": "9",
    "tio": "10", "elva": "11", "tolv": "12",
    "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
}
# "en"/"ett"/"one" are articles far more often than numbers: only a following unit makes them "1".
_ONE_WORDS = {"en", "ett", "one", "a"}
_UNITS = {
    "månad", "månader", "månaden", "år", "året", "vecka", "veckor", "veckan", "dag", "dagar",
    "prisbasbelopp", "prisbasbeloppet", "gång", "gånger", "month", "months", "year", "years",
    "week", "weeks", "day", "days", "time", "times",
}
_SYNONYMS = {"kronor": "kr", "kronor.": "kr", "sek": "kr", "procent": "%", "percent": "%", "x": "×"}

_STOPWORD_TEXT = (
    """och i att det som en på är av för med till den har de inte om ett han men var jag sig från
    vi så kan man när år säger hon under också efter eller nu sin där vid mot ska skall då hade
    bara alla något du din ditt dina er ert era oss vår vårt våra dem deras denna denne detta dessa
    här hur vad vem vilka vilken vilket än sedan sådan sådant sådana genom hos utan mycket mer
    samt ut upp in över får få måste eftersom även redan någon några ingen inga annat andra
    the a an and or of to in on for is are be with by as at it this that from you your we our
    can may must not no if"""
)
SWEDISH_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@lru_cache(maxsize=4)
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(language)


def fold(text: str) -> str:
    """Remove diacritics: å -> a, ö -> o, é -> e."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise(text: str) -> str:
    """Case, spacing and number formatting made uniform (no stemming yet)."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _SPACES.sub(" ", text)
    text = _DASHES.sub("-", text)
    return _THOUSANDS.sub(lambda m: m.group(1) + re.sub(r"[ ,]", "", m.group(2)), text)


def raw_tokens(text: str) -> list[str]:
    """Normalised tokens before stemming, number words turned into digits."""
    words = _TOKEN.findall(normalise(text))
    out: list[str] = []
    for i, word in enumerate(words):
        word = _SYNONYMS.get(word, word)
        if word in _NUMBER_WORDS:
            word = _NUMBER_WORDS[word]
        elif word in _ONE_WORDS and i + 1 < len(words) and words[i + 1] in _UNITS:
            word = "1"
        out.append(word)
    return out


def tokens(text: str, language: str = "swedish") -> list[str]:
    """Stemmed, diacritic-folded tokens of `text` (language: a Snowball algorithm name)."""
    stemmer = _stemmer(language)
    return [fold(stemmer.stemWord(word)) for word in raw_tokens(text)]


def same_word(a: str, b: str) -> bool:
    """Stems are equal, or one is the other plus a short ending the stemmer did not strip
    ("formaga" / "formagan"); numbers must be equal."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 5 or len(long_) - len(short) > 3 or any(ch.isdigit() for ch in long_):
        return False
    return long_.startswith(short)


def _contains_sequence(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    if not needle:
        return False
    width = len(needle)
    for i in range(len(haystack) - width + 1):
        if all(same_word(haystack[i + j], needle[j]) for j in range(width)):
            return True
    return False


def _number_pattern(needle: str) -> re.Pattern[str] | None:
    digits = re.sub(r"\D", "", needle)
    if len(digits) < 6 or not _LONG_NUMBER.match(needle.strip()):
        return None
    separated = r"[\s\-.\u00a0\u202f\u2009/]{0,2}".join(digits)
    return re.compile(rf"(?<!\d){separated}(?!\d)")


def contains(haystack: str, needle: str) -> bool:
    """True when `needle` (a fact, number or phrase) occurs in `haystack`, tolerantly."""
    if not needle.strip():
        return False
    pattern = _number_pattern(needle)
    if pattern is not None and pattern.search(normalise(haystack)):
        return True
    return any(
        _contains_sequence(tokens(haystack, language), tokens(needle, language))
        for language in ("swedish", "english")
    )


Fact = str | Sequence[str]


def fact_label(fact: Fact) -> str:
    """A fact for display: alternatives joined with ' | '."""
    return fact if isinstance(fact, str) else " | ".join(fact)


def contains_fact(haystack: str, fact: Fact) -> bool:
    """A fact is a string or a list of acceptable alternatives (any one suffices)."""
    alternatives = [fact] if isinstance(fact, str) else list(fact)
    return any(contains(haystack, alternative) for alternative in alternatives)


def found_facts(haystack: str, facts: Iterable[Fact]) -> tuple[list[Fact], list[Fact]]:
    """Split `facts` into (found, missing) for `haystack`."""
    found: list[Fact] = []
    missing: list[Fact] = []
    for fact in facts:
        (found if contains_fact(haystack, fact) else missing).append(fact)
    return found, missing


def content_tokens(text: str, language: str = "swedish") -> list[str]:
    """Stemmed tokens without stop words and one-letter noise: what a sentence claims."""
    stemmer = _stemmer(language)
    out = []
    for word in raw_tokens(text):
        if word in SWEDISH_STOPWORDS or (len(word) < 2 and not word.isdigit()):
            continue
        out.append(fold(stemmer.stemWord(word)))
    return out
