"""Shared by the reliability tests: run the driver, and check a database after the fact."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mediate.store import Store, open_store
from mediate.store.schema import CASE_TABLES
from tests.builders import bundle
from tests.reliability.driver import REFERENCE, sequence_problems

ROOT = Path(__file__).resolve().parents[2]
ALL_TABLES = ("cases", *CASE_TABLES, "audit_events")


def driver_command(db: Path, seed: int, *extra: str) -> list[str]:
    return [sys.executable, "-m", "tests.reliability.driver", str(db), str(seed), *extra]


def start_driver(db: Path, seed: int, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        driver_command(db, seed, *extra),
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def database_with_case(path: Path) -> int:
    """A database at ``path`` holding the test case; returns its id."""
    store = open_store(path)
    try:
        return store.import_bundle(bundle(REFERENCE))
    finally:
        store.close()


def row_counts(store: Store) -> dict[str, int]:
    return {t: store.db.execute(f"SELECT COUNT(*) FROM [{t}]").fetchone()[0] for t in ALL_TABLES}


def health_problems(store: Store) -> list[str]:
    """integrity_check, the audit chain against the tables, and gap-free sequences."""
    problems = []
    integrity = [r[0] for r in store.db.execute("PRAGMA integrity_check").fetchall()]
    if integrity != ["ok"]:
        problems.append(f"integrity_check: {integrity[:3]}")
    foreign = store.db.execute("PRAGMA foreign_key_check").fetchall()
    if foreign:
        problems.append(f"foreign_key_check: {foreign[:3]}")
    problems += [f"{r.reference}: {r.problems[0]}" for r in store.verify() if not r.ok]
    problems += sequence_problems(store.db)
    return problems


def settlement_for(store: Store, reference: str, sign: bool = True) -> int:
    """``tests.settlement_helpers.signed_settlement`` for a case with another reference."""
    from tests.settlement_helpers import signed_settlement

    original = store.import_bundle

    def import_bundle(b, *args, **kwargs):
        b.case.reference = reference
        return original(b, *args, **kwargs)

    store.import_bundle = import_bundle
    try:
        return signed_settlement(store, sign=sign)
    finally:
        del store.import_bundle
