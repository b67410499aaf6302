"""HTTP protections: security headers, request-size cap, per-client rate limit, staff bearer keys.

Who a client is, for the limits: the TCP peer, unless that peer is one of the trusted proxies
(TILLIT_FORWARDED_ALLOW_IPS); then the first address in X-Forwarded-For, read from the right, that
is not itself a trusted proxy (what a citizen writes into the header lies left of what the proxies
appended). IPv6 clients count per /64, the block one home or phone usually has.
"""

from __future__ import annotations

import hmac
import ipaddress
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from assistant import metrics
from assistant.api import problems
from assistant.api.problems import ProblemError, ProblemType
from assistant.log_format import REQUEST_ID
from assistant.storage.store import StaffIdentity, Store
from assistant.web import CSP

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TOO_MANY = problems.RATE_LIMITED.detail

SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeaders:
    """Adds the headers to every response; API answers are never cached (they may be personal).
    With `hsts_max_age` > 0, browsers are told to use HTTPS only (Strict-Transport-Security)."""

    def __init__(self, app: ASGIApp, hsts_max_age: int = 0) -> None:
        self.app = app
        self.headers = list(SECURITY_HEADERS)
        if hsts_max_age > 0:
            self.headers.append(
                (b"strict-transport-security", f"max-age={int(hsts_max_age)}; includeSubDomains".encode())
            )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_api = scope.get("path", "").startswith("/api/")

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                # A route may set its own value (a page meant to be embedded); otherwise the strict default.
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers.extend((k, v) for k, v in self.headers if k not in present)
                if is_api:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodySizeLimit:
    """Refuses bodies larger than `max_bytes` with 413, by header and while streaming."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def _reject(self, scope: Scope, send: Send) -> None:
        body = problems.problem_body(
            problems.REQUEST_TOO_LARGE,
            413,
            f"Förfrågan är för stor (högst {self.max_bytes // 1024} kB).",
            instance=scope.get("path"),
            request_id=REQUEST_ID.get(),
        )
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", problems.MEDIA_TYPE.encode()),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for key, value in scope.get("headers", []):
            if key == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > self.max_bytes:
                    await self._reject(scope, send)
                    return
        received = 0
        too_big = False

        async def limited_receive() -> dict[str, Any]:
            nonlocal received, too_big
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    too_big = True
                    raise _TooLarge
            return message

        rejected = False

        async def guarded_send(message: dict[str, Any]) -> None:
            # Once the cap is passed, whatever the app answers (FastAPI turns the error into a 400)
            # is replaced by one 413.
            nonlocal rejected
            if too_big:
                if not rejected:
                    rejected = True
                    await self._reject(scope, send)
                return
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except _TooLarge:
            if not rejected:
                rejected = True
                await self._reject(scope, send)


class _TooLarge(Exception):
    pass


@dataclass(frozen=True)
class TrustedProxies:
    """The proxies whose X-Forwarded-For is believed (TILLIT_FORWARDED_ALLOW_IPS)."""

    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()

    @classmethod
    def parse(cls, values: Iterable[str]) -> TrustedProxies:
        """Addresses or networks ("10.0.0.0/8", "192.0.2.1", "::1"); ValueError on anything else."""
        return cls(tuple(ipaddress.ip_network(v.strip(), strict=False) for v in values if v.strip()))

    def __contains__(self, address: object) -> bool:
        return isinstance(address, ipaddress.IPv4Address | ipaddress.IPv6Address) and any(
            address in network for network in self.networks
        )


def _address(text: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    if not text:
        return None
    value = text.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "198.51.100.7:443"
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value.split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _bucket(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


def client_key(peer: str | None, forwarded_for: str | None, trusted: TrustedProxies) -> str:
    """The rate-limit key of a request from `peer` carrying `forwarded_for` (X-Forwarded-For)."""
    address = _address(peer)
    if address is None:
        return peer or "unknown"
    if address in trusted and forwarded_for:
        for hop in reversed(forwarded_for.split(",")):
            hop_address = _address(hop)
            if hop_address is None:
                break  # not an address: nothing left of it can be believed either
            address = hop_address
            if hop_address not in trusted:
                break
    return _bucket(address)


def request_client_key(request: Request, trusted: TrustedProxies) -> str:
    peer = request.client.host if request.client else None
    forwarded = ",".join(request.headers.getlist("x-forwarded-for")) or None
    return client_key(peer, forwarded, trusted)


class RateLimiter:
    """Token bucket per client key: `per_minute` requests, refilled continuously.

    The table is bounded: it holds at most `max_clients` keys, least recently seen first out, and
    each call also drops up to a few buckets that have been idle for a minute (they are full again,
    so nothing is lost). No call ever walks the whole table.
    """

    def __init__(
        self,
        per_minute: int,
        enabled: bool = True,
        clock: Callable[[], float] = time.monotonic,
        max_clients: int = 100_000,
        trusted: TrustedProxies | None = None,
    ) -> None:
        self.capacity = max(1, per_minute)
        self.rate = self.capacity / 60.0
        self.enabled = enabled
        self.max_clients = max(1, max_clients)
        self.trusted = trusted or TrustedProxies()
        self._idle_after = self.capacity / self.rate  # seconds until an empty bucket is full again
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._buckets)

    def allow(self, key: str) -> tuple[bool, float]:
        """(allowed, seconds until the next token)."""
        if not self.enabled:
            return True, 0.0
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.pop(key, (float(self.capacity), now))
            tokens = min(float(self.capacity), tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                tokens -= 1.0
                allowed, wait = True, 0.0
            else:
                allowed, wait = False, (1.0 - tokens) / self.rate
            self._buckets[key] = (tokens, now)  # last in the order: the most recently seen
            self._prune(now)
            return allowed, wait

    def _prune(self, now: float) -> None:
        for _ in range(4):  # amortised: every bucket added is removed at most once
            oldest = next(iter(self._buckets.items()), None)
            if oldest is None or (
                len(self._buckets) <= self.max_clients and now - oldest[1][1] < self._idle_after
            ):
                return
            self._buckets.popitem(last=False)
        while len(self._buckets) > self.max_clients:
            self._buckets.popitem(last=False)


def enforce(limiter: RateLimiter, request: Request, kind: ProblemType) -> None:
    """Count the request against the client's bucket; 429 `kind` with Retry-After when it is empty."""
    allowed, wait = limiter.allow(request_client_key(request, limiter.trusted))
    if not allowed:
        metrics.RATE_LIMITED.inc()
        raise ProblemError(kind, headers={"Retry-After": str(max(1, int(wait + 0.999)))})


def bearer_matches(header: str | None, token: str) -> bool:
    """Whether an Authorization header carries `token` as its bearer credential (constant time)."""
    if not header or not token:
        return False
    scheme, _, value = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(value.strip().encode(), token.encode())


bearer = HTTPBearer(auto_error=False, description="Personalnyckel (tillit keys add).")

TOO_MANY_KEYS = problems.KEY_FAILURES_LIMITED.detail
_FAILED_ACTOR = "unknown"
_CHALLENGE = {"WWW-Authenticate": "Bearer"}


def authenticate(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None,
    role: str,
    store: Store,
    failures: RateLimiter | None = None,
) -> StaffIdentity:
    """The staff member whose valid key with `role` the request carries; a problem otherwise.

    A wrong key is written to the audit log (the route and method only: never the key or any part
    of it, nor the client address, which is personal data) and counted in /metrics. `failures`
    caps those audit rows per client (held in memory only, keyed like the rate limit: trusted
    proxies, IPv6 per /64): past the cap the answer is 429 and nothing is written, so a flood
    cannot fill the audit table. The cap never applies to a valid key, so a colleague behind the
    same address is not locked out.
    """
    if credentials is None or not credentials.credentials:
        metrics.STAFF_AUTH_FAILURES.labels(reason="missing").inc()
        raise ProblemError(problems.STAFF_KEY_REQUIRED, headers=_CHALLENGE)
    identity = store.verify_api_key(credentials.credentials)
    if identity is None:
        metrics.STAFF_AUTH_FAILURES.labels(reason="invalid").inc()
        if failures is not None:
            enforce(failures, request, problems.KEY_FAILURES_LIMITED)
        # The route template ("/api/handoffs/{handoff_id}/claim"), never the concrete path.
        route = getattr(request.scope.get("route"), "path", "unmatched")
        store.audit(_FAILED_ACTOR, "auth.failed", route[:80], {"method": request.method, "role": role})
        raise ProblemError(problems.STAFF_KEY_INVALID, headers=_CHALLENGE)
    if not identity.has_role(role):
        raise ProblemError(problems.ROLE_FORBIDDEN)
    return identity
