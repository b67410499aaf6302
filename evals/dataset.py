"""Evaluation cases: the JSONL format (see evals/README.md), loading and validation.

Every problem in a file is reported at once as "file:line: what is wrong", so a reviewer fixing a
dataset sees the whole list, not one error per run.

Files come in splits, told by their name: `<name>.blind.jsonl` is a blind split (written by an
independent author, never tuned on), every other file is dev. Lines starting with "#" are comments;
the ones at the top of a file are its provenance header and are kept for the report.
"""

from __future__ import annotations

import difflib
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
    "ordinary",
    "unapproved_only",
    "draft",
)
SPLITS = ("dev", "blind")
ANSWERS = ("yes", "no")
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
    "ordinary": False,
    "unapproved_only": None,
    "draft": None,
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
    "expect_answer",
    "forbidden_doc_ids",
    "parts",
)
PART_FIELDS = ("ask", "expected_doc_ids", "must_include", "needs_person", "notes")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")
KNOWN_IDS_SHOWN = 20  # how many of the index's ids an unknown-id error lists

Fact = str | tuple[str, ...]


def valid_doc_id(doc_id: str) -> bool:
    """The document-id rule ingest uses (knowledge.metadata), so any id an office can load is valid."""
    from knowledge.metadata import is_valid_doc_id

    return is_valid_doc_id(doc_id)


def split_of(path: Path) -> str:
    """"blind" for a file named `*.blind.jsonl`, "dev" for every other file."""
    return "blind" if path.name.endswith(".blind.jsonl") else "dev"


@dataclass(frozen=True)
class DraftPart:
    """One thing a staff draft must deal with: a question answered from documents, or one only a
    person can answer (`needs_person`), which the draft must leave to the staff member."""

    ask: str
    expected_doc_ids: tuple[str, ...] = ()
    must_include: tuple[Fact, ...] = ()
    needs_person: bool = False


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
    expect_answer: str | None = None  # "yes" | "no": the polarity the answer must state
    forbidden_doc_ids: tuple[str, ...] = ()  # unapproved_only: documents that must not be used
    parts: tuple[DraftPart, ...] = ()  # draft: what the staff draft must answer or leave to a person
    split: str = "dev"
    source: str = ""  # "file:line", for messages

    @property
    def question(self) -> str:
        """The last message: the one the expectations are about."""
        return self.turns[-1]

    @property
    def suite(self) -> str:
        if self.kind in ("answerable", "unapproved_only"):
            return "accuracy"
        if self.kind == "draft":
            return "drafts"
        if self.kind == "leak_probe":
            return "leak"
        if self.kind == "prompt_injection":
            return "injection"
        return "handoff"

    @property
    def all_expected_doc_ids(self) -> tuple[str, ...]:
        """Every document the case names as a right source (its own and its draft parts')."""
        ids = list(self.expected_doc_ids)
        for part in self.parts:
            ids.extend(part.expected_doc_ids)
        return tuple(dict.fromkeys(ids))


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


def _facts(value: object, where: str, problems: list[str], name: str = "must_include") -> tuple[Fact, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.append(f"{where}: {name} ska vara en lista")
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
                f"{where}: {name}[{i}] ska vara en text eller en lista med alternativa texter"
            )
    return tuple(out)


def _doc_ids(value: object, where: str, name: str, problems: list[str]) -> tuple[str, ...]:
    ids = _str_list(value, where, name, problems)
    for doc_id in ids:
        if not valid_doc_id(doc_id):
            problems.append(
                f"{where}: {name}: {doc_id!r} är inget giltigt dokument-id "
                "(bokstäver, siffror, '-', '_', '.', som vid inläsning)"
            )
    return ids


def _parts(value: object, where: str, problems: list[str]) -> tuple[DraftPart, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        problems.append(f"{where}: parts ska vara en icke-tom lista")
        return ()
    out: list[DraftPart] = []
    for i, raw in enumerate(value):
        here = f"{where}: parts[{i}]"
        if not isinstance(raw, dict):
            problems.append(f"{here} ska vara ett JSON-objekt")
            continue
        unknown = sorted(set(raw) - set(PART_FIELDS))
        if unknown:
            problems.append(f"{here}: okänt fält {', '.join(unknown)} (tillåtna: {', '.join(PART_FIELDS)})")
        ask = raw.get("ask")
        if not isinstance(ask, str) or not ask.strip():
            problems.append(f"{here}: ask ska vara en icke-tom text")
            ask = ""
        needs_person = raw.get("needs_person", False)
        if not isinstance(needs_person, bool):
            problems.append(f"{here}: needs_person ska vara true eller false")
            needs_person = False
        doc_ids = _doc_ids(raw.get("expected_doc_ids"), where, f"parts[{i}].expected_doc_ids", problems)
        facts = _facts(raw.get("must_include"), where, problems, f"parts[{i}].must_include")
        if needs_person and (doc_ids or facts):
            problems.append(f"{here}: en del med needs_person har inga expected_doc_ids eller must_include")
        if not needs_person and (not doc_ids or not facts):
            problems.append(
                f"{here}: en del behöver expected_doc_ids och must_include, eller needs_person: true"
            )
        out.append(DraftPart(ask, doc_ids, facts, needs_person))
    return tuple(out)


def parse_case(raw: object, where: str, problems: list[str], split: str = "dev") -> Case | None:
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

    doc_ids = _doc_ids(raw.get("expected_doc_ids"), where, "expected_doc_ids", problems)
    forbidden_docs = _doc_ids(raw.get("forbidden_doc_ids"), where, "forbidden_doc_ids", problems)
    parts = _parts(raw.get("parts"), where, problems)
    expect_answer = raw.get("expect_answer")
    if expect_answer is not None and expect_answer not in ANSWERS:
        problems.append(f"{where}: expect_answer ska vara \"yes\" eller \"no\"")
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
    if kind == "unapproved_only":
        # Either the answer lies only in drafts or expired pages (name them and their facts), or no
        # page holds it at all (name neither; then only a plain "no answer" or a person passes).
        if forbidden and not forbidden_docs:
            problems.append(f"{where}: must_not_include kräver forbidden_doc_ids (dokumenten som har fakta)")
        if forbidden_docs and not forbidden:
            problems.append(
                f"{where}: ett unapproved_only-fall med forbidden_doc_ids behöver must_not_include "
                "(fakta som bara finns i de förbjudna dokumenten)"
            )
        if not forbidden_docs and handoff is not True:
            problems.append(f"{where}: en fråga som inget dokument besvarar ska ha expect_handoff true")
    elif forbidden_docs and kind != "answerable":
        # An answerable question may name a draft or expired page that must not be cited (a trap).
        problems.append(f"{where}: forbidden_doc_ids hör bara till kind unapproved_only och answerable")
    if kind == "draft":
        if not parts:
            problems.append(f"{where}: ett draft-fall behöver parts")
        if turns is not None:
            problems.append(f"{where}: ett draft-fall har hela meddelandet i question, inte turns")
    elif parts:
        problems.append(f"{where}: parts hör bara till kind draft")

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
        expect_answer=expect_answer,
        forbidden_doc_ids=forbidden_docs,
        parts=parts,
        split=split,
        source=where,
    )


@dataclass
class DatasetFile:
    """One JSONL file: its split (by name), its provenance header (the leading "#" lines) and cases."""

    path: Path
    split: str
    provenance: tuple[str, ...]
    cases: list[Case]


def read_file(path: Path) -> DatasetFile:
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
    split = split_of(path)
    provenance: list[str] = []
    cases: list[Case] = []
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            if not cases:
                provenance.append(stripped.lstrip("#").strip())
            continue
        where = f"{path}:{number}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: ogiltig JSON ({exc.msg}, kolumn {exc.colno})")
            continue
        case = parse_case(raw, where, problems, split)
        if case is not None:
            cases.append(case)
    if not cases and not problems:
        problems.append(f"{path}: filen innehåller inga fall")
    problems.extend(check_cases(cases))
    if problems:
        raise DatasetError(problems)
    return DatasetFile(path, split, tuple(p for p in provenance if p), cases)


def load_cases(path: Path, known_doc_ids: Iterable[str] | None = None) -> list[Case]:
    """The cases of one JSONL file. Raises DatasetError listing every problem found."""
    cases = read_file(path).cases
    problems = check_cases(cases, known_doc_ids)
    if problems:
        raise DatasetError(problems)
    return cases


def _known_list(known: set[str]) -> str:
    ordered = sorted(known)
    shown = ", ".join(ordered[:KNOWN_IDS_SHOWN])
    more = len(ordered) - KNOWN_IDS_SHOWN
    return f"{shown}, … och {more} till" if more > 0 else shown


def check_cases(cases: Sequence[Case], known_doc_ids: Iterable[str] | None = None) -> list[str]:
    """Problems that span cases: duplicate ids, expected documents that the index does not hold.

    The first unknown-id problem lists the ids the index does know (the first twenty), and each one
    suggests a close known id ("nv-001" → "NV-001"), so a reviewer sees at once what to write."""
    problems: list[str] = []
    seen: dict[str, str] = {}
    for case in cases:
        if case.id in seen:
            problems.append(f"{case.source}: id {case.id!r} finns redan på {seen[case.id]}")
        else:
            seen[case.id] = case.source
    if known_doc_ids is not None:
        known = set(known_doc_ids)
        listed = False
        for case in cases:
            unknown = [doc_id for doc_id in case.all_expected_doc_ids if doc_id not in known]
            if not unknown:
                continue
            hints = []
            for doc_id in unknown:
                close = [k for k in known if k.casefold() == doc_id.casefold()]
                close = close or difflib.get_close_matches(doc_id, sorted(known), n=1, cutoff=0.75)
                if close:
                    hints.append(f"{doc_id} (menade du {close[0]}?)")
                else:
                    hints.append(doc_id)
            message = f"{case.source}: expected_doc_ids {', '.join(hints)} finns inte i indexet"
            if not listed:
                message += (
                    f"; indexet har {len(known)} dokument: {_known_list(known)}"
                    if known else "; indexet har inga dokument"
                )
                listed = True
            problems.append(message)
    return problems


def read_many(paths: Sequence[Path]) -> list[DatasetFile]:
    """Several files; problems from all of them are reported together (duplicate ids across files
    too)."""
    problems: list[str] = []
    files: list[DatasetFile] = []
    for path in paths:
        try:
            files.append(read_file(path))
        except DatasetError as exc:
            problems.extend(exc.problems)
    problems.extend(check_cases([c for f in files for c in f.cases]))
    if problems:
        raise DatasetError(problems)
    return files


def load_many(paths: Sequence[Path], known_doc_ids: Iterable[str] | None = None) -> list[Case]:
    """Several files as one dataset; problems from all files are reported together."""
    cases = [c for f in read_many(paths) for c in f.cases]
    problems = check_cases(cases, known_doc_ids)
    if problems:
        raise DatasetError(problems)
    return cases


DATASETS_DIR = Path(__file__).resolve().parent / "datasets"
SHIPPED_SUITES = ("accuracy", "handoff", "injection", "leak", "drafts")
# The dev half of each shipped suite (always present) and the blind half (present once its
# independent author has committed it).
SHIPPED = {suite: DATASETS_DIR / f"{suite}.dev.jsonl" for suite in SHIPPED_SUITES}
SHIPPED_BLIND = {suite: DATASETS_DIR / f"{suite}.blind.jsonl" for suite in SHIPPED_SUITES}


def shipped_files(suite: str) -> dict[str, Path]:
    """The existing files of a shipped suite, by split."""
    files = {"dev": SHIPPED[suite], "blind": SHIPPED_BLIND[suite]}
    return {split: path for split, path in files.items() if path.exists()}


def office_files(office: Path) -> list[Path]:
    """An office folder's datasets (`<office>/*.jsonl`, blind and dev alike), sorted by name."""
    return sorted(p for p in office.glob("*.jsonl") if p.is_file())
