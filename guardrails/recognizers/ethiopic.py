"""Names in Ge'ez script (Tigrinya, Amharic): "ሃብቶም ተስፋይ", "ዳዊት".

Eritreans and Ethiopians in Stockholm write Tigrinya or Amharic to the office, and their names in
Ge'ez script. No gazetteer of names in that script is installed, but the script is a syllabary whose
every character is a consonant and a vowel (Unicode names them: "ETHIOPIC SYLLABLE TA"), so a word
is read out in Latin letters ("ተስፋይ" -> "tesfay") and looked up in the Latin-script names list,
which holds Eritrean and Ethiopian names ("Tesfay", "Habtom", "Dawit"). The sixth order's vowel is
short or silent and the first order's is written "e" or "a", so a few spellings are tried.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from itertools import product

ETHIOPIC_LETTERS = "\u1200-\u135a\u1380-\u1399\u2d80-\u2ddf"
ETHIOPIC_WORD = re.compile(f"[{ETHIOPIC_LETTERS}]+")

# Consonants as Unicode names them, in the usual Latin spelling of names.
_CONSONANTS = {
    "HH": "h", "SZ": "s", "QH": "q", "Q": "k", "QW": "kw", "C": "ch", "X": "h", "NY": "ny", "GLOTTAL": "",
    "KX": "k", "KXW": "kw", "PHARYNGEAL": "", "ZH": "zh", "DD": "d", "GG": "g", "TH": "t", "CH": "ch",
    "PH": "p", "TS": "ts", "TZ": "ts", "SH": "sh", "V": "v", "W": "w", "Y": "y", "J": "j",
}  # fmt: skip
# Vowel orders: first, second ... seventh; a list is the spellings to try.
_VOWELS = {"A": ["e", "a"], "U": ["u"], "I": ["i"], "AA": ["a"], "EE": ["e"], "E": ["", "e", "i"], "O": ["o"]}
_NAME = re.compile(
    r"ETHIOPIC SYLLABLE (?:(GLOTTAL|PHARYNGEAL) )?([A-Z]*?)(WAA|WA|WI|WEE|WE|A|AA|U|I|EE|E|O|OA)$"
)
_MAX_SPELLINGS = 48


@cache
def _syllable(ch: str) -> tuple[str, tuple[str, ...]]:
    """(consonant, vowel spellings) of one syllable; ("", ()) for a character that is none."""
    name = unicodedata.name(ch, "")
    m = _NAME.match(name)
    if m is None:
        return "", ()
    throat, consonant, vowel = m.groups()
    latin = "" if throat else _CONSONANTS.get(consonant, consonant.lower())
    if vowel.startswith("W") and vowel not in ("WA",):
        latin, vowel = latin + "w", vowel[1:] or "A"
    if vowel == "WA":
        latin, vowel = latin + "w", "A"
    if vowel == "OA":
        vowel = "O"
    return latin, tuple(_VOWELS.get(vowel, ["a"]))


def spellings(word: str) -> list[str]:
    """Latin spellings of a Ge'ez word, capitalised ("ተስፋይ" -> ["Tesfay", ...]), at most a few dozen."""
    parts = [_syllable(ch) for ch in word]
    if not parts or any(not vowels for _, vowels in parts):
        return []
    out: list[str] = []
    # a word-final sixth order is silent ("ሰላም" -> "selam", not "selame")
    last = len(parts) - 1
    choices = [vowels if k < last or vowels[0] != "" else ("",) for k, (_, vowels) in enumerate(parts)]
    for combo in product(*choices):
        out.append("".join(c + v for (c, _), v in zip(parts, combo, strict=True)).capitalize())
        if len(out) >= _MAX_SPELLINGS:
            break
    return out


@cache
def is_known_name(word: str) -> bool:
    """Whether some Latin spelling of the Ge'ez `word` is a known name that is no ordinary word."""
    from guardrails.recognizers.names import gazetteer  # names imports the script recognisers

    gaz = gazetteer()
    for spelling in spellings(word):
        info = gaz.names.get(spelling)
        if info is not None and not info.common and len(spelling) >= 3:
            return True
    return False
