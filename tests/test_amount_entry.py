"""Amounts typed in the live session: read in the case's language, bounded by what the store can
hold, and refused with a sentence under the field instead of a traceback."""

from decimal import Decimal

import pytest
from textual.widgets import Input, Select, Static

from mediate.domain.errors import DomainError
from mediate.domain.model import AdjustmentKind, Invoice, InvoiceLine
from mediate.domain.settlement_money import SettlementMoney, settlement_money
from mediate.domain.visibility import View
from mediate.store import open_store
from mediate.tui.app import MediateApp
from mediate.tui.screens.proposal_form import ProposalForm, parse_schedule
from mediate.tui.screens.restate_form import RestateForm
from mediate.tui.screens.session import SessionScreen
from mediate.tui.screens.statement_form import StatementForm
from tests.builders import bundle, in_days
from tests.screen_text import fill

SIZE = (120, 40)
TWENTY_NINES = "99999999999999999999"


def dutch_case(tmp_path):
    path = tmp_path / "mediate.db"
    store = open_store(path)
    case_id = store.import_bundle(bundle(language="nl"))
    return path, store, case_id


async def open_statement_form(pilot) -> StatementForm:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SessionScreen)
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, StatementForm)
    return pilot.app.screen


async def type_into(pilot, selector: str, text: str) -> None:
    fill(pilot.app.screen.query_one(selector), text)
    await pilot.pause()


def error_line(form: StatementForm) -> str:
    return str(form.query_one("#form-error", Static).render())


async def test_an_amount_too_large_to_record_stays_in_the_form_with_a_sentence(tmp_path):
    path, store, case_id = dutch_case(tmp_path)
    try:
        app = MediateApp(path)
        async with app.run_test(size=SIZE) as pilot:
            form = await open_statement_form(pilot)
            await type_into(pilot, "#text", "Wij hebben nooit 30 uur ontwerp afgesproken.")
            await type_into(pilot, "#amount", TWENTY_NINES)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.is_running and app.screen is form
            assert error_line(form) == (
                f"“{TWENTY_NINES}” is larger than mediate can record: at most 999.999.999.999,99."
            )
            assert store.statements(case_id) == []

            await type_into(pilot, "#amount", "1.200")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, RestateForm)
        (statement,) = store.statements(case_id)
        assert statement.claimed_amount == Decimal("1200.00")
        assert statement.text == "Wij hebben nooit 30 uur ontwerp afgesproken."
    finally:
        store.close()


async def test_an_amount_typed_the_english_way_in_a_dutch_case_is_refused(tmp_path):
    path, store, case_id = dutch_case(tmp_path)
    try:
        app = MediateApp(path)
        async with app.run_test(size=SIZE) as pilot:
            form = await open_statement_form(pilot)
            await type_into(pilot, "#text", "Het ontwerp was begrensd.")
            await type_into(pilot, "#amount", "1,234")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is form
            # The sentence names the currency once the session passes it to the form ("euro
            # amounts", "one euro twenty-three"); both ways it shows how to write each reading.
            sentence = error_line(form)
            assert sentence.startswith("“1,234” has three decimals, but ")
            assert "amounts have two: for one thousand two hundred thirty-four write 1.234, " in (
                sentence
            )
            assert sentence.endswith(" write 1,23.")
            assert store.statements(case_id) == []
    finally:
        store.close()


async def test_a_dutch_proposal_takes_dutch_amounts_percentages_and_payments(tmp_path):
    path, store, case_id = dutch_case(tmp_path)
    lines = [ln for inv in store.invoices(case_id) for ln in inv.lines]
    try:
        app = MediateApp(path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            session = app.screen
            await pilot.press("2", "o")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, ProposalForm)
            form.query_one(f"#kind-{lines[1].id}", Select).value = AdjustmentKind.REDUCE_TO
            await type_into(pilot, f"#value-{lines[1].id}", "1.900,50")
            form.query_one(f"#kind-{lines[2].id}", Select).value = AdjustmentKind.REDUCE_BY_PERCENT
            await type_into(pilot, f"#value-{lines[2].id}", "12,5")
            # 380,00 + 1.900,50 + 3.400,00 x 87,5 %
            shown = str(form.query_one("#proposal-total").render())
            # 5.255,50 without btw; 21 % btw 1.103,66; 6.359,16 with btw, still owed.
            assert "5.255,50" in shown and "1.103,66" in shown and "6.359,16" in shown
            await type_into(pilot, "#schedule", f"{in_days(30)}=3.000,50; {in_days(61)}=3.358,66")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is session, str(form.query_one("#form-error").render())
            await pilot.press("c")
            await pilot.pause()
            counter = app.screen
            assert isinstance(counter, ProposalForm)
            # The counter-proposal starts from the figures written the Dutch way, which read back
            # as the same figures.
            assert counter.query_one(f"#value-{lines[1].id}", Input).value == "1.900,50"
            assert counter.query_one(f"#value-{lines[2].id}", Input).value == "12,5"
        (proposal,) = store.proposals(case_id, View.CAUCUS_CLIENT)  # made in caucus (2)
        values = {a.line_id: a.value for a in proposal.adjustments}
        assert values == {lines[1].id: Decimal("1900.50"), lines[2].id: Decimal("12.5")}
        assert [i.amount for i in proposal.schedule] == [Decimal("3000.50"), Decimal("3358.66")]
    finally:
        store.close()


def owing(amount: str) -> SettlementMoney:
    """A case in which ``amount`` (VAT included) is still owed: one line at 0 % VAT."""
    line = InvoiceLine(
        id=1,
        position=1,
        description="Work",
        quantity=Decimal(1),
        unit="",
        unit_price=Decimal(amount),
        net_amount=Decimal(amount),
        vat_rate=Decimal(0),
    )
    invoice = Invoice(number="INV-1", currency="EUR", lines=[line])
    return settlement_money([invoice], [], [], "EUR")


def test_payments_are_split_before_a_date_so_dutch_decimals_stay():
    schedule = parse_schedule("2026-06-01=1.000,50, 2026-07-01=500", owing("1500.50"), "nl")
    assert [i.amount for i in schedule] == [Decimal("1000.50"), Decimal("500")]
    with pytest.raises(DomainError, match="“1,234” has three decimals"):
        parse_schedule("2026-06-01=1,234", owing("1234"), "nl")
