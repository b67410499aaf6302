"""The office vocabulary: what people say, mapped to what the documents call it.

`knowledge/vocabulary.yaml` (and a `vocabulary.yaml` in the root of an ingested folder) lists
entries of `says` phrases and `means` terms. At ingest the merged vocabulary is stored with the
index version, with one query-side vector per entry (its `means` terms embedded), so a re-index
applies an edit and search never embeds vocabulary text while a citizen waits.

Matching is on Snowball stems (Swedish and English pooled, diacritics folded): a phrase matches
when all of its words' stems are among the question's. Unlike search, only articles are left out:
"bli god man" must not match every question that mentions a god man.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from guardrails.text.diacritics import fold_diacritics
from knowledge.lexical import stem_words
from knowledge.metadata import MetadataError, parse_yaml_mapping

DEFAULT_VOCABULARY = Path(__file__).resolve().parent / "vocabulary.yaml"
CORPUS_VOCABULARY = "vocabulary.yaml"  # in the root of an ingested folder
STORED = "vocabulary.json"
STORED_VECTORS = "vocabulary_vectors.npy"
MAX_ENTRIES = 2000
MAX_PHRASES = 200
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_ARTICLES = frozenset({"en", "ett", "a", "an", "the"})


def phrase_stems(text: str) -> frozenset[str]:
    """The stems of every word of `text` but articles, Swedish and English pooled, folded."""
    words = [w for w in _WORD.findall(text.lower()) if w not in _ARTICLES]
    return frozenset(fold_diacritics(s) for s in stem_words(words))


def phrase_words(text: str) -> tuple[frozenset[str], ...]:
    """Each word of a phrase as the set of its stems (Swedish and English): the word is in a
    question when one of them is."""
    words = [w for w in _WORD.findall(text.lower()) if w not in _ARTICLES]
    return tuple(frozenset(fold_diacritics(s) for s in [*stem_words([w]), w]) for w in words)


class VocabularyError(ValueError):
    """A vocabulary file that cannot be read; the message is a one-line Swedish reason."""


@dataclass(frozen=True)
class Entry:
    says: tuple[str, ...]
    means: tuple[str, ...]
    # Each `says` phrase as its words' stems; a phrase matches when every word is in the question.
    phrases: tuple[tuple[frozenset[str], ...], ...] = field(default=(), compare=False)

    @property
    def text(self) -> str:
        """The `means` terms as one text (what search adds and what is embedded)."""
        return ", ".join(self.means)


def _entry(says: Iterable[str], means: Iterable[str]) -> Entry | None:
    says_t = tuple(dict.fromkeys(str(s).strip() for s in says if str(s).strip()))[:MAX_PHRASES]
    means_t = tuple(dict.fromkeys(str(m).strip() for m in means if str(m).strip()))[:MAX_PHRASES]
    phrases = tuple(p for p in (phrase_words(s) for s in says_t) if p)
    if not phrases or not means_t:
        return None
    return Entry(says_t, means_t, phrases)


class Vocabulary:
    def __init__(self, entries: Sequence[Entry] = (), vectors: np.ndarray | None = None) -> None:
        self.entries = list(entries)
        self.vectors = vectors  # (len(entries), dim) unit query vectors of each entry's text, or None

    def __len__(self) -> int:
        return len(self.entries)

    # -- reading -------------------------------------------------------------------------------
    @classmethod
    def from_mapping(cls, data: dict[str, Any], source: str = "vocabulary.yaml") -> Vocabulary:
        raw = data.get("entries") or []
        if not isinstance(raw, list):
            raise VocabularyError(f"{source}: 'entries' ska vara en lista")
        entries: list[Entry] = []
        for number, item in enumerate(raw[:MAX_ENTRIES], start=1):
            if not isinstance(item, dict):
                raise VocabularyError(f"{source}: post {number} ska vara en mappning med says och means")
            says, means = item.get("says"), item.get("means")
            if isinstance(says, str):
                says = [says]
            if isinstance(means, str):
                means = [means]
            if not isinstance(says, list) or not isinstance(means, list):
                raise VocabularyError(f"{source}: post {number} saknar listorna says och means")
            entry = _entry(says, means)
            if entry is not None:
                entries.append(entry)
        return cls(entries)

    @classmethod
    def load(cls, path: Path) -> Vocabulary:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise VocabularyError(f"{Path(path).name}: kan inte läsas ({exc.strerror})") from None
        except UnicodeDecodeError:
            raise VocabularyError(f"{Path(path).name}: ogiltig UTF-8") from None
        try:
            data = parse_yaml_mapping(text, Path(path).name)
        except MetadataError as exc:
            raise VocabularyError(str(exc)) from None
        return cls.from_mapping(data, Path(path).name)

    @classmethod
    def for_corpus(cls, corpus: Path | None, default: Path | None = DEFAULT_VOCABULARY) -> Vocabulary:
        """The shipped vocabulary, then the corpus folder's own `vocabulary.yaml` (when it has one)."""
        parts: list[Vocabulary] = []
        if default is not None and Path(default).is_file():
            parts.append(cls.load(Path(default)))
        if corpus is not None and Path(corpus).is_dir():
            own = Path(corpus) / CORPUS_VOCABULARY
            if own.is_file():
                parts.append(cls.load(own))
        return cls([e for part in parts for e in part.entries])

    # -- storing with an index version -----------------------------------------------------------
    def save(self, directory: Path) -> None:
        rows = [{"says": list(e.says), "means": list(e.means)} for e in self.entries]
        (directory / STORED).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
        if self.vectors is not None and len(self.entries):
            np.save(directory / STORED_VECTORS, np.asarray(self.vectors, dtype=np.float32))

    @classmethod
    def load_stored(cls, directory: Path) -> Vocabulary:
        """The vocabulary stored with a version; empty for a version built before there was one."""
        path = directory / STORED
        if not path.exists():
            return cls()
        rows = json.loads(path.read_text(encoding="utf-8"))
        entries = [e for e in (_entry(r.get("says", []), r.get("means", [])) for r in rows) if e is not None]
        vectors = None
        vector_path = directory / STORED_VECTORS
        if vector_path.exists():
            loaded = np.load(vector_path)
            if len(loaded) == len(entries):
                vectors = loaded
        return cls(entries, vectors)

    # -- use ---------------------------------------------------------------------------------------
    def matches(self, query: str) -> list[int]:
        """Indexes of the entries one of whose `says` phrases is in `query`."""
        if not self.entries:
            return []
        stems = phrase_stems(query)
        if not stems:
            return []
        return [
            i
            for i, e in enumerate(self.entries)
            if any(all(word & stems for word in phrase) for phrase in e.phrases)
        ]
