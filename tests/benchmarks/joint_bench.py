"""The joint app (``mediate joint``, one per party's browser under ``mediate serve``): how long a
mediator's change takes to reach its screen, and its memory.

The latency is measured as a party sees it: the joint app runs headless on the large case while
the mediator's store (its own connection, as the mediator's app in another process has) records a
statement; the clock stops when the statement is drawn on the joint screen. It covers the app's
poll of the audit sequence (every ``POLL_SECONDS``), its read of the joint view and the redraw.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path

RUNS = 7


async def _latencies(db_path: Path, runs: int) -> list[float]:
    from textual.widgets import Static

    from mediate.domain.model import PartyRole
    from mediate.store import open_store
    from mediate.tui.joint.app import JointApp

    app = JointApp(db_path, "BENCH-LARGE")
    mediator = open_store(db_path)
    case_id = mediator.case_id("BENCH-LARGE")
    times = []
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            card = app.screen.query_one("#joint-client", Static)
            for run in range(runs + 1):  # the first is a warm-up, not counted
                words = f"Bench statement {run}: the hours were never agreed."
                await pilot.pause(0.13)  # changes land at any moment of the poll's cycle
                start = time.perf_counter()
                mediator.record_statement(case_id, PartyRole.CLIENT, words)
                while words not in str(card.content):
                    if time.perf_counter() - start > 10:
                        raise RuntimeError("the joint view never showed the change")
                    await pilot.pause(0.005)
                await pilot.pause()  # drawn
                if run:
                    times.append(time.perf_counter() - start)
    finally:
        mediator.close()
    return times


def change_to_joint_view(db_path: Path, runs: int = RUNS) -> float:
    """Median seconds from a mediator's change to the joint view showing it."""
    return statistics.median(asyncio.run(_latencies(db_path, runs)))
