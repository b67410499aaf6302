"""Live alerts for the staff console: "has the handoff queue changed?" by polling with an ETag.

A console asks GET /api/alerts every few seconds with If-None-Match; while nothing changed the
answer is an empty 304 from one small query. Polling rather than server-sent events because the
browser's EventSource cannot send the staff key as a bearer header (and a key in a URL ends up in
access logs), and because a plain request works unchanged behind any load balancer: every replica
reads the same queue from the database.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Header, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from assistant.api import problems as p
from assistant.api.deps import HandoffViewsDep, Staff

# How often a console should ask (it may ask less often while its tab is hidden).
POLL_SECONDS = 5

router = APIRouter(
    prefix="/api",
    tags=["personal"],
    responses=p.openapi_responses(*p.STAFF_AUTH, p.INVALID_REQUEST, p.DATABASE_UNAVAILABLE),
)


class AlertItem(BaseModel):
    reference: str
    status: str
    urgency: str
    queue: str
    reason: str
    created_at: dt.datetime


class AlertState(BaseModel):
    version: str = Field(description="Ändras när en överlämning kommer, försvinner eller byter status.")
    poll_seconds: int
    open: int = Field(description="Nya överlämningar som ingen har tagit.")
    urgent_open: int = Field(description="Brådskande bland de nya.")
    items: list[AlertItem] = Field(description="Öppna och tagna överlämningar, nyast först.")


@router.get(
    "/alerts",
    response_model=AlertState,
    summary="Har ärendekön ändrats? (fråga med If-None-Match)",
    responses={304: {"description": "Ingenting har ändrats sedan den version som angavs."}},
)
async def alerts(
    who: Staff,
    views: HandoffViewsDep,
    response: Response,
    if_none_match: Annotated[str | None, Header(max_length=200)] = None,
) -> Any:
    version = await run_in_threadpool(views.queue_version)
    etag = f'"{version}"'
    if if_none_match and etag in [tag.strip() for tag in if_none_match.split(",")]:
        return Response(status_code=304, headers={"ETag": etag})
    items = await run_in_threadpool(views.active_items)
    response.headers["ETag"] = etag
    return AlertState(
        version=version,
        poll_seconds=POLL_SECONDS,
        open=sum(1 for i in items if i.status == "open"),
        urgent_open=sum(1 for i in items if i.status == "open" and i.urgency == "urgent"),
        items=[AlertItem(**vars(i)) for i in items],
    )
