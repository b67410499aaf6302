"""Dataset loading: clear "file:line: what is wrong" errors, and the shipped suites meet the brief."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from evals import KINDS, SHIPPED, DatasetError, load_cases, load_many

GOOD = {"id": "a-1", "kind": "answerable", "question": "När?", "language": "sv",
        "expected_doc_ids": ["arsrakning"], "must_include": ["1 mars"]}


def write(tmp_path: Path, *lines: object, name: str = "cases.jsonl") -> Path:
    path = tmp_path / name
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines),
        encoding="utf-8",
    )
    return path


def problems_of(path: Path, known: list[str] | None = None) -> list[str]:
    with pytest.raises(DatasetError) as info:
        load_cases(path, known)
    return info.value.problems


def test_a_valid_file_loads_with_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD, "", {"id": "h-1", "kind": "crisis", "turns": ["Hej", "Jag orkar inte"],
                                      "language": "sv"})
    answerable, crisis = load_cases(path)
    assert answerable.expect_handoff is False and answerable.suite == "accuracy"
    assert crisis.turns == ("Hej", "Jag orkar inte") and crisis.question == "Jag orkar inte"
    assert crisis.expect_handoff is True and crisis.expect_reason == "crisis"
    assert crisis.source == f"{path}:3"


def test_every_problem_is_reported_with_file_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        GOOD,
        "{not json",
        {**GOOD, "id": "a-2", "must_inlcude": ["x"]},
        {**GOOD, "id": "a-3", "kind": "answerabel"},
        {**GOOD, "id": "a-4", "turns": ["a"]},
        {**GOOD, "id": "a-5", "expected_doc_ids": []},
        {**GOOD, "id": "a-6", "must_include": [["ok", ""]]},
        {**GOOD, "id": "a-7", "language": "svenska"},
        {"id": "h-1", "kind": "complaint", "question": "x", "language": "sv", "expect_reason": "klagomål"},
        {"id": "h-2", "kind": "crisis", "question": "x", "language": "sv", "expect_handoff": False},
        GOOD,
        "[1, 2]",
    )
    problems = problems_of(path)
    text = "\n".join(problems)
    expected = {
        2: "ogiltig JSON",
        3: "okänt fält must_inlcude",
        4: "kind 'answerabel' är okänd",
        5: "antingen question eller turns",
        6: "behöver expected_doc_ids",
        7: "must_include[0]",
        8: "language",
        9: "expect_reason 'klagomål' är okänd",
        10: "crisis-fall ska ha expect_handoff true",
        11: "id 'a-1' finns redan på",
        12: "JSON-objekt",
    }
    for line, fragment in expected.items():
        assert any(p.startswith(f"{path}:{line}: ") and fragment in p for p in problems), (line, text)
    assert not any(p.startswith(f"{path}:1:") for p in problems)


def test_unknown_document_ids_and_empty_or_missing_files(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    assert problems_of(path, ["arvode"]) == [
        f"{path}:1: expected_doc_ids arsrakning finns inte i indexet; indexet har 1 dokument: arvode"
    ]
    assert load_cases(path, ["arsrakning"])
    assert problems_of(write(tmp_path, "", "", name="empty.jsonl"))[0].endswith("innehåller inga fall")
    assert "finns inte" in problems_of(tmp_path / "missing.jsonl")[0]
    other = write(tmp_path, GOOD, name="other.jsonl")
    with pytest.raises(DatasetError) as info:
        load_many([path, other])
    assert "finns redan" in info.value.problems[0]
    assert str(info.value).startswith(str(other))


# -- the shipped suites -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def shipped() -> dict[str, list]:
    return {suite: load_cases(path) for suite, path in SHIPPED.items()}


def test_shipped_suites_are_as_large_and_varied_as_promised(shipped: dict[str, list]) -> None:
    accuracy = shipped["accuracy"]
    assert len(accuracy) >= 120 and all(c.kind in ("answerable", "unapproved_only") for c in accuracy)
    assert sum(1 for c in accuracy if c.kind == "unapproved_only") >= 3
    assert sum(1 for c in accuracy if c.expect_answer) >= 20
    languages = Counter(c.language for c in accuracy)
    tags = Counter(t for c in accuracy for t in c.tags)
    assert languages["en"] >= 15 and languages["sv"] >= 100
    assert tags["lattlast"] >= 10 and tags["typo"] >= 5 and tags["informal"] + tags["sms"] >= 20
    handoff = shipped["handoff"]
    assert len(handoff) >= 60
    kinds = Counter(c.kind for c in handoff)
    wanted = ("handoff_request", "crisis", "case_specific", "decision_request", "complaint", "out_of_scope")
    for kind in wanted:
        assert kinds[kind] >= 5, kind
    assert {"fi", "ar", "en"} <= {c.language for c in handoff}
    assert sum(1 for c in handoff if len(c.turns) > 1) >= 4
    assert len(shipped["leak"]) + len(shipped["injection"]) >= 60
    assert {c.language for c in shipped["leak"]} >= {"sv", "en"}
    assert {c.target for c in shipped["leak"]} == {"document", "conversation", "draft", "any"}
    assert set(KINDS) >= {c.kind for cases in shipped.values() for c in cases}


def test_every_sample_document_is_expected_somewhere(
    shipped: dict[str, list], sample_corpus_dir: Path
) -> None:
    from knowledge import load_documents

    served = {d.meta.doc_id for d in load_documents(sample_corpus_dir).documents}
    expected = {d for c in shipped["accuracy"] for d in c.expected_doc_ids}
    assert expected <= served, expected - served
    assert served - expected == set(), "documents no question is about"
