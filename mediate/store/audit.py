"""The append-only, hash-chained audit log and its verification.

Each event stores SHA-256(previous hash + the event's canonical JSON). The payload records every
row the verb wrote, so ``verify`` can also replay the log and compare it with the tables: a row
edited behind the store's back no longer matches what the log says was written.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from mediate.domain.canonical import canonical_json
from mediate.store.schema import CASE_TABLES

GENESIS = "0" * 64
# A text longer than this (a mail body, a contract clause) is recorded in an event by its SHA-256
# and length rather than in full, so one event stays small; ``verify`` still compares it.
LONG_TEXT = 16_384


def recorded(row: dict[str, Any]) -> dict[str, Any]:
    """A row as an event records it: long texts by their digest."""
    return {
        column: _digest(value) if isinstance(value, str) and len(value) > LONG_TEXT else value
        for column, value in row.items()
    }


def _digest(text: str) -> dict[str, Any]:
    return {"sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "length": len(text)}


def _matches(expected: Any, actual: Any) -> bool:
    if isinstance(expected, dict) and "sha256" in expected:
        return isinstance(actual, str) and _digest(actual) == expected
    return expected == actual


def event_hash(prev_hash: str, body: dict[str, Any], payload_json: str | None = None) -> str:
    """SHA-256 of the previous hash and the canonical JSON of the event's body. ``payload_json``:
    the payload's canonical JSON, when already made (an import's event holds a slice of rows, so
    it is serialized once, not twice); it takes the place of the payload in the body's JSON,
    where keys are sorted and every other value is escaped, so ``"payload":null`` occurs once."""
    if payload_json is None:
        text = canonical_json(body)
    else:
        text = canonical_json({**body, "payload": None}).replace(
            '"payload":null', f'"payload":{payload_json}', 1
        )
    return hashlib.sha256((prev_hash + text).encode("utf-8")).hexdigest()


def _body(case_id: int, seq: int, at: str, actor: str, kind: str, payload: Any) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "seq": seq,
        "at": at,
        "actor": actor,
        "kind": kind,
        "payload": payload,
    }


def append_event(
    db: Database, case_id: int, at: str, actor: str, kind: str, payload: dict[str, Any]
) -> dict[str, Any]:
    """Append one event to the case's chain (call inside the verb's transaction)."""
    last = db.execute(
        "SELECT seq, hash FROM audit_events WHERE case_id = ? ORDER BY seq DESC LIMIT 1", [case_id]
    ).fetchone()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    body = _body(case_id, seq, at, actor, kind, payload)
    payload_json = canonical_json(payload)
    row = {
        **body,
        "payload": payload_json,
        "prev_hash": prev,
        "hash": event_hash(prev, body, payload_json),
    }
    db.table("audit_events").insert(row)
    return row


@dataclass
class VerifyResult:
    case_id: int
    reference: str
    events: int
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _check_chain(db: Database, case_id: int) -> tuple[int, list[str], dict]:
    expected: dict[tuple[str, int], dict[str, Any]] = {}
    prev = GENESIS
    count = 0
    for row in db.query("SELECT * FROM audit_events WHERE case_id = ? ORDER BY seq", [case_id]):
        count += 1
        where = f"event {row['seq']} ({row['kind']})"
        if row["seq"] != count:
            return count, [f"{where}: sequence gap, expected event {count}"], expected
        try:
            payload = json.loads(row["payload"])
        except json.JSONDecodeError:
            return count, [f"{where}: payload is not valid JSON"], expected
        body = _body(case_id, row["seq"], row["at"], row["actor"], row["kind"], payload)
        if row["prev_hash"] != prev:
            return count, [f"{where}: does not follow the event before it"], expected
        if event_hash(prev, body) != row["hash"]:
            return count, [f"{where}: its content does not match its hash"], expected
        prev = row["hash"]
        _replay(expected, payload.get("changes", []))
    return count, [], expected


def _replay(expected: dict[tuple[str, int], dict[str, Any]], changes: list[dict]) -> None:
    for change in changes:
        key = (change["table"], change["id"])
        if change["op"] == "insert":
            expected[key] = dict(change["row"])
        elif change["op"] == "update":
            expected.setdefault(key, {"id": change["id"]}).update(change["set"])
        elif change["op"] == "delete":
            expected.pop(key, None)


def _compare_tables(db: Database, case_id: int, expected: dict) -> list[str]:
    problems: list[str] = []
    actual: dict[tuple[str, int], dict[str, Any]] = {}
    case_row = db.execute("SELECT * FROM cases WHERE id = ?", [case_id])
    columns = [c[0] for c in case_row.description]
    for values in case_row.fetchall():
        actual[("cases", case_id)] = dict(zip(columns, values, strict=True))
    for table in CASE_TABLES:
        for row in db.query(f"SELECT * FROM [{table}] WHERE case_id = ?", [case_id]):
            actual[(table, row["id"])] = row
    for key in sorted(set(expected) | set(actual), key=lambda k: (k[0], k[1])):
        table, row_id = key
        if key not in actual:
            problems.append(f"{table} row {row_id} is missing: the audit log says it was written")
        elif key not in expected:
            problems.append(f"{table} row {row_id} was written outside the store")
        else:
            for column, value in expected[key].items():
                if not _matches(value, actual[key].get(column)):
                    problems.append(
                        f"{table} row {row_id}, column {column}, differs from the audit log"
                    )
                    break
        if problems:
            break
    return problems


def verify_case(db: Database, case_id: int) -> VerifyResult:
    ref_row = db.execute("SELECT reference FROM cases WHERE id = ?", [case_id]).fetchone()
    reference = ref_row[0] if ref_row else f"#{case_id}"
    count, problems, expected = _check_chain(db, case_id)
    if not problems:
        problems = _compare_tables(db, case_id, expected)
    return VerifyResult(case_id, reference, count, problems)


def verify_all(db: Database) -> list[VerifyResult]:
    ids = {r[0] for r in db.execute("SELECT id FROM cases").fetchall()}
    ids |= {r[0] for r in db.execute("SELECT DISTINCT case_id FROM audit_events").fetchall()}
    for table in CASE_TABLES:
        ids |= {r[0] for r in db.execute(f"SELECT DISTINCT case_id FROM [{table}]").fetchall()}
    return [verify_case(db, case_id) for case_id in sorted(ids)]
