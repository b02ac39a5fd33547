"""Each dead end of the trial now ends in a signed export, driven through the real app."""

from datetime import timedelta

import docx

from mediate.domain.model import CaseStatus, ProposalStatus, Proposer
from mediate.tui.app import MediateApp
from mediate.tui.screens.confirm import ConfirmScreen
from mediate.tui.screens.proposal_form import ProposalForm
from mediate.tui.screens.settlement import SettlementScreen
from tests.builders import in_days, pay_once
from tests.settlement_helpers import signed_settlement
from tests.test_case_in_the_app import fill, save, sign_and_export
from tests.test_session_screen import open_session

SIZE = (120, 40)


def notices(app) -> str:
    return "\n".join(n.message for n in app._notifications)


async def test_accepting_with_the_payment_field_empty_is_refused_and_a_counter_settles(
    db_path, store, case_id
):
    """The trial's dead end: the payment field looks optional. Accepting is refused with the
    way on; the counter-proposal with the date is accepted, signed and exported."""
    store.add_proposal(case_id, Proposer.CLIENT, [])  # made without a payment date
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert app.screen is session  # refused before the question: no yes leads nowhere
        assert "gives no payment date, and an agreement needs the amount's due date: press c" in (
            notices(app)
        )
        assert store.case(case_id).status == CaseStatus.IN_SESSION
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ProposalForm)
        await fill(pilot, {"schedule": str(in_days(30))})
        await save(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        folder = await sign_and_export(pilot, signatures=3)
    assert (folder / "MED-2026-001-settlement-v1-en.docx").is_file()
    assert store.case(case_id).status == CaseStatus.SIGNED_OFF


async def test_a_settlement_left_without_its_date_is_reopened_and_settled(db_path, store, case_id):
    """A database from before the acceptance was refused holds an agreed proposal without its
    payment date: the settlement screen reopens it, and the session ends in a signed export."""
    proposal = store.add_proposal(case_id, Proposer.CLIENT, [], pay_once(store, case_id, []))
    store.accept_proposal(proposal)
    with store.batch():  # as the earlier version left it: accepted without a schedule
        store.db.execute("UPDATE proposals SET schedule = '[]' WHERE id = ?", [proposal])
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        assert "AGREED: v: checklist, sign-off, export; r there reopens" in str(
            session.query_one("#caucus-banner").render()
        )
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SettlementScreen)
        checklist = str(screen.query_one("#checklist").render())
        assert "✗ the amount's due date" in checklist and "r reopens the settlement" in checklist
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is session
        assert "in session" in str(session.query_one("#session-header").render())
        await pilot.press("c")
        await pilot.pause()
        await fill(pilot, {"schedule": f"{in_days(30)}, {in_days(60)}"})
        await save(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        folder = await sign_and_export(pilot, signatures=3)
    assert (folder / "MED-2026-001-settlement-v1-en.docx").is_file()
    statuses = [p.status for p in store.proposals(case_id)]
    assert statuses == [ProposalStatus.SUPERSEDED, ProposalStatus.ACCEPTED]
    assert "settlement.reopened" in {e["kind"] for e in store.audit_events(case_id)}


async def test_a_draft_amendment_is_dropped_and_the_signed_version_exports(
    db_path, store, documents_folder
):
    signed_settlement(store)
    case_id = store.case_id("MED-2026-001")
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.push_screen(SettlementScreen(case_id))
        await pilot.pause()
        for key in ("m", "y", "r", "y"):  # amend, then think better of it
            await pilot.press(key)
            await pilot.pause()
        screen = app.screen
        assert "version 1 · LOCKED" in str(screen.query_one("#settlement-header").render())
        await pilot.press("e")
        await pilot.pause()
        await save(pilot)
        await app.workers.wait_for_complete()
    exported = documents_folder / "mediate" / "MED-2026-001" / "MED-2026-001-settlement-v1-en.docx"
    assert "DRAFT" not in "\n".join(p.text for p in docx.Document(exported).paragraphs)
    assert store.case(case_id).status == CaseStatus.SIGNED_OFF


async def test_the_export_folder_is_remembered_per_case(db_path, store, tmp_path):
    signed_settlement(store)
    case_id = store.case_id("MED-2026-001")
    chosen = tmp_path / "for the client"
    chosen.mkdir()
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.push_screen(SettlementScreen(case_id))
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await fill(pilot, {"folder": f"{chosen}/"})
        await save(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert f"Wrote {chosen}" in notices(app)
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#folder").value == f"{chosen}/"
    assert (chosen / "MED-2026-001-settlement-v1-en.docx").is_file()


async def test_session_time_continues_from_the_recorded_total(db_path, store, case_id):
    now = store.clock()
    store.start_clock(case_id, at=now - timedelta(hours=3))
    store.stop_clock(case_id, at=now - timedelta(hours=2))
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        assert "⏱ 01:00:0" in str(session.query_one("#session-header").render())
        await pilot.press("t")
        await pilot.pause()
        assert "(paused)" in str(session.query_one("#session-header").render())
    clock = store.session_time(case_id)
    assert clock.runs == 2 and not clock.running and 3600 <= clock.total < 3660
    kinds = [e["kind"] for e in store.audit_events(case_id)][-2:]
    assert kinds == ["session.clock.started", "session.clock.paused"]
