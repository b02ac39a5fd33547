"""The agreed terms of a settlement in canonical form, and their fingerprint."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from mediate.domain.audit_anchor import AuditAnchor
from mediate.domain.canonical import fingerprint
from mediate.domain.model import Case, Invoice, Payment, Proposal, Settlement, Signatory
from mediate.domain.money import quantize
from mediate.domain.negotiation import adjusted_amount, adjustment_of

if TYPE_CHECKING:
    from mediate.domain.settlement_money import SettlementMoney

REQUIRED_SIGNATORIES = (Signatory.PROVIDER, Signatory.CLIENT, Signatory.MEDIATOR)


def agreed_terms(
    case: Case, invoices: list[Invoice], proposal: Proposal, choices: dict[str, str], version: int
) -> dict[str, Any]:
    """Everything the parties agree to, as plain JSON values (amounts as exact text)."""
    cur = case.currency
    by_line = {a.line_id: a for a in proposal.adjustments}
    return {
        "case": case.reference,
        "version": version,
        "currency": cur,
        "parties": {
            p.role.value: {
                "legal_name": p.legal_name,
                "address": p.address,
                "registration": p.registration,
            }
            for p in case.parties
        },
        "mediator": case.mediator,
        "invoices": [
            {
                "number": inv.number,
                "kind": inv.kind.value,
                "issue_date": inv.issue_date.isoformat() if inv.issue_date else None,
                "lines": [
                    {
                        "position": line.position,
                        "description": line.description,
                        "invoiced": str(quantize(line.net_amount, cur)),
                        "adjustment": by_line[line.id].kind.value if line.id in by_line else "keep",
                        "agreed": str(adjusted_amount(line, adjustment_of(line, by_line), cur)),
                    }
                    for line in inv.lines
                ],
            }
            for inv in invoices
        ],
        "total": str(quantize(proposal.total, cur)),
        "schedule": [
            {"due": i.due.isoformat(), "amount": str(quantize(i.amount, cur))}
            for i in proposal.schedule
        ],
        "terms": proposal.terms,
        "choices": dict(sorted(choices.items())),
    }


def terms_fingerprint(terms: dict[str, Any]) -> str:
    return fingerprint(terms)


@dataclass(kw_only=True)
class SettlementRecord:
    """Everything the agreement document needs, read from the store at one moment."""

    case: Case
    invoices: list[Invoice]
    proposal: Proposal
    settlement: Settlement
    session_dates: list[date]
    clause_count: int = 0
    payments: list[Payment] = field(default_factory=list)
    # The audit log's head the document anchors: for a signed version the event that locked it,
    # for a draft the last event before its exports. Not part of any fingerprint.
    anchor: AuditAnchor | None = None

    @property
    def money(self) -> SettlementMoney:
        """Invoiced, agreed, paid and still owed under the accepted proposal."""
        from mediate.domain.settlement_money import settlement_money

        return settlement_money(
            self.invoices, self.proposal.adjustments, self.payments, self.case.currency
        )

    @property
    def terms(self) -> dict[str, Any]:
        return agreed_terms(
            self.case,
            self.invoices,
            self.proposal,
            self.settlement.clause_choices,
            self.settlement.version,
        )

    @property
    def fingerprint(self) -> str:
        """The fingerprint of the agreed terms (``settlements.fingerprint``): what sign-off
        recorded before the document's own fingerprints (``documents/agreement_content.py``)."""
        return terms_fingerprint(self.terms)
