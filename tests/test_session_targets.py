"""Keys act on what is visible: focus starts where it shows, a key acts on the highlighted row,
the highlight stays put across reloads and starts on the record that makes sense."""

from decimal import Decimal

from mediate.domain.model import (
    AdjustmentKind,
    LineAdjustment,
    PartyRole,
    ProposalStatus,
    Proposer,
)
from mediate.tui.app import MediateApp
from mediate.tui.screens.proposal_form import ProposalForm
from mediate.tui.screens.restate_form import RestateForm
from mediate.tui.widgets.record_tables import highlighted
from tests.test_session_screen import open_session

SIZE = (120, 40)


def two_proposals(store, case_id) -> tuple[int, int]:
    """Proposal 1 by the client, superseded by the provider's counter, proposal 2 (open)."""
    line = store.invoices(case_id)[0].lines[1]
    cut = [LineAdjustment(line_id=line.id, kind=AdjustmentKind.REDUCE_TO, value=Decimal("1900"))]
    first = store.add_proposal(case_id, Proposer.CLIENT, cut)
    return first, store.add_proposal(case_id, Proposer.PROVIDER, [], counter_of=first)


async def test_focus_starts_on_the_evidence_tabs_and_shows(db_path, store, case_id):
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        bar = session.query_one("#evidence TabBar")
        assert session.focused is bar
        lit = bar.get_component_rich_style("tab-bar--active")
        await pilot.press("tab")  # on to the invoice lines, then a party's card
        await pilot.pause()
        assert session.focused is session.query_one("#invoice-lines")
        assert bar.get_component_rich_style("tab-bar--active") != lit  # focus was seen there


async def test_c_on_a_superseded_proposal_is_refused_with_a_sentence(db_path, store, case_id):
    first, second = two_proposals(store, case_id)
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        session.query_one("#evidence").active = "tab-proposals"
        await pilot.pause()
        table = session.query_one("#proposals-table")
        assert highlighted(table) == str(second)  # the open one, not row 1
        table.focus()
        await pilot.press("up")  # the mediator highlights the superseded proposal
        await pilot.pause()
        assert highlighted(table) == str(first)
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is session  # no form to fill in for nothing
        notices = [str(n.message) for n in app._notifications]
        assert "Proposal 1 is superseded; only an open proposal can be countered." in notices
        await pilot.press("down", "c")  # on the open one, the counter form opens
        await pilot.pause()
        assert isinstance(app.screen, ProposalForm) and app.screen.base.id == second
    statuses = [p.status for p in store.proposals(case_id)]
    assert statuses == [ProposalStatus.SUPERSEDED, ProposalStatus.OPEN]


async def test_the_highlight_stays_on_its_row_across_a_reload(db_path, store, case_id):
    ids = [
        store.record_statement(case_id, PartyRole.CLIENT, f"Statement number {n}.")
        for n in (1, 2, 3)
    ]
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        session.query_one("#evidence").active = "tab-statements"
        await pilot.pause()
        table = session.query_one("#statements-table")
        assert highlighted(table) == str(ids[-1])  # the newest unconfirmed one
        table.focus()
        await pilot.press("up")
        await pilot.pause()
        session.reload()  # what every verb does
        await pilot.pause()
        assert highlighted(table) == str(ids[1])
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RestateForm)
        assert app.screen.statement.id == ids[1]  # the one highlighted, not row 1
        await pilot.press("escape")
        await pilot.pause()
        # A statement recorded now becomes the highlighted one: it is the next to restate.
        new = store.record_statement(case_id, PartyRole.PROVIDER, "A fourth.")
        session.reload()
        await pilot.pause()
        assert highlighted(table) == str(new)
