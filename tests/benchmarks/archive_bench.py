"""The archive's case list on the databases of whole cases: what its worker does when the screen
opens (count the cases, read and sum the first page) and when a filter changes (the same under a
status), each against a bare query of the same rows on the same database, in turns."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from mediate.store import open_store
from mediate.store.search import CaseFilter, case_count, case_page
from tests.benchmarks.run import Figure, in_turns

RUNS = 21  # each run takes milliseconds
PAGE = 50
BARE_PAGE = """
    SELECT c.reference, c.title, p.legal_name, q.legal_name, c.status, c.language, c.currency,
           (SELECT SUM(net_minor) FROM invoice_lines WHERE case_id = c.id),
           (SELECT SUM(net_minor) FROM invoice_lines WHERE case_id = c.id AND disputed = 1),
           (SELECT MAX(at) FROM audit_events WHERE case_id = c.id), c.opened
    FROM (SELECT * FROM cases {where} ORDER BY opened DESC, reference LIMIT {page}) c
    JOIN parties p ON p.case_id = c.id AND p.role = 'provider'
    JOIN parties q ON q.case_id = c.id AND q.role = 'client'
    ORDER BY c.opened DESC, c.reference
"""


def _mediate(path: Path, case_filter: CaseFilter) -> Callable[[], float]:
    def run() -> float:
        began = time.perf_counter()
        store = open_store(path)  # as the archive's worker does, with its own connection
        count = case_count(store, case_filter)
        page = case_page(store, case_filter, 0, PAGE)
        store.close()
        assert count and len(page) == PAGE
        return time.perf_counter() - began

    return run


def _bare(path: Path, status: str | None) -> Callable[[], float]:
    where, params = ("WHERE status = ?", [status]) if status else ("", [])

    def run() -> float:
        began = time.perf_counter()
        conn = sqlite3.connect(path)
        count = conn.execute(f"SELECT COUNT(*) FROM cases {where}", params).fetchone()[0]
        page = conn.execute(BARE_PAGE.format(where=where, page=PAGE), params).fetchall()
        conn.close()
        assert count and len(page) == PAGE
        return time.perf_counter() - began

    return run


def archive_figures(small: Path, big: Path) -> list[Figure]:
    """Opening the archive and changing its status filter, on 1,000 and 100,000 cases."""
    figures = []
    for name, status in (("archive open (s)", None), ("archive filter change (s)", "impasse")):
        case_filter = CaseFilter(status=status)
        # The target is at 100,000 cases: on 1,000 the few milliseconds are mostly opening the
        # store (its checks and settings) against a bare connect.
        sizes = [
            Figure(
                name, *in_turns(_mediate(db, case_filter), _bare(db, status), RUNS), target, None
            )
            for db, target in ((small, None), (big, 1.5))
        ]
        sizes[0].tenfold = sizes[1]
        figures.append(sizes[0])
    return figures
