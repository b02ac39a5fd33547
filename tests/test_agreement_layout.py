"""The agreement as a typesetter checks it, read from the .docx XML: A4, the document's language,
the terms table's header row repeated and no row split, amounts that never wrap, signature blocks
kept whole on one page with the words above them, initials and DRAFT on every page.

Checked on the exported agreements of MED-2026-001 (English law) and MED-2026-005 (Dutch law),
each in English and Dutch, and on a stress case of 200 lines with two signatories per party,
long names and markup characters; the stress case is also rendered by LibreOffice."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile

import pytest
from click.testing import CliRunner
from lxml import etree

from mediate.cli import main
from mediate.documents.docx_tools import TWIPS_PER_CM
from mediate.documents.settlement_docx import TABLE_PT, agreement_docx, text_width_cm
from mediate.services.files import pdf_of
from mediate.store import open_store
from tests.agreement_cases import STRESS_CLIENT, STRESS_PROVIDER, stress_settlement
from tests.settlement_helpers import signed_settlement

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
A4 = ("11906", "16838")
# An amount as babel writes it: "€1,234.56", "€ 1.234,56", "-£70.00", "€ -5,00".
AMOUNT = re.compile(r"^-?[€£$]\s?-?[\d.,\u00a0\u202f]+$|^-?[\d.,\u00a0]+\s?[€£$]$")


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    path = tmp_path_factory.mktemp("layout") / "mediate.db"
    result = CliRunner().invoke(main, ["load-samples", "sample_cases", "--db", str(path)])
    assert result.exit_code == 0, result.output
    store = open_store(path)
    yield store
    store.close()


@pytest.fixture(scope="module")
def stress(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("stress") / "mediate.db")
    signed = store.settlement_record(stress_settlement(store))
    yield signed
    store.close()


def documents(samples, stress):
    """Every agreement the issue names: (what, language, bytes, signed)."""
    for reference in ("MED-2026-001", "MED-2026-005"):
        record = samples.settlement_record(
            samples.current_settlement(samples.case_id(reference)).id
        )
        for language in ("en", "nl"):
            yield reference, language, agreement_docx(record, language), record.settlement.locked
    for language in ("en", "nl"):
        yield "stress", language, agreement_docx(stress, language), True


def parts(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {
            name: etree.fromstring(package.read(name))
            for name in package.namelist()
            if name.startswith("word/") and name.endswith(".xml")
        }


def text_of(element) -> str:
    return "".join(element.itertext())


def rows(table):
    return table.findall("w:tr", NS)


def is_signature_table(table) -> bool:
    return table.find("w:tblPr/w:tblStyle", NS) is None  # the only table drawn without lines


def test_every_agreement_is_a4_in_its_own_language(samples, stress):
    for what, language, data, _ in documents(samples, stress):
        xml = parts(data)
        size = xml["word/document.xml"].find(".//w:sectPr/w:pgSz", NS)
        assert (size.get(f"{W}w"), size.get(f"{W}h")) == A4, (what, language)
        lang = xml["word/styles.xml"].find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
        assert lang.get(f"{W}val") == {"en": "en-GB", "nl": "nl-NL"}[language], what


def test_the_terms_table_repeats_its_header_and_never_splits_a_row(samples, stress):
    for what, language, data, _ in documents(samples, stress):
        body = parts(data)["word/document.xml"]
        tables = body.findall(".//w:tbl", NS)
        terms = tables[0]
        first, *others = rows(terms)
        assert first.find("w:trPr/w:tblHeader", NS) is not None, (what, language)
        assert all(row.find("w:trPr/w:tblHeader", NS) is None for row in others)
        for table in tables:
            for row in rows(table):
                assert row.find("w:trPr/w:cantSplit", NS) is not None, (what, language)
        if what == "stress":
            assert len(others) == 1 + 200 + 1  # the invoice's heading, its lines, the total


def test_no_amount_can_wrap(samples, stress):
    """Every cell holding an amount: no wrapping, no breaking space or hyphen in it, and a
    column at least as wide as the amount set in Arial 9 pt."""
    for what, language, data, _ in documents(samples, stress):
        body = parts(data)["word/document.xml"]
        seen = 0
        for table in body.findall(".//w:tbl", NS):
            grid = [int(c.get(f"{W}w")) for c in table.findall("w:tblGrid/w:gridCol", NS)]
            for row in rows(table):
                column = 0
                for cell in row.findall("w:tc", NS):
                    span = cell.find("w:tcPr/w:gridSpan", NS)
                    width = sum(
                        grid[
                            column : column + (int(span.get(f"{W}val")) if span is not None else 1)
                        ]
                    )
                    column += 1 if span is None else int(span.get(f"{W}val"))
                    text = text_of(cell)
                    if not AMOUNT.match(text):
                        continue
                    seen += 1
                    assert cell.find("w:tcPr/w:noWrap", NS) is not None, (what, text)
                    assert " " not in text and "-" not in text, (what, repr(text))
                    needed = text_width_cm(text, TABLE_PT) * TWIPS_PER_CM
                    assert width >= needed, (what, language, text, width, needed)
        assert seen >= 10, what
    # The stress case's seven-digit amounts are among them.
    assert "5.285.362,35" in text_of(parts(agreement_docx(stress, "nl"))["word/document.xml"])


def test_signature_blocks_stay_whole_with_the_words_above_them(samples, stress):
    for what, language, data, _ in documents(samples, stress):
        body = parts(data)["word/document.xml"].find("w:body", NS)
        blocks = list(body)
        table = next(t for t in body.findall("w:tbl", NS) if is_signature_table(t))
        signature_rows = rows(table)
        for number, row in enumerate(signature_rows):
            assert row.find("w:trPr/w:cantSplit", NS) is not None
            if number < len(signature_rows) - 1:  # each row keeps with the next one
                for paragraph in row.iter(f"{W}p"):
                    assert paragraph.find("w:pPr/w:keepNext", NS) is not None, (what, number)
        # The heading and the sentences above the boxes keep with them.
        index = blocks.index(table)
        above = blocks[index - 1]
        while above.tag == f"{W}p":
            style = above.find("w:pPr/w:pStyle", NS)
            keeps = above.find("w:pPr/w:keepNext", NS) is not None or (
                style is not None and style.get(f"{W}val").startswith("Heading")
            )
            assert keeps, (what, language, text_of(above))
            if style is not None and style.get(f"{W}val").startswith("Heading"):
                break
            index -= 1
            above = blocks[index - 1]
        assert text_of(above) in ("Signatures", "Ondertekening")
        boxes = text_of(table)
        if what == "stress":
            for name in (
                "Anna-Maria van der Heijden-Oudshoorn",
                "Pieter [bold]de[/] Vries",
                "Fiona Marsh-Worthington",
                "Jonathan O'Neill & Co",
                "Mira Jansen",
            ):
                assert name in boxes
            assert STRESS_PROVIDER in boxes and STRESS_CLIENT in boxes
        for label in (
            ("Name", "Capacity", "Place", "Date"),
            ("Naam", "Functie", "Plaats", "Datum"),
        )[language == "nl"]:
            assert f"{label}:" in boxes


def test_initials_and_page_numbers_on_every_page_and_draft_until_signed(samples, stress, store):
    """The page header and footer are on every page: initials and page numbers always, DRAFT
    until the last signatory has signed."""
    unsigned = store.settlement_record(signed_settlement(store, sign=False))
    drafts = [("draft", lang, agreement_docx(unsigned, lang), False) for lang in ("en", "nl")]
    for what, language, data, signed in [*documents(samples, stress), *drafts]:
        xml = parts(data)
        footer = xml["word/footer1.xml"]
        assert {"en": "Initials:", "nl": "Paraaf:"}[language] in text_of(footer)
        fields = " ".join(t.text for t in footer.iter(f"{W}instrText"))
        assert "PAGE" in fields and "NUMPAGES" in fields
        header = text_of(xml["word/header1.xml"])
        draft = {"en": "DRAFT – NOT SIGNED", "nl": "CONCEPT – NIET ONDERTEKEND"}[language]
        assert (draft in header) is not signed, (what, language)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_renders_the_stress_case_on_a4_with_the_header_on_every_page(tmp_path, stress):
    pdf = tmp_path / "stress-nl.pdf"
    pdf.write_bytes(pdf_of(agreement_docx(stress, "nl"), "stress-nl.docx"))  # as export makes it
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "(A4)" in info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    texts = [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
            capture_output=True,
            text=True,
        ).stdout
        for n in range(1, pages + 1)
    ]
    with_lines = [t for t in texts if "Work package" in t]
    assert len(with_lines) > 3
    for text in with_lines:  # the header row on every page the terms table runs onto
        assert re.search(r"Regel\s+Omschrijving", text), text[:400]
    # The signature page holds every box and the words above them.
    last = texts[-1]
    assert "Ondertekening" in last and "Aldus overeengekomen en in drievoud ondertekend" in last
    assert last.count("Handtekening:") == 5
    assert all("Pagina" in t and "Paraaf:" in t for t in texts)
