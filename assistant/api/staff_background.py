"""The staff side's background work in each API process: the webhook sender (a listener on the
store's new and escalated handoffs) and the loop that embeds new unanswered questions for the
insight page's content gaps."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from starlette.concurrency import run_in_threadpool

from assistant.insights import Insights
from assistant.pipeline.facade import Assistant
from assistant.settings import Settings
from assistant.webhooks import WebhookDispatcher

log = logging.getLogger(__name__)

# Embedding is spread out: after each question a pause of this long, so the background takes
# at most about half of the embedder's time while citizens are asking.
PAUSE_S = 0.05
BATCH = 200


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
            await asyncio.sleep(self.interval_s)
            try:
                stored = await run_in_threadpool(self.insights.index_pending, BATCH, PAUSE_S)
                if stored:
                    log.info("insight: %d new questions analysed", stored)
            except Exception as exc:  # the loop must survive a database or index hiccup
                log.warning("insight indexing failed: %s", type(exc).__name__)
