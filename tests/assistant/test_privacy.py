"""After a conversation full of personal data, none of it is in the database, the server's log,
the vector store or lexical index, or the prompts a model was sent."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from tests.assistant.conftest import Server

pytestmark = pytest.mark.server

# Fictional people; the personnummer are Skatteverket test numbers, the phone numbers come from
# PTS's range reserved for fiction, the account is a bankkonto test vector (/work/shared/testdata).
SCRIPT = [
    "Hej, jag heter Karin Lindqvist, mitt personnummer är 19900602-2397 och mitt nummer är 070-174 06 12. "
    "Vad är en god man?",
    "Min pappa Bertil Wahlgren bor på Björkvägen 7, 123 45 Stockholm. Hans konto är 3300-8012016286. "
    "Hur lämnar man in årsräkningen?",
    "Mejla svaret till karin.lindqvist@example.com. Vem betalar arvodet för Bertil Wahlgren?",
    "Jag vill prata med en handläggare om pappa, hans personnummer är 19571121-2893.",
]
LETTER = (
    "Hej!\n\nJag är god man för Bertil Wahlgren (19571121-2893), Björkvägen 7, 123 45 Stockholm. "
    "Kan ni sätta in arvodet på 3300-8012016286? När ska årsräkningen lämnas in?\n\n"
    "Med vänliga hälsningar\nKarin Lindqvist\n070-174 06 12\nkarin.lindqvist@example.com\n"
)
RAW = [
    "Karin Lindqvist",
    "Lindqvist",
    "Wahlgren",
    "19900602-2397",
    "199006022397",
    "9006022397",
    "070-174 06 12",
    "0701740612",
    "Björkvägen 7",
    "3300-8012016286",
    "8012016286",
    "karin.lindqvist@example.com",
    "19571121-2893",
    "5711212893",
]


def leaks(text: str) -> list[str]:
    return [raw for raw in RAW if raw in text]


def files_with_leaks(root: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            hits = [raw for raw in RAW if raw.encode("utf-8") in data]
            if hits:
                found[str(path.relative_to(root))] = hits
    return found


def run_script(client: httpx.Client) -> list[dict]:
    replies: list[dict] = []
    conversation: dict[str, str] = {}
    for message in SCRIPT:
        response = client.post("/api/chat", json={"message": message, **conversation})
        assert response.status_code == 200, response.text
        reply = response.json()
        conversation = {
            "conversation_id": reply["conversation_id"],
            "conversation_token": reply["conversation_token"],
        }
        replies.append(reply)
    return replies


def test_no_personal_data_at_rest_or_in_logs(
    client_factory: Callable[..., httpx.Client], staff: httpx.Client, server: Server
) -> None:
    replies = run_script(client_factory())
    for reply in replies:
        assert not leaks(reply["answer"]), reply["answer"]
    assert replies[-1]["handoff"] is not None
    assert any(reply["notices"] for reply in replies), "no reminder not to share personal data"

    draft = staff.post("/api/drafts", json={"text": LETTER})
    assert draft.status_code == 200
    assert "Karin" in draft.json()["text"]  # restored for the staff member, and only there

    queue = staff.get("/api/handoffs").json()
    summary = next(i["summary"] for i in queue if i["reference"] == replies[-1]["handoff"]["reference"])
    assert "[PERSONNUMMER_" in summary and not leaks(summary)

    # Every file under the data directory: SQLite (with its WAL), Chroma, the lexical index.
    assert files_with_leaks(server.data_dir) == {}
    # The server's log, written at debug level.
    log = server.log_text()
    assert "turn conversation=" in log
    assert not leaks(log)

    from knowledge import IndexConfig, open_index

    index = open_index(IndexConfig(data_dir=server.data_dir))
    stored = "\n".join(index.all_texts())
    assert stored and not leaks(stored)


def test_no_personal_data_in_model_prompts(model_assistant, fake_model) -> None:  # type: ignore[no-untyped-def]
    assistant, capture = model_assistant
    fake_model.mode = "good"
    capture.clear()
    conversation: dict[str, str | None] = {"conversation_id": None, "token": None}
    for message in SCRIPT:
        reply = assistant.chat(message, conversation["conversation_id"], conversation["token"])
        conversation = {"conversation_id": reply.conversation_id, "token": reply.conversation_token}
    assistant.draft(LETTER, "Handläggare Test")
    assert capture.prompts, "no prompt was sent to the model"
    prompts = "\n".join(capture.prompts)
    assert "[NAMN_" in prompts
    assert not leaks(prompts)
    assert not leaks("\n".join(str(r) for r in fake_model.requests))
    assert files_with_leaks(assistant.settings.data_dir) == {}
