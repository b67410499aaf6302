"""Giving å, ä and ö back to questions typed without them ("nar ska arsrakningen in").

People often write from a phone or a keyboard without Swedish letters. BM25 folds its stems, but
the stop word list does not know "nar" or "pa", and the dense model reads "arsrakningen" as a
different, rarer word than "årsräkningen" and ranks the wrong sections. A word of the question that
the corpus never uses in that language, but whose letters without diacritics match a corpus word,
is written as the corpus writes it (the most frequent spelling when several fold the same way).
So is a word the corpus spells far more often with the letters than without ("far" once, "får" 58
times). Words the corpus uses as typed ("for" in English) are left alone.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from guardrails.text.diacritics import fold_diacritics

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

# How many times more often the corpus must use the spelling with diacritics than the typed one.
_DOMINANCE = 10


class Diacritics:
    """The spellings of one language's corpus words, by their form without diacritics."""

    def __init__(self, texts: Iterable[str]) -> None:
        counts = Counter(w for text in texts for w in _WORD.findall(text.lower()))
        self._counts = counts
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        for word, n in counts.items():
            plain = fold_diacritics(word)
            if plain != word:
                spellings[plain][word] += n
        self._spelled = {plain: c.most_common(1)[0][0] for plain, c in spellings.items()}

    def restore(self, text: str) -> str:
        """`text` with the words typed without diacritics spelled as the corpus spells them."""
        return _WORD.sub(self._restore_word, text)

    def _restore_word(self, match: re.Match[str]) -> str:
        word = match.group(0)
        lower = word.lower()
        spelled = self._spelled.get(lower)
        if spelled is None or self._counts[lower] * _DOMINANCE >= self._counts[spelled]:
            return word
        return spelled.capitalize() if word[:1].isupper() else spelled
