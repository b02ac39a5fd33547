"""Kill -9 in the middle of a session: whatever the screen confirmed is still there afterwards.

The driver (tests/reliability/driver.py) prints "ready" once the store is open and then
"ok <kind> <id>" after each verb returns, as a screen would confirm it. We SIGKILL it after a
random short delay: one kill in five during start-up, the others a moment after "ready" (between
two verbs or inside a transaction). Counting from "ready" rather than from process start keeps
the mix the same on a loaded machine, where start-up alone can take longer than the delay.
Then we reopen the database and check that every confirmed action is in it, that SQLite finds no
corruption, that the audit chain verifies against the tables, and that every case's audit
sequence is 1..n without a gap. One database goes through
``KILLS_PER_DATABASE`` kills in a row, so each reopening also recovers from the previous one;
then a fresh one starts, which keeps the checks fast.

SQLite in WAL mode with synchronous=NORMAL survives a process crash without losing a committed
transaction (the OS still holds the written pages); it does not promise that for a power cut.
"""

from __future__ import annotations

import os
import random
import select
import signal
import time

import pytest

from mediate.store import open_store
from tests.reliability.driver import check_confirmed, parse_lines
from tests.reliability.helpers import database_with_case, health_problems, start_driver

ITERATIONS = int(os.environ.get("MEDIATE_CRASH_ITERATIONS", "60"))
MASTER_SEED = 20260427
KILLS_PER_DATABASE = 15
STARTUP_KILLS = 0.2  # share of kills aimed at the driver's start-up
READY_TIMEOUT = 30.0  # seconds the driver may take to open the store
# Seconds: 60 kills normally take 15-20 s on 2 cores; `make bench` runs 1,000.
TIME_BUDGET = 60.0 * max(1.0, ITERATIONS / 60)


@pytest.mark.slow
def test_sigkill_never_loses_a_confirmed_action(tmp_path):
    rng = random.Random(MASTER_SEED)
    started = time.monotonic()
    killed_mid_run = total_confirmed = 0
    for iteration in range(ITERATIONS):
        if iteration % KILLS_PER_DATABASE == 0:
            db = tmp_path / f"crash-{iteration // KILLS_PER_DATABASE}.db"
            case_id = database_with_case(db)
            confirmed: list[tuple[str, int, str]] = []
        seed = MASTER_SEED + iteration
        process = start_driver(db, seed)
        first = ""
        if rng.random() < STARTUP_KILLS:
            time.sleep(rng.uniform(0.01, 0.2))
        else:
            ready, _, _ = select.select([process.stdout], [], [], READY_TIMEOUT)
            assert ready, f"the driver said nothing in {READY_TIMEOUT} s"
            first = process.stdout.readline()
            assert first.startswith("ready"), first + process.stderr.read()
            time.sleep(rng.uniform(0.005, 0.25))
        assert process.poll() is None, process.stderr.read()  # it must not stop on its own
        os.kill(process.pid, signal.SIGKILL)
        # Read through the same text streams: readline may have buffered lines already, which
        # communicate(), reading the pipes underneath, would never see.
        out = first + process.stdout.read()
        err = process.stderr.read()
        process.wait(timeout=10)
        assert process.returncode == -signal.SIGKILL
        assert "Traceback" not in err, err
        actions = parse_lines(out)
        killed_mid_run += bool(actions)
        confirmed += actions
        total_confirmed += len(actions)

        store = open_store(db)
        try:
            where = f"after kill {iteration + 1} (seed {seed}, {db.name})"
            assert health_problems(store) == [], where
            assert check_confirmed(store.db, case_id, confirmed) == [], where
        finally:
            store.close()
        assert time.monotonic() - started < TIME_BUDGET, f"only {iteration + 1} kills in time"
    print(f"\n{ITERATIONS} kills, {total_confirmed} confirmed actions, {killed_mid_run} mid-run")
    # The kills really landed while the driver was working, not only during its start-up.
    assert killed_mid_run >= ITERATIONS // 2
    assert total_confirmed > ITERATIONS
