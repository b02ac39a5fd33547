"""The command line over a real database file."""

from click.testing import CliRunner

from mediate.cli import main
from mediate.domain.model import PartyRole


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_list_prints_the_cases(db_path, store, case_id):
    result = run("list", "--db", str(db_path))
    assert result.exit_code == 0
    header, _, row = result.output.splitlines()[:3]
    assert header.split()[:2] == ["Reference", "Title"]
    assert "MED-2026-001" in row and "Pixel & Co B.V. v Bakkerij Brood Ltd" in row
    assert "€6,250.00" in row and "in intake" in row and "2026-04-02" in row


def test_list_on_an_empty_database_says_how_to_start(tmp_path):
    from mediate.store import open_store

    open_store(tmp_path / "empty.db").close()
    result = run("list", "--db", str(tmp_path / "empty.db"))
    assert result.exit_code == 0 and "No cases yet" in result.output


def test_reading_a_database_that_is_not_there_creates_none(tmp_path):
    """A mistyped --db for list/show/verify/report is said, not made into an empty database."""
    for verb in (["list"], ["show", "MED-1"], ["verify"], ["report"]):
        result = CliRunner().invoke(main, [*verb, "--db", str(tmp_path / "typo.db")])
        assert result.exit_code == 2, (verb, result.output)
        assert "There is no mediate database at" in result.output and "typo.db" in result.output
    assert list(tmp_path.iterdir()) == []


def test_show_prints_parties_lines_and_counts(db_path, store, case_id):
    result = run("show", "MED-2026-001", "--db", str(db_path))
    assert result.exit_code == 0
    out = result.output
    assert "Provider: Pixel & Co B.V." in out and "signs: Tom Baker (Managing Director)" in out
    assert "Invoice INV-2026-017  issued 2026-03-31  due 2026-04-30" in out
    assert "2 contract clauses, 2 work entries, 0 messages" in out


def test_unknown_case_is_one_line_and_exit_2(db_path, store):
    result = CliRunner().invoke(main, ["show", "NOPE", "--db", str(db_path)])
    assert result.exit_code == 2
    assert result.output.strip() == "Error: There is no case “NOPE” in this database."


def test_verify_passes_then_fails_after_tampering(db_path, store, case_id):
    store.record_statement(case_id, PartyRole.CLIENT, "Too many hours.")
    ok = run("verify", "--db", str(db_path))
    assert ok.exit_code == 0
    assert ok.output.strip() == "MED-2026-001: 2 events, chain intact, tables match"
    store.db.execute("UPDATE statements SET text = 'Fine.'")
    bad = CliRunner().invoke(main, ["verify", "MED-2026-001", "--db", str(db_path)])
    assert bad.exit_code == 1
    assert "TAMPERED: statements row 1, column text, differs from the audit log" in bad.output


def test_help_everywhere():
    for args in ([], ["list"], ["show"], ["verify"]):
        result = run(*args, "--help")
        assert result.exit_code == 0 and "--db" in result.output


def test_env_variable_chooses_the_database(tmp_path, monkeypatch, store, case_id, db_path):
    monkeypatch.setenv("MEDIATE_DB", str(db_path))
    assert "MED-2026-001" in run("list").output


def test_show_names_a_prepaid_amount_once(tmp_path):
    """A real e-invoice paid in advance (BT-113): `show` says where the payment comes from, once."""
    from pathlib import Path

    from tests.case_folders import CASE_TOML, write_case

    folder = write_case(tmp_path, case_toml=CASE_TOML.replace('"EUR"', '"SEK"'))
    real = Path(__file__).parent / "fixtures/real/einvoices"
    name = "en16931-BIS_Billing_30-Forskott_slutreglering.xml"
    (folder / "invoices" / name).write_bytes((real / name).read_bytes())
    db = str(tmp_path / "m.db")
    assert CliRunner().invoke(main, ["--db", db, "import", str(folder)]).exit_code == 0
    shown = CliRunner().invoke(main, ["--db", db, "show", "MED-T-001"]).output
    (paid,) = [line for line in shown.splitlines() if line.startswith("Paid SEK400,000.00")]
    assert paid.count("(prepaid on ") == 1 and paid.endswith(")"), paid
    number = paid.split("(prepaid on ")[1].rstrip(")")
    assert number and "," not in number, paid
