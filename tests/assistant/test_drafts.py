"""Staff drafts through the real server: names restored for staff only, stored redacted."""

from __future__ import annotations

import sqlite3

import httpx
import pytest

from tests.assistant.conftest import Server

pytestmark = pytest.mark.server

LETTER = """Hej!

Jag är god man för Bertil Wahlgren (19571121-2893) sedan i våras. När ska årsräkningen lämnas in?
Jag undrar också om jag får arvode för uppdraget och vem som betalar det.

Med vänliga hälsningar
Karin Lindqvist
070-174 06 12
"""


def test_draft_answers_each_question_and_restores_names(staff: httpx.Client, server: Server) -> None:
    response = staff.post("/api/drafts", json={"text": LETTER})
    assert response.status_code == 200, response.text
    draft = response.json()
    text = draft["text"]
    assert text.startswith("AI-utkast – granska innan du skickar")
    assert "Hej Karin" in text
    assert "Med vänliga hälsningar\nKontaktcenter, Överförmyndarförvaltningen" in text
    assert len(draft["questions"]) >= 2
    assert any("årsräkningen" in q for q in draft["questions"])
    assert draft["citations"] and "[1]" in text
    assert {c["doc_id"] for c in draft["citations"]} & {
        "arsrakning",
        "lattlast-arsrakning",
        "arvode",
        "arvode-skatt-och-avgifter",
    }

    # Stored pseudonymised: no name, personnummer or phone in the database.
    with sqlite3.connect(server.data_dir / "tillit.sqlite3") as db:
        stored_input, stored_draft = db.execute(
            "SELECT input_text, draft_text FROM drafts WHERE id = ?", (draft["draft_id"],)
        ).fetchone()
    for raw in ("Karin", "Lindqvist", "Wahlgren", "19571121-2893", "070-174 06 12"):
        assert raw not in stored_input and raw not in stored_draft
    assert "[NAMN_" in stored_input and "[PERSONNUMMER_" in stored_input

    # Outcome: the edit distance is kept as a number; names in the sent text are compared as tags.
    edited = text.replace("Tack för ditt meddelande.", "Tack för ditt brev.")
    outcome = staff.post(
        f"/api/drafts/{draft['draft_id']}/outcome", json={"outcome": "edited", "final_text": edited}
    )
    assert outcome.status_code == 200
    assert 0 < outcome.json()["edit_distance"] < 40
    with sqlite3.connect(server.data_dir / "tillit.sqlite3") as db:
        row = db.execute(
            "SELECT outcome, edit_distance FROM drafts WHERE id = ?", (draft["draft_id"],)
        ).fetchone()
    assert row[0] == "edited" and isinstance(row[1], int)


def test_draft_outcome_validation(staff: httpx.Client) -> None:
    bad = staff.post("/api/drafts/nope/outcome", json={"outcome": "published"})
    assert bad.status_code == 422
    missing = staff.post("/api/drafts/nope/outcome", json={"outcome": "sent"})
    assert missing.status_code == 404
    assert missing.json()["detail"].startswith("Utkastet finns inte")
