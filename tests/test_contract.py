"""Contracts split into clauses: the real contracts (text, Markdown, Word with tables and automatic
numbering), Dutch articles, made-up Word files, body lists, hostile Word files."""

import random
import re
import time
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from mediate.importers.contract import read_contract
from mediate.importers.problems import BadInput

REAL = Path(__file__).parent / "fixtures" / "real" / "contracts"
CUAD = REAL / "cuad-ABILITYINC_06_15_2020-EX-4.25-SERVICES-AGREEMENT.txt"
COMMON_PAPER = REAL / "commonpaper-psa-standard-terms.md"


def refs(clauses):
    return [(c.ref, c.heading) for c in clauses]


def clause(clauses, ref):
    (found,) = [c for c in clauses if c.ref == ref]
    return found


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the real contracts ------------------------------------------------------------------------


def test_cuad_sections_run_together_in_page_paragraphs():
    clauses, notices = read_contract(CUAD)
    assert notices == []
    assert refs(clauses) == [
        ("", "Preamble"),
        ("1", "Services"),
        ("1.1", "Provision of Services"),
        ("1.2", "Standard of Service"),
        ("1.3", "Additional Services"),
        ("1.4", "Intellectual Property"),
        ("2", "Compensation"),
        ("2.1", "Responsibility for Wages and Fees"),
        ("2.2", "Terms of Payment and Related Matters"),
        ("2.3", "Invoice Disputes"),
        ("2.4", "No Right of Setoff"),
        ("3", "Termination"),
        ("3.1", "Termination of Agreement"),
        ("3.2", ""),  # untitled, but the next sibling of 3.1
        ("3.3", "Breach"),
        ("3.4", "Insolvency"),
        ("3.5", "Effect of Termination"),
        ("3.6", ""),
        ("3.7", "Force Majeure"),  # after "… this Section 3.6" with its full stop lost
        ("4", "Confidentiality"),
        ("4.1", "Confidentiality"),
        ("4.2", "Return of Confidential Information"),
        ("5", "Indemnification"),
        ("5.1", "Indemnification"),
        ("6", "Miscellaneous"),
        ("6.1", "Entire Agreement"),
        ("6.2", "Succession and Assignment"),
        ("6.3", "Counterparts"),
        ("6.4", "Titles and Headings"),
        ("7", "Notices"),
        ("7.1", "Further Assurances"),
        ("7.2", "Governing Law"),
        ("7.3", "Consent to Jurisdiction"),
        ("7.4", "Specific Performance"),
        ("7.5", "Amendments and Waivers"),
        ("7.6", "Severability"),
        ("7.7", "Construction"),
        ("7.8", "Incorporation of Exhibits and Disclosure Schedule"),
        ("7.9", "Amendment and Restatement"),
    ]
    assert [c.position for c in clauses] == list(range(1, 40))
    assert clause(clauses, "2.3").text == (
        "In the event of an Invoice dispute, Recipient shall deliver a written statement to "
        "Provider prior to the date payment is due on the disputed Invoice listing all disputed "
        "items and providing a reasonably detailed description of each disputed item. Amounts "
        "not so disputed shall be deemed accepted and shall be paid, notwithstanding disputes on "
        "other items. The Parties shall seek to resolve all such disputes expeditiously and in "
        "good faith. Provider shall continue performing the Services in accordance with this "
        "Agreement pending resolution of any dispute."
    )
    # references to other sections do not split, and page numbers are dropped
    assert clause(clauses, "3.1").text.endswith(
        "unless terminated earlier in accordance with Section 3.2."
    )
    assert clause(clauses, "3.6").text.endswith("with the requirements of this Section 3.6")
    assert clause(clauses, "").text.endswith("AGREEMENT The Parties hereby agree as follows:")
    assert clause(clauses, "1.1").text.endswith("to receive the Services to any of its affiliates.")
    page_break = "in such form as Recipient shall approve.\n\n(c) Provider shall use its best"
    assert page_break in clause(clauses, "1.2").text


def test_common_paper_nested_list_clauses():
    clauses, notices = read_contract(COMMON_PAPER)
    assert notices == []
    assert len(clauses) == 66
    found = dict(refs(clauses))
    assert refs(clauses)[:9] == [
        ("", "Preamble"),
        ("1", "Services"),
        ("1.1", "Providing Services"),
        ("1.2", "Cooperation"),
        ("1.3", "Change Orders"),
        ("1.4", "Acceptance"),
        ("1.5", "Subcontractors"),
        ("1.6", "Customer Obligations"),
        ("2", "Intellectual Property"),
    ]
    assert [(r, found[r]) for r in ("4", "4.1", "4.2", "4.3", "4.4")] == [
        ("4", "Payment & Taxes"),
        ("4.1", "Fees and Invoices"),
        ("4.2", "Payment"),
        ("4.3", "Taxes"),
        ("4.4", "Payment Dispute"),
    ]
    assert found["12.2"] == "Modifications, Severability, and Waiver"
    assert found["12.3"] == "Governing Law and Chosen Courts"
    assert found["12.15"] == "Signature"
    assert found["13"] == "Definitions"
    assert refs(clauses)[-1] == ("13", "Definitions")
    assert clause(clauses, "").text == "Professional Services Agreement"  # the "#" title
    assert clause(clauses, "4.4").text == (
        "If Customer has a good-faith disagreement about the amounts charged on an invoice, "
        "Customer must notify Provider about the dispute during the Payment Period for the "
        "invoice and must pay all undisputed amounts on time. The parties will work together to "
        "resolve the dispute within 15 days after the end of the Payment Period. If no resolution "
        "is agreed, each party may pursue any remedies available under the Agreement, the "
        "applicable SOW, or Applicable Laws."
    )


def test_common_paper_items_that_are_not_headings_stay_in_the_body():
    clauses, _ = read_contract(COMMON_PAPER)
    found = dict(refs(clauses))
    # lettered items, untitled sub-items and the 21 quoted definitions never split
    for ref in ("7.1", "10.1", "13.1", "13.21", "2.4.1"):
        assert ref not in found
    assert clause(clauses, "2.4").text.startswith(
        "a. Provider may incorporate Third-Party Materials into Deliverables"
    )
    assert "\nb. Provider is responsible" in clause(clauses, "2.4").text
    assert clause(clauses, "7").text.startswith("1. Except for the warranties in Section 6")
    definitions = clause(clauses, "13").text
    assert definitions.startswith('1. "Affiliate" means an entity that')
    assert '\n21. "Usage Data" means' in definitions
    assert "<span" not in definitions and "**" not in clause(clauses, "8.1").text


# --- made-up contracts -------------------------------------------------------------------------


def test_dutch_articles_with_a_numbered_list_in_a_body(tmp_path):
    path = write(
        tmp_path,
        "contract.txt",
        "Overeenkomst van opdracht\n\n"
        "Artikel 1 Definities\n1.1 Opdracht: het werk in artikel 2.\n\n"
        "Artikel 4 Betaling\nFacturen worden binnen 30 dagen betaald.\n"
        "1. De opdrachtgever betaalt per bank.\n"
        "2. Bezwaar tegen een factuur wordt schriftelijk gemaakt.\n"
        "3. Rente Bij Te Late Betaling\n\n"
        "Artikel 5 - Geschillen\nPartijen proberen eerst mediation.\n",
    )
    clauses, notices = read_contract(path)
    assert notices == []
    assert refs(clauses) == [
        ("", "Preamble"),
        ("1", "Definities"),
        ("4", "Betaling"),
        ("5", "Geschillen"),
    ]
    assert clauses[2].text == (
        "Facturen worden binnen 30 dagen betaald.\n"
        "1. De opdrachtgever betaalt per bank.\n"
        "2. Bezwaar tegen een factuur wordt schriftelijk gemaakt.\n"
        "3. Rente Bij Te Late Betaling"
    )


def test_numbered_list_in_a_body_does_not_split_even_when_it_looks_like_titles(tmp_path):
    path = write(
        tmp_path,
        "contract.md",
        "# Agreement\n\n## 4. Fees\nThe client pays:\n\n1. Monthly Invoices\n2. Travel Costs\n"
        "3. Expenses\n\n## 5. Term\nOne year.\n",
    )
    clauses, _ = read_contract(path)
    assert refs(clauses) == [("", "Preamble"), ("4", "Fees"), ("5", "Term")]
    assert (
        clauses[1].text == "The client pays:\n\n1. Monthly Invoices\n2. Travel Costs\n3. Expenses"
    )


def test_heading_styles_of_all_kinds(tmp_path):
    path = write(
        tmp_path,
        "contract.txt",
        "ARTICLE IV\nPAYMENT TERMS\nInvoices are due in 30 days.\n\n"
        "Article 5 – Disputes\nMediation first.\n"
        "Section 5.1 Notice of Dispute. A party gives notice in writing.\n\n"
        "6.1. Liability\nLimited to the fees.\n"
        "6.2 Hourly rate. EUR 90 per hour.\n"
        "6.3 If an invoice is disputed, the rest is paid.\n"
        "6.3.1 The client pays the undisputed part. It is due as usual.\n",
    )
    clauses, _ = read_contract(path)
    assert refs(clauses) == [
        ("IV", "PAYMENT TERMS"),
        ("5", "Disputes"),
        ("5.1", "Notice of Dispute"),
        ("6.1", "Liability"),
        ("6.2", "Hourly rate"),
        ("6.3", ""),
    ]
    assert clauses[2].text == "A party gives notice in writing."
    assert clauses[5].text == (
        "If an invoice is disputed, the rest is paid.\n"
        "6.3.1 The client pays the undisputed part. It is due as usual."
    )


def test_sentences_after_numbers_are_not_titles(tmp_path):
    path = write(
        tmp_path,
        "contract.md",
        "## 5. Invoicing\n\n5.1 Tideway invoices on completion. Invoices go by e-mail.\n\n"
        "## 6. Law\n\n6.1 English law applies.\n",
    )
    clauses, _ = read_contract(path)
    assert refs(clauses) == [("5", "Invoicing"), ("6", "Law")]
    assert clauses[1].text == "6.1 English law applies."


def test_markdown_bold_lead_ins_as_in_common_paper(tmp_path):
    path = write(
        tmp_path,
        "contract.md",
        "1. **Services.** The Provider builds the site.\n"
        "    1. **Scope.** Five pages.\n"
        "2. **Payment.** Within 30 days.\n"
        '    1. **"Invoice"** means a bill.\n'
        "    2. **Late payment**: interest is due.\n",
    )
    clauses, _ = read_contract(path)
    assert refs(clauses) == [("1", "Services"), ("1.1", "Scope"), ("2", "Payment")]
    assert clauses[2].text == (
        'Within 30 days.\n1. "Invoice" means a bill.\n2. Late payment: interest is due.'
    )


def test_word_document_headings_by_style_text_and_automatic_numbering(tmp_path):
    document = docx.Document()
    add_list(document, 70, [("decimal", "%1.", 1), ("decimal", "%1.%2", 1)])
    document.add_heading("Services Agreement", level=0)  # the Title: preamble text
    document.add_paragraph("Between the parties below.")

    def auto_numbered(text, level):
        numbered(document, text, 70, level - 1, style=f"Heading {level}")

    auto_numbered("Services", 1)
    document.add_paragraph("The Provider translates the manual.")
    auto_numbered("Fees", 1)
    auto_numbered("Word rate", 2)
    document.add_paragraph("EUR 0.14 per word.")
    document.add_paragraph("Rush jobs cost double.")
    document.add_heading("5. Acceptance and complaints", level=1)
    document.add_paragraph("Complaints within 10 days:")
    document.add_paragraph("1. In writing.")
    document.add_paragraph("5.2 Rejection. The client may reject a delivery.")
    path = tmp_path / "contract.docx"
    document.save(path)
    clauses, notices = read_contract(path)
    assert notices == []
    assert refs(clauses) == [
        ("", "Preamble"),
        ("1", "Services"),
        ("2", "Fees"),
        ("2.1", "Word rate"),
        ("5", "Acceptance and complaints"),
        ("5.2", "Rejection"),
    ]
    assert clauses[0].text == "Services Agreement\n\nBetween the parties below."
    assert clauses[3].text == "EUR 0.14 per word.\n\nRush jobs cost double."
    assert clauses[4].text == "Complaints within 10 days:\n\n1. In writing."


@pytest.mark.parametrize(
    "content", [b"not a zip at all", b"PK\x03\x04broken", b"\x89PNG\r\n\x1a\n\x00"]
)
def test_a_file_that_is_no_docx_is_refused(tmp_path, content):
    path = tmp_path / "contract.docx"
    path.write_bytes(content)
    with pytest.raises(BadInput, match=r"^contract\.docx: is not a Word \.docx document"):
        read_contract(path)


def test_windows_1252_text_is_read_with_a_notice(tmp_path):
    path = tmp_path / "contract.txt"
    path.write_bytes("Article 1 Café terms\r\nPrices in € only.\r\n".encode("cp1252"))
    clauses, notices = read_contract(path)
    assert refs(clauses) == [("1", "Café terms")]
    assert clauses[0].text == "Prices in € only."
    assert [str(n) for n in notices] == ["contract.txt: is not valid UTF-8; read as Windows-1252"]


def test_binary_text_file_is_refused(tmp_path):
    path = tmp_path / "contract.txt"
    path.write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(BadInput, match=r"^contract\.txt: is not a text file"):
        read_contract(path)


def test_no_headings_gives_one_clause_with_a_notice(tmp_path):
    path = write(tmp_path, "contract.md", "We agree to work together.\n\nPayment in 14 days.\n")
    clauses, notices = read_contract(path)
    assert refs(clauses) == [("", "Contract")]
    assert clauses[0].text == "We agree to work together.\n\nPayment in 14 days."
    assert [str(n) for n in notices] == [
        "contract.md: no clause headings found; kept as one clause"
    ]


# --- real Word contracts: what a person sees in Word is kept ------------------------------------

NDA = REAL / "commonpaper-mutual-nda-cover-page.docx"
BONTERMS = REAL / "bonterms-psa-cover-page.docx"
CSA = REAL / "commonpaper-csa-with-ai.docx"


def flat(text):
    """The words of a text in order, without punctuation and line breaks (a heading loses the
    full stop that ended it in the paragraph: "Access and Use.  During" → "Access and Use")."""
    return " ".join(re.sub(r"\W+", " ", text).split())


def everything(clauses):
    """All a mediator can search: each clause's number, heading and text."""
    return flat("\n".join(f"{c.ref} {c.heading}\n{c.text}" for c in clauses))


def headed(clauses, heading):
    (found,) = [c for c in clauses if c.heading == heading]
    return found


def word_texts(path):
    """Every paragraph of the body and of every table cell (nested tables too), as python-docx
    reads them: what a person sees in Word, independently of the importer."""
    document = docx.Document(path)
    texts = [p.text for p in document.paragraphs]
    tables = list(document.tables)
    seen = set()
    while tables:
        table = tables.pop()
        for row in table.rows:
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell is repeated per grid column
                    continue
                seen.add(id(cell._tc))
                texts += [p.text for p in cell.paragraphs]
                tables += cell.tables
    return [flat(text) for text in texts if text.strip()]


def visible_characters(texts):
    return sum(len("".join(text.split())) for text in texts)


@pytest.mark.parametrize("path", [NDA, BONTERMS, CSA], ids=lambda p: p.stem)
def test_real_word_contracts_keep_every_paragraph_and_table_cell(path):
    clauses, notices = read_contract(path)
    assert notices == []
    kept = everything(clauses)
    missing = [text for text in word_texts(path) if text not in kept]
    assert missing == []
    texts = [c.heading for c in clauses] + [c.text for c in clauses]
    assert visible_characters(texts) >= 0.9 * visible_characters(word_texts(path))
    assert max(len(c.heading) for c in clauses) <= 200
    assert [c.position for c in clauses] == list(range(1, len(clauses) + 1))


def test_nda_cover_page_key_terms_and_signatures():
    clauses, _ = read_contract(NDA)
    assert headed(clauses, "Governing Law").text == "The laws of the State of {governing_law}."
    assert headed(clauses, "Jurisdiction").text == (
        "The state and federal courts located in {jurisdiction}."
    )
    assert headed(clauses, "Effective Date").text == "{effective_date}"
    assert headed(clauses, "Purpose").text == (
        "How Confidential Information may be used\n{purpose}"
    )
    signatures = headed(clauses, "PARTY 1 | PARTY 2").text
    for label in ("Signature", "Print Name", "Title", "Company", "Notice Address", "Date"):
        assert label in signatures
    assert "Print Name | {party_1_name} | {party_2_name}" in signatures
    assert "{party_2_company_display}" in signatures
    # the 1x1 box is a paragraph of the preamble, not a table clause
    assert clauses[0].heading == "Preamble"
    assert "consists of: (1) this Cover Page" in clauses[0].text


def test_bonterms_cover_page_key_terms_with_a_merged_title_row():
    clauses, _ = read_contract(BONTERMS)
    headings = [c.heading for c in clauses]
    assert headings[headings.index("Key Terms") :][:5] == [
        "Key Terms",
        "Effective Date",
        "Rights in Deliverables",
        "Governing Law",
        "Courts",
    ]
    assert headed(clauses, "Effective Date").text == "{effective_date}"
    assert headed(clauses, "Courts").text == "{courts}"
    assert "Key Terms" not in headed(clauses, "Key Terms").text  # the merged row once, not twice
    signatures = headed(clauses, "Signatures").text
    assert signatures.startswith("Agreed to as of the Effective Date")
    assert "Customer:\nSignature:\nName and Title:\nCompany: {customer_name}" in signatures
    assert "Provider:\nSignature:\nName and Title:\nCompany: {provider_name}" in signatures
    assert "Cover Page" in clauses[0].text and "Name of Agreement:" in clauses[0].text


def test_csa_automatic_numbers_as_word_shows_them():
    clauses, _ = read_contract(CSA)
    numbered = [(c.ref, c.heading) for c in clauses if c.ref]
    # list 1: 13 sections and 93 sub-clauses; list 2 (AI Addendum) restarts at 1: 4 and 16
    assert len(numbered) == 13 + 93 + 4 + 16
    assert numbered[:9] == [
        ("1", "Service"),
        ("1.1", "Access and Use"),
        ("1.2", "Support"),
        ("1.3", "User Accounts"),
        ("1.4", "Feedback and Usage Data"),
        ("1.5", "Customer Content"),
        ("1.6", "Machine Learning"),
        ("2", "Restrictions & Obligations"),
        ("2.1", "Restrictions on Customer"),
    ]
    found = dict(numbered[:106])
    assert found["4.6"] == "Payment Dispute"
    assert found["7.1"] == ""  # a sub-clause without a title
    assert found["12.3"] == "Governing Law and Chosen Courts"
    assert found["12.17"] == "Signature"
    assert found["13"] == "Definitions"
    assert found["13.1"] == "Defining Variables"
    assert found["13.3"] == ""  # a short definition in a Heading style is a sentence, not a title
    assert numbered[106:109] == [
        ("1", "AI Services"),
        ("1.1", "Using AI Services"),
        ("1.2", "Restrictions"),
    ]
    assert numbered[-1][0] == "4.7"
    assert not any(ref.count(".") > 1 for ref, _ in numbered)  # no (a) renumbered 2.1.1


def test_csa_body_text_and_lettered_items_stay_in_their_clause():
    clauses, _ = read_contract(CSA)
    main = [c for c in clauses if c.ref][:106]

    def text(ref):
        (found,) = [c for c in main if c.ref == ref]
        return found.text

    assert text("1") == ""  # a heading: the sub-clauses carry the text
    assert text("9.3").startswith("The Indemnifying Party’s obligations in this section")
    assert len(text("9.3")) > 700
    assert text("2.1").startswith(
        "(a) Except as expressly permitted by this Agreement, Customer will not"
    )
    assert "\n(b) Use of the Product must comply with all Documentation and Use Limitations." in (
        text("2.1")
    )
    assert text("5.3").startswith(
        "Either party may terminate the Framework Terms or an Order Form immediately:\n"
    )
    assert "(a) if the other party fails to cure a material breach" in text("5.3")
    assert "(b) upon notice if the other party (i) materially breaches" in text("5.3")
    assert "(d) Provider will submit a final bill" in text("5.5")
    assert text("7.1").startswith("Provider makes no guarantees")
    assert text("13.2").startswith("“Affiliate” means an entity")


def test_csa_cover_tables_are_clauses_per_key_term():
    clauses, _ = read_contract(CSA)
    assert headed(clauses, "Governing Law").text == "The laws of {governing_law}"
    courts = headed(clauses, "Chosen Courts").text
    assert courts == (
        "Jurisdiction or where disputes are filed\n"
        "The courts (whether state, federal, or otherwise) located in {jurisdiction}"
    )
    fees = headed(clauses, "Cloud Service Fees").text
    assert fees.startswith("[    ]\t{fees} per {fee_unit}\n[    ]\tOther fee structure:")
    assert headed(clauses, "Payment Process").text.startswith("[Drafting note: Select one option")
    # nested tables inside a cell are read, row by row
    security = headed(clauses, "Security Policy").text
    assert "[    ] \tISO 27001 | [    ] \tPenetration testing" in security
    assert "Cyber liability" in headed(clauses, "Insurance Minimums").text
    # title rows that span the table start a group; the order is the document's
    headings = [c.heading for c in clauses]
    assert headings[1:4] == ["Order Form", "Framework Terms", "Cloud Service"]
    assert headed(clauses, "Order Form").text.startswith("The key business terms")
    first_numbered = next(i for i, c in enumerate(clauses) if c.ref)
    assert headings.index("Key Terms") < first_numbered


# --- made-up Word contracts: tables, numbering, hostile files ------------------------------------


def add_list(document, abstract_id, levels, num_id=None, overrides=""):
    """A list definition in numbering.xml; ``levels`` are (numFmt, lvlText, start) from level 0."""
    numbering = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text, start) in enumerate(levels)
    )
    numbering.find(qn("w:num")).addprevious(
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'
        )
    )
    add_num(document, num_id or abstract_id, abstract_id, overrides)


def add_num(document, num_id, abstract_id, overrides=""):
    document.part.numbering_part.element.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            f"{overrides}</w:num>"
        )
    )


def numbered(document, text, num_id, level, style=None):
    paragraph = document.add_paragraph(text, style=style)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )
    return paragraph


def test_word_numbering_formats_starts_and_restarts(tmp_path):
    document = docx.Document()
    add_list(
        document,
        60,
        [
            ("decimal", "%1.", 1),
            ("decimal", "%1.%2", 1),
            ("lowerLetter", "(%3)", 1),
            ("lowerRoman", "(%4)", 1),
            ("upperLetter", "%5.", 1),
        ],
    )
    add_list(document, 61, [("decimal", "%1.", 1)])  # a simple list in a clause body
    restart = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride>'
    add_num(document, 62, 60, restart)
    document.add_paragraph("Consulting Agreement", style="Title")
    numbered(document, "Services", 60, 0)
    numbered(document, "Scope. The Provider builds the web shop.", 60, 1)
    numbered(document, "pages for the catalogue;", 60, 2)
    numbered(document, "the product page;", 60, 3)
    numbered(document, "the basket.", 60, 3)
    numbered(document, "a payment page.", 60, 2)
    numbered(document, "Hosting is not included.", 60, 4)
    numbered(document, "The Client provides all texts and pictures before the work starts.", 60, 1)
    numbered(document, "Fees", 60, 0)
    numbered(document, "Rates. The Provider invoices monthly:", 60, 1)
    numbered(document, "Design at EUR 80 per hour", 61, 0)
    numbered(document, "Development at EUR 90 per hour", 61, 0)
    numbered(document, "travel at cost.", 60, 2)
    numbered(document, "Term", 62, 0)
    numbered(document, "Duration. One year.", 62, 1)
    path = tmp_path / "contract.docx"
    document.save(path)
    clauses, notices = read_contract(path)
    assert notices == []
    assert refs(clauses) == [
        ("", "Preamble"),
        ("1", "Services"),
        ("1.1", "Scope"),
        ("1.2", ""),
        ("2", "Fees"),
        ("2.1", "Rates"),
        ("7", "Term"),  # the list restarted at 7 (a startOverride)
        ("7.1", "Duration"),
    ]
    assert clause(clauses, "1.1").text == (
        "The Provider builds the web shop.\n\n(a) pages for the catalogue;\n\n"
        "(i) the product page;\n\n(ii) the basket.\n\n(b) a payment page.\n\n"
        "A. Hosting is not included."
    )
    assert clause(clauses, "1.2").text == (
        "The Client provides all texts and pictures before the work starts."
    )
    assert clause(clauses, "2.1").text == (
        "The Provider invoices monthly:\n\n1. Design at EUR 80 per hour\n\n"
        "2. Development at EUR 90 per hour\n\n(a) travel at cost."  # (a) restarts under 2.1
    )


def merge_title_row(table, text):
    cell = table.rows[0].cells[0].merge(table.rows[0].cells[-1])
    cell.text = text


def test_word_tables_on_the_cover_page_and_in_a_clause(tmp_path):
    document = docx.Document()
    document.add_paragraph("Consulting Agreement", style="Title")
    terms = document.add_table(rows=5, cols=2)
    merge_title_row(terms, "Key Terms")
    terms.cell(1, 0).text = "Hourly Rate"
    terms.cell(1, 1).text = "EUR 90 per hour"
    terms.cell(2, 0).text = "Payment Term\n(days after the invoice date)"
    terms.cell(2, 1).text = "30"
    terms.cell(4, 0).text = "Services"  # row 3 stays empty and is dropped
    terms.cell(4, 1).text = "Included:"
    nested = terms.cell(4, 1).add_table(rows=2, cols=2)
    for (row, col), text in {(0, 0): "Design", (0, 1): "yes", (1, 0): "Hosting"}.items():
        nested.cell(row, col).text = text
    document.add_paragraph("")
    document.add_heading("1. Fees", level=1)
    document.add_paragraph("The rates are:")
    rates = document.add_table(rows=4, cols=3)
    for row, values in enumerate(
        [("Role", "Rate", "Unit"), ("Developer", "EUR 90", "hour"), ("Designer", "EUR 80", "hour")]
    ):
        for col, value in enumerate(values):
            rates.cell(row, col).text = value
    rates.cell(2, 0).merge(rates.cell(3, 0))  # "Designer" spans two rows
    rates.cell(3, 1).text, rates.cell(3, 2).text = "EUR 95", "rush hour"
    document.add_paragraph("Invoices go out monthly.")
    signatures = document.add_table(rows=2, cols=3)
    for (row, col), text in {
        (0, 1): "PROVIDER",
        (0, 2): "CLIENT",
        (1, 0): "Signature",
    }.items():
        signatures.cell(row, col).text = text
    path = tmp_path / "contract.docx"
    document.save(path)
    clauses, notices = read_contract(path)
    assert notices == []
    assert [(c.ref, c.heading, c.text) for c in clauses] == [
        ("", "Preamble", "Consulting Agreement"),
        ("", "Key Terms", ""),
        ("", "Hourly Rate", "EUR 90 per hour"),
        ("", "Payment Term", "(days after the invoice date)\n30"),
        ("", "Services", "Included:\nDesign | yes\nHosting"),
        (
            "1",
            "Fees",
            "The rates are:\n\nRole | Rate | Unit\nDeveloper | EUR 90 | hour\n"
            "Designer | EUR 80 | hour\nEUR 95 | rush hour\n\nInvoices go out monthly.\n\n"
            "PROVIDER | CLIENT\nSignature",
        ),
    ]


def style_bomb(tmp_path, styles, paragraphs, cycle=False):
    """A .docx whose paragraphs use the last of ``styles`` styles, each based on the one before
    (the first on the last if ``cycle``, and the last is then "heading 1")."""
    document = docx.Document()
    element = document.styles.element
    last = styles - 1
    name = "heading 1" if cycle else f"S{last}"
    chain = "".join(
        f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="S{i}">'
        f'<w:name w:val="{name if i == last else f"S{i}"}"/>'
        + (f'<w:basedOn w:val="S{(i - 1) % styles}"/>' if i or cycle else "")
        + "</w:style>"
        for i in range(styles)
    )
    for style in parse_xml(f"<w:styles {nsdecls('w')}>{chain}</w:styles>"):
        element.append(style)
    body = document.element.body
    paragraph = f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="S{styles - 1}"/></w:pPr>'
    for index in range(paragraphs):
        body.append(parse_xml(f"{paragraph}<w:r><w:t>Paragraph {index}.</w:t></w:r></w:p>"))
    path = tmp_path / "contract.docx"
    document.save(path)
    return path


def test_style_bomb_is_read_in_linear_time(tmp_path):
    path = style_bomb(tmp_path, styles=3_800, paragraphs=8_000)  # with the template's 164
    started = time.perf_counter()
    clauses, _ = read_contract(path)
    assert time.perf_counter() - started < 5
    assert "Paragraph 7999." in clauses[0].text


def test_more_styles_than_any_word_document_are_refused(tmp_path):
    with pytest.raises(BadInput, match=r"styles\.xml: defines 4,164 styles; .* than 4,000 are"):
        read_contract(style_bomb(tmp_path, styles=4_000, paragraphs=1))


def test_style_inheritance_in_a_circle_ends(tmp_path):
    clauses, _ = read_contract(style_bomb(tmp_path, styles=3, paragraphs=2, cycle=True))
    assert refs(clauses) == [("", "Paragraph 0"), ("", "Paragraph 1")]


def rewrite_zip(path, extra):
    """The .docx at ``path`` with the members of ``extra`` (name → bytes) added."""
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        for name, data in extra.items():
            archive.writestr(name, data)


def test_a_docx_that_unpacks_too_large_is_refused(tmp_path, monkeypatch):
    from mediate.importers import contract_docx

    monkeypatch.setattr(contract_docx, "MAX_UNPACKED_BYTES", 2_000_000)
    document = docx.Document()
    document.add_paragraph("Article 1 Services")
    path = tmp_path / "contract.docx"
    document.save(path)
    rewrite_zip(path, {"word/media/image1.bin": bytes(3_000_000)})
    with pytest.raises(BadInput, match=r"^contract\.docx: unpacks to more than 2 MB"):
        read_contract(path)


def test_a_docx_whose_zip_headers_lie_about_sizes_is_refused(tmp_path):
    document = docx.Document()
    document.add_paragraph("Article 1 Services")
    path = tmp_path / "contract.docx"
    document.save(path)
    rewrite_zip(path, {"word/media/image1.bin": bytes(5_000_000)})
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local, central
        at = data.rfind(signature)
        data[at + offset : at + offset + 4] = (1000).to_bytes(4, "little")  # uncompressed size
    path.write_bytes(bytes(data))
    with pytest.raises(BadInput, match=r"^contract\.docx: is not a Word \.docx document"):
        read_contract(path)


def test_a_docx_with_little_text_for_its_size_gets_a_warning(tmp_path):
    document = docx.Document()
    document.add_paragraph("Scanned contract")
    path = tmp_path / "contract.docx"
    document.save(path)
    rewrite_zip(path, {"word/media/page1.png": random.Random(3).randbytes(400_000)})
    clauses, notices = read_contract(path)
    assert clauses[0].text == "Scanned contract"
    warning, no_headings = (str(n) for n in notices)
    assert re.fullmatch(
        r"contract\.docx: holds only 15 characters of text in 43\d KB; its pages may be images "
        r"\(a scan\) or objects that are not read: compare the clauses with the document in Word",
        warning,
    )
    assert no_headings == "contract.docx: no clause headings found; kept as one clause"


def test_little_text_compared_with_the_document_gets_a_warning():
    from mediate.importers import contract_docx

    assert contract_docx.little_text("c.docx", kept=950, total=1000, size=20_000) is None
    notice = contract_docx.little_text("c.docx", kept=83, total=3_000, size=20_000)
    assert str(notice) == (
        "c.docx: only 83 of the 3,000 characters of text in the document were read into "
        "clauses: compare the clauses with the document in Word"
    )
