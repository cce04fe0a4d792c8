"""Waiting on the reader driven headless (tests and bench): for its workers or a state, never a fixed time.

Both waits have a deadline and fail loudly, naming what they waited for, instead of hanging or
letting the next assertion fail for an unclear reason.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from tui.screens.main import MainScreen


async def wait_until(
    pilot: Pilot, predicate: Callable[[], object], *, timeout: float = 10.0, what: str = "the condition"
) -> None:
    """Let the app run until `predicate()` holds; AssertionError naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:g} s for {what}")
        await pilot.pause()


async def settle(pilot: Pilot, *, timeout: float = 30.0) -> None:
    """Wait until the reader is idle: no worker runs, no typed search waits out its debounce, and
    the screen has handled what they did (workers can start more work); AssertionError after `timeout`."""
    app = pilot.app
    deadline = time.monotonic() + timeout
    while True:
        # asyncio.wait, unlike wait_for, leaves the workers alone when the deadline passes.
        waiting = asyncio.ensure_future(app.workers.wait_for_complete())
        waiting.add_done_callback(_retrieve)
        await asyncio.wait([waiting], timeout=max(deadline - time.monotonic(), 0.0))
        if waiting.done() and not waiting.cancelled():
            error = waiting.exception()
            if error is not None and not isinstance(error, WorkerCancelled):
                raise error  # a failed worker; a cancelled one was replaced by a newer one
        await pilot.pause()
        busy = [worker.description or worker.name for worker in app.workers if not worker.is_finished]
        for screen in app.screen_stack:
            if isinstance(screen, MainScreen) and screen.search_pending:
                busy.append("a search typed on the main screen")
            if isinstance(screen, MainScreen) and screen.load_pending:
                busy.append("an article waiting for the list cursor to rest")
        if not busy:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"the reader was still busy after {timeout:g} s: {', '.join(busy)}")


def _retrieve(task: asyncio.Future) -> None:
    """Mark a finished wait's outcome as seen (its error, if any, is dealt with by `settle`)."""
    if not task.cancelled():
        task.exception()
