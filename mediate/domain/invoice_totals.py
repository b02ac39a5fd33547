"""The totals of one invoice as EN 16931 defines them, worked out from its parts, and the
standard's business rules (BR-CO-10 to BR-CO-16) checked against what the document declares.

"Invoiced" everywhere in mediate means ``net``: the total without VAT, document-level allowances
and charges included (BT-109). Amounts are as written on the document, also on a credit note;
``Invoice.sign`` says what the document does to the amount owed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from mediate.domain.model import AllowanceCharge, Invoice, InvoiceLine
from mediate.domain.money import format_money, quantize

HUNDRED = Decimal(100)
# VAT categories that carry no VAT (UNCL 5305): exempt, reverse charge, intra-community supply,
# export outside the EU, outside the scope of VAT, zero rated.
NO_VAT = frozenset({"E", "AE", "K", "G", "O", "Z"})
CATEGORY_NAMES = {
    "S": "standard rate",
    "Z": "zero rated",
    "E": "exempt from VAT",
    "AE": "VAT reverse charge",
    "K": "intra-community supply, no VAT",
    "G": "export outside the EU, no VAT",
    "O": "outside the scope of VAT",
    "L": "Canary Islands IGIC",
    "M": "Ceuta and Melilla IPSI",
}


@dataclass(frozen=True)
class InvoiceTotals:
    """One document's totals (EN 16931 BG-22), each in the document's currency."""

    currency: str
    line_total: Decimal  # BT-106: the lines' net amounts
    allowances: Decimal  # BT-107: document-level allowances
    charges: Decimal  # BT-108: document-level charges
    net: Decimal  # BT-109: total without VAT = lines - allowances + charges ("invoiced")
    vat: Decimal  # BT-110
    gross: Decimal  # BT-112: total with VAT
    prepaid: Decimal  # BT-113: paid before this document
    rounding: Decimal  # BT-114
    due: Decimal  # BT-115: gross - prepaid + rounding


def _sum(amounts, currency: str) -> Decimal:
    return sum((quantize(a, currency) for a in amounts), quantize("0", currency))


def line_vat_category(line: InvoiceLine) -> str:
    """A line's VAT category: as given, else standard rate when it has a rate above 0."""
    return vat_category(line.vat_category, line.vat_rate)


def vat_category(given: str, rate: Decimal | None) -> str:
    """A VAT category as given, else standard rate for a rate above 0 and zero rated for 0 (the
    same for a line and for a document-level allowance or charge, so both fall in one group)."""
    if given:
        return given
    return "S" if rate else ("Z" if rate == 0 else "")


@dataclass(frozen=True)
class LineSum:
    """The lines of one document that share a VAT category (as given), a rate and whether they
    are disputed: their net amounts, each to the cent, added up. A document's totals need only
    these, so they can be read without its lines (``Store.invoice_figures``)."""

    category: str
    rate: Decimal | None
    disputed: bool
    net: Decimal


def line_sums(invoice: Invoice) -> list[LineSum]:
    """The document's lines added up per VAT category, rate and disputed (see ``LineSum``)."""
    cur = invoice.currency
    sums: dict[tuple[str, Decimal | None, bool], Decimal] = {}
    for line in invoice.lines:
        key = (line.vat_category, line.vat_rate, line.disputed)
        sums[key] = sums.get(key, quantize("0", cur)) + quantize(line.net_amount, cur)
    return [
        LineSum(category, rate, disputed, net) for (category, rate, disputed), net in sums.items()
    ]


def vat_groups(
    invoice: Invoice, sums: Sequence[LineSum] | None = None
) -> dict[tuple[str, Decimal | None], Decimal]:
    """The taxable amount per (VAT category, rate): lines plus the document's allowances and
    charges of that category (BT-116). ``sums``: the lines added up, when they were not read."""
    cur = invoice.currency
    groups: dict[tuple[str, Decimal | None], Decimal] = {}

    def add(category: str, rate: Decimal | None, amount: Decimal) -> None:
        key = (category, rate)
        groups[key] = groups.get(key, quantize("0", cur)) + quantize(amount, cur)

    for part in line_sums(invoice) if sums is None else sums:
        add(vat_category(part.category, part.rate), part.rate, part.net)
    for item in invoice.allowances:
        add(vat_category(item.vat_category, item.vat_rate), item.vat_rate, item.signed)
    return groups


def computed_vat(invoice: Invoice, sums: Sequence[LineSum] | None = None) -> Decimal:
    """VAT worked out per category: taxable amount x rate, rounded to the cent per category
    (BR-CO-17); categories that carry no VAT count 0."""
    cur = invoice.currency
    total = quantize("0", cur)
    for (category, rate), taxable in vat_groups(invoice, sums).items():
        if category in NO_VAT or not rate:
            continue
        total += quantize(taxable * rate / HUNDRED, cur)
    return total


def document_adjustment(invoice: Invoice) -> Decimal:
    """What the document-level allowances and charges add to the lines (charges - allowances)."""
    return _sum((a.signed for a in invoice.allowances), invoice.currency)


def totals(invoice: Invoice, sums: Sequence[LineSum] | None = None) -> InvoiceTotals:
    """The document's totals from its parts. VAT is the breakdown's when the document gives one,
    else the declared total, else worked out from the lines' rates. ``sums``: its lines added
    up (``line_sums``), when the lines themselves were not read."""
    cur = invoice.currency
    sums = line_sums(invoice) if sums is None else sums
    line_total = _sum((part.net for part in sums), cur)
    allowances = _sum((a.amount for a in invoice.allowances if not a.charge), cur)
    charges = _sum((a.amount for a in invoice.allowances if a.charge), cur)
    net = line_total - allowances + charges
    if invoice.vat_breakdown:
        vat = _sum((v.tax for v in invoice.vat_breakdown), cur)
    elif invoice.declared_tax is not None:
        vat = quantize(invoice.declared_tax, cur)
    else:
        vat = computed_vat(invoice, sums)
    gross = net + vat
    prepaid = quantize(invoice.prepaid or 0, cur)
    rounding = quantize(invoice.rounding or 0, cur)
    return InvoiceTotals(
        currency=cur,
        line_total=line_total,
        allowances=allowances,
        charges=charges,
        net=net,
        vat=vat,
        gross=gross,
        prepaid=prepaid,
        rounding=rounding,
        due=gross - prepaid + rounding,
    )


@dataclass(frozen=True)
class DocumentFigures:
    """A document and its totals, with or without its lines: what the money strip, the
    positions and the summary of each document need (``Store.invoice_figures`` reads them
    without the lines, so they cost the same for 20 lines as for 2,000)."""

    invoice: Invoice  # its lines may be left out
    totals: InvoiceTotals
    disputed: Decimal  # the net amounts of its disputed lines

    @property
    def undisputed(self) -> Decimal:
        """The total without VAT less the disputed lines."""
        return self.totals.net - self.disputed


def figures(invoice: Invoice, sums: Sequence[LineSum] | None = None) -> DocumentFigures:
    """A document's figures from its lines, or from ``sums`` when its lines were not read."""
    sums = line_sums(invoice) if sums is None else sums
    disputed = _sum((part.net for part in sums if part.disputed), invoice.currency)
    return DocumentFigures(invoice, totals(invoice, sums), disputed)


def figures_of(documents: Sequence[Invoice | DocumentFigures]) -> list[DocumentFigures]:
    """Each document's figures: as read, or worked out from its lines."""
    return [d if isinstance(d, DocumentFigures) else figures(d) for d in documents]


@dataclass(frozen=True)
class Mismatch:
    """A business rule the document's declared figures break, with both figures."""

    rule: str  # "BR-CO-13"
    what: str  # "the total without VAT"
    declared: Decimal
    computed: Decimal
    how: str  # how the computed figure is made
    currency: str = "EUR"

    def sentence(self, language: str = "en") -> str:
        cur = self.currency
        return (
            f"{self.rule}: the document declares {self.what} as "
            f"{format_money(self.declared, cur, language)}, but {self.how} "
            f"{format_money(self.computed, cur, language)}"
        )


def check(invoice: Invoice) -> list[Mismatch]:
    """The declared totals that do not follow from the document's own parts (BR-CO-10..16)."""
    t = totals(invoice)
    cur = invoice.currency
    vat_from_categories = _sum((v.tax for v in invoice.vat_breakdown), cur)
    rules: list[tuple[str, str, Decimal | None, Decimal, str]] = [
        (
            "BR-CO-10",
            "the sum of the lines",
            invoice.declared_net,
            t.line_total,
            "the lines add up to",
        ),
        (
            "BR-CO-11",
            "the document's allowances",
            invoice.declared_allowances,
            t.allowances,
            "its allowances add up to",
        ),
        (
            "BR-CO-12",
            "the document's charges",
            invoice.declared_charges,
            t.charges,
            "its charges add up to",
        ),
        (
            "BR-CO-13",
            "the total without VAT",
            invoice.declared_tax_exclusive,
            _declared_or(invoice.declared_net, t.line_total)
            - _declared_or(invoice.declared_allowances, t.allowances)
            + _declared_or(invoice.declared_charges, t.charges),
            "lines − allowances + charges make",
        ),
        (
            "BR-CO-14",
            "the VAT total",
            invoice.declared_tax if invoice.vat_breakdown else None,
            vat_from_categories,
            "the VAT of its categories adds up to",
        ),
        (
            "BR-CO-15",
            "the total with VAT",
            invoice.declared_tax_inclusive,
            _declared_or(invoice.declared_tax_exclusive, t.net)
            + _declared_or(invoice.declared_tax, t.vat),
            "the total without VAT plus VAT makes",
        ),
        (
            "BR-CO-16",
            "the amount due",
            invoice.declared_payable,
            _declared_or(invoice.declared_tax_inclusive, t.gross) - t.prepaid + t.rounding,
            "the total with VAT − prepaid + rounding makes",
        ),
    ]
    return [
        Mismatch(rule, what, quantize(declared, cur), quantize(computed, cur), how, cur)
        for rule, what, declared, computed, how in rules
        if declared is not None and quantize(declared, cur) != quantize(computed, cur)
    ]


def _declared_or(declared: Decimal | None, computed: Decimal) -> Decimal:
    return computed if declared is None else declared


def describe(item: AllowanceCharge) -> str:
    """ "charge: Delivery (25.00)" as a plain phrase, without the amount's currency."""
    kind = "charge" if item.charge else "allowance"
    reason = item.reason or item.reason_code or kind
    return f"{kind}: {reason}"


LINE_TOLERANCE = Decimal("0.01")


def line_worked_out(line: InvoiceLine) -> Decimal:
    """Quantity x price (per its base quantity) + the line's charges - its allowances: what the
    line amount should be (BR-LIN-04 / BT-131). ``unit_price`` is already per one unit."""
    adjustment = sum((a.signed for a in line.allowances), Decimal(0))
    return line.quantity * line.unit_price + adjustment


def line_adds_up(line: InvoiceLine) -> bool:
    """Whether the line's amount is its quantity x price with its allowances and charges, to
    the cent."""
    return abs(line_worked_out(line) - line.net_amount) <= LINE_TOLERANCE
