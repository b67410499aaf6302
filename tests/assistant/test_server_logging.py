"""The logging set-up of `tillit serve` (`logging_config`): the service's own lines stay, the HTTP
clients' one-line-per-request INFO output (every Chroma call in server mode) does not."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class _Ok(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def loopback_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Ok)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api/v2/heartbeat"
    server.shutdown()
    server.server_close()


def _log_of_one_request(level: str, url: str) -> str:
    """stderr of a fresh process configured as `tillit serve --log-level LEVEL`, after one httpx call."""
    script = textwrap.dedent(
        f"""
        import logging, logging.config
        import httpx
        from assistant.cli.server_commands import logging_config

        logging.config.dictConfig(logging_config({level!r}))
        assert httpx.get({url!r}).status_code == 200
        logging.getLogger("assistant.api").warning("own line")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stderr


@pytest.mark.parametrize("level", ["debug", "info"])
def test_http_client_requests_are_not_logged(level: str, loopback_url: str) -> None:
    log = _log_of_one_request(level, loopback_url)
    assert "own line" in log
    assert "httpx" not in log and "httpcore" not in log, log
    assert "/api/v2/heartbeat" not in log, log
