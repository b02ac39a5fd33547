"""The case lifecycle: intake -> in_session -> agreed -> signed_off, or impasse / withdrawn."""

from __future__ import annotations

from mediate.domain.errors import DomainError
from mediate.domain.model import CaseStatus

OPEN_STATES = frozenset({CaseStatus.INTAKE, CaseStatus.IN_SESSION, CaseStatus.AGREED})

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
        raise DomainError(f"A case that is {_LABELS[current]} cannot become {_LABELS[target]}.")
    return target


def label(status: CaseStatus) -> str:
    """Plain words for a status."""
    return _LABELS[CaseStatus(status)]
