"""Two processes writing to the same case at once: no "database is locked", nothing lost.

Each verb takes the write lock first (``BEGIN IMMEDIATE``) and reads what it checks inside the
same transaction, so two writers queue on the busy timeout instead of failing, and cannot both
give out proposal number 7 or both close the same proposal.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from mediate.domain.model import Visibility
from mediate.store import open_store
from tests.builders import bundle
from tests.reliability.driver import check_confirmed, parse_lines
from tests.reliability.helpers import (
    ROOT,
    database_with_case,
    health_problems,
    row_counts,
    start_driver,
)

SECONDS = 3.0


@pytest.mark.slow
def test_two_writers_on_one_case_lose_nothing(tmp_path):
    db = tmp_path / "shared.db"
    case_id = database_with_case(db)
    store = open_store(db)
    before = row_counts(store)
    store.close()

    processes = [start_driver(db, seed, "--seconds", str(SECONDS)) for seed in (101, 202)]
    results = [p.communicate(timeout=SECONDS + 60) for p in processes]
    for process, (_out, err) in zip(processes, results, strict=True):
        assert process.returncode == 0, err
        assert err == "", err  # no traceback, no "database is locked"
    outputs = [out for out, _ in results]
    actions = [a for out in outputs for a in parse_lines(out)]
    kinds = Counter(kind for kind, _id, _token in actions)
    refused = sum(line.startswith("refused") for out in outputs for line in out.splitlines())
    # Both really wrote, and at the same time.
    for out in outputs:
        assert len(parse_lines(out)) > 50

    store = open_store(db)
    try:
        after = row_counts(store)
        assert after["statements"] - before["statements"] == kinds["statement"]
        assert after["notes"] - before["notes"] == kinds["note"]
        assert after["proposals"] - before["proposals"] == kinds["proposal"]
        # One audit event per confirmed verb, none for a refusal.
        assert after["audit_events"] - before["audit_events"] == len(actions)
        numbers = [r[0] for r in store.db.execute("SELECT number FROM proposals ORDER BY number")]
        assert numbers == list(range(1, len(numbers) + 1))
        assert health_problems(store) == []
        assert check_confirmed(store.db, case_id, actions) == []
    finally:
        store.close()
    print(f"\n2 writers: {len(actions)} confirmed ({dict(kinds)}), {refused} refused")
    assert refused < len(actions) // 10


OPEN_AT_ONCE = """
import sys, time
from mediate.store import open_store
start = float(sys.argv[2])
while time.time() < start:
    pass
open_store(sys.argv[1]).close()
"""


def test_a_new_database_opened_by_several_processes_at_once(tmp_path):
    """The first open creates the schema: one process migrates, the others wait and find it."""
    for round_ in range(5):
        db = tmp_path / f"fresh-{round_}.db"
        start = time.time() + 0.4
        processes = [
            subprocess.Popen(
                [sys.executable, "-c", OPEN_AT_ONCE, str(db), str(start)],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(4)
        ]
        for process in processes:
            _out, err = process.communicate(timeout=60)
            assert process.returncode == 0, err
        store = open_store(db)
        try:
            applied = [r[0] for r in store.db.execute("SELECT name FROM _sqlite_migrations")]
            assert len(applied) == len(set(applied)) >= 2
            assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            store.close()


def test_a_second_connection_in_one_process_keeps_the_first_ones_locks(tmp_path):
    """Opening the database again in a process (the app does, for an export or the archive) must
    not release the locks the first connection holds: with them gone, another program closing
    its connection deleted the -wal file under the app, whose later writes then went into the
    deleted file, unseen by everyone else and lost on exit."""
    path = tmp_path / "mediate.db"
    app = open_store(path)
    case_id = app.import_bundle(bundle("MED-2026-001"))
    worker = open_store(path)  # a second connection of the same process
    worker.close()
    other = subprocess.run(
        [sys.executable, "-m", "mediate.cli", "--db", str(path), "list"],
        capture_output=True,
        text=True,
    )
    assert other.returncode == 0, other.stderr
    assert Path(f"{path}-wal").exists()  # the app still holds it open: not deleted under it
    app.add_note(case_id, Visibility.JOINT, "written after the other program closed")
    with sqlite3.connect(path) as reader:
        (count,) = reader.execute("SELECT COUNT(*) FROM notes").fetchone()
    reader.close()
    assert count == 1
    app.close()
