"""E-invoice import: real UBL/CII files with their exact figures, and hostile or broken files."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from mediate.domain.invoice_totals import totals
from mediate.domain.model import Invoice, InvoiceKind
from mediate.importers.einvoice import parse_einvoice, read_einvoice
from mediate.importers.problems import MAX_FILE_BYTES, BadInput

REAL = Path(__file__).parent / "fixtures" / "real" / "einvoices"
D = Decimal


def read(name: str) -> Invoice:
    invoice, notices = read_einvoice(REAL / name)
    assert notices == []
    assert invoice.source == name
    return invoice


def amounts(invoice: Invoice) -> list[Decimal]:
    return [line.net_amount for line in invoice.lines]


# --- real files ------------------------------------------------------------------------------


def test_xrechnung_ubl():
    invoice = read("xrechnung-01.21a-INVOICE_ubl.xml")
    assert invoice.number == "18383"
    assert invoice.kind == InvoiceKind.INVOICE
    assert invoice.issue_date == date(2020, 11, 27)
    assert invoice.due_date == date(2020, 12, 27)
    assert invoice.currency == "EUR"
    assert invoice.seller == "Mustermann GmbH"
    assert invoice.buyer == "DB Station&Service AG RB Mitte"
    assert invoice.payment_terms == "10 Tage 3% Skonto, 30 Tage netto"
    assert invoice.declared_net == D("208.00")
    assert invoice.declared_tax == D("0.00")
    assert invoice.declared_payable == D("233.00")  # 208.00 + a 25.00 delivery charge
    assert len(invoice.lines) == 1
    line = invoice.lines[0]
    assert (line.position, line.line_ref, line.description) == (1, "1", "Tür Instandsetzung")
    assert (line.quantity, line.unit) == (D("4"), "HUR")
    assert line.unit_price == D("52.00")
    assert line.net_amount == D("208.00")
    assert line.vat_rate == D("0")
    assert (line.service_date, line.service_end) == (None, None)


def test_xrechnung_cii_is_the_same_invoice_as_the_ubl_one():
    invoice = read("xrechnung-01.21a-INVOICE_cii.xml")
    assert invoice.number == "18383"
    assert invoice.kind == InvoiceKind.INVOICE
    assert invoice.issue_date == date(2020, 11, 27)
    assert invoice.due_date == date(2020, 12, 27)
    assert invoice.currency == "EUR"
    assert invoice.seller == "Mustermann GmbH"
    assert invoice.buyer == "DB Station&Service AG RB Mitte"
    assert invoice.payment_terms == "10 Tage 3% Skonto, 30 Tage netto"
    assert (invoice.declared_net, invoice.declared_tax, invoice.declared_payable) == (
        D("208.00"),
        D("0.00"),
        D("233.00"),
    )
    [line] = invoice.lines
    assert (line.line_ref, line.description) == ("1", "Tür Instandsetzung")
    assert str(line.quantity) == "4.00"
    assert line.unit == "HUR"
    assert (line.unit_price, line.net_amount, line.vat_rate) == (D("52.00"), D("208.00"), D("0"))

    ubl = read("xrechnung-01.21a-INVOICE_ubl.xml")
    # What the two files write differently: the CII one states a zero allowance total, and its
    # VAT breakdown gives another exemption reason ("als gemeinnützig anerkannt").
    assert (invoice.declared_allowances, ubl.declared_allowances) == (D("0.00"), None)
    [cii_vat], [ubl_vat] = invoice.vat_breakdown, ubl.vat_breakdown
    assert ubl_vat.exemption_reason == "Umkehrung der Steuerschuldnerschaft"
    assert dataclasses.replace(cii_vat, exemption_reason="") == dataclasses.replace(
        ubl_vat, exemption_reason=""
    )
    assert dataclasses.replace(
        invoice, source="", declared_allowances=None, vat_breakdown=[]
    ) == dataclasses.replace(ubl, source="", vat_breakdown=[])


def test_nlcius_crlf_doc_prefix_two_vat_rates():
    invoice = read("nl-NLCIUS-voorbeeldbericht-Basisfactuur-Rijk-v01.xml")
    assert invoice.number == "Factuurscenario1"
    assert invoice.kind == InvoiceKind.INVOICE
    assert invoice.issue_date == date(2019, 10, 1)
    assert invoice.due_date is None
    assert invoice.currency == "EUR"
    assert invoice.seller == "Leverancier B.V."
    assert invoice.buyer == "Logius"
    assert invoice.payment_terms == "30dagen"
    assert invoice.declared_net == D("3250")
    assert invoice.declared_tax == D("676.50")
    assert invoice.declared_payable == D("3926.50")
    assert len(invoice.lines) == 3
    assert amounts(invoice) == [D("2200.00"), D("1000"), D("50")]
    assert [str(line.quantity) for line in invoice.lines] == ["100.00", "200", "1"]
    assert [line.unit for line in invoice.lines] == ["EA", "EA", "EA"]
    assert [line.unit_price for line in invoice.lines] == [D("22.00"), D("5.00"), D("50.00")]
    assert [line.vat_rate for line in invoice.lines] == [D("21"), D("21"), D("9")]
    assert invoice.lines[0].description == (
        "(verplicht veld) Item Name factuurregel 1 BTW0% — "
        "(Optioneel veld) Item Description factuurregel 1 BTW0%"
    )
    # No line period: the lines take the invoice's period.
    assert {(ln.service_date, ln.service_end) for ln in invoice.lines} == {
        (date(2019, 2, 18), date(2019, 3, 20))
    }


def test_en16931_credit_note():
    invoice = read("en16931-ubl-tc434-creditnote1.xml")
    assert invoice.number == "018304 / 28865"
    assert invoice.kind == InvoiceKind.CREDIT_NOTE
    assert invoice.sign == -1
    assert invoice.issue_date == date(2019, 9, 23)
    assert invoice.due_date is None
    assert invoice.currency == "EUR"
    # The registration name wins over the trading name ("My Supplier Company N.V.").
    assert invoice.seller == "My Supplier Company"
    assert invoice.buyer == "My Customer Company"
    assert invoice.payment_terms == ""
    assert invoice.declared_net == D("100.11")
    assert invoice.declared_tax == D("0.00")
    assert invoice.declared_payable == D("100.11")
    [line] = invoice.lines
    assert line.description == "Exonération du versement du PP"  # name = description, once
    assert str(line.quantity) == "1.00"
    assert line.unit == "C62"
    assert line.unit_price == D("100.11")
    assert line.net_amount == D("100.11")  # positive, as written
    assert line.vat_rate == D("0.00")
    assert (line.service_date, line.service_end) == (date(2019, 2, 1), date(2019, 2, 28))


def test_peppol_telefoni_decimal_quantities_and_line_notes():
    invoice = read("en16931-BIS_Billing_30-Telefoni.xml")
    assert invoice.number == "2007-99123"
    assert invoice.kind == InvoiceKind.INVOICE
    assert invoice.issue_date == date(2007, 2, 5)
    assert invoice.due_date == date(2007, 3, 5)
    assert invoice.currency == "SEK"
    assert invoice.seller == "Telefonitjänster AB"
    assert invoice.buyer == "Myndighet X"
    assert invoice.payment_terms == "30 dagar"
    assert invoice.declared_net == D("831.02")
    assert invoice.declared_tax == D("207.76")
    assert invoice.declared_payable == D("1039")  # 1038.78 rounded up by 0.22
    assert len(invoice.lines) == 12
    assert invoice.line_sum == D("831.02")
    assert [line.line_ref for line in invoice.lines] == [
        "10", "15", "20", "25", "30", "35", "40", "50", "55", "60", "70", "80"
    ]  # fmt: skip
    assert amounts(invoice) == [
        D("53.9"), D("0"), D("22.8"), D("205.75"), D("45"), D("192.02"),
        D("79.67"), D("10"), D("49.56"), D("22.32"), D("50"), D("100"),
    ]  # fmt: skip
    data = invoice.lines[6]
    assert (str(data.quantity), data.unit, data.unit_price) == ("5.311", "4L", D("15"))
    assert data.description == 'Datatrafik: Internet/WAP — Quantity Unit: "4L"=Megabyte'
    minutes = invoice.lines[5]
    assert (minutes.quantity, minutes.unit, minutes.unit_price) == (D("75.3"), "MIN", D("2.55"))
    assert invoice.lines[1].quantity == D("693.8")
    # 104 × 0.70 − 50 campaign allowance = 22.80: explained, so no notice.
    assert invoice.lines[2].description.endswith('"Ring mer"-kampanj: 100 samtal')
    assert (invoice.lines[2].quantity, invoice.lines[2].unit_price) == (D("104"), D("0.7"))
    assert {line.vat_rate for line in invoice.lines} == {D("25")}
    assert (invoice.lines[0].service_date, invoice.lines[0].service_end) == (
        date(2006, 11, 5),
        date(2007, 2, 4),
    )
    assert (invoice.lines[11].service_date, invoice.lines[11].service_end) == (
        date(2007, 2, 5),
        date(2007, 5, 4),
    )


# --- variants of real files ------------------------------------------------------------------


def real_bytes(name: str) -> bytes:
    return (REAL / name).read_bytes()


def same(a: Invoice, b: Invoice) -> bool:
    return dataclasses.replace(a, source="") == dataclasses.replace(b, source="")


def test_other_namespace_prefixes_read_the_same(tmp_path):
    text = real_bytes("xrechnung-01.21a-INVOICE_ubl.xml").decode()
    for old, new in (("ubl", "inv"), ("cac", "agg"), ("cbc", "b")):
        text = re.sub(rf"(</?|xmlns:){old}\b", rf"\g<1>{new}", text)
    assert "<cbc:" not in text and "<agg:InvoiceLine>" in text and "xmlns:inv=" in text
    path = tmp_path / "renamed.xml"
    path.write_text(text, encoding="utf-8")
    renamed, notices = read_einvoice(path)
    assert notices == []
    assert same(renamed, read("xrechnung-01.21a-INVOICE_ubl.xml"))


def test_default_namespace_for_every_element(tmp_path):
    text = real_bytes("en16931-ubl-tc434-creditnote1.xml").decode()
    # Each element declares its own namespace as the default one: no prefixes at all.
    cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
    cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
    text = re.sub(r"<cac:(\w+)", rf'<\1 xmlns="{cac}"', text)
    text = re.sub(r"<cbc:(\w+)", rf'<\1 xmlns="{cbc}"', text)
    text = re.sub(r"</c(ac|bc):", "</", text)
    path = tmp_path / "unprefixed.xml"
    path.write_text(text, encoding="utf-8")
    assert same(read_einvoice(path)[0], read("en16931-ubl-tc434-creditnote1.xml"))


def test_no_xml_declaration(tmp_path):
    data = real_bytes("en16931-BIS_Billing_30-Telefoni.xml")
    assert data.startswith(b"<?xml")
    path = tmp_path / "bare.xml"
    path.write_bytes(data.split(b"?>", 1)[1].lstrip())
    assert same(read_einvoice(path)[0], read("en16931-BIS_Billing_30-Telefoni.xml"))


def test_crlf_file_reads_like_lf():
    data = real_bytes("nl-NLCIUS-voorbeeldbericht-Basisfactuur-Rijk-v01.xml")
    assert b"\r\n" in data
    lf, _ = parse_einvoice(data.replace(b"\r\n", b"\n"), "lf.xml")
    crlf, _ = parse_einvoice(data, "crlf.xml")
    assert same(lf, crlf)


def test_cii_type_code_381_is_a_credit_note():
    data = real_bytes("xrechnung-01.21a-INVOICE_cii.xml")
    data = data.replace(b"<ram:TypeCode>380</ram:TypeCode>", b"<ram:TypeCode>381</ram:TypeCode>")
    invoice, _ = parse_einvoice(data, "credit.xml")
    assert invoice.kind == InvoiceKind.CREDIT_NOTE
    assert invoice.lines[0].net_amount == D("208.00")


# --- built files -----------------------------------------------------------------------------

UBL_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
 <cbc:ID>T-1</cbc:ID>
 <cbc:IssueDate>2024-03-01</cbc:IssueDate>
 <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
 <cac:LegalMonetaryTotal>
  <cbc:LineExtensionAmount currencyID="EUR">{total}</cbc:LineExtensionAmount>
  <cbc:TaxExclusiveAmount currencyID="EUR">{total}</cbc:TaxExclusiveAmount>
  <cbc:TaxInclusiveAmount currencyID="EUR">{total}</cbc:TaxInclusiveAmount>
  <cbc:PayableAmount currencyID="EUR">{total}</cbc:PayableAmount>
 </cac:LegalMonetaryTotal>
"""
UBL_LINE = """ <cac:InvoiceLine>
  <cbc:ID>{ref}</cbc:ID>
  <cbc:InvoicedQuantity unitCode="HUR">{quantity}</cbc:InvoicedQuantity>
  <cbc:LineExtensionAmount currencyID="EUR">{amount}</cbc:LineExtensionAmount>
  <cac:Item><cbc:Name>Work {ref}</cbc:Name></cac:Item>
  <cac:Price><cbc:PriceAmount currencyID="EUR">{price}</cbc:PriceAmount></cac:Price>
 </cac:InvoiceLine>
"""


def ubl(tmp_path: Path, total: str, *lines: tuple[str, str, str], name: str = "inv.xml") -> Path:
    """A minimal UBL invoice; each line is (quantity, price, amount)."""
    body = UBL_HEAD.format(total=total) + "".join(
        UBL_LINE.format(ref=n, quantity=q, price=p, amount=a)
        for n, (q, p, a) in enumerate(lines, start=1)
    )
    path = tmp_path / name
    path.write_text(body + "</Invoice>\n", encoding="utf-8")
    return path


def refused(path: Path) -> BadInput:
    with pytest.raises(BadInput) as caught:
        read_einvoice(path)
    assert path.name in str(caught.value)
    return caught.value


def test_built_invoice_reads(tmp_path):
    invoice, notices = read_einvoice(
        ubl(tmp_path, "250.00", ("2", "50", "100.00"), ("1.5", "100", "150.00"))
    )
    assert notices == []
    assert invoice.number == "T-1"
    assert [ln.quantity for ln in invoice.lines] == [D("2"), D("1.5")]


def test_line_sum_mismatch_is_a_notice_with_both_figures(tmp_path):
    path = ubl(tmp_path, "300.00", ("2", "50", "100.00"), ("1.5", "100", "150.00"))
    invoice, notices = read_einvoice(path)
    assert invoice.declared_net == D("300.00")
    [notice] = notices
    assert notice.source == path.name
    assert notice.where == "LegalMonetaryTotal/LineExtensionAmount"
    assert notice.what == (
        "BR-CO-10: the document declares the sum of the lines as €300.00, "
        "but the lines add up to €250.00"
    )


def test_quantity_times_price_mismatch_is_a_notice(tmp_path):
    path = ubl(tmp_path, "110.00", ("2", "50", "110.00"))
    _, notices = read_einvoice(path)
    [notice] = notices
    assert notice.where == "InvoiceLine 1"
    assert "2 × 50" in notice.what and "110.00" in notice.what


def test_line_allowance_is_counted_in_the_line_check(tmp_path):
    path = ubl(tmp_path, "95.00", ("2", "50", "95.00"))
    allowance = (
        "<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator>"
        '<cbc:Amount currencyID="EUR">{}</cbc:Amount></cac:AllowanceCharge><cac:Item>'
    )
    text = path.read_text()
    path.write_text(text.replace("<cac:Item>", allowance.format("5.00")))
    assert read_einvoice(path)[1] == []
    path.write_text(text.replace("<cac:Item>", allowance.format("10.00")))
    [notice] = read_einvoice(path)[1]
    assert notice.what == (
        "quantity × price is 2 × 50 − 10.00 (allowances and charges) = 90.00, "
        "but the line amount is 95.00"
    )


def test_rounding_within_a_cent_is_no_notice(tmp_path):
    _, notices = read_einvoice(ubl(tmp_path, "192.02", ("75.3", "2.55", "192.02")))
    assert notices == []


def test_base_quantity_divides_the_price(tmp_path):
    path = ubl(tmp_path, "30.00", ("3", "100", "30.00"))
    path.write_text(
        path.read_text().replace(
            "</cbc:PriceAmount>",
            '</cbc:PriceAmount><cbc:BaseQuantity unitCode="HUR">10</cbc:BaseQuantity>',
        )
    )
    invoice, notices = read_einvoice(path)
    assert invoice.lines[0].unit_price == D("10")
    assert invoice.lines[0].base_quantity == D("10")
    assert notices == []


def test_non_numeric_amount(tmp_path):
    error = refused(ubl(tmp_path, "100.00", ("2", "50", "100.00"), ("1", "5", "12,50")))
    assert error.where == "InvoiceLine 2/LineExtensionAmount"
    assert "“12,50” is not a number" in str(error)


def test_non_numeric_quantity(tmp_path):
    error = refused(ubl(tmp_path, "100.00", ("two", "50", "100.00")))
    assert error.where == "InvoiceLine 1/InvoicedQuantity"
    assert "two" in error.what


def test_missing_line_amount(tmp_path):
    path = ubl(tmp_path, "100.00", ("2", "50", "100.00"), ("1", "5", "5"), ("1", "5", ""))
    error = refused(path)
    assert error.where == "InvoiceLine 3/LineExtensionAmount"
    assert "missing" in error.what


def test_missing_invoice_number(tmp_path):
    path = ubl(tmp_path, "100.00", ("2", "50", "100.00"))
    path.write_text(path.read_text().replace("<cbc:ID>T-1</cbc:ID>", ""))
    assert refused(path).where == "ID"


def test_bad_date(tmp_path):
    path = ubl(tmp_path, "100.00", ("2", "50", "100.00"))
    path.write_text(path.read_text().replace("2024-03-01", "01-03-2024"))
    error = refused(path)
    assert error.where == "IssueDate"
    assert "01-03-2024" in error.what


def test_cii_bad_amount_names_the_element_path():
    data = real_bytes("xrechnung-01.21a-INVOICE_cii.xml").replace(
        b"<ram:DuePayableAmount>233.00<", b"<ram:DuePayableAmount>233.00 EUR<"
    )
    with pytest.raises(BadInput) as caught:
        parse_einvoice(data, "cii.xml")
    assert caught.value.where.endswith(
        "SpecifiedTradeSettlementHeaderMonetarySummation/DuePayableAmount"
    )
    assert "233.00 EUR" in str(caught.value)


def test_no_lines(tmp_path):
    assert "no lines" in refused(ubl(tmp_path, "0")).what


# --- hostile and broken XML ------------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&lol9;</Invoice>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE Invoice [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
 <cbc:ID>&secret;</cbc:ID>
</Invoice>
"""


def test_billion_laughs_is_refused(tmp_path):
    path = tmp_path / "bomb.xml"
    path.write_text(BILLION_LAUGHS)
    error = refused(path)
    assert error.where == "line 2"
    assert "DTD" in error.what


def test_external_entity_is_refused(tmp_path):
    path = tmp_path / "xxe.xml"
    path.write_text(EXTERNAL_ENTITY)
    error = refused(path)
    assert error.where == "line 2"
    assert "root:" not in str(error)


def test_external_dtd_is_refused(tmp_path):
    path = tmp_path / "dtd.xml"
    path.write_text('<!DOCTYPE Invoice SYSTEM "http://example.com/x.dtd">\n<Invoice/>')
    assert refused(path).where == "line 1"


def test_truncated_xml_names_the_line(tmp_path):
    data = real_bytes("xrechnung-01.21a-INVOICE_ubl.xml")
    path = tmp_path / "cut.xml"
    path.write_bytes(data[: data.index(b"<cac:Delivery>")])
    error = refused(path)
    assert error.where == "line 83, column 5"
    assert "not well-formed XML" in error.what


def test_empty_file(tmp_path):
    path = tmp_path / "empty.xml"
    path.write_bytes(b"")
    assert refused(path).where == "line 1, column 1"


def test_unknown_encoding(tmp_path):
    path = tmp_path / "enc.xml"
    path.write_bytes(b'<?xml version="1.0" encoding="bogus"?><Invoice/>')
    assert "bogus" in refused(path).what


def test_unknown_root_element(tmp_path):
    path = tmp_path / "order.xml"
    path.write_text(
        '<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"><ID>1</ID></Order>'
    )
    error = refused(path)
    assert error.where == "root element"
    assert "<Order>" in error.what and "Order-2" in error.what


def test_invoice_without_namespace_is_unknown(tmp_path):
    path = tmp_path / "plain.xml"
    path.write_text("<Invoice><ID>1</ID></Invoice>")
    assert "<Invoice> without a namespace" in refused(path).what


def test_too_large_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.xml"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no data is written
    assert "refused" in refused(path).what


def test_missing_file(tmp_path):
    assert "cannot be read" in refused(tmp_path / "nowhere.xml").what


@pytest.mark.parametrize("name", sorted(p.name for p in REAL.glob("*.xml")))
def test_any_cut_or_damage_gives_bad_input_or_an_invoice(name):
    data = real_bytes(name)
    # Every 61st byte, or 400 places spread over a larger file (each cut parses the whole file).
    for at in range(0, len(data), max(61, len(data) // 400)):
        for broken in (data[:at], data[:at] + b"\x00" + data[at + 1 :], data[:at] + data[at + 9 :]):
            try:
                invoice, _ = parse_einvoice(broken, name)
            except BadInput as error:
                assert str(error).startswith(f"{name}: ")
            else:
                assert invoice.lines


@pytest.mark.parametrize(
    ("bad", "what"),
    [
        (b'<udt:DateTimeString format="102">20201232<', "“20201232” is not a date"),
        (b'<udt:DateTimeString format="610">202012<', "date format 610 is not supported"),
    ],
)
def test_cii_bad_due_date(bad, what):
    data = real_bytes("xrechnung-01.21a-INVOICE_cii.xml").replace(
        b'<udt:DateTimeString format="102">20201227<', bad
    )
    with pytest.raises(BadInput) as caught:
        parse_einvoice(data, "cii.xml")
    assert caught.value.where.endswith("SpecifiedTradePaymentTerms/DueDateDateTime/DateTimeString")
    assert what in caught.value.what


def test_byte_order_mark(tmp_path):
    path = tmp_path / "bom.xml"
    path.write_bytes(b"\xef\xbb\xbf" + real_bytes("xrechnung-01.21a-INVOICE_ubl.xml"))
    assert same(read_einvoice(path)[0], read("xrechnung-01.21a-INVOICE_ubl.xml"))


# --- the one bound on amounts (money.check_amount) ---------------------------------------------


@pytest.mark.parametrize("amount", ["99999999999999999999", "999999999999.995"])
def test_line_amount_beyond_what_mediate_can_record_is_refused(tmp_path, amount):
    error = refused(ubl(tmp_path, "100.00", ("1", "5", amount)))
    assert error.where == "InvoiceLine 1/LineExtensionAmount"
    assert error.what == (
        f"“{amount}” is larger than mediate can record: at most 999,999,999,999.99"
    )


def test_declared_total_beyond_what_mediate_can_record_is_refused(tmp_path):
    error = refused(ubl(tmp_path, "-1000000000000", ("1", "5", "5.00")))
    assert error.where == "LegalMonetaryTotal/LineExtensionAmount"
    assert "at least -999,999,999,999.99" in error.what


def test_largest_recordable_line_amount_is_read(tmp_path):
    invoice, _ = read_einvoice(
        ubl(tmp_path, "999999999999.99", ("1", "999999999999.99", "999999999999.99"))
    )
    assert invoice.lines[0].net_amount == D("999999999999.99")


# --- the whole EN 16931 money model: allowances, charges, VAT breakdown, totals -----------------


def real_text(name: str) -> str:
    return real_bytes(name).decode("utf-8")


def parsed(text: str, name: str = "variant.xml") -> tuple[Invoice, list]:
    return parse_einvoice(text.encode("utf-8"), name)


def test_charge_indicator_written_0_and_1_as_well_as_false_and_true():
    invoice = read_real("en16931-ubl-tc434-example2.xml")
    promotion, freight = invoice.allowances  # ChargeIndicator written "0", then "true"
    assert (promotion.charge, promotion.reason, promotion.reason_code) == (
        False,
        "Promotion discount",
        "88",
    )
    assert (freight.charge, freight.reason) == (True, "Freight")
    text = real_text("en16931-ubl-tc434-example2.xml").replace(
        "<cbc:ChargeIndicator>true</cbc:ChargeIndicator>",
        "<cbc:ChargeIndicator> 1 </cbc:ChargeIndicator>",
    )
    variant, notices = parsed(text)
    assert [a.charge for a in variant.allowances] == [False, True]
    assert [a.charge for a in variant.lines[0].allowances] == [False, True]
    assert [n for n in notices if "BR-CO" in n.what] == []


def test_a_charge_indicator_that_is_neither_true_nor_false_is_refused():
    text = real_text("xrechnung-01.21a-INVOICE_ubl.xml").replace(
        "<cbc:ChargeIndicator>true</cbc:ChargeIndicator>",
        "<cbc:ChargeIndicator>yes</cbc:ChargeIndicator>",
        1,
    )
    with pytest.raises(BadInput) as caught:
        parsed(text, "ubl.xml")
    assert caught.value.where == "AllowanceCharge/ChargeIndicator"
    assert caught.value.what == "“yes” is neither true nor false"


def test_cii_document_allowances_and_charges_with_their_vat():
    invoice = read_real("en16931-CII_example5.xml")
    loyal, packaging = invoice.allowances
    assert (loyal.charge, loyal.amount, loyal.reason, loyal.reason_code) == (
        False,
        D("150"),
        "Loyal customer",
        "95",
    )
    assert (loyal.base_amount, loyal.percent, loyal.vat_category, loyal.vat_rate) == (
        D("1500"),
        D("10"),
        "S",
        D("25"),
    )
    assert (packaging.charge, packaging.reason, packaging.reason_code) == (True, "Packaging", "ABL")
    assert [(v.category, v.rate, v.taxable, v.tax) for v in invoice.vat_breakdown] == [
        ("S", D("25"), D("1500"), D("375")),
        ("S", D("12"), D("2500"), D("300")),
    ]
    assert invoice.declared_tax == D("675.00")  # not the 628.62 EUR in the tax currency
    assert (invoice.prepaid, invoice.declared_payable) == (D("2337.5"), D("2337.5"))


def test_negative_invoice_keeps_its_signs_and_a_rounding_written_with_a_plus():
    invoice = read_real("en16931-BIS_Billing_30-Kreditering_med_negativ_faktura.xml")
    assert invoice.kind == InvoiceKind.INVOICE
    assert invoice.rounding == D("0.10")  # written "+0.10"
    assert invoice.prepaid == D("-834.9")
    campaign, warehousing = invoice.allowances
    assert (campaign.charge, campaign.amount, campaign.signed) == (False, D("-1912"), D("1912"))
    assert (warehousing.charge, warehousing.amount) == (True, D("-1020"))
    t = totals(invoice)
    assert (t.line_total, t.net, t.vat, t.gross, t.due) == (
        D("-9560.00"),
        D("-8668.00"),
        D("-2167.00"),
        D("-10835.00"),
        D("-10000.00"),
    )
    assert invoice.billing_reference == "2018133"
    # Line 1: -2000 × 10 / 2 + 300 (allowance, negative) - 500 (charge, negative) = -10200.
    first = invoice.lines[0]
    assert (first.quantity, first.base_quantity, first.net_amount) == (
        D("-2000"),
        D("2"),
        D("-10200"),
    )


def test_tax_total_in_the_tax_currency_is_not_the_vat_total():
    invoice = read_real("en16931-CreditNote-Max_content.xml")
    assert invoice.declared_tax == D("2500")
    assert [(v.category, v.rate, v.taxable, v.tax) for v in invoice.vat_breakdown] == [
        ("S", D("25"), D("10000"), D("2500")),
        ("E", D("0"), D("0"), D("0")),
    ]
    assert invoice.vat_breakdown[1].exemption_reason == "EU Direcive Article 132, section 1(g)"
    # The same with the EUR tax total first: the SEK one is still the one read.
    text = real_text("en16931-CreditNote-Max_content.xml")
    sek_start = text.index("<cac:TaxTotal>")
    sek_end = text.index("</cac:TaxTotal>") + len("</cac:TaxTotal>")
    eur_start = text.index("<cac:TaxTotal>", sek_end)
    eur_end = text.index("</cac:TaxTotal>", eur_start) + len("</cac:TaxTotal>")
    assert '"EUR">249<' in text[eur_start:eur_end]
    swapped = (
        text[:sek_start]
        + text[eur_start:eur_end]
        + text[sek_end:eur_start]
        + text[sek_start:sek_end]
        + text[eur_end:]
    )
    variant, notices = parsed(swapped)
    assert variant.declared_tax == D("2500")
    assert variant.vat_breakdown == invoice.vat_breakdown
    assert [n for n in notices if "BR-CO" in n.what] == []
    # Only the EUR one: no VAT total in the document currency, and a notice that says so.
    only_eur, notices = parsed(text[:sek_start] + text[sek_end:])
    assert (only_eur.declared_tax, only_eur.vat_breakdown) == (None, [])
    assert [str(n) for n in notices if n.where == "TaxTotal/TaxAmount"] == [
        "variant.xml: TaxTotal/TaxAmount: the VAT total is given only in EUR, not in the invoice "
        "currency SEK; it was not read"
    ]


def test_cii_tax_total_in_the_tax_currency_is_not_the_vat_total():
    text = real_text("en16931-CII_example5.xml")
    dkk = '<ram:TaxTotalAmount currencyID="DKK">675.00</ram:TaxTotalAmount>'
    eur = '<ram:TaxTotalAmount currencyID="EUR">628.62</ram:TaxTotalAmount>'
    assert dkk in text and eur in text
    swapped = text.replace(dkk, "@@").replace(eur, dkk).replace("@@", eur)
    invoice, notices = parsed(swapped)
    assert invoice.declared_tax == D("675.00")
    assert [n for n in notices if "BR-CO" in n.what] == []


def test_vat_categories_of_the_lines():
    ubl = read_real("en16931-ubl-tc434-example2.xml")  # cac:ClassifiedTaxCategory/cbc:ID
    cii = read_real("en16931-CII_example2.xml")  # ram:ApplicableTradeTax/ram:CategoryCode
    for invoice in (ubl, cii):
        assert [(ln.vat_category, ln.vat_rate) for ln in invoice.lines] == [
            ("S", D("25")),
            ("S", D("15")),
            ("S", D("15")),
            ("E", D("0")),
            ("S", D("25")),
        ]
    assert {ln.vat_category for ln in read_real("mustang-testout-ZF2newEdge.ubl.xml").lines} == {
        "K"
    }
    assert {ln.vat_category for ln in read_real("en16931-CII_business_example_Z.xml").lines} == {
        "Z"
    }
    reverse = read_real("en16931-BIS_Billing_30-OmvandSkattskyldighet.xml")
    assert {ln.vat_category for ln in reverse.lines} == {"AE"}
    assert reverse.vat_breakdown[0].exemption_reason == "Omvänd betalningsskyldighet"


def test_cii_billing_reference_with_its_date_and_several_of_them():
    invoice = read_real("en16931-CII_example5.xml")
    assert (invoice.billing_reference, invoice.billing_reference_date) == (
        "TOSL109",
        date(2013, 3, 10),
    )
    text = real_text("en16931-CII_example5.xml")
    reference = text[
        text.index("<ram:InvoiceReferencedDocument>") : text.index(
            "</ram:InvoiceReferencedDocument>"
        )
        + len("</ram:InvoiceReferencedDocument>")
    ]
    second = reference.replace("TOSL109", "TOSL110")
    variant, notices = parsed(text.replace(reference, reference + second))
    assert variant.billing_reference == "TOSL109"
    [notice] = [n for n in notices if "preceding" in n.what]
    assert notice.where.endswith("ApplicableHeaderTradeSettlement/InvoiceReferencedDocument")
    assert "keeps the first, TOSL109" in notice.what and "TOSL110" in notice.what


def test_ubl_line_allowances_are_kept_with_their_reasons():
    invoice = read_real("en16931-BIS_Billing_30-Rabatter_och_avgifter.xml")
    assert [[(a.charge, a.reason) for a in ln.allowances] for ln in invoice.lines] == [
        [(False, "Produktionsfel"), (False, "Utgående serie"), (True, "Målning")],
        [(False, "Leveransstörning"), (False, "Instegsartikel, ny serie"), (True, "Målning")],
    ]
    assert [(a.charge, a.amount, a.reason, a.reason_code) for a in invoice.allowances] == [
        (False, D("450"), "Campaign discount", ""),
        (True, D("3530"), "Lagerhållning", "WH"),
        (True, D("100"), "Expeditionsavgift", ""),
    ]


# --- the line check: quantity x price, base quantity, line allowances and charges -------------

UBL_LINE_EXTRAS = """ <cac:InvoiceLine>
  <cbc:ID>10</cbc:ID>
  <cbc:InvoicedQuantity unitCode="HUR">{quantity}</cbc:InvoicedQuantity>
  <cbc:LineExtensionAmount currencyID="EUR">{amount}</cbc:LineExtensionAmount>
  {allowances}
  <cac:Item><cbc:Name>Design</cbc:Name>
   <cac:ClassifiedTaxCategory><cbc:ID>e</cbc:ID><cbc:Percent>0</cbc:Percent></cac:ClassifiedTaxCategory>
  </cac:Item>
  <cac:Price><cbc:PriceAmount currencyID="EUR">{price}</cbc:PriceAmount>{base}</cac:Price>
 </cac:InvoiceLine>
"""
ALLOWANCE = (
    "<cac:AllowanceCharge><cbc:ChargeIndicator>{indicator}</cbc:ChargeIndicator>"
    "<cbc:AllowanceChargeReason>{reason}</cbc:AllowanceChargeReason>"
    '<cbc:Amount currencyID="EUR">{amount}</cbc:Amount></cac:AllowanceCharge>'
)


def line_with(
    tmp_path: Path,
    quantity: str,
    price: str,
    amount: str,
    *adjustments: tuple[str, str, str],
    base: str = "",
) -> Path:
    """A UBL invoice of one line with (indicator, reason, amount) allowances or charges."""
    allowances = "".join(
        ALLOWANCE.format(indicator=i, reason=r, amount=a) for i, r, a in adjustments
    )
    base_xml = f'<cbc:BaseQuantity unitCode="HUR">{base}</cbc:BaseQuantity>' if base else ""
    body = UBL_HEAD.format(total=amount) + UBL_LINE_EXTRAS.format(
        quantity=quantity, price=price, amount=amount, allowances=allowances, base=base_xml
    )
    path = tmp_path / "line.xml"
    path.write_text(body + "</Invoice>\n", encoding="utf-8")
    return path


def test_a_correct_line_with_an_allowance_gives_no_notice(tmp_path):
    # 10 × 410 = 4,100.00, less a 100.00 line allowance: 4,000.00.
    path = line_with(tmp_path, "10", "410", "4000.00", ("false", "Loyalty", "100.00"))
    invoice, notices = read_einvoice(path)
    assert notices == []
    [line] = invoice.lines
    assert (line.line_ref, line.vat_category, line.vat_rate) == ("10", "E", D("0"))
    [allowance] = line.allowances
    assert (allowance.charge, allowance.amount, allowance.reason) == (False, D("100.00"), "Loyalty")


def test_a_correct_line_with_a_base_quantity_and_allowances_gives_no_notice(tmp_path):
    # 4,100.00 per 10 hours, 10 hours, less 100.00, plus a 25.00 charge written "1": 4,025.00.
    path = line_with(
        tmp_path,
        "10",
        "4100",
        "4025.00",
        ("false", "Loyalty", "100.00"),
        ("1", "Travel", "25.00"),
        base="10",
    )
    invoice, notices = read_einvoice(path)
    assert notices == []
    [line] = invoice.lines
    assert (line.unit_price, line.base_quantity) == (D("410"), D("10"))
    assert [a.signed for a in line.allowances] == [D("-100.00"), D("25.00")]


def test_a_line_that_does_not_add_up_names_price_base_quantity_and_allowances(tmp_path):
    path = line_with(tmp_path, "10", "4100", "4100.00", ("false", "Loyalty", "100.00"), base="10")
    [notice] = read_einvoice(path)[1]
    assert notice.where == "InvoiceLine 1"
    assert notice.what == (
        "quantity × price is 10 × 4100 / 10 (the price's base quantity) − 100.00 "
        "(allowances and charges) = 4000.00, but the line amount is 4100.00"
    )


def test_a_base_quantity_that_is_really_the_price_is_pointed_out():
    # CII_example2 writes each line's price again as its base quantity ("1273 per 1273").
    _, notices = read_einvoice(REAL / "en16931-CII_example2.xml")
    first = notices[0]
    assert first.where == "IncludedSupplyChainTradeLineItem 1"
    assert first.what == (
        "quantity × price is 1 × 1273 / 1273 (the price's base quantity) = 1.00, but the line "
        "amount is 1273; without the base quantity it would match"
    )


# --- the declared totals: EN 16931 BR-CO-10..16 as notices ----------------------------------------


def test_a_total_without_vat_that_does_not_add_up_is_a_br_co_13_notice(tmp_path):
    text = real_text("en16931-BIS_Billing_30-Rabatter_och_avgifter.xml")
    wrong = text.replace(
        '<cbc:TaxExclusiveAmount currencyID="SEK">179680</cbc:TaxExclusiveAmount>',
        '<cbc:TaxExclusiveAmount currencyID="SEK">176500</cbc:TaxExclusiveAmount>',
    )
    assert wrong != text
    invoice, notices = parsed(wrong, "discounts.xml")
    assert invoice.declared_tax_exclusive == D("176500")
    br_co = [n for n in notices if "BR-CO" in n.what]
    assert [(n.source, n.where) for n in br_co] == [
        ("discounts.xml", "LegalMonetaryTotal/TaxExclusiveAmount"),
        ("discounts.xml", "LegalMonetaryTotal/TaxInclusiveAmount"),
    ]
    assert br_co[0].what == (
        "BR-CO-13: the document declares the total without VAT as SEK176,500.00, "
        "but lines − allowances + charges make SEK179,680.00"
    )
    assert br_co[1].what == (
        "BR-CO-15: the document declares the total with VAT as SEK224,600.00, "
        "but the total without VAT plus VAT makes SEK221,420.00"
    )


def test_cii_declared_totals_that_do_not_add_up_name_their_elements():
    text = real_text("en16931-CII_example5.xml")
    wrong = text.replace(
        "<ram:AllowanceTotalAmount>150</ram:AllowanceTotalAmount>",
        "<ram:AllowanceTotalAmount>160</ram:AllowanceTotalAmount>",
    ).replace("<ram:CalculatedAmount>300<", "<ram:CalculatedAmount>301<")
    _, notices = parsed(wrong, "cii.xml")
    sums = "SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement/"
    sums += "SpecifiedTradeSettlementHeaderMonetarySummation/"
    assert [(n.where, n.what) for n in notices if "BR-CO" in n.what] == [
        (
            sums + "AllowanceTotalAmount",
            "BR-CO-11: the document declares the document's allowances as DKK160.00, "
            "but its allowances add up to DKK150.00",
        ),
        (
            sums + "TaxBasisTotalAmount",
            "BR-CO-13: the document declares the total without VAT as DKK4,000.00, "
            "but lines − allowances + charges make DKK3,990.00",
        ),
        (
            sums + "TaxTotalAmount",
            "BR-CO-14: the document declares the VAT total as DKK675.00, "
            "but the VAT of its categories adds up to DKK676.00",
        ),
    ]


def test_an_amount_due_that_forgets_the_prepaid_amount_is_a_br_co_16_notice():
    text = real_text("en16931-BIS_Billing_30-Forskott_slutreglering.xml")
    wrong = text.replace(
        '<cbc:PayableAmount currencyID="SEK">75000</cbc:PayableAmount>',
        '<cbc:PayableAmount currencyID="SEK">475000</cbc:PayableAmount>',
    )
    assert wrong != text
    _, notices = parsed(wrong, "advance.xml")
    assert [str(n) for n in notices] == [
        "advance.xml: LegalMonetaryTotal/PayableAmount: BR-CO-16: the document declares the "
        "amount due as SEK475,000.00, but the total with VAT − prepaid + rounding makes "
        "SEK75,000.00"
    ]


def read_real(name: str) -> Invoice:
    return read_einvoice(REAL / name)[0]
