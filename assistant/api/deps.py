"""What a route needs, as FastAPI dependencies: `def route(who: Staff, assistant: AssistantDep)`.

Everything comes from `request.app.state`, which create_app fills once (the Assistant, settings,
the admission line, the rate limiters, the insight reports, the re-index jobs); a test replaces a
part with `app.dependency_overrides[get_assistant] = …`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials

from assistant.api import problems
from assistant.api.admission import Admission
from assistant.api.security import RateLimiter, authenticate, bearer, enforce
from assistant.insights import Insights
from assistant.reindexing import ReindexJobs
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.storage.handoff_views import HandoffViews
from assistant.storage.store import StaffIdentity, Store


def get_assistant(request: Request) -> Assistant:
    return request.app.state.assistant


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_admission(request: Request) -> Admission:
    return request.app.state.admission


def get_insights(request: Request) -> Insights:
    return request.app.state.insights


def get_reindex_jobs(request: Request) -> ReindexJobs:
    return request.app.state.reindex_jobs


def get_key_failures(request: Request) -> RateLimiter:
    return request.app.state.key_failures


AssistantDep = Annotated[Assistant, Depends(get_assistant)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
AdmissionDep = Annotated[Admission, Depends(get_admission)]
InsightsDep = Annotated[Insights, Depends(get_insights)]
ReindexJobsDep = Annotated[ReindexJobs, Depends(get_reindex_jobs)]


def get_store(assistant: AssistantDep) -> Store:
    return assistant.store


def get_handoff_views(assistant: AssistantDep) -> HandoffViews:
    return HandoffViews(assistant.database)


StoreDep = Annotated[Store, Depends(get_store)]
HandoffViewsDep = Annotated[HandoffViews, Depends(get_handoff_views)]
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
KeyFailures = Annotated[RateLimiter, Depends(get_key_failures)]


def rate_limit(request: Request) -> None:
    """The citizen endpoints' limit per client (TILLIT_RATE_LIMIT_PER_MINUTE): 429 rate-limited."""
    enforce(request.app.state.rate_limiter, request, problems.RATE_LIMITED)


def require_staff(
    request: Request, credentials: Credentials, store: StoreDep, failures: KeyFailures
) -> StaffIdentity:
    """A valid staff (or admin) key. A staff member is named by the id of their key (`tillit keys
    list`), not by the free-text name on it: that id is the audit actor and owns their drafts."""
    return authenticate(request, credentials, "staff", store, failures)


def require_admin(
    request: Request, credentials: Credentials, store: StoreDep, failures: KeyFailures
) -> StaffIdentity:
    return authenticate(request, credentials, "admin", store, failures)


Staff = Annotated[StaffIdentity, Depends(require_staff)]
Admin = Annotated[StaffIdentity, Depends(require_admin)]
