"""The case lifecycle: intake -> in_session -> agreed -> signed_off, or impasse / withdrawn.

Every state has a way forward or out, and ``ways`` names it for the screen that shows the case.
An agreed case that is not signed yet goes back to negotiating by reopening its settlement
(``check_reopen``), never by a bare status change: the accepted proposal and the draft settlement
go back with it, so the session can end in another acceptance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mediate.domain.errors import DomainError
from mediate.domain.model import CaseStatus

if TYPE_CHECKING:
    from mediate.domain.model import Proposal
    from mediate.domain.settlement_money import SettlementMoney

OPEN_STATES = frozenset({CaseStatus.INTAKE, CaseStatus.IN_SESSION})
# A signed-off or withdrawn case: its session screen only shows (the settlement still exports).
READ_ONLY_STATES = frozenset({CaseStatus.SIGNED_OFF, CaseStatus.WITHDRAWN})
# The record of the session and the invoice no longer change: an agreement rests on them, or
# the case was withdrawn (corrections and invoice edits are refused; reopening comes first).
RECORD_CLOSED = frozenset({CaseStatus.AGREED, CaseStatus.SIGNED_OFF, CaseStatus.WITHDRAWN})
# The session clock runs while the case is being negotiated or signed (or may resume).
CLOCK_STATES = frozenset(
    {CaseStatus.INTAKE, CaseStatus.IN_SESSION, CaseStatus.AGREED, CaseStatus.IMPASSE}
)
# Where reopening a settlement draft may start: an agreed case, or one marked at an impasse
# while its draft was still there (the draft goes, the accepted proposal is open again).
REOPEN_FROM = frozenset({CaseStatus.AGREED, CaseStatus.IMPASSE})

_NEXT: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.INTAKE: frozenset({CaseStatus.IN_SESSION}),
    CaseStatus.IN_SESSION: frozenset({CaseStatus.AGREED}),
    CaseStatus.AGREED: frozenset({CaseStatus.SIGNED_OFF}),
    CaseStatus.SIGNED_OFF: frozenset({CaseStatus.AGREED}),  # an amendment reopens the terms
    CaseStatus.IMPASSE: frozenset({CaseStatus.IN_SESSION, CaseStatus.WITHDRAWN}),
    CaseStatus.WITHDRAWN: frozenset(),
}

_LABELS = {
    CaseStatus.INTAKE: "in intake",
    CaseStatus.IN_SESSION: "in session",
    CaseStatus.AGREED: "agreed",
    CaseStatus.SIGNED_OFF: "signed off",
    CaseStatus.IMPASSE: "at an impasse",
    CaseStatus.WITHDRAWN: "withdrawn",
}

# What the screen of a case in each state offers as the way on (the session screen's keys).
_WAYS = {
    CaseStatus.INTAKE: "s (a statement) or o (a proposal) starts the session; d: case details",
    CaseStatus.IN_SESSION: "a accepts the open proposal, with its payment date; "
    "impasse or withdrawn: s on the case list",
    CaseStatus.AGREED: "v: checklist, sign-off, export; r there reopens to negotiate again",
    CaseStatus.SIGNED_OFF: "v exports the agreement, or amends it (m there)",
    CaseStatus.IMPASSE: "back in session or withdrawn: s on the case list",
    CaseStatus.WITHDRAWN: "the case is closed",
}


def allowed(current: CaseStatus) -> frozenset[CaseStatus]:
    """The statuses a case may move to from ``current``."""
    extra = {CaseStatus.IMPASSE, CaseStatus.WITHDRAWN} if current in OPEN_STATES else set()
    return _NEXT[current] | extra


def check_transition(current: CaseStatus, target: CaseStatus) -> CaseStatus:
    """Return ``target`` if the case may move there, else raise a DomainError with a sentence."""
    current, target = CaseStatus(current), CaseStatus(target)
    if target == current:
        raise DomainError(f"The case is already {_LABELS[current]}.")
    if target not in allowed(current):
        if current == CaseStatus.AGREED and target != CaseStatus.SIGNED_OFF:
            raise DomainError(
                f"A case that is agreed cannot become {_LABELS[target]} directly: reopen its "
                "settlement first (it goes back to negotiating, the acceptance undone)."
            )
        raise DomainError(f"A case that is {_LABELS[current]} cannot become {_LABELS[target]}.")
    return target


def check_reopen(current: CaseStatus) -> CaseStatus:
    """The status a reopened settlement leaves the case in (in session), or a sentence."""
    current = CaseStatus(current)
    if current not in REOPEN_FROM:
        raise DomainError(
            f"The case is {_LABELS[current]}: only an agreed settlement that nobody has signed "
            "can be reopened."
        )
    return CaseStatus.IN_SESSION


def read_only(status: CaseStatus) -> bool:
    """Whether the session of a case in ``status`` can only be looked at."""
    return CaseStatus(status) in READ_ONLY_STATES


def clock_runs(status: CaseStatus) -> bool:
    """Whether the session clock may run on a case in ``status``."""
    return CaseStatus(status) in CLOCK_STATES


def ways(status: CaseStatus) -> str:
    """The way forward or out of ``status``, as the session screen says it."""
    return _WAYS[CaseStatus(status)]


def schedule_missing(proposal: Proposal, money: SettlementMoney | None = None) -> str:
    """What an agreement on ``proposal`` lacks in its payment schedule ("the amount's due
    date"), or "" when nothing is: something to pay (or refund) needs a date to pay it by."""
    to_pay = (money.still_owed or money.refund) if money is not None else proposal.total
    if to_pay > 0 and not proposal.schedule:
        return (
            "the refund's date" if money is not None and money.refund else "the amount's due date"
        )
    return ""


def label(status: CaseStatus) -> str:
    """Plain words for a status."""
    return _LABELS[CaseStatus(status)]
