"""The figures of a case a cost-of-court calculation starts from, and the estimates a party gives
in its caucus (its own chance to win, its lawyer's costs, the months until judgment)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from mediate.domain.court_costs import CostInputs, Law
from mediate.domain.errors import DomainError
from mediate.domain.model import Case, Invoice, PartyRole, Payment, Proposal, ProposalStatus
from mediate.domain.settlement_money import as_invoiced, settlement_money

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Estimates:
    """What the party in caucus expects. ``chance`` is its own chance to win (percent)."""

    party: PartyRole
    chance: Decimal
    months: int
    own_costs: Decimal
    other_costs: Decimal
    commercial: bool = True
    claimant_company: bool = True
    points: int = 2
    collection_vat: bool = False
    claim: Decimal | None = None  # default: what the invoices still ask, VAT included
    due: date | None = None  # default: the earliest due date of the invoices
    court_fee: Decimal | None = None  # typed (England and Wales); Dutch fees come from the table


def law_of(case: Case) -> Law:
    """Cases in pounds, or with a party in the United Kingdom, are English cases (the Late
    Payment Act); the others are worked out under Dutch law (see ``law_note``)."""
    countries = {p.country.upper() for p in case.parties}
    if case.currency == "GBP" or countries & {"GB", "UK"}:
        return Law.EW
    return Law.NL


def law_note(case: Case) -> str:
    """A sentence when the case gives no sign of the law the tables are for."""
    countries = {p.country.upper() for p in case.parties}
    if law_of(case) == Law.EW or case.language.value == "nl" or "NL" in countries:
        return ""
    return (
        "The case names no Dutch or English seat: the figures use the Dutch tables (mediate "
        "holds the Dutch and English ones only)."
    )


def still_asked(invoices: Sequence[Invoice], payments: Sequence[Payment], currency: str) -> Decimal:
    """What the invoices ask, VAT included, less what was paid: the claim in court."""
    invoiced, paid = as_invoiced(invoices, payments, currency)
    return invoiced.gross - paid


def first_due(invoices: Sequence[Invoice]) -> date | None:
    dates = [inv.due_date for inv in invoices if inv.sign > 0 and inv.due_date is not None]
    return min(dates) if dates else None


def on_the_table(proposals: Sequence[Proposal]) -> Proposal | None:
    """The newest open proposal."""
    return next((p for p in reversed(proposals) if p.status == ProposalStatus.OPEN), None)


def cost_inputs(
    case: Case,
    invoices: Sequence[Invoice],
    payments: Sequence[Payment],
    proposals: Sequence[Proposal],
    estimates: Estimates,
    on: date,
) -> CostInputs:
    """The calculation's inputs: the case's claim and due date (unless the party gives others),
    the proposal on the table as what the client would still pay under it, and the estimates
    turned round to the provider's chance and each side's costs."""
    cur = case.currency
    claim = estimates.claim if estimates.claim is not None else still_asked(invoices, payments, cur)
    due = estimates.due or first_due(invoices)
    if due is None:
        raise DomainError("The invoices give no due date: enter the date the claim fell due.")
    proposal = on_the_table(proposals)
    owed = (
        None
        if proposal is None
        else settlement_money(invoices, proposal.adjustments, payments, cur).still_owed
    )
    provider = PartyRole(estimates.party) == PartyRole.PROVIDER
    return CostInputs(
        law=law_of(case),
        currency=cur,
        claim=claim,
        due=due,
        on=on,
        months=estimates.months,
        provider_chance=estimates.chance if provider else HUNDRED - estimates.chance,
        provider_costs=estimates.own_costs if provider else estimates.other_costs,
        client_costs=estimates.other_costs if provider else estimates.own_costs,
        invoices=max(1, sum(1 for inv in invoices if inv.sign > 0)),
        commercial=estimates.commercial,
        claimant_company=estimates.claimant_company,
        points=estimates.points,
        collection_vat=estimates.collection_vat,
        court_fee=estimates.court_fee,
        proposal=owed,
    )
