"""Security and data-protection operations on the scaled-out set-up (PostgreSQL): security headers,
CORS only for configured origins, staff keys stored hashed, audit events for staff actions,
erasure from every table, the retention purge end to end, and a redacted export of one
conversation for a registry extract request (registerutdrag)."""

from __future__ import annotations

import subprocess
import uuid

import pytest

from tests.reliability.conftest import CORS_ORIGIN, Replicas
from tests.reliability.services import TILLIT, clean_env

pytestmark = pytest.mark.server

TABLES = ("conversations", "turns", "handoffs", "drafts", "feedback", "audit_events", "api_keys")


def _auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def _dump(replicas: Replicas) -> str:
    """Every row of every table as text (a scan of the whole database)."""
    return "\n".join(
        str(row[0])
        for table in TABLES
        for row in replicas.postgres.sql(f"SELECT row_to_json(t)::text FROM {table} t")
    )


def test_security_headers_on_pages_and_api(replicas: Replicas) -> None:
    with replicas.a.client() as http:
        for path in ("/", "/staff", "/api/handoffs", "/healthz"):
            response = http.get(path)
            headers = response.headers
            assert "default-src 'self'" in headers.get("content-security-policy", ""), path
            assert "frame-ancestors 'none'" in headers["content-security-policy"], path
            assert headers.get("x-content-type-options") == "nosniff", path
            assert headers.get("x-frame-options") == "DENY", path
        assert http.get("/staff").status_code == 200
        assert http.post("/api/chat", json={"message": "Hej"}).headers.get("cache-control") == "no-store"


def test_cors_only_for_the_configured_origin(replicas: Replicas) -> None:
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    with replicas.b.client() as http:
        allowed = http.options("/api/chat", headers={"Origin": CORS_ORIGIN, **preflight})
        assert allowed.headers.get("access-control-allow-origin") == CORS_ORIGIN
        denied = http.options("/api/chat", headers={"Origin": "https://evil.example.com", **preflight})
        assert "access-control-allow-origin" not in denied.headers
        simple = http.get("/healthz", headers={"Origin": "https://evil.example.com"})
        assert "access-control-allow-origin" not in simple.headers
        assert (
            http.get("/healthz", headers={"Origin": CORS_ORIGIN}).headers.get("access-control-allow-origin")
            == CORS_ORIGIN
        )


def test_staff_keys_are_stored_hashed(replicas: Replicas) -> None:
    with replicas.a.client(_auth(replicas.staff_key)) as http:
        assert http.get("/api/me").status_code == 200
    dump = _dump(replicas)
    # A key is "tk_<key id>_<secret>" and the secret (URL-safe base64) may itself contain "_": split
    # twice from the left, or a secret such as "…_o" leaves only "o" to look for.
    secret = replicas.staff_key.split("_", 2)[2]
    assert replicas.staff_key not in dump
    assert secret not in dump
    assert replicas.admin_key.split("_", 2)[2] not in dump


def test_staff_actions_leave_audit_events(replicas: Replicas) -> None:
    with replicas.a.client() as citizen:
        reply = citizen.post("/api/chat", json={"message": "Jag vill prata med en handläggare."}).json()
    reference = reply["handoff"]["reference"]
    with replicas.b.client(_auth(replicas.staff_key)) as staff:
        assert staff.post(f"/api/handoffs/{reference}/claim").status_code == 200
        assert staff.post(f"/api/handoffs/{reference}/release").status_code == 200
        draft = staff.post("/api/drafts", json={"text": "Hej! När ska årsräkningen vara inne? Mvh Eva"})
        assert draft.status_code == 200, draft.text
        draft_id = draft.json()["draft_id"]
        assert staff.post(f"/api/drafts/{draft_id}/outcome", json={"outcome": "sent"}).status_code == 200
    events = replicas.postgres.sql(
        "SELECT actor, action, target FROM audit_events WHERE target IN (%s, %s)", [reference, draft_id]
    )
    seen = {(actor, action) for actor, action, _ in events}
    key_id = replicas.staff_key.split("_")[1]  # the actor is the key's id, not its free-text name
    for action in ("handoff.claim", "handoff.release", "draft.created", "draft.outcome"):
        assert (key_id, action) in seen, (action, seen)


def test_erasure_removes_the_conversation_from_every_table(replicas: Replicas) -> None:
    marker = f"kanelbulle{uuid.uuid4().hex[:8]}"
    with replicas.a.client() as a, replicas.b.client() as b:
        first = a.post("/api/chat", json={"message": f"Vad är en god man? ({marker})"}).json()
        cid, token = first["conversation_id"], first["conversation_token"]
        handed = b.post(
            "/api/chat",
            json={
                "conversation_id": cid,
                "conversation_token": token,
                "message": f"Jag vill prata med en människa {marker}",
            },
        )
        assert handed.status_code == 200 and handed.json()["handoff"], handed.text
        a.post("/api/feedback", json={"conversation_id": cid, "conversation_token": token, "helpful": False})
        assert marker in _dump(replicas)

        erased = b.delete(f"/api/conversations/{cid}", headers={"X-Conversation-Token": token})
        assert erased.status_code == 204, erased.text
        after = a.post(
            "/api/chat", json={"conversation_id": cid, "conversation_token": token, "message": "Hej"}
        )
        assert after.status_code == 404

    dump = _dump(replicas)
    assert marker not in dump
    for table in ("turns", "handoffs", "feedback"):
        rows = replicas.postgres.sql(f"SELECT count(*) FROM {table} WHERE conversation_id = %s", [cid])
        assert rows[0][0] == 0, table
    assert replicas.postgres.sql("SELECT count(*) FROM conversations WHERE id = %s", [cid])[0][0] == 0


def test_retention_purge_end_to_end(replicas: Replicas) -> None:
    with replicas.a.client() as a:
        reply = a.post("/api/chat", json={"message": "Vad är en förvaltare?"}).json()
    cid, token = reply["conversation_id"], reply["conversation_token"]
    purged = subprocess.run(
        [str(TILLIT), "purge", "--older-than", "0d"],
        env=clean_env({"DATABASE_URL": replicas.postgres.url, "TILLIT_DATA_DIR": str(replicas.data_dir)}),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert purged.returncode == 0, purged.stderr[-2000:]
    assert "Raderade" in purged.stdout
    for table in ("conversations", "turns", "handoffs", "feedback", "drafts"):
        assert replicas.postgres.sql(f"SELECT count(*) FROM {table}")[0][0] == 0, table
    assert (
        replicas.postgres.sql("SELECT count(*) FROM audit_events WHERE action = 'retention.purge'")[0][0] >= 1
    )
    with replicas.b.client() as b:
        gone = b.post(
            "/api/chat", json={"conversation_id": cid, "conversation_token": token, "message": "Hej"}
        )
    assert gone.status_code == 404
    assert "Samtalet finns inte" in gone.json()["detail"]


def test_export_of_one_conversation_in_redacted_form(replicas: Replicas) -> None:
    with replicas.a.client() as a:
        first = a.post(
            "/api/chat", json={"message": "Jag heter Eva Lindqvist, 19850412-1234. Vad är en god man?"}
        ).json()
        cid, token = first["conversation_id"], first["conversation_token"]
        a.post("/api/chat", json={"conversation_id": cid, "conversation_token": token, "message": "Tack!"})
        export = a.get(f"/api/conversations/{cid}/export", headers={"X-Conversation-Token": token})
        assert export.status_code == 200, export.text
        forbidden = a.get(f"/api/conversations/{cid}/export", headers={"X-Conversation-Token": "x" * 43})
        assert forbidden.status_code == 403
    body = export.json()
    assert body["conversation_id"] == cid
    assert len(body["turns"]) == 2
    text = export.text
    assert "19850412-1234" not in text and "Lindqvist" not in text
    assert "[PERSONNUMMER_1]" in text
