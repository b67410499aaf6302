"""Every request gets an id, a timing and one log line; an unexpected error gets a problem, not a trace.

The id is the client's X-Request-ID when it has the shape of an id that proxies and tracing make
(a UUID, or 32–64 hex digits as nginx's $request_id and W3C trace ids), otherwise a new one: a
header a person typed could carry their personnummer into every log line of the request, and an
id made only of hex digits in those lengths cannot be one. The id goes back in X-Request-ID, into
every problem body and onto every log record of the request (assistant.log_format.REQUEST_ID).

The log line names the route template ("/api/handoffs/{handoff_id}/claim"), never the concrete
path, a query or a body. An exception no handler took is logged as its type and stack frames
(its message could quote input) and answered with the `internal-error` problem; it is not raised
further, so the server does not log it a second time with its message.
"""

from __future__ import annotations

import logging
import re
import time
import traceback
import uuid
from typing import Any

from assistant import metrics
from assistant.api.problems import INTERNAL_ERROR, MEDIA_TYPE, problem_body
from assistant.api.security import ASGIApp, Receive, Scope, Send
from assistant.log_format import REQUEST_ID

log = logging.getLogger("assistant.api")

HEADER = b"x-request-id"
_HEX = "[0-9a-fA-F]"
_ACCEPTED = re.compile(rf"{_HEX}{{8}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{12}}|{_HEX}{{32,64}}")


def request_id_from(value: bytes | None) -> str:
    """The client's id if it has an accepted shape, a new one otherwise."""
    if value:
        text = value.decode("latin-1").strip()
        if _ACCEPTED.fullmatch(text):
            return text
    return uuid.uuid4().hex


class RequestContext:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        request_id = request_id_from(headers.get(HEADER))
        token = REQUEST_ID.set(request_id)
        start = time.perf_counter()
        status = 500
        started = False

        async def send_with_id(message: dict[str, Any]) -> None:
            nonlocal status, started
            if message["type"] == "http.response.start":
                started = True
                status = message["status"]
                message["headers"] = [
                    *(h for h in message.get("headers", []) if h[0].lower() != HEADER),
                    (HEADER, request_id.encode()),
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:
            frames = "".join(traceback.format_tb(exc.__traceback__)[-5:])
            log.error("unhandled %s\n%s", type(exc).__name__, frames)
            if not started:
                await _internal_error(scope, send_with_id, request_id)
            status = 500
        finally:
            seconds = time.perf_counter() - start
            # The route template, never the concrete path with ids.
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            method = scope.get("method", "")
            metrics.HTTP_SECONDS.labels(route=route, method=method, status=str(status)).observe(seconds)
            log.info(
                "%s %s %d %.1f ms",
                method,
                route,
                status,
                seconds * 1000,
                extra={
                    "http_method": method,
                    "route": route,
                    "status": status,
                    "duration_ms": round(seconds * 1000, 1),
                },
            )
            REQUEST_ID.reset(token)


async def _internal_error(scope: Scope, send: Send, request_id: str) -> None:
    body = problem_body(INTERNAL_ERROR, 500, instance=scope.get("path"), request_id=request_id)
    await send(
        {
            "type": "http.response.start",
            "status": 500,
            "headers": [
                (b"content-type", MEDIA_TYPE.encode()),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
