"""A database made by the first schema opens in today's version, with everything in it.

tests/fixtures/schema-v1.db was built by tests/fixtures/make_schema_v1.py with migrations m001
and m002. Opening a copy applies any later migration; the record must still be all there, the
audit chain must still verify, and the signed settlement's fingerprint must still be its terms'.
"""

from __future__ import annotations

import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from mediate.cli import main
from mediate.documents.settlement_docx import agreement_docx
from mediate.domain.model import CaseStatus, ProposalStatus, Visibility
from mediate.domain.settlement import terms_fingerprint
from mediate.domain.visibility import View
from mediate.store import open_store
from mediate.store.schema import migrations
from mediate.store.search import search

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "schema-v1.db"
V1_MIGRATIONS = ["m001_case_record", "m002_search"]
FINGERPRINT = "b1dbf3ccaa18932e353528fb35a86dce9371c2fd540bc501697b4a0628e5e306"


@pytest.fixture
def upgraded(tmp_path):
    copy = tmp_path / "old.db"
    shutil.copy(FIXTURE, copy)
    store = open_store(copy)
    yield store
    store.close()


def test_the_fixture_is_a_v1_database():
    conn = sqlite3.connect(f"file:{FIXTURE}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    finally:
        conn.close()
    assert names == V1_MIGRATIONS
    # Today's migrations start with the ones the fixture has: an applied one is never renamed.
    assert [m.name for m in migrations._migrations][: len(V1_MIGRATIONS)] == V1_MIGRATIONS


def test_every_migration_is_applied_on_opening(upgraded):
    applied = [m.name for m in migrations.applied(upgraded.db)]
    assert applied == [m.name for m in migrations._migrations]
    assert migrations.pending(upgraded.db) == []


def test_the_record_is_all_there(upgraded):
    store = upgraded
    assert {s.reference: s.status for s in store.summaries()} == {
        "MED-2026-001": CaseStatus.IN_SESSION,
        "MED-T-001": CaseStatus.AGREED,
    }
    session = store.case_id("MED-2026-001")
    case = store.case(session)
    assert case.currency == "GBP" and case.party("provider").legal_name == "Brightline Digital Ltd"
    (invoice,) = store.invoices(session)
    assert invoice.number == "BD-2026-0042" and len(invoice.lines) == 5
    assert invoice.line_sum == Decimal("8570.00")
    assert store.count("work_entries", session) == 34 and len(store.messages(session)) == 4
    assert len(store.clauses(session)) == store.count("clauses", session) > 0
    statements = store.statements(session)
    assert len(statements) == 5
    assert sum(s.confirmed for s in statements) == 1
    assert any(s.correction == "Tracked on paper, not in Toggl." for s in statements)
    assert len(store.notes(session, View.MEDIATOR)) == 2
    assert len(store.notes(session, View.JOINT)) == 1
    assert [p.status for p in store.proposals(session)] == [
        ProposalStatus.REJECTED,
        ProposalStatus.OPEN,
    ]

    signed = store.case_id("MED-T-001")
    first, amended = store.settlements(signed)
    assert first.locked and first.fingerprint == FINGERPRINT and len(first.signoffs) == 3
    assert not amended.locked and amended.amends == first.id and amended.version == 2
    assert terms_fingerprint(store.terms(first.id)) == FINGERPRINT
    accepted = store.proposal(first.proposal_id)
    assert accepted.status == ProposalStatus.ACCEPTED and len(accepted.schedule) == 2


def test_the_audit_log_still_verifies(upgraded, tmp_path):
    results = upgraded.verify()
    assert [(r.reference, r.ok) for r in results] == [("MED-2026-001", True), ("MED-T-001", True)]
    assert sum(r.events for r in results) == 24
    result = CliRunner().invoke(main, ["verify", "--db", str(upgraded.path)])
    assert result.exit_code == 0 and result.output.count("chain intact, tables match") == 2


def test_the_upgraded_database_keeps_working(upgraded):
    store = upgraded
    session = store.case_id("MED-2026-001")
    store.add_note(session, Visibility.JOINT, "Added after the upgrade.")
    first = store.settlements(store.case_id("MED-T-001"))[0]
    assert agreement_docx(store.settlement_record(first.id))[:2] == b"PK"
    assert [h.reference for h in search(store, "Toggl", view=View.JOINT)]
    assert all(r.ok for r in store.verify())
