"""Operations: liveness, readiness (index loaded, database reachable) and Prometheus metrics.

/metrics is open unless TILLIT_METRICS_TOKEN is set; then it wants that token as a bearer key.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.concurrency import run_in_threadpool

from assistant import metrics
from assistant.api.security import bearer_matches
from assistant.service import Assistant

METRICS_TOKEN_NEEDED = "Mätvärdena kräver en nyckel (Authorization: Bearer …, TILLIT_METRICS_TOKEN)."


def build(assistant: Assistant, metrics_token: str | None = None) -> APIRouter:
    router = APIRouter(tags=["drift"])

    @router.get("/healthz", summary="Processen lever")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/readyz", summary="Redo att svara (index laddat, databas nåbar)")
    async def readyz() -> JSONResponse:
        ready = await run_in_threadpool(lambda: assistant.ready)
        db = await run_in_threadpool(assistant.database.ping)
        body: dict[str, object] = {
            "status": "ready" if ready and db else "not_ready",
            "index": ready,
            "database": db,
        }
        if ready:
            body["index_version"] = assistant.index.version
        return JSONResponse(body, status_code=200 if ready and db else 503)

    @router.get("/metrics", summary="Prometheus-mätvärden")
    async def prometheus(authorization: Annotated[str | None, Header(max_length=512)] = None) -> Response:
        if metrics_token and not bearer_matches(authorization, metrics_token):
            raise HTTPException(
                status_code=401, detail=METRICS_TOKEN_NEEDED, headers={"WWW-Authenticate": "Bearer"}
            )
        return Response(generate_latest(metrics.REGISTRY), media_type=CONTENT_TYPE_LATEST)

    return router
