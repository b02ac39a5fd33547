"""The money of a settlement: net, VAT, gross, paid, still owed, credit note, instalments.

Figures are worked out by hand in the tests and compared with the domain; random invoices check
that nothing is lost to rounding."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mediate.domain.errors import DomainError
from mediate.domain.model import (
    AdjustmentKind,
    AllowanceCharge,
    Instalment,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    LineAdjustment,
    Payment,
    VatBreakdown,
)
from mediate.domain.settlement_money import check_schedule, instalments, settlement_money


def line(line_id: int, net: str, rate: str | None = "21", category: str = "", disputed=False):
    return InvoiceLine(
        id=line_id,
        position=line_id,
        description=f"Line {line_id}",
        quantity=Decimal(1),
        unit="",
        unit_price=Decimal(net),
        net_amount=Decimal(net),
        vat_rate=None if rate is None else Decimal(rate),
        vat_category=category,
        disputed=disputed,
    )


def test_a_dutch_invoice_part_paid_and_settled_lower():
    """MED-2026-005 by hand: 5.505,00 + 21 % btw = 6.661,05 invoiced; the client paid the
    undisputed 4.695,00 + btw = 5.680,95; the weekend line (540,00) is withdrawn, so 4.965,00 is
    agreed: x 1,21 = 6.007,65, less 5.680,95 paid = 326,70 still owed (not 270,00). The credit
    note is 540,00 + 113,40 btw = 653,40."""
    invoice = Invoice(
        number="VIT-2026-0093",
        currency="EUR",
        lines=[
            line(1, "4695.00"),
            line(2, "540.00", disputed=True),
            line(3, "270.00", disputed=True),
        ],
        declared_tax=Decimal("1156.05"),
    )
    paid = [Payment(paid_on=date(2026, 4, 15), amount=Decimal("5680.95"))]
    money = settlement_money(
        [invoice], [LineAdjustment(line_id=2, kind=AdjustmentKind.WITHDRAW)], paid, "EUR"
    )
    assert (money.invoiced.net, money.invoiced.vat, money.invoiced.gross) == (
        Decimal("5505.00"),
        Decimal("1156.05"),
        Decimal("6661.05"),
    )
    assert (money.agreed.net, money.agreed.vat, money.agreed.gross) == (
        Decimal("4965.00"),
        Decimal("1042.65"),
        Decimal("6007.65"),
    )
    assert money.paid == Decimal("5680.95") and money.still_owed == Decimal("326.70")
    assert money.disputed == Decimal("810.00")
    (doc,) = money.invoices
    assert (doc.credit.net, doc.credit.vat, doc.credit.gross) == (
        Decimal("540.00"),
        Decimal("113.40"),
        Decimal("653.40"),
    )
    assert money.credit.gross + money.agreed.gross == money.invoiced.gross
    (only,) = instalments(money, [date(2026, 6, 15)])
    assert only.amount == Decimal("326.70")


def test_reverse_charge_and_exempt_lines_carry_no_vat():
    invoice = Invoice(
        number="INV-RC",
        currency="EUR",
        lines=[line(1, "1000.00", "0", "AE"), line(2, "500.00", None, "E"), line(3, "100.00")],
    )
    money = settlement_money([invoice], [], [], "EUR")
    assert money.invoiced.vat == Decimal("21.00")  # only line 3
    assert money.invoices[0].no_vat_categories == ("AE", "E")


def test_a_payment_above_the_agreed_amount_is_a_refund():
    invoice = Invoice(number="INV-1", currency="EUR", lines=[line(1, "1000.00")])
    money = settlement_money(
        [invoice],
        [LineAdjustment(line_id=1, kind=AdjustmentKind.REDUCE_TO, value=Decimal("500"))],
        [Payment(paid_on=date(2026, 1, 5), amount=Decimal("1210.00"))],
        "EUR",
    )
    assert money.agreed.gross == Decimal("605.00")
    assert money.refund == Decimal("605.00") and money.still_owed == 0
    (refund,) = instalments(money, [date(2026, 12, 1)])
    assert refund.amount == Decimal("605.00")


def test_prepaid_on_the_invoice_counts_as_paid():
    invoice = Invoice(
        number="INV-1", currency="EUR", lines=[line(1, "100.00")], prepaid=Decimal("50")
    )
    money = settlement_money([invoice], [], [], "EUR")
    assert money.paid == Decimal("50.00") and money.still_owed == Decimal("71.00")
    assert money.payments[0].source == "prepaid on INV-1"


def test_document_charges_stay_and_the_declared_vat_breakdown_is_the_invoiced_vat():
    """xrechnung 01.21a in short: lines 208.00, a delivery charge of 25.00, 19 % VAT."""
    invoice = Invoice(
        number="X",
        currency="EUR",
        lines=[line(1, "208.00", "19", "S")],
        allowances=[
            AllowanceCharge(
                charge=True, amount=Decimal("25.00"), vat_category="S", vat_rate=Decimal("19")
            )
        ],
        vat_breakdown=[
            VatBreakdown(
                category="S", rate=Decimal("19"), taxable=Decimal("233.00"), tax=Decimal("44.27")
            )
        ],
    )
    money = settlement_money(
        [invoice],
        [LineAdjustment(line_id=1, kind=AdjustmentKind.REDUCE_TO, value=Decimal("155.00"))],
        [],
        "EUR",
    )
    assert money.invoiced.net == Decimal("233.00") and money.invoiced.vat == Decimal("44.27")
    assert money.agreed.net == Decimal("180.00")  # 155 + the 25 charge, kept
    assert money.credit.net == Decimal("53.00")
    assert money.agreed.vat == Decimal("34.20")  # 180 x 19 %


def test_a_schedule_must_pay_exactly_what_is_still_owed():
    invoice = Invoice(number="INV-1", currency="EUR", lines=[line(1, "100.00")])
    money = settlement_money([invoice], [], [], "EUR")
    net_only = [Instalment(due=date(2026, 12, 1), amount=Decimal("100.00"))]
    with pytest.raises(DomainError, match=r"not to what is still owed .*: 121.00"):
        check_schedule(money, net_only)
    with pytest.raises(DomainError, match="before the proposal is even made"):
        check_schedule(money, instalments(money, [date(2026, 1, 1)]), not_before=date(2026, 2, 1))


CATEGORIES = st.sampled_from(
    [("S", "21"), ("S", "9"), ("AE", "0"), ("E", None), ("Z", "0"), ("S", "20")]
)
AMOUNTS = st.decimals(min_value=Decimal("-500"), max_value=Decimal("20000"), places=2)


@st.composite
def cases(draw):
    invoices, adjustments, next_id = [], [], 1
    for number in range(draw(st.integers(1, 3))):
        lines = []
        for _ in range(draw(st.integers(1, 6))):
            category, rate = draw(CATEGORIES)
            lines.append(line(next_id, str(draw(AMOUNTS)), rate, category))
            kind = draw(st.sampled_from(list(AdjustmentKind)))
            if kind == AdjustmentKind.REDUCE_TO and lines[-1].net_amount >= 0:
                value = draw(st.decimals(min_value=0, max_value=lines[-1].net_amount, places=2))
                adjustments.append(LineAdjustment(line_id=next_id, kind=kind, value=value))
            elif kind == AdjustmentKind.REDUCE_BY_PERCENT:
                value = draw(st.decimals(min_value=0, max_value=100, places=1))
                adjustments.append(LineAdjustment(line_id=next_id, kind=kind, value=value))
            elif kind == AdjustmentKind.WITHDRAW:
                adjustments.append(LineAdjustment(line_id=next_id, kind=kind))
            next_id += 1
        charges = [
            AllowanceCharge(
                charge=draw(st.booleans()),
                amount=draw(st.decimals(0, 300, places=2)),
                vat_category="S",
                vat_rate=Decimal("21"),
            )
            for _ in range(draw(st.integers(0, 2)))
        ]
        kind = InvoiceKind.CREDIT_NOTE if number and draw(st.booleans()) else InvoiceKind.INVOICE
        invoices.append(
            Invoice(
                number=f"INV-{number}", kind=kind, currency="EUR", lines=lines, allowances=charges
            )
        )
    payments = [
        Payment(
            paid_on=date(2026, 1, 1),
            amount=draw(st.decimals(Decimal("0.01"), Decimal("30000"), places=2)),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    return invoices, adjustments, payments


@settings(max_examples=150, deadline=None)
@given(case=cases(), parts=st.integers(1, 12))
def test_nothing_is_lost_to_rounding(case, parts):
    invoices, adjustments, payments = case
    money = settlement_money(invoices, adjustments, payments, "EUR")
    assert money.credit.gross + money.agreed.gross == money.invoiced.gross
    assert money.credit.net + money.agreed.net == money.invoiced.net
    assert money.agreed.gross - money.paid == money.still_owed - money.refund
    owed = money.still_owed or money.refund
    dates = [date(2027, 1, 1 + k) for k in range(parts)]
    if owed * 100 < parts:
        with pytest.raises(DomainError, match="at least one cent"):
            instalments(money, dates)
    elif owed:
        schedule = instalments(money, dates)
        assert sum(i.amount for i in schedule) == (money.still_owed or money.refund)
        check_schedule(money, schedule)
