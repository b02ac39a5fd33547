"""Electronic invoices: UBL 2.1 Invoice and CreditNote (Peppol BIS 3, EN 16931, XRechnung,
NLCIUS) and UN/CEFACT Cross Industry Invoice (CII).

Amounts are kept as written, also on credit notes: ``Invoice.kind`` says they reduce what is owed.
Figures that do not add up are reported as notices, not refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from xml.etree.ElementTree import Element

from mediate.domain.model import Invoice, InvoiceKind, InvoiceLine
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
        declared_net=doc.amount("cac:LegalMonetaryTotal/cbc:LineExtensionAmount", currency),
        declared_tax=_in_currency(doc, "cac:TaxTotal/cbc:TaxAmount", currency),
        declared_payable=doc.amount("cac:LegalMonetaryTotal/cbc:PayableAmount", currency),
        source=source,
    )
    period = _ubl_period(doc)
    line_path, quantity_path = (
        ("cac:CreditNoteLine", "cbc:CreditedQuantity")
        if credit
        else ("cac:InvoiceLine", "cbc:InvoicedQuantity")
    )
    for position, element in enumerate(doc.all(line_path), start=1):
        line = Scope(source, UBL, element, f"{local_name(element)} {position}")
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
            unit_price=_unit_price(line, "cac:Price/cbc:PriceAmount", "cac:Price/cbc:BaseQuantity"),
            net_amount=line.amount("cbc:LineExtensionAmount", currency, required=True),
            vat_rate=line.decimal("cac:Item/cac:ClassifiedTaxCategory/cbc:Percent"),
        )
        own_period = line.find("cac:InvoicePeriod") is not None
        item.service_date, item.service_end = _ubl_period(line) if own_period else period
        adjustment = _adjustment(line, "cac:AllowanceCharge", "cbc:ChargeIndicator", "cbc:Amount")
        _check_line(line, item, adjustment, notices)
        invoice.lines.append(item)
    _check_total(doc, "cac:LegalMonetaryTotal/cbc:LineExtensionAmount", invoice, notices)
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
        declared_tax=_in_currency(doc, f"{sums}/ram:TaxTotalAmount", currency),
        declared_payable=doc.amount(f"{sums}/ram:DuePayableAmount", currency),
        source=source,
    )
    period = _cii_period(doc, f"{settlement}/ram:BillingSpecifiedPeriod")
    for position, element in enumerate(doc.all(f"{trade}/ram:IncludedSupplyChainTradeLineItem"), 1):
        line = Scope(source, CII, element, f"{local_name(element)} {position}")
        line_doc = "ram:AssociatedDocumentLineDocument"
        price = "ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice"
        quantity_path = "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity"
        settle = "ram:SpecifiedLineTradeSettlement"
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
            unit_price=_unit_price(line, f"{price}/ram:ChargeAmount", f"{price}/ram:BasisQuantity"),
            net_amount=line.amount(
                f"{settle}/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount",
                currency,
                required=True,
            ),
            vat_rate=line.decimal(f"{settle}/ram:ApplicableTradeTax/ram:RateApplicablePercent"),
        )
        line_period = f"{settle}/ram:BillingSpecifiedPeriod"
        own_period = line.find(line_period) is not None
        item.service_date, item.service_end = (
            _cii_period(line, line_period) if own_period else period
        )
        adjustment = _adjustment(
            line,
            f"{settle}/ram:SpecifiedTradeAllowanceCharge",
            "ram:ChargeIndicator/udt:Indicator",
            "ram:ActualAmount",
        )
        _check_line(line, item, adjustment, notices)
        invoice.lines.append(item)
    _check_total(doc, f"{sums}/ram:LineTotalAmount", invoice, notices)
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


def _in_currency(doc: Scope, path: str, currency: str) -> Decimal | None:
    """The amount at ``path`` in the document currency (a tax total may also be given in another)."""
    found = doc.amount(f"{path}[@currencyID='{currency}']", currency)
    if found is None and all(e.get("currencyID") is None for e in doc.all(path)):
        return doc.amount(path, currency)
    return found


def _describe(parts: list[str]) -> str:
    return " — ".join(dict.fromkeys(parts))


def _unit(line: Scope, quantity_path: str) -> str:
    element = line.find(quantity_path)
    return (element.get("unitCode") or "").strip() if element is not None else ""


def _unit_price(line: Scope, price_path: str, base_path: str) -> Decimal:
    """The price per unit: the price divided by its base quantity when that is not 1."""
    price = line.required_decimal(price_path)
    base = line.decimal(base_path)
    if base is None or base == 1:
        return price
    if base == 0:
        raise line.fail(base_path, "the base quantity is 0")
    if too_large(price / base):
        raise line.fail(base_path, f"the price per unit, {price} / {base}, is too large")
    return price / base


def _adjustment(line: Scope, path: str, indicator: str, amount: str) -> Decimal:
    """Line charges minus line allowances."""
    total = Decimal(0)
    for number, element in enumerate(line.all(path), start=1):
        entry = Scope(line.source, line.ns, element, f"{line.place(path)} {number}")
        value = entry.required_decimal(amount)
        total += value if entry.text(indicator).lower() == "true" else -value
    return total


def _check_line(line: Scope, item: InvoiceLine, adjustment: Decimal, notices: list[Notice]) -> None:
    expected = item.quantity * item.unit_price + adjustment
    if abs(expected - item.net_amount) > TOLERANCE:
        extra = ""
        if adjustment:
            extra = f" {'+' if adjustment > 0 else '−'} {abs(adjustment)} (allowances and charges)"
        notices.append(
            Notice(
                line.source,
                line.where,
                f"quantity × price is {item.quantity} × {item.unit_price}{extra} = {expected}, "
                f"but the line amount is {item.net_amount}",
            )
        )


def _check_total(doc: Scope, path: str, invoice: Invoice, notices: list[Notice]) -> None:
    declared = invoice.declared_net
    if declared is not None and invoice.line_sum != declared:
        notices.append(
            Notice(
                doc.source,
                doc.place(path),
                f"the lines add up to {invoice.line_sum} {invoice.currency}, "
                f"but the invoice declares {declared} {invoice.currency}",
            )
        )
