"""Fixtures for the assistant tests: a real uvicorn server on loopback over a copy of the sample index,
staff keys, per-test client addresses (the rate limit is per client), and a fake model server."""

from __future__ import annotations

import html
import itertools
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT_S = 420


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    data_dir: Path
    log_file: Path
    staff_key: str
    admin_key: str
    process: subprocess.Popen[bytes]

    def log_text(self) -> str:
        return self.log_file.read_text(encoding="utf-8", errors="replace")


def _create_key(data_dir: Path, role: str, name: str) -> str:
    from assistant.storage import Database, Store

    db = Database(f"sqlite:///{(data_dir / 'tillit.sqlite3').resolve()}")
    try:
        return Store(db).add_api_key(role, name).key
    finally:
        db.dispose()


def start_server(
    data_dir: Path, log_file: Path, extra_env: dict[str, str] | None = None
) -> tuple[str, subprocess.Popen]:
    port = free_port()
    env = {
        **os.environ,
        "TILLIT_DATA_DIR": str(data_dir),
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "ANONYMIZED_TELEMETRY": "False",
        **(extra_env or {}),
    }
    log = log_file.open("wb")
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "tillit"),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "debug",
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log_file.read_text(errors='replace')[-3000:]}")
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return url, process
        except httpx.HTTPError:
            pass
        time.sleep(1)
    process.terminate()
    raise RuntimeError("server did not become ready")


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def server_data_dir(sample_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("server") / "data"
    shutil.copytree(sample_data_dir, target)
    return target


@pytest.fixture(scope="session")
def server(server_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One tillit server for the session, rate limit on (30/min per client address), with 127.0.250.1
    as its trusted proxy (test_client_addresses)."""
    staff_key = _create_key(server_data_dir, "staff", "Handläggare Test")
    admin_key = _create_key(server_data_dir, "admin", "Admin Test")
    log_file = tmp_path_factory.mktemp("server-log") / "server.log"
    url, process = start_server(
        server_data_dir,
        log_file,
        {
            "TILLIT_RATE_LIMIT_ENABLED": "true",
            "TILLIT_RATE_LIMIT_PER_MINUTE": "30",
            "TILLIT_FORWARDED_ALLOW_IPS": "127.0.250.1",
        },
    )
    yield Server(url, server_data_dir, log_file, staff_key, admin_key, process)
    stop_server(process)


_addresses = itertools.count(2)


@pytest.fixture
def client_factory(server: Server) -> Iterator[Callable[..., httpx.Client]]:
    """httpx clients that each come from their own loopback address (127.0.0.x), so the per-client
    rate limit of one test never throttles another."""
    clients: list[httpx.Client] = []

    def make(headers: dict[str, str] | None = None) -> httpx.Client:
        n = next(_addresses)
        address = f"127.0.{n // 250}.{n % 250 + 2}"
        transport = httpx.HTTPTransport(local_address=address)
        client = httpx.Client(base_url=server.url, transport=transport, timeout=180, headers=headers or {})
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def client(client_factory: Callable[..., httpx.Client]) -> httpx.Client:
    return client_factory()


@pytest.fixture
def staff(client_factory: Callable[..., httpx.Client], server: Server) -> httpx.Client:
    return client_factory({"Authorization": f"Bearer {server.staff_key}"})


@pytest.fixture
def admin(client_factory: Callable[..., httpx.Client], server: Server) -> httpx.Client:
    return client_factory({"Authorization": f"Bearer {server.admin_key}"})


# -- a fake OpenAI-compatible model server (the only fake allowed: the model boundary) ----------
class FakeModel:
    """Answers /v1/chat/completions according to `mode`: good, ungrounded, slow or error."""

    def __init__(self) -> None:
        self.mode = "good"
        self.delay_s = 5.0
        self.requests: list[dict] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def _answer(self, body: dict) -> str:
        prompt = body["messages"][-1]["content"]
        if self.mode == "ungrounded":
            return "Du får alltid 99 000 kronor i arvode varje månad, och ingen granskar din redovisning [1]."
        # A grounded answer: the first full sentence of excerpt 1 (its fenced text block), cited.
        block = re.search(r'<utdrag nr="1">.*?<text>\n(.*?)\n</text>', prompt, re.S)
        excerpt = html.unescape(block.group(1)) if block else ""
        first = excerpt.replace("\n", " ").strip()
        sentence = first.split(". ")[0].rstrip(".")
        return f"{sentence} [1]."

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append(body)
                if fake.mode == "slow":
                    time.sleep(fake.delay_s)
                if fake.mode == "error":
                    self.send_response(500)
                    self.send_header("content-type", "application/json")
                    self.end_headers()
                    self.wfile.write(b'{"error": {"message": "boom"}}')
                    return
                payload = {
                    "id": "chatcmpl-test",
                    "object": "chat.completion",
                    "created": int(time.time()),
                    "model": body.get("model", "fake"),
                    "choices": [
                        {
                            "index": 0,
                            "finish_reason": "stop",
                            "message": {"role": "assistant", "content": fake._answer(body)},
                        }
                    ],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                }
                data = json.dumps(payload).encode()
                try:
                    self.send_response(200)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

        return Handler

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture(scope="session")
def fake_model() -> Iterator[FakeModel]:
    fake = FakeModel()
    yield fake
    fake.close()


@pytest.fixture(scope="session")
def model_assistant(sample_data_dir: Path, tmp_path_factory: pytest.TempPathFactory, fake_model: FakeModel):
    """An in-process Assistant whose composer is a LangChain ChatOpenAI aimed at the fake server,
    with a PromptCapture callback recording every prompt."""
    from assistant import Assistant
    from assistant.composers.llm import PromptCapture
    from assistant.settings import Settings

    data_dir = tmp_path_factory.mktemp("model") / "data"
    shutil.copytree(sample_data_dir, data_dir)
    settings = Settings(
        data_dir=data_dir,
        composer="openai",
        llm_base_url=fake_model.url,
        llm_model="fake-model",
        llm_api_key="test",
        llm_timeout_s=2.0,
    )
    capture = PromptCapture()
    assistant = Assistant.from_settings(settings, prompt_capture=capture)
    yield assistant, capture
    assistant.close()


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """`--data-dir` sets TILLIT_DATA_DIR for the process: put it back after a CLI test."""
    from assistant.settings import get_settings

    # monkeypatch remembers the current value (or its absence) and restores it afterwards.
    monkeypatch.setenv("TILLIT_DATA_DIR", os.environ.get("TILLIT_DATA_DIR", "var"))
    yield
    get_settings.cache_clear()
