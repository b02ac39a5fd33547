"""Contracts split into clauses: two real contracts, Dutch articles, Word, list items in a body."""

from pathlib import Path

import docx
import pytest

from mediate.importers.contract import read_contract
from mediate.importers.problems import BadInput

REAL = Path(__file__).parent / "fixtures" / "real" / "contracts"


def refs(clauses):
    return [(c.ref, c.heading) for c in clauses]


def test_cuad_services_agreement_clauses_run_together_in_paragraphs():
    clauses, notices = read_contract(
        REAL / "cuad-ABILITYINC_06_15_2020-EX-4.25-SERVICES-AGREEMENT.txt"
    )
    assert notices == []
    found = dict(refs(clauses))
    assert found["2"] == "Compensation" and found["2.3"] == "Invoice Disputes"
    assert found["3.1"] == "Termination of Agreement" and found["7.2"] == "Governing Law"
    assert len(clauses) == 36
    disputes = next(c for c in clauses if c.ref == "2.3")
    assert disputes.text.startswith(
        "In the event of an Invoice dispute, Recipient shall deliver a written statement"
    )
    assert (
        "Section 3.2" in next(c for c in clauses if c.ref == "3.1").text
    )  # a reference, not a split


def test_common_paper_nested_list_clauses():
    clauses, notices = read_contract(REAL / "commonpaper-psa-standard-terms.md")
    assert notices == []
    found = dict(refs(clauses))
    assert found["4"] == "Payment & Taxes"
    assert found["4.4"] == "Payment Dispute"
    assert found["12.3"] == "Governing Law and Chosen Courts"
    assert found["13"] == "Definitions"
    dispute = next(c for c in clauses if c.ref == "4.4")
    assert dispute.text.startswith(
        "If Customer has a good-faith disagreement about the amounts charged"
    )
    assert "<span" not in dispute.text


def test_dutch_articles_and_numbered_items_in_a_body(tmp_path):
    path = tmp_path / "contract.txt"
    path.write_text(
        "Overeenkomst van opdracht\n\n"
        "Artikel 1 Definities\n1.1 Opdracht: het werk in artikel 2.\n\n"
        "Artikel 4 Betaling\nFacturen worden binnen 30 dagen betaald.\n"
        "1. De opdrachtgever betaalt per bank.\n2. Bezwaar tegen een factuur wordt schriftelijk gemaakt.\n\n"
        "Artikel 5 - Geschillen\nPartijen proberen eerst mediation.\n",
        encoding="utf-8",
    )
    clauses, _ = read_contract(path)
    assert refs(clauses) == [
        ("", "Preamble"),
        ("1", "Definities"),
        ("4", "Betaling"),
        ("5", "Geschillen"),
    ]
    assert "2. Bezwaar tegen een factuur" in clauses[2].text


def test_word_document_with_heading_styles(tmp_path):
    document = docx.Document()
    document.add_heading("Services Agreement", level=0)
    document.add_paragraph("Between the parties below.")
    document.add_heading("1. Services", level=1)
    document.add_paragraph("The Provider translates the manual.")
    document.add_heading("5. Acceptance and complaints", level=1)
    document.add_paragraph("Complaints within 10 days.")
    path = tmp_path / "contract.docx"
    document.save(path)
    clauses, _ = read_contract(path)
    assert refs(clauses) == [
        ("", "Services Agreement"),
        ("1", "Services"),
        ("5", "Acceptance and complaints"),
    ]
    assert clauses[2].text == "Complaints within 10 days."


def test_no_headings_gives_one_clause_with_a_warning(tmp_path):
    path = tmp_path / "contract.md"
    path.write_text("We agree to work together.\nPayment in 14 days.\n", encoding="utf-8")
    clauses, notices = read_contract(path)
    assert len(clauses) == 1 and "Payment in 14 days." in clauses[0].text
    assert "no numbered clause headings" in str(notices[0])


def test_broken_docx_and_cp1252_text(tmp_path):
    bad = tmp_path / "contract.docx"
    bad.write_bytes(b"not a zip at all")
    with pytest.raises(BadInput, match=r"contract\.docx: is not a Word \.docx document"):
        read_contract(bad)
    legacy = tmp_path / "contract.txt"
    legacy.write_bytes("Article 1 Café terms\nPrices in € only.\n".encode("cp1252"))
    clauses, notices = read_contract(legacy)
    assert clauses[0].heading == "Café terms" and "€" in clauses[0].text
    assert "Windows-1252" in str(notices[0])
