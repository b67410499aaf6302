"""The staff side's background work in each API process: the webhook sender (a listener on the
store's new and escalated handoffs) and the insight loop, which embeds new unanswered questions for
the content gaps and recomputes the default insight report, so a page is served one at once."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from starlette.concurrency import run_in_threadpool

from assistant.insights import Insights
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.webhooks import WebhookDispatcher

log = logging.getLogger(__name__)

# Embedding is spread out: after each question a pause of this long, so the background takes
# at most about half of the embedder's time while citizens are asking.
PAUSE_S = 0.05
BATCH = 200
# The report the insight page asks for first (12 weeks, 15 gap groups) is kept computed.
DEFAULT_WEEKS = 12
DEFAULT_GAPS = 15


class StaffBackground:
    def __init__(self, assistant: Assistant, settings: Settings) -> None:
        self.insights = Insights(assistant)
        self.interval_s = float(settings.insight_index_interval_s)
        self.webhooks: WebhookDispatcher | None = None
        if settings.webhooks:
            self.webhooks = WebhookDispatcher(
                settings.webhooks,
                settings.webhook_secret or "",
                attempts=settings.webhook_attempts,
                timeout_s=settings.webhook_timeout_s,
                backoff_s=settings.webhook_backoff_s,
                audit=assistant.store.audit,
            )
            assistant.store.handoff_listeners.append(self.webhooks)
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self.interval_s > 0:
            self._task = asyncio.create_task(self._loop())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self.webhooks is not None:
            await run_in_threadpool(self.webhooks.stop)

    async def _loop(self) -> None:
        while True:
            try:
                # The report first (a page opened right after a start waits for this run only), then
                # new questions, then the report again if they changed it.
                await run_in_threadpool(self.insights.report, DEFAULT_WEEKS, DEFAULT_GAPS, 0.0)
                stored = await run_in_threadpool(self.insights.index_pending, BATCH, PAUSE_S)
                if stored:
                    log.info("insight: %d new questions analysed", stored)
                    await run_in_threadpool(self.insights.report, DEFAULT_WEEKS, DEFAULT_GAPS, 0.0)
            except Exception as exc:  # the loop must survive a database or index hiccup
                log.warning("insight background run failed: %s", type(exc).__name__)
            await asyncio.sleep(self.interval_s)
