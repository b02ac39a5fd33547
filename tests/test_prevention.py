"""The prevention review: each kind of finding with its evidence and fix, as Markdown and .docx."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal

import docx
import pytest
from click.testing import CliRunner

from mediate.cli import main
from mediate.documents.prevention_report import md_escape, prevention_docx, prevention_markdown
from mediate.domain.model import ContractClause, InvoiceLine, WorkEntry
from mediate.domain.prevention import FindingKind, case_prevention, overview
from mediate.domain.prevention_wording import DISPUTE_CLAUSE, PAYMENT_CLAUSE
from mediate.store.archive_reads import prevention
from tests.builders import bundle, line
from tests.settlement_helpers import CAUCUS_MARKER, signed_settlement

GOOD_CLAUSES = [
    ContractClause(ref="3.1", heading="Rates", text="Design EUR 95 per hour."),
    ContractClause(ref="4.2", heading="Payment", text="Invoices are due in 30 days."),
    ContractClause(ref="9", heading="Disputes", text="The parties first try mediation."),
]


def hours_line(position, description, qty, price="95.00", when=None, line_id=None):
    result = line(position, description, qty, price)
    result.service_date = when
    result.id = line_id or position
    return result


def entry(day, minutes, line_id=None, task=""):
    return WorkEntry(date=day, person="Anna", minutes=minutes, task=task, invoice_line_id=line_id)


def review(lines, work=(), clauses=GOOD_CLAUSES, language="en", **case_fields):
    """The prevention review of the builders' case with these lines, log and clauses."""
    b = bundle(language=language)
    for name, value in case_fields.items():
        setattr(b.case, name, value)
    b.invoices[0].lines = list(lines)
    return case_prevention(b.case, b.invoices, list(clauses), list(work))


def kinds(result):
    return [f.kind for f in result.findings]


CLEAN_LINE = hours_line(1, "Logo design, three concepts", "4", when=date(2026, 3, 2))
CLEAN_LOG = [entry(date(2026, 3, 2), 240, 1, "logo concepts")]


def test_a_clean_case_has_no_findings():
    assert review([CLEAN_LINE], CLEAN_LOG).findings == []


# --- each kind of finding --------------------------------------------------------------------------


def test_a_vague_line_gets_an_itemised_rewrite_from_its_work_log():
    vague = hours_line(2, "Consultancy services", "2", line_id=7)
    log = [
        *CLEAN_LOG,
        entry(date(2026, 4, 5), 90, 7, "marketing strategy"),
        entry(date(2026, 4, 5), 30, 7, "Marketing strategy"),
    ]
    (finding,) = review([CLEAN_LINE, vague], log).findings
    assert finding.kind == FindingKind.VAGUE
    assert finding.evidence == (
        "Invoice INV-2026-017, line 2 reads “Consultancy services”: "
        "no date and only generic words (consultancy, services)."
    )
    assert finding.fix.startswith("Itemise the line: its date, its hours and the task")
    assert finding.suggestions == (
        ("en", "Consultancy services on 5 April 2026, 2 h on marketing strategy"),
    )


def test_a_dated_but_generic_line_is_vague_and_a_rewrite_without_a_log_shows_placeholders():
    dated = hours_line(1, "Diversen", "3", when=date(2026, 4, 5))
    (finding,) = review([dated], [entry(date(2026, 4, 5), 180, 1)], language="nl").findings
    assert (
        finding.evidence
        == "Factuur INV-2026-017, regel 1 luidt “Diversen”: alleen algemene woorden (diversen)."
    )
    assert finding.suggestions == (
        ("nl", "Diversen op 5 april 2026, 3 uur aan [de taak, zoals in de urenregistratie]"),
    )
    undated = hours_line(1, "Support", "3")
    (finding,) = review([undated], [entry(date(2026, 4, 5), 180, 1, "x")]).findings
    assert finding.suggestions[0][1] == "Support on 5 April 2026, 3 h on x"


def test_a_rewrite_spans_the_dates_of_the_log_and_names_up_to_three_tasks():
    vague = hours_line(1, "Work", "6")
    log = [
        entry(date(2026, 4, 7), 60, 1, "wireframes"),
        entry(date(2026, 4, 5), 60, 1, "kick-off"),
        entry(date(2026, 4, 6), 60, 1, "copy"),
        entry(date(2026, 4, 8), 180, 1, "testing"),
    ]
    (finding,) = review([vague], log).findings
    assert finding.suggestions[0][1] == (
        "Work on 5 April 2026 to 8 April 2026, 6 h on kick-off, copy and wireframes"
    )


def test_more_hours_billed_than_logged_asks_for_the_work_log():
    billed = hours_line(1, "Logo design, three concepts", "10", when=date(2026, 3, 2))
    (finding,) = review([billed], [entry(date(2026, 3, 2), 360, 1, "logo")]).findings
    assert finding.kind == FindingKind.HOURS
    assert finding.evidence == (
        "Invoice INV-2026-017, line 1 (“Logo design, three concepts”) bills 10 h; "
        "the work log shows 6 h for it."
    )
    assert "Attach the work log to the invoice" in finding.fix
    (no_log,) = review([billed], []).findings
    assert no_log.evidence.endswith("bills 10 h; there is no work log on file.")


def test_a_rate_other_than_the_contract_quotes_the_clause():
    cheap = hours_line(1, "Logo design, three concepts", "4", "85.00", when=date(2026, 3, 2))
    (finding,) = review([cheap], CLEAN_LOG).findings
    assert finding.kind == FindingKind.RATE
    assert finding.evidence == (
        "Invoice INV-2026-017, line 1 bills €85.00 per hour; the contract sets €95.00 in clause 3.1."
    )
    assert finding.fix.endswith("The contract says: 3.1 “Design EUR 95 per hour.”")


def test_work_after_the_contract_ended():
    late_line = hours_line(2, "Hosting migration, 5 April", "2", when=date(2026, 4, 5))
    log = [*CLEAN_LOG, entry(date(2026, 4, 5), 120, 2, "migration")]
    result = review([CLEAN_LINE, late_line], log, contract_end=date(2026, 3, 31))
    (finding,) = result.findings
    assert finding.kind == FindingKind.AFTER_CONTRACT
    assert finding.evidence == (
        "1 work entry (2 h, 5 April 2026) and invoice lines INV-2026-017:2 "
        "fall after the contract ended on 31 March 2026."
    )
    assert "extend the contract" in finding.fix
    log.append(entry(date(2026, 4, 9), 30, None, "handover"))
    (finding,) = review([CLEAN_LINE], log, contract_end=date(2026, 3, 31), language="nl").findings
    assert finding.evidence == (
        "2 urenregels (2,5 uur, 5 april 2026 tot en met 9 april 2026) vallen na het einde van "
        "het contract op 31 maart 2026."
    )


def test_a_contract_without_payment_terms_gets_a_clause_in_both_languages():
    clauses = [c for c in GOOD_CLAUSES if c.ref != "4.2"]
    (finding,) = review([CLEAN_LINE], CLEAN_LOG, clauses, language="nl").findings
    assert finding.kind == FindingKind.PAYMENT_TERMS
    assert finding.evidence == (
        "Geen van de 2 artikelen van het contract zegt wanneer facturen betaald moeten worden."
    )
    assert finding.suggestions == (("nl", PAYMENT_CLAUSE["nl"]), ("en", PAYMENT_CLAUSE["en"]))


@pytest.mark.parametrize(
    "clause",
    [
        ContractClause(ref="5", heading="Betaling", text="Binnen 14 dagen."),
        ContractClause(
            ref="5", heading="Facturen", text="De vervaldag is 30 dagen na factuurdatum."
        ),
        ContractClause(ref="5", heading="Invoices", text="Each invoice is payable on receipt."),
    ],
)
def test_payment_terms_are_recognised_in_either_language(clause):
    clauses = [c for c in GOOD_CLAUSES if c.ref != "4.2"] + [clause]
    assert review([CLEAN_LINE], CLEAN_LOG, clauses).findings == []


def test_a_contract_without_a_dispute_clause_and_no_contract_at_all():
    clauses = [c for c in GOOD_CLAUSES if c.ref != "9"]
    (finding,) = review([CLEAN_LINE], CLEAN_LOG, clauses).findings
    assert finding.kind == FindingKind.DISPUTE_CLAUSE
    assert finding.evidence == "None of the contract's 2 clauses says how a dispute is resolved."
    assert finding.suggestions == (("en", DISPUTE_CLAUSE["en"]), ("nl", DISPUTE_CLAUSE["nl"]))
    geschil = ContractClause(ref="9", heading="Geschillen", text="Eerst naar een mediator.")
    assert review([CLEAN_LINE], CLEAN_LOG, [*clauses, geschil]).findings == []
    nothing = review([CLEAN_LINE], CLEAN_LOG, [])
    assert kinds(nothing) == [FindingKind.PAYMENT_TERMS, FindingKind.DISPUTE_CLAUSE]
    assert nothing.findings[0].evidence == "There is no written contract on file."


def test_a_dispute_opened_after_the_due_date_asks_for_clear_terms_and_reminders():
    (finding,) = review([CLEAN_LINE], CLEAN_LOG, opened=date(2026, 5, 10)).findings
    assert finding.kind == FindingKind.LATE_DISPUTE
    assert finding.evidence == (
        "The case was opened on 10 May 2026, 10 days after invoice INV-2026-017 fell due on "
        "30 April 2026."
    )
    assert "reminder" in finding.fix and "payment terms" in finding.fix
    assert review([CLEAN_LINE], CLEAN_LOG, opened=date(2026, 4, 30)).findings == []


def test_the_overview_counts_cases_and_findings_per_kind():
    a = review(
        [hours_line(1, "Services", "2"), hours_line(2, "Misc", "1")], opened=date(2026, 5, 1)
    )
    b = review([hours_line(1, "Support", "1")])
    assert overview([a, b]) == [
        (FindingKind.VAGUE, 2, 3),
        (FindingKind.HOURS, 2, 3),
        (FindingKind.LATE_DISPUTE, 1, 1),
    ]


# --- documents -----------------------------------------------------------------------------------


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def raw_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "".join(
            archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml")
        )


def test_markdown_of_one_case(store):
    signed_settlement(store)
    (result,) = prevention(store, "MED-2026-001")
    assert prevention(store.db, "MED-2026-001") == [result]  # a bare connection reads the same
    text = prevention_markdown([result])
    assert text.startswith("# Prevention report: MED-2026-001\n\nWhat in the invoice and the")
    assert "*Website rebuild: hours in dispute*" in text
    assert "## 1. Vague invoice line" in text
    assert "> Design work on 2 March 2026, 30 h on \\[the task, as in the work log\\]" in text
    assert "**Fix:** Bill the rate the contract sets" in text
    assert f"> *Dutch:* {DISPUTE_CLAUSE['nl']}" in text
    assert CAUCUS_MARKER not in text and "CAUCUS" not in text


def test_markdown_escapes_what_a_party_typed():
    assert md_escape("a *b* [c](d) <e>\n_f_") == "a \\*b\\* \\[c\\](d) \\<e\\> \\_f\\_"


def test_docx_of_one_case_in_its_language_reads_back(store):
    signed_settlement(store, language="nl")
    reviews = prevention(store, "MED-2026-001")
    data = prevention_docx(reviews)
    document = docx.Document(io.BytesIO(data))
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert styles[0] == ("Title", "Preventierapport: MED-2026-001")
    assert ("Heading 1", "1. Vage factuurregel") in styles
    assert (
        "Quote",
        "Design work op 2 maart 2026, 30 uur aan [de taak, zoals in de urenregistratie]",
    ) in styles
    assert any(s == "Quote" and t.startswith("Nederlands: Geschillen.") for s, t in styles)
    assert CAUCUS_MARKER not in raw_xml(data)
    assert prevention_docx(reviews) == data  # the same review, the same bytes


def test_docx_of_all_cases_has_a_summary_table_and_survives_control_characters(store):
    signed_settlement(store)
    other = bundle("MED-2026-002", language="nl")
    other.case.title = "Onderhoud\x0b tuin \x01"
    other.invoices[0].lines[0].description = "Diversen\x0c"
    other.clauses = []
    store.import_bundle(other)
    reviews = prevention(store)
    data = prevention_docx(reviews)
    text = docx_text(data)
    assert "Prevention report: all cases" in text
    assert "MED-2026-002: Onderhoud\n tuin " in text  # a vertical tab is a line break in Word
    assert "Vague invoice line\n2\n" in text  # both cases have a vague line
    assert "\x0b" not in raw_xml(data) and CAUCUS_MARKER not in raw_xml(data)
    assert "| Vague invoice line | 2 |" in prevention_markdown(reviews)


def test_report_command_prints_markdown_and_writes_docx_and_md(store, db_path, tmp_path):
    signed_settlement(store)
    run = CliRunner().invoke
    printed = run(main, ["report", "--prevention", "MED-2026-001", "--db", str(db_path)])
    assert printed.exit_code == 0, printed.output
    assert "## 1. Vague invoice line" in printed.output
    assert CAUCUS_MARKER not in printed.output
    everything = run(main, ["report", "--prevention", "--db", str(db_path)])
    assert "all cases" in everything.output and CAUCUS_MARKER not in everything.output

    out = tmp_path / "report.docx"
    written = run(
        main, ["report", "--prevention", "MED-2026-001", "--out", str(out), "--db", str(db_path)]
    )
    assert written.exit_code == 0, written.output
    assert "Prevention report: MED-2026-001" in docx_text(out.read_bytes())
    again = run(
        main, ["report", "--prevention", "MED-2026-001", "--out", str(out), "--db", str(db_path)]
    )
    assert again.exit_code == 2 and "already exists" in again.output

    md = tmp_path / "report.md"
    args = ["report", "--prevention", "--format", "md", "--out", str(md), "--lang", "nl"]
    assert run(main, [*args, "--db", str(db_path)]).exit_code == 0
    assert md.read_text(encoding="utf-8").startswith("# Preventierapport: alle zaken")


def test_report_command_for_an_unknown_case(store, db_path):
    result = CliRunner().invoke(main, ["report", "--prevention", "NOPE", "--db", str(db_path)])
    assert result.exit_code == 2 and "no case “NOPE”" in result.output


def test_amounts_stay_decimal():
    line_ = InvoiceLine(
        position=1,
        description="Logo design, three concepts",
        quantity=Decimal("2.5"),
        unit="h",
        unit_price=Decimal("95.005"),
        net_amount=Decimal("237.51"),
        service_date=date(2026, 3, 2),
        id=1,
    )
    (finding,) = review([line_], [entry(date(2026, 3, 2), 150, 1)]).findings
    assert "bills €95.01 per hour" in finding.evidence  # half-up to the cent
