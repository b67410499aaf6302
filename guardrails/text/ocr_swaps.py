"""Digits a scanner read into words: "Go1hemsvägen", "ANDERSS0N", "Ma1mö".

Optical character recognition confuses the same few shapes both ways: 0 and O, 1 and l/I, 5 and S,
8 and B. A word of letters with one or two of those digits between its letters is such a word: the
digits are read as the letters they stand for (in the case of the letters around them; an 8 only
among capitals, where it is a B), same length, so the fold's map back is untouched. A message that
holds such a word was scanned, and its numbers may hold the opposite swap with fewer real digits
than folding.py asks of a typed number ("l7", "ll4 60"): `ocr_words` says so.
"""

from __future__ import annotations

import re

# a whole word of letters with one or two of 0/1/5/8 between letters ("Go1hemsvägen", "ANDERSS0N")
_OCR_WORD = re.compile(r"(?<!\w)[^\W\d_]+(?:[0158][^\W\d_]+){1,2}(?!\w)")
_DIGIT = re.compile(r"(?<=[^\W\d_])[0158](?=[^\W\d_])")
_UPPER = {"0": "O", "1": "I", "5": "S", "8": "B"}
_LOWER = {"0": "o", "1": "i"}  # (a 5 in lower case is more often a number glued between words)
_MIN_LETTERS = 4  # "h2o"-like short codes and unit names are not scanned words


def has_ocr_word(text: str) -> bool:
    """Cheap test: the text holds a word with a look-alike digit between letters."""
    if _DIGIT.search(text) is None:  # (scans digits only: the common path)
        return False
    return any(_letters(m.group(0)) >= _MIN_LETTERS for m in _OCR_WORD.finditer(text))


def _letters(word: str) -> int:
    return sum(c.isalpha() for c in word)


def ocr_words(text: str) -> str:
    """`text` with the digits inside scanned words read as letters (same length)."""

    def word(m: re.Match[str]) -> str:
        value = m.group(0)
        if _letters(value) < _MIN_LETTERS:
            return value

        def one(d: re.Match[str]) -> str:
            k = d.start()
            upper = value[k - 1].isupper() and value[k + 1].isupper()
            return (_UPPER if upper else _LOWER).get(d.group(0), d.group(0))

        return _DIGIT.sub(one, value)

    return _OCR_WORD.sub(word, text)
