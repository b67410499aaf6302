"""Evaluation cases: the JSONL format (see evals/README.md), loading and validation.

Every problem in a file is reported at once as "file:line: what is wrong", so a reviewer fixing a
dataset sees the whole list, not one error per run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

KINDS = (
    "answerable",
    "out_of_scope",
    "handoff_request",
    "crisis",
    "case_specific",
    "decision_request",
    "complaint",
    "pii_in_question",
    "prompt_injection",
    "leak_probe",
)
# The policy's trigger classes (guardrails.policy Decision.reason).
REASONS = (
    "human_request",
    "crisis",
    "case_specific",
    "decision",
    "complaint",
    "out_of_scope",
    "injection",
    "low_confidence",
    "pii_shared",
    "after_handoff",
)
URGENCIES = ("normal", "urgent")
LEAK_TARGETS = ("document", "conversation", "draft", "any")
# When a case does not say, this is whether a person should take over.
DEFAULT_HANDOFF: dict[str, bool | None] = {
    "answerable": False,
    "out_of_scope": None,
    "handoff_request": True,
    "crisis": True,
    "case_specific": True,
    "decision_request": True,
    "complaint": True,
    "pii_in_question": None,
    "prompt_injection": None,
    "leak_probe": None,
}
DEFAULT_REASON = {
    "handoff_request": "human_request",
    "crisis": "crisis",
    "case_specific": "case_specific",
    "decision_request": "decision",
    "complaint": "complaint",
}
FIELDS = (
    "id",
    "kind",
    "question",
    "turns",
    "language",
    "expected_doc_ids",
    "must_include",
    "must_not_include",
    "expect_handoff",
    "expect_reason",
    "expect_queue",
    "expect_urgency",
    "target",
    "check_system_prompt",
    "tags",
    "notes",
)
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$")
_DOC_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")

Fact = str | tuple[str, ...]


@dataclass(frozen=True)
class Case:
    """One evaluation case. `turns` always holds the messages (one for a single question)."""

    id: str
    kind: str
    turns: tuple[str, ...]
    language: str
    expected_doc_ids: tuple[str, ...] = ()
    must_include: tuple[Fact, ...] = ()
    must_not_include: tuple[str, ...] = ()
    expect_handoff: bool | None = None
    expect_reason: str | None = None
    expect_queue: str | None = None
    expect_urgency: str | None = None
    target: str | None = None
    check_system_prompt: bool = False
    tags: tuple[str, ...] = ()
    notes: str = ""
    source: str = ""  # "file:line", for messages

    @property
    def question(self) -> str:
        """The last message: the one the expectations are about."""
        return self.turns[-1]

    @property
    def suite(self) -> str:
        if self.kind == "answerable":
            return "accuracy"
        if self.kind == "leak_probe":
            return "leak"
        if self.kind == "prompt_injection":
            return "injection"
        return "handoff"


@dataclass
class DatasetError(Exception):
    """A dataset that cannot be used; `problems` are "file:line: message" lines."""

    problems: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        head = self.problems[0] if self.problems else "ogiltig datamängd"
        more = len(self.problems) - 1
        return head + (f" (och {more} fel till)" if more > 0 else "")


def _str_list(value: object, where: str, name: str, problems: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(f"{where}: {name} ska vara en lista med icke-tomma texter")
        return ()
    return tuple(value)


def _facts(value: object, where: str, problems: list[str]) -> tuple[Fact, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.append(f"{where}: must_include ska vara en lista")
        return ()
    out: list[Fact] = []
    for i, item in enumerate(value):
        if isinstance(item, str) and item.strip():
            out.append(item)
        elif (
            isinstance(item, list)
            and item
            and all(isinstance(alternative, str) and alternative.strip() for alternative in item)
        ):
            out.append(tuple(item))
        else:
            problems.append(
                f"{where}: must_include[{i}] ska vara en text eller en lista med alternativa texter"
            )
    return tuple(out)


def parse_case(raw: object, where: str, problems: list[str]) -> Case | None:
    """Validate one decoded JSON value; append problems and return None when unusable."""
    if not isinstance(raw, dict):
        problems.append(f"{where}: raden ska vara ett JSON-objekt")
        return None
    before = len(problems)
    unknown = sorted(set(raw) - set(FIELDS))
    if unknown:
        problems.append(f"{where}: okänt fält {', '.join(unknown)} (tillåtna: {', '.join(FIELDS)})")

    case_id = raw.get("id")
    if not isinstance(case_id, str) or not _ID.match(case_id):
        problems.append(f"{where}: id saknas eller är ogiltigt (bokstäver, siffror, - _ . :)")
    kind = raw.get("kind")
    if kind not in KINDS:
        problems.append(f"{where}: kind {kind!r} är okänd (tillåtna: {', '.join(KINDS)})")

    question, turns = raw.get("question"), raw.get("turns")
    messages: tuple[str, ...] = ()
    if (question is None) == (turns is None):
        problems.append(f"{where}: ange antingen question eller turns (precis ett av dem)")
    elif question is not None:
        if not isinstance(question, str) or not question.strip():
            problems.append(f"{where}: question ska vara en icke-tom text")
        else:
            messages = (question,)
    else:
        messages = _str_list(turns, where, "turns", problems)
        if not messages and isinstance(turns, list):
            problems.append(f"{where}: turns får inte vara tom")

    language = raw.get("language")
    if not isinstance(language, str) or not _LANGUAGE.match(language):
        problems.append(f"{where}: language ska vara en språkkod med två bokstäver, t.ex. \"sv\"")

    doc_ids = _str_list(raw.get("expected_doc_ids"), where, "expected_doc_ids", problems)
    for doc_id in doc_ids:
        if not _DOC_ID.match(doc_id):
            problems.append(f"{where}: expected_doc_ids: {doc_id!r} är inget giltigt dokument-id")
    facts = _facts(raw.get("must_include"), where, problems)
    forbidden = _str_list(raw.get("must_not_include"), where, "must_not_include", problems)
    tags = _str_list(raw.get("tags"), where, "tags", problems)

    handoff = raw.get("expect_handoff", DEFAULT_HANDOFF.get(str(kind)))
    if handoff is not None and not isinstance(handoff, bool):
        problems.append(f"{where}: expect_handoff ska vara true, false eller null")
    reason = raw.get("expect_reason", DEFAULT_REASON.get(str(kind)) if handoff else None)
    if reason is not None and reason not in REASONS:
        problems.append(f"{where}: expect_reason {reason!r} är okänd (tillåtna: {', '.join(REASONS)})")
    if reason is not None and handoff is False and reason != "out_of_scope":
        problems.append(f"{where}: expect_reason kräver att expect_handoff inte är false")
    queue = raw.get("expect_queue")
    if queue is not None and (not isinstance(queue, str) or not queue.strip()):
        problems.append(f"{where}: expect_queue ska vara en text")
    urgency = raw.get("expect_urgency")
    if urgency is not None and urgency not in URGENCIES:
        problems.append(f"{where}: expect_urgency ska vara {' eller '.join(URGENCIES)}")
    target = raw.get("target")
    if target is not None and target not in LEAK_TARGETS:
        problems.append(f"{where}: target ska vara en av {', '.join(LEAK_TARGETS)}")
    check_prompt = raw.get("check_system_prompt", False)
    if not isinstance(check_prompt, bool):
        problems.append(f"{where}: check_system_prompt ska vara true eller false")
    notes = raw.get("notes", "")
    if not isinstance(notes, str):
        problems.append(f"{where}: notes ska vara en text")

    if kind == "answerable":
        if not doc_ids:
            problems.append(f"{where}: en answerable-fråga behöver expected_doc_ids")
        if not facts:
            problems.append(f"{where}: en answerable-fråga behöver minst ett must_include")
    if kind == "crisis" and handoff is not True:
        problems.append(f"{where}: ett crisis-fall ska ha expect_handoff true")

    if len(problems) > before:
        return None
    return Case(
        id=case_id,  # type: ignore[arg-type]
        kind=kind,  # type: ignore[arg-type]
        turns=messages,
        language=language,  # type: ignore[arg-type]
        expected_doc_ids=doc_ids,
        must_include=facts,
        must_not_include=forbidden,
        expect_handoff=handoff,
        expect_reason=reason,
        expect_queue=queue,
        expect_urgency=urgency,
        target=target,
        check_system_prompt=check_prompt,
        tags=tags,
        notes=notes,
        source=where,
    )


def load_cases(path: Path, known_doc_ids: Iterable[str] | None = None) -> list[Case]:
    """Read one JSONL file. Raises DatasetError listing every problem found."""
    problems: list[str] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise DatasetError([f"{path}: filen finns inte"]) from None
    except UnicodeDecodeError as exc:
        raise DatasetError([f"{path}: filen är inte UTF-8 ({exc.reason})"]) from None
    except OSError as exc:
        raise DatasetError([f"{path}: kan inte läsas ({exc.strerror})"]) from None
    cases: list[Case] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: ogiltig JSON ({exc.msg}, kolumn {exc.colno})")
            continue
        case = parse_case(raw, where, problems)
        if case is not None:
            cases.append(case)
    if not cases and not problems:
        problems.append(f"{path}: filen innehåller inga fall")
    problems.extend(check_cases(cases, known_doc_ids))
    if problems:
        raise DatasetError(problems)
    return cases


def check_cases(cases: Sequence[Case], known_doc_ids: Iterable[str] | None = None) -> list[str]:
    """Problems that span cases: duplicate ids, expected documents that the index does not hold."""
    problems: list[str] = []
    seen: dict[str, str] = {}
    for case in cases:
        if case.id in seen:
            problems.append(f"{case.source}: id {case.id!r} finns redan på {seen[case.id]}")
        else:
            seen[case.id] = case.source
    if known_doc_ids is not None:
        known = set(known_doc_ids)
        for case in cases:
            unknown = [doc_id for doc_id in case.expected_doc_ids if doc_id not in known]
            if unknown:
                problems.append(
                    f"{case.source}: expected_doc_ids {', '.join(unknown)} finns inte i indexet"
                )
    return problems


def load_many(paths: Sequence[Path], known_doc_ids: Iterable[str] | None = None) -> list[Case]:
    """Several files as one dataset; problems from all files are reported together."""
    problems: list[str] = []
    cases: list[Case] = []
    for path in paths:
        try:
            cases.extend(load_cases(path))
        except DatasetError as exc:
            problems.extend(exc.problems)
    problems.extend(check_cases(cases, known_doc_ids))
    if problems:
        raise DatasetError(problems)
    return cases


DATASETS_DIR = Path(__file__).resolve().parent / "datasets"
SHIPPED = {
    "accuracy": DATASETS_DIR / "accuracy.dev.jsonl",
    "handoff": DATASETS_DIR / "handoff.dev.jsonl",
    "leak": DATASETS_DIR / "leak.dev.jsonl",
    "injection": DATASETS_DIR / "injection.dev.jsonl",
}
