"""Scale-out: two `tillit serve` replicas sharing PostgreSQL and a Chroma server behave as one
service — a conversation moves between them, the handoff queue is one queue, and an index switch
made through one replica is served by both."""

from __future__ import annotations

import time

import pytest

from tests.reliability.conftest import Replicas

pytestmark = pytest.mark.server


def _auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_both_replicas_use_the_shared_servers(replicas: Replicas) -> None:
    versions = set()
    for server in replicas.both:
        with server.client() as http:
            ready = http.get("/readyz")
        assert ready.status_code == 200, ready.text
        assert ready.json()["database"] is True
        versions.add(ready.json()["index_version"])
    assert len(versions) == 1
    # The vectors of the served version live in the Chroma server, not in an embedded store.
    (version,) = versions
    from knowledge import IndexConfig, open_index
    from knowledge.vector_store import chroma_client, collection_name

    config = IndexConfig(data_dir=replicas.data_dir, chroma_url=replicas.chroma.url)
    assert chroma_client(config).get_collection(collection_name(version)).count() > 0
    index = open_index(config)
    assert index.version == version
    assert index.search("Hur lämnar jag in årsräkningen?", k=3)


def test_conversation_started_on_one_replica_continues_on_the_other(replicas: Replicas) -> None:
    with replicas.a.client() as a, replicas.b.client() as b:
        first = a.post("/api/chat", json={"message": "Vad gör en god man?"})
        assert first.status_code == 200, first.text
        body = first.json()
        cid, token = body["conversation_id"], body["conversation_token"]
        assert body["citations"], body

        second = b.post(
            "/api/chat",
            json={"conversation_id": cid, "conversation_token": token, "message": "Hur ansöker man om det?"},
        )
        assert second.status_code == 200, second.text
        assert second.json()["conversation_id"] == cid

        # The token is checked against the shared database on either replica.
        stolen = b.post(
            "/api/chat", json={"conversation_id": cid, "conversation_token": "x" * 43, "message": "Hej"}
        )
        assert stolen.status_code == 403, stolen.text
        third = a.post(
            "/api/chat", json={"conversation_id": cid, "conversation_token": token, "message": "Tack!"}
        )
        assert third.status_code == 200, third.text

    rows = replicas.postgres.sql("SELECT count(*) FROM turns WHERE conversation_id = %s", [cid])
    assert rows[0][0] == 3


def test_handoff_created_on_one_replica_is_listed_and_claimed_on_the_other(replicas: Replicas) -> None:
    staff = _auth(replicas.staff_key)
    with replicas.a.client() as a, replicas.b.client(staff) as b, replicas.a.client(staff) as a_staff:
        reply = a.post("/api/chat", json={"message": "Jag vill prata med en människa, inte en robot."})
        assert reply.status_code == 200, reply.text
        handoff = reply.json()["handoff"]
        assert handoff is not None, reply.json()
        reference = handoff["reference"]

        listed = b.get("/api/handoffs", params={"status": "open"})
        assert listed.status_code == 200, listed.text
        assert reference in [h["reference"] for h in listed.json()]

        claimed = b.post(f"/api/handoffs/{reference}/claim")
        assert claimed.status_code == 200, claimed.text
        assert claimed.json()["status"] == "claimed"
        # One queue: the other replica sees the claim and refuses a second one.
        again = a_staff.post(f"/api/handoffs/{reference}/claim")
        assert again.status_code == 409, again.text
        resolved = a_staff.post(f"/api/handoffs/{reference}/resolve")
        assert resolved.status_code == 200 and resolved.json()["status"] == "resolved"


def test_index_switch_through_one_replica_is_served_by_both(replicas: Replicas) -> None:
    with replicas.a.client() as a:
        before = a.get("/readyz").json()["index_version"]
    with replicas.a.client(_auth(replicas.admin_key)) as admin:
        accepted = admin.post("/api/admin/reindex")
        assert accepted.status_code == 202, accepted.text
        status_url = accepted.json()["status_url"]
    # The job runs on replica a; its status is read from the shared data directory by either.
    with replicas.b.client(_auth(replicas.admin_key)) as admin_b:
        deadline = time.monotonic() + 900
        job = admin_b.get(status_url).json()
        while job["status"] in ("queued", "running") and time.monotonic() < deadline:
            time.sleep(1)
            job = admin_b.get(status_url).json()
    assert job["status"] == "done", job
    after = job["index_version"]
    assert after and after != before
    for server in replicas.both:
        with server.client() as http:
            assert http.get("/readyz").json()["index_version"] == after
            answer = http.post("/api/chat", json={"message": "När ska årsräkningen lämnas in?"})
            assert answer.status_code == 200, answer.text
            assert answer.json()["citations"]


def test_replica_logs_hold_no_chroma_request_lines(replicas: Replicas) -> None:
    # Each question reaches the Chroma server over httpx, which logs every request at INFO.
    for server in replicas.both:
        with server.client() as http:
            answer = http.post("/api/chat", json={"message": "Vad gör en förvaltare?"})
            assert answer.status_code == 200, answer.text
        log = server.log_text()
        assert "Application startup complete" in log  # the log is there, at INFO
        assert "HTTP Request:" not in log and " httpx: " not in log, log[-2000:]
