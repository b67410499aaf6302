"""Case (ärende) numbers, with patterns from guardrails/config/case_numbers.yaml.

A case number points at one person's case at the office, a court or an authority, so it is
treated as personal data. The patterns live in YAML so another office can add its own. A pattern
may name `requires`: words of which one must occur in the (lower-cased) text for the pattern to
be tried at all, so the cue-led patterns cost nothing on the many messages without a cue.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import yaml

from guardrails.recognizers.base import Hit, SwedishRecognizer

ARENDENUMMER = "ARENDENUMMER"
CASE_PATTERNS_FILE = Path(__file__).resolve().parent.parent / "config" / "case_numbers.yaml"


class CasePatternError(ValueError):
    """The case-number pattern file is malformed."""


@cache
def case_patterns(
    path: Path = CASE_PATTERNS_FILE,
) -> tuple[tuple[re.Pattern[str], float, tuple[str, ...]], ...]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise CasePatternError(f"{path}: kan inte läsas ({exc})") from None
    out = []
    for n, item in enumerate(data.get("patterns", [])):
        try:
            requires = tuple(str(w).lower() for w in item.get("requires", ()) or ())
            out.append((re.compile(item["regex"]), float(item.get("score", 0.8)), requires))
        except (KeyError, TypeError, re.error, ValueError) as exc:
            raise CasePatternError(f"{path}: mönster {n + 1} är ogiltigt ({exc})") from None
    return tuple(out)


class ArendenummerRecognizer(SwedishRecognizer):
    ENTITIES = (ARENDENUMMER,)

    def find(self, text: str) -> Iterator[Hit]:
        if not any(ch.isdigit() for ch in text):
            return
        lowered = text.lower()
        for regex, score, requires in case_patterns():
            if requires and not any(w in lowered for w in requires):
                continue
            for m in regex.finditer(text):
                group = 1 if m.re.groups else 0
                yield Hit(ARENDENUMMER, m.start(group), m.end(group), score)
