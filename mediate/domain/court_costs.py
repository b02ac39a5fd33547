"""What not settling costs each side: the figures of going to court over the claim, against the
proposal on the table.

Worked out in a caucus, from that party's own estimates (its chance to win, its lawyer's hours,
the months until judgment). Every amount is what the client would pay the provider, VAT
included, and what each side ends up with after its own costs:

- the provider wins: the client pays the claim, statutory interest until judgment, the
  collection costs, the provider's court fee and the recoverable lawyer's costs; each side
  also pays its own lawyer;
- the provider loses: it pays its court fee, its own lawyer and the client's recoverable costs;
  the client pays its own lawyer, less what it recovers.

The expected outcome weighs the two by the chance. Between the provider's expected receipt and
the client's expected payment lies the room where settling beats going to court for both (as
wide as what going to court costs them together); its midpoint is also the Nash bargaining point
of two risk-neutral parties. That is arithmetic, not advice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from mediate.domain.errors import DomainError
from mediate.domain.money import format_money, quantize
from mediate.domain.statutory_interest import (
    Interest,
    add_months,
    dutch_interest,
    english_interest,
    missing_sentence,
)
from mediate.domain.statutory_tables import (
    DutchCosts,
    EnglishTables,
    RateTable,
    dutch_costs,
    english_tables,
)
from mediate.domain.statutory_tables import (
    dutch_interest as dutch_interest_table,
)

HUNDRED = Decimal(100)
ARITHMETIC = "Arithmetic on the figures entered, not advice."


class Law(StrEnum):
    NL = "nl"  # Dutch law: the kantonrechter
    EW = "ew"  # England and Wales: the Late Payment Act


def collection_costs(principal: Decimal, costs: DutchCosts, add_vat: bool = False) -> Decimal:
    """The Dutch collection-cost scale (Besluit vergoeding voor buitengerechtelijke
    incassokosten): a share of each slice of the principal, at least EUR 40, at most EUR 6,775;
    VAT on top when the creditor cannot deduct it."""
    rest, total = Decimal(principal), Decimal(0)
    for part in costs.collection_slices:
        taken = rest if part.size is None else min(rest, part.size)
        total += taken * part.percent / HUNDRED
        rest -= taken
        if rest <= 0:
            break
    fee = min(max(total, costs.collection_minimum), costs.collection_maximum)
    if add_vat:
        fee += fee * costs.collection_vat / HUNDRED
    return quantize(fee, "EUR")


def _band(bands, claim: Decimal, what: str):
    for band in bands:
        if claim <= band.up_to:
            return band
    raise DomainError(
        f"A claim of {claim} is above {bands[-1].up_to}, the last band of the {what} table."
    )


def court_fee(claim: Decimal, company: bool, costs: DutchCosts) -> Decimal:
    """The kantonrechter's court fee the claimant pays, by the claim's band."""
    if claim > costs.kanton_limit:
        raise DomainError(
            f"A claim of {format_money(claim, 'EUR', 'en')} is above the kantonrechter's limit "
            f"of {format_money(costs.kanton_limit, 'EUR', 'en')}: this calculator holds the "
            "kantonrechter's fees only."
        )
    band = _band(costs.court_fee_bands, claim, "court fee")
    return band.company if company else band.person


def recoverable_costs(claim: Decimal, points: int, costs: DutchCosts) -> tuple[Decimal, int]:
    """The liquidatietarief the loser pays: points (at most the band's maximum) x the band's
    amount per point. Returns (amount, points used)."""
    band = _band(costs.recoverable_bands, claim, "recoverable costs")
    used = min(points, band.max_points)
    return band.per_point * used, used


def fixed_sum(debt: Decimal, tables: EnglishTables) -> Decimal:
    """The Late Payment Act's fixed sum for one late invoice of ``debt``."""
    for row in tables.fixed_sums:
        if row.below is None or debt < row.below:
            return row.amount
    raise AssertionError("the last fixed sum has no limit")


@dataclass(frozen=True)
class CostInputs:
    law: Law
    currency: str
    claim: Decimal  # what the provider claims: still owed, VAT included
    due: date  # when it fell due
    on: date  # the day of the calculation
    months: int  # until judgment
    provider_chance: Decimal  # percent: the chance the provider wins, as this party sees it
    provider_costs: Decimal  # each side's own lawyer (real costs)
    client_costs: Decimal
    invoices: int = 1
    commercial: bool = True  # between businesses (commercial interest, the EUR 40 flat fee)
    claimant_company: bool = True  # the court fee of a company, else of a natural person
    points: int = 2  # summons and hearing
    collection_vat: bool = False
    court_fee: Decimal | None = None  # typed (England and Wales); else from the table
    recoverable: Decimal | None = None  # typed; else the liquidatietarief
    proposal: Decimal | None = None  # what the proposal on the table has the client pay

    def check(self) -> None:
        if self.claim <= 0:
            raise DomainError("The claim must be more than zero.")
        if not 0 <= self.provider_chance <= HUNDRED:
            raise DomainError("The chance to win must lie between 0 and 100 percent.")
        if not 0 <= self.months <= 120:
            raise DomainError("The months until judgment must lie between 0 and 120.")
        if self.invoices < 1:
            raise DomainError("The number of invoices must be at least 1.")
        if self.points < 0:
            raise DomainError("The number of points cannot be negative.")
        for name, value in (
            ("provider's lawyer costs", self.provider_costs),
            ("client's lawyer costs", self.client_costs),
            ("court fee", self.court_fee),
            ("recoverable costs", self.recoverable),
        ):
            if value is not None and value < 0:
                raise DomainError(f"The {name} cannot be negative.")


@dataclass(frozen=True)
class Outcome:
    """One side's outcome of going to court: ``worst`` <= ``expected`` <= ``best`` for the
    provider (what it ends up with); for the client ``best`` is the lowest payment."""

    worst: Decimal
    expected: Decimal
    best: Decimal

    @property
    def low(self) -> Decimal:
        return min(self.worst, self.best)

    @property
    def high(self) -> Decimal:
        return max(self.worst, self.best)


@dataclass(frozen=True)
class CourtCosts:
    inputs: CostInputs
    judgment: date
    interest: Interest
    collection: Decimal
    court_fee: Decimal
    recoverable: Decimal
    provider: Outcome  # what the provider ends up with, after its own costs
    client: Outcome  # what the client ends up paying, with its own costs
    zone: tuple[Decimal, Decimal] | None  # settling beats court for both, in expectation
    midpoint: Decimal | None
    laws: tuple[str, ...]
    warnings: tuple[str, ...] = field(default=())

    @property
    def cost_of_court(self) -> Decimal:
        """What going to court costs both sides together (the zone's width)."""
        return self.client.expected - self.provider.expected


def _weigh(chance: Decimal, win: Decimal, lose: Decimal, currency: str) -> Decimal:
    return quantize(chance * win / HUNDRED + (HUNDRED - chance) * lose / HUNDRED, currency)


def court_costs(
    inputs: CostInputs,
    nl_costs: DutchCosts | None = None,
    nl_rates: RateTable | None = None,
    en_tables: EnglishTables | None = None,
) -> CourtCosts:
    """The figures of going to court (tables default to the shipped data files)."""
    inputs.check()
    cur = inputs.currency
    q = lambda amount: quantize(amount, cur)  # noqa: E731
    judgment = add_months(inputs.on, inputs.months)
    claim = q(inputs.claim)
    warnings: list[str] = []
    if inputs.law == Law.NL:
        costs = nl_costs or dutch_costs()
        rates = nl_rates or dutch_interest_table(inputs.commercial)
        interest = dutch_interest(claim, inputs.due, judgment, rates, cur)
        collection = collection_costs(claim, costs, inputs.collection_vat)
        if inputs.commercial:
            collection = max(collection, costs.flat_fee * inputs.invoices)
        # The claim as summoned today: principal, interest so far and collection costs.
        so_far = dutch_interest(claim, inputs.due, inputs.on, rates, cur).amount
        summoned = claim + so_far + collection
        fee = (
            court_fee(summoned, inputs.claimant_company, costs)
            if inputs.court_fee is None
            else q(inputs.court_fee)
        )
        if inputs.recoverable is None:
            recoverable, used = recoverable_costs(summoned, inputs.points, costs)
            if used < inputs.points:
                warnings.append(
                    f"The liquidatietarief allows {used} points for this claim, not "
                    f"{inputs.points}."
                )
        else:
            recoverable = q(inputs.recoverable)
        laws = (
            rates.law,
            costs.collection_law,
            *((costs.flat_fee_law,) if inputs.commercial else ()),
            costs.court_fee_law,
            f"liquidatietarief kanton from {costs.recoverable_from.isoformat()}",
        )
    else:
        tables = en_tables or english_tables()
        rates = tables.rates
        interest = english_interest(claim, inputs.due, judgment, rates, cur)
        each = claim / inputs.invoices
        collection = fixed_sum(each, tables) * inputs.invoices
        fee = q(inputs.court_fee or 0)
        recoverable = q(inputs.recoverable or 0)
        laws = (tables.law,)
    if interest.missing:
        warnings.insert(0, missing_sentence(rates, interest.missing))
    provider_win = claim + interest.amount + collection + recoverable - inputs.provider_costs
    provider_lose = -(fee + inputs.provider_costs + recoverable)
    client_lose = claim + interest.amount + collection + fee + recoverable + inputs.client_costs
    client_win = inputs.client_costs - recoverable
    chance = inputs.provider_chance
    provider = Outcome(
        q(provider_lose), _weigh(chance, provider_win, provider_lose, cur), q(provider_win)
    )
    client = Outcome(q(client_lose), _weigh(chance, client_lose, client_win, cur), q(client_win))
    zone = (provider.expected, client.expected) if provider.expected < client.expected else None
    midpoint = q((zone[0] + zone[1]) / 2) if zone else None
    return CourtCosts(
        inputs=inputs,
        judgment=judgment,
        interest=interest,
        collection=q(collection),
        court_fee=q(fee),
        recoverable=q(recoverable),
        provider=provider,
        client=client,
        zone=zone,
        midpoint=midpoint,
        laws=laws,
        warnings=tuple(warnings),
    )


def versus_proposal(result: CourtCosts) -> tuple[Decimal, Decimal] | None:
    """(what the provider gains by settling on the proposal rather than going to court, what
    the client saves), against each side's expected outcome; None without a proposal. A negative
    figure: that side expects to do better in court."""
    proposal = result.inputs.proposal
    if proposal is None:
        return None
    return proposal - result.provider.expected, result.client.expected - proposal
