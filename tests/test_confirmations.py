"""Irreversible steps ask first: reject, withdraw, leaving a live session, quitting with one
open; after sign-off the session screen only shows, and says so."""

from mediate.domain.model import ProposalStatus, Proposer
from mediate.tui.app import MediateApp
from mediate.tui.screens.confirm import ConfirmScreen
from mediate.tui.screens.home import HomeScreen
from tests.settlement_helpers import signed_settlement
from tests.test_no_dead_ends import open_session

SIZE = (120, 40)


async def press(pilot, *keys) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def test_reject_and_withdraw_ask_first(db_path, store, case_id):
    first = store.add_proposal(case_id, Proposer.CLIENT, [])
    second = store.add_proposal(case_id, Proposer.PROVIDER, [])
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        await press(pilot, "x")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Reject proposal 2 by the provider?" in str(app.screen.query_one("Label").render())
        await press(pilot, "n")
        assert app.screen is session
        assert store.proposal(second).status == ProposalStatus.OPEN
        await press(pilot, "x", "y")
        assert store.proposal(second).status == ProposalStatus.REJECTED
        await press(pilot, "w")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "escape")
        assert store.proposal(first).status == ProposalStatus.OPEN
        await press(pilot, "w", "y")
    assert store.proposal(first).status == ProposalStatus.WITHDRAWN


async def test_leaving_a_live_session_asks_and_records_the_time(db_path, store, case_id):
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        await press(pilot, "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")
        assert app.screen is session and session.session_clock.running
        await press(pilot, "escape", "y")
        assert isinstance(app.screen, HomeScreen)
        assert not store.session_time(case_id).running
        # A paused clock: nothing is under way, leaving does not ask.
        session = await open_session(pilot)
        await press(pilot, "t", "escape")
        assert isinstance(app.screen, HomeScreen)
    kinds = [e["kind"] for e in store.audit_events(case_id)]
    assert kinds[-4:] == [
        "session.clock.started",
        "session.clock.stopped",
        "session.clock.started",
        "session.clock.paused",
    ]


async def test_quitting_with_a_session_open_asks_first(db_path, store, case_id):
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        await press(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Quit mediate with a session open?" in str(app.screen.query_one("Label").render())
        await press(pilot, "n")
        assert app.screen is session and app.is_running
        await press(pilot, "ctrl+q", "y")
        assert not app.is_running
    assert not store.session_time(case_id).running
    assert store.audit_events(case_id)[-1]["kind"] == "session.clock.stopped"


async def test_a_signed_off_session_is_read_only_and_says_so(db_path, store):
    signed_settlement(store)
    case_id = store.case_id("MED-2026-001")
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        banner = str(session.query_one("#caucus-banner").render())
        assert "SIGNED OFF · read-only: v exports the agreement" in banner
        assert "(final)" in str(session.query_one("#session-header").render())
        for action in ("statement", "note", "propose", "accept", "payment", "timer"):
            assert session.check_action(action, ()) is None, action
        assert session.check_action("settlement", ()) is True
        await press(pilot, "s", "o", "n")
        assert app.screen is session  # no form opened
        await press(pilot, "escape")  # the clock does not run: leaving does not ask
        assert isinstance(app.screen, HomeScreen)
    assert store.session_time(case_id).runs == 0
