"""Snapshots of home, session, settlement, archive and the joint view at 80x24, 120x40 and 200x50
(pytest --snapshot-update to renew): every screen fits the terminal it is given, its columns
sized by priority, nothing that holds money cut."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from mediate.domain.model import AdjustmentKind, LineAdjustment, PartyRole, Proposer
from mediate.domain.session_time import SessionTime
from mediate.domain.settlement_money import instalments, settlement_money
from mediate.tui.app import MediateApp
from mediate.tui.joint import render
from mediate.tui.joint.app import JointApp
from mediate.tui.screens.archive import ArchiveScreen
from mediate.tui.screens.settlement import SettlementScreen
from tests.builders import bundle

FIXED = datetime(2026, 4, 14, 10, 5, tzinfo=UTC)
SIZES = pytest.mark.parametrize(
    "size", [(80, 24), (120, 40), (200, 50)], ids=["80x24", "120x40", "200x50"]
)


@pytest.fixture
def snapshot_db(db_path, store, monkeypatch):
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", "/documents")  # the same path shown on every run
    case_id = store.import_bundle(bundle(), at=FIXED)
    other = bundle("MED-2026-002")
    other.case.title = "[bold]Not markup[/bold] 🍞 café"
    store.import_bundle(other, at=FIXED)
    sid = store.record_statement(
        case_id, PartyRole.CLIENT, "We never agreed to 30 hours of design.", at=FIXED
    )
    store.restate(sid, "What I hear is that design was capped at 10 hours.", at=FIXED)
    store.confirm_statement(sid, at=FIXED)
    return db_path


@pytest.fixture
def agreed_db(snapshot_db, store):
    """MED-2026-001 agreed: line 2 reduced to 1,900.00, line 3 withdrawn, paid on 15 May 2026."""
    case_id = store.case_id("MED-2026-001")
    lines = [ln for inv in store.invoices(case_id) for ln in inv.lines]
    adjustments = [
        LineAdjustment(line_id=lines[1].id, kind=AdjustmentKind.REDUCE_TO, value=Decimal("1900")),
        LineAdjustment(line_id=lines[2].id, kind=AdjustmentKind.WITHDRAW),
    ]
    money = settlement_money(store.invoices(case_id), adjustments, [], "EUR")
    proposal = store.add_proposal(
        case_id,
        Proposer.MEDIATOR,
        adjustments,
        schedule=instalments(money, [date(2026, 5, 15)]),
        terms="The Provider hands over the design source files by 15 May 2026.",
        at=FIXED,
    )
    store.accept_proposal(proposal, at=FIXED)
    return snapshot_db


def app_for(db_path) -> MediateApp:
    app = MediateApp(db_path)
    app.show_path = False
    return app


async def clock_still(pilot) -> None:
    """The session clock paused at 00:00:00, so the snapshot cannot move with it."""
    screen = pilot.app.screen
    screen.action_timer()
    screen.session_clock.time = SessionTime()
    screen.show_header()
    await pilot.pause()


@SIZES
def test_home_screen(snap_compare, snapshot_db, size):
    assert snap_compare(app_for(snapshot_db), terminal_size=size)


@SIZES
def test_session_screen(snap_compare, snapshot_db, size):
    async def open_case(pilot):
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await clock_still(pilot)

    assert snap_compare(app_for(snapshot_db), terminal_size=size, run_before=open_case)


@SIZES
def test_session_statements_tab(snap_compare, snapshot_db, size):
    async def statements(pilot):
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        pilot.app.screen.query_one("#evidence").active = "tab-statements"
        await clock_still(pilot)

    assert snap_compare(app_for(snapshot_db), terminal_size=size, run_before=statements)


@SIZES
def test_settlement_screen(snap_compare, agreed_db, store, size):
    case_id = store.case_id("MED-2026-001")

    async def open_settlement(pilot):
        await pilot.pause()
        await pilot.app.push_screen(SettlementScreen(case_id))
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(app_for(agreed_db), terminal_size=size, run_before=open_settlement)


@SIZES
def test_archive_screen(snap_compare, snapshot_db, size):
    async def open_archive(pilot):
        await pilot.pause()
        await pilot.app.push_screen(ArchiveScreen())
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(app_for(snapshot_db), terminal_size=size, run_before=open_archive)


@SIZES
def test_joint_view(snap_compare, agreed_db, size):
    async def still(pilot):
        await pilot.pause()
        screen = pilot.app.screen
        header = render.header(screen.snapshot, screen.words, "10:05:00")  # not the real time
        screen.query_one("#joint-header").update(header)
        await pilot.pause()

    app = JointApp(agreed_db, "MED-2026-001")
    assert snap_compare(app, terminal_size=size, run_before=still)
