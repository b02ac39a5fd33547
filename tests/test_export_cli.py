"""``mediate export``: checklist, safe names, no silent overwrite, audit event, reproducible."""

import hashlib

import pytest
from click.testing import CliRunner

from mediate.cli import main
from mediate.services.files import safe_file_name
from tests.settlement_helpers import signed_settlement


def export(db_path, *args):
    return CliRunner().invoke(main, ["export", "MED-2026-001", "--db", str(db_path), *args])


def test_export_writes_the_file_and_records_it(db_path, store, tmp_path):
    signed_settlement(store)
    result = export(db_path, "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    path = tmp_path / "MED-2026-001-settlement-v1-en.docx"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert f"file SHA-256:  {digest}" in result.output
    event = store.audit_events(store.case_id("MED-2026-001"))[-1]
    assert event["kind"] == "settlement.exported" and digest in event["payload"]
    again = export(db_path, "--out", str(tmp_path / "second.docx"))
    assert again.exit_code == 0
    assert (tmp_path / "second.docx").read_bytes() == path.read_bytes()


def test_existing_file_needs_force(db_path, store, tmp_path):
    signed_settlement(store)
    assert export(db_path, "--out", str(tmp_path)).exit_code == 0
    refused = export(db_path, "--out", str(tmp_path))
    assert refused.exit_code == 2 and "already exists; use --force" in refused.output
    assert export(db_path, "--out", str(tmp_path), "--force").exit_code == 0


def test_incomplete_agreement_is_blocked_with_what_is_missing(db_path, store, tmp_path):
    settlement_id = signed_settlement(store, sign=False)
    store.set_clause_choices(settlement_id, {"governing_law": "", "attestation": "no"})
    result = export(db_path, "--out", str(tmp_path))
    assert result.exit_code == 2
    # The Singapore attestation is optional now: only the governing law is missing.
    assert "governing law" in result.output and "attestation" not in result.output
    assert list(tmp_path.glob("*.docx")) == []


def test_dutch_language_option(db_path, store, tmp_path):
    signed_settlement(store)
    assert export(db_path, "--out", str(tmp_path), "--lang", "nl").exit_code == 0
    assert (tmp_path / "MED-2026-001-settlement-v1-nl.docx").exists()


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("../../etc/x", "etc_x.docx"),
        ("CON", "_CON.docx"),
        ("lpt1", "_lpt1.docx"),
        ("MED 2026/ü:*?", "MED_2026.docx"),
        ("...", "case.docx"),
    ],
)
def test_safe_file_names(reference, expected, tmp_path):
    name = safe_file_name(reference, ".docx")
    assert name == expected
    assert (tmp_path / name).resolve().parent == tmp_path.resolve()
