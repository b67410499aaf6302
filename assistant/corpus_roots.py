"""The folders the server may read documents from when an admin asks for a reindex."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import knowledge


class OutsideCorpusRoots(ValueError):
    """The folder resolves to a place outside every configured corpus root."""


def bundled_corpus_dir() -> Path:
    """knowledge/corpus of the installed package (the sample documents)."""
    return Path(knowledge.__file__).resolve().parent / "corpus"


def within_corpus_roots(path: Path, roots: Sequence[Path]) -> Path:
    """`path` with symlinks and `..` resolved, if that lies inside one of `roots`.

    Resolving first matters: a link or a `..` inside a root may point anywhere on the server.
    """
    try:
        resolved = path.expanduser().resolve()
    except (OSError, RuntimeError, ValueError):  # a link loop, a NUL byte: no folder of ours
        raise OutsideCorpusRoots(str(path)) from None
    for root in roots:
        if resolved.is_relative_to(root.expanduser().resolve()):
            return resolved
    raise OutsideCorpusRoots(str(path))
