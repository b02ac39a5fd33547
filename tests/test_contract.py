"""Contracts split into clauses: the two real contracts, Dutch articles, Word files, body lists."""

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

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
    document.add_heading("Services Agreement", level=0)
    document.add_paragraph("Between the parties below.")

    def auto_numbered(text, level):
        paragraph = document.add_heading(text, level=level)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level - 1}"/>'
                '<w:numId w:val="1"/></w:numPr>'
            )
        )

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
