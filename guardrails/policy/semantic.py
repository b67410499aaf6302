"""Intent by meaning: a small linear classifier over sentence vectors, under the policy's rules.

Word rules catch what must be exact and explainable; they cannot foresee every way a person
describes a crisis ("han andas konstigt och svarar inte"), asks for a person, or asks about their
own case. This layer scores the message (and each of its sentences, so a crisis sign after an
ordinary question is found) against labelled examples that live in data files the office can
extend (`guardrails/config/intents/*.jsonl`), trained into `model.npz` by `tillit policy train`.

guardrails imports no embedding model: the caller embeds once per turn with the encoder that
retrieval already loaded and passes the vectors in. The model records which encoder it was trained
with; vectors from another encoder are refused rather than scored wrongly.

Two heads: a coarse head (crisis, human_request, case_specific, decision, complaint, ordinary)
over the sentence vector and the character n-grams of each row, and, for crisis, a kind head
(suicide, medical, danger, violence, financial_abuse, basic_needs, neglect) that picks the crisis
text. Scoring is a few small products and a softmax: well under a millisecond.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from guardrails.text.sentences import asks_something, split_sentences

CRISIS = "crisis"
ORDINARY = "ordinary"
# A sentence shorter than this says too little on its own ("Hej!", "Tack."); it is only scored
# as part of the whole message.
MIN_SENTENCE_WORDS = 3
MAX_SENTENCES = 8


def asking_rows(texts: tuple[str, ...] | list[str]) -> np.ndarray | None:
    """The rows a request is read on: the whole message and the sentences that ask something.

    A citizen tells a situation before asking ("Mamma fick ett beslut från er i maj. Hur länge
    gäller ett sådant beslut?"); read alone, the told sentence looks like someone's own case or a
    decision, though the message asks a general question. When some scored sentence asks (a
    question mark), the other sentences are not read for a request; else every row is. None: every
    row (no sentences, or the texts are unknown).
    """
    if len(texts) < 2:
        return None
    asking = [i for i, text in enumerate(texts[1:], start=1) if asks_something(text)]
    if not asking:
        return None
    return np.array([0, *asking])


def message_sentences(text: str) -> list[str]:
    """The sentences of a chat message worth scoring on their own (empty for a one-sentence message)."""
    parts = split_sentences(text, cased=False)
    parts = [p for p in parts if len(p.split()) >= MIN_SENTENCE_WORDS]
    if len(parts) < 2:
        return []
    return parts[:MAX_SENTENCES]


@dataclass(frozen=True)
class MessageVectors:
    """Unit vectors of one message: the whole text first, then each of `message_sentences`."""

    encoder: str
    matrix: np.ndarray  # (1 + sentences, dim)
    texts: tuple[str, ...] = ()  # the same rows as text, for the character head


_SPACES = re.compile(r"\s\s+")


def char_ngrams(text: str) -> list[str]:
    """Character 2- to 5-grams inside each word, padded with a space (scikit-learn's "char_wb").

    Shared by training and scoring, so both read a message the same way.
    """
    grams: list[str] = []
    for word in _SPACES.sub(" ", text.lower()).split():
        padded = f" {word} "
        size = len(padded)
        for n in range(2, 6):
            if size <= n:
                grams.append(padded)
                break
            grams.extend(padded[i : i + n] for i in range(size - n + 1))
    return grams


@dataclass(frozen=True)
class CharFeatures:
    """Character n-gram tf-idf of a text (sublinear tf, l2-normalised), as scikit-learn computes it.

    Sentence vectors place a trap ("vilket nummer har självmordslinjen?") close to a crisis and a
    request phrased in new words far from the examples; the words themselves tell them apart
    better. The intent model reads both (held out by author: person/case requests caught at the
    same false-handoff rate 0.64 -> 0.80 with both, crisis 0.987 -> 0.997).
    """

    vocabulary: dict[str, int]
    idf: np.ndarray

    def rows(self, texts: tuple[str, ...] | list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per text: the vocabulary indices present and their weights."""
        out: list[tuple[np.ndarray, np.ndarray]] = []
        for text in texts:
            counts: dict[int, int] = {}
            for gram in char_ngrams(text):
                index = self.vocabulary.get(gram)
                if index is not None:
                    counts[index] = counts.get(index, 0) + 1
            indices = np.fromiter(counts, dtype=np.int64, count=len(counts))
            tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float32, count=len(counts)))
            weights = tf * self.idf[indices]
            weights /= float(np.linalg.norm(weights)) or 1.0
            out.append((indices, weights))
        return out


@dataclass(frozen=True)
class IntentScores:
    """What the examples say about one message.

    `highest` is each intent's highest probability over the whole message and its sentences;
    crisis is decided on the whole message and on every sentence (recall first), each against its
    own threshold (`whole`, `sentences`). `grouped` is, for each handoff intent, the highest
    probability of *some* handoff over the rows where that intent leads the handoff intents: a
    request the examples split between "own case" and "decision" is still clearly a request.
    """

    highest: dict[str, float]
    grouped: dict[str, float]
    crisis_kind: str | None  # the crisis kind where crisis scored highest
    rows: dict[str, int]  # intent -> the row its highest score came from (0 = whole message)
    # The lowest ordinary probability over the message and its sentences: high only when every
    # part reads as an ordinary question (a crisis sentence after a question pulls it down).
    ordinary_floor: float = 0.0
    # Each intent's probability on the whole message, and its highest over the sentences alone
    # (0.0 for a one-sentence message): a sentence is weaker evidence than the whole message, so
    # crisis may have a threshold of its own for sentences (calibration.yaml
    # `thresholds: {crisis: {message, sentence}}`).
    whole: dict[str, float] = field(default_factory=dict)
    sentences: dict[str, float] = field(default_factory=dict)

    def explain(self, intent: str, whole_message: bool | None = None) -> str:
        """What the examples said; `whole_message` names the part that decided a crisis."""
        p = self.highest.get(intent, 0.0) if intent == CRISIS else self.grouped.get(intent, 0.0)
        kind = f":{self.crisis_kind}" if intent == CRISIS and self.crisis_kind else ""
        row = self.rows.get(intent, 0)
        if whole_message is not None and intent == CRISIS:
            part = self.whole if whole_message else self.sentences
            p = part.get(intent, p)
            row = 0 if whole_message else max(row, 1)
        where = "meddelandet" if row == 0 else f"mening {row}"
        return f"exempel {intent}{kind} p={p:.2f} ({where})"

    def explain_ordinary(self) -> str:
        return f"exempel ordinary p≥{self.ordinary_floor:.2f} (alla delar)"


class IntentModelError(ValueError):
    """The model file is missing, unreadable or made for another encoder."""


@dataclass(frozen=True)
class IntentModel:
    """A linear model over the sentence vector and the character n-grams of each row."""

    encoder: str
    classes: tuple[str, ...]
    weights: np.ndarray  # (dim, classes): the sentence-vector part
    bias: np.ndarray  # (classes,)
    kinds: tuple[str, ...]
    kind_weights: np.ndarray  # (dim, kinds)
    kind_bias: np.ndarray
    examples_digest: str  # hash of the example files it was trained on
    chars: CharFeatures | None = None
    char_weights: np.ndarray | None = None  # (vocabulary, classes): the character part

    @classmethod
    def load(cls, path: Path) -> IntentModel:
        try:
            with np.load(path, allow_pickle=False) as data:
                chars = None
                if "char_vocabulary" in data:
                    grams = data["char_vocabulary"]
                    chars = CharFeatures({str(g): i for i, g in enumerate(grams)}, data["char_idf"])
                return cls(
                    encoder=str(data["encoder"]),
                    classes=tuple(str(c) for c in data["classes"]),
                    weights=data["weights"].astype(np.float32),
                    bias=data["bias"].astype(np.float32),
                    kinds=tuple(str(k) for k in data["kinds"]),
                    kind_weights=data["kind_weights"].astype(np.float32),
                    kind_bias=data["kind_bias"].astype(np.float32),
                    examples_digest=str(data["examples_digest"]),
                    chars=chars,
                    char_weights=data["char_weights"].astype(np.float32) if chars is not None else None,
                )
        except (OSError, KeyError, ValueError) as exc:
            raise IntentModelError(f"{path}: kan inte läsa intentmodellen ({exc})") from None

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        extra: dict[str, np.ndarray] = {}
        if self.chars is not None and self.char_weights is not None:
            grams = sorted(self.chars.vocabulary, key=self.chars.vocabulary.__getitem__)
            extra = {
                "char_vocabulary": np.array(grams),
                "char_idf": self.chars.idf.astype(np.float32),
                "char_weights": self.char_weights.astype(np.float32),
            }
        with path.open("wb") as handle:
            np.savez_compressed(
                handle,
                encoder=np.array(self.encoder),
                classes=np.array(self.classes),
                weights=self.weights.astype(np.float32),
                bias=self.bias.astype(np.float32),
                kinds=np.array(self.kinds),
                kind_weights=self.kind_weights.astype(np.float32),
                kind_bias=self.kind_bias.astype(np.float32),
                examples_digest=np.array(self.examples_digest),
                **extra,
            )

    def probabilities(self, matrix: np.ndarray, texts: tuple[str, ...] | list[str] = ()) -> np.ndarray:
        """(rows, classes) coarse-intent probabilities for unit vectors and, when given, their texts."""
        logits = matrix @ self.weights + self.bias
        if self.chars is not None and self.char_weights is not None and len(texts) == len(matrix):
            for row, (indices, weights) in enumerate(self.chars.rows(texts)):
                if len(indices):
                    logits[row] += weights @ self.char_weights[indices]
        return _softmax(logits)

    def kind_probabilities(self, matrix: np.ndarray) -> np.ndarray:
        return _softmax(matrix @ self.kind_weights + self.kind_bias)

    def score(self, vectors: MessageVectors) -> IntentScores:
        if vectors.encoder != self.encoder:
            raise IntentModelError(
                f"intentmodellen är tränad med {self.encoder!r}, inte {vectors.encoder!r}: "
                "kör `tillit policy train`"
            )
        return self.read(self.probabilities(vectors.matrix, vectors.texts), vectors.matrix, vectors.texts)

    def read(
        self, probs: np.ndarray, matrix: np.ndarray | None = None, texts: tuple[str, ...] | list[str] = ()
    ) -> IntentScores:
        """Scores from per-row probabilities, with the crisis kind read from the crisis row."""
        scores = self.read_classes(
            self.classes, probs, asking_rows(texts) if len(texts) == len(probs) else None
        )
        if not self.kinds or matrix is None:
            return scores
        row = scores.rows[CRISIS]
        kind_probs = self.kind_probabilities(matrix[row : row + 1])[0]
        return replace(scores, crisis_kind=self.kinds[int(kind_probs.argmax())])

    @staticmethod
    def read_classes(
        classes: tuple[str, ...], probs: np.ndarray, request_rows: np.ndarray | None = None
    ) -> IntentScores:
        """Scores from per-row probabilities (training calibrates on exactly this reading).

        `request_rows` (`asking_rows`): the rows the handoff intents are read on; None: every row.
        Crisis and the ordinary floor are always read on every row (recall first)."""
        handoff = [i for i, c in enumerate(classes) if c not in (CRISIS, ORDINARY)]
        handoff_sum = probs[:, handoff].sum(axis=1)
        leading = np.array(handoff)[probs[:, handoff].argmax(axis=1)] if handoff else np.zeros(0)
        highest: dict[str, float] = {}
        grouped: dict[str, float] = {}
        rows: dict[str, int] = {}
        for i, intent in enumerate(classes):
            highest[intent] = float(probs[:, i].max())
            rows[intent] = int(probs[:, i].argmax())
            if i in handoff:
                led = np.flatnonzero(leading == i)
                if request_rows is not None:
                    led = np.intersect1d(led, request_rows)
                grouped[intent] = float(handoff_sum[led].max()) if led.size else 0.0
                if led.size:
                    rows[intent] = int(led[handoff_sum[led].argmax()])
        floor = float(probs[:, classes.index(ORDINARY)].min()) if ORDINARY in classes else 0.0
        whole = {intent: float(probs[0, i]) for i, intent in enumerate(classes)}
        sentences = {
            intent: float(probs[1:, i].max()) if len(probs) > 1 else 0.0 for i, intent in enumerate(classes)
        }
        return IntentScores(
            highest=highest,
            grouped=grouped,
            crisis_kind=None,
            rows=rows,
            ordinary_floor=floor,
            whole=whole,
            sentences=sentences,
        )


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)
