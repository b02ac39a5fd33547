"""The clause choices of a settlement: their keys, allowed values, defaults, and the checklist."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mediate.domain.model import Case, Invoice, Proposal, Signatory

if TYPE_CHECKING:
    from mediate.domain.settlement_money import SettlementMoney


@dataclass(frozen=True)
class Choice:
    key: str
    label: str
    options: tuple[str, ...] = ()  # empty: free text
    default: str = ""


CHOICES: tuple[Choice, ...] = (
    Choice("payment_iban", "IBAN the client pays to"),
    Choice("payment_reference", "Payment reference"),
    Choice("credit_note", "Provider issues a credit note for the reduction", ("yes", "no"), "yes"),
    Choice(
        "late_payment",
        "If the settlement is paid late",
        ("claim_revives", "interest_from_due", "notice_then_collection"),
        "notice_then_collection",
    ),
    Choice(
        "interest_costs",
        "Statutory interest and collection costs",
        ("waived", "included"),
        "waived",
    ),
    Choice("release_scope", "Release of claims covers", ("invoice", "contract", "all"), "invoice"),
    Choice("release_mutual", "Release is mutual", ("yes", "no"), "yes"),
    Choice("release_effective", "Release takes effect on", ("payment", "signature"), "payment"),
    Choice(
        "confidentiality", "Confidentiality (may be disclosed to enforce it)", ("yes", "no"), "yes"
    ),
    Choice("governing_law", "Governing law"),
    Choice("forum", "Competent court"),
    Choice("obligations", "Non-monetary obligations"),
    Choice("place", "Place of signing"),
    Choice(
        "attestation", "Mediator attests the agreement resulted from mediation", ("yes", "no"), "no"
    ),
)
BY_KEY = {c.key: c for c in CHOICES}


def with_defaults(choices: dict[str, str]) -> dict[str, str]:
    """The choices with every unset key at its default."""
    return {c.key: choices.get(c.key) or c.default for c in CHOICES}


def checklist(
    case: Case,
    invoices: list[Invoice],
    proposal: Proposal,
    choices: dict[str, str],
    money: SettlementMoney | None = None,
) -> list[str]:
    """What is still missing before the agreement can be exported; empty when complete."""
    c = with_defaults(choices)
    missing = []
    for party in case.parties:
        who = f"the {party.role.value}"
        if not party.legal_name:
            missing.append(f"the full legal name of {who}")
        if not party.address:
            missing.append(f"the address of {who}")
        if not party.signatory or not party.signatory_capacity:
            missing.append(f"the signatory of {who} and their capacity")
    if len(case.parties) < 2:
        missing.append("both parties")
    if not case.mediator:
        missing.append("the mediator's name")
    for invoice in invoices:
        if not invoice.number or not invoice.issue_date:
            missing.append(f"the number and date of invoice {invoice.number or '(unnumbered)'}")
    if not invoices:
        missing.append("the disputed invoice")
    to_pay = (money.still_owed or money.refund) if money is not None else proposal.total
    if to_pay > 0 and not proposal.schedule:
        what = (
            "the refund's date" if money is not None and money.refund else "the amount's due date"
        )
        missing.append(f"{what} (a payment schedule in the accepted proposal)")
    for key in ("release_scope", "confidentiality", "governing_law", "forum"):
        if not c[key]:
            missing.append(BY_KEY[key].label.lower())
    if c["attestation"] != "yes":
        missing.append("the mediator's attestation that the agreement resulted from mediation")
    return missing


SIGNATORY_ORDER = (Signatory.PROVIDER, Signatory.CLIENT, Signatory.MEDIATOR)
