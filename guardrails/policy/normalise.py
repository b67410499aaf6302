"""Text normalisation for robust trigger matching.

Messages arrive in every register: "hjäääälp", "nar far ja mitt arvode", "kan ja snacka me nån",
"sjalvmordstankar". Triggers are matched against one canonical *folded* form of the text, and the
policy's phrases and regexes are folded the same way when the policy loads, so a rule author
writes ordinary Swedish and the matcher sees the same skeleton on both sides:

- lowercase, Unicode compatibility form, diacritics dropped (å, ä -> a; ö, ø -> o; é -> e);
  Arabic short vowels and tatweel dropped, alef/yeh/teh-marbuta variants unified;
- apostrophes removed ("don't" -> "dont"), every other non-word character becomes a space;
- runs of the same letter collapse to one ("hjäääälp" -> "hjalp", "komma" -> "koma"); digits are
  left alone because "112" and "12" are different numbers;
- informal and abbreviated spellings map to one canonical word ("nån" -> "någon", "mej" -> "mig",
  "u" -> "you").

Typos are handled at token level by `within_one` (one insertion, deletion, substitution or
transposition) for longer words, using the deletion neighbourhood so matching stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from guardrails.text.diacritics import fold_diacritics

# Letters NFKD does not decompose, and Arabic letter variants written interchangeably online.
_EXTRA = str.maketrans(
    {
        "ø": "o",
        "æ": "a",
        "ß": "ss",
        "ð": "d",
        "þ": "th",
        "ł": "l",
        "ـ": "",  # tatweel (kashida), a stretching stroke
        "ة": "ه",  # teh marbuta written as heh
        "ى": "ي",  # alef maqsura written as yeh
        "’": "",
        "'": "",
        "`": "",
        "´": "",
    }
)
_NON_WORD = re.compile(r"[\W_]+")
_REPEATS = re.compile(r"([^\W\d_])\1+")

# Informal -> canonical spellings (written naturally here; folded once at import).
_SPELLINGS_RAW: dict[str, str] = {
    # Swedish chat register
    "nån": "någon",
    "nåon": "någon",
    "ngn": "någon",
    "nåt": "något",
    "ngt": "något",
    "nåra": "några",
    "mej": "mig",
    "dej": "dig",
    "sej": "sig",
    "ja": "jag",
    "int": "inte",
    "va": "vad",
    "mkt": "mycket",
    "tfn": "telefon",
    "tel": "telefon",
    "dom": "de",
    "snacka": "prata",
    "pratar": "prata",
    "hanläggare": "handläggare",
    "handläggaren": "handläggare",
    "godman": "god man",
    "godmannen": "gode mannen",
    # English chat register
    "u": "you",
    "ur": "your",
    "r": "are",
    "pls": "please",
    "plz": "please",
    "wanna": "want to",
    "gonna": "going to",
    "im": "i am",
    "ive": "i have",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "cant": "can not",
    "cannot": "can not",
    "wont": "will not",
    "isnt": "is not",
}


def _fold_chars(text: str) -> str:
    return fold_diacritics(text.casefold()).translate(_EXTRA)


def _fold_word_run(text: str) -> str:
    return _REPEATS.sub(r"\1", _fold_chars(text))


_SPELLINGS: dict[str, tuple[str, ...]] = {}
for _informal, _canonical in _SPELLINGS_RAW.items():
    _key = _fold_word_run(_informal)
    _value = tuple(_fold_word_run(_canonical).split())
    if _value != (_key,):
        _SPELLINGS[_key] = _value


def fold_tokens(text: str) -> list[str]:
    """The folded, spelling-normalised tokens of `text`."""
    flat = _NON_WORD.sub(" ", _fold_chars(text))
    tokens: list[str] = []
    for raw in flat.split():
        token = _REPEATS.sub(r"\1", raw)
        tokens.extend(_SPELLINGS.get(token, (token,)))
    return tokens


def fold(text: str) -> str:
    """The folded form of `text`: tokens joined by single spaces (what regex triggers see)."""
    return " ".join(fold_tokens(text))


def fold_pattern(pattern: str) -> str:
    """Fold the literal letters of a regex the same way `fold` folds text.

    Escapes (\\b, \\s, \\d ...) are copied untouched; runs of the same literal letter collapse,
    so "komma" in a pattern matches "koma" in folded text. Ranges with non-ASCII letters
    ("[a-ö]") are not supported: write the letters out.
    """
    out: list[str] = []
    last_letter = ""
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            out.append(pattern[i : i + 2])
            last_letter = ""
            i += 2
            continue
        folded = _fold_chars(ch) if ch.isalpha() or ch in "’'`´" else ch
        for piece in folded:
            if piece.isalpha():
                if piece == last_letter:
                    continue
                last_letter = piece
            else:
                last_letter = ""
            out.append(piece)
        i += 1
    return "".join(out)


def deletions(word: str) -> frozenset[str]:
    """Every string made by deleting one character of `word`."""
    return frozenset(word[:i] + word[i + 1 :] for i in range(len(word)))


def within_one(a: str, b: str) -> bool:
    """True when a and b differ by at most one edit (insert, delete, substitute, transpose)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long_ = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


@lru_cache(maxsize=4096)
def fold_phrase(phrase: str) -> tuple[str, ...]:
    """Fold one phrase segment into tokens, keeping a trailing '*' (prefix) and a leading '=' (exact)."""
    tokens: list[str] = []
    for raw in phrase.split():
        exact = raw.startswith("=")
        star = raw.endswith("*")
        folded = fold_tokens(raw.strip("=*"))
        if exact and folded:
            folded[0] = "=" + folded[0]
        if star and folded:
            folded[-1] += "*"
        tokens.extend(folded)
    return tuple(tokens)


def vocabulary(phrases: Iterable[str]) -> set[str]:
    """All folded tokens used by `phrases` (for diagnostics and tests)."""
    return {token for phrase in phrases for token in fold_phrase(phrase)}
