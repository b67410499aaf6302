"""The lexical half of the index: BM25 over Snowball-stemmed words (Swedish, and English for
English passages), saved beside each index version."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np

from guardrails.text import stems
from guardrails.text.diacritics import fold_diacritics
from guardrails.text.stopwords import stop_words

_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Function words that carry no topic, Swedish and English for every passage and question.
_STOPWORDS = stop_words("retrieval", "sv", "en")


# People often type without å, ä and ö ("forvaltare", "arsrakning"); stems are folded to ASCII
# on both sides so such questions still match. Collisions (får/far) cost less than the misses.
def _fold(stems: list[str]) -> list[str]:
    return [fold_diacritics(s) for s in stems]


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS]


def tokenize_passage(text: str, language: str) -> list[str]:
    """Stems of a stored passage, with the stemmer of the passage's language."""
    return _fold(stems.stem_words(words(text), language))


def stem_words(words: list[str]) -> list[str]:
    """Both stemmers' stems of `words` (Swedish and English), in order, without repeats."""
    return list(dict.fromkeys(stems.stem_words(words, "sv") + stems.stem_words(words, "en")))


def tokenize_query(text: str) -> list[str]:
    """Stems of a question. The asker's language is a guess on short texts, so both stemmers
    are applied and the stems pooled: a word matches whatever language its passage is in."""
    ws = words(text)
    if not ws:
        return []
    pooled = dict.fromkeys(_fold(stems.stem_words(ws, "sv") + stems.stem_words(ws, "en")))
    return list(pooled)


@dataclass
class LexicalHit:
    id: str
    score: float


class LexicalIndex:
    """BM25 over one version's passages, addressed by passage id."""

    FILE_IDS = "ids.json"
    DIR_BM25 = "bm25"

    def __init__(self, ids: Sequence[str], retriever: bm25s.BM25 | None) -> None:
        self._ids = list(ids)
        self._retriever = retriever

    @classmethod
    def build(cls, ids: Sequence[str], texts: Sequence[str], languages: Sequence[str]) -> LexicalIndex:
        if not ids:
            return cls([], None)
        corpus = [tokenize_passage(t, lang) for t, lang in zip(texts, languages, strict=True)]
        retriever = bm25s.BM25(k1=1.2, b=0.75)
        retriever.index(corpus, show_progress=False)
        return cls(ids, retriever)

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        (directory / self.FILE_IDS).write_text(json.dumps(self._ids), encoding="utf-8")
        if self._retriever is not None:
            self._retriever.save(str(directory / self.DIR_BM25))

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        ids = json.loads((directory / cls.FILE_IDS).read_text(encoding="utf-8"))
        bm25_dir = directory / cls.DIR_BM25
        retriever = bm25s.BM25.load(str(bm25_dir), mmap=False) if ids and bm25_dir.exists() else None
        return cls(ids, retriever)

    def __len__(self) -> int:
        return len(self._ids)

    def search(self, query: str, n: int) -> list[LexicalHit]:
        if self._retriever is None or n <= 0:
            return []
        token_ids = self._retriever.get_tokens_ids(tokenize_query(query))
        if not token_ids:
            return []
        scores = self._retriever.get_scores(token_ids)
        n = min(n, len(scores))
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [LexicalHit(self._ids[i], float(scores[i])) for i in top if scores[i] > 0]

    def vocabulary(self) -> Iterator[str]:
        """Every term stored in the index, for leak scans."""
        if self._retriever is not None:
            yield from (str(t) for t in self._retriever.vocab_dict)
