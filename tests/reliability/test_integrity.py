"""Tampering behind the store's back: every edit of a table is caught by ``mediate verify``; a
signed-off settlement, its sign-offs and the audit log refuse edits outright; the files are
private.

The tamperer is a plain ``sqlite3`` connection (foreign keys off, as any SQLite tool opens it).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from click.testing import CliRunner

from mediate.cli import main
from mediate.domain.model import (
    AdjustmentKind,
    AllowanceCharge,
    LineAdjustment,
    Message,
    PartyRole,
    Proposer,
    Signatory,
    VatBreakdown,
    Visibility,
)
from mediate.store import open_store
from mediate.store.schema import CASE_TABLES
from tests.builders import bundle, pay_once
from tests.settlement_helpers import CHOICES, signed_settlement

LOCKED, OPEN, PARTIAL = "MED-2026-001", "MED-2026-002", "MED-2026-003"

# UPDATE: a change that a tamperer might want (a cent, a name, a caucus note made joint).
UPDATES = {
    "cases": "title = 'Nothing in dispute'",
    "parties": "legal_name = 'Someone Else Ltd'",
    "invoices": "number = 'INV-FORGED'",
    "invoice_lines": "net_minor = net_minor + 1",
    "clauses": "text = 'Design is free of charge.'",
    "work_entries": "minutes = minutes * 2",
    "messages": "body = 'We accept all hours.'",
    "statements": "confirmed = 1 - confirmed",
    "notes": "visibility = 'joint'",
    "proposals": "total_minor = total_minor - 100",
    "settlements": 'clause_choices = \'{"governing_law":"Martian law"}\'',
    "signoffs": "name = 'Forged Signer'",
    "invoice_adjustments": "amount_minor = amount_minor + 100",
    "invoice_vat": "tax_minor = tax_minor - 100",
    "payments": "amount_minor = amount_minor * 10",
    "bid_rounds": "band_minor = band_minor + 100",
    "bids": "amount_minor = amount_minor - 1",
}
# INSERT: a copy of a row, with what its UNIQUE constraints need changed.
INSERT_CHANGES = {
    "cases": {"reference": "MED-FORGED"},
    "parties": {"role": "client"},
    "invoice_lines": {"position": 99},
    "proposals": {"number": 99, "status": "open"},
    "settlements": {"version": 99},
    "signoffs": {"role": "client"},
    "bid_rounds": {"series": 99},
    "bids": {"party": "client", "visibility": "caucus-client"},
}
# The fingerprints of a signed agreement exist only for a locked settlement and refuse UPDATE and
# DELETE outright (REFUSED below); a forged one is caught by verify (its own test).
TABLES = ("cases", *(t for t in CASE_TABLES if t != "document_fingerprints"))


def partial_case(store) -> int:
    """A case taken in with only the provider recorded, so a forged client row can be inserted."""
    b = bundle(PARTIAL)
    b.case.parties = [p for p in b.case.parties if p.role == PartyRole.PROVIDER]
    return store.import_bundle(b)


def open_case(store) -> int:
    """A case mid-way: a message, a caucus note, a blind-bidding round with one secret figure, an
    accepted proposal, one sign-off (unlocked).
    Its invoice carries a document-level charge, a line allowance and a VAT breakdown."""
    b = bundle(OPEN)
    invoice = b.invoices[0]
    invoice.allowances = [
        AllowanceCharge(charge=True, amount=Decimal("25.00"), reason="Delivery", vat_category="S")
    ]
    invoice.lines[0].allowances = [AllowanceCharge(charge=False, amount=Decimal("0.00"))]
    invoice.vat_breakdown = [
        VatBreakdown(
            category="S", rate=Decimal("21"), taxable=Decimal("6655.00"), tax=Decimal("1397.55")
        )
    ]
    b.messages = [
        Message(
            sent_at=datetime(2026, 3, 31, 9, 0, tzinfo=UTC),
            sender="Tom Baker <tom@brood.example>",
            subject="Invoice INV-2026-017",
            body="We dispute the design hours.",
        )
    ]
    case_id = store.import_bundle(b)
    lines = [ln for inv in store.invoices(case_id) for ln in inv.lines]
    store.record_statement(case_id, PartyRole.CLIENT, "Design was capped at 10 hours.")
    store.add_note(case_id, Visibility.CAUCUS_CLIENT, "Would pay 2000 at most.")
    store.record_payment(case_id, Decimal("500.00"), date(2026, 3, 31), "bank transfer")
    store.agree_blind_bidding(case_id, 2)  # a round open, the provider's secret figure in
    store.enter_bid(case_id, PartyRole.PROVIDER, Decimal("6100.00"))
    adjustments = [
        LineAdjustment(line_id=lines[1].id, kind=AdjustmentKind.REDUCE_BY_PERCENT, value=30)
    ]
    pid = store.add_proposal(
        case_id,
        Proposer.MEDIATOR,
        adjustments,
        schedule=pay_once(store, case_id, adjustments),
    )
    settlement_id = store.accept_proposal(pid)
    store.set_clause_choices(settlement_id, CHOICES)
    store.sign_off(settlement_id, Signatory.PROVIDER, "Anna de Vries", "Director")
    return case_id


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("integrity") / "template.db"
    store = open_store(path)
    signed_settlement(store)
    open_case(store)
    partial_case(store)
    assert all(r.ok for r in store.verify())
    for table in TABLES:
        assert store.db.execute(f"SELECT COUNT(*) FROM [{table}]").fetchone()[0] > 0, table
    store.close()
    return path


@pytest.fixture
def db(template, tmp_path):
    path = tmp_path / "mediate.db"
    shutil.copy(template, path)
    return path


def raw(path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def first_row(conn, table: str, case_id: int) -> dict:
    column = "id" if table == "cases" else "case_id"
    cursor = conn.execute(f"SELECT * FROM [{table}] WHERE {column} = ? ORDER BY id", [case_id])
    names = [c[0] for c in cursor.description]
    return dict(zip(names, cursor.fetchone(), strict=True))


def verify(path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["verify", "--db", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.output


def case_ids(path) -> dict[str, int]:
    with raw(path) as conn:
        return dict(conn.execute("SELECT reference, id FROM cases").fetchall())


def test_the_untouched_database_verifies(db):
    code, output = verify(db)
    assert code == 0 and output.count("chain intact, tables match") == 3


@pytest.mark.parametrize("operation", ["update", "delete", "insert"])
@pytest.mark.parametrize("table", TABLES)
def test_tampering_is_detected(db, table, operation):
    target = case_ids(db)[PARTIAL if (table, operation) == ("parties", "insert") else OPEN]
    conn = raw(db)
    row = first_row(conn, table, target)
    if operation == "update":
        conn.execute(f"UPDATE [{table}] SET {UPDATES[table]} WHERE id = ?", [row["id"]])
    elif operation == "delete":
        conn.execute(f"DELETE FROM [{table}] WHERE id = ?", [row["id"]])
    else:
        (top,) = conn.execute(f"SELECT MAX(id) FROM [{table}]").fetchone()
        forged = {**row, **INSERT_CHANGES.get(table, {}), "id": top + 1}
        columns = ", ".join(f"[{c}]" for c in forged)
        conn.execute(
            f"INSERT INTO [{table}] ({columns}) VALUES ({', '.join('?' for _ in forged)})",
            list(forged.values()),
        )
    conn.close()

    code, output = verify(db)
    assert code == 1, output
    assert "TAMPERED" in output and f"{table} row" in output, output
    # The other case is untouched and still says so.
    assert f"{LOCKED}: " in output and "chain intact, tables match" in output


def test_a_forged_document_fingerprint_is_caught(db):
    """A fingerprint row added behind the store's back (a third language, say) is not one the
    audit log says the sign-off wrote."""
    conn = raw(db)
    row = first_row(conn, "document_fingerprints", case_ids(db)[LOCKED])
    (top,) = conn.execute("SELECT MAX(id) FROM document_fingerprints").fetchone()
    forged = {**row, "id": top + 1, "language": "de"}
    columns = ", ".join(f"[{c}]" for c in forged)
    conn.execute(
        f"INSERT INTO document_fingerprints ({columns}) VALUES ({', '.join('?' * len(forged))})",
        list(forged.values()),
    )
    conn.close()
    code, output = verify(db)
    assert code == 1 and "document_fingerprints row" in output, output


def locked_ids(path) -> dict[str, int]:
    with raw(path) as conn:
        case_id = case_ids(path)[LOCKED]
        settlement = conn.execute(
            "SELECT id, proposal_id FROM settlements WHERE case_id = ? AND locked = 1", [case_id]
        ).fetchone()
        signoff = conn.execute(
            "SELECT id FROM signoffs WHERE settlement_id = ?", [settlement[0]]
        ).fetchone()
        return {
            "case": case_id,
            "settlement": settlement[0],
            "proposal": settlement[1],
            "signoff": signoff[0],
        }


REFUSED = [
    ("UPDATE settlements SET clause_choices = '{}' WHERE id = :settlement", "locked"),
    ("UPDATE settlements SET locked = 0 WHERE id = :settlement", "locked"),
    ("UPDATE settlements SET fingerprint = '' WHERE id = :settlement", "locked"),
    ("DELETE FROM settlements WHERE id = :settlement", "locked"),
    ("UPDATE signoffs SET name = 'Forged' WHERE id = :signoff", "locked"),
    ("DELETE FROM signoffs WHERE id = :signoff", "locked"),
    (
        "INSERT INTO signoffs (case_id, settlement_id, role, name, capacity, signed_at) "
        "VALUES (:case, :settlement, 'mediator', 'X', 'Y', '2026-01-01T00:00:00+00:00')",
        "locked|UNIQUE",
    ),
    ("UPDATE proposals SET total_minor = 1 WHERE id = :proposal", "locked"),
    ("UPDATE document_fingerprints SET fingerprint = '0' WHERE case_id = :case", "never changes"),
    ("DELETE FROM document_fingerprints WHERE case_id = :case", "never changes"),
    ("UPDATE audit_events SET payload = '{}' WHERE case_id = :case", "append-only"),
    ("UPDATE audit_events SET seq = seq + 100", "append-only"),
    ("DELETE FROM audit_events WHERE case_id = :case", "append-only"),
    ("DELETE FROM audit_events", "append-only"),
]


@pytest.mark.parametrize(("sql", "reason"), REFUSED, ids=[s for s, _ in REFUSED])
def test_locked_records_refuse_raw_edits(db, sql, reason):
    ids = locked_ids(db)
    with raw(db) as conn:
        before = conn.execute("SELECT COUNT(*), MAX(id) FROM audit_events").fetchone()
        with pytest.raises(sqlite3.DatabaseError) as refused:
            conn.execute(sql, ids)
        assert any(word in str(refused.value) for word in reason.split("|"))
        assert conn.execute("SELECT COUNT(*), MAX(id) FROM audit_events").fetchone() == before
    code, _output = verify(db)
    assert code == 0


def test_dropping_the_triggers_does_not_hide_an_edit(db):
    """Whoever drops the lock triggers can edit the settlement, but verify still sees it."""
    ids = locked_ids(db)
    with raw(db) as conn:
        conn.execute("DROP TRIGGER settlements_locked_no_update")
        conn.execute(
            "UPDATE settlements SET clause_choices = '{}' WHERE id = ?", [ids["settlement"]]
        )
    code, output = verify(db)
    assert code == 1 and f"{LOCKED}: TAMPERED: settlements row" in output


def test_a_forged_audit_event_breaks_the_chain(db):
    ids = locked_ids(db)
    with raw(db) as conn:
        last = conn.execute(
            "SELECT seq, hash FROM audit_events WHERE case_id = ? ORDER BY seq DESC LIMIT 1",
            [ids["case"]],
        ).fetchone()
        conn.execute(
            "INSERT INTO audit_events (case_id, seq, at, actor, kind, payload, prev_hash, hash) "
            "VALUES (?, ?, '2026-05-01T00:00:00+00:00', 'mediator', 'note.added', "
            '\'{"changes":[],"summary":{}}\', ?, ?)',
            [ids["case"], last[0] + 1, last[1], "0" * 64],
        )
    code, output = verify(db)
    assert code == 1 and "does not match its hash" in output


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_database_and_its_wal_and_shm_are_private(tmp_path):
    old = os.umask(0o022)
    try:
        path = tmp_path / "private.db"
        store = open_store(path)
        signed_settlement(store)
        other = open_store(path)  # a second connection, as a worker opens one
        other.add_note(other.case_id(LOCKED), Visibility.JOINT, "Written by the second one.")
        for suffix in ("", "-wal", "-shm"):
            side = tmp_path / f"private.db{suffix}"
            assert side.exists(), suffix
            assert mode(side) == 0o600, (suffix, oct(mode(side)))
        other.close()
        store.close()

        # A database copied in with loose permissions is made private when opened.
        loose = tmp_path / "loose.db"
        shutil.copy(path, loose)
        os.chmod(loose, 0o644)
        store = open_store(loose)
        assert mode(loose) == 0o600
        for suffix in ("-wal", "-shm"):
            assert mode(f"{loose}{suffix}") == 0o600, suffix
        store.close()
    finally:
        os.umask(old)
