"""Routing and errors in-process (FastAPI's TestClient, no server): every problem type of the
catalogue is produced by a real request and has the RFC 9457 shape; 404, 405 and 422 look like
every other error; the request id comes back on the response, in the body and on the log lines.

The app is the real one over a data directory with no index (so chat is `index-unavailable`) and
a real database; the few causes a test cannot bring about for real (a database outage, a full
turn line, an unexpected exception) replace a part through `app.dependency_overrides` or
`app.state`, as a deployment would never do.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.api import problems as p
from assistant.api.admission import Admission
from assistant.api.deps import get_assistant
from assistant.api.security import RateLimiter
from assistant.log_format import JsonFormatter, RequestIdFilter
from assistant.storage import DatabaseUnavailable

REPO = Path(__file__).resolve().parents[2]
METRICS_TOKEN = "metrics-secret"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    from assistant.api import create_app
    from assistant.service import Assistant
    from assistant.settings import Settings

    settings = Settings(
        data_dir=tmp_path_factory.mktemp("problems") / "data",
        rate_limit_enabled=False,
        metrics_token=METRICS_TOKEN,
        insight_index_interval_s=0,
        retention_days=0,
    )
    settings.data_dir.mkdir(parents=True)
    assistant = Assistant(settings)
    application = create_app(settings, assistant=assistant)
    yield application
    assistant.close()


@pytest.fixture(scope="module")
def client(app: FastAPI) -> TestClient:
    # Not entered as a context: no lifespan, so no warm-up and no background loops.
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def keys(app: FastAPI) -> dict[str, str]:
    store = app.state.assistant.store
    return {role: store.add_api_key(role, f"Test {role}").key for role in ("staff", "admin")}


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def problem(response: httpx.Response, kind: p.ProblemType, detail: str | None = None) -> dict[str, Any]:
    """The response is `kind` in the RFC 9457 shape; returns the body."""
    assert response.status_code == kind.status, response.text
    assert response.headers["content-type"] == p.MEDIA_TYPE
    body = response.json()
    assert body["type"] == kind.uri == f"/problems/{kind.name}"
    assert body["title"] == kind.title
    assert body["status"] == kind.status
    assert body["detail"] == (detail or kind.detail)
    assert body["instance"] == response.request.url.path
    assert body["request_id"] == response.headers["x-request-id"]
    assert set(body) <= {"type", "title", "status", "detail", "instance", "request_id"}
    assert "Traceback" not in response.text
    return body


# -- routing: 404, 405, 422 --------------------------------------------------------------------


def test_an_unknown_path_is_a_not_found_problem(client: TestClient) -> None:
    for path in ("/finns-inte", "/api/finns-inte", "/static/finns-inte.js", "/problems/finns-inte"):
        problem(client.get(path), p.NOT_FOUND)


def test_a_wrong_method_is_a_method_not_allowed_problem_with_allow(client: TestClient) -> None:
    response = client.put("/api/chat", json={"message": "hej"})
    problem(response, p.METHOD_NOT_ALLOWED)
    assert response.headers["allow"] == "POST"


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ({"message": ""}, "Meddelandet är tomt."),
        ({"message": "x" * 2001}, "Meddelandet är för långt (högst 2000 tecken)."),
        ({}, "Meddelandet saknas."),
        ({"message": "hej", "extra": 1}, "Okänt fält: extra."),
        ({"message": "hej", "language": "svenska"}, "Språkkoden har fel format."),
        ({"message": 5}, "Meddelandet har fel typ."),
    ],
)
def test_invalid_requests_are_one_swedish_sentence(client: TestClient, body: Any, detail: str) -> None:
    problem(client.post("/api/chat", json=body), p.INVALID_REQUEST, detail)


def test_broken_json_and_unreadable_bodies(client: TestClient) -> None:
    headers = {"content-type": "application/json"}
    problem(
        client.post("/api/chat", content=b'{"message": ', headers=headers),
        p.INVALID_REQUEST,
        "Innehållet är inte giltig JSON.",
    )
    problem(client.post("/api/chat", content=b'{"message": "\xff\xfe"}', headers=headers), p.BAD_REQUEST)


def test_a_query_out_of_range_is_invalid(client: TestClient, keys: dict[str, str]) -> None:
    response = client.get("/api/insights", params={"weeks": 0}, headers=bearer(keys["staff"]))
    problem(response, p.INVALID_REQUEST, "Fältet weeks är ogiltigt.")


def test_a_body_over_the_cap_is_too_large(client: TestClient) -> None:
    body = problem(
        client.post("/api/chat", content=b"x" * 200_000),
        p.REQUEST_TOO_LARGE,
        "Förfrågan är för stor (högst 128 kB).",
    )
    assert body["instance"] == "/api/chat"


# -- the request id ---------------------------------------------------------------------------


def test_the_request_id_is_echoed_or_made(client: TestClient) -> None:
    given = "3f2a1b4c-1234-4abc-8def-0123456789ab"
    assert client.get("/healthz", headers={"X-Request-ID": given}).headers["x-request-id"] == given
    nginx = "a" * 32
    assert client.get("/healthz", headers={"X-Request-ID": nginx}).headers["x-request-id"] == nginx
    made = client.get("/healthz").headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", made)
    assert client.get("/healthz").headers["x-request-id"] != made
    # A header that could carry personal data into the logs is replaced, not echoed.
    for typed in ("19121212-1212", "anna.svensson@example.se", "x" * 300, "a b"):
        echoed = client.get("/healthz", headers={"X-Request-ID": typed}).headers["x-request-id"]
        assert echoed != typed and re.fullmatch(r"[0-9a-f]{32}", echoed)
    # On errors too, and in the body.
    missing = client.get("/finns-inte", headers={"X-Request-ID": given})
    assert missing.headers["x-request-id"] == given and missing.json()["request_id"] == given


@pytest.fixture
def log_lines() -> Iterator[list[str]]:
    """What the server's JSON handler would write, for the service's loggers."""
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(self.format(record))

    handler = Collect()
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("assistant")
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield lines
    logger.removeHandler(handler)
    logger.setLevel(previous)


def test_every_log_line_of_a_request_carries_its_id(
    app: FastAPI, client: TestClient, log_lines: list[str]
) -> None:
    given = "0f2a1b4c-1234-4abc-8def-0123456789ab"

    class Talkative:
        def chat(self, *args: Any) -> Any:  # runs in the thread pool, as a real turn does
            logging.getLogger("assistant.pipeline").info("turn conversation=%s action=answer", "ab" * 16)
            raise DatabaseUnavailable("down")

    app.dependency_overrides[get_assistant] = Talkative
    try:
        response = client.post(
            "/api/chat", json={"message": "Jag heter Anna"}, headers={"X-Request-ID": given}
        )
    finally:
        app.dependency_overrides.clear()
    problem(response, p.DATABASE_UNAVAILABLE)
    records = [json.loads(line) for line in log_lines]
    mine = [r for r in records if r.get("request_id") == given]
    assert {r["logger"] for r in mine} >= {"assistant.pipeline", "assistant.api"}, records
    request_line = next(r for r in mine if r["logger"] == "assistant.api")
    assert request_line["route"] == "/api/chat" and request_line["status"] == 503
    assert request_line["http_method"] == "POST" and request_line["duration_ms"] >= 0
    turn = next(r for r in mine if r["logger"] == "assistant.pipeline")
    assert "ab" * 16 not in turn["message"] and "conversation=p-" in turn["message"]  # log_privacy
    assert "Anna" not in "\n".join(log_lines)


def test_log_lines_name_route_templates_not_paths(client: TestClient, log_lines: list[str]) -> None:
    conversation = "c0ffee" + "0" * 26
    client.delete(f"/api/conversations/{conversation}", headers={"X-Conversation-Token": "x"})
    client.get("/api/chat?fråga=personnummer")
    text = "\n".join(log_lines)
    assert "/api/conversations/{conversation_id}" in text
    assert conversation not in text and "personnummer" not in text


def test_an_unexpected_error_is_an_internal_error_problem_without_its_message(
    app: FastAPI, client: TestClient, log_lines: list[str]
) -> None:
    secret = "19121212-1212 Anna Andersson"

    class Broken:
        def chat(self, *args: Any) -> Any:
            raise RuntimeError(secret)  # frames show source lines: the text is not on this one

    app.dependency_overrides[get_assistant] = Broken
    try:
        response = client.post("/api/chat", json={"message": "hej"})
    finally:
        app.dependency_overrides.clear()
    problem(response, p.INTERNAL_ERROR)
    assert response.headers["content-security-policy"]  # still under the security headers
    text = "\n".join(log_lines)
    assert "unhandled RuntimeError" in text
    assert "19121212" not in text and "Anna" not in text


# -- every other problem type, from a real request ----------------------------------------------


def test_the_three_503s_are_told_apart(app: FastAPI, client: TestClient) -> None:
    index = client.post("/api/chat", json={"message": "Vad är en god man?"})
    problem(index, p.INDEX_UNAVAILABLE)
    assert index.headers["retry-after"] == "30"

    class DatabaseDown:
        def chat(self, *args: Any) -> Any:
            raise DatabaseUnavailable("down")

    app.dependency_overrides[get_assistant] = DatabaseDown
    try:
        database = client.post("/api/chat", json={"message": "Vad är en god man?"})
    finally:
        app.dependency_overrides.clear()
    problem(database, p.DATABASE_UNAVAILABLE)
    assert database.headers["retry-after"] == "10"

    release = threading.Event()
    entered = threading.Event()

    class Slow:
        def chat(self, *args: Any) -> Any:
            entered.set()
            release.wait(30)
            raise DatabaseUnavailable("down")

    app.dependency_overrides[get_assistant] = Slow
    previous = app.state.admission
    app.state.admission = Admission(running=1, waiting=0)
    try:
        first = threading.Thread(target=client.post, args=("/api/chat",), kwargs={"json": {"message": "a"}})
        first.start()
        assert entered.wait(30)
        busy = client.post("/api/chat", json={"message": "b"})
        release.set()
        first.join(30)
    finally:
        release.set()
        app.state.admission = previous
        app.dependency_overrides.clear()
    problem(busy, p.SERVICE_BUSY)
    assert busy.headers["retry-after"] == "2"
    assert len({index.json()["type"], database.json()["type"], busy.json()["type"]}) == 3


def test_conversation_problems(app: FastAPI, client: TestClient) -> None:
    store = app.state.assistant.store
    conversation, token = store.create_conversation("sv")
    problem(
        client.delete(f"/api/conversations/{'0' * 32}", headers={"X-Conversation-Token": "x"}),
        p.CONVERSATION_NOT_FOUND,
    )
    problem(
        client.get(f"/api/conversations/{conversation}/export", headers={"X-Conversation-Token": "fel"}),
        p.CONVERSATION_FORBIDDEN,
    )
    feedback = {"conversation_id": conversation, "conversation_token": token, "helpful": True, "turn_id": 999}
    problem(client.post("/api/feedback", json=feedback), p.TURN_NOT_FOUND)


def test_rate_limits(app: FastAPI, client: TestClient) -> None:
    limiters = app.state.rate_limiter, app.state.key_failures
    app.state.rate_limiter, app.state.key_failures = RateLimiter(1), RateLimiter(1)
    try:
        client.post("/api/feedback", json={})
        limited = client.post("/api/feedback", json={})
        wrong = bearer("tk_000000000000_wrong")
        first, second = client.get("/api/me", headers=wrong), client.get("/api/me", headers=wrong)
    finally:
        app.state.rate_limiter, app.state.key_failures = limiters
    problem(limited, p.RATE_LIMITED)
    assert int(limited.headers["retry-after"]) >= 1
    problem(first, p.STAFF_KEY_INVALID)
    problem(second, p.KEY_FAILURES_LIMITED)


def test_staff_and_admin_problems(app: FastAPI, client: TestClient, keys: dict[str, str]) -> None:
    staff, admin = bearer(keys["staff"]), bearer(keys["admin"])
    missing = client.get("/api/handoffs")
    problem(missing, p.STAFF_KEY_REQUIRED)
    assert missing.headers["www-authenticate"] == "Bearer"
    problem(client.post("/api/admin/reindex", json={}, headers=staff), p.ROLE_FORBIDDEN)

    store = app.state.assistant.store
    fields: dict[str, Any] = {
        "reason": "person",
        "rule": "ask_person",
        "queue": "allmän",
        "urgency": "normal",
    }
    reference = store.create_handoff(None, **fields, language="sv", summary="", citations=[], prepare=[])
    problem(client.post("/api/handoffs/H-FINNS-INTE/claim", headers=staff), p.HANDOFF_NOT_FOUND)
    problem(client.get("/api/handoffs/H-FINNS-INTE/transcript", headers=staff), p.HANDOFF_NOT_FOUND)
    assert client.post(f"/api/handoffs/{reference}/claim", headers=staff).status_code == 200
    problem(
        client.post(f"/api/handoffs/{reference}/claim", headers=staff),
        p.HANDOFF_CONFLICT,
        "Överlämningen har redan status claimed och kan inte ändras så.",
    )
    problem(client.get(f"/api/handoffs/{reference}/conversation", headers=staff), p.HANDOFF_CONVERSATION_GONE)

    others = store.save_draft(staff="someone", input_text="", draft_text="", questions=[], citations=[])
    outcome = {"outcome": "sent"}
    problem(client.post(f"/api/drafts/{'0' * 32}/outcome", json=outcome, headers=staff), p.DRAFT_NOT_FOUND)
    problem(client.post(f"/api/drafts/{others}/outcome", json=outcome, headers=staff), p.DRAFT_FORBIDDEN)
    problem(
        client.post(f"/api/handoffs/{reference}/drafts/{others}", headers=staff),
        p.DRAFT_FORBIDDEN,
        "Utkastet är skrivet av någon annan.",
    )

    problem(client.post("/api/admin/reindex", json={"path": "/etc"}, headers=admin), p.OUTSIDE_CORPUS_ROOTS)
    folder = str(REPO / "knowledge" / "corpus" / "finns-inte")
    problem(client.post("/api/admin/reindex", json={"path": folder}, headers=admin), p.CORPUS_FOLDER_MISSING)
    problem(client.get(f"/api/admin/reindex/{'0' * 32}", headers=admin), p.REINDEX_JOB_NOT_FOUND)
    problem(
        client.get("/api/admin/reindex/ETC-PASSWD", headers=admin),
        p.INVALID_REQUEST,
        "Omindexeringens id har fel format.",
    )


def test_metrics_token(client: TestClient) -> None:
    refused = client.get("/metrics")
    problem(refused, p.METRICS_TOKEN_REQUIRED)
    assert refused.headers["www-authenticate"] == "Bearer"
    assert client.get("/metrics", headers=bearer(METRICS_TOKEN)).status_code == 200


def test_reindex_is_a_job_with_a_status(
    app: FastAPI, client: TestClient, keys: dict[str, str], tmp_path: Path
) -> None:
    from assistant.reindexing import ReindexFailed, ReindexJobs
    from knowledge import IngestReport

    admin = bearer(keys["admin"])
    release = threading.Event()
    outcomes: list[Any] = [
        IngestReport(
            indexed=[object()] * 3, skipped=[object()], passages=42, seconds=1.234, index_version="v-new"
        ),
        ReindexFailed("inläsningen avbröts"),
    ]

    def run(path: Path | None) -> IngestReport:
        assert path is None  # no folder asked for: the bundled corpus
        release.wait(30)
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    previous = app.state.reindex_jobs
    app.state.reindex_jobs = jobs = ReindexJobs(tmp_path / "jobs", run, timeout_s=60)
    try:
        accepted = client.post("/api/admin/reindex", headers=admin)
        assert accepted.status_code == 202, accepted.text
        job = accepted.json()
        assert job["status"] in ("queued", "running") and job["indexed"] is None
        status_url = f"/api/admin/reindex/{job['job_id']}"
        assert accepted.headers["location"] == job["status_url"] == status_url

        again = client.post("/api/admin/reindex", json={}, headers=admin)
        problem(again, p.REINDEX_RUNNING)
        assert again.headers["location"] == status_url
        assert client.get(status_url, headers=admin).json()["status"] == "running"

        release.set()
        jobs.wait(30)
        done = client.get(status_url, headers=admin).json()
        assert done["status"] == "done", done
        assert (done["indexed"], done["skipped"], done["failed"], done["passages"]) == (3, 1, 0, 42)
        assert done["index_version"] == "v-new" and done["seconds"] == 1.23 and done["detail"] is None
        assert done["started_at"] and done["finished_at"]

        second = client.post("/api/admin/reindex", headers=admin).json()
        jobs.wait(30)
        failed = client.get(second["status_url"], headers=admin).json()
        assert failed["status"] == "failed" and failed["index_version"] is None
        assert failed["detail"] == (
            "Omindexeringen misslyckades: inläsningen avbröts. Det tidigare indexet används fortfarande."
        )
        problem(client.get(status_url, headers=bearer(keys["staff"])), p.ROLE_FORBIDDEN)
    finally:
        release.set()
        app.state.reindex_jobs = previous
    events = app.state.assistant.store.audit_events("index.reindex")
    assert {e.target for e in events} >= {job["job_id"], second["job_id"]}


# -- the catalogue, its documentation and the schema ------------------------------------------


def test_every_problem_type_is_produced_by_a_test_here() -> None:
    source = Path(__file__).read_text(encoding="utf-8")
    source = source[: source.index("def test_every_problem_type_is_produced_by_a_test_here")]
    constants = {kind.name: name for name, kind in vars(p).items() if isinstance(kind, p.ProblemType)}
    assert set(constants) == set(p.CATALOGUE)
    untested = [name for name in constants.values() if not re.search(rf"\bp\.{name}\b", source)]
    assert not untested, untested


def test_the_readme_documents_every_problem_type() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Problem types", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"`/problems/([a-z-]+)`", section))
    assert documented == set(p.CATALOGUE)
    for kind in p.CATALOGUE.values():
        row = next(line for line in section.splitlines() if line.startswith(f"| `{kind.uri}` |"))
        assert row.startswith(f"| `{kind.uri}` | {kind.status} | {kind.title} |"), row


def test_each_problem_type_has_its_page(client: TestClient) -> None:
    listing = client.get("/problems")
    assert listing.status_code == 200 and listing.headers["content-type"].startswith("text/html")
    for kind in p.CATALOGUE.values():
        assert f'id="{kind.name}"' in listing.text
        page = client.get(kind.uri)
        assert page.status_code == 200 and kind.title in page.text


def test_the_schema_documents_errors_as_problems(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    assert set(schema["components"]["schemas"]["Problem"]["required"]) == {
        "type",
        "title",
        "status",
        "detail",
    }
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            for status, response in operation["responses"].items():
                if status[0] in "45":
                    assert list(response["content"]) == [p.MEDIA_TYPE], (method, path, status)
    chat = schema["paths"]["/api/chat"]["post"]["responses"]
    assert {"/problems/index-unavailable", "/problems/database-unavailable", "/problems/service-busy"} <= set(
        re.findall(r"/problems/[a-z-]+", chat["503"]["description"])
    )
    message = schema["components"]["schemas"]["ChatRequest"]["properties"]["message"]
    assert message["maxLength"] == 2000


def test_swagger_ui_is_served_from_local_files(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    scripts = re.findall(r'<script src="([^"]+)"', page.text)
    styles = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.text)
    assert scripts == ["/docs/assets/swagger-ui-bundle.js", "/docs/init.js"]
    assert "<script>" not in page.text and "style=" not in page.text  # nothing inline: the CSP holds
    for asset in (*scripts, *styles):
        assert asset.startswith("/"), asset
        fetched = client.get(asset)
        assert fetched.status_code == 200 and len(fetched.content) > 20, asset
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "validatorUrl: null" in client.get("/docs/init.js").text
