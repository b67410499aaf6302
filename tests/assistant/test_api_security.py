"""Isolation, erasure, limits and staff roles, through the real server."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import httpx
import pytest

from tests.assistant.conftest import REPO, Server

pytestmark = pytest.mark.server


def start(client: httpx.Client, message: str = "Vad är en god man?") -> dict:
    response = client.post("/api/chat", json={"message": message})
    assert response.status_code == 200, response.text
    return response.json()


def test_another_client_cannot_continue_or_delete_a_conversation(
    client_factory: Callable[..., httpx.Client],
) -> None:
    alice, mallory = client_factory(), client_factory()
    conversation = start(alice)
    conv_id, token = conversation["conversation_id"], conversation["conversation_token"]
    assert len(token) >= 32

    for attempt in (
        {"message": "Vad sa jag nyss?", "conversation_id": conv_id},
        {"message": "Vad sa jag nyss?", "conversation_id": conv_id, "conversation_token": "gissning"},
        {"message": "Vad sa jag nyss?", "conversation_id": conv_id, "conversation_token": token[:-1] + "x"},
    ):
        response = mallory.post("/api/chat", json=attempt)
        assert response.status_code == 403
        assert response.json()["detail"] == "Du har inte behörighet till det här samtalet."
        assert response.json()["type"] == "/problems/conversation-forbidden"

    assert mallory.delete(f"/api/conversations/{conv_id}").status_code == 403
    assert (
        mallory.delete(f"/api/conversations/{conv_id}", headers={"X-Conversation-Token": "x"}).status_code
        == 403
    )
    denied = mallory.post("/api/feedback", json={"conversation_id": conv_id, "helpful": False})
    assert denied.status_code == 403

    # The owner still can: the token also works as a header.
    own = alice.post(
        "/api/chat",
        json={"message": "Och förvaltare?", "conversation_id": conv_id},
        headers={"X-Conversation-Token": token},
    )
    assert own.status_code == 200
    assert own.json()["conversation_id"] == conv_id


def test_unknown_conversation_is_404(client: httpx.Client) -> None:
    response = client.post(
        "/api/chat", json={"message": "Hej", "conversation_id": "0" * 32, "conversation_token": "abc"}
    )
    assert response.status_code == 404
    assert response.json()["detail"].startswith("Samtalet finns inte")


def test_erasure_removes_the_conversation(client: httpx.Client) -> None:
    conversation = start(client)
    conv_id, token = conversation["conversation_id"], conversation["conversation_token"]
    feedback = client.post(
        "/api/feedback",
        json={
            "conversation_id": conv_id,
            "conversation_token": token,
            "helpful": True,
            "turn_id": conversation["turn_id"],
            "reason": "helpful",
        },
    )
    assert feedback.status_code == 204
    deleted = client.delete(f"/api/conversations/{conv_id}", headers={"X-Conversation-Token": token})
    assert deleted.status_code == 204
    again = client.post(
        "/api/chat", json={"message": "Hej igen", "conversation_id": conv_id, "conversation_token": token}
    )
    assert again.status_code == 404


def test_too_long_message_is_422_in_swedish(client: httpx.Client) -> None:
    response = client.post("/api/chat", json={"message": "a" * 2001})
    assert response.status_code == 422
    assert response.json()["detail"] == "Meddelandet är för långt (högst 2000 tecken)."
    assert response.json()["type"] == "/problems/invalid-request"
    empty = client.post("/api/chat", json={"message": ""})
    assert empty.status_code == 422 and empty.json()["detail"] == "Meddelandet är tomt."
    extra = client.post("/api/chat", json={"message": "hej", "admin": True})
    assert extra.status_code == 422 and "Okänt fält" in extra.json()["detail"]


def test_oversized_body_is_413_in_swedish(client: httpx.Client) -> None:
    body = json.dumps({"message": "x" * 300_000})
    response = client.post("/api/chat", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json()["detail"].startswith("Förfrågan är för stor")

    def chunks():  # no Content-Length: the cap must hold while streaming too
        for _ in range(40):
            yield b"x" * 8192

    streamed = client.post("/api/chat", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413


def test_bad_json_and_unknown_route_are_swedish_json(client: httpx.Client) -> None:
    bad = client.post("/api/chat", content=b"{nope", headers={"content-type": "application/json"})
    assert bad.status_code == 422 and bad.json()["detail"] == "Innehållet är inte giltig JSON."
    missing = client.get("/api/finns-inte")
    assert missing.status_code == 404 and missing.json()["detail"] == "Sidan eller resursen finns inte."


def test_rate_limit_per_client(client_factory: Callable[..., httpx.Client]) -> None:
    noisy, calm = client_factory(), client_factory()
    limited = None
    for _ in range(200):
        response = noisy.post("/api/chat", json={"message": ""})  # cheap: rejected before the pipeline
        if response.status_code == 429:
            limited = response
            break
        assert response.status_code == 422
    assert limited is not None, "the rate limit never applied"
    assert limited.json()["detail"].startswith("Du har skickat för många meddelanden")
    assert int(limited.headers["retry-after"]) >= 1
    # Another client is not affected.
    assert calm.post("/api/chat", json={"message": ""}).status_code == 422


def test_staff_endpoints_need_a_valid_key_and_role(
    client: httpx.Client,
    staff: httpx.Client,
    admin: httpx.Client,
    client_factory: Callable[..., httpx.Client],
) -> None:
    for method, path in (
        ("GET", "/api/handoffs"),
        ("GET", "/api/documents"),
        ("POST", "/api/drafts"),
        ("POST", "/api/admin/reindex"),
    ):
        response = client.request(method, path, json={"text": "hej"} if method == "POST" else None)
        assert response.status_code == 401, path
        assert response.headers["www-authenticate"] == "Bearer"
        assert response.json()["detail"].startswith("Inloggning krävs")

    forged = client_factory({"Authorization": "Bearer tk_000000000000_forged"})
    assert forged.get("/api/handoffs").status_code == 401
    assert staff.get("/api/me").json() == {"name": "Handläggare Test", "role": "staff"}

    documents = staff.get("/api/documents").json()
    ids = {d["doc_id"] for d in documents}
    assert "arsrakning" in ids and "utkast-digital-arsrakning" not in ids

    forbidden = staff.post("/api/admin/reindex", json={})
    assert forbidden.status_code == 403
    assert forbidden.json()["detail"] == "Din roll har inte behörighet till detta."
    # An admin may also do what staff do.
    assert admin.get("/api/handoffs").status_code == 200

    # Only folders inside the corpus roots (default: the bundled corpus); roots first, then existence,
    # so a refusal says nothing about what exists elsewhere on the server.
    corpus = REPO / "knowledge" / "corpus"
    for outside in ("/finns/inte", "/etc", str(corpus / ".." / "..")):
        refused = admin.post("/api/admin/reindex", json={"path": outside})
        assert refused.status_code == 400, outside
        assert refused.json()["detail"].startswith("Mappen ligger utanför de dokumentmappar"), outside
    missing = admin.post("/api/admin/reindex", json={"path": str(corpus / "finns-inte")})
    assert missing.status_code == 422
    assert missing.json()["detail"] == "Mappen finns inte på servern."


def _audit_rows(server: Server, action: str) -> list[tuple[str, str | None, dict]]:
    from assistant.storage import Database, Store

    db = Database(f"sqlite:///{(server.data_dir / 'tillit.sqlite3').resolve()}")
    try:
        return [(e.actor, e.target, e.detail) for e in Store(db).audit_events(action, limit=10_000)]
    finally:
        db.dispose()


def _failures_metric(client: httpx.Client, reason: str) -> float:
    text = client.get("/metrics").text
    match = re.search(rf'^tillit_staff_auth_failures_total\{{reason="{reason}"\}} (\S+)$', text, re.M)
    return float(match.group(1)) if match else 0.0


def test_wrong_staff_keys_are_audited_counted_and_throttled(
    server: Server, client_factory: Callable[..., httpx.Client]
) -> None:
    key_id, secret = "a1b2c3d4e5f6", "gissning" * 5
    guesser = client_factory({"Authorization": f"Bearer tk_{key_id}_{secret}"})
    events_before = len(_audit_rows(server, "auth.failed"))
    invalid_before = _failures_metric(guesser, "invalid")

    responses = [guesser.get("/api/handoffs") for _ in range(12)]

    # The first ten per client address and minute are audited; the rest are refused unrecorded.
    assert [r.status_code for r in responses] == [401] * 10 + [429] * 2
    assert responses[0].json()["detail"] == "Personalnyckeln är ogiltig eller återkallad."
    assert responses[-1].json()["detail"].startswith("För många försök med fel personalnyckel")
    assert int(responses[-1].headers["retry-after"]) >= 1
    events = _audit_rows(server, "auth.failed")
    assert len(events) - events_before == 10
    assert events[0] == ("unknown", "/api/handoffs", {"method": "GET", "role": "staff"})
    # No part of the key, and no client address, is stored.
    stored = json.dumps(events, ensure_ascii=False)
    assert key_id not in stored and secret not in stored and "127.0." not in stored
    assert _failures_metric(guesser, "invalid") - invalid_before == 12

    # A valid key from the same address is never throttled by someone else's guesses.
    me = guesser.get("/api/me", headers={"Authorization": f"Bearer {server.staff_key}"})
    assert me.status_code == 200, me.text
