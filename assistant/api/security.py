"""HTTP protections: security headers, request-size cap, per-client rate limit, staff bearer keys."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from assistant.pipeline import metrics
from assistant.storage.store import StaffIdentity

ASGIApp = Callable[
    [dict[str, Any], Callable[[], Awaitable[dict[str, Any]]], Callable[[dict[str, Any]], Awaitable[None]]],
    Awaitable[None],
]

TOO_MANY = "Du har skickat för många meddelanden på kort tid. Vänta en stund och försök igen."

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeaders:
    """Adds the headers to every response; API answers are never cached (they may be personal)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_api = scope.get("path", "").startswith("/api/")

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                # A route may set its own value (a page meant to be embedded); otherwise the strict default.
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers.extend((k, v) for k, v in SECURITY_HEADERS if k not in present)
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

    async def _reject(self, send) -> None:  # type: ignore[no-untyped-def]
        body = json.dumps(
            {"detail": f"Förfrågan är för stor (högst {self.max_bytes // 1024} kB)."}, ensure_ascii=False
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope, receive, send) -> None:  # type: ignore[no-untyped-def]
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
                    await self._reject(send)
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
                    await self._reject(send)
                return
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except _TooLarge:
            if not rejected:
                rejected = True
                await self._reject(send)


class _TooLarge(Exception):
    pass


class RateLimiter:
    """Token bucket per client address: `per_minute` requests, refilled continuously."""

    def __init__(
        self, per_minute: int, enabled: bool = True, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.capacity = max(1, per_minute)
        self.rate = self.capacity / 60.0
        self.enabled = enabled
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> tuple[bool, float]:
        """(allowed, seconds until the next token)."""
        if not self.enabled:
            return True, 0.0
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.capacity), now))
            tokens = min(float(self.capacity), tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                allowed, wait = True, 0.0
            else:
                self._buckets[key] = (tokens, now)
                allowed, wait = False, (1.0 - tokens) / self.rate
            if len(self._buckets) > 50_000:
                # Full buckets carry no state worth keeping.
                cutoff = now - 60.0
                self._buckets = {k: v for k, v in self._buckets.items() if v[1] > cutoff}
            return allowed, wait

    def dependency(self) -> Callable[[Request], None]:
        def check(request: Request) -> None:
            client = request.client.host if request.client else "unknown"
            allowed, wait = self.allow(client)
            if not allowed:
                metrics.RATE_LIMITED.inc()
                raise HTTPException(
                    status_code=429,
                    detail=TOO_MANY,
                    headers={"Retry-After": str(max(1, int(wait + 0.999)))},
                )

        return check


_bearer = HTTPBearer(auto_error=False, description="Personalnyckel (tillit keys add).")

TOO_MANY_KEYS = "För många försök med fel personalnyckel. Vänta en stund och försök igen."
_FAILED_ACTOR = "unknown"


def staff_dependency(
    verify: Callable[[str], StaffIdentity | None],
    role: str,
    audit: Callable[[str, str, str | None, dict[str, Any]], None] | None = None,
    failures: RateLimiter | None = None,
) -> Callable[..., StaffIdentity]:
    """A dependency that lets through a valid key with `role`.

    A wrong key is written to the audit log (the route and method only: never the key or any part
    of it, nor the client address, which is personal data) and counted in /metrics. `failures`
    caps those audit rows per client address (held in memory only): past the cap the answer is
    429 and nothing is written, so a flood cannot fill the audit table. The cap never applies to a
    valid key, so a colleague behind the same address is not locked out.
    """

    def require(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> StaffIdentity:
        if credentials is None or not credentials.credentials:
            metrics.STAFF_AUTH_FAILURES.labels(reason="missing").inc()
            raise HTTPException(
                status_code=401,
                detail="Inloggning krävs: ange en personalnyckel (Authorization: Bearer …).",
                headers={"WWW-Authenticate": "Bearer"},
            )
        identity = verify(credentials.credentials)
        if identity is None:
            metrics.STAFF_AUTH_FAILURES.labels(reason="invalid").inc()
            if failures is not None:
                allowed, wait = failures.allow(request.client.host if request.client else "unknown")
                if not allowed:
                    metrics.RATE_LIMITED.inc()
                    raise HTTPException(
                        status_code=429,
                        detail=TOO_MANY_KEYS,
                        headers={"Retry-After": str(max(1, int(wait + 0.999)))},
                    )
            if audit is not None:
                # The route template ("/api/handoffs/{handoff_id}/claim"), never the concrete path.
                route = getattr(request.scope.get("route"), "path", "unmatched")
                audit(_FAILED_ACTOR, "auth.failed", route[:80], {"method": request.method, "role": role})
            raise HTTPException(
                status_code=401,
                detail="Personalnyckeln är ogiltig eller återkallad.",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if not identity.has_role(role):
            raise HTTPException(status_code=403, detail="Din roll har inte behörighet till detta.")
        return identity

    return require
