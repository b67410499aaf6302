"""The webhook sender on its own, against a real HTTP receiver on loopback: what is retried and what
is not, how often, Retry-After, the signature, and settings that cannot work."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant.storage.store import HandoffEvent
from assistant.webhooks import WebhookConfigError, WebhookDispatcher, payload, sign, verify

EVENT = HandoffEvent("handoff.created", "H-ABC234", "allmant", "urgent")


class Scripted:
    """Answers with the scripted statuses in turn (the last one repeats), recording each request."""

    def __init__(self) -> None:
        self.script: list[tuple[int, dict[str, str]]] = [(200, {})]
        self.seen: list[tuple[float, dict[str, str], bytes]] = []
        self.lock = threading.Lock()
        rec = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                with rec.lock:
                    rec.seen.append((time.monotonic(), dict(self.headers), body))
                    status, headers = rec.script[min(len(rec.seen), len(rec.script)) - 1]
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("content-length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait(self, n: int, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while len(self.seen) < n:
            assert time.monotonic() < deadline, self.seen
            time.sleep(0.02)


@pytest.fixture
def receiver() -> Iterator[Scripted]:
    rec = Scripted()
    yield rec
    rec.server.shutdown()
    rec.server.server_close()


def dispatcher(url: str, audit=None, **kwargs) -> WebhookDispatcher:  # type: ignore[no-untyped-def]
    return WebhookDispatcher({"*": url}, "hemlig", backoff_s=0.05, audit=audit, **kwargs)


def test_a_server_error_is_retried_until_it_goes_through(receiver: Scripted) -> None:
    receiver.script = [(500, {}), (502, {}), (429, {"Retry-After": "0.3"}), (200, {})]
    audited: list[tuple] = []
    hooks = dispatcher(receiver.url, audit=lambda *a: audited.append(a))
    hooks(EVENT)
    receiver.wait(4)
    hooks.stop()
    times = [t for t, _, _ in receiver.seen]
    assert times[3] - times[2] >= 0.28  # Retry-After counted, not the shorter back-off
    assert len({h["X-Tillit-Delivery"] for _, h, _ in receiver.seen}) == 1
    assert all(body == payload(EVENT) for _, _, body in receiver.seen)
    assert json.loads(payload(EVENT)) == {
        "event": "handoff.created", "reference": "H-ABC234", "queue": "allmant", "urgency": "urgent",
    }  # fmt: skip
    assert audited == [
        ("system", "webhook.delivered", "H-ABC234",
         {"event": "handoff.created", "queue": "allmant", "attempts": 4, "status": 200}),
    ]  # fmt: skip


def test_a_refusal_is_not_retried_and_attempts_are_capped(receiver: Scripted) -> None:
    receiver.script = [(400, {})]
    audited: list[tuple] = []
    hooks = dispatcher(receiver.url, audit=lambda *a: audited.append(a))
    hooks(EVENT)
    receiver.wait(1)
    time.sleep(0.3)
    assert len(receiver.seen) == 1 and audited[0][1] == "webhook.failed"

    receiver.seen.clear()
    receiver.script = [(503, {})]
    audited.clear()
    capped = dispatcher(receiver.url, audit=lambda *a: audited.append(a), attempts=3)
    capped(EVENT)
    receiver.wait(3)
    deadline = time.monotonic() + 5
    while not audited:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    time.sleep(0.3)
    assert len(receiver.seen) == 3 and audited[0][3]["attempts"] == 3 and audited[0][3]["status"] == 503
    hooks.stop()
    capped.stop()


def test_only_configured_queues_are_sent(receiver: Scripted) -> None:
    hooks = WebhookDispatcher({"klagomal": receiver.url}, "hemlig", backoff_s=0.05)
    hooks(EVENT)  # queue allmant: no address
    hooks(HandoffEvent("handoff.created", "H-KLAG22", "klagomal", "normal"))
    receiver.wait(1)
    time.sleep(0.2)
    hooks.stop()
    assert [json.loads(body)["reference"] for _, _, body in receiver.seen] == ["H-KLAG22"]


def test_signatures_bind_secret_body_and_time() -> None:
    body = payload(EVENT)
    now = int(time.time())
    header = sign("hemlig", body, now)
    assert verify("hemlig", header, body)
    assert not verify("fel", header, body)
    assert not verify("hemlig", header, body + b" ")
    assert not verify("hemlig", sign("hemlig", body, now - 3600), body)  # replayed an hour later
    assert not verify("hemlig", "v1=abc", body)


def test_settings_that_cannot_work_are_refused() -> None:
    with pytest.raises(WebhookConfigError):
        WebhookDispatcher({"allmant": "https://example.invalid/hook"}, "")
    with pytest.raises(WebhookConfigError):
        WebhookDispatcher({"allmant": "file:///etc/passwd"}, "hemlig")
