"""Text as the recognisers see it: NFKC, invisible characters out, look-alikes folded, with a map
back to the original offsets.

People and attackers type personal data in forms a regular expression does not expect: full-width
or Arabic-Indic digits ("１９５００１０１", "١٩٤٤"), mathematical digits, a zero-width space or soft
hyphen inside a number, a minus sign (U+2212) or a non-breaking space as separator, a name with a
Cyrillic "а" inside ("Аnna"), an "O" for a zero in a phone number. `fold(text)` turns all of that
into the plain form the recognisers are written for and remembers, for every character of the
folded text, which characters of the original produced it. Detection runs on the folded text; the
spans are mapped back (`Folded.span`) so redaction replaces the right original characters,
invisible ones inside a value included.

What is folded:
- every format character (Unicode category Cf: zero-width space/joiners, word joiner, soft hyphen,
  byte-order mark, bidi controls) and variation selectors are removed, except a zero-width space
  between a lower-case letter and a capital, which is read as the space it stands for;
- each character with its combining marks is put in NFKC form (full-width letters, digits and
  "＠", ligatures, superscripts, compatibility spaces);
- any decimal digit of any script becomes its ASCII digit (NFKC leaves Arabic-Indic digits alone);
- dashes and minus signs become "-", unusual spaces become " ", the fraction slash "/";
- in a word that mixes Latin with Cyrillic or Greek letters, the Cyrillic/Greek look-alikes
  become their Latin twins ("Аnna" -> "Anna"); a word written wholly in Cyrillic is left as it is
  (it is Russian, and the name gazetteer knows Cyrillic names); a Cyrillic word with Latin letters
  typed into it, holding a Cyrillic letter that has no Latin twin, is read the other way, its Latin
  letters as the Cyrillic ones they are said as ("Оleна" -> "Олена"). Such words are remembered
  (`Folded.mixed`): a word typed in two scripts is itself a sign of a disguised value;
- the Arabic tatweel (a stretching stroke, "لـيـلـى") is removed like an invisible character;
- inside a run of digits, the letters O/o and I/l that stand for 0 and 1 ("07O-174 06 l2",
  "l958O62l-l7l9": at least six real digits and no more letters than digits);
- marks drawn around or over a digit (keycaps "0️⃣", enclosing circles) are removed;
- a pictograph or other symbol between two digits ("070📞174📞06📞87") becomes "-", a separator.

Ordinary Swedish text (ASCII plus Latin letters such as å, ä, ö, é, ü) takes a fast path: one
regular-expression check and no map.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from guardrails.text.entities_html import decoded, has_reference
from guardrails.text.line_breaks import has_broken_word, joined
from guardrails.text.ocr_swaps import has_ocr_word, ocr_words
from guardrails.text.quoted_fields import has_quoted_pair, unquoted

# Characters outside ASCII and the Latin-1/Latin Extended-A letters, or inside them but changed
# by NFKC (ĳ, ŀ, ŉ, ſ) and the Latin-1 punctuation block (nbsp, soft hyphen, superscripts).
_SUSPECT = re.compile(r"[^\x00-\x7f\u00c0-\u0131\u0134-\u013e\u0141-\u0148\u014a-\u017e]")
_MARK = r"[-./+_,:;·•|\\*~=]"  # the marks a number's groups may be joined by (as digit_chains.py)
_SEP = r"[ \t]{0,2}" + _MARK + r"?[ \t]{0,2}"  # between two groups: spaces and at most one mark
# Cyrillic and Greek letters that look like O and I, glued to a digit ("19О9O527": a Cyrillic О
# typed into a number): read as the Latin letter, which the digit-letter fold then reads as a digit.
_SCRIPT_DIGIT_LETTER = re.compile(r"(?<=[\dOoIl])[ОоΟοІіΙ]+|[ОоΟοІіΙ]+(?=[\dOoIl])")
_SCRIPT_DIGIT_LATIN = str.maketrans("ОоΟοІіΙ", "OoOoIiI")
# a group of a number: digits with O/o/I/l among them, or one or two of O and l ("O 0 0 1 0 1 ...",
# "19 99 02 Ol 00 09")
# S, B and Z (5, 8, 2 to a scanner) only glued before a digit or a look-alike ("19B80907", "IZ3")
_L = r"(?:[\dOoIl]|[SBZ](?=[\dOoIl]))"
_G = r"(?:\d" + _L + r"*|(?:[OoIl]|[SBZ](?=[\dOoIl]))" + _L + r"*\d" + _L + r"*|[Ol][Ol]?(?![^\W\d_]))"
_JOIN = r"(?:[ \t]{0,2}" + _MARK + r"[ \t]{0,2}|[ \t]{1,3}|" + _SEP + r"\n[ \t]{0,2})"
_LOOKALIKE_RUN = re.compile(_G + r"(?:" + _JOIN + _G + r")*")
_LOOKALIKE_DIGITS = str.maketrans("OoIlSBZ", "0011582")
# Cue words a number is glued to ("pnrl9990101...", "nrO701..."): a look-alike after them is a digit.
_OCR_MIN_DIGITS = 2  # a scanned message's numbers: "l7", "ll4 60" (a typed one needs six digits)
_NUMBER_CUES = frozenset(
    ["pnr", "nr", "pnummer", "personnummer", "persnr", "tfn", "tlf", "tel", "telnr", "mobilnr", "bg", "pg",
     "konto", "kontonr", "ssn", "id", "no"]
)  # fmt: skip
# Where a digit-letter fold may be needed: a look-alike glued to a digit, one or two O/l standing
# alone beside a number, or glued to the end of a number cue before a spaced number ("pnrl 9 9 9 …").
_DIGIT_LETTER = re.compile(
    r"\d[OoIlSBZ]|[OoIlSBZ]\d|(?<![^\W\d_])[Ol]{1,2}" + _SEP + r"\d|\d" + _SEP + r"[Ol]{1,2}(?![^\W\d_])"
    r"|(?i:(?<![^\W\d_])(?:"
    + "|".join(sorted(_NUMBER_CUES, key=len, reverse=True))
    + r"))[Ol]{1,2}"
    + _SEP
    + r"\d"
)
_WORD = re.compile(r"[^\W\d_]+")
# tags around values ("<PERSON>", "</LOCATION>") and Markdown emphasis against a word ("***Bob***")
_MARKUP_TAG = re.compile(r"</?[A-Z][A-Z_]{1,20}>|(?<![\d*])\*{2,3}(?=[^\W\d_])|(?<=[^\W\d_])\*{2,3}(?![\d*])")

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d\u02d7\u2796"
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_SPECIAL = {**{c: "-" for c in _DASHES}, **{c: " " for c in _SPACES}, "\u2044": "/", "\u2215": "/"}

# Cyrillic and Greek letters that look like Latin ones (the pairs a reader cannot tell apart).
_CONFUSABLE = str.maketrans(
    {
        **dict(zip("аеорсхуіјѕԁһԛԝӏ", "aeopcxyijsdhqwl", strict=True)),
        **dict(zip("АВЕКМНОРСТХУІЈЅԌ", "ABEKMHOPCTXYIJSG", strict=True)),
        **dict(zip("αοιρτυνκχ", "aoiptuvkx", strict=True)),
        **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX", strict=True)),
    }
)


# Latin letters typed into a Cyrillic word, as the Cyrillic letters they are said as ("Оleна").
_LATIN_AS_CYRILLIC = str.maketrans(
    dict(
        zip(
            "abcdefghiklmnoprstuvyzABCDEFGHIKLMNOPRSTUVYZ",
            "абцдефгх\u0456клмнопрстувизАБЦДЕФГХ\u0406КЛМНОПРСТУВИЗ",
            strict=True,
        )
    )
)


def _script(ch: str) -> str:
    if ch.isascii() or "\u00c0" <= ch <= "\u024f":
        return "latin"
    if "\u0400" <= ch <= "\u052f":
        return "cyrillic"
    if "\u0370" <= ch <= "\u03ff":
        return "greek"
    return "other"


@dataclass(frozen=True)
class Folded:
    """The folded text and, unless nothing changed length, where each of its characters came from."""

    text: str
    original: str
    starts: tuple[int, ...] | None = None  # folded index -> first original index of its source
    ends: tuple[int, ...] | None = None  # folded index -> end (exclusive) of its source
    mixed: tuple[tuple[int, int], ...] = ()  # folded spans of the words that mixed scripts

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span behind folded [start, end)."""
        if self.starts is None or self.ends is None:
            return start, end
        if start >= end:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


@lru_cache(maxsize=4096)
def _fold_cluster(cluster: str) -> str:
    ch = cluster[0]
    if ch in _SPECIAL and len(cluster) == 1:
        return _SPECIAL[ch]
    if ch.isdigit() and len(cluster) == 1 and unicodedata.digit(ch, None) is not None:
        return str(unicodedata.digit(ch))
    folded = unicodedata.normalize("NFKC", cluster)
    out = []
    for c in folded:
        if unicodedata.category(c) == "Cf" or "\ufe00" <= c <= "\ufe0f":
            continue
        if c in _SPECIAL:
            c = _SPECIAL[c]
        elif c.isdigit() and not c.isascii() and unicodedata.digit(c, None) is not None:
            c = str(unicodedata.digit(c))
        out.append(c)
    return "".join(out)


def _ethiopic_number(run: str) -> int:
    """The value of a run of Ge'ez numerals: units ፩-፱ and tens ፲-፺ add up, ፻ (100) multiplies what
    came before it in its group, ፼ (10 000) closes a group."""
    total = group = current = 0
    for ch in run:
        code = ord(ch)
        if code <= 0x1371:
            current += code - 0x1368
        elif code <= 0x137A:
            current += (code - 0x1371) * 10
        elif code == 0x137B:
            group += (current or 1) * 100
            current = 0
        else:
            total += (group + current or 1) * 10_000
            group = current = 0
    return total + group + current


def _invisible(ch: str) -> bool:
    """Format characters (zero-width, soft hyphen, bidi, BOM), variation selectors and the Arabic
    tatweel (it only stretches a word)."""
    return (
        unicodedata.category(ch) == "Cf"
        or "\ufe00" <= ch <= "\ufe0f"
        or "\U000e0100" <= ch <= "\U000e01ef"
        or ch == "\u0640"
    )


def _digit_at(text: str, k: int) -> bool:
    """A digit at `k`, invisible characters (a variation selector after an emoji) skipped."""
    while k < len(text) and _invisible(text[k]):
        k += 1
    return k < len(text) and text[k].isdigit()


def _unmarked(text: str) -> str:
    """Markup tags around values ("<PERSON>Holly Berry</PERSON>", "<LOCATION>...") and emphasis marks
    ("**Bob**") read as spaces, same length: the value inside is then a word like any other."""
    if '"' in text and has_quoted_pair(text):
        text = unquoted(text)  # '"huvudman":"Berit Kron"' (see text/quoted_fields.py)
    if "<" not in text and "**" not in text:
        return text
    return _MARKUP_TAG.sub(lambda m: " " * len(m.group(0)), text)


def fold(text: str, stage: int = 0) -> Folded:
    """Fold `text` for detection (see the module docstring). `stage` counts the passes that change
    the length already done (each runs once; see `_through`)."""
    if stage < 1 and "&" in text and has_reference(text):
        return _through(text, *decoded(text), 1)
    if stage < 2 and "-" in text and "\n" in text and has_broken_word(text):
        return _through(text, *joined(text), 2)
    unmarked = _unmarked(text)
    if unmarked is not text:
        folded = fold(unmarked, 2)
        if folded.text == unmarked:
            return Folded(unmarked, text)  # same length: no map needed
        return Folded(folded.text, text, folded.starts, folded.ends, folded.mixed)
    if _SUSPECT.search(text) is None:
        if has_ocr_word(text):  # a scanned text: "Go1hemsvägen", "ll4 60" (see text/ocr_swaps.py)
            return Folded(_fold_digit_letters(ocr_words(text), _OCR_MIN_DIGITS), text)
        if _DIGIT_LETTER.search(text) is None:
            return Folded(text, text)
        return Folded(_fold_digit_letters(text), text)  # same length: no map needed
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        if ch == "\u200b" and out and out[-1].islower() and j < n and text[j].isupper():
            # a zero-width space is a space between two words glued by it ("Semhar\u200bKidane": a
            # lower-case letter, then a capital); inside a number or a word it is dropped
            out.append(" ")
            starts.append(i)
            ends.append(j)
            i = j
            continue
        if _invisible(ch) or (out and out[-1].isdigit() and unicodedata.category(ch) in ("Me", "Mn")):
            # invisible, or a mark drawn around/over a digit ("0️⃣": keycap, enclosing circle):
            # dropped, and counted with the character before it (a value ending there takes it)
            if ends:
                ends[-1] = i + 1
            i += 1
            continue
        if out and out[-1].isdigit() and unicodedata.category(ch) == "So" and _digit_at(text, j):
            # a pictograph or other symbol between two digits ("070📞174📞06📞87") is a separator
            out.append("-")
            starts.append(i)
            ends.append(j)
            i = j
            continue
        if "\u1369" <= ch <= "\u137c":
            # Ge'ez numerals are additive, not positional ("፲፱፻፹፭" = 19 x 100 + 85): the run is read
            # as one number, each of its decimal digits mapped to the whole run
            k = i
            while k < n and "\u1369" <= text[k] <= "\u137c":
                k += 1
            for c in str(_ethiopic_number(text[i:k])):
                out.append(c)
                starts.append(i)
                ends.append(k)
            i = k
            continue
        cluster = text[i:j]
        piece = cluster if (j - i == 1 and _SUSPECT.match(ch) is None) else _fold_cluster(cluster)
        for c in piece:
            out.append(c)
            starts.append(i)
            ends.append(j)
        i = j
    folded = "".join(out)
    mixed: tuple[tuple[int, int], ...] = ()
    if any(_script(c) in ("cyrillic", "greek") for c in folded):
        folded, mixed = _fold_mixed_words(folded)
    if _SCRIPT_DIGIT_LETTER.search(folded) is not None:
        folded = _fold_script_digit_letters(folded)
    if has_ocr_word(folded):
        folded = _fold_digit_letters(ocr_words(folded), _OCR_MIN_DIGITS)
    elif _DIGIT_LETTER.search(folded) is not None:
        folded = _fold_digit_letters(folded)
    if folded == text:
        return Folded(text, text)
    return Folded(folded, text, tuple(starts), tuple(ends), mixed)


def _through(text: str, plain: str, starts: list[int], ends: list[int], stage: int) -> Folded:
    """`plain` (HTML character references decoded, "anna&#64;telia.se"; or words broken over a line
    joined, "Bergqvi-\nst") folded, and the two maps composed. Each runs once: "&amp;#64;" stays
    the text "&#64;"."""
    inner = fold(plain, stage)
    if inner.starts is None or inner.ends is None:
        return Folded(inner.text, text, tuple(starts), tuple(ends), inner.mixed)
    return Folded(
        inner.text,
        text,
        tuple(starts[k] for k in inner.starts),
        tuple(ends[k - 1] for k in inner.ends),
        inner.mixed,
    )


def _fold_mixed_words(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Cyrillic/Greek look-alikes to Latin inside words that also hold Latin letters, or (a Cyrillic
    word with a letter that has no Latin twin) the Latin letters to Cyrillic; same length. Returns
    the text and the spans of the words that mixed scripts."""
    spans: list[tuple[int, int]] = []

    def one(m: re.Match[str]) -> str:
        word = m.group(0)
        scripts = {_script(c) for c in word}
        if "latin" in scripts and scripts & {"cyrillic", "greek"}:
            spans.append(m.span())
            cyrillic_only = any(_script(c) == "cyrillic" and c.translate(_CONFUSABLE) == c for c in word)
            if cyrillic_only and "greek" not in scripts:
                return word.translate(_LATIN_AS_CYRILLIC)
            return word.translate(_CONFUSABLE)
        return word

    return _WORD.sub(one, text), tuple(spans)


def _fold_script_digit_letters(text: str) -> str:
    """A Cyrillic or Greek O/I glued to a digit becomes the digit, when the number it sits in is read
    as one (see _fold_digit_letters); otherwise it stays as written ("5о" in a Russian sentence)."""
    as_latin = _SCRIPT_DIGIT_LETTER.sub(lambda m: m.group(0).translate(_SCRIPT_DIGIT_LATIN), text)
    read = _fold_digit_letters(as_latin)
    return "".join(r if r.isdigit() and not t.isdigit() else t for t, r in zip(text, read, strict=True))


def _fold_digit_letters(text: str, min_digits: int = 6) -> str:
    """O/o -> 0 and I/l -> 1 (and S, B, Z glued before a digit -> 5, 8, 2) inside runs that are
    mostly digits ("07O-174 06 l2", "19B80907"), same length. `min_digits`: see one_run."""

    def one(m: re.Match[str]) -> str:
        run = m.group(0)
        start, end = m.span()
        digits = sum(c.isdigit() for c in run)
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        # a number's cue word before the run ("pnrl99901010000": "pnr" + a number)
        word = re.search(r"[^\W\d_]+$", text[max(0, start - 20) : start])
        cue = word is not None and word.group(0).lower() in _NUMBER_CUES
        # (also before a mark: "Mobil: O7O-174 O6 91", "Mobil.O7O-...", the "l" of "Mobil" and its mark;
        # not after a cue word: "pnrl 9 9 …" is "pnr" and a number)
        glued = (
            re.match(r"[OoIl]{1,2}(?=[ \t]|" + _MARK + r")", run) if before.isalpha() and not cue else None
        )
        if glued is not None:
            # the last letter of a word before a number ("Tel 07O174O6O8"): the word keeps it, the
            # number after the space is read on its own
            return run[: glued.end()] + _fold_digit_letters(run[glued.end() :], min_digits)
        if (before.isalpha() or after.isalpha()) and digits < 8:
            return run  # part of a word ("Olle", "ID10T"), unless a long number ("pnrO001010008")
        # a look-alike touching a word belongs to it ("FI21 ...", "tel0701..."), except an upper-case
        # O after a lower-case word ("pnrO00101-0008") or after a cue word (above)
        lead = 0

        def belongs_to_word(ch: str) -> bool:
            if ch in "SBZ":  # a letter glued to a word's end is the word's ("ES91 2100 ...", "SE12")
                return before.isalpha()
            return ch in "OoIl" and before.isalpha() and (before.isupper() or ch != "O") and not cue

        while lead < len(run) and belongs_to_word(run[lead]):
            lead += 1
        trail = len(run)
        while trail > lead and run[trail - 1] in "OoIl" and after.isalpha():
            trail -= 1
        if lead or trail < len(run):
            return run[:lead] + one_run(run[lead:trail], digits) + run[trail:]
        return one_run(run, digits)

    def one_run(run: str, digits: int) -> str:
        letters = [k for k, c in enumerate(run) if c in "OoIlSBZ"]
        # a number written with letters for some digits ("O7O-174 O6 56", "l958O62l-l7l9"): at
        # least six real digits (two in a scanned text), and no more letters than digits
        # a letter with a real digit glued on each side ("2:1O3", "19B8") is read as a digit at
        # any length: no word puts a capital O or B between two digits
        between = all(0 < k < len(run) - 1 and run[k - 1].isdigit() and run[k + 1].isdigit() for k in letters)
        if not letters or len(letters) > digits or (digits < min_digits and not between):
            return run
        chars = list(run)
        for k in letters:
            chars[k] = run[k].translate(_LOOKALIKE_DIGITS)
        return "".join(chars)

    return _LOOKALIKE_RUN.sub(one, text)
