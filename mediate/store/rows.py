"""Domain objects to table rows and back. Money becomes integer minor units, exact quantities
and rates stay as text, dates are ISO text, moments are ISO text with their offset."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from mediate.domain.canonical import canonical_json
from mediate.domain.model import (
    PARTY_DETAILS,
    AdjustmentKind,
    AllowanceCharge,
    Attachment,
    Case,
    CaseStatus,
    ContractClause,
    Instalment,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    Language,
    LineAdjustment,
    Message,
    Note,
    Party,
    PartyRole,
    Payment,
    Proposal,
    ProposalStatus,
    Proposer,
    ReasonCode,
    Settlement,
    Signatory,
    Signer,
    SignOff,
    Statement,
    VatBreakdown,
    Visibility,
    WorkEntry,
)
from mediate.domain.money import from_minor, to_decimal, to_minor


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def iso_moment(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("moments must be timezone-aware")
    return value.isoformat()


def parse_date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def parse_moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def minor_or_none(amount: Decimal | None, currency: str) -> int | None:
    return None if amount is None else to_minor(amount, currency)


def amount_or_none(minor: int | None, currency: str) -> Decimal | None:
    return None if minor is None else from_minor(minor, currency)


def text_or_none(value: Decimal | None) -> str | None:
    return None if value is None else str(to_decimal(value))


def dumps(value: Any) -> str:
    return canonical_json(value)


# --- cases and parties -------------------------------------------------------------------------


def case_row(case: Case) -> dict[str, Any]:
    return {
        "reference": case.reference,
        "title": case.title,
        "status": CaseStatus(case.status).value,
        "language": Language(case.language).value,
        "currency": case.currency.upper(),
        "mediator": case.mediator,
        "opened": iso_date(case.opened),
        "summary": case.summary,
        "reasons": dumps([ReasonCode(r).value for r in case.reasons]),
        "contract_start": iso_date(case.contract_start),
        "contract_end": iso_date(case.contract_end),
    }


def case_from(row: dict[str, Any], parties: list[Party]) -> Case:
    return Case(
        id=row["id"],
        reference=row["reference"],
        title=row["title"],
        status=CaseStatus(row["status"]),
        language=Language(row["language"]),
        currency=row["currency"],
        mediator=row["mediator"],
        opened=parse_date(row["opened"]),
        summary=row["summary"],
        reasons=tuple(ReasonCode(r) for r in json.loads(row["reasons"])),
        contract_start=parse_date(row["contract_start"]),
        contract_end=parse_date(row["contract_end"]),
        parties=parties,
    )


def party_row(case_id: int, party: Party) -> dict[str, Any]:
    row = {"case_id": case_id, "role": PartyRole(party.role).value}
    row.update({name: getattr(party, name) or "" for name in PARTY_DETAILS})
    row["co_signatories"] = canonical_json(
        [{"name": s.name, "capacity": s.capacity} for s in party.co_signatories]
    )
    return row


def party_from(row: dict[str, Any]) -> Party:
    return Party(
        id=row["id"],
        role=PartyRole(row["role"]),
        co_signatories=tuple(
            Signer(s["name"], s.get("capacity", "")) for s in json.loads(row["co_signatories"])
        ),
        **{n: row[n] for n in PARTY_DETAILS},
    )


# --- invoices ------------------------------------------------------------------------------------


def invoice_row(case_id: int, invoice: Invoice) -> dict[str, Any]:
    cur = invoice.currency
    return {
        "case_id": case_id,
        "number": invoice.number,
        "kind": InvoiceKind(invoice.kind).value,
        "issue_date": iso_date(invoice.issue_date),
        "due_date": iso_date(invoice.due_date),
        "currency": cur.upper(),
        "declared_net_minor": minor_or_none(invoice.declared_net, cur),
        "declared_tax_minor": minor_or_none(invoice.declared_tax, cur),
        "declared_payable_minor": minor_or_none(invoice.declared_payable, cur),
        "seller": invoice.seller,
        "buyer": invoice.buyer,
        "payment_terms": invoice.payment_terms,
        "source": invoice.source,
        "declared_allowance_minor": minor_or_none(invoice.declared_allowances, cur),
        "declared_charge_minor": minor_or_none(invoice.declared_charges, cur),
        "declared_tax_exclusive_minor": minor_or_none(invoice.declared_tax_exclusive, cur),
        "declared_tax_inclusive_minor": minor_or_none(invoice.declared_tax_inclusive, cur),
        "prepaid_minor": minor_or_none(invoice.prepaid, cur),
        "rounding_minor": minor_or_none(invoice.rounding, cur),
        "billing_reference": invoice.billing_reference,
        "billing_reference_date": iso_date(invoice.billing_reference_date),
    }


def adjustment_row(
    case_id: int,
    invoice_id: int,
    line_id: int | None,
    position: int,
    item: AllowanceCharge,
    currency: str,
) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "invoice_id": invoice_id,
        "line_id": line_id,
        "position": position,
        "charge": int(bool(item.charge)),
        "amount_minor": to_minor(item.amount, currency),
        "base_minor": minor_or_none(item.base_amount, currency),
        "percent": text_or_none(item.percent),
        "reason": item.reason,
        "reason_code": item.reason_code,
        "vat_category": item.vat_category,
        "vat_rate": text_or_none(item.vat_rate),
    }


def adjustment_from(row: dict[str, Any], currency: str) -> AllowanceCharge:
    return AllowanceCharge(
        charge=bool(row["charge"]),
        amount=from_minor(row["amount_minor"], currency),
        base_amount=amount_or_none(row["base_minor"], currency),
        percent=Decimal(row["percent"]) if row["percent"] is not None else None,
        reason=row["reason"],
        reason_code=row["reason_code"],
        vat_category=row["vat_category"],
        vat_rate=Decimal(row["vat_rate"]) if row["vat_rate"] is not None else None,
    )


def vat_row(
    case_id: int, invoice_id: int, position: int, item: VatBreakdown, currency: str
) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "invoice_id": invoice_id,
        "position": position,
        "category": item.category,
        "rate": text_or_none(item.rate),
        "taxable_minor": to_minor(item.taxable, currency),
        "tax_minor": to_minor(item.tax, currency),
        "exemption_reason": item.exemption_reason,
    }


def vat_from(row: dict[str, Any], currency: str) -> VatBreakdown:
    return VatBreakdown(
        category=row["category"],
        rate=Decimal(row["rate"]) if row["rate"] is not None else None,
        taxable=from_minor(row["taxable_minor"], currency),
        tax=from_minor(row["tax_minor"], currency),
        exemption_reason=row["exemption_reason"],
    )


def line_row(case_id: int, invoice_id: int, line: InvoiceLine, currency: str) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "invoice_id": invoice_id,
        "position": line.position,
        "line_ref": line.line_ref,
        "description": line.description,
        "quantity": str(to_decimal(line.quantity)),
        "unit": line.unit,
        "unit_price": str(to_decimal(line.unit_price)),
        "net_minor": to_minor(line.net_amount, currency),
        "vat_rate": text_or_none(line.vat_rate),
        "service_date": iso_date(line.service_date),
        "service_end": iso_date(line.service_end),
        "disputed": int(bool(line.disputed)),
        "vat_category": line.vat_category,
        "base_quantity": text_or_none(line.base_quantity),
    }


def line_from(row: dict[str, Any], currency: str) -> InvoiceLine:
    return InvoiceLine(
        id=row["id"],
        position=row["position"],
        line_ref=row["line_ref"],
        description=row["description"],
        quantity=Decimal(row["quantity"]),
        unit=row["unit"],
        unit_price=Decimal(row["unit_price"]),
        net_amount=from_minor(row["net_minor"], currency),
        vat_rate=Decimal(row["vat_rate"]) if row["vat_rate"] is not None else None,
        service_date=parse_date(row["service_date"]),
        service_end=parse_date(row["service_end"]),
        disputed=bool(row["disputed"]),
        vat_category=row["vat_category"],
        base_quantity=Decimal(row["base_quantity"]) if row["base_quantity"] is not None else None,
    )


def invoice_from(
    row: dict[str, Any],
    lines: list[InvoiceLine],
    allowances: list[AllowanceCharge] | None = None,
    vat: list[VatBreakdown] | None = None,
) -> Invoice:
    cur = row["currency"]
    return Invoice(
        id=row["id"],
        number=row["number"],
        kind=InvoiceKind(row["kind"]),
        issue_date=parse_date(row["issue_date"]),
        due_date=parse_date(row["due_date"]),
        currency=cur,
        lines=lines,
        declared_net=amount_or_none(row["declared_net_minor"], cur),
        declared_tax=amount_or_none(row["declared_tax_minor"], cur),
        declared_payable=amount_or_none(row["declared_payable_minor"], cur),
        seller=row["seller"],
        buyer=row["buyer"],
        payment_terms=row["payment_terms"],
        source=row["source"],
        allowances=list(allowances or []),
        vat_breakdown=list(vat or []),
        declared_allowances=amount_or_none(row["declared_allowance_minor"], cur),
        declared_charges=amount_or_none(row["declared_charge_minor"], cur),
        declared_tax_exclusive=amount_or_none(row["declared_tax_exclusive_minor"], cur),
        declared_tax_inclusive=amount_or_none(row["declared_tax_inclusive_minor"], cur),
        prepaid=amount_or_none(row["prepaid_minor"], cur),
        rounding=amount_or_none(row["rounding_minor"], cur),
        billing_reference=row["billing_reference"],
        billing_reference_date=parse_date(row["billing_reference_date"]),
    )


# --- evidence ------------------------------------------------------------------------------------


def clause_row(case_id: int, clause: ContractClause, position: int) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "position": position,
        "ref": clause.ref,
        "heading": clause.heading,
        "text": clause.text,
    }


def clause_from(row: dict[str, Any]) -> ContractClause:
    return ContractClause(
        id=row["id"],
        ref=row["ref"],
        heading=row["heading"],
        text=row["text"],
        position=row["position"],
    )


def work_row(case_id: int, entry: WorkEntry, line_id: int | None) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "date": entry.date.isoformat(),
        "person": entry.person,
        "minutes": int(entry.minutes),
        "description": entry.description,
        "task": entry.task,
        "project": entry.project,
        "invoice_line_id": line_id,
        "source": entry.source,
        # Clock times as the export gives them (a time tracker's export may carry no offset).
        "started_at": entry.started_at.isoformat() if entry.started_at else None,
        "ended_at": entry.ended_at.isoformat() if entry.ended_at else None,
        "billable": None if entry.billable is None else int(entry.billable),
        "tags": dumps(list(entry.tags)),
    }


def work_from(row: dict[str, Any]) -> WorkEntry:
    return WorkEntry(
        id=row["id"],
        date=date.fromisoformat(row["date"]),
        person=row["person"],
        minutes=row["minutes"],
        description=row["description"],
        task=row["task"],
        project=row["project"],
        invoice_line_id=row["invoice_line_id"],
        source=row["source"],
        started_at=parse_moment(row["started_at"]),
        ended_at=parse_moment(row["ended_at"]),
        billable=None if row["billable"] is None else bool(row["billable"]),
        tags=tuple(json.loads(row["tags"])),
    )


def message_row(case_id: int, message: Message) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "sent_at": iso_moment(message.sent_at) if message.sent_at else None,
        "sender": message.sender,
        "recipients": dumps(list(message.to)),
        "cc": dumps(list(message.cc)),
        "subject": message.subject,
        "body": message.body,
        "attachments": dumps(
            [
                {"name": a.name, "size": a.size, "content_type": a.content_type}
                for a in message.attachments
            ]
        ),
        "message_id": message.message_id,
        "in_reply_to": message.in_reply_to,
        "refs": dumps(list(message.references)),
        "source": message.source,
    }


def message_from(row: dict[str, Any]) -> Message:
    return Message(
        id=row["id"],
        sent_at=parse_moment(row["sent_at"]),
        sender=row["sender"],
        to=tuple(json.loads(row["recipients"])),
        cc=tuple(json.loads(row["cc"])),
        subject=row["subject"],
        body=row["body"],
        attachments=tuple(Attachment(**a) for a in json.loads(row["attachments"])),
        message_id=row["message_id"],
        in_reply_to=row["in_reply_to"],
        references=tuple(json.loads(row["refs"])),
        source=row["source"],
    )


# --- the session ---------------------------------------------------------------------------------


def statement_from(row: dict[str, Any], currency: str) -> Statement:
    return Statement(
        id=row["id"],
        party=PartyRole(row["party"]),
        text=row["text"],
        claimed_amount=amount_or_none(row["claimed_minor"], currency),
        invoice_line_id=row["invoice_line_id"],
        restatement=row["restatement"],
        confirmed=bool(row["confirmed"]),
        correction=row["correction"],
        recorded_at=parse_moment(row["recorded_at"]),
        visibility=Visibility(row["visibility"]),
        released_at=parse_moment(row["released_at"]),
    )


def note_from(row: dict[str, Any]) -> Note:
    return Note(
        id=row["id"],
        visibility=Visibility(row["visibility"]),
        text=row["text"],
        created_at=parse_moment(row["created_at"]),
        released_at=parse_moment(row["released_at"]),
    )


def adjustments_json(adjustments: list[LineAdjustment]) -> str:
    return dumps(
        [
            {
                "line_id": a.line_id,
                "kind": AdjustmentKind(a.kind).value,
                "value": text_or_none(a.value),
            }
            for a in adjustments
        ]
    )


def schedule_json(schedule: list[Instalment], currency: str) -> str:
    return dumps(
        [{"due": i.due.isoformat(), "amount_minor": to_minor(i.amount, currency)} for i in schedule]
    )


def proposal_from(row: dict[str, Any], currency: str) -> Proposal:
    return Proposal(
        id=row["id"],
        number=row["number"],
        proposed_by=Proposer(row["proposed_by"]),
        adjustments=[
            LineAdjustment(
                line_id=a["line_id"],
                kind=AdjustmentKind(a["kind"]),
                value=Decimal(a["value"]) if a["value"] is not None else None,
            )
            for a in json.loads(row["adjustments"])
        ],
        total=from_minor(row["total_minor"], currency),
        schedule=[
            Instalment(
                due=date.fromisoformat(i["due"]), amount=from_minor(i["amount_minor"], currency)
            )
            for i in json.loads(row["schedule"])
        ],
        terms=row["terms"],
        status=ProposalStatus(row["status"]),
        counter_of=row["counter_of"],
        created_at=parse_moment(row["created_at"]),
        visibility=Visibility(row["visibility"]),
        released_at=parse_moment(row["released_at"]),
        gross_schedule=row["schedule_basis"] == "gross",
    )


def payment_row(case_id: int, payment: Payment, currency: str, moment: str) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "paid_on": iso_date(payment.paid_on),
        "amount_minor": to_minor(payment.amount, currency),
        "reference": payment.reference,
        "source": payment.source,
        "recorded_at": moment,
    }


def payment_from(row: dict[str, Any], currency: str) -> Payment:
    return Payment(
        id=row["id"],
        paid_on=parse_date(row["paid_on"]),
        amount=from_minor(row["amount_minor"], currency),
        reference=row["reference"],
        source=row["source"],
    )


def signoff_from(row: dict[str, Any]) -> SignOff:
    return SignOff(
        role=Signatory(row["role"]),
        name=row["name"],
        capacity=row["capacity"],
        signed_at=datetime.fromisoformat(row["signed_at"]),  # NOT NULL in the schema
        signer=row["signer"],
    )


def settlement_from(row: dict[str, Any], signoffs: list[SignOff]) -> Settlement:
    return Settlement(
        id=row["id"],
        version=row["version"],
        proposal_id=row["proposal_id"],
        clause_choices=json.loads(row["clause_choices"]),
        signoffs=signoffs,
        locked=bool(row["locked"]),
        fingerprint=row["fingerprint"],
        amends=row["amends"],
        created_at=parse_moment(row["created_at"]),
    )
