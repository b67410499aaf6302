"""Dataset lint: cases that cannot tell a good answer from a bad one.

A `question_echo` case requires a fact that is already in the question ("Behöver jag samtycke?"
with must_include "samtycke"): an answer that merely repeats the question, or says the opposite,
passes it. Such cases are reported in every run; in the shipped dev sets they are refused (at load
and by `tillit eval lint`), so they cannot come back. Blind sets are never refused or edited to
fit: their echo cases are listed in the report for the reader to weigh.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from evals.dataset import DATASETS_DIR, Case, DatasetError, DatasetFile, Fact, read_many
from evals.matching import contains, fact_label


def _alternatives(fact: Fact) -> list[str]:
    return [fact] if isinstance(fact, str) else list(fact)


def echoed_facts(case: Case) -> list[str]:
    """Labels of the case's required facts (its own and its draft parts') that the question itself
    contains: a fact with alternatives echoes when any alternative is in the question."""
    question = "\n".join(case.turns)
    facts: list[Fact] = [*case.must_include, *(f for part in case.parts for f in part.must_include)]
    return [
        fact_label(fact)
        for fact in facts
        if any(contains(question, alternative) for alternative in _alternatives(fact))
    ]


@dataclass(frozen=True)
class Echo:
    case: Case
    facts: tuple[str, ...]

    def describe(self) -> str:
        return (
            f"{self.case.source}: question_echo: {self.case.id}: must_include "
            f"{'; '.join(repr(f) for f in self.facts)} står redan i frågan (välj ett faktum ur "
            "dokumentet som frågan inte nämner, eller ta bort fallet och skriv det i CHANGES.md)"
        )


def find_echoes(cases: Iterable[Case]) -> list[Echo]:
    out = []
    for case in cases:
        facts = echoed_facts(case)
        if facts:
            out.append(Echo(case, tuple(facts)))
    return out


def is_shipped(path: Path) -> bool:
    """A file of the shipped datasets (evals/datasets/), where echo cases are refused."""
    try:
        return path.resolve().parent == DATASETS_DIR.resolve()
    except OSError:
        return False


def refused_echoes(files: Sequence[DatasetFile]) -> list[str]:
    """Problem lines for echo cases in shipped dev files (blind and other files are only reported)."""
    return [
        echo.describe()
        for file in files
        if file.split == "dev" and is_shipped(file.path)
        for echo in find_echoes(file.cases)
    ]


@dataclass
class LintResult:
    errors: list[str]  # refused: shipped dev files
    warnings: list[str]  # reported: blind and other files
    files: list[DatasetFile]


def lint_files(paths: Sequence[Path]) -> LintResult:
    """Format problems (raised as DatasetError) first; then echo cases, refused or reported."""
    files = read_many(paths)
    errors = refused_echoes(files)
    warnings = [
        echo.describe()
        for file in files
        if not (file.split == "dev" and is_shipped(file.path))
        for echo in find_echoes(file.cases)
    ]
    return LintResult(errors, warnings, files)


__all__ = [
    "DatasetError", "Echo", "LintResult", "echoed_facts", "find_echoes", "lint_files", "refused_echoes",
]
