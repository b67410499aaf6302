"""Admission to the answer pipeline: a bounded number of turns run, the rest wait in arrival order,
and a full line answers 503 with a Swedish reason at once."""

from __future__ import annotations

import asyncio

import pytest
from fastapi import HTTPException

from assistant.api.admission import BUSY, Admission


def test_turns_beyond_the_running_slots_wait_and_are_served_in_arrival_order() -> None:
    async def scenario() -> list[int]:
        admission = Admission(running=2, waiting=10)
        release = asyncio.Event()
        order: list[int] = []

        async def turn(n: int) -> None:
            async with admission.turn():
                order.append(n)
                if n < 2:
                    await release.wait()

        tasks = [asyncio.create_task(turn(n)) for n in range(6)]
        await asyncio.sleep(0.05)
        assert order == [0, 1]  # two run, four wait
        release.set()
        await asyncio.gather(*tasks)
        return order

    assert asyncio.run(scenario()) == [0, 1, 2, 3, 4, 5]


def test_a_full_line_is_refused_at_once_with_a_swedish_reason() -> None:
    async def scenario() -> HTTPException:
        admission = Admission(running=1, waiting=1)
        release = asyncio.Event()

        async def hold() -> None:
            async with admission.turn():
                await release.wait()

        running = asyncio.create_task(hold())
        waiting = asyncio.create_task(hold())
        await asyncio.sleep(0.05)
        with pytest.raises(HTTPException) as refused:
            async with admission.turn():
                pass
        release.set()
        await asyncio.gather(running, waiting)
        async with admission.turn():  # the line is empty again
            pass
        return refused.value

    refused = asyncio.run(scenario())
    assert refused.status_code == 503
    assert refused.detail == BUSY and "Försök igen" in BUSY
    assert refused.headers == {"Retry-After": "2"}
