"""Every real e-invoice, read whole: each total the document declares (BT-106..BT-115) is what the
record holds or works out from the parts the importer read (lines, allowances and charges, the
VAT breakdown, prepaid, rounding), the lines keep their own IDs, and corrections keep the invoice
they correct. The declared figures come from ``declared_totals.toml``, copied from the XML by
hand and checked twice (see SOURCES.md), not from the importer.
"""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from mediate.domain.invoice_totals import totals
from mediate.domain.model import Invoice
from mediate.domain.money import quantize
from mediate.importers.einvoice import parse_einvoice
from mediate.importers.problems import Notice

REAL = Path(__file__).parent / "fixtures" / "real" / "einvoices"
DECLARED = tomllib.loads((REAL / "declared_totals.toml").read_text(encoding="utf-8"))
FILES = sorted(p.name for p in REAL.glob("*.xml"))
KEYS = {
    "line_total",
    "allowance_total",
    "charge_total",
    "tax_exclusive",
    "tax",
    "tax_inclusive",
    "prepaid",
    "rounding",
    "payable",
}
# The documents that name the invoice they correct (BT-25), and its date (BT-26) where given.
BILLING_REFERENCES = {
    "en16931-BIS_Billing_30-Kreditering_med_kreditnota.xml": ("2018133", "2018-02-08"),
    "en16931-BIS_Billing_30-Kreditering_med_negativ_faktura.xml": ("2018133", "2018-02-08"),
    "en16931-CreditNote-Max_content.xml": ("Preceding invoice no.1", "2018-01-31"),
    "en16931-CII_example5.xml": ("TOSL109", "2013-03-10"),
    "xrechnung-01.18a-INVOICE_cii.xml": ("PRG1502168", None),
}
_LINE_ID = {
    "ubl": re.compile(rb"<(?:\w+:)?(?:InvoiceLine|CreditNoteLine)>\s*<(?:\w+:)?ID>([^<]*)<"),
    "cii": re.compile(rb"<(?:\w+:)?AssociatedDocumentLineDocument>\s*<(?:\w+:)?LineID>([^<]*)<"),
}


def read(name: str) -> tuple[Invoice, list[Notice]]:
    return parse_einvoice((REAL / name).read_bytes(), name)


def cents(value: str | Decimal, currency: str) -> Decimal:
    return quantize(Decimal(value), currency)


def test_every_file_has_its_declared_totals():
    assert set(DECLARED) == set(FILES)
    assert len(FILES) == 22
    for name, declared in DECLARED.items():
        assert set(declared) - {"currency"} <= KEYS, name


@pytest.mark.parametrize("name", FILES)
def test_declared_totals_are_what_the_record_holds(name):
    invoice, _ = read(name)
    declared = DECLARED[name]
    cur = declared["currency"]
    assert invoice.currency == cur
    t = totals(invoice)
    figures = {
        "line_total": [
            sum((ln.net_amount for ln in invoice.lines), Decimal(0)),
            invoice.declared_net,
        ],
        "allowance_total": [t.allowances],
        "charge_total": [t.charges],
        "tax_exclusive": [t.net],
        "tax": [t.vat],
        "tax_inclusive": [t.gross],
        "prepaid": [invoice.prepaid],
        "rounding": [invoice.rounding],
        "payable": [t.due],
    }
    checked = 0
    for key, written in declared.items():
        if key == "currency":
            continue
        for figure in figures[key]:
            assert figure is not None, f"{name}: {key} was not read"
            assert cents(figure, cur) == cents(written, cur), f"{name}: {key}"
            checked += 1
    assert checked >= 6  # every file states at least lines, tax excl., tax, incl., payable


@pytest.mark.parametrize("name", FILES)
def test_real_files_add_up(name):
    """The documents are consistent (SOURCES.md), so no EN 16931 BR-CO rule is reported."""
    _, notices = read(name)
    assert [str(n) for n in notices if "BR-CO-" in n.what] == []


@pytest.mark.parametrize("name", FILES)
def test_lines_keep_their_own_ids(name):
    data = (REAL / name).read_bytes()
    kind = "cii" if b"CrossIndustryInvoice" in data[:2000] else "ubl"
    written = [m.decode().strip() for m in _LINE_ID[kind].findall(data)]
    invoice, _ = read(name)
    assert len(written) == len(invoice.lines)
    assert [" ".join(w.split()) for w in written] == [line.line_ref for line in invoice.lines]
    assert all(line.line_ref for line in invoice.lines)


@pytest.mark.parametrize("name", FILES)
def test_corrections_keep_the_invoice_they_correct(name):
    invoice, _ = read(name)
    expected = BILLING_REFERENCES.get(name, ("", None))
    issued = invoice.billing_reference_date
    assert (invoice.billing_reference, issued.isoformat() if issued else None) == expected


def test_several_billing_references_keep_the_first_and_say_so():
    invoice, notices = read("en16931-CreditNote-Max_content.xml")
    assert invoice.billing_reference == "Preceding invoice no.1"
    [notice] = [n for n in notices if n.where.startswith("BillingReference")]
    assert notice.what == (
        "the document refers to 2 preceding invoices; mediate keeps the first, "
        "Preceding invoice no.1, as the invoice it corrects, and not Preceding invoice no.2"
    )


def test_the_document_parts_are_read_with_their_details():
    invoice, _ = read("en16931-BIS_Billing_30-Kreditering_med_kreditnota.xml")
    campaign, warehousing = invoice.allowances
    assert (campaign.charge, campaign.amount, campaign.reason) == (False, Decimal(1912), "Campaign")
    assert (campaign.base_amount, campaign.percent) == (Decimal(9560), Decimal(20))
    assert (campaign.vat_category, campaign.vat_rate) == ("S", Decimal(25))
    assert (warehousing.charge, warehousing.signed) == (True, Decimal(1020))
    [vat] = invoice.vat_breakdown
    assert (vat.category, vat.rate, vat.taxable, vat.tax) == ("S", 25, 8668, 2167)
    first = invoice.lines[0]
    assert [(a.charge, a.amount, a.reason) for a in first.allowances] == [
        (False, Decimal(300), "Quantity discount"),
        (True, Decimal(500), "Repacking"),
    ]
    assert (first.base_quantity, first.unit_price, first.vat_category) == (2, 5, "S")


# The only lines in these files whose quantity x price (per base quantity, with the line's own
# allowances and charges) is not the line amount: mistakes in the published examples themselves.
LINE_NOTICES = {
    "en16931-ubl-tc434-example2.xml": ["InvoiceLine 1"],  # 2 × 1273.00 declared as 1273.00
    "en16931-CII_business_example_Z.xml": ["IncludedSupplyChainTradeLineItem 3"],  # 1 × 1.50
    # Every price is written again as its own base quantity ("1273 per 1273").
    "en16931-CII_example2.xml": [f"IncludedSupplyChainTradeLineItem {n}" for n in range(1, 6)],
}


@pytest.mark.parametrize("name", FILES)
def test_the_line_check_is_quiet_where_the_lines_add_up(name):
    """Line allowances and charges (ChargeIndicator true/false/1/0) and price base quantities
    are counted: a line that adds up gives no notice."""
    _, notices = read(name)
    lines = [n.where for n in notices if n.what.startswith("quantity × price")]
    assert lines == LINE_NOTICES.get(name, [])
