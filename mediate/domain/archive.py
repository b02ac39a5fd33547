"""Looking back over past cases: what a search finds and how each case ended."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from mediate.domain.model import CaseStatus, ReasonCode, Visibility
from mediate.domain.visibility import label

# The snippet of a search hit marks each match with these (plain text, safe as Textual content).
MARK_START = "«"
MARK_END = "»"

# What a search hit is: the kind of record row it points at.
HIT_KINDS = ("case", "party", "statement", "note", "message", "clause")


@dataclass(frozen=True)
class SearchHit:
    case_id: int
    reference: str
    title: str  # the case's title
    kind: str  # one of HIT_KINDS
    row_id: int  # id of the row in its table (cases, parties, statements, notes, …)
    snippet: str  # the matching passage, matches between MARK_START and MARK_END
    visibility: Visibility = Visibility.JOINT  # a caucus row is only found outside the joint view

    @property
    def found_in(self) -> str:
        """What the hit is, with its caucus named: "note", "statement (caucus: client)"."""
        if self.visibility == Visibility.JOINT:
            return self.kind
        return f"{self.kind} ({label(self.visibility)})"

    def parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, is_match) pieces, for highlighting."""
        pieces: list[tuple[str, bool]] = []
        for index, chunk in enumerate(self.snippet.split(MARK_START)):
            if index == 0:
                pieces.append((chunk, False))
                continue
            match, _, rest = chunk.partition(MARK_END)
            pieces += [(match, True), (rest, False)]
        return [(text, hit) for text, hit in pieces if text]


@dataclass(frozen=True)
class CaseOutcome:
    """One case as the insights see it: who, why, when, and what was invoiced and agreed."""

    case_id: int
    reference: str
    status: CaseStatus
    currency: str
    provider: str
    client: str
    reasons: tuple[ReasonCode, ...]
    opened: date | None
    invoiced: Decimal
    agreed: Decimal | None = None  # the latest signed-off settlement's total
    signed_off: datetime | None = None  # when the first settlement version locked
