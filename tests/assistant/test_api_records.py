"""Records, erasure, staff keys and small permissions through the real server (issue #16, items
4, 5 and 7): exports are audited and complete, erasure leaves no audit row or log line that links a
reference to a person, staff can export and erase by handoff reference, keys expire, are revoked and
name their holder by key id, staff record outcomes of their own drafts only, feedback only for the
caller's own turns, and /metrics and HSTS can be configured."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.assistant.conftest import Server, _create_key, start_server, stop_server

pytestmark = pytest.mark.server

CRISIS = "Jag orkar inte leva längre, jag tänker ta livet av mig."
HANDOFF = "Jag vill prata med en handläggare om min mammas årsräkning."


def _store(data_dir: Path):  # type: ignore[no-untyped-def]
    from assistant.storage import Database, Store

    return Store(Database(f"sqlite:///{(data_dir / 'tillit.sqlite3').resolve()}"))


def _audit(server: Server) -> list[tuple[str, str, str | None, dict]]:
    store = _store(server.data_dir)
    try:
        return [(e.actor, e.action, e.target, e.detail) for e in store.audit_events(limit=100_000)]
    finally:
        store.db.dispose()


def _chat(client: httpx.Client, message: str, conversation: dict | None = None) -> dict:
    body: dict = {"message": message}
    if conversation:
        body |= {
            "conversation_id": conversation["conversation_id"],
            "conversation_token": conversation["conversation_token"],
        }
    response = client.post("/api/chat", json=body)
    assert response.status_code == 200, response.text
    return response.json()


# -- item 4: audit, export, erasure -------------------------------------------------------------
def test_export_is_audited_and_holds_handoffs_and_feedback(client: httpx.Client, server: Server) -> None:
    first = _chat(client, "Vad är en god man?")
    token = {"X-Conversation-Token": first["conversation_token"]}
    handed = _chat(client, HANDOFF, first)
    reference = handed["handoff"]["reference"]
    feedback = client.post(
        "/api/feedback",
        json={"conversation_id": first["conversation_id"], "helpful": True, "turn_id": first["turn_id"]},
        headers=token,
    )
    assert feedback.status_code == 204, feedback.text

    export = client.get(f"/api/conversations/{first['conversation_id']}/export", headers=token)
    assert export.status_code == 200, export.text
    body = export.json()
    assert [h["reference"] for h in body["handoffs"]] == [reference]
    assert body["handoffs"][0]["reason"] and "summary" in body["handoffs"][0]
    assert [(f["helpful"], f["turn_id"]) for f in body["feedback"]] == [(True, first["turn_id"])]
    exported = [row for row in _audit(server) if row[1] == "conversation.exported"]
    assert ("citizen", "conversation.exported", first["conversation_id"]) in [r[:3] for r in exported]


def test_erasure_leaves_no_audit_row_or_log_line_linking_a_crisis_to_the_conversation(
    client: httpx.Client, server: Server
) -> None:
    first = _chat(client, "Vad är en god man?")
    conv_id = first["conversation_id"]
    crisis = _chat(client, CRISIS, first)
    reference = crisis["handoff"]["reference"]
    client.get(
        f"/api/conversations/{conv_id}/export", headers={"X-Conversation-Token": first["conversation_token"]}
    )
    linked = [r for r in _audit(server) if r[2] in (conv_id, reference)]
    assert {r[1] for r in linked} >= {"handoff.created", "conversation.exported"}

    erased = client.delete(
        f"/api/conversations/{conv_id}", headers={"X-Conversation-Token": first["conversation_token"]}
    )
    assert erased.status_code == 204

    rows = _audit(server)
    dump = json.dumps(rows, ensure_ascii=False)
    assert conv_id not in dump and reference not in dump
    assert any(r[1] == "conversation.erased" for r in rows)
    # The log names no conversation: a crisis line cannot be tied to one after erasure.
    log = server.log_text()
    assert conv_id[:8] not in log, re.findall(r".*action=crisis.*", log)[-1:]
    assert re.search(r"conversation=\S+ action=crisis", log)


def test_staff_export_and_erase_a_conversation_by_handoff_reference(
    client: httpx.Client, staff: httpx.Client, server: Server
) -> None:
    first = _chat(client, "Vad är en förvaltare?")
    conv_id = first["conversation_id"]
    reference = _chat(client, HANDOFF, first)["handoff"]["reference"]
    # The citizen closed the tab: no token. Staff find the conversation by the reference they were given.
    export = staff.get(f"/api/handoffs/{reference}/conversation")
    assert export.status_code == 200, export.text
    assert export.json()["conversation_id"] == conv_id
    assert len(export.json()["turns"]) == 2
    assert [h["reference"] for h in export.json()["handoffs"]] == [reference]
    assert client.get(f"/api/handoffs/{reference}/conversation").status_code == 401

    erased = staff.delete(f"/api/handoffs/{reference}/conversation")
    assert erased.status_code == 204, erased.text
    assert staff.get(f"/api/handoffs/{reference}/conversation").status_code == 404
    again = client.post(
        "/api/chat",
        json={
            "message": "Hej",
            "conversation_id": conv_id,
            "conversation_token": first["conversation_token"],
        },
    )
    assert again.status_code == 404
    rows = _audit(server)
    staff_id = server.staff_key.split("_")[1]
    assert (staff_id, "conversation.exported") in [(r[0], r[1]) for r in rows]
    assert (staff_id, "conversation.erased") in [(r[0], r[1]) for r in rows]
    assert conv_id not in json.dumps(rows) and reference not in json.dumps(rows)


# -- item 5: staff keys -------------------------------------------------------------------------
def test_audit_actor_is_the_key_id_and_last_use_is_recorded(
    client: httpx.Client, staff: httpx.Client, server: Server
) -> None:
    reference = _chat(client, HANDOFF)["handoff"]["reference"]
    assert staff.post(f"/api/handoffs/{reference}/claim").status_code == 200
    key_id = server.staff_key.split("_")[1]
    claims = [r for r in _audit(server) if r[1] == "handoff.claim" and r[2] == reference]
    assert [r[0] for r in claims] == [key_id]
    store = _store(server.data_dir)
    try:
        [row] = [k for k in store.list_api_keys() if k.key_id == key_id]
    finally:
        store.db.dispose()
    assert row.last_used_at is not None
    assert dt.datetime.now(dt.UTC).replace(tzinfo=None) - row.last_used_at < dt.timedelta(minutes=10)


def test_expired_and_revoked_keys_are_refused(
    client_factory: Callable[..., httpx.Client], server: Server
) -> None:
    store = _store(server.data_dir)
    try:
        past = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(days=1)
        expired = store.add_api_key("staff", "Utgången", expires_at=past).key
        soon = store.add_api_key("staff", "Giltig", expires_at=past + dt.timedelta(days=30)).key
        revoked = store.add_api_key("staff", "Återkallad").key
        assert client_factory({"Authorization": f"Bearer {revoked}"}).get("/api/me").status_code == 200
        assert store.revoke_api_key(revoked.split("_")[1], actor="cli")
    finally:
        store.db.dispose()
    assert client_factory({"Authorization": f"Bearer {expired}"}).get("/api/me").status_code == 401
    assert client_factory({"Authorization": f"Bearer {revoked}"}).get("/api/me").status_code == 401
    assert client_factory({"Authorization": f"Bearer {soon}"}).get("/api/me").status_code == 200


# -- item 7: small permissions ------------------------------------------------------------------
def test_staff_record_outcomes_of_their_own_drafts_only(
    staff: httpx.Client, client_factory: Callable[..., httpx.Client], server: Server
) -> None:
    colleague = client_factory(
        {"Authorization": f"Bearer {_create_key(server.data_dir, 'staff', 'Kollega')}"}
    )
    draft = staff.post("/api/drafts", json={"text": "Hej! När ska årsräkningen vara inne? Mvh Eva"})
    assert draft.status_code == 200, draft.text
    draft_id = draft.json()["draft_id"]
    other = colleague.post(f"/api/drafts/{draft_id}/outcome", json={"outcome": "discarded"})
    assert other.status_code == 403
    assert other.json()["detail"] == "Du kan bara ange utfall för dina egna utkast."
    own = staff.post(f"/api/drafts/{draft_id}/outcome", json={"outcome": "sent"})
    assert own.status_code == 200, own.text
    outcomes = [r for r in _audit(server) if r[1] == "draft.outcome" and r[2] == draft_id]
    assert [(r[0], r[3]["outcome"]) for r in outcomes] == [(server.staff_key.split("_")[1], "sent")]


def test_feedback_only_for_turns_of_the_callers_conversation(
    client_factory: Callable[..., httpx.Client],
) -> None:
    alice, bob = client_factory(), client_factory()
    a = _chat(alice, "Vad är en god man?")
    b = _chat(bob, "Vad är en förvaltare?")
    for turn_id in (a["turn_id"], 10_000_000):
        response = bob.post(
            "/api/feedback",
            json={
                "conversation_id": b["conversation_id"],
                "conversation_token": b["conversation_token"],
                "turn_id": turn_id,
                "helpful": False,
            },
        )
        assert response.status_code == 404, (turn_id, response.text)
        assert response.json()["detail"] == "Repliken finns inte i det här samtalet."
    own = bob.post(
        "/api/feedback",
        json={
            "conversation_id": b["conversation_id"],
            "conversation_token": b["conversation_token"],
            "turn_id": b["turn_id"],
            "helpful": True,
        },
    )
    assert own.status_code == 204


@pytest.fixture(scope="module")
def hardened_server(sample_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import shutil

    data_dir = tmp_path_factory.mktemp("hardened") / "data"
    shutil.copytree(sample_data_dir, data_dir)
    url, process = start_server(
        data_dir,
        data_dir.parent / "server.log",
        {"TILLIT_METRICS_TOKEN": "hemlig-matning-" + "x" * 20, "TILLIT_HSTS_MAX_AGE": "31536000"},
    )
    yield url
    stop_server(process)


def test_metrics_token_and_hsts_when_configured(hardened_server: str, server: Server) -> None:
    with httpx.Client(base_url=hardened_server, timeout=60) as http:
        assert http.get("/metrics").status_code == 401
        wrong = http.get("/metrics", headers={"Authorization": "Bearer fel"})
        assert wrong.status_code == 401 and wrong.json()["detail"]
        right = http.get("/metrics", headers={"Authorization": "Bearer hemlig-matning-" + "x" * 20})
        assert right.status_code == 200 and "tillit_" in right.text
        for path in ("/", "/api/me", "/healthz"):
            assert (
                http.get(path).headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"
            )
    # Off by default: the session server has neither.
    with httpx.Client(base_url=server.url, timeout=60) as http:
        assert http.get("/metrics").status_code == 200
        assert "strict-transport-security" not in http.get("/").headers
