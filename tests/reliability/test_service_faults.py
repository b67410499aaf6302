"""Faults of the shared servers under running replicas: PostgreSQL down (citizens get a Swedish
"försök igen", nothing is half-written, service resumes by itself) and a Chroma server restart
(the replicas recover without a restart of their own)."""

from __future__ import annotations

import time

import httpx
import pytest

from tests.reliability.conftest import Replicas

pytestmark = pytest.mark.server

TABLES = ("conversations", "turns", "handoffs", "drafts", "feedback")


def _counts(replicas: Replicas) -> dict[str, int]:
    return {t: int(replicas.postgres.sql(f"SELECT count(*) FROM {t}")[0][0]) for t in TABLES}


def _wait_until_answering(replicas: Replicas, timeout_s: float = 120) -> None:
    """Both replicas answer a question again (no restart of theirs involved)."""
    deadline = time.monotonic() + timeout_s
    for server in replicas.both:
        with server.client() as http:
            while True:
                reply = http.post("/api/chat", json={"message": "Vad är en förvaltare?"})
                if reply.status_code == 200 and reply.json()["citations"]:
                    break
                assert time.monotonic() < deadline, f"{server.url} did not recover: {reply.text}"
                time.sleep(1)


def test_database_outage_gives_swedish_retry_and_writes_nothing(replicas: Replicas) -> None:
    with replicas.a.client() as a:
        started = a.post("/api/chat", json={"message": "Vad är en god man?"}).json()
    before = _counts(replicas)
    pids = [s.process.pid for s in replicas.both]

    replicas.postgres.stop()
    try:
        for server in replicas.both:
            with server.client() as http:
                new = http.post("/api/chat", json={"message": "Hur ansöker jag om god man?"})
                ongoing = http.post(
                    "/api/chat",
                    json={
                        "conversation_id": started["conversation_id"],
                        "conversation_token": started["conversation_token"],
                        "message": "Vad kostar det?",
                    },
                )
                ready = http.get("/readyz")
                handoffs = http.get(
                    "/api/handoffs", headers={"Authorization": f"Bearer {replicas.staff_key}"}
                )
            for reply in (new, ongoing, handoffs):
                assert reply.status_code == 503, reply.text
                assert "försök igen" in reply.json()["detail"].lower(), reply.text
                assert reply.headers.get("retry-after"), reply.headers
            assert ready.status_code == 503 and ready.json()["database"] is False
    finally:
        replicas.postgres.start()

    _wait_until_answering(replicas)
    assert [s.process.poll() for s in replicas.both] == [None, None]
    assert [s.process.pid for s in replicas.both] == pids
    after = _counts(replicas)
    # _wait_until_answering wrote one new conversation with one turn per replica; the outage wrote nothing.
    assert after["conversations"] == before["conversations"] + 2
    assert after["turns"] == before["turns"] + 2
    assert after["handoffs"] == before["handoffs"]
    # No conversation without its first turn (a half-written new conversation).
    orphans = replicas.postgres.sql(
        "SELECT count(*) FROM conversations c "
        "WHERE NOT EXISTS (SELECT 1 FROM turns t WHERE t.conversation_id = c.id)"
    )
    assert orphans[0][0] == 0


@pytest.fixture(scope="module")
def chroma_restart(replicas: Replicas) -> dict[str, object]:
    """Stop the Chroma server under running replicas, ask a question, start it again."""
    _wait_until_answering(replicas)
    pids = [s.process.pid for s in replicas.both]
    replicas.chroma.stop()
    try:
        with replicas.a.client() as http:
            during = http.post("/api/chat", json={"message": "Vad är arvode för en god man?"})
    finally:
        replicas.chroma.start()
    return {"during": during, "pids": pids}


def test_chroma_server_restart_is_survived_without_restarting_the_api(
    replicas: Replicas, chroma_restart: dict[str, object]
) -> None:
    _wait_until_answering(replicas)
    assert [s.process.pid for s in replicas.both] == chroma_restart["pids"]
    assert [s.process.poll() for s in replicas.both] == [None, None]


def test_chroma_server_away_gives_an_answer_or_a_swedish_retry(chroma_restart: dict[str, object]) -> None:
    """While the vector store is away: an answer from the lexical half, or a 503 "försök igen"
    with Retry-After like the database outage, never a generic 500."""
    during = chroma_restart["during"]
    assert isinstance(during, httpx.Response)
    assert during.status_code in (200, 503), during.text
    if during.status_code == 503:
        assert "försök igen" in during.json()["detail"].lower()
        assert during.headers.get("retry-after")
