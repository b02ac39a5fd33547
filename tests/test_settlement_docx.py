"""The agreement read back with python-docx, in both languages."""

import io
import shutil
import zipfile
from datetime import date
from decimal import Decimal

import docx
import pytest
from babel.dates import format_date

from mediate.documents.settlement_docx import agreement_docx, rendered_agreement
from mediate.domain.model import AdjustmentKind, LineAdjustment, Proposer
from mediate.domain.visibility import View
from mediate.services.files import pdf_of
from tests.builders import bundle, pay_once
from tests.settlement_helpers import (
    CAUCUS_MARKER,
    CHOICES,
    FIRST_DUE,
    SECOND_DUE,
    signed_settlement,
)


def read(data: bytes):
    document = docx.Document(io.BytesIO(data))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    return document, paragraphs, tables


def all_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


def day(value, language: str) -> str:
    return format_date(value, format="long", locale={"en": "en_GB", "nl": "nl_NL"}[language])


@pytest.fixture
def record(store):
    return store.settlement_record(signed_settlement(store))


def test_english_agreement_has_every_element(record):
    data = agreement_docx(record, "en")
    document, text, tables = read(data)
    assert document.paragraphs[0].text == "Settlement Agreement"
    assert document.paragraphs[0].style.name == "Title"
    assert (
        "Pixel & Co B.V., a Dutch private limited company (besloten vennootschap), with its "
        "office at Keizersgracht 1, 1015 CJ Amsterdam, registered in the Dutch trade register "
        "(handelsregister) under number 12345678, represented by Anna de Vries (Director) "
        "(the “Provider”);" in text
    )
    assert "represented by Tom Baker (Managing Director) (the “Client”)" in text
    assert "with the assistance of Mira Jansen as mediator (the “Mediator”)" in text
    # Worked out by hand: 6,630.00 net + 21 % VAT 1,392.30 = 8,022.30 invoiced; agreed
    # 380.00 + 1,900.00 = 2,280.00 net + 478.80 VAT = 2,758.80; credit 4,350.00 + 913.50.
    assert (
        "invoice INV-2026-017 of 31 March 2026 for €8,022.30 "
        "(€6,630.00 excluding VAT plus €1,392.30 VAT)" in text
    )
    assert "The parties took part in mediation with the Mediator on " in text
    assert "neither party admits any liability" in text
    terms = tables[0]
    assert terms[0] == ["Line", "Description", "Invoiced", "Treatment", "Agreed"]
    # Each document heads its own lines, in a row across the table.
    assert terms[1] == ["Invoice INV-2026-017 of 31 March 2026"] * 5
    assert terms[2] == ["1", "Discovery workshop, 2 March", "€380.00", "accepted", "€380.00"]
    assert terms[3][3:] == ["reduced", "€1,900.00"]
    assert terms[4][3:] == ["withdrawn", "€0.00"]
    assert terms[5][1:] == ["Total excluding VAT", "€6,630.00", "", "€2,280.00"]
    assert tables[1] == [
        ["Document", "Excl. VAT", "VAT", "Incl. VAT"],
        ["INV-2026-017 invoiced", "€6,630.00", "€1,392.30", "€8,022.30"],
        ["INV-2026-017 agreed", "€2,280.00", "€478.80", "€2,758.80"],
        ["All documents invoiced", "€6,630.00", "€1,392.30", "€8,022.30"],
        ["All documents agreed", "€2,280.00", "€478.80", "€2,758.80"],
    ]
    assert "agree on €2,758.80 (€2,280.00 excluding VAT plus €478.80 VAT)" in text
    assert "The amount still owed is therefore €2,758.80 (including VAT)" in text
    assert tables[2] == [
        ["Instalment", "Due date", "Amount (incl. VAT)"],
        ["1", day(FIRST_DUE, "en"), "€1,379.40"],
        ["2", day(SECOND_DUE, "en"), "€1,379.40"],
    ]
    assert "Payment shall be made to IBAN NL91ABNA0417164300" in text
    assert (
        "credit note on invoice INV-2026-017 of 31 March 2026 for €5,263.50 "
        "(€4,350.00 excluding VAT plus €913.50 VAT)" in text
    )
    assert "hands over the design source files by 15 May 2026" in text
    assert (
        "the parties release each other from all claims, whether known or unknown, that they "
        "have or may have against each other in connection with the disputed invoices and the "
        "work and services invoiced in them" in text
    )
    assert "needed to implement or enforce this agreement" in text
    assert "are governed by Dutch law" in text
    assert "exclusively to the District Court of Amsterdam (rechtbank Amsterdam)" in text
    assert "entire agreement" in text and "(the “Effective Date”)" in text
    assert "article 4(1)(b)" in text
    assert "Agreed and signed in three originals:" in text
    provider, client = tables[3][0]
    assert provider.startswith("For the Provider: Pixel & Co B.V.\nName: Anna de Vries\n")
    assert "Name: Tom Baker" in client and "Place: Amsterdam" in client
    assert "Date: ____" in client
    mediator = tables[3][1][0]
    assert mediator.startswith("Seen by the Mediator, as witness to the process and not as a")
    assert "Confirmed in mediate on" in mediator
    assert "“Confirmed in mediate” below records when a signatory approved these terms" in text
    printed = rendered_agreement(record, "en")
    assert f"of the text of this agreement as printed: {printed.fingerprint}" in text
    header = document.sections[0].header.paragraphs
    assert [p.text for p in header] == ["Settlement Agreement MED-2026-001 · version 1"]
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer and "Page " in footer and " of " in footer
    assert "Initials:  Provider ________   Client ________   Mediator ________" in footer
    assert [s.name for s in document.styles if s.name.startswith("Heading")][:2] == [
        "Heading 1",
        "Heading 2",
    ]


def test_dutch_agreement_is_a_vaststellingsovereenkomst(store):
    record = store.settlement_record(signed_settlement(store, language="nl"))
    data = agreement_docx(record)
    document, text, tables = read(data)
    assert document.paragraphs[0].text == "Vaststellingsovereenkomst"
    assert "Deze overeenkomst is een vaststellingsovereenkomst in de zin van artikel 7:900 BW" in (
        text
    )
    assert "factuur INV-2026-017 van 31 maart 2026 voor €\xa08.022,30" in text
    assert tables[0][1][0] == "Factuur INV-2026-017 van 31 maart 2026"
    assert tables[0][0] == [
        "Regel",
        "Omschrijving",
        "Gefactureerd",
        "Afwikkeling",
        "Overeengekomen",
    ]
    assert tables[2][1] == ["1", day(FIRST_DUE, "nl"), "€\xa01.379,40"]
    assert "Nog verschuldigd is daarom €\xa02.758,80 (inclusief btw)" in text
    assert "verlenen Partijen elkaar over en weer finale kwijting" in text
    assert "Aldus overeengekomen en in drievoud ondertekend:" in text
    footer = document.sections[0].footer._element.xml
    assert "Pagina " in footer and " van " in footer and "Paraaf:" in footer
    assert (
        "Vaststellingsovereenkomst MED-2026-001" in document.sections[0].header.paragraphs[0].text
    )


def test_same_settlement_gives_the_same_bytes(record):
    assert agreement_docx(record, "en") == agreement_docx(record, "en")
    assert agreement_docx(record, "nl") == agreement_docx(record, "nl")


def test_caucus_material_never_reaches_the_document(store, record):
    assert CAUCUS_MARKER in [n.text for n in store.notes(record.case.id, View.MEDIATOR)]
    for language in ("en", "nl"):
        assert "CAUCUS-SECRET" not in all_xml(agreement_docx(record, language))


def test_control_characters_are_cleaned_not_crashed_on(store):
    settlement_id = signed_settlement(store, sign=False)
    store.set_clause_choices(
        settlement_id, {"obligations": "Deliver\x00 files\x0b by [bold]May[/]\ufffe"}
    )
    data = agreement_docx(store.settlement_record(settlement_id), "en")
    # NUL, U+FFFE gone; the vertical tab a line break (``safe_text.for_document``).
    assert "Deliver files\n by [bold]May[/]" in read(data)[1]
    assert "DRAFT" in read(data)[1]


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_libreoffice_converts_it_to_pdf(record):
    assert pdf_of(agreement_docx(record, "en"), "agreement.docx")[:5] == b"%PDF-"


def agree(store, case_id, adjustments):
    proposal = store.add_proposal(
        case_id, Proposer.MEDIATOR, adjustments, pay_once(store, case_id, adjustments)
    )
    settlement_id = store.accept_proposal(proposal)
    store.set_clause_choices(settlement_id, CHOICES)
    return store.settlement_record(settlement_id)


def test_a_reverse_charge_line_carries_no_vat_in_the_agreement(store):
    b = bundle("MED-RC")
    b.invoices[0].lines[2].vat_category = "AE"  # development, 3,400.00: VAT reverse charge
    b.invoices[0].lines[2].vat_rate = Decimal(0)
    case_id = store.import_bundle(b)
    lines = store.invoices(case_id)[0].lines
    record = agree(
        store, case_id, [LineAdjustment(line_id=lines[1].id, kind=AdjustmentKind.WITHDRAW)]
    )
    _, text, tables = read(agreement_docx(record, "en"))
    # 380.00 + 3,400.00 = 3,780.00 net; VAT 21 % on 380.00 only = 79.80; 3,859.80 owed.
    assert ["INV-2026-017 agreed", "€3,780.00", "€79.80", "€3,859.80"] in tables[1]
    assert (
        "No VAT is charged on lines of VAT reverse charge (the Client accounts for the VAT)" in text
    )
    assert "The amount still owed is therefore €3,859.80 (including VAT)" in text
    _, nl_text, _ = read(agreement_docx(record, "nl"))
    assert "btw verlegd (Opdrachtgever voldoet de btw)" in nl_text


def test_a_payment_above_the_agreed_amount_is_refunded_in_the_agreement(store):
    case_id = store.import_bundle(bundle("MED-REFUND"))
    store.record_payment(case_id, Decimal("5000.00"), date(2026, 4, 1), "bank transfer")
    lines = store.invoices(case_id)[0].lines
    record = agree(
        store,
        case_id,
        [
            LineAdjustment(line_id=lines[1].id, kind=AdjustmentKind.WITHDRAW),
            LineAdjustment(
                line_id=lines[2].id, kind=AdjustmentKind.REDUCE_TO, value=Decimal("2000")
            ),
        ],
    )
    _, text, tables = read(agreement_docx(record, "en"))
    # Agreed 380.00 + 2,000.00 = 2,380.00 net + 499.80 VAT = 2,879.80; paid 5,000.00:
    # the provider refunds 2,120.20.
    assert (
        "The Client has already paid €5,000.00 (including VAT): €5,000.00 on 1 April 2026" in text
    )
    assert "the Provider shall refund €2,120.20 to the Client as follows" in text
    assert tables[2][1][2] == "€2,120.20"
    assert record.money.refund == Decimal("2120.20")
