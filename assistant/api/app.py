"""The FastAPI app factory: routers, protections, the web pages, the docs and the background work.

Every part a route needs is put on `app.state` here, once, and reaches the route through
assistant/api/deps.py; the routers themselves are module-level objects.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from assistant import web
from assistant.api import (
    docs,
    errors,
    problems,
    routes_citizen,
    routes_events,
    routes_insights,
    routes_ops,
    routes_staff,
    routes_transcripts,
)
from assistant.api.admission import Admission
from assistant.api.request_context import RequestContext
from assistant.api.security import BodySizeLimit, RateLimiter, SecurityHeaders, TrustedProxies
from assistant.api.staff_background import StaffBackground
from assistant.log_privacy import pseudonymise_conversation_ids
from assistant.reindexing import ReindexJobs
from assistant.service import Assistant
from assistant.settings import Settings, get_settings

log = logging.getLogger("assistant.api")

MAX_BODY_BYTES = 128 * 1024
TITLE, VERSION = "Tillit", "0.1.0"
DESCRIPTION = """
Tillit svarar på frågor om gode män, förvaltare och förmyndare **bara** från
Överförmyndarförvaltningens godkända texter, med källor, och lämnar över till en person när det
behövs. Personuppgifter maskeras innan något sparas eller skickas vidare.

Alla fel är problem enligt RFC 9457 (`application/problem+json`):
`{"type": "/problems/<namn>", "title", "status", "detail": "<orsak på svenska>", "instance",
"request_id"}`. Typen är stabil och beskrivs på [/problems](/problems). Varje svar har
`X-Request-ID` (skicka gärna ett eget: ett UUID).
"""
ROUTERS = (
    routes_ops.router,
    routes_citizen.router,
    routes_staff.router,
    routes_staff.admin_router,
    routes_transcripts.router,
    routes_events.router,
    routes_insights.router,
    docs.router,
    web.router,
)


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


def openapi_schema(app: FastAPI, settings: Settings) -> dict[str, Any]:
    """FastAPI's schema, with every error response as application/problem+json and the chat
    message's real limit (a setting) as its maxLength."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=TITLE, version=VERSION, description=DESCRIPTION, routes=app.routes)
    problem = {problems.MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            for status, response in operation.get("responses", {}).items():
                if status[:1] in ("4", "5"):
                    response["content"] = problem
                    if status == "422" and response.get("description") == "Validation Error":
                        kind = problems.INVALID_REQUEST
                        response["description"] = f"`{kind.uri}`: {kind.detail}"
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = problems.Problem.model_json_schema()
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)
    message = components.get("ChatRequest", {}).get("properties", {}).get("message")
    if message is not None:
        message["maxLength"] = settings.max_message_chars
        message["description"] = f"Frågan, högst {settings.max_message_chars} tecken."
    app.openapi_schema = schema
    return schema


class TillitApp(FastAPI):
    def openapi(self) -> dict[str, Any]:
        return openapi_schema(self, self.state.settings)


def create_app(settings: Settings | None = None, assistant: Assistant | None = None) -> FastAPI:
    settings = settings or get_settings()
    assistant = assistant or Assistant.from_settings(settings)
    interval_s = float(settings.purge_interval_minutes) * 60.0
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

    # FastAPI's own /docs and /redoc load their scripts from a CDN, which the CSP and offline use
    # forbid: assistant/api/docs.py serves Swagger UI from local files instead.
    app = TillitApp(
        title=TITLE,
        version=VERSION,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    pseudonymise_conversation_ids()
    trusted = TrustedProxies.parse(settings.forwarded_allow_ips)

    def limiter(per_minute: int) -> RateLimiter:
        return RateLimiter(
            per_minute,
            enabled=settings.rate_limit_enabled,
            max_clients=settings.rate_limit_max_clients,
            trusted=trusted,
        )

    app.state.assistant = assistant
    app.state.settings = settings
    app.state.rate_limiter = limiter(settings.rate_limit_per_minute)
    app.state.key_failures = limiter(settings.auth_failures_per_minute)
    app.state.admission = Admission(settings.turn_concurrency, settings.turn_queue)
    app.state.insights = background.insights
    app.state.reindex_jobs = ReindexJobs(
        settings.data_dir / "jobs", assistant.reindex, settings.reindex_timeout_s
    )

    errors.install(app)
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=web.STATIC_DIR), name="static")
    app.mount(docs.ASSETS, StaticFiles(directory=docs.SWAGGER_DIR), name="docs-assets")

    # Outermost last: security headers on everything, then the request id (and the answer to an
    # unexpected error), then the body cap, then CORS.
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "X-Conversation-Token", "X-Request-ID"],
            expose_headers=["X-Request-ID"],
            allow_credentials=False,
            max_age=600,
        )
    app.add_middleware(BodySizeLimit, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(RequestContext)
    app.add_middleware(SecurityHeaders, hsts_max_age=settings.hsts_max_age)
    return app
