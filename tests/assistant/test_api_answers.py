"""Citizen answers through the real server: citations per topic, languages, follow-ups, disclosure."""

from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.server

# One question per main topic of the sample corpus, written as people ask, with the documents
# that may rightly answer it.
TOPICS = [
    ("När ska årsräkningen vara inne hos er?", {"arsrakning", "lattlast-arsrakning", "anstand-och-vite"}),
    ("Hur mycket arvode får en god man?", {"arvode", "arvode-skatt-och-avgifter"}),
    ("Vem kan ansöka om god man hos tingsrätten?", {"ansokan-om-god-man"}),
    ("Vad är en framtidsfullmakt?", {"framtidsfullmakt-och-anhorigbehorighet"}),
    ("När ska sluträkningen lämnas in?", {"slutrakning", "upphorande-av-godmanskap", "nar-huvudmannen-dor"}),
    ("Kan jag få anstånd med årsräkningen?", {"anstand-och-vite"}),
    (
        "Behöver jag samtycke för att ta ut pengar från ett spärrat konto?",
        {"samtycke-och-uttag", "barns-sparrade-konton"},
    ),
    ("Hur får huvudmannens pengar placeras?", {"placering-av-pengar"}),
    ("Vad gäller när mitt barn ärver pengar?", {"formyndare-for-barn", "barns-sparrade-konton"}),
    (
        "Vad händer med godmanskapet när huvudmannen dör?",
        {"nar-huvudmannen-dor", "dodsbo-och-arv", "upphorande-av-godmanskap"},
    ),
    ("Är uppgifterna om huvudmannen sekretess?", {"sekretess-och-allmanna-handlingar"}),
    ("Vilka telefontider har ni?", {"kontakt-och-oppettider", "lattlast-kontakt"}),
    ("Vad gör en god man för ensamkommande barn?", {"ensamkommande-barn"}),
    ("Hur byter man god man?", {"byte-av-stallforetradare"}),
    ("Vad är prisbasbeloppet för 2025?", {"prisbasbelopp-och-belopp"}),
]


def chat(client: httpx.Client, message: str, **extra: object) -> dict:
    response = client.post("/api/chat", json={"message": message, **extra})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(("question", "expected"), TOPICS, ids=[t[0][:40] for t in TOPICS])
def test_answer_cites_the_right_document(client: httpx.Client, question: str, expected: set[str]) -> None:
    reply = chat(client, question)
    assert reply["handoff"] is None
    cited = {c["doc_id"] for c in reply["citations"]}
    assert cited & expected, (reply["answer"], cited)
    assert "[1]" in reply["answer"]
    # Every marker in the answer points at a citation that is returned with it.
    numbers = {c["n"] for c in reply["citations"]}
    for n in numbers:
        assert f"[{n}]" in reply["answer"]
    for citation in reply["citations"]:
        assert citation["title"] and citation["version"] and citation["source_url"].startswith("http")
    assert reply["language"] == "sv"
    assert "AI" in reply["disclosure"]
    assert 0.0 < reply["confidence"] <= 1.0


def test_drafts_and_expired_documents_never_answer(client: httpx.Client) -> None:
    reply = chat(client, "Vad var prisbasbeloppet för 2024 och hur fungerar den digitala årsräkningen?")
    cited = {c["doc_id"] for c in reply["citations"]}
    assert not cited & {"prisbasbelopp-2024", "utkast-digital-arsrakning"}


def test_english_question_gets_the_english_document(client: httpx.Client) -> None:
    reply = chat(client, "When do I have to submit the annual report?")
    assert reply["language"] == "en"
    assert {c["doc_id"] for c in reply["citations"]} & {"en-annual-report"}
    assert "AI assistant" in reply["disclosure"]


def test_language_without_documents_answers_in_swedish_with_a_note_and_tolk(client: httpx.Client) -> None:
    # Polish has no approved texts: the answer is Swedish, the note Polish, with an interpreter offer.
    reply = chat(client, "Kiedy muszę złożyć roczne sprawozdanie (årsräkning) dla podopiecznego?")
    assert reply["language"] == "sv"
    assert reply["notices"], reply
    note = reply["notices"][0]
    assert "tolk" in note
    assert "tłumacz" in note or "szwedzku" in note


def test_a_year_no_approved_page_gives_gets_no_other_years_figures(client: httpx.Client) -> None:
    # The approved fee page gives the limits for 2025 only (2024's are on an expired page, never
    # served): 2025's figures are no answer for 2024; the reply says so and offers a person.
    reply = chat(client, "Hur hög var inkomstgränsen för när huvudmannen betalar arvodet år 2024?")
    assert "155 820" not in reply["answer"] and not reply["citations"], reply["answer"]
    assert "handläggare" in reply["answer"], reply["answer"]
    same = chat(client, "Hur hög är inkomstgränsen för när huvudmannen betalar arvodet år 2025?")
    assert "155 820" in same["answer"] and not [n for n in same["notices"] if "2025" in n], same["notices"]


def test_a_question_about_an_interpreter_answered_in_swedish_offers_one_once(client: httpx.Client) -> None:
    reply = chat(client, "Czy mogę dostać tłumacza? Kiedy muszę złożyć roczne sprawozdanie (årsräkning)?")
    assert reply["handoff"] is None and reply["language"] == "sv", reply
    offers = [n for n in reply["notices"] if "(tolk)" in n]
    assert len(offers) == 1, reply["notices"]


def test_interpreter_request_hands_off(client: httpx.Client) -> None:
    reply = chat(client, "I need an interpreter please")
    assert reply["handoff"] is not None
    assert reply["handoff"]["reference"] in reply["answer"]


def test_follow_up_uses_the_conversation(client: httpx.Client) -> None:
    first = chat(client, "Vad är en framtidsfullmakt?")
    follow = chat(
        client,
        "Vem kan skriva en sådan?",
        conversation_id=first["conversation_id"],
        conversation_token=first["conversation_token"],
    )
    assert follow["conversation_id"] == first["conversation_id"]
    assert follow["handoff"] is None
    assert "framtidsfullmakt-och-anhorigbehorighet" in {c["doc_id"] for c in follow["citations"]}


def test_short_follow_up_about_time(client: httpx.Client) -> None:
    first = chat(client, "Hur ansöker jag om anstånd med årsräkningen?")
    follow = chat(
        client,
        "hur lång tid då?",
        conversation_id=first["conversation_id"],
        conversation_token=first["conversation_token"],
    )
    cited = {c["doc_id"] for c in follow["citations"]}
    assert cited & {"anstand-och-vite", "arsrakning", "granskning-av-redovisning", "lattlast-arsrakning"}


def test_security_headers_and_no_cors_by_default(client: httpx.Client) -> None:
    response = client.post(
        "/api/chat", json={"message": "Vad är en god man?"}, headers={"Origin": "https://evil.example"}
    )
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["cache-control"] == "no-store"
    assert "access-control-allow-origin" not in response.headers


def test_health_ready_metrics_and_openapi(client: httpx.Client) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz").json()
    assert ready["status"] == "ready" and ready["index_version"]
    chat(client, "Vad är en god man?")
    metrics = client.get("/metrics").text
    for stage in ("redact", "policy", "retrieve", "compose", "check", "record"):
        assert f'tillit_stage_seconds_count{{stage="{stage}"}}' in metrics
    assert "tillit_handoffs_total" in metrics
    schema = client.get("/openapi.json").json()
    assert "/api/chat" in schema["paths"]
    assert "/api/handoffs/{handoff_id}/claim" in schema["paths"]
