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
and, for crisis, a kind head (suicide, medical, danger, violence, financial_abuse, basic_needs,
neglect) that picks the crisis text. Scoring is one matrix product and a softmax: microseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from guardrails.text.sentences import split_sentences

CRISIS = "crisis"
ORDINARY = "ordinary"
# A sentence shorter than this says too little on its own ("Hej!", "Tack."); it is only scored
# as part of the whole message.
MIN_SENTENCE_WORDS = 3
MAX_SENTENCES = 8


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
class CrisisTextHead:
    """Crisis or not from character n-grams (tf-idf, logistic).

    Sentence vectors place a trap ("what number is the suicide line?") close to a crisis; the
    words themselves tell them apart better. The crisis score is the geometric mean of this head
    and the vector head (out-of-fold: a third fewer ordinary questions taken for a crisis at the
    same recall).
    """

    vocabulary: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray
    intercept: float

    def probabilities(self, texts: tuple[str, ...] | list[str]) -> np.ndarray:
        out = np.empty(len(texts), dtype=np.float32)
        for row, text in enumerate(texts):
            counts: dict[int, int] = {}
            for gram in char_ngrams(text):
                index = self.vocabulary.get(gram)
                if index is not None:
                    counts[index] = counts.get(index, 0) + 1
            if counts:
                indices = np.fromiter(counts, dtype=np.int64, count=len(counts))
                tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float32, count=len(counts)))
                weights = tf * self.idf[indices]
                weights /= float(np.linalg.norm(weights)) or 1.0
                logit = float(weights @ self.coef[indices]) + self.intercept
            else:
                logit = self.intercept
            out[row] = 1.0 / (1.0 + np.exp(-logit))
        return out


@dataclass(frozen=True)
class IntentScores:
    """What the examples say about one message.

    `highest` is each intent's highest probability over the whole message and its sentences
    (crisis is decided on it: recall first). `winning` is the same, but only over rows where the
    intent is the most likely one (the other intents are decided on it, so a sentence that is
    mostly ordinary does not hand off because a person-request scored second).
    """

    highest: dict[str, float]
    winning: dict[str, float]
    crisis_kind: str | None  # the crisis kind where crisis scored highest
    rows: dict[str, int]  # intent -> the row its highest score came from (0 = whole message)

    def explain(self, intent: str) -> str:
        p = self.highest.get(intent, 0.0)
        kind = f":{self.crisis_kind}" if intent == CRISIS and self.crisis_kind else ""
        row = self.rows.get(intent, 0)
        where = "meddelandet" if row == 0 else f"mening {row}"
        return f"exempel {intent}{kind} p={p:.2f} ({where})"


class IntentModelError(ValueError):
    """The model file is missing, unreadable or made for another encoder."""


@dataclass(frozen=True)
class IntentModel:
    encoder: str
    classes: tuple[str, ...]
    weights: np.ndarray  # (dim, classes)
    bias: np.ndarray  # (classes,)
    kinds: tuple[str, ...]
    kind_weights: np.ndarray  # (dim, kinds)
    kind_bias: np.ndarray
    examples_digest: str  # hash of the example files it was trained on
    crisis_text: CrisisTextHead | None = None

    @classmethod
    def load(cls, path: Path) -> IntentModel:
        try:
            with np.load(path, allow_pickle=False) as data:
                return cls(
                    encoder=str(data["encoder"]),
                    classes=tuple(str(c) for c in data["classes"]),
                    weights=data["weights"].astype(np.float32),
                    bias=data["bias"].astype(np.float32),
                    kinds=tuple(str(k) for k in data["kinds"]),
                    kind_weights=data["kind_weights"].astype(np.float32),
                    kind_bias=data["kind_bias"].astype(np.float32),
                    examples_digest=str(data["examples_digest"]),
                    crisis_text=_text_head(data),
                )
        except (OSError, KeyError, ValueError) as exc:
            raise IntentModelError(f"{path}: kan inte läsa intentmodellen ({exc})") from None

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
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
                **_text_head_arrays(self.crisis_text),
            )

    def probabilities(self, matrix: np.ndarray) -> np.ndarray:
        """(rows, classes) coarse-intent probabilities for unit vectors."""
        return _softmax(matrix @ self.weights + self.bias)

    def crisis_scores(self, probabilities: np.ndarray, texts: tuple[str, ...] | list[str]) -> np.ndarray:
        """Per row: the vector head's crisis probability, combined with the text head's."""
        vector = probabilities[:, self.classes.index(CRISIS)]
        if self.crisis_text is None or len(texts) != len(vector):
            return vector
        return np.sqrt(vector * self.crisis_text.probabilities(texts))

    def kind_probabilities(self, matrix: np.ndarray) -> np.ndarray:
        return _softmax(matrix @ self.kind_weights + self.kind_bias)

    def score(self, vectors: MessageVectors) -> IntentScores:
        if vectors.encoder != self.encoder:
            raise IntentModelError(
                f"intentmodellen är tränad med {self.encoder!r}, inte {vectors.encoder!r}: "
                "kör `tillit policy train`"
            )
        probs = self.probabilities(vectors.matrix)
        argmax = probs.argmax(axis=1)
        crisis_column = self.crisis_scores(probs, vectors.texts)
        highest: dict[str, float] = {}
        winning: dict[str, float] = {}
        rows: dict[str, int] = {}
        for i, intent in enumerate(self.classes):
            column = crisis_column if intent == CRISIS else probs[:, i]
            rows[intent] = int(column.argmax())
            highest[intent] = float(column.max())
            won = column[argmax == i]
            winning[intent] = float(won.max()) if won.size else 0.0
        kind = None
        if self.kinds:
            row = rows[CRISIS]
            kind_probs = self.kind_probabilities(vectors.matrix[row : row + 1])[0]
            kind = self.kinds[int(kind_probs.argmax())]
        return IntentScores(highest=highest, winning=winning, crisis_kind=kind, rows=rows)


def _text_head(data: np.lib.npyio.NpzFile) -> CrisisTextHead | None:
    if "text_vocabulary" not in data:
        return None
    vocabulary = {str(g): i for i, g in enumerate(data["text_vocabulary"])}
    return CrisisTextHead(
        vocabulary,
        data["text_idf"].astype(np.float32),
        data["text_coef"].astype(np.float32),
        float(data["text_intercept"]),
    )


def _text_head_arrays(head: CrisisTextHead | None) -> dict[str, np.ndarray]:
    if head is None:
        return {}
    grams = sorted(head.vocabulary, key=head.vocabulary.__getitem__)
    return {
        "text_vocabulary": np.array(grams),
        "text_idf": head.idf.astype(np.float32),
        "text_coef": head.coef.astype(np.float32),
        "text_intercept": np.array(head.intercept, dtype=np.float32),
    }


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)
