"""Small, realistic case records built in code for tests."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from mediate.domain.bundle import CaseBundle
from mediate.domain.model import (
    Case,
    ContractClause,
    Instalment,
    Invoice,
    InvoiceLine,
    Party,
    PartyRole,
    ReasonCode,
    WorkEntry,
)


def line(
    position: int, description: str, qty: str, price: str, disputed: bool = False
) -> InvoiceLine:
    quantity, unit_price = Decimal(qty), Decimal(price)
    return InvoiceLine(
        position=position,
        description=description,
        quantity=quantity,
        unit="h",
        unit_price=unit_price,
        net_amount=quantity * unit_price,
        vat_rate=Decimal("21"),
        service_date=date(2026, 3, position),
        disputed=disputed,
    )


def bundle(reference: str = "MED-2026-001", language: str = "en") -> CaseBundle:
    case = Case(
        reference=reference,
        title="Website rebuild: hours in dispute",
        language=language,
        currency="EUR",
        mediator="Mira Jansen",
        opened=date(2026, 4, 2),
        summary="The client disputes the hours billed for design work.",
        reasons=(ReasonCode.HOURS, ReasonCode.SCOPE),
        parties=[
            Party(
                role=PartyRole.PROVIDER,
                legal_name="Pixel & Co B.V.",
                address="Keizersgracht 1, 1015 CJ Amsterdam",
                registration="KvK 12345678",
                signatory="Anna de Vries",
                signatory_capacity="Director",
            ),
            Party(
                role=PartyRole.CLIENT,
                legal_name="Bakkerij Brood Ltd",
                address="1 High Street, Bristol BS1 1AA",
                registration="Companies House 0987654",
                signatory="Tom Baker",
                signatory_capacity="Managing Director",
            ),
        ],
    )
    invoice = Invoice(
        number="INV-2026-017",
        issue_date=date(2026, 3, 31),
        due_date=date(2026, 4, 30),
        lines=[
            line(1, "Discovery workshop, 2 March", "4", "95.00"),
            line(2, "Design work", "30", "95.00", disputed=True),
            line(3, "Development, 3-20 March", "40", "85.00", disputed=True),
        ],
    )
    invoice.declared_net = invoice.line_sum
    return CaseBundle(
        case=case,
        invoices=[invoice],
        clauses=[
            ContractClause(ref="3.1", heading="Rates", text="Design EUR 95 per hour."),
            ContractClause(ref="4.2", heading="Payment", text="Invoices are due in 30 days."),
        ],
        work=[
            WorkEntry(
                date=date(2026, 3, 2),
                person="Anna",
                minutes=240,
                invoice_number="INV-2026-017",
                line_position=1,
            ),
            WorkEntry(date=date(2026, 3, 5), person="Piet", minutes=600, description="Mock-ups"),
        ],
        source="tests",
    )


def in_days(days: int) -> date:
    """A due date that is still ahead when the test runs."""
    return date.today() + timedelta(days=days)


def pay_once(store, case_id: int, adjustments, due: date | None = None) -> list[Instalment]:
    """A schedule paying what is still owed under the adjustments (VAT included, less what was
    paid) on one date; none when nothing is."""
    money = store.money(case_id, adjustments)
    amount = money.still_owed or money.refund
    return [Instalment(due=due or in_days(30), amount=amount)] if amount > 0 else []
