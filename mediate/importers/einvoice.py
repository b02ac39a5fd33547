"""Electronic invoices: UBL 2.1 Invoice and CreditNote (Peppol BIS 3, EN 16931, XRechnung,
NLCIUS) and UN/CEFACT Cross Industry Invoice (CII).

The whole EN 16931 money model is read: lines (net amount, VAT category and rate, price base
quantity, their own allowances and charges), document-level allowances and charges, the VAT
breakdown in the document currency, the declared totals (BT-106..BT-115), prepaid and rounding,
and the invoice a correction refers to (BT-25/26).

Amounts are kept as written, also on credit notes and negative invoices: ``Invoice.kind`` says
what the document does to the amount owed. Figures that do not add up are reported as notices,
not refused: a line whose quantity x price (+ charges - allowances) is not its amount, and each
declared total that breaks EN 16931 BR-CO-10..16 (``invoice_totals.check``), with both figures.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from xml.etree.ElementTree import Element

from mediate.domain.invoice_totals import check, line_adds_up, line_worked_out
from mediate.domain.model import AllowanceCharge, Invoice, InvoiceKind, InvoiceLine, VatBreakdown
from mediate.domain.money import quantize
from mediate.importers.problems import BadInput, Notice, read_limited, too_large
from mediate.importers.xmltools import Scope, local_name, parse_xml

UBL_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
UBL_CREDIT_NOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
CII_INVOICE = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
UBL = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
CII = {
    "rsm": CII_INVOICE,
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
}
# UNTDID 1001 document types that are credit notes (EN 16931 code list).
CREDIT_NOTE_CODES = frozenset({"81", "83", "381", "396", "532"})
TOLERANCE = Decimal("0.01")
_CURRENCY = re.compile(r"[A-Z]{3}")

Period = tuple[date | None, date | None]


def read_einvoice(path: Path) -> tuple[Invoice, list[Notice]]:
    """Read a UBL or CII e-invoice file; files over the size limit are refused."""
    return parse_einvoice(read_limited(path), path.name)


def parse_einvoice(data: bytes, source: str) -> tuple[Invoice, list[Notice]]:
    """The invoice in ``data``, and notices about figures that do not add up."""
    root = parse_xml(data, source)
    reader = _READERS.get(root.tag)
    if reader is None:
        namespace = root.tag[1:].partition("}")[0] if root.tag.startswith("{") else ""
        raise BadInput(
            source,
            "root element",
            f"<{local_name(root)}> "
            + (f"in namespace {namespace} " if namespace else "without a namespace ")
            + "is not an e-invoice; expected a UBL Invoice or CreditNote "
            "or a UN/CEFACT CrossIndustryInvoice",
        )
    notices: list[Notice] = []
    invoice = reader(root, source, notices)
    if not invoice.lines:
        raise BadInput(source, "", "the invoice has no lines")
    return invoice, notices


def _read_ubl(root: Element, source: str, notices: list[Notice]) -> Invoice:
    doc = Scope(source, UBL, root)
    credit = local_name(root) == "CreditNote"
    type_code = doc.text("cbc:CreditNoteTypeCode" if credit else "cbc:InvoiceTypeCode")
    currency = _currency(doc, "cbc:DocumentCurrencyCode")
    sums = "cac:LegalMonetaryTotal"
    tax_total = _ubl_tax_total(doc, currency, notices)
    invoice = Invoice(
        number=doc.text("cbc:ID", required=True),
        kind=_kind(credit or type_code in CREDIT_NOTE_CODES),
        issue_date=doc.date("cbc:IssueDate"),
        due_date=doc.date("cbc:DueDate")
        or doc.date("cac:PaymentMeans/cbc:PaymentDueDate")
        or doc.date("cac:PaymentTerms/cbc:PaymentDueDate"),
        currency=currency,
        seller=_ubl_party(doc, "cac:AccountingSupplierParty/cac:Party"),
        buyer=_ubl_party(doc, "cac:AccountingCustomerParty/cac:Party"),
        payment_terms=" ".join(doc.texts("cac:PaymentTerms/cbc:Note")),
        declared_net=doc.amount(f"{sums}/cbc:LineExtensionAmount", currency),
        declared_allowances=doc.amount(f"{sums}/cbc:AllowanceTotalAmount", currency),
        declared_charges=doc.amount(f"{sums}/cbc:ChargeTotalAmount", currency),
        declared_tax_exclusive=doc.amount(f"{sums}/cbc:TaxExclusiveAmount", currency),
        declared_tax=tax_total.amount("cbc:TaxAmount", currency) if tax_total else None,
        declared_tax_inclusive=doc.amount(f"{sums}/cbc:TaxInclusiveAmount", currency),
        prepaid=doc.amount(f"{sums}/cbc:PrepaidAmount", currency),
        rounding=doc.amount(f"{sums}/cbc:PayableRoundingAmount", currency),
        declared_payable=doc.amount(f"{sums}/cbc:PayableAmount", currency),
        source=source,
    )
    invoice.allowances = _allowances(doc, "cac:AllowanceCharge", UBL_ALLOWANCE, currency)
    if tax_total is not None:
        invoice.vat_breakdown = [
            _vat(entry, UBL_VAT, currency) for entry in _entries(tax_total, "cac:TaxSubtotal")
        ]
    _billing_reference(
        doc,
        "cac:BillingReference/cac:InvoiceDocumentReference",
        "cbc:ID",
        lambda ref: ref.date("cbc:IssueDate"),
        invoice,
        notices,
    )
    period = _ubl_period(doc)
    line_path, quantity_path = (
        ("cac:CreditNoteLine", "cbc:CreditedQuantity")
        if credit
        else ("cac:InvoiceLine", "cbc:InvoicedQuantity")
    )
    for position, element in enumerate(doc.all(line_path), start=1):
        line = Scope(source, UBL, element, f"{local_name(element)} {position}")
        tax = "cac:Item/cac:ClassifiedTaxCategory"
        price, base = _price(line, "cac:Price/cbc:PriceAmount", "cac:Price/cbc:BaseQuantity")
        item = InvoiceLine(
            position=position,
            line_ref=line.text("cbc:ID"),
            description=_describe(
                line.texts("cac:Item/cbc:Name")
                + line.texts("cac:Item/cbc:Description")
                + line.texts("cbc:Note")
            ),
            quantity=line.required_decimal(quantity_path),
            unit=_unit(line, quantity_path),
            unit_price=price / base if base is not None else price,
            base_quantity=base,
            net_amount=line.amount("cbc:LineExtensionAmount", currency, required=True),
            vat_rate=line.decimal(f"{tax}/cbc:Percent"),
            vat_category=line.text(f"{tax}/cbc:ID").upper(),
            allowances=_allowances(line, "cac:AllowanceCharge", UBL_ALLOWANCE, currency),
        )
        own_period = line.find("cac:InvoicePeriod") is not None
        item.service_date, item.service_end = _ubl_period(line) if own_period else period
        _check_line(line, item, price, currency, notices)
        invoice.lines.append(item)
    elements = dict(UBL_TOTALS)
    if tax_total is not None:  # the one in the document currency, maybe not the first
        elements["BR-CO-14"] = tax_total.place("cbc:TaxAmount")
    _check_totals(doc, elements, invoice, notices)
    return invoice


def _read_cii(root: Element, source: str, notices: list[Notice]) -> Invoice:
    doc = Scope(source, CII, root)
    head = "rsm:ExchangedDocument"
    trade = "rsm:SupplyChainTradeTransaction"
    agreement = f"{trade}/ram:ApplicableHeaderTradeAgreement"
    settlement = f"{trade}/ram:ApplicableHeaderTradeSettlement"
    sums = f"{settlement}/ram:SpecifiedTradeSettlementHeaderMonetarySummation"
    terms = f"{settlement}/ram:SpecifiedTradePaymentTerms"
    currency = _currency(doc, f"{settlement}/ram:InvoiceCurrencyCode")
    invoice = Invoice(
        number=doc.text(f"{head}/ram:ID", required=True),
        kind=_kind(doc.text(f"{head}/ram:TypeCode") in CREDIT_NOTE_CODES),
        issue_date=doc.cii_date(f"{head}/ram:IssueDateTime"),
        due_date=doc.cii_date(f"{terms}/ram:DueDateDateTime"),
        currency=currency,
        seller=_cii_party(doc, f"{agreement}/ram:SellerTradeParty"),
        buyer=_cii_party(doc, f"{agreement}/ram:BuyerTradeParty"),
        payment_terms=" ".join(doc.texts(f"{terms}/ram:Description")),
        declared_net=doc.amount(f"{sums}/ram:LineTotalAmount", currency),
        declared_allowances=doc.amount(f"{sums}/ram:AllowanceTotalAmount", currency),
        declared_charges=doc.amount(f"{sums}/ram:ChargeTotalAmount", currency),
        declared_tax_exclusive=doc.amount(f"{sums}/ram:TaxBasisTotalAmount", currency),
        declared_tax=_in_currency(doc, f"{sums}/ram:TaxTotalAmount", currency, notices),
        declared_tax_inclusive=doc.amount(f"{sums}/ram:GrandTotalAmount", currency),
        prepaid=doc.amount(f"{sums}/ram:TotalPrepaidAmount", currency),
        rounding=doc.amount(f"{sums}/ram:RoundingAmount", currency),
        declared_payable=doc.amount(f"{sums}/ram:DuePayableAmount", currency),
        source=source,
    )
    invoice.allowances = _allowances(
        doc, f"{settlement}/ram:SpecifiedTradeAllowanceCharge", CII_ALLOWANCE, currency
    )
    invoice.vat_breakdown = [
        _vat(entry, CII_VAT, currency)
        for entry in _entries(doc, f"{settlement}/ram:ApplicableTradeTax")
    ]
    issued = "ram:FormattedIssueDateTime"
    _billing_reference(
        doc,
        f"{settlement}/ram:InvoiceReferencedDocument",
        "ram:IssuerAssignedID",
        lambda ref: ref.cii_date(issued, "qdt:DateTimeString") or ref.cii_date(issued),
        invoice,
        notices,
    )
    period = _cii_period(doc, f"{settlement}/ram:BillingSpecifiedPeriod")
    for position, element in enumerate(doc.all(f"{trade}/ram:IncludedSupplyChainTradeLineItem"), 1):
        line = Scope(source, CII, element, f"{local_name(element)} {position}")
        line_doc = "ram:AssociatedDocumentLineDocument"
        net_price = "ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice"
        quantity_path = "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity"
        settle = "ram:SpecifiedLineTradeSettlement"
        tax = f"{settle}/ram:ApplicableTradeTax"
        price, base = _price(
            line, f"{net_price}/ram:ChargeAmount", f"{net_price}/ram:BasisQuantity"
        )
        item = InvoiceLine(
            position=position,
            line_ref=line.text(f"{line_doc}/ram:LineID"),
            description=_describe(
                line.texts("ram:SpecifiedTradeProduct/ram:Name")
                + line.texts("ram:SpecifiedTradeProduct/ram:Description")
                + line.texts(f"{line_doc}/ram:IncludedNote/ram:Content")
            ),
            quantity=line.required_decimal(quantity_path),
            unit=_unit(line, quantity_path),
            unit_price=price / base if base is not None else price,
            base_quantity=base,
            net_amount=line.amount(
                f"{settle}/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount",
                currency,
                required=True,
            ),
            vat_rate=line.decimal(f"{tax}/ram:RateApplicablePercent"),
            vat_category=line.text(f"{tax}/ram:CategoryCode").upper(),
            allowances=_allowances(
                line, f"{settle}/ram:SpecifiedTradeAllowanceCharge", CII_ALLOWANCE, currency
            ),
        )
        line_period = f"{settle}/ram:BillingSpecifiedPeriod"
        own_period = line.find(line_period) is not None
        item.service_date, item.service_end = (
            _cii_period(line, line_period) if own_period else period
        )
        _check_line(line, item, price, currency, notices)
        invoice.lines.append(item)
    _check_totals(
        doc, {rule: f"{sums}/{path}" for rule, path in CII_TOTALS.items()}, invoice, notices
    )
    return invoice


_READERS: dict[str, Callable[[Element, str, list[Notice]], Invoice]] = {
    f"{{{UBL_INVOICE}}}Invoice": _read_ubl,
    f"{{{UBL_CREDIT_NOTE}}}CreditNote": _read_ubl,
    f"{{{CII_INVOICE}}}CrossIndustryInvoice": _read_cii,
}


def _kind(credit: bool) -> InvoiceKind:
    return InvoiceKind.CREDIT_NOTE if credit else InvoiceKind.INVOICE


def _currency(doc: Scope, path: str) -> str:
    code = doc.text(path, required=True).upper()
    if not _CURRENCY.fullmatch(code):
        raise doc.fail(path, f"“{code}” is not a currency code")
    return code


def _ubl_party(doc: Scope, party: str) -> str:
    return doc.text(f"{party}/cac:PartyLegalEntity/cbc:RegistrationName") or doc.text(
        f"{party}/cac:PartyName/cbc:Name"
    )


def _cii_party(doc: Scope, party: str) -> str:
    return doc.text(f"{party}/ram:Name") or doc.text(
        f"{party}/ram:SpecifiedLegalOrganization/ram:TradingBusinessName"
    )


def _ubl_period(scope: Scope) -> Period:
    start, end = "cac:InvoicePeriod/cbc:StartDate", "cac:InvoicePeriod/cbc:EndDate"
    return scope.date(start), scope.date(end)


def _cii_period(scope: Scope, path: str) -> Period:
    return scope.cii_date(f"{path}/ram:StartDateTime"), scope.cii_date(f"{path}/ram:EndDateTime")


def _in_currency(doc: Scope, path: str, currency: str, notices: list[Notice]) -> Decimal | None:
    """The amount at ``path`` in the document currency (a tax total may also be given in the tax
    currency, BT-111); a notice when the document gives it only in other currencies."""
    elements = doc.all(path)
    for number, element in enumerate(elements, start=1):
        if _in(element, currency):
            return doc.amount(path if len(elements) == 1 else f"{path}[{number}]", currency)
    if elements:
        _other_currency(doc, path, elements, currency, notices)
    return None


def _in(element: Element | None, currency: str) -> bool:
    """Whether an amount element is in ``currency`` (an amount without currencyID is)."""
    given = element.get("currencyID") if element is not None else None
    return given is None or given.strip().upper() == currency


def _ubl_tax_total(doc: Scope, currency: str, notices: list[Notice]) -> Scope | None:
    """The ``cac:TaxTotal`` in the document currency: a document whose tax currency differs
    (BT-6) gives a second one, with only the VAT total in that currency (BT-111)."""
    totals = _entries(doc, "cac:TaxTotal")
    for total in totals:
        if _in(total.find("cbc:TaxAmount"), currency):
            return total
    found = doc.all("cac:TaxTotal/cbc:TaxAmount")
    if found:
        _other_currency(doc, "cac:TaxTotal/cbc:TaxAmount", found, currency, notices)
    return None


def _other_currency(
    doc: Scope, path: str, elements: list[Element], currency: str, notices: list[Notice]
) -> None:
    others = ", ".join(dict.fromkeys((e.get("currencyID") or "").strip() for e in elements))
    notices.append(
        Notice(
            doc.source,
            doc.place(path),
            f"the VAT total is given only in {others}, not in the invoice currency {currency}; "
            "it was not read",
        )
    )


def _describe(parts: list[str]) -> str:
    return " — ".join(dict.fromkeys(parts))


def _unit(line: Scope, quantity_path: str) -> str:
    element = line.find(quantity_path)
    return (element.get("unitCode") or "").strip() if element is not None else ""


def _price(line: Scope, price_path: str, base_path: str) -> tuple[Decimal, Decimal | None]:
    """The item's net price (BT-146) and its base quantity (BT-149) when that is not 1."""
    price = line.required_decimal(price_path)
    base = line.decimal(base_path)
    if base is None or base == 1:
        return price, None
    if base == 0:
        raise line.fail(base_path, "the base quantity is 0")
    if too_large(price / base):
        raise line.fail(base_path, f"the price per unit, {price} / {base}, is too large")
    return price, base


def _entries(scope: Scope, path: str) -> list[Scope]:
    """Each element at ``path`` as a scope of its own, named ``Path 2`` when there are several."""
    elements = scope.all(path)
    name = scope.place(path)
    return [
        Scope(scope.source, scope.ns, element, name if len(elements) == 1 else f"{name} {number}")
        for number, element in enumerate(elements, start=1)
    ]


@dataclass(frozen=True)
class _AllowancePaths:
    indicator: str
    amount: str
    base: str
    percent: str
    reason: str
    reason_code: str
    category: str
    rate: str


UBL_ALLOWANCE = _AllowancePaths(
    indicator="cbc:ChargeIndicator",
    amount="cbc:Amount",
    base="cbc:BaseAmount",
    percent="cbc:MultiplierFactorNumeric",
    reason="cbc:AllowanceChargeReason",
    reason_code="cbc:AllowanceChargeReasonCode",
    category="cac:TaxCategory/cbc:ID",
    rate="cac:TaxCategory/cbc:Percent",
)
CII_ALLOWANCE = _AllowancePaths(
    indicator="ram:ChargeIndicator/udt:Indicator",
    amount="ram:ActualAmount",
    base="ram:BasisAmount",
    percent="ram:CalculationPercent",
    reason="ram:Reason",
    reason_code="ram:ReasonCode",
    category="ram:CategoryTradeTax/ram:CategoryCode",
    rate="ram:CategoryTradeTax/ram:RateApplicablePercent",
)


def _allowances(
    scope: Scope, path: str, paths: _AllowancePaths, currency: str
) -> list[AllowanceCharge]:
    """The allowances and charges at ``path`` (BG-20/21 on the document, BG-27/28 on a line),
    amounts as written (a negative invoice writes them negative)."""
    return [
        AllowanceCharge(
            charge=entry.boolean(paths.indicator),
            amount=_required_amount(entry, paths.amount, currency),
            base_amount=entry.amount(paths.base, currency),
            percent=entry.decimal(paths.percent),
            reason=entry.text(paths.reason),
            reason_code=entry.text(paths.reason_code),
            vat_category=entry.text(paths.category).upper(),
            vat_rate=entry.decimal(paths.rate),
        )
        for entry in _entries(scope, path)
    ]


@dataclass(frozen=True)
class _VatPaths:
    taxable: str
    tax: str
    category: str
    rate: str
    reason: str
    reason_code: str


UBL_VAT = _VatPaths(
    taxable="cbc:TaxableAmount",
    tax="cbc:TaxAmount",
    category="cac:TaxCategory/cbc:ID",
    rate="cac:TaxCategory/cbc:Percent",
    reason="cac:TaxCategory/cbc:TaxExemptionReason",
    reason_code="cac:TaxCategory/cbc:TaxExemptionReasonCode",
)
CII_VAT = _VatPaths(
    taxable="ram:BasisAmount",
    tax="ram:CalculatedAmount",
    category="ram:CategoryCode",
    rate="ram:RateApplicablePercent",
    reason="ram:ExemptionReason",
    reason_code="ram:ExemptionReasonCode",
)


def _vat(entry: Scope, paths: _VatPaths, currency: str) -> VatBreakdown:
    """One VAT category of the breakdown (BG-23)."""
    return VatBreakdown(
        category=entry.text(paths.category).upper(),
        rate=entry.decimal(paths.rate),
        taxable=_required_amount(entry, paths.taxable, currency),
        tax=_required_amount(entry, paths.tax, currency),
        exemption_reason=entry.text(paths.reason) or entry.text(paths.reason_code),
    )


def _required_amount(scope: Scope, path: str, currency: str) -> Decimal:
    amount = scope.amount(path, currency, required=True)
    assert amount is not None  # required: absent raises BadInput
    return amount


def _billing_reference(
    doc: Scope,
    path: str,
    id_path: str,
    issued: Callable[[Scope], date | None],
    invoice: Invoice,
    notices: list[Notice],
) -> None:
    """The invoice this document corrects (BT-25, BT-26); the first when it names several."""
    refs = [ref for ref in _entries(doc, path) if ref.text(id_path)]
    if not refs:
        return
    first = refs[0]
    invoice.billing_reference = first.text(id_path)
    invoice.billing_reference_date = issued(first)
    if len(refs) > 1:
        others = ", ".join(ref.text(id_path) for ref in refs[1:])
        notices.append(
            Notice(
                doc.source,
                doc.place(path),
                f"the document refers to {len(refs)} preceding invoices; mediate keeps the "
                f"first, {invoice.billing_reference}, as the invoice it corrects, and not "
                f"{others}",
            )
        )


def _check_line(
    line: Scope, item: InvoiceLine, price: Decimal, currency: str, notices: list[Notice]
) -> None:
    """Quantity x price (per its base quantity) + the line's charges - its allowances should
    make the line amount (BR-LIN-04 / BT-131), within a cent."""
    if line_adds_up(item):
        return
    base = item.base_quantity
    adjustment = sum((a.signed for a in item.allowances), Decimal(0))
    expected = line_worked_out(item)
    per = f" / {base} (the price's base quantity)" if base is not None else ""
    extra = ""
    if adjustment:
        extra = f" {'+' if adjustment > 0 else '−'} {abs(adjustment)} (allowances and charges)"
    hint = ""
    if base is not None and abs(item.quantity * price + adjustment - item.net_amount) <= TOLERANCE:
        hint = "; without the base quantity it would match"
    notices.append(
        Notice(
            line.source,
            line.where,
            f"quantity × price is {item.quantity} × {price}{per}{extra} = "
            f"{quantize(expected, currency)}, but the line amount is {item.net_amount}{hint}",
        )
    )


# Where each EN 16931 total is written: the element a BR-CO notice names.
UBL_TOTALS = {
    "BR-CO-10": "cac:LegalMonetaryTotal/cbc:LineExtensionAmount",
    "BR-CO-11": "cac:LegalMonetaryTotal/cbc:AllowanceTotalAmount",
    "BR-CO-12": "cac:LegalMonetaryTotal/cbc:ChargeTotalAmount",
    "BR-CO-13": "cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount",
    "BR-CO-14": "cac:TaxTotal/cbc:TaxAmount",
    "BR-CO-15": "cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount",
    "BR-CO-16": "cac:LegalMonetaryTotal/cbc:PayableAmount",
}
CII_TOTALS = {
    "BR-CO-10": "ram:LineTotalAmount",
    "BR-CO-11": "ram:AllowanceTotalAmount",
    "BR-CO-12": "ram:ChargeTotalAmount",
    "BR-CO-13": "ram:TaxBasisTotalAmount",
    "BR-CO-14": "ram:TaxTotalAmount",
    "BR-CO-15": "ram:GrandTotalAmount",
    "BR-CO-16": "ram:DuePayableAmount",
}


def _check_totals(
    doc: Scope, elements: dict[str, str], invoice: Invoice, notices: list[Notice]
) -> None:
    """A notice for each declared total that does not follow from the document's own parts
    (EN 16931 BR-CO-10..16), naming the element and giving both figures."""
    for mismatch in check(invoice):
        notices.append(Notice(doc.source, doc.place(elements[mismatch.rule]), mismatch.sentence()))
