"""The money of a settlement: what was invoiced, what is agreed, what was paid, what is still owed.

Every screen, the command line, the reports and the agreement read these figures; none works out
its own. The rules:

- Per line: the invoiced net, its VAT category and rate, the agreed net (after the proposal's
  adjustment). Each document's own allowances and charges stay as invoiced.
- VAT per document and category, as EN 16931 rounds it (taxable amount x rate, rounded half-up
  to the cent per category): on the invoiced side the document's own VAT (its breakdown, else its
  declared total, else worked out); on the agreed side worked out, and the document's own where
  nothing in the category changed. Categories that carry no VAT (reverse charge AE, exempt E,
  intra-community K, export G, outside scope O, zero Z) carry none and say so.
- Gross = net + VAT. Paid = payments already made (as paid, VAT included) plus each invoice's
  prepaid amount (BT-113). Still owed = agreed gross - paid; a refund when paid exceeds it.
- The credit note = invoiced - agreed, per invoice, in net, VAT and gross, naming the invoice.
- "Disputed" is the invoiced net of the lines marked disputed (signed for credit notes).
- Instalments are what is actually paid: gross amounts that add up to what is still owed (or to
  the refund), cents allocated without loss.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from mediate.domain.errors import DomainError
from mediate.domain.invoice_totals import (
    NO_VAT,
    DocumentFigures,
    figures_of,
    line_vat_category,
    totals,
)
from mediate.domain.model import (
    AdjustmentKind,
    Instalment,
    Invoice,
    LineAdjustment,
    Payment,
)
from mediate.domain.money import allocate, quantize, to_minor
from mediate.domain.negotiation import adjusted_amount, adjustment_of

HUNDRED = Decimal(100)
VatKey = tuple[str, Decimal | None]  # (category, rate)


@dataclass(frozen=True)
class LineMoney:
    """One line: invoiced and agreed, without VAT, as written on its document (not signed)."""

    invoice: str
    label: str  # the invoice's own line ID, else its position
    description: str
    category: str
    rate: Decimal | None
    invoiced: Decimal
    agreed: Decimal
    treatment: AdjustmentKind
    disputed: bool


@dataclass(frozen=True)
class VatMoney:
    """One VAT category of one document, invoiced and agreed."""

    category: str
    rate: Decimal | None
    invoiced_net: Decimal
    invoiced_vat: Decimal
    agreed_net: Decimal
    agreed_vat: Decimal

    @property
    def carries_vat(self) -> bool:
        return self.category not in NO_VAT and bool(self.rate)


@dataclass(frozen=True)
class Amounts:
    """Net, VAT and gross of one figure."""

    net: Decimal
    vat: Decimal

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat

    def __sub__(self, other: Amounts) -> Amounts:
        return Amounts(self.net - other.net, self.vat - other.vat)

    def __add__(self, other: Amounts) -> Amounts:
        return Amounts(self.net + other.net, self.vat + other.vat)

    def __neg__(self) -> Amounts:
        return Amounts(-self.net, -self.vat)


@dataclass(frozen=True)
class InvoiceMoney:
    """One document of the case: an invoice or a credit note, as written (``sign`` says what it
    does to the amount owed)."""

    number: str
    credit_note: bool
    issue_date: date | None
    corrects: str  # the invoice a credit note corrects (BT-25), or ""
    lines: tuple[LineMoney, ...]
    document_adjustment: Decimal  # its own charges - allowances, without VAT, kept as invoiced
    vat: tuple[VatMoney, ...]
    invoiced: Amounts
    agreed: Amounts
    prepaid: Decimal

    @property
    def sign(self) -> int:
        return -1 if self.credit_note else 1

    @property
    def credit(self) -> Amounts:
        """What a credit note for this document must take off: invoiced - agreed."""
        return self.invoiced - self.agreed

    @property
    def no_vat_categories(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v.category for v in self.vat if v.category in NO_VAT))


@dataclass(frozen=True)
class SettlementMoney:
    """The whole case: the documents, the payments, and the figures every screen shows."""

    currency: str
    invoices: tuple[InvoiceMoney, ...]
    payments: tuple[Payment, ...]  # recorded payments and each invoice's prepaid amount

    def _sum(self, which: str) -> Amounts:
        total = Amounts(quantize("0", self.currency), quantize("0", self.currency))
        for doc in self.invoices:
            figure = getattr(doc, which)
            total = total + (figure if doc.sign > 0 else -figure)
        return total

    @property
    def invoiced(self) -> Amounts:
        return self._sum("invoiced")

    @property
    def agreed(self) -> Amounts:
        return self._sum("agreed")

    @property
    def credit(self) -> Amounts:
        """The reduction: invoiced - agreed (net, VAT, gross)."""
        return self.invoiced - self.agreed

    @property
    def disputed(self) -> Decimal:
        """The invoiced net of the lines marked disputed."""
        return sum(
            (
                doc.sign * line.invoiced
                for doc in self.invoices
                for line in doc.lines
                if line.disputed
            ),
            quantize("0", self.currency),
        )

    @property
    def paid(self) -> Decimal:
        return sum(
            (quantize(p.amount, self.currency) for p in self.payments), quantize("0", self.currency)
        )

    @property
    def balance(self) -> Decimal:
        """Agreed gross - paid: positive is still owed by the client, negative a refund."""
        return self.agreed.gross - self.paid

    @property
    def still_owed(self) -> Decimal:
        return max(self.balance, quantize("0", self.currency))

    @property
    def refund(self) -> Decimal:
        return max(-self.balance, quantize("0", self.currency))

    @property
    def owed_before(self) -> Decimal:
        """What the invoices asked, less what was paid: the amount in dispute, VAT included."""
        return self.invoiced.gross - self.paid

    @property
    def vat_known(self) -> bool:
        """Whether every line says its VAT (a rate or a category)."""
        return all(
            line.category or line.rate is not None for doc in self.invoices for line in doc.lines
        )


def _zero(currency: str) -> Decimal:
    return quantize("0", currency)


def _vat(taxable: Decimal, category: str, rate: Decimal | None, currency: str) -> Decimal:
    if category in NO_VAT or not rate:
        return _zero(currency)
    return quantize(taxable * rate / HUNDRED, currency)


def _document(invoice: Invoice, by_line: dict[int, LineAdjustment], currency: str) -> InvoiceMoney:
    lines = []
    invoiced_taxable: dict[VatKey, Decimal] = {}
    agreed_taxable: dict[VatKey, Decimal] = {}

    def add(into: dict[VatKey, Decimal], key: VatKey, amount: Decimal) -> None:
        into[key] = into.get(key, _zero(currency)) + quantize(amount, currency)

    for line in invoice.lines:
        adjustment = adjustment_of(line, by_line)
        agreed = adjusted_amount(line, adjustment, currency)
        key = (line_vat_category(line), line.vat_rate)
        add(invoiced_taxable, key, line.net_amount)
        add(agreed_taxable, key, agreed)
        lines.append(
            LineMoney(
                invoice=invoice.number,
                label=line.label,
                description=line.description,
                category=key[0],
                rate=line.vat_rate,
                invoiced=quantize(line.net_amount, currency),
                agreed=agreed,
                treatment=adjustment.kind if adjustment else AdjustmentKind.KEEP,
                disputed=line.disputed,
            )
        )
    for item in invoice.allowances:
        key = (item.vat_category or ("S" if item.vat_rate else ""), item.vat_rate)
        add(invoiced_taxable, key, item.signed)
        add(agreed_taxable, key, item.signed)
    declared = {(v.category, v.rate): quantize(v.tax, currency) for v in invoice.vat_breakdown}
    own = totals(invoice)
    vat_rows = []
    for key, taxable in invoiced_taxable.items():
        category, rate = key
        invoiced_vat = declared.get(key, _vat(taxable, category, rate, currency))
        agreed_net = agreed_taxable[key]
        agreed_vat = (
            invoiced_vat if agreed_net == taxable else _vat(agreed_net, category, rate, currency)
        )
        vat_rows.append(VatMoney(category, rate, taxable, invoiced_vat, agreed_net, agreed_vat))
    invoiced_vat_total = sum((v.invoiced_vat for v in vat_rows), _zero(currency))
    if not invoice.vat_breakdown and invoice.declared_tax is not None:
        # The document states its VAT total but no breakdown: that is the VAT it invoiced.
        invoiced_vat_total = quantize(invoice.declared_tax, currency)
    invoiced = Amounts(own.net, invoiced_vat_total)
    agreed_vat = (
        invoiced_vat_total
        if all(v.agreed_net == v.invoiced_net for v in vat_rows)
        else sum((v.agreed_vat for v in vat_rows), _zero(currency))
    )
    agreed_net = sum((v.agreed_net for v in vat_rows), _zero(currency))
    return InvoiceMoney(
        number=invoice.number,
        credit_note=invoice.sign < 0,
        issue_date=invoice.issue_date,
        corrects=invoice.billing_reference,
        lines=tuple(lines),
        document_adjustment=own.charges - own.allowances,
        vat=tuple(vat_rows),
        invoiced=invoiced,
        agreed=Amounts(agreed_net, agreed_vat),
        prepaid=own.prepaid,
    )


def settlement_money(
    invoices: Sequence[Invoice],
    adjustments: Sequence[LineAdjustment],
    payments: Sequence[Payment],
    currency: str,
) -> SettlementMoney:
    """The figures of a case under a proposal's adjustments (none: as invoiced)."""
    by_line = {a.line_id: a for a in adjustments}
    unknown = set(by_line) - {line.id for inv in invoices for line in inv.lines}
    if unknown:
        raise DomainError(
            f"The proposal adjusts lines that are not on the invoice: {sorted(unknown)}."
        )
    documents = tuple(_document(inv, by_line, currency) for inv in invoices)
    prepaid = tuple(
        Payment(
            paid_on=doc.issue_date,
            amount=doc.prepaid,
            reference=doc.number,
            source=f"prepaid on {doc.number}",
        )
        for doc in documents
        if doc.prepaid and not doc.credit_note
    )
    return SettlementMoney(currency, documents, (*prepaid, *payments))


def as_invoiced(
    documents: Sequence[Invoice | DocumentFigures], payments: Sequence[Payment], currency: str
) -> tuple[Amounts, Decimal]:
    """(invoiced net and VAT, paid) as ``settlement_money`` gives them with no adjustment, worked
    out from each document's own totals only (what the money strip needs on every reload)."""
    net = vat = paid = _zero(currency)
    for doc in figures_of(documents):
        own, sign = doc.totals, doc.invoice.sign
        net += sign * own.net
        vat += sign * own.vat
        if sign > 0:
            paid += own.prepaid
    paid += sum((quantize(p.amount, currency) for p in payments), _zero(currency))
    return Amounts(net, vat), paid


def instalments(money: SettlementMoney, dates: Sequence[date]) -> list[Instalment]:
    """What is still owed (or the refund) split over the dates, to the cent, larger parts first."""
    amount = money.still_owed or money.refund
    if not dates:
        raise DomainError("A payment schedule needs at least one date.")
    if list(dates) != sorted(dates):
        raise DomainError("The instalment dates must be in order.")
    if to_minor(amount, money.currency) < len(dates):
        raise DomainError(
            f"{amount} cannot be split into {len(dates)} instalments of at least one cent; "
            "give fewer dates."
        )
    return [
        Instalment(due=due, amount=part)
        for due, part in zip(dates, allocate(amount, len(dates), money.currency), strict=True)
    ]


def check_schedule(
    money: SettlementMoney, schedule: Sequence[Instalment], not_before: date | None = None
) -> None:
    """Refuse a schedule that does not pay exactly what is still owed (or the refund), an
    instalment of zero or less, or a due date before ``not_before`` (the day of the proposal)."""
    cur = money.currency
    amount = money.still_owed or money.refund
    if not schedule:
        return
    scheduled = sum((quantize(i.amount, cur) for i in schedule), _zero(cur))
    what = "the refund" if money.refund else "what is still owed (VAT included, less what was paid)"
    if scheduled != amount:
        raise DomainError(f"The payment schedule adds up to {scheduled}, not to {what}: {amount}.")
    if any(i.amount <= 0 for i in schedule):
        raise DomainError("Every instalment must be more than zero.")
    if not_before is not None:
        early = [i for i in schedule if i.due < not_before]
        if early:
            raise DomainError(
                f"An instalment falls due on {early[0].due.isoformat()}, before the proposal is "
                f"even made ({not_before.isoformat()}); choose a later date."
            )
