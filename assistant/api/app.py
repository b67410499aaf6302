"""The FastAPI app factory: routes, protections, the web pages hook and the retention schedule."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import importlib
import logging
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from assistant import metrics
from assistant.api import (
    errors,
    routes_citizen,
    routes_events,
    routes_insights,
    routes_ops,
    routes_staff,
    routes_transcripts,
)
from assistant.api.admission import Admission
from assistant.api.security import BodySizeLimit, RateLimiter, SecurityHeaders, TrustedProxies
from assistant.api.staff_background import StaffBackground
from assistant.log_privacy import pseudonymise_conversation_ids
from assistant.service import Assistant
from assistant.settings import Settings, get_settings

log = logging.getLogger("assistant.api")

MAX_BODY_BYTES = 128 * 1024
DESCRIPTION = """
Tillit svarar på frågor om gode män, förvaltare och förmyndare **bara** från
Överförmyndarförvaltningens godkända texter, med källor, och lämnar över till en person när det
behövs. Personuppgifter maskeras innan något sparas eller skickas vidare.

Alla fel har formen `{"detail": "<orsak på svenska>"}`.
"""


def _mount_web(app: FastAPI) -> None:
    """The pages live in assistant.web (another module): include its router and static files if present."""
    try:
        web = importlib.import_module("assistant.web")
    except ModuleNotFoundError as exc:
        if exc.name not in ("assistant.web",):
            raise
        return
    router = getattr(web, "router", None)
    if router is not None:
        app.include_router(router)
    static = Path(web.__file__).resolve().parent / "static" if web.__file__ else None
    if static is not None and static.is_dir():
        app.mount("/static", StaticFiles(directory=static), name="static")


async def _retention_loop(assistant: Assistant, settings: Settings, interval_s: float) -> None:
    while True:
        try:
            report = await run_in_threadpool(
                assistant.purge, dt.timedelta(days=settings.retention_days), "retention-schedule"
            )
            if report.total:
                log.info("retention purge removed %d rows", report.total)
        except Exception as exc:  # the schedule must survive a database hiccup
            log.warning("retention purge failed: %s", type(exc).__name__)
        await asyncio.sleep(interval_s)


def create_app(settings: Settings | None = None, assistant: Assistant | None = None) -> FastAPI:
    settings = settings or get_settings()
    assistant = assistant or Assistant.from_settings(settings)
    interval_s = float(getattr(settings, "purge_interval_minutes", 360)) * 60.0
    background = StaffBackground(assistant, settings)  # webhooks, insight indexing

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if assistant.ready:
            await run_in_threadpool(assistant.warm_up)
        task = None
        if settings.retention_days > 0 and interval_s > 0:
            task = asyncio.create_task(_retention_loop(assistant, settings, interval_s))
        background.start()
        try:
            yield
        finally:
            await background.stop()
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    app = FastAPI(
        title="Tillit",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        # The Swagger/ReDoc pages load scripts from a CDN, which the CSP and offline use forbid;
        # the schema itself is served at /openapi.json.
        docs_url=None,
        redoc_url=None,
    )
    app.state.assistant = assistant
    app.state.settings = settings
    pseudonymise_conversation_ids()
    trusted = TrustedProxies.parse(settings.forwarded_allow_ips)
    limiter = RateLimiter(
        settings.rate_limit_per_minute,
        enabled=settings.rate_limit_enabled,
        max_clients=settings.rate_limit_max_clients,
        trusted=trusted,
    )
    app.state.rate_limiter = limiter

    errors.install(app)
    app.include_router(routes_ops.build(assistant, settings.metrics_token))
    admission = Admission(settings.turn_concurrency, settings.turn_queue)
    app.include_router(routes_citizen.build(assistant, limiter, settings.max_message_chars, admission))
    key_failures = RateLimiter(
        settings.auth_failures_per_minute,
        enabled=settings.rate_limit_enabled,
        max_clients=settings.rate_limit_max_clients,
        trusted=trusted,
    )
    app.include_router(routes_staff.build(assistant, key_failures, admission))
    app.include_router(routes_transcripts.build(assistant, key_failures))
    app.include_router(routes_events.build(assistant, key_failures))
    app.include_router(routes_insights.build(assistant, background.insights, key_failures))
    _mount_web(app)

    @app.middleware("http")
    async def _timing(request: Any, call_next: Any) -> Any:
        start = time.perf_counter()
        response = await call_next(request)
        route = request.scope.get("route")
        # The route template ("/api/handoffs/{handoff_id}/claim"), never the concrete path with ids.
        template = getattr(route, "path", "unmatched")
        metrics.HTTP_SECONDS.labels(
            route=template, method=request.method, status=str(response.status_code)
        ).observe(time.perf_counter() - start)
        return response

    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "X-Conversation-Token"],
            allow_credentials=False,
            max_age=600,
        )
    app.add_middleware(BodySizeLimit, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(SecurityHeaders, hsts_max_age=settings.hsts_max_age)
    return app
