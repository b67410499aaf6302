"""Staff insight (bearer key, role staff or admin): weekly figures and content gaps, as JSON and CSV.

Only counts and redacted questions are served; see assistant/insights.py for what each figure is.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from starlette.concurrency import run_in_threadpool

from assistant.api import problems as p
from assistant.api.deps import InsightsDep, Staff, StoreDep
from assistant.insights import MAX_AGE_S, MAX_WEEKS, InsightReport, iso_week, report_csv

router = APIRouter(
    prefix="/api",
    tags=["personal"],
    responses=p.openapi_responses(*p.STAFF_AUTH, p.INVALID_REQUEST, p.DATABASE_UNAVAILABLE),
)
Weeks = Annotated[int, Query(ge=1, le=MAX_WEEKS, description="Antal veckor bakåt, denna vecka medräknad.")]
Gaps = Annotated[int, Query(ge=1, le=100, description="Högst så många grupper av obesvarade frågor.")]
Fresh = Annotated[
    bool,
    Query(
        description="Räkna om nu (annars siffror som räknats högst två minuter tidigare, se generated_at)."
    ),
]


@router.get("/insights", response_model=InsightReport, summary="Insikt: veckosiffror och innehållsluckor")
async def report(
    who: Staff, insights: InsightsDep, weeks: Weeks = 12, gaps: Gaps = 15, fresh: Fresh = False
) -> InsightReport:
    """Per vecka: frågor, svar, överlämningar per orsak och kö, låg säkerhet, frågor utan svar,
    återkoppling och utkastens utfall. Innehållsluckor: maskade frågor som assistenten inte
    kunde besvara väl, grupperade efter innebörd, med de dokument som kom närmast."""
    return await run_in_threadpool(insights.report, weeks, gaps, 0.0 if fresh else MAX_AGE_S)


@router.get(
    "/insights.csv",
    summary="Insikt som CSV",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "CSV (UTF-8, komma, CRLF)."}},
)
async def insights_csv(
    who: Staff,
    insights: InsightsDep,
    store: StoreDep,
    weeks: Weeks = 12,
    gaps: Gaps = 50,
    fresh: Fresh = False,
    part: Annotated[
        Literal["weeks", "gaps"], Query(description="Veckosiffror eller innehållsluckor.")
    ] = "weeks",
) -> Response:
    data = await run_in_threadpool(insights.report, weeks, gaps, 0.0 if fresh else MAX_AGE_S)
    if part == "gaps":
        # The groups carry redacted citizen questions: who took them out is worth knowing.
        store.audit(who.key_id, "insights.exported", None, {"part": part, "weeks": weeks})
    name = f"tillit-insikt-{'veckor' if part == 'weeks' else 'luckor'}-{iso_week(data.since)}-{weeks}v.csv"
    # A byte-order mark, so spreadsheet programs read the file as UTF-8 (å, ä, ö).
    body = "\ufeff" + report_csv(data, part)
    return Response(
        body.encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
