"""A whole case as read from its files, before the store writes it in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field

from mediate.domain.model import Case, ContractClause, Invoice, Message, WorkEntry


@dataclass(kw_only=True)
class CaseBundle:
    case: Case
    invoices: list[Invoice] = field(default_factory=list)
    clauses: list[ContractClause] = field(default_factory=list)
    work: list[WorkEntry] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    source: str = ""
