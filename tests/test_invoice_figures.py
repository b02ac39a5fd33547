"""The session screen reads a case's invoices without their lines: each document's totals from
its lines added up in SQL, the lines a page at a time, the widths and the hours from one pass over
an index. Each is checked against the same figure worked out from the whole record, on every real
e-invoice of the fixtures and on the made-up overlapping work log.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from mediate.domain.invoice_totals import figures_of
from mediate.domain.money import to_minor
from mediate.domain.negotiation import invoice_totals
from mediate.domain.reconciliation import billed_hours, hours
from mediate.domain.settlement_money import as_invoiced
from mediate.store import open_store
from tests.builders import bundle
from tests.test_paged_reads import steps
from tests.test_real_einvoice_totals import FILES, read
from tests.test_worklog import case_with_overlaps


def _case_of(store, names: list[str], reference: str) -> int:
    """One case holding the real documents ``names`` (one currency), every other line disputed."""
    case = bundle(reference)
    invoices = [read(name)[0] for name in names]
    case.case = dataclasses.replace(case.case, currency=invoices[0].currency)
    for invoice in invoices:
        for n, line in enumerate(invoice.lines):
            line.disputed = n % 2 == 1
    case.invoices, case.work = invoices, []
    return store.import_bundle(case)


SEK = [name for name in FILES if "BIS_Billing_30" in name and "Valutor" not in name]


@pytest.mark.parametrize("name", FILES)
def test_each_documents_figures_read_without_its_lines_are_those_of_its_lines(tmp_path, name):
    store = open_store(tmp_path / "m.db")
    case_id = _case_of(store, [name], "MED-REAL-1")
    (read_alone,) = store.invoice_figures(case_id)
    (whole,) = figures_of(store.invoices(case_id))
    assert read_alone.invoice.lines == []
    assert (read_alone.totals, read_alone.disputed) == (whole.totals, whole.disputed)
    parsed = figures_of([read(name)[0]])[0]
    assert read_alone.totals.net == parsed.totals.net and read_alone.totals.due == parsed.totals.due
    store.close()


def test_a_case_of_several_documents_adds_up_the_same_either_way(tmp_path):
    """Seven Swedish documents in one case, credit notes among them: invoiced, undisputed, VAT
    and paid from the figures are those from the whole invoices."""
    store = open_store(tmp_path / "m.db")
    case_id = _case_of(store, SEK, "MED-REAL-SEK")
    read_alone, whole = store.invoice_figures(case_id), store.invoices(case_id)
    assert [f.invoice.number for f in read_alone] == [i.number for i in whole]
    assert any(f.invoice.sign < 0 for f in read_alone)
    assert invoice_totals(read_alone, "SEK") == invoice_totals(whole, "SEK")
    assert as_invoiced(read_alone, [], "SEK") == as_invoiced(whole, [], "SEK")
    invoiced, undisputed = invoice_totals(read_alone, "SEK")
    assert undisputed < invoiced
    store.close()


def test_the_pages_of_lines_are_the_whole_invoices_lines_in_order(tmp_path):
    store = open_store(tmp_path / "m.db")
    case_id = _case_of(store, SEK, "MED-REAL-SEK")
    whole = [(inv.id, line) for inv in store.invoices(case_id) for line in inv.lines]
    assert store.invoice_line_count(case_id) == len(whole) > 20
    for size in (1, 4, 7, len(whole)):
        pages = [
            found
            for at in range(0, len(whole), size)
            for found in store.invoice_line_page(case_id, at, size)
        ]
        assert pages == whole, size  # lines with their own allowances and charges
    assert any(line.allowances for _, line in whole)
    assert store.invoice_line_page(case_id, len(whole), 5) == []
    store.close()


def test_the_widths_hold_every_cell_of_every_line(tmp_path):
    store = open_store(tmp_path / "m.db")
    case_id = _case_of(store, SEK, "MED-REAL-SEK")
    lines = [line for inv in store.invoices(case_id) for line in inv.lines]
    widths = store.invoice_line_widths(case_id)
    assert widths.label >= max(len(line.label) for line in lines)
    assert widths.quantity >= max(len(f"{ln.quantity} {ln.unit}".strip()) for ln in lines)
    assert widths.price == max(len(str(line.unit_price)) for line in lines)
    assert widths.largest_minor == max(abs(to_minor(ln.net_amount, "SEK")) for ln in lines)
    assert widths.adjusted == any(line.allowances for line in lines)
    store.close()


def test_the_hours_billed_and_logged_are_the_lines_own_added_up(tmp_path):
    """The made-up overlapping work log: entries that a rule touches (non-billable, an absence,
    an overlap counted once) are left out of the logged hours as on each line; each line's
    hours to the hundredth, added up, so the tab's column adds up to its summary."""
    store = open_store(tmp_path / "m.db")
    case_id, _ids = case_with_overlaps(store)
    (invoice,) = store.invoices(case_id)
    counts = store.work_counts_by_line(case_id)
    billed = sum(billed_hours(line) or 0 for line in invoice.lines)
    logged = sum(hours(counts[ln.id].counted) for ln in invoice.lines if ln.id in counts)
    counter = store.work_counter(case_id)
    assert counter.hours([invoice.id]) == (billed, logged)
    assert (billed, logged) == (Decimal(74), Decimal("6.00"))  # 240 + 120 minutes
    assert counter.hours([]) == (0, 0)
    # Ten minutes on each of the three lines: 0.17 h each, 0.51 h (not 30 minutes, 0.50 h).
    case = bundle("MED-TEN")
    anna = case.work[0]
    case.work = [dataclasses.replace(anna, line_position=n, minutes=10) for n in (1, 2, 3)]
    ten = store.import_bundle(case)
    (invoice,) = store.invoices(ten)
    assert store.work_counter(ten).hours([invoice.id]) == (Decimal(74), Decimal("0.51"))
    store.close()


def test_a_page_of_the_invoice_tab_reads_only_its_own_lines_work(tmp_path):
    """The entries a counting rule touches are read once for the tab, not again for each page:
    a page's counts read the rows of its own lines in ``work_line_totals``."""
    store = open_store(tmp_path / "m.db")
    case_id, ids = case_with_overlaps(store)
    counter = store.work_counter(case_id)
    _, selects = steps(store, lambda: counter([ids["2"], ids["1"]]))
    assert selects and not any("work_entries" in sql for sql in selects), selects
    whole = store.work_counts_by_line(case_id)
    assert counter([ids["2"], ids["1"]]) == {ids["2"]: whole[ids["2"]]}  # line 1: no work
    assert counter() == whole
    store.close()


def test_opening_reads_an_index_and_a_page_not_the_lines(tmp_path):
    """Figures, widths and hours read the covering index alone; a page deep in 1,200 lines
    costs about what the first page does."""
    store = open_store(tmp_path / "m.db")
    case = bundle()
    (invoice,) = case.invoices
    template = invoice.lines[0]
    invoice.lines = [
        dataclasses.replace(template, position=n, description=f"Work item {n}")
        for n in range(1, 1_201)
    ]
    invoice.declared_net = None
    case_id = store.import_bundle(case)
    (doc,) = store.invoice_figures(case_id)
    assert doc.totals.line_total == 1_200 * template.net_amount
    for read_one in (
        lambda: store.invoice_figures(case_id),
        lambda: store.invoice_line_widths(case_id),
        lambda: store.work_counter(case_id).hours([doc.invoice.id]),
    ):
        _, selects = steps(store, read_one)
        plans = [
            detail
            for sql in selects
            for *_ids, detail in store.db.execute(f"EXPLAIN QUERY PLAN {sql}")
        ]
        on_lines = [p for p in plans if " invoice_lines" in p or " l " in p]
        assert on_lines and all("COVERING INDEX" in p for p in on_lines), plans
    first, _ = steps(store, lambda: store.invoice_line_page(case_id, 0, 30))
    deep, _ = steps(store, lambda: store.invoice_line_page(case_id, 1_150, 30))
    assert deep < 2 * first + 10 * 1_150, (first, deep)  # skipping costs an index step each
    store.close()


async def test_the_invoice_tab_pages_through_two_documents(db_path):
    """Two invoices of 40 lines, the later-numbered one issued first: the tab lists the first
    issued first, a line on the third page shows worked out with its flag, and the summary counts
    every line (80 x 10 h billed; 4 h logged on one line)."""
    from datetime import date

    from mediate.tui.app import MediateApp
    from tests.screen_text import screen_text

    store = open_store(db_path)
    case = bundle()
    (first,) = case.invoices
    template = dataclasses.replace(first.lines[0], quantity=Decimal(10), disputed=False)
    template.net_amount = Decimal("950.00")
    first.lines = [
        dataclasses.replace(template, position=n, description=f"Item {n} of 2 March")
        for n in range(1, 41)
    ]
    first.declared_net = None
    earlier = dataclasses.replace(first, number="INV-2026-009", issue_date=date(2026, 2, 28))
    earlier.lines = [dataclasses.replace(line) for line in first.lines]
    case.invoices = [first, earlier]
    anna = case.work[0]  # the builder's 240 minutes of Anna's on INV-2026-017
    anna.line_position = 35
    case.work = [anna]
    store.import_bundle(case)
    store.close()
    app = MediateApp(db_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        table = app.screen.query_one("#invoice-lines")
        assert table.row_count == 80
        assert [str(c) for c in table.get_row_at(0)][:2] == ["INV-2026-009", "1"]
        table.focus()
        table.move_to(73)
        await pilot.press("down")  # to the 75th line: line 35 of the later invoice
        await pilot.pause()
        row = [str(c) for c in table.get_row_at(74)]
        assert row[:2] == ["INV-2026-017", "35"] and row[6] == "4.00"
        assert row[8] == "billed>logged"  # 10 h billed, 4 h logged
        flags = table.shown_columns()[-1]
        assert flags.width >= len("billed>logged")  # widened by the page that holds it
        detail = " ".join(str(app.screen.query_one("#invoice-line-detail").render()).split())
        assert detail.startswith("INV-2026-017 line 35: 10 h × 95.00 = €950.00"), detail
        shown = screen_text(app)
        assert "hours billed 800 · logged against those lines 4.00" in shown
        assert app.screen.line_id is not None
