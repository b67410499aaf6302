"""Is a word an ordinary Swedish word? hunspell-sv stems, its suffix rules and two-part compounds.

The name recogniser asks this about a capitalised word at the start of a sentence, a list item or
a label ("Skriv under", "- Självmordslinjen: ring 90101", "Organisationsnummer:"), where the capital
says nothing. The gazetteer's `c` flag only knows hunspell's base forms, so inflected forms
("skriv" from "skriva", "fyll" from "fylla") and compounds ("självmordslinjen") are checked here.
Only suffixes are applied (one level; hunspell-sv has no prefixes) and a compound is split once
into two known parts, which is enough to recognise a word and cheap enough to ask per token.

The dictionary is the `hunspell-sv` package's sv_SE.dic/.aff under `<sys.prefix>/share/hunspell`
(also the build input of names.tsv.gz). Without it every word is "unknown", which only makes the
name recogniser fall back to its cue rules.
"""

from __future__ import annotations

import re
import sys
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_DIRS = (Path(sys.prefix) / "share" / "hunspell", Path("/usr/share/hunspell"))
_LONGEST_WORD = 60  # longer "words" (no Swedish word is) are not looked up at all
_MIN_PART = 3  # shortest compound part taken ("bil", "hus"); shorter splits find words everywhere


@dataclass(frozen=True)
class _Rule:
    flag: str
    strip: str
    condition: re.Pattern[str]


@dataclass(frozen=True)
class _Lexicon:
    stems: dict[str, str]  # lower-case stem -> its affix flags
    rules: dict[str, list[_Rule]]  # by the suffix the rule adds
    longest_suffix: int

    def inflected(self, word: str) -> bool:
        """The word is a stem or a stem with one of its suffixes."""
        if word in self.stems:
            return True
        for n in range(1, min(self.longest_suffix, len(word) - 1) + 1):
            for rule in self.rules.get(word[-n:], ()):
                stem = word[:-n] + rule.strip
                flags = self.stems.get(stem)
                if flags is not None and rule.flag in flags and rule.condition.search(stem):
                    return True
        for rule in self.rules.get("", ()):
            stem = word + rule.strip
            flags = self.stems.get(stem)
            if flags is not None and rule.flag in flags and rule.condition.search(stem):
                return True
        return False

    def compound(self, word: str) -> bool:
        """The word is two known words joined ("självmords" + "linjen")."""
        return any(
            self.inflected(word[k:]) and self.inflected(word[:k])
            for k in range(_MIN_PART, len(word) - _MIN_PART + 1)
        )


_lexicon_lock = threading.Lock()


def _lexicon() -> _Lexicon | None:
    # The lock makes concurrent first callers wait for one load instead of each parsing the
    # dictionary (32 parallel loads stalled a fresh server for 15 s).
    with _lexicon_lock:
        return _find_lexicon()


@cache
def _find_lexicon() -> _Lexicon | None:
    for folder in _DIRS:
        dic, aff = folder / "sv_SE.dic", folder / "sv_SE.aff"
        if dic.is_file() and aff.is_file():
            return _load(dic, aff)
    return None


def _load(dic: Path, aff: Path) -> _Lexicon:
    stems: dict[str, str] = {}
    for line in dic.read_text(encoding="utf-8").splitlines()[1:]:
        word, _, flags = line.partition("/")
        word = word.strip()
        # capitalised entries are places, authorities and names: never "ordinary words"
        if word and word[0].islower():
            # flag strings repeat across thousands of stems: one shared copy each (~30 MB in all)
            stems[word] = sys.intern(stems.get(word, "") + flags.strip())
    rules: dict[str, list[_Rule]] = {}
    for line in aff.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 5 or parts[0] != "SFX":
            continue
        flag, strip, add, condition = parts[1], parts[2], parts[3].split("/", 1)[0], parts[4]
        strip = "" if strip == "0" else strip
        add = "" if add == "0" else add
        rules.setdefault(add, []).append(_Rule(flag, strip, re.compile(f"(?:{condition})$")))
    return _Lexicon(stems, rules, max(len(a) for a in rules))


_ACCENTS = {"a": ("a", "å", "ä"), "o": ("o", "ö")}
_MAX_ACCENT_SLOTS = 4  # 3**4 spellings at most


def is_swedish_word_without_accents(word: str) -> bool:
    """True when the word is a Swedish word typed without å/ä/ö ("dor" for "dör", "nar" for "när"),
    as SMS-style messages often are. Only short words are tried (at most four a/o to restore)."""
    low = word.lower()
    if is_swedish_word(low):
        return True
    slots = [i for i, ch in enumerate(low) if ch in _ACCENTS]
    if not slots or len(slots) > _MAX_ACCENT_SLOTS or len(low) > 20:
        return False
    spellings = [low]
    for i in slots:
        spellings = [w[:i] + v + w[i + 1 :] for w in spellings for v in _ACCENTS[low[i]]]
    return any(is_swedish_word(w) for w in spellings if w != low)


def bare_entry(word: str) -> bool:
    """The word is in the dictionary only as a bare lower-case entry without affix flags, as many
    foreign given names are ("mahamed", "eleanor"): weak evidence of an ordinary word."""
    lexicon = _lexicon()
    return lexicon is not None and lexicon.stems.get(word.lower()) == ""


def is_headword(word: str) -> bool:
    """The lower-cased word is itself a dictionary entry (a base form: "iris", "ester", "tack"), not
    only an inflected form of one ("banken", "skriv")."""
    lexicon = _lexicon()
    return lexicon is not None and word.lower() in lexicon.stems


@cache
def proper_nouns() -> frozenset[str]:
    """hunspell-sv's capitalised entries (names, places, brands); empty without the dictionary."""
    for folder in _DIRS:
        dic = folder / "sv_SE.dic"
        if dic.is_file():
            out = set()
            for line in dic.read_text(encoding="utf-8").splitlines()[1:]:
                word = line.partition("/")[0].strip()
                if word[:1].isupper() and not word.isupper():
                    out.add(word)
            return frozenset(out)
    return frozenset()


def is_swedish_word(word: str, *, compounds: bool = False) -> bool:
    """True when the lower-cased word is an ordinary Swedish word (inflected; optionally a compound)."""
    if len(word) > _LONGEST_WORD or not word.isalpha():
        return False  # bounded work: the compound check is quadratic in the word's length
    lexicon = _lexicon()
    if lexicon is None:
        return False
    low = word.lower()
    return lexicon.inflected(low) or (compounds and lexicon.compound(low))
