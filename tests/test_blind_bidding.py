"""Blind bidding and the cost of not settling, in the live session.

A Pilot run plays two rounds as a mediator does: the rule agreed in the joint session (``b``),
each party's secret figure in its own caucus (``1``/``2``, then ``b``), the outcome revealed in
the joint session: "no overlap in round 1", then "settled at X" in round 2, which becomes a
proposal that is accepted. Then every shared route is searched for the four secret figures:

1. the store's joint reads (statements, notes, proposals, positions) and the joint record that
   ``mediate joint`` and ``mediate serve`` show (``services.joint.JointRecord``);
2. the joint view (``j``), every tab, and the notifications left on screen;
3. the joint-view search (the store's search in the joint view);
4. ``mediate show``, ``report`` and ``report --prevention`` (Markdown and .docx);
5. the exported agreement (.docx, English and Dutch);
6. the joint timeline.

None is found; the audit log holds both bids of each round as caucus material.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from textual.widgets import Checkbox, Input

from mediate.domain.blind_bids import BidRule, settles_at
from mediate.domain.errors import DomainError
from mediate.domain.model import PartyRole, Signatory
from mediate.domain.statutory_interest import today_missing
from mediate.domain.statutory_tables import dutch_interest
from mediate.domain.timeline import timeline
from mediate.domain.visibility import View
from mediate.services.joint import JointRecord
from mediate.store.search import search
from mediate.tui.app import MediateApp
from mediate.tui.screens.blind_bidding import BiddingRuleForm, BidForm
from mediate.tui.screens.confirm import ConfirmScreen
from mediate.tui.screens.court_costs import CourtCostsForm, CourtCostsView
from mediate.tui.screens.session import SessionScreen
from tests.reliability.test_confidentiality import TABS, command_line, on_screen
from tests.settlement_helpers import CHOICES
from tests.test_no_dead_ends import notices

D = Decimal
SIZE = (140, 45)
ROUND_1 = {"provider": "5311.37", "client": "4222.91"}  # no overlap
ROUND_2 = {"provider": "4611.37", "client": "4822.91"}  # settles at 4,717.14
SETTLED = D("4717.14")


def secret_forms() -> list[str]:
    """Each secret figure as any route could write it: bare, English, Dutch, in minor units."""
    forms = []
    for figures in (ROUND_1, ROUND_2):
        for bare in figures.values():
            whole, cents = bare.split(".")
            grouped = f"{int(whole):,}"
            forms += [bare, f"{grouped}.{cents}", f"{grouped.replace(',', '.')},{cents}"]
            forms.append(bare.replace(".", ""))  # amount_minor
    return forms


def leaks(text: str) -> list[str]:
    return [form for form in secret_forms() if form in text]


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return "\n".join(package.read(n).decode("utf-8", "replace") for n in package.namelist())


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def give_figure(pilot, caucus: str, amount: str) -> None:
    """In the caucus (``1`` or ``2``) the party gives its figure with ``b``, then the caucus ends."""
    app = pilot.app
    await press(pilot, caucus, "b")
    form = app.screen
    assert isinstance(form, BidForm), type(form)
    form.query_one("#bid-amount", Input).value = amount
    await press(pilot, "enter")
    assert isinstance(app.screen, SessionScreen)
    assert "is recorded in this caucus" in on_screen(app)
    await press(pilot, "0")


async def reveal(pilot) -> str:
    app = pilot.app
    await press(pilot, "b")
    assert isinstance(app.screen, ConfirmScreen)
    await press(pilot, "y")
    return notices(app)


async def test_a_blind_bidding_round_settles_and_no_figure_reaches_a_shared_route(
    db_path, store, case_id, tmp_path
):
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "enter")
        session = app.screen
        assert isinstance(session, SessionScreen)

        # The rule, agreed by both parties, in the joint session: two rounds.
        await press(pilot, "b")
        rule = app.screen
        assert isinstance(rule, BiddingRuleForm)
        rule.query_one("#bid-rounds", Input).value = "2"
        await press(pilot, "ctrl+s")
        assert "Both parties must agree the rule" in on_screen(app)  # not ticked yet
        rule.query_one("#bid-agreed", Checkbox).value = True
        await press(pilot, "ctrl+s")
        assert app.screen is session
        assert "BLIND BIDDING round 1 of 2" in on_screen(app)

        # Round 1: no overlap, and nothing else is told.
        await give_figure(pilot, "1", ROUND_1["provider"])
        await press(pilot, "b")  # one figure is missing: the mediator is told whose, no more
        assert isinstance(app.screen, ConfirmScreen)
        assert "waiting for the client's figure" in on_screen(app)
        await press(pilot, "n")
        await give_figure(pilot, "2", ROUND_1["client"])
        told = await reveal(pilot)
        assert "No overlap in round 1." in told and leaks(told) == []
        assert store.proposals(case_id, View.JOINT) == []

        # Round 2 under the same rule: settled at the midpoint, as a proposal both can accept.
        await press(pilot, "b")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        await give_figure(pilot, "1", ROUND_2["provider"])
        await give_figure(pilot, "2", ROUND_2["client"])
        told = await reveal(pilot)
        assert "Settled at €4,717.14 in round 2." in told and leaks(told) == []
        [proposal] = store.proposals(case_id, View.JOINT)
        assert proposal.total == SETTLED and proposal.proposed_by.value == "mediator"

        # In a caucus, the party's own figures are there (the route is not simply empty).
        await press(pilot, "1")
        own = store.bids(case_id, session.view)
        assert {b.party for b in own} == {"provider"} and len(own) == 2

        # 2. the joint view, every tab, and what notifications remain
        await press(pilot, "0", "j")
        assert session.view == View.JOINT
        for tab in TABS:
            session.query_one("#evidence").active = tab
            await pilot.pause()
            assert leaks(on_screen(app)) == [], tab
        assert "4,717.14" in on_screen(app)  # the outcome is joint
        await press(pilot, "j")

        # The settlement, accepted jointly, as the mediator does it.
        await press(pilot, "a")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")

    # 1. the store's joint reads and the joint record of `mediate joint` / `mediate serve`
    assert store.bids(case_id, View.JOINT) == []
    joint = "\n".join(
        [
            *(repr(s) for s in store.statements(case_id, View.JOINT)),
            *(repr(n) for n in store.notes(case_id, View.JOINT)),
            *(repr(p) for p in store.proposals(case_id, View.JOINT)),
            repr(store.bid_rounds(case_id)),
        ]
    )
    record = JointRecord(store, case_id)
    joint += repr(record.snapshot())
    assert leaks(joint) == []

    # 3. the joint-view search
    for form in secret_forms():
        assert search(store, form, view=View.JOINT) == [], form

    # 6. the joint timeline; the mediator's says each bid was given, in its caucus
    events = store.audit_events(case_id)
    shared = "\n".join(e.text for e in timeline(events, "EUR", "en", View.JOINT))
    assert leaks(shared) == [] and "gave its secret figure" not in shared
    assert "settled at €4,717.14 in round 2" in shared

    # The audit log: every bid, as caucus material of its party, with its figure.
    bids = [json.loads(e["payload"]) for e in events if e["kind"] == "bid.entered"]
    assert [(b["summary"]["party"], b["summary"]["visibility"]) for b in bids] == [
        ("provider", "caucus-provider"),
        ("client", "caucus-client"),
    ] * 2
    figures = [b["changes"][0]["row"]["amount_minor"] for b in bids]
    assert figures == [531137, 422291, 461137, 482291]
    assert all(r.ok for r in store.verify())

    # 4. + 5. the command line, the reports and the exported agreement
    settlement = store.current_settlement(case_id)
    store.set_clause_choices(settlement.id, CHOICES)
    for role, name in zip(Signatory, ("Anna de Vries", "Tom Baker", "Mira Jansen"), strict=True):
        store.sign_off(settlement.id, role, name, "Director")
    everything = command_line(db_path, tmp_path)
    assert "4,717.14" in everything or "4.717,14" in everything  # the routes are not empty
    assert leaks(everything) == []


async def test_the_cost_of_court_is_worked_out_in_caucus_only_and_recorded_there(
    db_path, store, case_id
):
    app = MediateApp(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "enter")
        session = app.screen
        await press(pilot, "k")  # the joint session: refused with a sentence
        assert app.screen is session
        assert "worked out in a caucus" in on_screen(app)
        await press(pilot, "2", "k")
        form = app.screen
        assert isinstance(form, CourtCostsForm)
        assert form.query_one("#cost-due", Input).value == "2026-04-30"
        # Today (the machine's clock) may lie in a half-year the table has no rate for yet.
        warned = bool(form.query("#cost-warning"))
        assert warned == (today_missing(dutch_interest(True), date.today()) != "")
        form.query_one("#cost-chance", Input).value = "120"
        await press(pilot, "ctrl+s")
        assert "Chance to win: a percentage from 0 to 100." in on_screen(app)
        form.query_one("#cost-chance", Input).value = "40"
        form.query_one("#cost-hours", Input).value = "10"
        form.query_one("#cost-rate", Input).value = "150"
        await press(pilot, "ctrl+s")
        view = app.screen
        assert isinstance(view, CourtCostsView)
        shown = on_screen(app)
        for words in ("as the client sees it", "Arithmetic on the figures entered, not advice"):
            assert words in shown, words
        assert "Provider" in shown and "Client" in shown and "┫" in shown  # the chart
        await press(pilot, "escape")
        assert app.screen is session
        await press(pilot, "0", "j", "k")  # the joint view: refused
        assert not isinstance(app.screen, CourtCostsForm)

    [event] = [e for e in store.audit_events(case_id) if e["kind"] == "costs.calculated"]
    summary = json.loads(event["payload"])["summary"]
    assert (
        summary["visibility"] == "caucus-client" and summary["inputs"]["client_costs"] == "1500.00"
    )
    assert summary["inputs"]["provider_chance"] == "60"
    joint = "\n".join(
        e.text for e in timeline(store.audit_events(case_id), "EUR", "en", View.JOINT)
    )
    assert "cost of not settling" not in joint
    mediator = timeline(store.audit_events(case_id), "EUR", "en", View.MEDIATOR)
    assert any("cost of not settling" in e.text and "caucus: client" in e.text for e in mediator)


# --- the store's verbs: refusals and the rule ----------------------------------------------------


def test_bidding_refuses_what_the_rule_does_not_allow(store, case_id):
    with pytest.raises(DomainError, match="No blind-bidding round is open"):
        store.enter_bid(case_id, PartyRole.PROVIDER, D("100"))
    with pytest.raises(DomainError, match="between 1 and 10"):
        store.agree_blind_bidding(case_id, 0)
    store.agree_blind_bidding(case_id, 1, D("50"))
    with pytest.raises(DomainError, match="open already"):
        store.agree_blind_bidding(case_id, 1)
    with pytest.raises(DomainError, match="cannot exceed what was invoiced"):
        store.enter_bid(case_id, PartyRole.CLIENT, D("99999"))
    store.enter_bid(case_id, PartyRole.CLIENT, D("4000"))
    with pytest.raises(DomainError, match="in already; it cannot be changed"):
        store.enter_bid(case_id, PartyRole.CLIENT, D("4100"))
    with pytest.raises(DomainError, match="Waiting for the provider's figure"):
        store.reveal_bids(case_id)
    store.enter_bid(case_id, PartyRole.PROVIDER, D("4040"))  # within the band of 50
    settled = store.reveal_bids(case_id)
    assert settled.outcome == "settled" and settled.settled == D("4020.00")
    with pytest.raises(DomainError, match="follows only a round that ended without overlap"):
        store.next_bid_round(case_id)
    assert all(r.ok for r in store.verify())


def test_a_last_round_without_overlap_ends_the_rule_and_closing_tells_nothing(store, case_id):
    store.agree_blind_bidding(case_id, 1)
    store.enter_bid(case_id, PartyRole.PROVIDER, D("5000"))
    store.enter_bid(case_id, PartyRole.CLIENT, D("4000"))
    assert store.reveal_bids(case_id).outcome == "no_overlap"
    with pytest.raises(DomainError, match="used up"):
        store.next_bid_round(case_id)
    store.agree_blind_bidding(case_id, 1)
    store.enter_bid(case_id, PartyRole.PROVIDER, D("4500"))
    store.close_bidding(case_id)
    assert [r.outcome for r in store.bid_rounds(case_id)] == ["no_overlap", "closed"]
    assert store.proposals(case_id, View.JOINT) == []


def test_the_rule_settles_at_the_midpoint_rounded_half_up():
    rule = BidRule(1, D("0"))
    assert settles_at(rule, D("100.00"), D("100.01"), "EUR") == D("100.01")  # 100.005
    assert settles_at(rule, D("100.00"), D("99.99"), "EUR") is None
    assert settles_at(BidRule(1, D("0.01")), D("100.00"), D("99.99"), "EUR") == D("100.00")


def test_the_settled_amount_becomes_exact_line_adjustments(store, case_id):
    from mediate.domain.blind_bids import adjustments_for
    from mediate.domain.negotiation import proposal_total

    invoices = store.invoices(case_id)
    for target in ("6630.00", "6629.99", "380.00", "379.99", "0.00", "4717.14"):
        adjustments = adjustments_for(invoices, D(target), "EUR")
        assert proposal_total(invoices, adjustments, "EUR") == D(target)
    undisputed = {ln.id for ln in invoices[0].lines if not ln.disputed}
    assert not undisputed & {a.line_id for a in adjustments_for(invoices, D("380.00"), "EUR")}


@pytest.mark.parametrize(("currency", "target"), [("JPY", "1234"), ("KWD", "1234.567")])
def test_a_settled_figure_is_reached_to_the_unit_in_any_currency(currency, target):
    """Yen have no minor unit, dinars three decimals: the lines are reduced in the currency's
    own units and the proposal's total is the settled figure exactly."""
    from mediate.domain.blind_bids import adjustments_for
    from mediate.domain.model import Invoice, InvoiceLine
    from mediate.domain.negotiation import proposal_total

    amounts = {"JPY": ("1000", "2000"), "KWD": ("1000.125", "2000.250")}[currency]
    invoice = Invoice(
        number="A-1",
        currency=currency,
        lines=[
            InvoiceLine(
                id=n + 1,
                position=n + 1,
                description=f"line {n + 1}",
                quantity=D(1),
                unit="pcs",
                unit_price=D(amount),
                net_amount=D(amount),
                disputed=n == 0,
            )
            for n, amount in enumerate(amounts)
        ],
    )
    adjustments = adjustments_for([invoice], D(target), currency)
    assert proposal_total([invoice], adjustments, currency) == D(target)
    assert all(
        a.value == a.value.quantize(D(1).scaleb(-len(target.partition(".")[2])))
        for a in adjustments
    )
