"""Blind bidding: each party gives the mediator a secret figure in its own caucus; only the rule's
outcome is ever told, "settled at X" or "no overlap in round n", never the figures.

The rule is agreed by both parties before the first round: settle at the midpoint of the
client's offer and the provider's demand when the offer reaches the demand, or (optionally) when
the demand exceeds the offer by no more than a band; a number of rounds. Figures are totals
without VAT, as a proposal's total is; the settled amount becomes a proposal by the mediator
whose line adjustments give exactly that total.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from mediate.domain.errors import DomainError
from mediate.domain.model import AdjustmentKind, Invoice, LineAdjustment
from mediate.domain.money import format_money, from_minor, quantize, to_minor
from mediate.domain.negotiation import invoice_totals, proposal_total

MAX_ROUNDS = 10


@dataclass(frozen=True)
class BidRule:
    rounds: int
    band: Decimal  # 0: only when the offer reaches the demand
    pay_days: int = 14  # a settled amount is paid within this many days of the outcome

    def check(self) -> None:
        if not 1 <= self.rounds <= MAX_ROUNDS:
            raise DomainError(f"The number of rounds must lie between 1 and {MAX_ROUNDS}.")
        if self.band < 0:
            raise DomainError("The band cannot be negative.")
        if not 1 <= self.pay_days <= 365:
            raise DomainError("The days to pay a settled amount must lie between 1 and 365.")

    def words(self, currency: str, language: str) -> str:
        """The rule as both parties agree to it."""
        band = (
            f", or when the demand exceeds the offer by at most "
            f"{format_money(self.band, currency, language)}"
            if self.band
            else ""
        )
        rounds = "one round" if self.rounds == 1 else f"at most {self.rounds} rounds"
        return (
            "Settle at the midpoint of the client's secret offer and the provider's secret "
            f"demand when the offer reaches the demand{band}, to be paid within "
            f"{self.pay_days} days; {rounds}. Only the outcome is told, never the figures."
        )


def settles_at(rule: BidRule, demand: Decimal, offer: Decimal, currency: str) -> Decimal | None:
    """The settled amount (the midpoint, rounded half-up to the cent), or None: no overlap."""
    if offer >= demand or demand - offer <= rule.band:
        return quantize((demand + offer) / 2, currency)
    return None


def check_bid(amount: Decimal, invoices: Sequence[Invoice], currency: str) -> None:
    """A bid lies between zero and what was invoiced (without VAT)."""
    invoiced, _ = invoice_totals(invoices, currency)
    if amount < 0:
        raise DomainError("A bid cannot be negative.")
    if amount > invoiced:
        raise DomainError(
            f"A bid cannot exceed what was invoiced without VAT, {invoiced}: a proposal cannot "
            "ask more than the invoices."
        )


def adjustments_for(
    invoices: Sequence[Invoice], target: Decimal, currency: str
) -> list[LineAdjustment]:
    """Line adjustments that bring the invoices' total without VAT to exactly ``target``: the
    reduction is shared over the disputed lines in proportion to their amounts, and only what
    they cannot carry falls on the other lines (the same way)."""
    target = quantize(target, currency)
    invoiced, _ = invoice_totals(invoices, currency)
    cut = to_minor(invoiced - target, currency)
    if cut < 0:
        raise DomainError(f"{target} is more than was invoiced ({invoiced}).")
    amounts: dict[int, int] = {}  # line id -> its amount in minor units
    groups: tuple[list[int], list[int]] = ([], [])  # disputed lines first, then the others
    for invoice in invoices:
        if invoice.sign < 0:
            continue
        for line in invoice.lines:
            if line.id is None:
                continue
            amounts[line.id] = to_minor(line.net_amount, currency)
            if amounts[line.id] > 0:
                groups[0 if line.disputed else 1].append(line.id)
    cuts: dict[int, int] = {}
    for ids in groups:
        take = min(cut, sum(amounts[i] for i in ids))
        if take > 0:
            _share(take, ids, amounts, cuts)
            cut -= take
    if cut:
        raise DomainError(f"{target} cannot be reached by reducing the invoice lines.")
    adjustments = [
        LineAdjustment(
            line_id=line_id,
            kind=AdjustmentKind.REDUCE_TO,
            value=from_minor(amounts[line_id] - taken, currency),
        )
        for line_id, taken in cuts.items()
        if taken
    ]
    if proposal_total(invoices, adjustments, currency) != target:
        raise DomainError(f"The invoice lines cannot be adjusted to a total of exactly {target}.")
    return adjustments


def _share(take: int, ids: list[int], amounts: dict[int, int], cuts: dict[int, int]) -> None:
    """Split ``take`` minor units over ``ids`` in proportion to their amounts, to the unit
    (largest remainders first), never more than a line's amount."""
    room = sum(amounts[i] for i in ids)
    parts = {i: take * amounts[i] // room for i in ids}
    left = take - sum(parts.values())
    for i in sorted(ids, key=lambda i: take * amounts[i] % room, reverse=True)[:left]:
        parts[i] += 1
    for i, part in parts.items():
        cuts[i] = cuts.get(i, 0) + part


@dataclass(frozen=True)
class BidRound:
    """One round of a rule, as anyone may know it: never a figure, only the outcome."""

    id: int
    series: int
    round: int
    rounds: int
    band: Decimal
    pay_days: int
    outcome: str  # open | settled | no_overlap | closed
    settled: Decimal | None
    proposal_id: int | None

    @property
    def rule(self) -> BidRule:
        return BidRule(self.rounds, self.band, self.pay_days)

    @property
    def last(self) -> bool:
        return self.round >= self.rounds


@dataclass(frozen=True)
class Bid:
    """A party's secret figure, readable only in that party's caucus and by the mediator."""

    id: int
    round_id: int
    party: str
    amount: Decimal
    visibility: str


def outcome_words(bid_round: BidRound, currency: str, language: str) -> str:
    """What may be told of a round: "settled at X", "no overlap in round n", never a figure."""
    if bid_round.outcome == "settled" and bid_round.settled is not None:
        return (
            f"Settled at {format_money(bid_round.settled, currency, language)} in round "
            f"{bid_round.round}."
        )
    if bid_round.outcome == "no_overlap":
        more = (
            " The rounds agreed are used up."
            if bid_round.last
            else f" Round {bid_round.round + 1} of {bid_round.rounds} may follow."
        )
        return f"No overlap in round {bid_round.round}.{more}"
    if bid_round.outcome == "closed":
        return f"Blind bidding closed in round {bid_round.round}, without a result."
    return f"Round {bid_round.round} of {bid_round.rounds} is open."
