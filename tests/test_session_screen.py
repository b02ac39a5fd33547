"""The live session driven through the real app on a temporary database."""

from decimal import Decimal

from textual.widgets import Input, Select

from mediate.domain.model import (
    AdjustmentKind,
    CaseStatus,
    PartyRole,
    ProposalStatus,
    Proposer,
    Visibility,
)
from mediate.domain.visibility import View
from mediate.tui.app import MediateApp
from mediate.tui.screens.proposal_form import ProposalForm
from mediate.tui.screens.restate_form import RestateForm
from mediate.tui.screens.session import SessionScreen
from mediate.tui.screens.statement_form import StatementForm
from tests.builders import in_days
from tests.screen_text import fill, screen_text

SIZE = (120, 40)


async def open_session(pilot) -> SessionScreen:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SessionScreen)
    return pilot.app.screen


def notes_text(session) -> str:
    table = session.query_one("#notes-table")
    return "\n".join(str(c) for i in range(table.row_count) for c in table.get_row_at(i))


async def type_into(pilot, selector: str, text: str) -> None:
    fill(pilot.app.screen.query_one(selector), text)
    await pilot.pause()


async def test_statement_restated_and_confirmed(db_path, store, case_id):
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StatementForm)
        await type_into(pilot, "#text", "We never agreed to 30 hours of [bold]design[/].")
        await type_into(pilot, "#amount", "950")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RestateForm)
        await type_into(pilot, "#restatement", "What I hear is that design was capped at 10 hours.")
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert app.screen is session
        card = str(session.query_one("#client-card").render())
        assert "We never agreed to 30 hours of [bold]design[/]." in card
        assert "✓ confirmed" in card
    (statement,) = store.statements(case_id)
    assert statement.confirmed and statement.claimed_amount == Decimal("950.00")
    assert store.case(case_id).status == CaseStatus.IN_SESSION


async def test_correction_keeps_the_statement_unconfirmed(db_path, store, case_id):
    sid = store.record_statement(case_id, "provider", "Every hour was logged.")
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        await pilot.press("r")
        await pilot.pause()
        await type_into(pilot, "#restatement", "What I hear is that the log is complete.")
        await type_into(pilot, "#correction", "Complete for March; February is on paper.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        card = str(session.query_one("#provider-card").render())
        assert "correction: Complete for March" in card
    statement = store.statements(case_id)[0]
    assert statement.id == sid and not statement.confirmed
    assert statement.correction.startswith("Complete for March")


async def test_caucus_note_vanishes_in_joint_view(db_path, store, case_id):
    app = MediateApp(db_path)
    secret = "CAUCUS-MARKER-7731 lowest acceptable 4000"
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        await pilot.press("2")
        await pilot.press("n")
        await pilot.pause()
        await type_into(pilot, "#note", secret)
        await pilot.press("ctrl+s")
        await pilot.pause()
        session.query_one("#evidence").active = "tab-notes"
        await pilot.pause()
        assert secret in notes_text(session)
        assert "CAUCUS WITH THE CLIENT" in str(session.query_one("#caucus-banner").render())
        await pilot.press("j")
        await pilot.pause()
        assert secret not in notes_text(session)
        assert "JOINT VIEW" in str(session.query_one("#caucus-banner").render())
        assert secret not in app.export_screenshot()
        await pilot.press("j", "1")
        await pilot.pause()
        assert secret not in notes_text(session), (
            "the provider's caucus must not see the client's note"
        )
    (note,) = store.notes(case_id, View.MEDIATOR)
    assert note.visibility == Visibility.CAUCUS_CLIENT


async def test_going_from_one_caucus_to_the_other_leaves_nothing_on_screen(db_path, store, case_id):
    app = MediateApp(db_path)
    secret = "CAUCUS-MARKER-4410 the provider would drop the interest"
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        await pilot.press("1", "n")
        await pilot.pause()
        await type_into(pilot, "#note", secret)
        await pilot.press("ctrl+s")
        await pilot.pause()
        session.query_one("#evidence").active = "tab-notes"
        await pilot.pause()
        assert secret in notes_text(session)
        await pilot.press("2")  # straight to the client's caucus
        await pilot.pause()
        assert session.caucus is PartyRole.CLIENT
        assert "CAUCUS WITH THE CLIENT" in str(session.query_one("#caucus-banner").render())
        assert secret not in notes_text(session) and secret not in app.export_screenshot()
        shown = [n.message for n in app._notifications]
        assert shown == ["Caucus with the client: only the client is present."], shown
        assert app.screen.check_action("caucus", ("client",)) is None  # already there


async def test_propose_counter_accept_then_reopen(db_path, store, case_id):
    lines = [ln for inv in store.invoices(case_id) for ln in inv.lines]
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        await pilot.press("o")  # in the joint session, on behalf of the client
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ProposalForm)
        form.query_one("#by", Select).value = Proposer.CLIENT
        form.query_one(f"#kind-{lines[1].id}", Select).value = AdjustmentKind.REDUCE_TO
        await type_into(pilot, f"#value-{lines[1].id}", "950")
        form.query_one(f"#kind-{lines[2].id}", Select).value = AdjustmentKind.REDUCE_BY_PERCENT
        await type_into(pilot, f"#value-{lines[2].id}", "25")
        assert "€3,880.00" in str(form.query_one("#proposal-total").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is session
        await pilot.press("c")
        await pilot.pause()
        counter = app.screen
        assert counter.query_one("#by", Select).value.value == "provider"
        await type_into(pilot, f"#value-{lines[1].id}", "1900")
        await type_into(pilot, "#schedule", f"{in_days(30)}, {in_days(61)}")
        await pilot.press("ctrl+s")
        await pilot.pause()
        strip = session.query_one("#money").plain
        assert "Ask €4,830.00" in strip and "Offer €3,880.00" in strip and "Gap €950.00" in strip
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "agreed" in str(session.query_one("#session-header").render())
    proposals = store.proposals(case_id)
    assert [p.status for p in proposals] == [ProposalStatus.SUPERSEDED, ProposalStatus.ACCEPTED]
    # 4,830.00 net + 21 % VAT 1,014.30 = 5,844.30, nothing paid yet: two instalments.
    assert [str(i.amount) for i in proposals[1].schedule] == ["2922.15", "2922.15"]
    assert store.case(case_id).status == CaseStatus.AGREED

    again = MediateApp(db_path)
    async with again.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        session.query_one("#evidence").active = "tab-proposals"
        await pilot.pause()
        table = session.query_one("#proposals-table")
        assert table.row_count == 2
        assert [str(c) for c in table.get_row_at(1)][:5] == [
            "2",
            "provider",
            "joint",
            "€4,830.00",
            "accepted",
        ]


async def test_enter_in_a_proposal_field_moves_on_and_saves_nothing(db_path, store, case_id):
    lines = [ln for inv in store.invoices(case_id) for ln in inv.lines]
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_session(pilot)
        await pilot.press("o")
        await pilot.pause()
        form = app.screen
        form.query_one(f"#value-{lines[1].id}", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert form.focused is not form.query_one(f"#value-{lines[1].id}", Input)
        await pilot.press("escape")
        await pilot.pause()
    assert store.proposals(case_id) == []


async def test_a_payment_recorded_in_the_session_lowers_what_is_still_owed(db_path, store, case_id):
    """6,630.00 + 21 % VAT = 8,022.30 invoiced; 2,000.00 paid in the session leaves 6,022.30."""
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        await pilot.press("dollar_sign")
        await pilot.pause()
        await type_into(pilot, "#paid-on", "2026-04-20")
        await type_into(pilot, "#amount", "2,000.00")
        await type_into(pilot, "#reference", "bank transfer 20 April")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is session
        assert "Paid €2,000.00" in session.query_one("#money").plain
        await pilot.press("o")
        await pilot.pause()
        shown = str(app.screen.query_one("#proposal-total").render())
        assert "with VAT €8,022.30" in shown and "still owed €6,022.30" in shown
    (payment,) = store.payments(case_id)
    assert payment.amount == Decimal("2000.00") and payment.reference == "bank transfer 20 April"
    assert store.audit_events(case_id)[-1]["kind"] == "payment.recorded"


async def test_back_from_help_the_case_is_not_read_again_and_back_from_a_change_it_is(
    db_path, store, case_id
):
    """The screen reads the case again on resuming only when the record changed: F1 and back
    leaves what was read; a payment recorded meanwhile (in another window) shows on return."""
    from datetime import date

    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        figures = session.figures
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is session and session.figures is figures
        await pilot.press("f1")
        await pilot.pause()
        store.record_payment(case_id, Decimal("100.00"), date(2026, 4, 10), "transfer")
        await pilot.press("escape")
        await pilot.pause()
        assert session.figures is not figures
        assert "€100.00" in screen_text(app)
