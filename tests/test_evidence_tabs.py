"""The evidence tabs in the session: a selected invoice line filters the other tabs."""

from datetime import UTC, datetime

from textual.widgets import Input

from mediate.domain.model import ContractClause, Message
from mediate.tui.app import MediateApp
from mediate.tui.screens.session import SessionScreen
from mediate.tui.widgets.evidence_tabs import EvidenceTabs, TabBar
from tests.builders import bundle

SIZE = (120, 40)


def case_with_evidence(store) -> int:
    b = bundle()
    b.clauses = [
        ContractClause(ref="3.1", heading="Rates", text="Design is charged at EUR 95.00 per hour."),
        ContractClause(ref="4.2", heading="Payment", text="Invoices are due in 30 days."),
        ContractClause(ref="6", heading="Development", text="Development at EUR 85.00 per hour."),
    ]
    b.messages = [
        Message(
            sent_at=datetime(2026, 3, 5, 9, tzinfo=UTC),
            sender="Tom Baker <tom@brood.example>",
            subject="Design hours [draft]",
            body="Thirty hours of design is more than we agreed.",
        ),
        Message(
            sent_at=datetime(2026, 3, 9, 9, tzinfo=UTC),
            sender="Anna de Vries <anna@pixel.example>",
            subject="Workshop notes",
            body="Attached the notes of the discovery workshop.",
        ),
    ]
    return store.import_bundle(b)


async def open_session(pilot) -> SessionScreen:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    return pilot.app.screen


async def test_invoice_flags_and_line_selection_filter_the_other_tabs(db_path, store):
    case_with_evidence(store)
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        table = session.query_one("#invoice-lines")
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows[0][5] == "€380.00" and rows[0][6] == "4.00" and rows[0][7] == "95.00 (3.1)"
        assert (
            rows[1][8] == "disputed, billed>logged"
        )  # 30 h billed, nothing logged (dated, so not vague)
        assert rows[2][7] == "85.00 (6)"
        tabs = session.query_one("#evidence")
        assert not session.query("#worklog-totals"), "a tab not yet shown is not built"
        tabs.active = "tab-worklog"
        await pilot.pause()
        assert "2 entries" in str(session.query_one("#worklog-totals").render()), (
            "nothing filtered on opening"
        )
        tabs.active = "tab-invoice"
        await pilot.pause()
        table.focus()
        await pilot.press("down")  # line 2: design work
        await pilot.pause()
        # The work log tab, already built, follows the line at once.
        totals = str(session.query_one("#worklog-totals").render())
        assert "0 entries" in totals and "line INV-2026-017:2 only" in totals
        # The contract and mail tabs, built only now, open on the line chosen before.
        tabs.active = "tab-contract"
        await pilot.pause()
        assert "Clause 3.1 governs line 2." in str(session.query_one("#contract-hint").render())
        tabs.active = "tab-mail"
        await pilot.pause()
        assert session.query_one("#mail-table").row_count == 1  # mentions "design"
        tabs.active = "tab-invoice"
        await pilot.pause()
        table.focus()
        await pilot.press("up")  # line 1: the workshop, with one linked entry
        await pilot.pause()
        assert "1 entries · 4.00 h" in str(session.query_one("#worklog-totals").render())
        assert "Clause 3.1 governs line 1." in str(session.query_one("#contract-hint").render())
        assert "only (* every line) · 1 entries" in str(
            session.query_one("#worklog-totals").render()
        )
        # * shows every line again, wherever the focus is (u, which said so, corrects).
        tabs.active = "tab-worklog"
        await pilot.pause()
        await pilot.press("asterisk")
        await pilot.pause()
        totals = str(session.query_one("#worklog-totals").render())
        assert "2 entries" in totals and "only" not in totals
        assert session.line_id is None
        assert session.query_one("#mail-table").row_count == 2
        assert session.check_action("all_lines", ()) is None  # no line chosen: dimmed


async def test_worklog_filters_and_a_bad_date(db_path, store):
    case_with_evidence(store)
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        session.query_one("#evidence").active = "tab-worklog"
        await pilot.pause()
        assert "2 entries · 14.00 h · linked 4.00 h · unlinked 10.00 h" in str(
            session.query_one("#worklog-totals").render()
        )
        session.query_one("#w-person", Input).value = "piet"
        await pilot.pause()
        assert "1 entries · 10.00 h" in str(session.query_one("#worklog-totals").render())
        session.query_one("#w-from", Input).value = "next week"
        await pilot.pause()
        assert "Dates are written like 2026-03-31." in str(
            session.query_one("#worklog-totals").render()
        )


async def test_mail_search_and_reading_pane(db_path, store):
    case_with_evidence(store)
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        session.query_one("#evidence").active = "tab-mail"
        await pilot.pause()
        session.query_one("#mail-search", Input).value = "workshop"
        await pilot.pause()
        mail = session.query_one("#mail-table")
        assert mail.row_count == 1
        mail.focus()
        await pilot.press("home")
        await pilot.pause()
        body = str(session.query_one("#mail-body").render())
        assert "From: Anna de Vries <anna@pixel.example>" in body and "discovery workshop" in body
        session.query_one("#mail-search", Input).value = "[draft]"
        await pilot.pause()
        assert mail.row_count == 1


async def test_contract_search_narrows_the_clauses(db_path, store):
    case_with_evidence(store)
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        session.query_one("#evidence").active = "tab-contract"
        await pilot.pause()
        clauses = session.query_one("#clause-list")
        assert clauses.option_count == 3
        session.query_one("#contract-search", Input).value = "due in 30"
        await pilot.pause()
        assert clauses.option_count == 1
        assert "Invoices are due in 30 days." in str(session.query_one("#clause-text").render())


async def test_mail_list_groups_replies_under_their_thread(db_path, store):
    b = bundle()
    at = lambda day: datetime(2026, 3, day, 9, tzinfo=UTC)  # noqa: E731
    b.messages = [
        Message(
            sent_at=at(5), sender="tom@brood.example", subject="Design hours", message_id="<a@x>"
        ),
        Message(
            sent_at=at(6), sender="anna@pixel.example", subject="Workshop notes", message_id="<c@x>"
        ),
        Message(
            sent_at=at(9),
            sender="anna@pixel.example",
            subject="Re: Design hours",
            message_id="<b@x>",
            in_reply_to="<a@x>",
        ),
    ]
    store.import_bundle(b)
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        session.query_one("#evidence").active = "tab-mail"
        await pilot.pause()
        mail = session.query_one("#mail-table")
        subjects = [mail.get_row_at(i)[2] for i in range(mail.row_count)]
        assert subjects == ["Design hours", "↳ Re: Design hours", "Workshop notes"]
        assert "3 message(s) in 2 thread(s)" in str(session.query_one("#mail-status").render())


async def test_tab_bar_switches_by_click_and_by_arrows(db_path, store):
    case_with_evidence(store)
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        tabs = session.query_one(EvidenceTabs)
        bar = session.query_one(TabBar)
        assert tabs.active == "tab-invoice" and not tabs.is_built("tab-mail")
        start, _end, _ = next(span for span in bar.spans() if span[2] == "tab-mail")
        await pilot.click(TabBar, offset=(start + 2, 0))
        await pilot.pause()
        assert tabs.active == "tab-mail" and bar.active == "tab-mail"
        assert session.query_one("#mail-table").display  # built on the click, and shown
        assert not session.query_one("#tab-invoice").display
        bar.focus()
        await pilot.press("right")
        await pilot.pause()
        assert tabs.active == "tab-statements"
        assert session.query_one("#statements-table").row_count == 0  # built, nothing recorded
        await pilot.press("left", "left")
        await pilot.pause()
        assert tabs.active == "tab-worklog"
        await pilot.press("right_square_bracket")  # the session's own key, from anywhere
        await pilot.pause()
        assert tabs.active == "tab-mail"


async def settle(pilot) -> None:
    """Pause until a pause goes by without a layout: a table's scrollbars, for one, appear in a
    second layout after the one that first gives the table its size."""
    layouts: list = []
    screen = pilot.app.screen
    screen.screen_layout_refresh_signal.subscribe(screen, layouts.append)
    for _ in range(20):
        layouts.clear()
        await pilot.pause()
        if not layouts:
            break
    screen.screen_layout_refresh_signal.unsubscribe(screen)


async def test_showing_a_built_tab_again_lays_the_screen_out_once(db_path, store):
    """A pane built while another was shown must not share that one's height, and nothing in a
    pane may change size when it shows again: either costs a second layout of the whole screen
    on every tab switch."""
    case_with_evidence(store)
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        tabs = session.query_one(EvidenceTabs)
        for tab_id in tabs.ids[1:]:  # build every tab
            tabs.active = tab_id
            await settle(pilot)
        layouts = []
        session.screen_layout_refresh_signal.subscribe(tabs, layouts.append)
        for tab_id in tabs.ids:
            layouts.clear()
            tabs.active = tab_id
            await pilot.pause()
            assert len(layouts) == 1, tab_id


async def test_clause_list_redraws_when_its_scrollbar_comes_and_goes(db_path, store):
    """The clause titles are drawn to the width beside the scrollbar: a taller or shorter window
    that adds or removes the scrollbar redraws them, though the list's own width is fixed."""
    b = bundle()
    b.clauses = [
        ContractClause(ref=str(n), heading=f"Clause heading {n}", text="Text.")
        for n in range(1, 21)
    ]
    store.import_bundle(b)
    app = MediateApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        session = await open_session(pilot)
        session.query_one(EvidenceTabs).active = "tab-contract"
        await pilot.pause()
        clauses = session.query_one("#clause-list")
        for size in ((120, 90), (120, 40)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            width = clauses.scrollable_content_region.width
            assert clauses.show_vertical_scrollbar == (size[1] == 40)
            assert clauses.render_line(0).cell_length == width, size


async def test_worklog_shows_clock_times_flags_and_what_counts(db_path, store):
    """Made-up rows in the real Toggl format (tests/test_worklog.py): overlapping entries, a
    non-billable one and an absence are flagged in their rows; the totals say what counted."""
    from mediate.tui.widgets.virtual_table import VirtualTable
    from tests.test_worklog import case_with_overlaps

    case_with_overlaps(store)
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        session.query_one("#evidence").active = "tab-worklog"
        await pilot.pause()
        # 537 min logged; 240 + 120 counted; left out 45 + 60 + 72 (by hand in test_worklog).
        assert str(session.query_one("#worklog-counted").render()) == (
            "Logged 8.95 h · counted 6.00 h · left out 2.95 h: non-billable 0.75 h, "
            "absence 1.00 h, overlap 1.20 h counted once"
        )
        table = session.query_one("#worklog-table", VirtualTable)
        rows = [[str(cell) for cell in table.row(i)] for i in range(table.row_count)]
        assert [row[:5] for row in rows] == [
            ["2024-03-05", "09:00–11:00", "Anna de Vries", "2.00", "overlap"],
            ["2024-03-05", "10:00–11:00", "Anna de Vries", "1.00", "overlap"],
            ["2024-03-05", "10:48–12:00", "Anna de Vries", "1.20", "overlap"],
            ["2024-03-05", "09:00–11:00", "Piet Bakker", "2.00", ""],
            ["2024-03-06", "09:00–10:00", "Anna de Vries", "1.00", ""],
            ["2024-03-06", "12:30–13:15", "Anna de Vries", "0.75", "overlap+non-billable"],
            ["2024-03-06", "13:00–14:00", "Anna de Vries", "1.00", "overlap+absence"],
        ]
        session.query_one("#w-from", Input).value = "2024-03-06"
        await pilot.pause()
        assert str(session.query_one("#worklog-counted").render()) == (
            "Logged 2.75 h · counted 1.00 h · left out 1.75 h: non-billable 0.75 h, absence 1.00 h"
        )


CREDIT_NOTE_TOML = """\
number = "INV-T-1"
kind = "credit_note"
issue_date = 2026-04-20
corrects = "INV-T-1"
corrects_date = 2026-03-31

[[lines]]
description = "Design work: 10 hours credited"
quantity = 10
unit = "h"
unit_price = 95.00
"""


async def test_an_invoice_and_the_credit_note_correcting_it_show_their_net(tmp_path, db_path):
    """Both carry number INV-T-1; the credit note names the invoice it corrects. Lines
    380.00 + 2,850.00 + 49.90 = 3,279.90 less the 950.00 credited = 2,329.90 net."""
    from mediate.tui.app import MediateApp
    from tests.case_folders import write_case
    from tests.screen_text import screen_text

    folder = write_case(tmp_path)
    (folder / "invoices" / "credit.toml").write_text(CREDIT_NOTE_TOML, encoding="utf-8")
    from click.testing import CliRunner

    from mediate.cli import main

    result = CliRunner().invoke(main, ["import", str(folder), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    app = MediateApp(db_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause(0.3)
        shown = screen_text(app)
        assert "Credit note INV-T-1 (corrects INV-T-1 of 2026-03-31)" in shown
        # Line 3 says 49.90 where 1 x 49.99 is 49.99: the detail shows both and which counts.
        app.screen.query_one("#invoice-lines").focus()
        await pilot.press("down", "down")
        await pilot.pause()
        detail = str(app.screen.query_one("#invoice-line-detail").render())
        assert "= €49.99 but the invoice says €49.90 (the invoice's amount is the one used)" in (
            " ".join(detail.split())
        ), detail
        assert "Invoice INV-T-1 after credit note INV-T-1: €2,329.90 without VAT" in shown
