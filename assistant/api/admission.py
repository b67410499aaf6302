"""Admission control for the answer pipeline: a few turns at a time, the rest wait in line.

A turn is CPU-bound Python. With 32 turns running at once in threads, they share one interpreter
lock, and a turn that holds the database lock is descheduled while 31 others run, so every turn
waits longer (seen: the database step's p95 went from 1 ms to 0.6 s at 32 clients). Running about
two turns per core keeps the cores busy and serves the rest in arrival order. When the line is
too long, the caller gets a clear "try again" (503) at once instead of a spinner.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from assistant import metrics
from assistant.api.problems import SERVICE_BUSY, ProblemError

BUSY = SERVICE_BUSY.detail


class Admission:
    def __init__(self, running: int, waiting: int) -> None:
        self.running = max(1, running)
        self.max_waiting = max(0, waiting)
        self._slots = asyncio.Semaphore(self.running)
        self._waiting = 0

    @contextlib.asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """Hold one of the running slots for the duration of a turn (503 service-busy: the line is full)."""
        if self._slots.locked() and self._waiting >= self.max_waiting:
            metrics.TURNS_REFUSED.inc()
            raise ProblemError(SERVICE_BUSY, headers={"Retry-After": "2"})
        self._waiting += 1
        metrics.TURNS_WAITING.inc()
        try:
            await self._slots.acquire()
        finally:
            self._waiting -= 1
            metrics.TURNS_WAITING.dec()
        try:
            yield
        finally:
            self._slots.release()
