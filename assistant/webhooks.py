"""Webhooks per queue: the office's own systems hear of a new, or newly urgent, handoff.

Configured by the operator only (TILLIT_WEBHOOKS: a JSON object from queue name, or "*" for every
queue, to an http(s) URL; TILLIT_WEBHOOK_SECRET signs them). Nothing is sent otherwise, so the
service stays offline by default.

The body is JSON with four keys and never any message text or personal data:
    {"event": "handoff.created" | "handoff.escalated", "reference": "H-…", "queue": "…", "urgency": "…"}
Headers:
    X-Tillit-Event      the event
    X-Tillit-Delivery   one id per event, the same on every retry (so a receiver can drop repeats)
    X-Tillit-Signature  t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
A receiver recomputes v1 over the raw body and refuses a t older than a few minutes (`verify`).

Deliveries run on one background thread, so a turn never waits for a receiver. A connection
error, a timeout, 408, 425, 429 or 5xx is retried with exponential back-off (Retry-After is
honoured, capped) up to `attempts` tries; any other answer ends the delivery. The outcome is
audited (reference, queue, attempts, status), and counted in /metrics. Pending retries live in
memory: a process that stops drops them (the staff console's queue stays the record).
"""

from __future__ import annotations

import heapq
import hmac
import itertools
import json
import logging
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from hashlib import sha256
from urllib.parse import urlsplit

import httpx
from prometheus_client import Counter

from assistant.metrics import REGISTRY
from assistant.storage.store import HandoffEvent

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({408, 425, 429})
MAX_QUEUED = 10_000
SIGNATURE_TOLERANCE_S = 300

DELIVERIES = Counter(
    "tillit_webhook_deliveries",
    "Webhook deliveries by outcome (delivered, failed, dropped).",
    ["outcome"],
    registry=REGISTRY,
)

Audit = Callable[[str, str, str | None, dict[str, object]], None]


class WebhookConfigError(ValueError):
    """The webhook settings cannot work (a URL that is not http(s), or no secret)."""


def sign(secret: str, body: bytes, timestamp: int) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def verify(
    secret: str,
    header: str,
    body: bytes,
    *,
    tolerance_s: float = SIGNATURE_TOLERANCE_S,
    now: float | None = None,
) -> bool:
    """True when `header` (X-Tillit-Signature) signs `body` with `secret` and is recent enough."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((time.time() if now is None else now) - timestamp) > tolerance_s:
        return False
    expected = sign(secret, body, timestamp).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


def payload(event: HandoffEvent) -> bytes:
    """The body: the event and three fields of the handoff, nothing else."""
    return json.dumps(
        {"event": event.event, "reference": event.reference, "queue": event.queue, "urgency": event.urgency},
        separators=(",", ":"),
    ).encode()


@dataclass(order=True)
class _Delivery:
    due: float
    seq: int
    url: str = field(compare=False)
    event: HandoffEvent = field(compare=False)
    delivery_id: str = field(compare=False)
    attempt: int = field(default=0, compare=False)


class WebhookDispatcher:
    """Callable as a Store handoff listener: queues a delivery for the event's queue, if any."""

    def __init__(
        self,
        targets: Mapping[str, str],
        secret: str,
        *,
        attempts: int = 6,
        timeout_s: float = 5.0,
        backoff_s: float = 2.0,
        max_backoff_s: float = 300.0,
        audit: Audit | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if not secret:
            raise WebhookConfigError(
                "TILLIT_WEBHOOKS kräver TILLIT_WEBHOOK_SECRET (webhooks signeras alltid)."
            )
        for queue, url in targets.items():
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise WebhookConfigError(f"Webhooken för kön {queue!r} är ingen http(s)-adress.")
        self.targets = dict(targets)
        self._secret = secret
        self.attempts = max(1, attempts)
        self.backoff_s = backoff_s
        self.max_backoff_s = max_backoff_s
        self._audit = audit
        self._client = httpx.Client(timeout=timeout_s, transport=transport, follow_redirects=False)
        self._heap: list[_Delivery] = []
        self._seq = itertools.count()
        self._wake = threading.Condition()
        self._stopped = False
        self._thread: threading.Thread | None = None

    def target_for(self, queue: str) -> str | None:
        return self.targets.get(queue) or self.targets.get("*")

    def __call__(self, event: HandoffEvent) -> None:
        url = self.target_for(event.queue)
        if url is None:
            return
        with self._wake:
            if self._stopped:
                return
            if len(self._heap) >= MAX_QUEUED:
                DELIVERIES.labels(outcome="dropped").inc()
                log.warning("webhook queue full: %s dropped", event.reference)
                return
            self._ensure_thread()
            heapq.heappush(
                self._heap, _Delivery(time.monotonic(), next(self._seq), url, event, uuid.uuid4().hex)
            )
            self._wake.notify()

    def _ensure_thread(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="webhooks", daemon=True)
            self._thread.start()

    def stop(self, timeout_s: float = 2.0) -> None:
        with self._wake:
            self._stopped = True
            self._wake.notify_all()
        if self._thread is not None:
            self._thread.join(timeout_s)
        self._client.close()

    def pending(self) -> int:
        with self._wake:
            return len(self._heap)

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._stopped and (not self._heap or self._heap[0].due > time.monotonic()):
                    wait = self._heap[0].due - time.monotonic() if self._heap else None
                    self._wake.wait(wait)
                if self._stopped:
                    return
                delivery = heapq.heappop(self._heap)
            retry_in = self._attempt(delivery)
            if retry_in is not None:
                with self._wake:
                    delivery.due = time.monotonic() + retry_in
                    heapq.heappush(self._heap, delivery)

    def _attempt(self, delivery: _Delivery) -> float | None:
        """Send once; the seconds until the next try, or None when the delivery is over."""
        delivery.attempt += 1
        body = payload(delivery.event)
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "Tillit-webhook/1",
            "X-Tillit-Event": delivery.event.event,
            "X-Tillit-Delivery": delivery.delivery_id,
            "X-Tillit-Signature": sign(self._secret, body, int(time.time())),
        }
        status: int | None = None
        retry_after: float | None = None
        try:
            response = self._client.post(delivery.url, content=body, headers=headers)
            status = response.status_code
            retry_after = _seconds(response.headers.get("retry-after"))
        except httpx.HTTPError as exc:
            log.info(
                "webhook %s attempt %d: %s", delivery.event.reference, delivery.attempt, type(exc).__name__
            )
        if status is not None and 200 <= status < 300:
            self._finish(delivery, "delivered", status)
            return None
        retryable = status is None or status in RETRY_STATUSES or status >= 500
        if not retryable or delivery.attempt >= self.attempts:
            self._finish(delivery, "failed", status)
            return None
        backoff = min(self.max_backoff_s, self.backoff_s * 2 ** (delivery.attempt - 1))
        return min(self.max_backoff_s, max(backoff, retry_after or 0.0))

    def _finish(self, delivery: _Delivery, outcome: str, status: int | None) -> None:
        DELIVERIES.labels(outcome=outcome).inc()
        if outcome == "failed":
            log.warning(
                "webhook for %s failed after %d attempts (status %s)",
                delivery.event.reference,
                delivery.attempt,
                status,
            )
        if self._audit is not None:
            try:
                self._audit(
                    "system",
                    f"webhook.{outcome}",
                    delivery.event.reference,
                    {
                        "event": delivery.event.event,
                        "queue": delivery.event.queue,
                        "attempts": delivery.attempt,
                        "status": status,
                    },
                )
            except Exception:  # the database may be away; the delivery itself is done
                log.warning("webhook audit failed", exc_info=True)


def _seconds(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: the back-off alone decides
