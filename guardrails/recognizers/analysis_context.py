"""What the caller said about the text being analysed, for the recognisers that read it.

Set by `guardrails.analyzer.analyze` around one analysis; kept here, below the analyzer, so the
recognisers import it once at module level (the analyzer imports the recognisers, so they cannot
import it, and an import inside a function costs microseconds on every call of a hot rule).
"""

from __future__ import annotations

from contextvars import ContextVar

# The language the caller named (the engine runs any language on the Swedish pipeline): a recogniser
# whose rule only holds for Swedish text ("ove" in lower case is a name) reads it here.
REQUESTED_LANGUAGE: ContextVar[str | None] = ContextVar("REQUESTED_LANGUAGE", default=None)
# Spans of the analysed text where the original typed a word in two scripts ("Аnna", "Оleна"; see
# guardrails/folding.py): the name recogniser takes such a word as a disguised name.
MIXED_SCRIPT_WORDS: ContextVar[tuple[tuple[int, int], ...]] = ContextVar("MIXED_SCRIPT_WORDS", default=())
