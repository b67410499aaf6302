"""The logging set-up of `tillit serve` (`logging_config`): the service's own lines stay, the HTTP
clients' one-line-per-request INFO output (every Chroma call in server mode) does not."""

from __future__ import annotations

import json
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


def test_lines_are_json_objects_with_the_request_id() -> None:
    """One JSON object per line; a line written while a request is served carries its id, and a
    conversation id leaves as a pseudonym (assistant.log_privacy), exceptions without their text."""
    script = textwrap.dedent(
        """
        import logging, logging.config
        from assistant.cli.server_commands import logging_config
        from assistant.log_format import REQUEST_ID

        logging.config.dictConfig(logging_config("info"))
        log = logging.getLogger("assistant.api")
        log.info("outside a request")
        REQUEST_ID.set("0123456789abcdef0123456789abcdef")
        log.info("turn conversation=%s action=answer", "ab" * 16)
        try:
            raise ValueError("Anna Andersson 19121212-1212")
        except ValueError:
            log.exception("failed")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stderr.splitlines() if line.strip()]
    assert [line["message"].split()[0] for line in lines] == ["outside", "turn", "failed"]
    outside, turn, failed = lines
    assert "request_id" not in outside and outside["level"] == "INFO" and outside["logger"] == "assistant.api"
    assert turn["request_id"] == failed["request_id"] == "0123456789abcdef0123456789abcdef"
    assert "ab" * 16 not in turn["message"] and "conversation=p-" in turn["message"]
    assert failed["exception"] == "ValueError" and "Anna" not in done.stderr and "19121212" not in done.stderr
