"""Negotiation arithmetic: what a proposal's per-line adjustments leave to pay, and its schedule."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from mediate.domain.errors import DomainError
from mediate.domain.invoice_totals import DocumentFigures, document_adjustment, figures_of
from mediate.domain.model import (
    AdjustmentKind,
    Instalment,
    Invoice,
    InvoiceLine,
    LineAdjustment,
    Proposal,
    ProposalStatus,
    Proposer,
)
from mediate.domain.money import allocate, quantize, to_decimal

HUNDRED = Decimal(100)


def check_open(number: int, status: ProposalStatus | str, answer: str) -> None:
    """Only an open proposal can be answered (``answer``: "countered", "accepted"): a superseded,
    rejected or withdrawn one is history; answering it would leave two proposals open."""
    status = ProposalStatus(status)
    if status != ProposalStatus.OPEN:
        raise DomainError(
            f"Proposal {number} is {status.value}; only an open proposal can be {answer}."
        )


def adjustment_of(
    line: InvoiceLine, by_line: Mapping[int, LineAdjustment]
) -> LineAdjustment | None:
    """The adjustment naming ``line`` (by its id); None when none does or the line has no id."""
    return None if line.id is None else by_line.get(line.id)


def adjusted_amount(line: InvoiceLine, adjustment: LineAdjustment | None, currency: str) -> Decimal:
    """What remains payable on one line after an adjustment (rounded half-up to the minor unit)."""
    kind = adjustment.kind if adjustment else AdjustmentKind.KEEP
    original = quantize(line.net_amount, currency)
    if adjustment is None or kind == AdjustmentKind.KEEP:
        return original
    if kind == AdjustmentKind.WITHDRAW:
        return quantize("0", currency)
    if adjustment.value is None:
        raise DomainError(f"Line {line.position}: the adjustment needs a value.")
    value = to_decimal(adjustment.value)
    if kind == AdjustmentKind.REDUCE_TO:
        if value < 0 or value > original:
            raise DomainError(
                f"Line {line.position}: a reduced amount must lie between 0 and {original}."
            )
        return quantize(value, currency)
    if kind == AdjustmentKind.REDUCE_BY_PERCENT:
        if value < 0 or value > HUNDRED:
            raise DomainError(f"Line {line.position}: a reduction must be 0 to 100 percent.")
        return quantize(original * (HUNDRED - value) / HUNDRED, currency)
    raise DomainError(f"Line {line.position}: unknown adjustment “{kind}”.")


def proposal_total(
    invoices: Sequence[Invoice], adjustments: Iterable[LineAdjustment], currency: str
) -> Decimal:
    """What a proposal leaves to pay, without VAT: every line, adjusted where an adjustment names
    it, and each document's own allowances and charges as invoiced; credit notes count against
    the total."""
    by_line = {adj.line_id: adj for adj in adjustments}
    unknown = set(by_line) - {line.id for inv in invoices for line in inv.lines}
    if unknown:
        raise DomainError(
            f"The proposal adjusts lines that are not on the invoice: {sorted(unknown)}."
        )
    lines = sum(
        (
            inv.sign * adjusted_amount(line, adjustment_of(line, by_line), currency)
            for inv in invoices
            for line in inv.lines
        ),
        quantize("0", currency),
    )
    return lines + sum((inv.sign * document_adjustment(inv) for inv in invoices), Decimal(0))


def invoice_totals(
    documents: Sequence[Invoice | DocumentFigures], currency: str
) -> tuple[Decimal, Decimal]:
    """(invoiced, undisputed), without VAT and net of credit notes. Invoiced is each document's
    total without VAT (its own allowances and charges included); undisputed leaves out the
    disputed lines."""
    invoiced = undisputed = quantize("0", currency)
    for doc in figures_of(documents):
        sign = doc.invoice.sign
        invoiced += sign * quantize(doc.totals.net, currency)
        undisputed += sign * quantize(doc.undisputed, currency)
    return invoiced, undisputed


def instalments(total: Decimal, dates: Sequence[date], currency: str) -> list[Instalment]:
    """Split a total over the given dates so that the instalments sum exactly to it."""
    if not dates:
        raise DomainError("A payment schedule needs at least one date.")
    if list(dates) != sorted(dates):
        raise DomainError("The instalment dates must be in order.")
    return [
        Instalment(due=due, amount=amount)
        for due, amount in zip(dates, allocate(total, len(dates), currency), strict=True)
    ]


def check_schedule(total: Decimal, schedule: Sequence[Instalment], currency: str) -> None:
    """Refuse a schedule whose amounts do not add up to the total to the cent."""
    if not schedule:
        return
    scheduled = sum((quantize(i.amount, currency) for i in schedule), Decimal(0))
    if scheduled != quantize(total, currency):
        raise DomainError(
            f"The payment schedule adds up to {scheduled}, not to the total of {quantize(total, currency)}."
        )
    if any(i.amount <= 0 for i in schedule):
        raise DomainError("Every instalment must be more than zero.")


@dataclass(frozen=True)
class Positions:
    """Where the parties stand: the provider's ask, the client's offer, and the gap over time."""

    invoiced: Decimal
    undisputed: Decimal
    ask: Decimal
    offer: Decimal
    history: tuple[Decimal, ...]

    @property
    def disputed(self) -> Decimal:
        return self.invoiced - self.undisputed

    @property
    def gap(self) -> Decimal:
        return self.ask - self.offer


def positions(proposals: Sequence[Proposal], invoiced: Decimal, undisputed: Decimal) -> Positions:
    """The provider asks the invoiced total and the client offers the undisputed amount until
    each makes a proposal; after that, each side's latest proposal that was not withdrawn counts.
    The history holds the gap after every proposal, starting from the opening gap."""
    ask, offer = invoiced, undisputed
    history = [ask - offer]
    for proposal in sorted(proposals, key=lambda p: p.number):
        if proposal.status == ProposalStatus.WITHDRAWN:
            continue
        if proposal.proposed_by == Proposer.PROVIDER:
            ask = proposal.total
        elif proposal.proposed_by == Proposer.CLIENT:
            offer = proposal.total
        else:
            continue
        history.append(ask - offer)
    accepted = next((p for p in proposals if p.status == ProposalStatus.ACCEPTED), None)
    if accepted is not None:
        ask = offer = accepted.total
        history.append(Decimal(0))
    return Positions(invoiced, undisputed, ask, offer, tuple(history))
