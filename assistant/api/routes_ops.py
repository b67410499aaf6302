"""Operations: liveness, readiness (index loaded, database reachable) and Prometheus metrics.

/metrics is open unless TILLIT_METRICS_TOKEN is set; then it wants that token as a bearer key.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.concurrency import run_in_threadpool

from assistant import metrics
from assistant.api import problems as p
from assistant.api.deps import AssistantDep, SettingsDep
from assistant.api.security import bearer_matches

router = APIRouter(tags=["drift"])


@router.get("/healthz", summary="Processen lever")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="Redo att svara (index laddat, databas nåbar)")
async def readyz(assistant: AssistantDep) -> JSONResponse:
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


@router.get(
    "/metrics", summary="Prometheus-mätvärden", responses=p.openapi_responses(p.METRICS_TOKEN_REQUIRED)
)
async def prometheus(
    settings: SettingsDep, authorization: Annotated[str | None, Header(max_length=512)] = None
) -> Response:
    token = settings.metrics_token
    if token and not bearer_matches(authorization, token):
        raise p.ProblemError(p.METRICS_TOKEN_REQUIRED, headers={"WWW-Authenticate": "Bearer"})
    return Response(generate_latest(metrics.REGISTRY), media_type=CONTENT_TYPE_LATEST)
