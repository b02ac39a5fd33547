"""A whole case as read from its files, before the store writes it in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from mediate.domain.model import (
    Case,
    ContractClause,
    Invoice,
    InvoiceLine,
    Message,
    PartyRole,
    Payment,
    WorkEntry,
)


@dataclass(kw_only=True)
class OpeningStatement:
    """A statement given with the case file, tied to an invoice line by its reference
    ("INV-17:20"), resolved to the invoice number and line position when the folder is read."""

    party: PartyRole
    text: str
    claimed_amount: Decimal | None = None
    line: str | None = None
    target: InvoiceLine | None = field(default=None, compare=False, repr=False)  # once resolved


@dataclass(kw_only=True)
class CaseBundle:
    case: Case
    invoices: list[Invoice] = field(default_factory=list)
    clauses: list[ContractClause] = field(default_factory=list)
    work: list[WorkEntry] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    statements: list[OpeningStatement] = field(default_factory=list)
    payments: list[Payment] = field(default_factory=list)  # paid already (case.toml [[payment]])
    source: str = ""
