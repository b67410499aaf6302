"""The model server slow or down, seen through a real `tillit serve` with TILLIT_COMPOSER=openai:
citizens still get the extractive, cited answer, within the configured timeout (a hung model
would otherwise hang the request: pytest-timeout is the guard, no timing is asserted)."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.conftest import copy_data_dir
from tests.reliability.services import Server, launch, unavailable, wait_ready

pytestmark = pytest.mark.server


class BlackHole:
    """A loopback 'model server' that accepts connections and never answers; `close()` turns
    its port into a closed one (connection refused)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self._held: list[socket.socket] = []
        self._open = True
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while self._open:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            self._held.append(conn)  # read nothing, answer nothing

    def close(self) -> None:
        self._open = False
        # shutdown() wakes the accept() blocked in the other thread; close() alone would leave
        # the port listening until that accept returns.
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()
        for conn in self._held:
            conn.close()


@pytest.fixture(scope="module")
def black_hole() -> Iterator[BlackHole]:
    hole = BlackHole()
    yield hole
    hole.close()


@pytest.fixture(scope="module")
def model_server_app(
    base_data_dir: Path, black_hole: BlackHole, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    data_dir = copy_data_dir(base_data_dir, tmp_path_factory.mktemp("model-fault") / "data")
    server = launch(
        data_dir,
        data_dir.parent / "serve.log",
        {
            "TILLIT_COMPOSER": "openai",
            "TILLIT_LLM_BASE_URL": f"http://127.0.0.1:{black_hole.port}/v1",
            "TILLIT_LLM_TIMEOUT_S": "3",
            "TILLIT_RATE_LIMIT_ENABLED": "false",
        },
    )
    try:
        wait_ready([server])
    except RuntimeError as exc:
        unavailable(str(exc))
    yield server
    server.stop()


def _assert_extractive_answer(server: Server, question: str) -> None:
    with server.client(timeout=120) as http:
        reply = http.post("/api/chat", json={"message": question})
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["citations"], body
    assert body["answer"].strip()


@pytest.mark.timeout(300)
def test_slow_model_server_gives_the_extractive_answer(
    model_server_app: Server, black_hole: BlackHole
) -> None:
    accepted = black_hole.accepted
    _assert_extractive_answer(model_server_app, "Hur lämnar jag in årsräkningen?")
    assert black_hole.accepted > accepted  # the model was asked, and did not answer
    assert "timed out" in model_server_app.log_text()


@pytest.mark.timeout(300)
def test_model_server_down_gives_the_extractive_answer(
    model_server_app: Server, black_hole: BlackHole
) -> None:
    black_hole.close()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", black_hole.port), timeout=5).close()
    _assert_extractive_answer(model_server_app, "Vad får en god man i arvode?")
    log = model_server_app.log_text()
    assert "model composer failed" in log, log[-2000:]
