"""The sentence splitter: documents when they are cut into passages, the sentences an answer
quotes, the answer the output check reads, a chat message the policy scores sentence by sentence.

One splitter, so a sentence the composer quotes is the sentence the output check later judges and
the key ingest embedded it under. A line break always ends a sentence. Within a line a sentence
ends at ". ! ? …" (or an Arabic, Ethiopic or CJK end mark) followed by a space, except after an
abbreviation ("t.ex.", "kap.", "kl."), an initial ("A. Andersson") or an amount followed by a number
("58 800 kr. 2025"). In written text a lower-case letter after the mark continues the sentence;
chat messages are often typed all in lower case, so there (`cased=False`) case decides nothing.
"""

from __future__ import annotations

import re

# Abbreviations after which a period never ends a sentence (Swedish office texts and English).
# Not "jul.": Swedish writes "juli" out, and "jul" (Christmas) ends many a sentence ("före jul.").
# fmt: off
_NEVER_FINAL = frozenset({
    "t.ex.", "bl.a.", "s.k.", "dvs.", "d.v.s.", "kl.", "kap.", "ca.", "cirka.", "nr.", "p.g.a.",
    "pga.", "enl.", "jfr.", "resp.", "inkl.", "exkl.", "f.d.", "fr.o.m.", "t.o.m.", "tel.", "mob.",
    "e.g.", "i.e.", "dr.", "mr.", "mrs.", "ms.", "prop.", "st.", "s.", "sid.", "fig.", "avd.", "ang.",
    "bet.", "m.a.o.", "f.ö.", "ev.", "o.dyl.", "p.", "jan.", "feb.", "febr.", "mar.", "apr.", "jun.",
    "aug.", "sep.", "sept.", "okt.", "nov.", "dec.", "ff.", "f.", "a.a.", "m.h.t.", "mht.",
    "t.v.", "v.", "u.a.", "vol.", "art.", "sek.", "tfn.", "adr.", "forts.", "obs.", "ungef.",
    "bl.", "t.",
})
# fmt: on
# The marks that end a question in the scripts people write to the office: Latin, Arabic, Ge'ez,
# full width.
QUESTION_MARKS = "?؟፧？"


def asks_something(text: str) -> bool:
    """The text holds a question mark of any of those scripts, or the Spanish opening one."""
    return any(mark in text for mark in QUESTION_MARKS) or "¿" in text


# End marks (with any closing quotes or brackets after them) and the space that follows.
_BREAK = re.compile(r"([.!?…؟።。]+)([\"'»”’)\]]*)\s+")
_OPENER = re.compile(r"[\"'«»“”„(\[]")
# A list item's bullet or number: not part of the item's sentence.
_BULLET = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)])\s+")


def split_sentences(text: str, *, cased: bool = True) -> list[str]:
    """The sentences of `text`, stripped, in order; `cased=False` for text whose capitals cannot be
    trusted (chat messages, lower-cased text)."""
    sentences: list[str] = []
    for line in text.splitlines():
        sentences.extend(_line_sentences(line, cased))
    return sentences


def without_bullet(line: str) -> str:
    """`line` without the bullet or the number ("- ", "• ", "2) ") that makes it a list item."""
    return _BULLET.sub("", line)


def is_list_item(line: str) -> bool:
    """Whether `line` starts with a bullet or an item number."""
    return _BULLET.match(line) is not None


def _line_sentences(line: str, cased: bool) -> list[str]:
    sentences: list[str] = []
    start = 0
    for match in _BREAK.finditer(line):
        if match.end() >= len(line):
            break
        if _ends_sentence(line, match, cased):
            sentence = line[start : match.end(2)].strip()
            if sentence:
                sentences.append(sentence)
            start = match.end()
    tail = line[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _ends_sentence(text: str, match: re.Match[str], cased: bool) -> bool:
    following = text[match.end()]
    if cased and following.islower():
        return False
    if match.group(1)[0] != "." or match.group(1) == "...":
        return True
    token_start = text.rfind(" ", 0, match.start(1)) + 1
    token = text[token_start : match.end(1)].lstrip("\"'«»“”„([").lower()
    if token in _NEVER_FINAL:
        return False
    word = token.rstrip(".")
    if len(word) == 1 and word.isalpha():
        return False  # an initial: "A. Andersson"
    if following.isdigit():
        # "kl. 9", "58 800 kr. 2025 ..." is too rare to split on; "år 2024. 2025 ..." is not.
        return word.isalpha() and len(word) > 2
    # In written text the next sentence starts with a capital (or a letter of a script without
    # case, such as Arabic) or an opening quote or bracket; not with a dash or a "§".
    return not cased or following.isalpha() or bool(_OPENER.match(following))
