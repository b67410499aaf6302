"""The store's session lock: waiting threads get it in arrival order, nobody barges in on a
hand-over, and the owning thread may re-enter."""

from __future__ import annotations

import threading
import time

from assistant.storage.fair_lock import FairLock


def _wait_until(condition, seconds: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.001)


def test_waiters_get_the_lock_in_arrival_order() -> None:
    lock = FairLock()
    order: list[int] = []
    lock.acquire()
    threads = []
    for n in range(8):
        thread = threading.Thread(target=lambda n=n: (lock.acquire(), order.append(n), lock.release()))
        thread.start()
        threads.append(thread)
        _wait_until(lambda n=n: lock.waiting == n + 1)
    lock.release()
    for thread in threads:
        thread.join(5)
    assert order == list(range(8))


def test_a_newcomer_cannot_take_the_lock_from_the_next_in_line() -> None:
    lock = FairLock()
    got: list[str] = []
    lock.acquire()
    first = threading.Thread(target=lambda: (lock.acquire(), got.append("queued"), lock.release()))
    first.start()
    _wait_until(lambda: lock.waiting == 1)
    lock.release()
    # Right after the hand-over, the queued thread owns the lock even if it has not run yet.
    lock.acquire()
    got.append("newcomer")
    lock.release()
    first.join(5)
    assert got == ["queued", "newcomer"]


def test_the_owner_can_reenter_and_others_wait_until_it_is_fully_released() -> None:
    lock = FairLock()
    entered = threading.Event()
    with lock:
        with lock:
            other = threading.Thread(target=lambda: (lock.acquire(), entered.set(), lock.release()))
            other.start()
            _wait_until(lambda: lock.waiting == 1)
        time.sleep(0.05)
        assert not entered.is_set()
    assert entered.wait(5)
    other.join(5)
