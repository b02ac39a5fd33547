"""E-invoice import: real UBL/CII files with their exact figures, and hostile or broken files."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

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
    assert dataclasses.replace(invoice, source="") == dataclasses.replace(ubl, source="")


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
    assert "250.00" in notice.what and "300.00" in notice.what


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
