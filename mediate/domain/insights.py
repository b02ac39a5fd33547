"""What past cases teach in figures: how often mediation settles, how fast, and for how much less.

Definitions (exact Decimal arithmetic; percentages rounded half-up to one decimal at the end):
- A case has *ended* when it is signed off, at an impasse or withdrawn. The settlement rate is
  signed-off cases as a percentage of ended cases (open cases do not count either way).
- Days to sign-off: from the opening date to the day (in its own offset) the first settlement
  version was locked by the last signature; the median over signed-off cases.
- Reduction: (invoiced - agreed) / invoiced x 100 for each signed-off case with an amount
  invoiced, where agreed is the total of the latest signed-off settlement version. Both are
  amounts without VAT (net), so cases with different VAT rates compare.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from mediate.domain.archive import CaseOutcome
from mediate.domain.model import CaseStatus, ReasonCode

ENDED = frozenset({CaseStatus.SIGNED_OFF, CaseStatus.IMPASSE, CaseStatus.WITHDRAWN})
PERCENT = Decimal("0.1")
HUNDRED = Decimal(100)


def round_to(value: Decimal, step: Decimal) -> Decimal:
    return value.quantize(step, rounding=ROUND_HALF_UP)


def median(values: Sequence[Decimal]) -> Decimal | None:
    """The middle value, or the mean of the two middle values; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def reduction_percent(outcome: CaseOutcome) -> Decimal | None:
    """How much less than invoiced the case settled for, in percent (unrounded)."""
    if outcome.agreed is None or outcome.invoiced <= 0:
        return None
    return (outcome.invoiced - outcome.agreed) / outcome.invoiced * HUNDRED


def days_to_sign_off(outcome: CaseOutcome) -> int | None:
    if outcome.opened is None or outcome.signed_off is None:
        return None
    return (outcome.signed_off.date() - outcome.opened).days


@dataclass(frozen=True)
class ClientRecord:
    """One client: how many disputes, and how each ended ('open' for those still running)."""

    client: str
    disputes: int
    endings: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Insights:
    cases: int
    ended: int
    settled: int
    settlement_rate: Decimal | None  # percent of ended cases that were signed off
    median_days: Decimal | None  # opening to sign-off
    average_reduction: Decimal | None  # percent
    median_reduction: Decimal | None  # percent
    reasons: list[tuple[ReasonCode, int]]  # most frequent first
    statuses: dict[CaseStatus, int]
    clients: list[ClientRecord]


def ending(status: CaseStatus) -> str:
    """How a case ended, for the per-client table: its status, or 'open'."""
    return status.value if status in ENDED else "open"


def client_records(outcomes: Iterable[CaseOutcome]) -> list[ClientRecord]:
    """Per client (by legal name), most disputes first."""
    by_client: dict[str, Counter[str]] = {}
    for outcome in outcomes:
        by_client.setdefault(outcome.client or "—", Counter())[ending(outcome.status)] += 1
    records = [
        ClientRecord(client=name, disputes=sum(counts.values()), endings=dict(counts))
        for name, counts in by_client.items()
    ]
    return sorted(records, key=lambda r: (-r.disputes, r.client.casefold()))


def reason_counts(outcomes: Iterable[CaseOutcome]) -> list[tuple[ReasonCode, int]]:
    counts = Counter(reason for outcome in outcomes for reason in set(outcome.reasons))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].value))


def insights(outcomes: Iterable[CaseOutcome]) -> Insights:
    outcomes = list(outcomes)
    statuses = Counter(outcome.status for outcome in outcomes)
    ended = sum(statuses[s] for s in ENDED)
    settled = statuses[CaseStatus.SIGNED_OFF]
    signed = [o for o in outcomes if o.status == CaseStatus.SIGNED_OFF]
    days = [Decimal(d) for d in map(days_to_sign_off, signed) if d is not None]
    reductions = [r for r in map(reduction_percent, signed) if r is not None]
    middle = median(reductions)
    middle_days = median(days)
    return Insights(
        cases=len(outcomes),
        ended=ended,
        settled=settled,
        settlement_rate=round_to(Decimal(settled) / ended * HUNDRED, PERCENT) if ended else None,
        median_days=None if middle_days is None else round_to(middle_days, PERCENT),
        average_reduction=(
            round_to(sum(reductions, Decimal(0)) / len(reductions), PERCENT) if reductions else None
        ),
        median_reduction=None if middle is None else round_to(middle, PERCENT),
        reasons=reason_counts(outcomes),
        statuses=dict(statuses),
        clients=client_records(outcomes),
    )
