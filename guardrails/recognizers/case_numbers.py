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
from guardrails.text.spacing import compacted, has_spaced_run

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


@cache
def cued_identifiers(path: Path = CASE_PATTERNS_FILE) -> tuple[re.Pattern[str] | None, float]:
    """The cue words after which any well-formed identifier is a case number (see the YAML)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise CasePatternError(f"{path}: kan inte läsas ({exc})") from None
    section = data.get("cued_identifiers") or {}
    cues = [str(c).lower() for c in section.get("cues", ()) or ()]
    if not cues:
        return None, 0.0
    words = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    regex = re.compile(
        r"(?<![\w])(?:" + words + r")(?![\w])"
        r"[\s:#.,()=-]{0,4}(?:[^\W\d_]+[\s:#.,()=-]{1,3}){0,3}?"  # up to three words ("har nummer")
        r"(?P<id>(?:(?-i:[A-ZÅÄÖ]{1,6})[ /-]?)?\d{1,12}"
        r"(?:[ ]?[/:.-][ ]?(?:(?-i:[A-ZÅÄÖ]{1,6})|\d{1,12})|[ ]\d{1,12}(?=[ ]?[/:.-]))*)(?![\w])",
        re.IGNORECASE,
    )
    try:
        score = float(section.get("score", 0.7))
    except (TypeError, ValueError) as exc:
        raise CasePatternError(f"{path}: cued_identifiers.score är ogiltigt ({exc})") from None
    return regex, score


@cache
def _filters(path: Path = CASE_PATTERNS_FILE) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """(a series prefix that is no case, a reference cue ending right before an identifier)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise CasePatternError(f"{path}: kan inte läsas ({exc})") from None
    series = [str(w) for w in data.get("not_case_series", ()) or ()]
    refs = [str(w).lower() for w in data.get("reference_cues", ()) or ()]
    series_re = (
        re.compile(r"(?:" + "|".join(re.escape(w) for w in series) + r")(?![^\W\d_])", re.IGNORECASE)
        if series
        else None
    )
    refs_re = (
        re.compile(
            r"(?<![\w])(?:" + "|".join(re.escape(w) for w in sorted(refs, key=len, reverse=True)) + r")"
            r"[\s.:#=-]{0,5}$",
            re.IGNORECASE,
        )
        if refs
        else None
    )
    return series_re, refs_re


_DATE_LIKE = re.compile(
    r"^(?:(?:19|20)\d{2}[-./](?:0?[1-9]|1[0-2])[-./](?:0?[1-9]|[12]\d|3[01])"
    r"|(?:0?[1-9]|[12]\d|3[01])[-./](?:0?[1-9]|1[0-2])[-./](?:19|20)?\d{2}"
    r"|(?:[01]?\d|2[0-3])[:.][0-5]\d)$"
)
_NOT_AN_ID_AFTER = re.compile(
    r"\s?(?:kr|kronor|sek|euro|eur|%|procent|st|år|dagar|veckor|månader|timmar|minuter|days|weeks|"
    r"months|years)(?![\w])",
    re.IGNORECASE,
)


# A statute cited by its SFS number after its name: "förvaltningslagen (2017:900)", "Föräldrabalken
# 1949:381" is a law, not a case.
_STATUTE = re.compile(r"(?:19|20)\d{2}:\d{1,4}")
_STATUTE_NAME_BEFORE = re.compile(
    r"(?:lagen|lagens|lag|förordningen|förordningens|förordning|balken|balkens|balk|kungörelsen)"
    r"[ \t]*\(?[ \t]*$",
    re.IGNORECASE,
)


def _statute(text: str, start: int, end: int) -> bool:
    return _STATUTE.fullmatch(text, start, end) is not None and (
        _STATUTE_NAME_BEFORE.search(text, max(0, start - 30), start) is not None
    )


def _identifier_ok(value: str, text: str, end: int) -> bool:
    digits = sum(c.isdigit() for c in value)
    if digits < 4 or _DATE_LIKE.match(value) or re.fullmatch(r"(?:19|20)\d{2}", value):
        return False
    return _NOT_AN_ID_AFTER.match(text, end) is None


class ArendenummerRecognizer(SwedishRecognizer):
    ENTITIES = (ARENDENUMMER,)

    def find(self, text: str) -> Iterator[Hit]:
        if not any(map(str.isdigit, text)):  # (map: no Python frame per character)
            return
        yield from self._found(text)
        if has_spaced_run(text):
            # "Dnr Ö F 2 0 2 5 / 0 3 1 9": read with the spaces between single characters taken out
            compact, where = compacted(text)
            for h in self._found(compact):
                yield Hit(h.type, where[h.start], where[h.end - 1] + 1, h.score)

    @staticmethod
    def _found(text: str) -> Iterator[Hit]:
        lowered = text.lower()
        series, references = _filters()
        cued, cued_score = cued_identifiers()
        if cued is not None:
            for m in cued.finditer(text):
                value = m.group("id").rstrip(" ./:-")
                if series is not None and series.match(value):
                    continue  # "case law such as NJA 2015 p. 851"
                if references is not None and references.search(text, max(0, m.start() - 25), m.start()):
                    continue  # "Invoice reference number ...": the cue names an invoice's number
                if _statute(text, m.start("id"), m.start("id") + len(value)):
                    continue
                if _identifier_ok(value, text, m.start("id") + len(value)):
                    yield Hit(ARENDENUMMER, m.start("id"), m.start("id") + len(value), cued_score)
        for regex, score, requires in case_patterns():
            if requires and not any(w in lowered for w in requires):
                continue
            for m in regex.finditer(text):
                group = 1 if m.re.groups else 0
                start, end = m.start(group), m.end(group)
                if series is not None and series.match(text, start):
                    continue
                if references is not None and references.search(text, max(0, m.start() - 25), m.start()):
                    continue  # an invoice's or an order's number
                if _statute(text, start, end):
                    continue
                yield Hit(ARENDENUMMER, start, end, score)
