"""benchmarks/api_bench.py as a person runs it: it waits for /readyz, and says in one line (exit 2)
when the server never comes up instead of crashing with a traceback."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "api_bench.py"


def _bench(url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BENCH), "--url", url, "--clients", "1", "--max-requests", "1", *extra],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _SlowStarter(BaseHTTPRequestHandler):
    """Not ready for the first two /readyz calls (as while the index loads), then a tiny Tillit."""

    readyz_calls = 0

    def _send(self, status: int, body: bytes, kind: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("content-type", kind)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path == "/readyz":
            type(self).readyz_calls += 1
            ready = type(self).readyz_calls > 2
            self._send(
                200 if ready else 503, json.dumps({"status": "ready" if ready else "not_ready"}).encode()
            )
        else:
            self._send(200, b"", "text/plain")  # /metrics

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("content-length", 0)))
        self._send(200, json.dumps({"answer": "Svar."}).encode())

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def slow_server() -> Iterator[str]:
    _SlowStarter.readyz_calls = 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlowStarter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_no_server_is_one_line_and_exit_2() -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    done = _bench(url, "--ready-timeout", "2")
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [f"api_bench: {url} not ready within 2 s (ConnectError)"]


def test_waits_for_a_server_that_becomes_ready(slow_server: str) -> None:
    done = _bench(slow_server, "--ready-timeout", "30", "--duration", "0.5")
    assert done.returncode == 0, done.stderr
    assert _SlowStarter.readyz_calls >= 3
    assert "1 clients:" in done.stdout
