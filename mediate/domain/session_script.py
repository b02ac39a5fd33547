"""A recorded session, as read from a case folder's session.toml, to be replayed through the
store's verbs so that the audit log holds genuine events with their original times."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from mediate.domain.model import (
    AdjustmentKind,
    Instalment,
    PartyRole,
    Proposer,
    Signatory,
    Visibility,
)

LineRef = str  # "INV-2026-017:20": resolved against the case's invoices (domain.line_refs)


@dataclass(kw_only=True)
class ScriptStatement:
    at: datetime
    party: PartyRole
    text: str
    claimed_amount: Decimal | None = None
    line: LineRef | None = None
    restatement: str = ""
    restated_at: datetime | None = None
    confirmed: bool = False
    correction: str = ""
    visibility: Visibility = Visibility.JOINT


@dataclass(kw_only=True)
class ScriptNote:
    at: datetime
    visibility: Visibility
    text: str


@dataclass(kw_only=True)
class ScriptAdjustment:
    line: LineRef
    kind: AdjustmentKind
    value: Decimal | None = None


@dataclass(kw_only=True)
class ScriptProposal:
    at: datetime
    by: Proposer
    adjustments: list[ScriptAdjustment] = field(default_factory=list)
    schedule: list[Instalment] = field(default_factory=list)
    terms: str = ""
    counter_of: int | None = None  # proposal number
    visibility: Visibility = Visibility.JOINT


@dataclass(kw_only=True)
class ScriptDecision:
    at: datetime
    action: str  # accept | reject | withdraw
    proposal: int  # proposal number


@dataclass(kw_only=True)
class ScriptRelease:
    """A caucus record released to the joint session: the n-th statement or note of the script,
    or the proposal with that number."""

    at: datetime
    kind: str  # statement | note | proposal
    number: int


@dataclass(kw_only=True)
class ScriptPayment:
    """A payment the client made (as paid, VAT included), recorded during the session."""

    at: datetime
    paid_on: date
    amount: Decimal
    reference: str = ""


@dataclass(kw_only=True)
class ScriptCosts:
    """The cost of not settling, worked out in a party's caucus from its own estimates."""

    at: datetime
    party: PartyRole
    chance: Decimal  # the party's own chance to win, percent
    months: int
    own_costs: Decimal
    other_costs: Decimal
    commercial: bool = True
    claimant_company: bool = True


@dataclass(kw_only=True)
class ScriptBidding:
    """Blind bidding agreed by both parties (``next_round``: the next round of the same rule)."""

    at: datetime
    rounds: int = 1
    band: Decimal = Decimal(0)
    pay_days: int = 14
    next_round: bool = False


@dataclass(kw_only=True)
class ScriptBid:
    """A party's secret figure (total without VAT), given in its own caucus."""

    at: datetime
    party: PartyRole
    amount: Decimal


@dataclass(kw_only=True)
class ScriptReveal:
    """The open round's outcome told; a settlement becomes the next proposal (numbered on)."""

    at: datetime


@dataclass(kw_only=True)
class ScriptSignOff:
    at: datetime
    role: Signatory
    name: str
    capacity: str


@dataclass(kw_only=True)
class SessionScript:
    intake_at: datetime | None = None
    events: list[ScriptStatement | ScriptNote | ScriptProposal | ScriptDecision | ScriptRelease] = (
        field(default_factory=list)
    )
    choices: dict[str, str] = field(default_factory=dict)
    choices_at: datetime | None = None
    signoffs: list[ScriptSignOff] = field(default_factory=list)
