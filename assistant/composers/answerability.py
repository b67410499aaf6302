"""Does the quote state what the question asks for? The check behind "I don't have that".

A composed answer always quotes the section that answers best; when no approved text answers (a
plan the pages do not describe, a year they do not give) that section is only the nearest one, and
quoting it misleads. A plain "I have no approved text on that" with a person one step away is a
miss, not a wrong answer. The check reads the quote as a whole (its sentences, its section heading
and page title) against the question:

- `form`: the kind of answer asked for is in the quote (a date for "när", an amount for "hur
  mycket", the rule's verb and modal for a yes/no question, a list for "vilka"; answer_types);
- `named`: how much of the question the quote names, each concept weighted by how rare it is among
  all the retrieved sentences (the office vocabulary's terms for what the question describes count
  as concepts too);
- `rarest`: whether the question's rarest concept (the one that sets it apart from its neighbours)
  is named;
- `absent`: the share of the question's concepts that no retrieved sentence names at all (the
  question asks about something the approved texts do not mention);
- `year_missing`: the question names a year (the period it asks about) that neither the quote nor
  its headings state: the figures quoted are another year's, or no year's, and an answer about
  2023 from a page that gives this year's figures misleads. This one decides alone: on the dev
  questions of the three offices it held for 5 answers of questions only an expired page answers
  and for 1 answer with a gold fact;
- `cosine`: the question's closeness to the quote's closest sentence, and `over_heading`: that
  closeness against the closeness to the section's heading path (a section on the topic whose text
  does not state the thing asked).

The other signals are combined by a logistic model whose weights and decision floor are fitted on
dev questions only (`answerability.yaml` says how, with the trade-off curve); without weights the
model passes every answer.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

MODEL_FILE = Path(__file__).with_name("answerability.yaml")
SIGNALS = ("form", "named", "rarest", "absent", "cosine", "over_heading", "confidence", "year_missing")
# A year as people write one ("2024", "år 2023", "2025-03-01"), not an amount ("2000 kr", "1 950 kronor").
_YEAR = re.compile(
    r"(?<![\d.,])(?<!\d )(?:19|20)\d{2}(?!\d|[.,]\d| ?(?:kr|kronor|sek|:-|%|procent|euro|eur)\b| \d{3}\b)",
    re.IGNORECASE,
)
# A question word this long may sit inside a compound of the text ("arvode" in "arvodesbeslut").
_COMPOUND_MIN = 5


@dataclass(frozen=True)
class Words:
    """A text's content stems and folded words (see composers.sentences)."""

    stems: frozenset[str]
    words: frozenset[str]


@dataclass(frozen=True)
class Evidence:
    """What the check weighs: the question's concepts (each a set of stems, any of which names it),
    the quote (its sentences with heading path and title), every retrieved sentence, whether the
    quote has the form of answer asked (0..1, None when no form is asked), and the cosines."""

    concepts: tuple[frozenset[str], ...]
    quote: Words
    pool: tuple[Words, ...]
    form: float | None
    cosine: float  # scaled 0..1 (the composer's range for its embedder)
    over_heading: float  # raw cosine to the closest quoted sentence minus cosine to the heading path
    confidence: float  # the composer's confidence before the check
    asked_years: frozenset[str] = frozenset()  # years the question names (`years_in`)
    stated_years: frozenset[str] = frozenset()  # years the quote, its headings and title name


def years_in(text: str) -> frozenset[str]:
    """The years a text names ("1 mars 2025", "2025-03-01" -> {"2025"}; "2000 kr" names none)."""
    return frozenset(_YEAR.findall(text))


@dataclass(frozen=True)
class Verdict:
    answers: bool
    probability: float
    signals: dict[str, float]


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    bias: float
    floor: float  # below this probability the quote is taken not to state what is asked

    @property
    def active(self) -> bool:
        return bool(self.weights)


def load_model(path: Path = MODEL_FILE) -> Model:
    """The fitted model of a model file (no file, or no weights: the check passes everything)."""
    if not path.exists():
        return Model({}, 0.0, 0.0)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    weights = {str(k): float(v) for k, v in (data.get("weights") or {}).items()}
    unknown = set(weights) - set(SIGNALS)
    if unknown:
        raise ValueError(f"{path}: unknown answerability signals {sorted(unknown)}")
    return Model(weights, float(data.get("bias", 0.0)), float(data.get("floor", 0.0)))


MODEL = load_model()


def _match(stem: str, words: Words) -> bool:
    if stem in words.stems:
        return True
    return len(stem) >= _COMPOUND_MIN and any(len(w) >= len(stem) + 3 and stem in w for w in words.words)


def _covers(concept: frozenset[str], words: Words) -> bool:
    return any(_match(stem, words) for stem in concept)


def signals(evidence: Evidence) -> dict[str, float]:
    """The check's signals for one quote (see the module docstring)."""
    concepts = evidence.concepts
    pool = evidence.pool
    n = len(pool)
    out = {
        "form": 1.0 if evidence.form is None else evidence.form,
        "cosine": evidence.cosine,
        "over_heading": evidence.over_heading,
        "confidence": evidence.confidence,
        "named": 1.0,
        "rarest": 1.0,
        "absent": 0.0,
        "year_missing": float(bool(evidence.asked_years - evidence.stated_years)),
    }
    if not concepts or not n:
        return out
    # Rarity among the retrieved sentences: a concept no sentence names weighs most.
    df = [sum(1 for words in pool if _covers(c, words)) for c in concepts]
    top = math.log((n + 1) / 0.5)
    weights = [0.4 + 0.6 * max(0.0, math.log((n + 1) / (d + 0.5)) / top) for d in df]
    covered = [_covers(c, evidence.quote) for c in concepts]
    out["named"] = sum(w for w, ok in zip(weights, covered, strict=True) if ok) / sum(weights)
    rarest = min(range(len(concepts)), key=lambda i: (df[i], -max(len(s) for s in concepts[i])))
    out["rarest"] = float(covered[rarest])
    out["absent"] = sum(1 for d, ok in zip(df, covered, strict=True) if d == 0 and not ok) / len(concepts)
    return out


def probability(values: Mapping[str, float], model: Model | None = None) -> float:
    """The model's probability that the quote states what is asked (the shipped model unless given)."""
    model = model or MODEL
    z = model.bias + sum(w * values.get(name, 0.0) for name, w in model.weights.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def judge(evidence: Evidence, model: Model | None = None) -> Verdict:
    """Whether the quote states what the question asks for, by the fitted model (the shipped one unless
    given; always yes without weights)."""
    model = model or MODEL
    values = signals(evidence)
    if values["year_missing"]:
        return Verdict(False, 0.0, values)
    if not model.active:
        return Verdict(True, 1.0, values)
    p = probability(values, model)
    return Verdict(p >= model.floor, p, values)


def concepts_of(stems: Sequence[frozenset[str]] | Sequence[set[str]]) -> tuple[frozenset[str], ...]:
    """Concepts as frozen stem sets, empty ones left out."""
    return tuple(frozenset(s) for s in stems if s)
