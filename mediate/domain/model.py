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


@dataclass(frozen=True)
class Signer:
    """One person who signs the agreement for a party, and in what capacity."""

    name: str
    capacity: str = ""


@dataclass(kw_only=True)
class Party:
    role: PartyRole
    legal_name: str
    contact_person: str = ""
    email: str = ""
    address: str = ""
    registration: str = ""
    signatory: str = ""  # the first (or only) person who signs for the party
    signatory_capacity: str = ""
    seat: str = ""  # where its statutes place it (statutaire zetel), when not its address' town
    country: str = ""  # the state it is in, as an ISO code or a name; "" reads the address
    co_signatories: tuple[Signer, ...] = ()  # who else signs for it, when one is not enough
    id: int | None = None

    @property
    def signers(self) -> tuple[Signer, ...]:
        """Everyone who signs for the party, the first signatory first (it may be blank)."""
        return (Signer(self.signatory, self.signatory_capacity), *self.co_signatories)


# The text fields of a party, in the order forms and files give them.
PARTY_DETAILS = (
    "legal_name",
    "contact_person",
    "email",
    "address",
    "registration",
    "signatory",
    "signatory_capacity",
    "seat",
    "country",
)


@dataclass(kw_only=True)
class AllowanceCharge:
    """An allowance (reduces the amount) or a charge (adds to it), on a line or on the whole
    document (EN 16931 BG-20/BG-21 at document level, BG-27/BG-28 on a line)."""

    charge: bool  # True: a charge; False: an allowance
    amount: Decimal  # as written: positive for both (the sign is ``charge``)
    reason: str = ""
    reason_code: str = ""
    base_amount: Decimal | None = None
    percent: Decimal | None = None
    vat_category: str = ""  # UNCL 5305: S, Z, E, AE, K, G, O, L, M (document level only)
    vat_rate: Decimal | None = None

    @property
    def signed(self) -> Decimal:
        """What it does to the total: + for a charge, − for an allowance."""
        return self.amount if self.charge else -self.amount


@dataclass(kw_only=True)
class VatBreakdown:
    """One VAT category of an invoice (EN 16931 BG-23): its taxable amount and its VAT."""

    category: str  # UNCL 5305 code
    rate: Decimal | None
    taxable: Decimal
    tax: Decimal
    exemption_reason: str = ""


@dataclass(kw_only=True)
class InvoiceLine:
    position: int  # the line's place on the invoice: 1, 2, 3
    description: str
    quantity: Decimal
    unit: str
    unit_price: Decimal  # per single unit (the price divided by its base quantity)
    net_amount: Decimal
    vat_rate: Decimal | None = None
    service_date: date | None = None
    service_end: date | None = None
    line_ref: str = ""  # the invoice's own line ID (BT-126): "10", "1.1"; "" when it has none
    disputed: bool = False
    vat_category: str = ""  # UNCL 5305 code (BT-151)
    base_quantity: Decimal | None = None  # the price's base quantity when not 1 (BT-149)
    allowances: list[AllowanceCharge] = field(default_factory=list)  # line level
    id: int | None = None

    @property
    def label(self) -> str:
        """How the invoice itself names the line: its line ID, else its position."""
        return self.line_ref or str(self.position)


@dataclass(kw_only=True)
class Invoice:
    number: str
    kind: InvoiceKind = InvoiceKind.INVOICE
    issue_date: date | None = None
    due_date: date | None = None
    currency: str = "EUR"
    lines: list[InvoiceLine] = field(default_factory=list)
    declared_net: Decimal | None = None  # sum of the lines as declared (BT-106)
    declared_tax: Decimal | None = None  # VAT total in the invoice currency (BT-110)
    declared_payable: Decimal | None = None  # amount due (BT-115)
    seller: str = ""
    buyer: str = ""
    payment_terms: str = ""
    source: str = ""
    allowances: list[AllowanceCharge] = field(default_factory=list)  # document level
    vat_breakdown: list[VatBreakdown] = field(default_factory=list)
    declared_allowances: Decimal | None = None  # BT-107
    declared_charges: Decimal | None = None  # BT-108
    declared_tax_exclusive: Decimal | None = None  # BT-109
    declared_tax_inclusive: Decimal | None = None  # BT-112
    prepaid: Decimal | None = None  # paid before this document (BT-113)
    rounding: Decimal | None = None  # BT-114
    billing_reference: str = ""  # the invoice a credit note corrects (BT-25)
    billing_reference_date: date | None = None  # BT-26
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
    line_position: int | None = None  # the line's position on its invoice, when known
    target: InvoiceLine | None = field(default=None, compare=False, repr=False)  # the line named
    invoice_line_id: int | None = None
    source: str = ""
    started_at: datetime | None = None  # clock times, when the export has them
    ended_at: datetime | None = None
    billable: bool | None = None  # None: the export does not say
    tags: tuple[str, ...] = ()
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
class Payment:
    """An amount the client has paid already, as paid (VAT included)."""

    paid_on: date | None
    amount: Decimal
    reference: str = ""  # the payer's reference, or the invoice it was paid against
    source: str = ""  # where it is recorded: "case.toml", "session", "prepaid on INV-1"
    id: int | None = None


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
    # True: the schedule pays what is still owed, VAT included, less what was paid. False for a
    # proposal made before VAT and payments were recorded: its schedule paid the net total.
    gross_schedule: bool = True
    id: int | None = None


@dataclass(kw_only=True)
class SignOff:
    role: Signatory
    name: str
    capacity: str
    signed_at: datetime
    signer: int = 0  # which of the party's signers (0: its first signatory; the mediator: 0)


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
