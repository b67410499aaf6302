"""Handoffs and crisis through the real server, and the staff queue that takes them over."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

pytestmark = pytest.mark.server


def chat(client: httpx.Client, message: str, conversation: dict | None = None) -> dict:
    body: dict[str, object] = {"message": message}
    if conversation:
        body["conversation_id"] = conversation["conversation_id"]
        body["conversation_token"] = conversation["conversation_token"]
    response = client.post("/api/chat", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def queue_item(staff: httpx.Client, reference: str) -> dict:
    items = staff.get("/api/handoffs").json()
    return next(item for item in items if item["reference"] == reference)


def test_asking_for_a_person_hands_off_with_a_reference(client: httpx.Client, staff: httpx.Client) -> None:
    reply = chat(client, "Kan jag få prata med en handläggare?")
    handoff = reply["handoff"]
    assert handoff is not None
    assert handoff["reason"] == "human_request"
    assert handoff["reference"] in reply["answer"]
    item = queue_item(staff, handoff["reference"])
    assert item["status"] == "open"
    assert "prata med en handläggare" in item["summary"]


def test_crisis_is_answered_first_with_an_urgent_handoff(client: httpx.Client) -> None:
    reply = chat(client, "Jag orkar inte mer, jag vill inte leva längre")
    assert reply["handoff"] is not None
    assert reply["handoff"]["urgency"] == "urgent"
    assert "112" in reply["answer"] or "90101" in reply["answer"]
    assert reply["citations"] == []


def test_case_specific_question_goes_to_a_queue(client: httpx.Client) -> None:
    reply = chat(client, "Har ni fått min årsräkning som jag skickade förra veckan?")
    assert reply["handoff"] is not None
    assert reply["handoff"]["queue"] != ""


def test_complaint_hands_off(client: httpx.Client) -> None:
    reply = chat(client, "Jag vill klaga på min mammas gode man, han svarar aldrig")
    assert reply["handoff"] is not None
    assert reply["handoff"]["reason"] == "complaint"


def test_own_case_question_gets_the_general_rule_and_a_person(client: httpx.Client) -> None:
    # The handläggare answers for the case; the documented rule is given now, cited, before the handoff.
    reply = chat(client, "Har ni fått min årsräkning som jag skickade förra veckan? När ska den vara inne?")
    handoff = reply["handoff"]
    assert handoff is not None and handoff["reason"] == "case_specific"
    assert reply["citations"], reply
    assert "1 mars" in reply["answer"]
    assert reply["answer"].index("1 mars") < reply["answer"].index(handoff["reference"])
    # Below a general answer the handoff says what the answer is, instead of "this is an individual case".
    assert handoff["message"].startswith("Det här är vad som gäller i allmänhet.")
    bare = chat(client, "Har ni fått min årsräkning som jag skickade förra veckan?")
    if not bare["citations"]:  # nothing answered above it: the plain own-case text
        assert bare["handoff"]["message"].startswith("Det här gäller ett enskilt ärende")


def test_a_crisis_is_never_answered_from_the_documents_even_beside_a_question(client: httpx.Client) -> None:
    reply = chat(client, "När ska årsräkningen vara inne? Jag orkar inte leva längre.")
    assert reply["handoff"] is not None and reply["handoff"]["urgency"] == "urgent"
    assert reply["citations"] == []


def test_money_taken_now_gets_the_crisis_text_first_and_then_the_pages_answer(client: httpx.Client) -> None:
    # Money taken from a huvudman is a crisis (bank, 114 14, urgent handoff) where the office itself
    # is part of the help: its rule has also_answer, so the documented answer follows the crisis text.
    message = "Min pappas förvaltare tar pengar från hans konto varje vecka utan att fråga. Vad kan jag göra?"
    reply = chat(client, message)
    handoff = reply["handoff"]
    assert handoff is not None and handoff["reason"] == "crisis" and handoff["urgency"] == "urgent"
    assert reply["citations"], reply
    answer = reply["answer"]
    assert "114 14" in answer
    assert answer.index("114 14") < answer.index("[1]") < answer.index(handoff["reference"])


def test_out_of_scope_is_declined_kindly(client: httpx.Client) -> None:
    reply = chat(client, "Var kan jag parkera vid stadshuset?")
    assert reply["handoff"] is None
    assert reply["citations"] == []
    assert reply["answer"]


def test_bot_stays_silent_after_handoff_until_staff_release(
    client_factory: Callable[..., httpx.Client], staff: httpx.Client
) -> None:
    client = client_factory()
    first = chat(client, "Jag vill prata med en människa")
    reference = first["handoff"]["reference"]

    waiting = chat(client, "Vad är en god man?", first)
    assert waiting["citations"] == []
    assert reference in waiting["answer"]

    # A crisis is still answered at once, and the open handoff becomes urgent.
    crisis = chat(client, "Nu hotar han att skada mig, jag är rädd", first)
    assert crisis["handoff"]["urgency"] == "urgent"
    assert queue_item(staff, reference)["urgency"] == "urgent"

    claimed = staff.post(f"/api/handoffs/{reference}/claim")
    assert claimed.status_code == 200 and claimed.json()["status"] == "claimed"
    assert claimed.json()["claimed_by"] == "Handläggare Test"
    assert chat(client, "Vad är en god man?", first)["citations"] == []

    released = staff.post(f"/api/handoffs/{reference}/release")
    assert released.json()["status"] == "released"
    answered = chat(client, "Vad är en god man?", first)
    assert answered["citations"], answered
    assert answered["handoff"] is None

    again = staff.post(f"/api/handoffs/{reference}/claim")
    assert again.status_code == 409
    assert "status" in again.json()["detail"]


def test_resolve_and_unknown_handoff(client: httpx.Client, staff: httpx.Client) -> None:
    reference = chat(client, "Ring mig, jag behöver hjälp av en handläggare")["handoff"]["reference"]
    assert staff.post(f"/api/handoffs/{reference}/resolve").json()["status"] == "resolved"
    assert reference in {
        i["reference"] for i in staff.get("/api/handoffs", params={"status": "resolved"}).json()
    }
    missing = staff.post("/api/handoffs/H-NOPE00/claim")
    assert missing.status_code == 404
    assert missing.json()["detail"].startswith("Överlämningen")
