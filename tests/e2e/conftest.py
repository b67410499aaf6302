"""Browser-test fixtures: the real API under uvicorn on loopback, Debian's headless Chromium, axe-core.

The server runs `assistant.api:create_app` in its own process with a copy of the sample data
directory and a staff key made through the storage API (or, with TILLIT_E2E_URL and
TILLIT_E2E_STAFF_KEY set, the suite drives a server that is already running). Every browser
context refuses requests that leave loopback (recorded, so a test can show that no third-party
resource was asked for) and records CSP violations reported on the console.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM = os.environ.get("TILLIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SERVER_START_TIMEOUT_S = 240.0


@dataclass
class LiveServer:
    url: str
    staff_key: str
    data_dir: Path
    log_path: Path
    # Another origin that may embed the chat (a configured CORS origin). It is served on loopback
    # by the `embedding_site` fixture: Chromium refuses a public page loading a loopback script.
    embedding_site: str = ""

    def api(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60.0)

    def staff_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.staff_key}"}


@dataclass
class BrowserRecord:
    """What a browser context did that a test may want to assert on."""

    blocked: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _make_staff_key(data_dir: Path) -> str:
    from assistant.settings import Settings
    from assistant.storage import Database, Store

    settings = Settings(data_dir=data_dir)
    database = Database(settings.db_url)
    try:
        return Store(database).add_api_key("staff", "e2e-handlaggare").key
    finally:
        database.engine.dispose()


@pytest.fixture(scope="session")
def live_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    root = tmp_path_factory.mktemp("e2e-server")
    external = os.environ.get("TILLIT_E2E_URL")
    if external:
        # Run the browser suite against a server that is already up (e.g. a staging instance).
        key = os.environ.get("TILLIT_E2E_STAFF_KEY", "")
        url = external.rstrip("/")
        site = f"http://127.0.0.1:{_free_port()}"
        yield LiveServer(url=url, staff_key=key, data_dir=root, log_path=root / "-", embedding_site=site)
        return
    data_dir = root / "data"
    shutil.copytree(request.getfixturevalue("sample_data_dir"), data_dir)
    staff_key = _make_staff_key(data_dir)
    port = _free_port()
    embedding_site = f"http://127.0.0.1:{_free_port()}"
    env = {
        **os.environ,
        "TILLIT_DATA_DIR": str(data_dir),
        # One browser sends many messages from one address; the limiter has its own tests.
        "TILLIT_RATE_LIMIT_ENABLED": "false",
        # The embed test puts the chat on this (locally answered) site.
        "TILLIT_CORS_ORIGINS": json.dumps([embedding_site]),
        # The insight page's content gaps: new questions analysed within seconds, not a minute.
        "TILLIT_INSIGHT_INDEX_INTERVAL_S": "2",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "ANONYMIZED_TELEMETRY": "False",
    }
    log_path = root / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable, "-m", "uvicorn", "assistant.api:create_app", "--factory",
                "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
            ],
            cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while True:
            if process.poll() is not None:
                tail = log_path.read_text(errors="replace")[-4000:]
                pytest.fail(f"the API server exited at start:\n{tail}")
            try:
                if httpx.get(f"{url}/healthz", timeout=2.0).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the API server did not start:\n{log_path.read_text(errors='replace')[-4000:]}")
            time.sleep(0.5)
        # The first chat loads the index and models; do it once here, not inside a browser wait.
        httpx.post(f"{url}/api/chat", json={"message": "Vad är en god man?"}, timeout=SERVER_START_TIMEOUT_S)
        yield LiveServer(
            url=url, staff_key=staff_key, data_dir=data_dir, log_path=log_path,
            embedding_site=embedding_site,
        )  # fmt: skip
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


EMBEDDING_PAGE = """<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Kommunens webbplats</title></head>
<body><main><h1>Kommunens webbplats</h1><p>En sida hos kommunen med chatten inbäddad.</p></main>
<script src="{server}/embed.js"></script></body></html>
"""


@pytest.fixture(scope="session")
def embedding_site(live_server: LiveServer) -> Iterator[str]:
    """A page on another (loopback) origin that embeds the chat with one script tag."""
    page = EMBEDDING_PAGE.format(server=live_server.url).encode("utf-8")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:
            pass

    port = int(urlsplit(live_server.embedding_site).port or 0)
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"{live_server.embedding_site}/kommunens-sida"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser(playwright_driver):  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run 'make system-deps' (apt-get install chromium)")
    browser = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def _is_loopback_url(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname in ("127.0.0.1", "localhost", "::1")


@pytest.fixture
def browser_record() -> BrowserRecord:
    return BrowserRecord()


@pytest.fixture
def new_context(browser, browser_record: BrowserRecord):  # type: ignore[no-untyped-def]
    """Factory for browser contexts that never reach beyond loopback. Options go to new_context."""
    contexts = []

    def make(**options):  # type: ignore[no-untyped-def]
        options.setdefault("locale", "sv-SE")
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        context.set_default_timeout(30_000)

        def guard(route):  # type: ignore[no-untyped-def]
            if _is_loopback_url(route.request.url):
                route.continue_()
            else:
                browser_record.blocked.append(route.request.url)
                route.abort()

        context.route("**/*", guard)

        def watch(page):  # type: ignore[no-untyped-def]
            page.on(
                "console",
                lambda msg: browser_record.csp_violations.append(msg.text)
                if "Content Security Policy" in msg.text or "Refused to" in msg.text
                else None,
            )
            page.on("pageerror", lambda exc: browser_record.page_errors.append(str(exc)))

        context.on("page", watch)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    # Every page in every test: no script errors, nothing refused by the CSP.
    assert not browser_record.page_errors, browser_record.page_errors
    assert not browser_record.csp_violations, browser_record.csp_violations


@pytest.fixture
def page(new_context):  # type: ignore[no-untyped-def]
    return new_context().new_page()


class AxeChecker:
    """Runs axe-core (bundled by axe-playwright-python) and fails on serious or critical violations."""

    def __init__(self) -> None:
        from axe_playwright_python.sync_playwright import Axe

        self._axe = Axe()
        self.summary: dict[str, dict[str, int]] = {}

    def check(self, page, name: str) -> list[dict]:  # type: ignore[no-untyped-def]
        results = self._axe.run(page, options={"resultTypes": ["violations"]}).response
        violations = results["violations"]
        out = ARTIFACTS / "axe"
        out.mkdir(parents=True, exist_ok=True)
        slim = [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "targets": [node["target"] for node in v["nodes"]],
            }
            for v in violations
        ]
        (out / f"{name}.json").write_text(json.dumps(slim, ensure_ascii=False, indent=2), encoding="utf-8")
        counts: dict[str, int] = {}
        for v in violations:
            counts[v["impact"] or "unknown"] = counts.get(v["impact"] or "unknown", 0) + 1
        self.summary[name] = counts
        bad = [v for v in slim if v["impact"] in ("serious", "critical")]
        found = json.dumps(bad, ensure_ascii=False)
        assert not bad, f"axe found serious/critical violations on {name}: {found}"
        return slim


@pytest.fixture(scope="session")
def axe() -> Iterator[AxeChecker]:
    checker = AxeChecker()
    yield checker
    if checker.summary:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "axe-summary.json").write_text(
            json.dumps(checker.summary, ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8"
        )


@pytest.fixture(scope="session")
def screenshot():  # type: ignore[no-untyped-def]
    """Save a screenshot under tests/artifacts/ (git-ignored) and return its path."""

    def take(page, name: str, *, full_page: bool = True) -> Path:  # type: ignore[no-untyped-def]
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take
