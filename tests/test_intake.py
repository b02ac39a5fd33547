"""Case folders in: one transaction, precise refusals, a replayed session with genuine events."""

import shutil
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from mediate.cli import main
from mediate.domain.invoice_totals import totals
from mediate.domain.model import CaseStatus, ProposalStatus, Visibility
from mediate.domain.visibility import View
from mediate.importers.case_folder import read_case_folder
from mediate.importers.case_toml import read_invoice_table
from mediate.importers.problems import BadInput
from mediate.services.intake import import_folders
from mediate.store.search import search
from tests.case_folders import CASE_TOML, SESSION_TOML, write_case


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def table_counts(store):
    names = [n for n in store.db.table_names() if not n.startswith(("_", "search_index"))]
    return {n: store.db.execute(f"SELECT COUNT(*) FROM [{n}]").fetchone()[0] for n in names}


def test_import_prints_a_summary_and_stores_the_case(tmp_path, db_path, store):
    folder = write_case(tmp_path)
    result = run("import", folder, "--db", db_path)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "MED-T-001  Café rebuild: hours in dispute" in out
    assert "invoice INV-T-1: 3 lines, €3,279.90 without VAT" in out
    assert "Design work" in out and "30 h billed, 0.00 h logged  << more billed than logged" in out
    assert "amount 49.90 differs from quantity x unit price 49.99" in out
    case = store.case("MED-T-001")
    assert case.parties[1].legal_name == "Bakkerij [Brood] Ltd"
    assert store.summary(case.id).disputed == 2850
    (statement,) = store.statements(case.id)
    assert statement.invoice_line_id == store.invoices(case.id)[0].lines[1].id


def test_second_import_is_refused_then_replace_works(tmp_path, db_path, store):
    folder = write_case(tmp_path)
    assert run("import", folder, "--db", db_path).exit_code == 0
    again = run("import", folder, "--db", db_path)
    assert again.exit_code == 2 and "use --replace" in again.output
    assert run("import", folder, "--replace", "--db", db_path).exit_code == 0
    assert (
        len(store.summaries()) == 1
        and store.count("invoice_lines", store.case_id("MED-T-001")) == 3
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda t: t.replace('title = "Café', "title = Café"),
            "case.toml: line 2, column 9: is not valid TOML",
        ),
        (
            lambda t: t.replace("[client]", "[klant]"),
            "case.toml: client: the [client] table is missing",
        ),
        (
            lambda t: t.replace('currency = "EUR"', 'currency = "XYZQ"'),
            "currency: “XYZQ” is not a currency code",
        ),
        (
            lambda t: t.replace('language = "en"', 'language = "fr"'),
            "language: “fr” is not one of: en, nl",
        ),
        (
            lambda t: t.replace("The client disputes", "The client\\u0007 disputes"),
            "summary: contains control characters",
        ),
        (
            lambda t: t.replace('reasons = ["hours", "scope"]', 'reasons = ["money"]'),
            "reasons: “money” is not one of",
        ),
        (
            lambda t: t.replace('invoice_line = "INV-T-1:2"', 'invoice_line = "INV-T-1:9"'),
            "invoice INV-T-1 has no line 9 (its lines: 1, 2, 3)",
        ),
        (
            lambda t: t.replace("opened = 2026-04-02", 'opened = "02/04/2026"'),
            "opened: “02/04/2026” is not a date",
        ),
        (
            lambda t: t.replace("reasons = [", 'disputed_lines = ["INV-T-1"]\nreasons = ['),
            "“INV-T-1” is not an invoice line",
        ),
    ],
)
def test_bad_case_toml_exit_2_one_message_nothing_written(
    tmp_path, db_path, store, change, message
):
    before = table_counts(store)
    folder = write_case(tmp_path, case_toml=change(CASE_TOML))
    result = run("import", folder, "--db", db_path)
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "case.toml" in lines[0]
    assert table_counts(store) == before


def test_several_folders_are_one_transaction(tmp_path, db_path, store):
    good = write_case(tmp_path, "good")
    bad = write_case(
        tmp_path,
        "bad",
        case_toml=CASE_TOML.replace("MED-T-001", "MED-T-002").replace("[client]", "[x]"),
    )
    assert run("import", good, bad, "--db", db_path).exit_code == 2
    assert store.summaries() == []


def test_missing_case_toml_and_not_a_folder(tmp_path, db_path):
    (tmp_path / "empty").mkdir()
    result = run("import", tmp_path / "empty", "--db", db_path)
    assert result.exit_code == 2 and "has no case.toml" in result.output


def test_session_is_replayed_with_its_own_times(tmp_path, db_path, store):
    folder = write_case(tmp_path, session=SESSION_TOML)
    assert run("import", folder, "--db", db_path).exit_code == 0, "import failed"
    case_id = store.case_id("MED-T-001")
    events = store.audit_events(case_id)
    kinds = [e["kind"] for e in events]
    assert kinds == [
        "case.imported",
        "statement.recorded",
        "statement.restated",
        "statement.confirmed",
        "note.added",
        "proposal.made",
        "proposal.made",
        "proposal.accepted",
        "settlement.choices",
        "settlement.signed",
        "settlement.signed",
        "settlement.signed",
    ]
    assert events[0]["at"] == "2026-04-14T09:30:00+02:00"
    assert events[7]["at"] == "2026-04-14T12:10:00+02:00"
    proposals = store.proposals(case_id)
    assert [p.status for p in proposals] == [ProposalStatus.SUPERSEDED, ProposalStatus.ACCEPTED]
    assert str(proposals[1].total) == "2709.90"
    settlement = store.current_settlement(case_id)
    assert settlement.locked and len(settlement.fingerprint) == 64
    assert store.case(case_id).status == CaseStatus.SIGNED_OFF
    assert store.notes(case_id, View.MEDIATOR)[0].visibility == Visibility.CAUCUS_CLIENT
    assert all(r.ok for r in store.verify())


def test_broken_session_rolls_back_the_whole_import(tmp_path, db_path, store):
    folder = write_case(tmp_path, session=SESSION_TOML.replace("proposal = 2", "proposal = 7"))
    result = run("import", folder, "--db", db_path)
    assert result.exit_code == 2 and "proposal 7" in result.output
    assert store.summaries() == []


def test_a_200_mb_file_is_refused_before_it_is_read(tmp_path, db_path, store):
    folder = write_case(tmp_path)
    (folder / "worklog").mkdir()
    huge = folder / "worklog" / "export.csv"
    with open(huge, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: takes no disk space
    result = run("import", folder, "--db", db_path)
    assert result.exit_code == 2
    assert "export.csv: is 200 MB; files over 50 MB are refused" in result.output
    assert store.summaries() == []


def test_case_toml_amount_beyond_what_mediate_can_record_names_the_file(tmp_path, db_path, store):
    """quantity x unit_price is checked against the one bound on amounts before the store sees
    it (it used to end in an OverflowError from SQLite)."""
    before = table_counts(store)
    folder = write_case(tmp_path)
    invoice = folder / "invoices" / "inv.toml"
    invoice.write_text(
        invoice.read_text().replace("quantity = 4\n", "quantity = 999999999999\n"),
        encoding="utf-8",
    )
    result = run("import", folder, "--db", db_path)
    assert result.exit_code == 2, result.output
    (line,) = result.output.strip().splitlines()
    assert "inv.toml: lines[1].unit_price: quantity × unit_price" in line
    assert "is larger than mediate can record: at most 999,999,999,999.99" in line
    assert table_counts(store) == before


CAUCUS_SESSION = """\
[[event]]
kind = "statement"
at = 2026-04-14T10:05:00+02:00
party = "client"
visibility = "caucus-client"
text = "We could pay 2,000 if it ends today."

[[event]]
kind = "proposal"
at = 2026-04-14T10:20:00+02:00
by = "client"
visibility = "caucus-client"
adjust = [ { line = "INV-T-1:2", reduce_to = 950.00 } ]

[[event]]
kind = "release"
at = 2026-04-14T10:40:00+02:00
proposal = 1
"""


def test_a_recorded_session_keeps_its_caucus_and_its_releases(tmp_path, db_path, store):
    folder = write_case(tmp_path, session=CAUCUS_SESSION)
    assert run("import", folder, "--db", db_path).exit_code == 0, "import failed"
    case_id = store.case_id("MED-T-001")
    joint = store.statements(case_id, View.JOINT)
    assert not any("2,000" in s.text for s in joint)
    (statement,) = [s for s in store.statements(case_id, View.CAUCUS_CLIENT) if s not in joint]
    assert statement.visibility == Visibility.CAUCUS_CLIENT and statement.released_at is None
    (proposal,) = store.proposals(case_id, View.JOINT)
    assert proposal.visibility == Visibility.CAUCUS_CLIENT
    assert proposal.released_at.isoformat() == "2026-04-14T10:40:00+02:00"
    assert store.audit_events(case_id)[-1]["kind"] == "caucus.released"


def test_a_release_of_what_was_not_made_refuses_the_import(tmp_path, db_path, store):
    folder = write_case(tmp_path, session=CAUCUS_SESSION.replace("proposal = 1", "note = 1"))
    result = run("import", folder, "--db", db_path)
    assert result.exit_code == 2 and "releases note 1" in result.output
    assert store.summaries() == []


# --- which files a folder's import reads (issue "Real invoices, exactly", item 7) ---------------


REAL_MAIL = Path(__file__).parent / "fixtures" / "real" / "emails"
SAMPLE_CASE = Path(__file__).parents[1] / "sample_cases" / "MED-2026-001-billed-hours"


def test_text_of_a_forwarded_mail_is_found_by_search(tmp_path, store):
    folder = write_case(tmp_path)
    (folder / "correspondence").mkdir()
    shutil.copy(REAL_MAIL / "imaptools-attachment_message_rfc822.eml", folder / "correspondence")
    import_folders(store, [folder])
    case_id = store.case_id("MED-T-001")
    (message,) = store.messages(case_id)
    hits = search(store, "to see if I can figure out what is going wrong", view=View.JOINT)
    assert [(h.kind, h.row_id) for h in hits] == [("message", message.id)]
    assert [h.kind for h in search(store, "Another PDF Test Tester", view=View.JOINT)] == [
        "message"
    ]
    # and by the Correspondence tab's own search
    assert store.message_ids(case_id, ["figure out", "wrong"], []) == {message.id}


def test_extensions_in_upper_case_are_read_like_lower_case(tmp_path):
    folder = tmp_path / "case"
    shutil.copytree(SAMPLE_CASE, folder)
    before = read_case_folder(folder)
    for path in [
        *folder.glob("invoices/*.xml"),
        *folder.glob("worklog/*.csv"),
        *folder.glob("correspondence/*.eml"),
        folder / "contract.md",
    ]:
        path.rename(path.with_suffix(path.suffix.upper()))
    after = read_case_folder(folder)
    assert [i.number for i in after.bundle.invoices] == [i.number for i in before.bundle.invoices]
    assert len(after.bundle.work) == len(before.bundle.work) > 0
    assert [m.subject for m in after.bundle.messages] == [m.subject for m in before.bundle.messages]
    assert len(after.bundle.clauses) == len(before.bundle.clauses) > 0
    assert not any("ignored" in str(n) for n in after.notices)


# --- the invoice TOML format: line IDs, VAT categories, allowances and charges, prepaid, the
# --- invoice a credit note corrects (issue "Real invoices, exactly", items 1 and 3) ------------


README = Path(__file__).parents[1] / "sample_cases" / "README.md"
TOML_INVOICE_HEAD = 'number = "INV-M-1"\n'
TWO_LINES = """
[[lines]]
id = 10
description = "Workshop"
quantity = 4
unit_price = 95.00
vat_rate = 21

[[lines]]
id = "20"
description = "Design work"
quantity = 10
unit_price = 410.00
vat_rate = 21
"""


def toml_invoice(tmp_path, text: str, name: str = "inv.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    table = tomllib.loads(text, parse_float=Decimal)
    return read_invoice_table(table, path, "", "EUR")


def toml_refused(tmp_path, text: str) -> BadInput:
    with pytest.raises(BadInput) as caught:
        toml_invoice(tmp_path, text)
    return caught.value


def test_the_readme_invoice_example_reads_as_documented(tmp_path):
    section = README.read_text(encoding="utf-8").split("## invoices/*.toml", 1)[1]
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]
    invoice, notices = toml_invoice(tmp_path, example)
    assert notices == []
    assert [line.line_ref for line in invoice.lines] == ["10", "20"]
    assert [line.vat_category for line in invoice.lines] == ["S", ""]
    [loyalty] = invoice.lines[1].allowances
    assert (loyalty.charge, loyalty.amount, loyalty.reason) == (False, 100, "Loyalty discount")
    assert invoice.lines[1].net_amount == Decimal("4000.00")
    early, travel = invoice.allowances
    assert (early.charge, early.amount, early.reason_code, early.vat_rate) == (False, 50, "95", 21)
    # The charge gives no VAT: it takes the lines' (all 21 %, standard rate).
    assert (travel.charge, travel.amount, travel.vat_category, travel.vat_rate) == (
        True,
        75,
        "S",
        21,
    )
    assert invoice.prepaid == Decimal("500.00")
    t = totals(invoice)
    assert (t.line_total, t.allowances, t.charges, t.net) == (4380, 50, 75, 4405)
    assert (t.vat, t.gross, t.due) == (Decimal("925.05"), Decimal("5330.05"), Decimal("4830.05"))


def test_line_allowances_and_charges_make_the_line_amount(tmp_path):
    text = (
        TOML_INVOICE_HEAD
        + TWO_LINES
        + (
            '\n[[lines.allowance]]\nreason = "Loyalty"\namount = 100.00\n'
            '\n[[lines.charge]]\nreason = "Travel"\namount = 25.00\n'
        )
    )
    invoice, notices = toml_invoice(tmp_path, text)
    assert notices == []
    assert [line.net_amount for line in invoice.lines] == [Decimal("380.00"), Decimal("4025.00")]
    assert [a.signed for a in invoice.lines[1].allowances] == [-100, 25]
    assert invoice.declared_net == Decimal("4405.00")
    # Given and matching: no notice; given and not matching: both figures.
    matching = text.replace("unit_price = 410.00\n", "unit_price = 410.00\namount = 4025.00\n")
    assert toml_invoice(tmp_path, matching)[1] == []
    wrong = text.replace("unit_price = 410.00\n", "unit_price = 410.00\namount = 4100.00\n")
    [notice] = toml_invoice(tmp_path, wrong)[1]
    assert notice.where == "lines[2]"
    assert notice.what == (
        "amount 4100.00 differs from quantity x unit price "
        "10 × 410.00 − 75.00 (allowances and charges) = 4025.00"
    )
    # An amount alone is the line's net: the price before its allowance is worked back.
    alone = TOML_INVOICE_HEAD + (
        '[[lines]]\ndescription = "Fixed fee"\namount = 900.00\n'
        'allowance = [{ reason = "Goodwill", amount = 100.00 }]\n'
    )
    invoice, notices = toml_invoice(tmp_path, alone)
    assert notices == []
    [line] = invoice.lines
    assert (line.quantity, line.unit_price, line.net_amount) == (1, 1000, 900)


def test_a_credit_note_names_the_invoice_it_corrects(tmp_path):
    text = (
        'number = "CN-1"\nkind = "credit_note"\ncorrects = "INV-M-1"\n'
        "corrects_date = 2026-03-31\n" + TWO_LINES
    )
    invoice, _ = toml_invoice(tmp_path, text)
    assert invoice.sign == -1
    assert (invoice.billing_reference, str(invoice.billing_reference_date)) == (
        "INV-M-1",
        "2026-03-31",
    )
    error = toml_refused(tmp_path, text.replace('corrects = "INV-M-1"\n', ""))
    assert (error.where, error.what) == (
        "corrects_date",
        "give corrects, the number of the invoice corrected",
    )


@pytest.mark.parametrize(
    ("change", "where", "what"),
    [
        (
            lambda t: t.replace('id = "20"', 'id = "10"'),
            "lines[2].id",
            "“10” is also the ID of lines[1]",
        ),
        (
            lambda t: t.replace('id = "20"', "id = 2.5"),
            "lines[2].id",
            "must be text or a whole number, not 2.5",
        ),
        (
            lambda t: t.replace("id = 10\n", 'id = 10\nvat_category = "X"\n'),
            "lines[1].vat_category",
            "“X” is not a VAT category; use one of: S, Z, E, AE, K, G, O, L, M",
        ),
        (
            lambda t: t + '\n[[lines.allowance]]\nreason = "Loyalty"\namount = -100.00\n',
            "lines[2].allowance[1].amount",
            "must not be negative (a negative allowance is a charge)",
        ),
        (
            lambda t: t + "\n[[lines.allowance]]\namount = 100.00\n",
            "lines[2].allowance[1].reason",
            "is required",
        ),
        (
            lambda t: t + '\n[[lines.charge]]\nreason = "Travel"\namount = 5\nvat_rate = 9\n',
            "lines[2].charge[1].vat_rate",
            "a line's allowance or charge takes the line's VAT",
        ),
        (
            lambda t: t.replace(
                "id = 10\n", 'id = 10\nallowances = [{ reason = "x", amount = 1 }]\n'
            ),
            "lines[1].allowances",
            "write “allowance” (one table per allowance)",
        ),
        (
            lambda t: (
                t.replace("vat_rate = 21\n", "vat_rate = 9\n", 1)
                + '\n[[charge]]\nreason = "Travel"\namount = 75.00\n'
            ),
            "charge[1].vat_rate",
            "the invoice's lines have different VAT rates (21% (S), 9% (S)): "
            "give this charge's vat_rate",
        ),
        (
            lambda t: t + '\n[[allowance]]\nreason = "Discount"\namount = 5\nvat_category = "S"\n',
            "allowance[1].vat_rate",
            "give the VAT rate of category S",
        ),
    ],
)
def test_bad_invoice_toml_names_the_key(tmp_path, change, where, what):
    error = toml_refused(tmp_path, change(TOML_INVOICE_HEAD + TWO_LINES))
    assert (error.source, error.where, error.what) == (str(tmp_path / "inv.toml"), where, what)


def test_a_document_allowance_of_a_category_without_vat_needs_no_rate(tmp_path):
    text = TOML_INVOICE_HEAD + TWO_LINES.replace("vat_rate = 21\n", "vat_rate = 9\n", 1)
    text += '\n[[allowance]]\nreason = "Exempt part"\namount = 10\nvat_category = "e"\n'
    invoice, _ = toml_invoice(tmp_path, text)
    [item] = invoice.allowances
    assert (item.vat_category, item.vat_rate) == ("E", None)


def test_the_store_keeps_what_the_invoice_toml_carries(tmp_path, db_path, store):
    folder = write_case(tmp_path)
    (folder / "invoices" / "inv.toml").write_text(
        TOML_INVOICE_HEAD
        + 'prepaid = 1000.00\n\n[[allowance]]\nreason = "Early payment"\namount = 50.00\n'
        + TWO_LINES
        + '\n[[lines.allowance]]\nreason = "Loyalty"\namount = 100.00\n',
        encoding="utf-8",
    )
    (folder / "invoices" / "cn.toml").write_text(
        'number = "CN-1"\nkind = "credit_note"\ncorrects = "INV-M-1"\n'
        '\n[[lines]]\nid = "A"\ndescription = "Goodwill"\namount = 100.00\nvat_rate = 21\n',
        encoding="utf-8",
    )
    case_toml = CASE_TOML.replace('"INV-T-1:2"', '"INV-M-1:20"') + (
        '\n[[invoice]]\nnumber = "INV-M-2"\n\n[[invoice.lines]]\nid = "1.1"\n'
        'description = "Hosting"\namount = 49.00\nvat_rate = 21\n'
        '\n[[invoice.lines.charge]]\nreason = "Set-up"\namount = 10.00\n'
        '\n[[invoice.charge]]\nreason = "Travel"\namount = 30.00\n'
    )
    (folder / "case.toml").write_text(case_toml, encoding="utf-8")
    result = run("import", folder, "--db", db_path)
    assert result.exit_code == 0, result.output
    case_id = store.case_id("MED-T-001")
    invoices = {inv.number: inv for inv in store.invoices(case_id)}
    main_invoice, credit, inline = invoices["INV-M-1"], invoices["CN-1"], invoices["INV-M-2"]
    assert [line.line_ref for line in main_invoice.lines] == ["10", "20"]
    assert [(a.charge, a.amount, a.reason) for a in main_invoice.lines[1].allowances] == [
        (False, Decimal("100.00"), "Loyalty")
    ]
    assert [(a.charge, a.amount, a.vat_rate) for a in main_invoice.allowances] == [
        (False, Decimal("50.00"), Decimal("21"))
    ]
    assert main_invoice.prepaid == Decimal("1000.00")
    assert totals(main_invoice).net == Decimal("4330.00")  # 380 + 4000 − 50
    assert credit.billing_reference == "INV-M-1"
    assert [line.line_ref for line in inline.lines] == ["1.1"]
    assert inline.lines[0].net_amount == Decimal("49.00")
    assert inline.lines[0].unit_price == Decimal("39.00")
    assert [a.reason for a in inline.lines[0].allowances] == ["Set-up"]
    assert [(a.charge, a.amount) for a in inline.allowances] == [(True, Decimal("30.00"))]
    (statement,) = store.statements(case_id)
    assert statement.invoice_line_id == main_invoice.lines[1].id


def test_a_case_folder_whose_file_names_are_in_upper_case_imports(tmp_path, db_path, store):
    folder = write_case(tmp_path)
    (folder / "case.toml").rename(folder / "CASE.TOML")
    (folder / "invoices" / "inv.toml").rename(folder / "invoices" / "INV.TOML")
    (folder / "CONTRACT.MD").write_text("# 1. Hours\n\nAt most 10 hours of design.\n")
    result = run("import", folder, "--db", db_path)
    assert result.exit_code == 0, result.output
    case_id = store.case_id("MED-T-001")
    assert store.count("invoice_lines", case_id) == 3
    assert "ignored" not in result.output


def test_payments_in_case_toml_count_as_paid(tmp_path, db_path, store):
    """case.toml's [[payment]]: as paid, VAT included; what is still owed leaves it out."""
    paid = (
        CASE_TOML + '\n[[payment]]\npaid_on = 2026-04-15\namount = "500.00"\nreference = "part"\n'
    )
    folder = write_case(tmp_path, case_toml=paid)
    assert run("import", folder, "--db", db_path).exit_code == 0, "import failed"
    case_id = store.case_id("MED-T-001")
    (payment,) = store.payments(case_id)
    assert (payment.paid_on, payment.amount, payment.source) == (
        date(2026, 4, 15),
        Decimal("500.00"),
        "case.toml",
    )
    money = store.money(case_id)
    assert money.paid == Decimal("500.00")
    assert money.still_owed == money.invoiced.gross - Decimal("500.00")
    refused = write_case(tmp_path, "bad", case_toml=paid.replace('"500.00"', '"-5"'))
    result = run("import", refused, "--db", db_path, "--replace")
    assert result.exit_code == 2 and "payment[1]" in result.output and "above zero" in result.output
