"""The audit chain proves what happened; raw edits are refused or detected."""

import sqlite3

import pytest

from mediate.domain.model import PartyRole, Proposer, Signatory
from tests.builders import pay_once
from tests.settlement_helpers import CHOICES


def test_intact_chain_verifies(store, case_id):
    store.record_statement(case_id, PartyRole.CLIENT, "Too many hours.")
    (result,) = store.verify()
    assert result.ok and result.events == 2


@pytest.mark.parametrize(
    ("sql", "problem"),
    [
        ("UPDATE statements SET text = 'Fine by us.'", "statements row 1, column text, differs"),
        (
            "UPDATE invoice_lines SET net_minor = 1 WHERE position = 2",
            "invoice_lines row 2, column net_minor",
        ),
        ("DELETE FROM work_entries WHERE id = 2", "work_entries row 2 is missing"),
        (
            "INSERT INTO notes (case_id, visibility, text, created_at) VALUES (1, 'joint', 'x', 'y')",
            "notes row 1 was written outside the store",
        ),
        ("UPDATE cases SET title = 'Other'", "cases row 1, column title"),
    ],
)
def test_verify_detects_an_edit_behind_the_store(store, case_id, sql, problem):
    store.record_statement(case_id, PartyRole.CLIENT, "Too many hours.")
    store.db.execute(sql)
    (result,) = store.verify()
    assert not result.ok
    assert problem in result.problems[0]


def test_verify_names_the_first_event_whose_hash_breaks(store, case_id):
    store.record_statement(case_id, PartyRole.CLIENT, "Too many hours.")
    store.record_statement(case_id, PartyRole.PROVIDER, "Every hour was logged.")
    store.db.execute("DROP TRIGGER audit_events_no_update")
    store.db.execute("UPDATE audit_events SET actor = 'client' WHERE seq = 2")
    (result,) = store.verify()
    assert result.problems == ["event 2 (statement.recorded): its content does not match its hash"]


@pytest.mark.parametrize("sql", ["UPDATE audit_events SET kind = 'x'", "DELETE FROM audit_events"])
def test_audit_events_refuse_raw_edits(store, case_id, sql):
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.execute(sql)


def test_locked_settlement_refuses_raw_edits(store, case_id):
    schedule = pay_once(store, case_id, [])
    sid = store.accept_proposal(
        store.add_proposal(case_id, Proposer.MEDIATOR, [], schedule=schedule)
    )
    store.set_clause_choices(sid, CHOICES)
    for role, name in [
        (Signatory.PROVIDER, "A"),
        (Signatory.CLIENT, "B"),
        (Signatory.MEDIATOR, "C"),
    ]:
        store.sign_off(sid, role, name, "Director")
    for sql in [
        "UPDATE settlements SET clause_choices = '{}'",
        "DELETE FROM settlements",
        "UPDATE signoffs SET name = 'Someone else'",
        "DELETE FROM signoffs",
        "UPDATE proposals SET total_minor = 1 WHERE status = 'accepted'",
    ]:
        with pytest.raises(sqlite3.IntegrityError, match="locked"):
            store.db.execute(sql)


@pytest.mark.parametrize(
    "actor",
    ["mediator", 'A "payload":null B', 'Zoë \\ "x" \u2028', '"payload":null'],
)
def test_an_events_hash_is_the_same_with_its_payload_serialized_once(actor):
    """append_event serializes the payload once and puts it in the body's JSON: the hash is the
    one verify works out from the whole body, whatever the other fields hold."""
    from mediate.domain.canonical import canonical_json
    from mediate.store.audit import _body, event_hash

    payload = {"changes": [{"table": "notes", "id": 3, "text": '"payload":null'}], "n": [1, 2]}
    body = _body(7, 12, "2026-11-30T11:00:00+00:00", actor, "note_added", payload)
    once = event_hash("ab" * 32, body, canonical_json(payload))
    assert once == event_hash("ab" * 32, body)
    assert once != event_hash("ab" * 32, {**body, "payload": {**payload, "n": [1]}})
