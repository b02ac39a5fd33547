"""The case record as plain dataclasses.

Amounts are ``Decimal``; dates are ``datetime.date``; moments are timezone-aware ``datetime``.
Identifiers (``id``) are ``None`` until the store has written the object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum


class CaseStatus(StrEnum):
    INTAKE = "intake"
    IN_SESSION = "in_session"
    AGREED = "agreed"
    SIGNED_OFF = "signed_off"
    IMPASSE = "impasse"
    WITHDRAWN = "withdrawn"


class Language(StrEnum):
    EN = "en"
    NL = "nl"


class ReasonCode(StrEnum):
    HOURS = "hours"
    SCOPE = "scope"
    QUALITY = "quality"
    RATE = "rate"
    LATE_PAYMENT = "late-payment"
    OTHER = "other"


class PartyRole(StrEnum):
    PROVIDER = "provider"
    CLIENT = "client"


class InvoiceKind(StrEnum):
    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"


class Visibility(StrEnum):
    JOINT = "joint"
    CAUCUS_PROVIDER = "caucus-provider"
    CAUCUS_CLIENT = "caucus-client"


class Proposer(StrEnum):
    PROVIDER = "provider"
    CLIENT = "client"
    MEDIATOR = "mediator"


class AdjustmentKind(StrEnum):
    KEEP = "keep"
    REDUCE_TO = "reduce_to"
    REDUCE_BY_PERCENT = "reduce_by_percent"
    WITHDRAW = "withdraw"


class ProposalStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    SUPERSEDED = "superseded"


class Signatory(StrEnum):
    PROVIDER = "provider"
    CLIENT = "client"
    MEDIATOR = "mediator"


@dataclass(kw_only=True)
class Party:
    role: PartyRole
    legal_name: str
    contact_person: str = ""
    email: str = ""
    address: str = ""
    registration: str = ""
    signatory: str = ""
    signatory_capacity: str = ""
    id: int | None = None


# The text fields of a party, in the order forms and files give them.
PARTY_DETAILS = (
    "legal_name",
    "contact_person",
    "email",
    "address",
    "registration",
    "signatory",
    "signatory_capacity",
)


@dataclass(kw_only=True)
class InvoiceLine:
    position: int
    description: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    net_amount: Decimal
    vat_rate: Decimal | None = None
    service_date: date | None = None
    service_end: date | None = None
    line_ref: str = ""
    disputed: bool = False
    id: int | None = None


@dataclass(kw_only=True)
class Invoice:
    number: str
    kind: InvoiceKind = InvoiceKind.INVOICE
    issue_date: date | None = None
    due_date: date | None = None
    currency: str = "EUR"
    lines: list[InvoiceLine] = field(default_factory=list)
    declared_net: Decimal | None = None
    declared_tax: Decimal | None = None
    declared_payable: Decimal | None = None
    seller: str = ""
    buyer: str = ""
    payment_terms: str = ""
    source: str = ""
    id: int | None = None

    @property
    def line_sum(self) -> Decimal:
        return sum((line.net_amount for line in self.lines), Decimal("0"))

    @property
    def sign(self) -> int:
        """+1 for an invoice, -1 for a credit note: what it does to the amount owed."""
        return -1 if self.kind == InvoiceKind.CREDIT_NOTE else 1


@dataclass(kw_only=True)
class ContractClause:
    ref: str
    heading: str
    text: str
    position: int = 0
    id: int | None = None


@dataclass(kw_only=True)
class WorkEntry:
    date: date
    person: str
    minutes: int
    description: str = ""
    task: str = ""
    project: str = ""
    invoice_number: str | None = None
    line_position: int | None = None
    invoice_line_id: int | None = None
    source: str = ""
    id: int | None = None


@dataclass(kw_only=True)
class Attachment:
    name: str
    size: int
    content_type: str = ""


@dataclass(kw_only=True)
class Message:
    sent_at: datetime | None
    sender: str
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    subject: str = ""
    body: str = ""
    attachments: tuple[Attachment, ...] = ()
    message_id: str = ""
    in_reply_to: str = ""
    references: tuple[str, ...] = ()
    source: str = ""
    id: int | None = None


@dataclass(kw_only=True)
class Statement:
    party: PartyRole
    text: str
    claimed_amount: Decimal | None = None
    invoice_line_id: int | None = None
    restatement: str = ""
    confirmed: bool = False
    correction: str = ""
    recorded_at: datetime | None = None
    visibility: Visibility = Visibility.JOINT  # the caucus it was said in, or joint
    released_at: datetime | None = None  # released from its caucus to the joint session
    id: int | None = None


@dataclass(kw_only=True)
class Note:
    visibility: Visibility
    text: str
    created_at: datetime | None = None
    released_at: datetime | None = None  # released from its caucus to the joint session
    id: int | None = None


@dataclass(kw_only=True)
class LineAdjustment:
    line_id: int
    kind: AdjustmentKind = AdjustmentKind.KEEP
    value: Decimal | None = None


@dataclass(kw_only=True)
class Instalment:
    due: date
    amount: Decimal


@dataclass(kw_only=True)
class Proposal:
    number: int
    proposed_by: Proposer
    adjustments: list[LineAdjustment]
    total: Decimal
    schedule: list[Instalment] = field(default_factory=list)
    terms: str = ""
    status: ProposalStatus = ProposalStatus.OPEN
    counter_of: int | None = None
    created_at: datetime | None = None
    visibility: Visibility = Visibility.JOINT  # the caucus it was made in, or joint
    released_at: datetime | None = None  # released from its caucus to the joint session
    id: int | None = None


@dataclass(kw_only=True)
class SignOff:
    role: Signatory
    name: str
    capacity: str
    signed_at: datetime


@dataclass(kw_only=True)
class Settlement:
    version: int
    proposal_id: int
    clause_choices: dict[str, str] = field(default_factory=dict)
    signoffs: list[SignOff] = field(default_factory=list)
    locked: bool = False
    fingerprint: str = ""
    amends: int | None = None
    created_at: datetime | None = None
    id: int | None = None


@dataclass(kw_only=True)
class Case:
    reference: str
    title: str
    status: CaseStatus = CaseStatus.INTAKE
    language: Language = Language.EN
    currency: str = "EUR"
    mediator: str = ""
    opened: date | None = None
    summary: str = ""
    reasons: tuple[ReasonCode, ...] = ()
    contract_start: date | None = None
    contract_end: date | None = None
    parties: list[Party] = field(default_factory=list)
    id: int | None = None

    def party(self, role: PartyRole) -> Party | None:
        return next((p for p in self.parties if p.role == role), None)
