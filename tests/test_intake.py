"""Case folders in: one transaction, precise refusals, a replayed session with genuine events."""

import pytest
from click.testing import CliRunner

from mediate.cli import main
from mediate.domain.model import CaseStatus, ProposalStatus, Visibility
from mediate.domain.visibility import View
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
    assert "invoice INV-T-1: 3 lines, €3,279.90" in out
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
