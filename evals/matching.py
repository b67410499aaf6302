"""Tolerant text matching for scoring answers: the same fact written a little differently still counts.

A dataset says an answer must mention "57 300" or "två månader"; the answer may write "57 300 kr",
"57300", "2 månader" or "två månaderna". Matching here is therefore done on normalised, stemmed
token sequences:

- case, Unicode form (NFKC) and every kind of space (no-break, thin, figure) are ignored;
- values are matched as values, whatever their spelling (see `canonical_values`): amounts
  ("57 300 kr" = "57300 kronor" = "57 300:-" = "57.300 SEK"), dates ("1 mars" = "1/3" =
  "den första mars" = "1st of March"; "2025-03-01" = "1 mars 2025" when the year is given),
  phone numbers ("08-508 000 00" = "08 508 000 00" = "+46 8 508 000 00") and times of day
  ("8.00–16.00" = "08:00-16:00" = "kl. 8–16");
- thousands groups are joined ("57 300" = "57300" = "57 300"), dashes are unified;
- small number words become digits ("två" = "2"; "en"/"ett" only before a unit such as "månad" or
  opening a range, "en till två");
- a range is the same range however it is joined: "2–4 månader" = "2 till 4 månader" = "mellan 2 och
  4 månader" = "two to four months"; a bare hour before a clock time is one too ("9 till 11.30" =
  "09.00–11.30");
- words are reduced with the Snowball stemmer (Swedish and English), so inflections match;
- diacritics are folded after stemming when one side has none, so "arsrakning" typed without
  å/ä still matches "årsräkning", while "år" never matches "är";
- a needle that is a long number (phone, account, personnummer) matches with any separators.

A needle matches when its token sequence occurs contiguously in the haystack's token sequence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from guardrails.text.diacritics import fold_diacritics
from guardrails.text.stems import stem_words
from guardrails.text.stopwords import stop_words

_SPACES = re.compile(r"[\u00a0\u2000-\u200b\u202f\u205f\u3000\t\r\n]+")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
# A number written with thousands groups: 1-3 leading digits, then groups of exactly three.
_THOUSANDS = re.compile(r"(?<![\d,.])(\d{1,3})((?:[ ,]\d{3})+)(?![\d])")
_TOKEN = re.compile(r"\w+|[%§×@]", re.UNICODE)
_LONG_NUMBER = re.compile(r"^[+\d\s\-/().]+$")

_NUMBER_WORDS = {
    "två": "2",
    "tre": "3",
    "fyra": "4",
    "fem": "5",
    "sex": "6",
    "sju": "7",
    "åtta": "8",
    "nio": "9",
    "tio": "10",
    "elva": "11",
    "tolv": "12",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
}
# "en"/"ett"/"one" are articles far more often than numbers: only a following unit makes them "1".
_ONE_WORDS = {"en", "ett", "one", "a"}
_UNITS = {
    "månad",
    "månader",
    "månaden",
    "år",
    "året",
    "vecka",
    "veckor",
    "veckan",
    "dag",
    "dagar",
    "prisbasbelopp",
    "prisbasbeloppet",
    "gång",
    "gånger",
    "month",
    "months",
    "year",
    "years",
    "week",
    "weeks",
    "day",
    "days",
    "time",
    "times",
}
# What joins the two ends of a range ("2 till 4", "two to four"; "mellan 2 och 4", "between 2 and
# 4"): dropped, so every spelling of a range is its two values (a dash is no token either).
_RANGE_JOINS = {"till", "to", "until", "à"}
_RANGE_OPENS = {"mellan": "och", "between": "and"}
_SYNONYMS = {
    "kronor": "kr",
    "kronor.": "kr",
    "sek": "kr",
    "procent": "%",
    "percent": "%",
    "x": "×",
    "klockan": "kl",
}

_STOPWORDS = stop_words("scoring", "sv", "en")


# -- values: dates, phone numbers, times of day, amounts ------------------------------------------------
# Each is rewritten to one canonical token, in haystack and needle alike, so a value matches a value
# however it is spelled: dates "d<MMDD>" (+ the year as its own token when given), phone numbers
# as their digits with the trunk 0, times "t<HHMM>", amounts "<digits> kr".
_MONTHS = {
    1: "januari january jan januar",
    2: "februari february feb februar",
    3: "mars march mar märz",
    4: "april apr",
    5: "maj may mai",
    6: "juni june jun",
    7: "juli july jul",
    8: "augusti august aug",
    9: "september sept sep",
    10: "oktober october okt oct",
    11: "november nov",
    12: "december dec dezember",
}
_MONTH_NUMBER = {name: number for number, names in _MONTHS.items() for name in names.split()}
_MONTH = "(" + "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True)) + r")\.?(?!\w)"
_SV_ORDINAL_TEXT = (
    "första andra tredje fjärde femte sjätte sjunde åttonde nionde tionde elfte tolfte trettonde "
    "fjortonde femtonde sextonde sjuttonde artonde nittonde tjugonde"
)
_EN_ORDINAL_TEXT = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
)
_SV_ORDINALS = _SV_ORDINAL_TEXT.split()
_EN_ORDINALS = _EN_ORDINAL_TEXT.split()
_ORDINAL_NUMBER = {word: i for words in (_SV_ORDINALS, _EN_ORDINALS) for i, word in enumerate(words, 1)}
for _i, _word in enumerate(_SV_ORDINALS[:9], 1):
    _ORDINAL_NUMBER[f"tjugo{_word}"] = 20 + _i
_ORDINAL_NUMBER["trettionde"] = 30
_ORDINAL_NUMBER["trettioförsta"] = 31
for _i, _word in enumerate(_EN_ORDINALS[:9], 1):
    _ORDINAL_NUMBER[f"twenty-{_word}"] = 20 + _i
    _ORDINAL_NUMBER[f"twenty {_word}"] = 20 + _i
_ORDINAL_NUMBER["thirtieth"] = 30
_ORDINAL_NUMBER["thirty-first"] = 31
_ORDINAL = "(" + "|".join(sorted(_ORDINAL_NUMBER, key=len, reverse=True)) + ")"
_YEAR = r"(?:,?\s+((?:19|20)\d\d)(?!\d))?"
_DAY_SUFFIX = r"(?::?[ae]|st|nd|rd|th|\.)?"
_ISO_DATE = re.compile(r"(?<![\d\-])((?:19|20)\d\d)-(\d\d?)-(\d\d?)(?![\d\-])")
_NUMERIC_DATE = re.compile(r"(?<![\d/.,])(\d\d?)/(\d\d?)(?:/((?:19|20)?\d\d))?(?![\d/])")
_DOTTED_DATE = re.compile(r"(?<![\d.,])(\d\d?)\.(\d\d?)\.((?:19|20)\d\d)(?!\d)")
_DAY_MONTH = re.compile(rf"(?<![\d.,])(\d\d?){_DAY_SUFFIX}\s+(?:of\s+)?{_MONTH}{_YEAR}")
_MONTH_DAY = re.compile(rf"(?<!\w){_MONTH}\s+(\d\d?)(?:st|nd|rd|th)?(?![\d:.]\d|\d){_YEAR}")
_ORDINAL_MONTH = re.compile(rf"(?<!\w){_ORDINAL}\s+(?:of\s+)?{_MONTH}{_YEAR}")

_INTERNATIONAL = re.compile(r"(?<![\w+])(?:\+\s?46|0046)[\s\-]*(?:\(0\)[\s\-]*)?(?=\d)")
_PHONE = re.compile(r"(?<![\w.,:/])\(?0\d{1,3}\)?(?:[ \-/]?\d{1,4}){1,5}(?![\w])")

_AM_PM = re.compile(r"(?<![\d.:])(\d\d?)(?:[.:]([0-5]\d))?\s*([ap])\.?m\.?(?!\w)")
_CLOCK = re.compile(r"(?<![\d.,:/])([01]?\d|2[0-3])[.:]([0-5]\d)(?!\d|[.,:]\d)")
# A bare hour that opens a range to a clock time ("9 till 11.30", "9-11.30") is a clock time too.
_HOUR_BEFORE_CLOCK = re.compile(r"(?<![\d.,:/])([01]?\d|2[0-3])(\s*(?:-|till|to|until)\s*)(?=t\d{4}\b)")
# "kl 13-15", "klockan 13 till 15": both ends are clock hours.
_KL_HOURS = re.compile(
    r"\b(kl|klockan)\.?\s*([01]?\d|2[0-3])(?:\s*(?:-|till|to|until)\s*([01]?\d|2[0-3]))?(?!\d|[.:]\d|\s*%)"
)

_DOT_THOUSANDS = re.compile(r"(?<![\d,.])(\d{1,3})((?:\.\d{3})+)(?=\s*(?:kr|kronor|sek|:-))")
_DOT_THOUSANDS_LONG = re.compile(r"(?<![\d,.])(\d{1,3})((?:\.\d{3}){2,})(?![\d.])")
_ZERO_DECIMALS = re.compile(r"(\d)[,.:]00?(?=\s*(?:kr|kronor|sek|:-))")
_COLON_DASH = re.compile(r"(\d)\s*:-")
_GLUED_CURRENCY = re.compile(r"(\d)(kr|kronor|sek)\b")


def _date_token(day: int, month: int, year: str | None) -> str | None:
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    return f" d{month:02d}{day:02d}" + (f" {year}" if year else "") + " "


def _replace_date(match: re.Match[str], day: int, month: int, year: str | None) -> str:
    return _date_token(day, month, year) or match.group(0)


def _dates(text: str) -> str:
    text = _ISO_DATE.sub(lambda m: _replace_date(m, int(m.group(3)), int(m.group(2)), m.group(1)), text)
    text = _DOTTED_DATE.sub(lambda m: _replace_date(m, int(m.group(1)), int(m.group(2)), m.group(3)), text)

    def numeric(m: re.Match[str]) -> str:
        year = m.group(3)
        if year and len(year) == 2:
            year = "20" + year
        return _replace_date(m, int(m.group(1)), int(m.group(2)), year)

    text = _NUMERIC_DATE.sub(numeric, text)
    text = _DAY_MONTH.sub(
        lambda m: _replace_date(m, int(m.group(1)), _MONTH_NUMBER[m.group(2)], m.group(3)), text
    )
    text = _MONTH_DAY.sub(
        lambda m: _replace_date(m, int(m.group(2)), _MONTH_NUMBER[m.group(1)], m.group(3)), text
    )
    return _ORDINAL_MONTH.sub(
        lambda m: _replace_date(m, _ORDINAL_NUMBER[m.group(1)], _MONTH_NUMBER[m.group(2)], m.group(3)),
        text,
    )


def _phones(text: str) -> str:
    text = _INTERNATIONAL.sub("0", text)

    def joined(m: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", m.group(0))
        return digits if 7 <= len(digits) <= 12 else m.group(0)

    return _PHONE.sub(joined, text)


def _times(text: str) -> str:
    def am_pm(m: re.Match[str]) -> str:
        hour = int(m.group(1)) % 12 + (12 if m.group(3) == "p" else 0)
        return f"t{hour:02d}{m.group(2) or '00'}" if hour < 24 else m.group(0)

    text = _AM_PM.sub(am_pm, text)
    text = _CLOCK.sub(lambda m: f"t{int(m.group(1)):02d}{m.group(2)}", text)
    text = _HOUR_BEFORE_CLOCK.sub(lambda m: f"t{int(m.group(1)):02d}00{m.group(2)}", text)

    def hours(m: re.Match[str]) -> str:
        out = f"{m.group(1)} t{int(m.group(2)):02d}00"
        return out + (f" - t{int(m.group(3)):02d}00" if m.group(3) else "")

    return _KL_HOURS.sub(hours, text)


def _amounts(text: str) -> str:
    text = _DOT_THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace(".", ""), text)
    text = _DOT_THOUSANDS_LONG.sub(lambda m: m.group(1) + m.group(2).replace(".", ""), text)
    text = _THOUSANDS.sub(lambda m: m.group(1) + re.sub(r"[ ,]", "", m.group(2)), text)
    text = _ZERO_DECIMALS.sub(r"\1", text)
    text = _COLON_DASH.sub(r"\1 kr", text)
    return _GLUED_CURRENCY.sub(r"\1 \2", text)


def canonical_values(text: str) -> str:
    """Dates, phone numbers, times and amounts in (lower-cased, space-normalised) `text` rewritten to
    one spelling each. Dates go first (an ISO date must not read as a phone number), phone numbers
    before thousands groups ("08 508 000 00" is not 08 508 000 and 00)."""
    return _amounts(_times(_phones(_dates(text))))


def normalise(text: str) -> str:
    """Case, spacing, number formatting and values made uniform (no stemming yet)."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _SPACES.sub(" ", text)
    text = _DASHES.sub("-", text)
    return re.sub(r" {2,}", " ", canonical_values(text)).strip()


_VALUE = re.compile(r"^(?:\d+|[td]\d{4})$")


def _is_number(words: list[str], i: int) -> bool:
    """Whether words[i] is a value (digits, a canonical time or date) or a number word."""
    return 0 <= i < len(words) and (bool(_VALUE.match(words[i])) or words[i] in _NUMBER_WORDS)


def raw_tokens(text: str) -> list[str]:
    """Normalised tokens before stemming, number words turned into digits, ranges as their two
    values."""
    words = _TOKEN.findall(normalise(text))
    out: list[str] = []
    closing: str | None = None  # the "och"/"and" that closes a "mellan"/"between" range
    for i, word in enumerate(words):
        word = _SYNONYMS.get(word, word)
        opens = word in _RANGE_OPENS and _is_number(words, i + 1) and _is_number(words, i + 3)
        if opens and words[i + 2] == _RANGE_OPENS[word]:
            closing = words[i + 2]
            continue
        if word == closing and _is_number(words, i - 1) and _is_number(words, i + 1):
            closing = None
            continue
        after_number = bool(out) and (_is_number(words, i - 1) or out[-1] == "1")
        if word in _RANGE_JOINS and after_number and _is_number(words, i + 1):
            continue
        if word in _NUMBER_WORDS:
            word = _NUMBER_WORDS[word]
        elif word in _ONE_WORDS and i + 1 < len(words) and words[i + 1] in _UNITS:
            word = "1"
        elif word in _ONE_WORDS and i + 2 < len(words) and words[i + 1] in _RANGE_JOINS:
            # "en till två arbetsdagar": "en" opens a range, so it is the number one.
            word = "1" if _is_number(words, i + 2) else word
        out.append(word)
    return out


def tokens(text: str, language: str = "sv") -> list[str]:
    """Stemmed, diacritic-folded tokens of `text` (language: "sv" or "en")."""
    return [fold_diacritics(stem) for stem in stem_words(raw_tokens(text), language)]


def same_word(a: str, b: str) -> bool:
    """Stems are equal, or one is the other plus a short ending the stemmer did not strip
    ("formaga" / "formagan"); numbers must be equal."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 5 or len(long_) - len(short) > 3 or any(ch.isdigit() for ch in long_):
        return False
    return long_.startswith(short)


def _stems(text: str, language: str) -> list[str]:
    """Stemmed tokens with their diacritics (for `contains`, see `_same_stem`)."""
    return stem_words(raw_tokens(text), language)


def _same_stem(a: str, b: str) -> bool:
    """`same_word`, but diacritics are folded only when one side was typed without any: "arsrakning"
    matches "årsräkning", while "år" (year) never matches "är" (is)."""
    if a == b:
        return True
    if a.isascii() or b.isascii():
        return same_word(fold_diacritics(a), fold_diacritics(b))
    return same_word(a, b)


def _contains_sequence(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    if not needle:
        return False
    width = len(needle)
    for i in range(len(haystack) - width + 1):
        if all(_same_stem(haystack[i + j], needle[j]) for j in range(width)):
            return True
    return False


def _number_pattern(needle: str) -> re.Pattern[str] | None:
    """A needle that is only a number of five or more digits ("114 14", "08-508 000 00") matches it
    written with any separators."""
    canonical = normalise(needle)
    digits = re.sub(r"\D", "", canonical)
    if len(digits) < 5 or not _LONG_NUMBER.match(canonical):
        return None
    separated = r"[\s\-.\u00a0\u202f\u2009/()]{0,2}".join(digits)
    return re.compile(rf"(?<!\d){separated}(?!\d)")


def contains(haystack: str, needle: str) -> bool:
    """True when `needle` (a fact, number or phrase) occurs in `haystack`, tolerantly."""
    if not needle.strip():
        return False
    pattern = _number_pattern(needle)
    if pattern is not None and pattern.search(normalise(haystack)):
        return True
    return any(
        _contains_sequence(_stems(haystack, language), _stems(needle, language)) for language in ("sv", "en")
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


def content_tokens(text: str, language: str = "sv") -> list[str]:
    """Stemmed tokens without stop words and one-letter noise: what a sentence claims."""
    words = [w for w in raw_tokens(text) if w not in _STOPWORDS and (len(w) >= 2 or w.isdigit())]
    return [fold_diacritics(stem) for stem in stem_words(words, language)]
