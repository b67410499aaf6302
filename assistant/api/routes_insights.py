"""Staff insight (bearer key, role staff or admin): weekly figures and content gaps, as JSON and CSV.

Only counts and redacted questions are served; see assistant/insights.py for what each figure is.
"""

# No `from __future__ import annotations`: FastAPI must see the local Staff dependency alias itself.

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Response
from starlette.concurrency import run_in_threadpool

from assistant.api.schemas import Problem
from assistant.api.security import RateLimiter, staff_dependency
from assistant.insights import MAX_AGE_S, MAX_WEEKS, InsightReport, Insights, iso_week, report_csv
from assistant.service import Assistant
from assistant.storage.store import StaffIdentity

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "Personalnyckel saknas eller är ogiltig."},
    403: {"model": Problem, "description": "Rollen saknar behörighet."},
    422: {"model": Problem, "description": "Ogiltig förfrågan."},
    429: {"model": Problem, "description": "För många försök med fel personalnyckel."},
    503: {"model": Problem, "description": "Tillfälligt otillgänglig, försök igen."},
}

Weeks = Annotated[int, Query(ge=1, le=MAX_WEEKS, description="Antal veckor bakåt, denna vecka medräknad.")]
Gaps = Annotated[int, Query(ge=1, le=100, description="Högst så många grupper av obesvarade frågor.")]
Fresh = Annotated[
    bool,
    Query(
        description="Räkna om nu (annars siffror som räknats högst två minuter tidigare, se generated_at)."
    ),
]


def build(assistant: Assistant, insights: Insights, key_failures: RateLimiter) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["personal"], responses=_ERRORS)
    staff = staff_dependency(assistant.store.verify_api_key, "staff", assistant.store.audit, key_failures)
    Staff = Annotated[StaffIdentity, Depends(staff)]

    @router.get("/insights", response_model=InsightReport, summary="Insikt: veckosiffror och innehållsluckor")
    async def report(who: Staff, weeks: Weeks = 12, gaps: Gaps = 15, fresh: Fresh = False) -> InsightReport:
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
            assistant.store.audit(who.key_id, "insights.exported", None, {"part": part, "weeks": weeks})
        name = (
            f"tillit-insikt-{'veckor' if part == 'weeks' else 'luckor'}-{iso_week(data.since)}-{weeks}v.csv"
        )
        # A byte-order mark, so spreadsheet programs read the file as UTF-8 (å, ä, ö).
        body = "\ufeff" + report_csv(data, part)
        return Response(
            body.encode("utf-8"),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    return router
