"""Reads that stay the same size however large the archive or a case grows: the home list and
the archive read one page of cases, the work log's totals one row per invoice line.

"Rows read" is counted by SQLite itself: its progress handler is called at every step of its
virtual machine, so a page read through an index costs the same number of steps over 100 cases
as over 2,000, and a read of every case twenty times as many.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from mediate.domain.model import WorkEntry
from mediate.store import open_store
from mediate.store.evidence_reads import WorkFilter
from mediate.store.search import CaseFilter, case_count, case_page
from tests.benchmarks.generate import whole_cases
from tests.builders import bundle

PAGE = 50


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    """The same kind of whole cases, 100 and 2,000 of them."""
    folder = tmp_path_factory.mktemp("archives")
    return {size: whole_cases(folder / f"{size}.db", size, lines=3) for size in (100, 2_000)}


def steps(store, read: Callable[[], object]) -> tuple[int, list[str]]:
    """The steps SQLite's virtual machine took for ``read``, and the SELECTs it ran."""
    count = [0]

    def step() -> int:
        count[0] += 1
        return 0

    run: list[str] = []
    store.db.conn.set_progress_handler(step, 1)
    store.db.conn.set_trace_callback(run.append)
    try:
        read()
    finally:
        store.db.conn.set_progress_handler(None, 1)
        store.db.conn.set_trace_callback(None)
    return count[0], [sql for sql in run if sql.lstrip().upper().startswith("SELECT")]


PAGES = {
    "home": lambda store: store.summary_page("", 0, PAGE),
    "home, a later page": lambda store: store.summary_page("", 40, PAGE),
    "archive": lambda store: case_page(store, CaseFilter(), 0, PAGE),
    "archive by reference": lambda store: case_page(
        store, CaseFilter(sort="reference", descending=False), 0, PAGE
    ),
    "archive under a status": lambda store: case_page(
        store, CaseFilter(status=["signed_off", "impasse", "in_session"]), 0, PAGE
    ),
}


@pytest.mark.parametrize("name", PAGES)
def test_a_page_of_the_home_list_or_the_archive_reads_one_page_of_cases(archives, name):
    read = PAGES[name]
    taken = {}
    for size, path in archives.items():
        store = open_store(path)
        try:
            taken[size], selects = steps(store, lambda store=store: read(store))
            assert len(read(store)) == PAGE
            plans = [
                detail
                for sql in selects
                for *_ids, detail in store.db.execute(f"EXPLAIN QUERY PLAN {sql}")
            ]
        finally:
            store.close()
        # Cases are found in the order of an index (the newest first, or the reference), and
        # everything a summary sums through an index by case: no table is read whole.
        scans = [p for p in plans if p.startswith("SCAN")]
        assert scans, plans
        assert all(
            p
            in (
                "SCAN c USING INDEX cases_opened",
                "SCAN c USING INDEX sqlite_autoindex_cases_1",  # by reference
            )
            for p in scans
        ), scans
    # Twenty times the cases, the same steps (within what a deeper index takes).
    assert taken[2_000] < 1.2 * taken[100], taken


def test_the_page_holds_the_cases_the_whole_list_holds_in_the_same_order(archives):
    store = open_store(archives[100])
    try:
        for case_filter in (
            CaseFilter(),
            CaseFilter(sort="reference"),
            CaseFilter(sort="disputed"),
            CaseFilter(status="impasse", sort="invoiced", descending=False),
        ):
            whole = case_page(store, case_filter, 0, -1)
            assert len(whole) == case_count(store, case_filter)
            pages = [
                s for at in range(0, len(whole), 7) for s in case_page(store, case_filter, at, 7)
            ]
            assert [s.reference for s in pages] == [s.reference for s in whole]
        newest = [s.reference for s in store.summary_page("", 0, -1)]
        assert newest == [s.reference for s in case_page(store, CaseFilter(), 0, -1)]
        assert len(newest) == store.case_count("") == 100
    finally:
        store.close()


def _entries(count: int, lines: list[int], start: date = date(2026, 1, 5)) -> list[WorkEntry]:
    return [
        WorkEntry(
            date=start + timedelta(days=n % 40),
            person=f"Person {n % 3}",
            minutes=15 + n % 4 * 15,
            description=f"entry {n}",
            invoice_number="INV-2026-017",
            line_position=lines[n % len(lines)],
        )
        for n in range(count)
    ]


def _logged(tmp_path, size: int):
    """A store holding the builder's case with ``size`` entries over its lines 1-3."""
    store = open_store(tmp_path / f"{size}.db")
    case = bundle()
    case.work = _entries(size, [1, 2, 3])
    return store, case, store.import_bundle(case)


def test_the_work_log_totals_read_a_row_per_line_however_many_entries(tmp_path):
    """Opening a case reads what was logged per invoice line from one row per line, kept in step
    by triggers as entries come and go (an import, a replacement, a removal)."""
    taken = {}
    for size in (60, 1_200):
        store, case, case_id = _logged(tmp_path, size)
        taken[size], _ = steps(
            store, lambda store=store, case_id=case_id: store.work_counts_by_line(case_id)
        )
        counts = store.work_counts_by_line(case_id)
        by_sql = {
            line: (entries, minutes)
            for line, entries, minutes in store.db.execute(
                "SELECT invoice_line_id, COUNT(*), SUM(minutes) FROM work_entries "
                "WHERE case_id = ? GROUP BY 1",
                [case_id],
            )
        }
        assert {line: (c.entries, c.logged) for line, c in counts.items()} == by_sql
        totals = store.work_totals(case_id, WorkFilter())
        assert (totals.entries, totals.minutes) == (
            size,
            sum(minutes for _entries, minutes in by_sql.values()),
        )
        # Replaced by a smaller work log: the rows per line follow.
        case.work = _entries(7, [2])
        store.import_bundle(case, replace=True)
        assert {line: c.entries for line, c in store.work_counts_by_line(case_id).items()} == {
            line: n
            for line, n in store.db.execute(
                "SELECT invoice_line_id, COUNT(*) FROM work_entries WHERE case_id = ? GROUP BY 1",
                [case_id],
            )
        }
        assert sum(c.entries for c in store.work_counts_by_line(case_id).values()) == 7
        store.close()
    assert taken[1_200] < 1.2 * taken[60], taken


def test_a_page_deep_in_a_large_work_log_works_out_only_its_own_rows(tmp_path):
    """Each row of the work log works out whether it overlaps another entry; a page far down
    skips the rows before it through the index instead of working each of them out."""
    store = open_store(tmp_path / "log.db")
    case = bundle()
    case.work = [
        dataclasses.replace(entry, description=f"clocked {n}")
        for n, entry in enumerate(_entries(3_000, [1, 2, 3]))
    ]
    case_id = store.import_bundle(case)
    first, _ = steps(store, lambda: store.work_rows(case_id, WorkFilter(), 0, 40))
    deep, _ = steps(store, lambda: store.work_rows(case_id, WorkFilter(), 2_900, 40))
    rows = store.work_rows(case_id, WorkFilter(), 2_900, 40)
    every = store.work_rows(case_id, WorkFilter(), 0, 3_000)
    assert [r.id for r in rows] == [r.id for r in every[2_900:2_940]]
    # Skipping 2,900 index entries costs a few steps each; working out a row costs far more.
    assert deep < first + 20 * 2_900, (first, deep)
    store.close()


def test_the_work_log_of_one_line_reads_that_lines_entries_only(tmp_path):
    """The work log narrowed to a line (the line highlighted in the invoice tab): its pages are
    read in date order from the index by case, line and date, not by going past every other
    entry of the case; 3,000 entries of which a third on the line cost what 300 do."""
    taken = {}
    for size in (300, 3_000):
        store, _case, case_id = _logged(tmp_path, size)
        (invoice,) = store.invoices(case_id)
        line = invoice.lines[1].id
        narrowed = WorkFilter(line_id=line)
        taken[size], selects = steps(
            store, lambda s=store, c=case_id, f=narrowed: s.work_rows(c, f, 0, 40)
        )
        plans = [d for sql in selects for *_i, d in store.db.execute(f"EXPLAIN QUERY PLAN {sql}")]
        assert any("work_entries_line_date" in p for p in plans), plans
        rows = store.work_rows(case_id, narrowed, 0, size)
        assert len(rows) == size // 3 and all(r.line.endswith(":2") for r in rows)
        assert [(r.date, r.id) for r in rows] == sorted((r.date, r.id) for r in rows)
        store.close()
    assert taken[3_000] < 1.5 * taken[300], taken
