"""The clause choices of a settlement: their keys, allowed values, defaults, the combinations that
contradict each other, and the checklist.

The wording of every clause, in English and Dutch, is the agreement's (``documents/wording_en.py``
and ``documents/wording_nl.py``); this module holds what can be chosen and which choices cannot
stand together. A combination that contradicts itself is refused with a sentence when it is
chosen (``conflicts``, applied by the store's ``set_clause_choices``), not when the agreement is
exported: a record chosen under an earlier version still exports as it was signed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from mediate.domain import laws
from mediate.domain.lifecycle import schedule_missing
from mediate.domain.model import Case, Invoice, PartyRole, Proposal, Signatory, Signer

if TYPE_CHECKING:
    from mediate.domain.settlement_money import SettlementMoney


@dataclass(frozen=True)
class Choice:
    key: str
    label: str
    options: tuple[str, ...] = ()  # every value accepted; empty: free text
    default: str = ""
    offered: tuple[str, ...] = ()  # what a screen lists, when not every option (names of keys)
    help: str = ""  # one line a screen may show under the label

    @property
    def listed(self) -> tuple[str, ...]:
        return self.offered or self.options


_LAWS = laws.law_values()
_FORUMS = laws.forum_values()

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
        "Interest and collection costs on the invoices so far",
        ("waived", "included", "reserved"),
        "waived",
    ),
    Choice(
        "acceleration",
        "A missed instalment makes the rest due at once",
        ("yes", "no"),
        "yes",
        help="only printed when there is more than one instalment",
    ),
    Choice("release_scope", "Release of claims covers", ("invoice", "contract", "all"), "invoice"),
    Choice("release_mutual", "Release is mutual", ("yes", "no"), "yes"),
    Choice("release_effective", "Release takes effect on", ("payment", "signature"), "payment"),
    Choice(
        "confidentiality", "Confidentiality (may be disclosed to enforce it)", ("yes", "no"), "yes"
    ),
    Choice(
        "mediation_costs",
        "The mediator's fees are borne by",
        ("equal", "provider", "client"),
        "equal",
    ),
    Choice("mediation_rules", "The mediation followed", ("none", "mfn"), "none"),
    Choice(
        "disputes",
        "A dispute about this agreement goes first to",
        ("mediation", "court"),
        "mediation",
    ),
    Choice(
        "governing_law",
        "Governing law",
        _LAWS,
        offered=tuple(law.key for law in laws.LAWS),
    ),
    Choice("forum", "Competent court", _FORUMS, offered=tuple(laws.FORUMS)),
    Choice(
        "language_versions",
        "Language versions",
        ("single", "both_english_prevails", "both_dutch_prevails"),
        "single",
        help="single: only the case's language binds; a version in the other is a translation",
    ),
    Choice("signing", "Signed on", ("paper", "electronic"), "paper"),
    Choice("mediator_signs", "The mediator signs", ("witness", "not_signing"), "witness"),
    Choice("paper_size", "Paper size", ("a4", "letter"), "a4"),
    Choice("contract_title", "Title of the contract in dispute"),
    Choice("contract_date", "Date of the contract (2026-01-12)"),
    Choice("obligations", "Non-monetary obligations"),
    Choice("place", "Place of signing"),
    Choice(
        "attestation",
        "Mediator attests the agreement resulted from mediation (Singapore Convention)",
        ("yes", "no"),
        "no",
        help="offered when the parties are in different states",
    ),
)
BY_KEY = {c.key: c for c in CHOICES}

# How a screen names an option (the keys of the law and court lists are named by ``laws``).
OPTION_NAMES = {
    "claim_revives": "the full invoice revives",
    "interest_from_due": "interest from the due date",
    "notice_then_collection": "notice, then collection",
    "waived": "waived",
    "included": "included in the amount agreed",
    "reserved": "reserved by the provider",
    "invoice": "the invoices and the work in them",
    "contract": "the whole contract",
    "all": "everything between the parties",
    "payment": "payment in full",
    "signature": "the effective date",
    "equal": "both parties equally",
    "provider": "the provider",
    "client": "the client",
    "none": "no institutional rules",
    "mfn": "the MfN mediation rules",
    "mediation": "mediation, then the court",
    "court": "the court directly",
    "single": "one language",
    "both_english_prevails": "English and Dutch, English prevails",
    "both_dutch_prevails": "English and Dutch, Dutch prevails",
    "paper": "paper, in originals",
    "electronic": "electronic signatures",
    "witness": "as witness to the process",
    "not_signing": "does not sign",
    "a4": "A4",
    "letter": "US Letter",
    "yes": "yes",
    "no": "no",
}


def option_name(key: str, value: str) -> str:
    """How a screen shows one option of a choice."""
    if key == "governing_law" and value in laws.BY_LAW:
        return laws.BY_LAW[value].en
    if key == "forum" and value in laws.FORUMS:
        return laws.FORUMS[value][1].en
    return OPTION_NAMES.get(value, value.replace("_", " "))


def with_defaults(choices: dict[str, str]) -> dict[str, str]:
    """The choices with every unset key at its default, and a law or court written by its name
    (as earlier versions stored them) read as its key; an unknown name stays as written."""
    out = {c.key: choices.get(c.key) or c.default for c in CHOICES}
    out["governing_law"] = laws.law_key(out["governing_law"]) or out["governing_law"]
    out["forum"] = laws.forum_key(out["forum"]) or out["forum"]
    return out


def conflicts(
    case: Case, choices: dict[str, str], money: SettlementMoney | None = None
) -> list[str]:
    """Sentences saying why these choices cannot stand together; empty when they can."""
    c = with_defaults(choices)
    found = []
    law = laws.BY_LAW.get(c["governing_law"])
    if law and c["forum"] in laws.FORUMS and not laws.forum_fits(law.key, c["forum"]):
        other_law, forum = laws.FORUMS[c["forum"]]
        found.append(
            f"The court chosen, {forum.en}, goes with {other_law.en}, not with {law.en}; "
            f"choose one of: {'; '.join(f.en for f in law.forums)}."
        )
    if c["release_effective"] == "signature" and c["late_payment"] == "claim_revives":
        found.append(
            "The release cannot take effect on signature while late payment revives the full "
            "invoice: a claim released on signature cannot revive. Release on payment, or "
            "choose another term for late payment."
        )
    if c["late_payment"] == "claim_revives" and money is not None and money.refund > 0:
        found.append(
            "In this settlement the provider refunds the client, so there is no invoice to "
            "revive on late payment; choose interest from the due date, or notice then "
            "collection."
        )
    if c["attestation"] == "yes":
        if laws.international(case) is False:
            state = laws.country_name(laws.party_country(case.parties[0]), "en")
            found.append(
                "The mediator's attestation under the Singapore Convention is only for "
                f"international settlements, and both parties are in {state}; choose no."
            )
        if c["mediator_signs"] == "not_signing":
            found.append(
                "The attestation is the mediator's signed statement, so the mediator must sign "
                "the agreement (as witness to the process)."
            )
    if c["paper_size"] == "letter" and "US" not in laws.parties_states(case):
        found.append(
            "US Letter is for a party in the United States; neither party is, so the "
            "agreement is printed on A4."
        )
    return found


_IBAN = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$")


def typed_problem(key: str, value: str) -> str:
    """A sentence saying what is wrong with a clause choice as a person typed it; "" when
    nothing is. Checked where it is typed: a record of an earlier version prints as stored.

    An IBAN is checked by its check digits (ISO 13616: the number with its first four
    characters moved to the end, letters as 10..35, leaves 1 when divided by 97); the date of
    the contract is a calendar date written 2026-01-12."""
    if not value:
        return ""
    if key == "payment_iban":
        compact = re.sub(r"\s+", "", value).upper()
        if not _IBAN.match(compact):
            return (
                "The IBAN must be two letters of its country, two check digits and the account "
                f"(e.g. NL91 ABNA 0417 1643 00); “{value[:40]}” is not one."
            )
        digits = "".join(str(int(c, 36)) for c in compact[4:] + compact[:4])
        if int(digits) % 97 != 1:
            return (
                f"The IBAN {value[:40]} does not add up (wrong check digits): check it for a "
                "typing error."
            )
    if key == "contract_date":
        try:
            date.fromisoformat(value)
        except ValueError:
            return (
                f"The date of the contract must be a date written 2026-01-12, not “{value[:40]}”."
            )
    return ""


def attestation_offered(case: Case) -> bool:
    """Whether a screen offers the Singapore attestation: unless both parties are known to be
    in one state."""
    return laws.international(case) is not False


def checklist(
    case: Case,
    invoices: list[Invoice],
    proposal: Proposal,
    choices: dict[str, str],
    money: SettlementMoney | None = None,
) -> list[str]:
    """What is still missing before the agreement can be exported; empty when complete."""
    c = with_defaults(choices)
    missing = record_missing(case, invoices)
    what = schedule_missing(proposal, money)
    if what:
        missing.append(f"{what} (a payment schedule in the accepted proposal)")
    for key in ("release_scope", "confidentiality", "governing_law", "forum"):
        if not c[key]:
            missing.append(BY_KEY[key].label.lower())
    return missing


def record_missing(case: Case, invoices: list[Invoice]) -> list[str]:
    """What the case record itself (its parties, mediator, invoices) still lacks for an
    agreement; the case details screen asks for the same."""
    missing = []
    for party in case.parties:
        who = f"the {party.role.value}"
        if not party.legal_name:
            missing.append(f"the full legal name of {who}")
        if not party.address:
            missing.append(f"the address of {who}")
        if not party.signatory or not party.signatory_capacity:
            missing.append(f"the signatory of {who} and their capacity")
        if any(not s.name.strip() or not s.capacity.strip() for s in party.co_signatories):
            missing.append(f"the name and capacity of every other signatory of {who}")
    if len(case.parties) < 2:
        missing.append("both parties")
    if not case.mediator:
        missing.append("the mediator's name")
    for invoice in invoices:
        if not invoice.number or not invoice.issue_date:
            missing.append(f"the number and date of invoice {invoice.number or '(unnumbered)'}")
    if not invoices:
        missing.append("the disputed invoice")
    elif not any(invoice.lines for invoice in invoices):
        missing.append("the invoice's lines")
    return missing


SIGNATORY_ORDER = (Signatory.PROVIDER, Signatory.CLIENT, Signatory.MEDIATOR)


@dataclass(frozen=True)
class Slot:
    """One signature the settlement needs: who signs, for whom, as which of its signers."""

    role: Signatory
    signer: int
    name: str
    capacity: str

    @property
    def label(self) -> str:
        return f"{self.role.value}: {self.name or '(no name yet)'}"


def signature_slots(case: Case) -> list[Slot]:
    """Every signature that locks the settlement: each signatory of the provider, each of the
    client, then the mediator."""
    slots = []
    for role in (PartyRole.PROVIDER, PartyRole.CLIENT):
        party = case.party(role)
        for index, signer in enumerate(party.signers if party else (Signer(""),)):
            slots.append(Slot(Signatory(role.value), index, signer.name, signer.capacity))
    slots.append(Slot(Signatory.MEDIATOR, 0, case.mediator, "Mediator"))
    return slots
