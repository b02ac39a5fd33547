"""Evidence for the session screen, fetched a page at a time: work entries and messages."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from mediate.domain.model import Message


@dataclass(frozen=True)
class WorkFilter:
    person: str = ""
    date_from: date | None = None
    date_to: date | None = None
    line_id: int | None = None


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _work_where(case_id: int, f: WorkFilter) -> tuple[str, list[Any]]:
    where, params = ["w.case_id = ?"], [case_id]
    if f.person.strip():
        where.append("w.person LIKE ? ESCAPE '\\'")
        params.append(_like(f.person.strip()))
    if f.date_from:
        where.append("w.date >= ?")
        params.append(f.date_from.isoformat())
    if f.date_to:
        where.append("w.date <= ?")
        params.append(f.date_to.isoformat())
    if f.line_id is not None:
        where.append("w.invoice_line_id = ?")
        params.append(f.line_id)
    return " AND ".join(where), params


def work_totals(db: Database, case_id: int, f: WorkFilter) -> tuple[int, int, int]:
    """(entries, minutes, minutes linked to an invoice line) under the filter."""
    where, params = _work_where(case_id, f)
    row = db.execute(
        f"SELECT COUNT(*), COALESCE(SUM(minutes), 0), "
        f"COALESCE(SUM(CASE WHEN invoice_line_id IS NULL THEN 0 ELSE minutes END), 0) "
        f"FROM work_entries w WHERE {where}",
        params,
    ).fetchone()
    return row[0], row[1], row[2]


def work_page(db: Database, case_id: int, f: WorkFilter, offset: int, limit: int) -> list[tuple]:
    """(date, person, minutes, task, description, "INV:pos" or "") rows in date order."""
    where, params = _work_where(case_id, f)
    return db.execute(
        f"SELECT w.date, w.person, w.minutes, w.task, w.description, "
        f"COALESCE(i.number || ':' || l.position, '') "
        f"FROM work_entries w LEFT JOIN invoice_lines l ON l.id = w.invoice_line_id "
        f"LEFT JOIN invoices i ON i.id = l.invoice_id WHERE {where} "
        f"ORDER BY w.date, w.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()


def _message_where(case_id: int, words: list[str]) -> tuple[str, list[Any]]:
    where, params = ["case_id = ?"], [case_id]
    for word in words:
        where.append(
            "(subject LIKE ? ESCAPE '\\' OR sender LIKE ? ESCAPE '\\' OR body LIKE ? ESCAPE '\\')"
        )
        params += [_like(word)] * 3
    return " AND ".join(where), params


def _any_word(words: list[str]) -> tuple[str, list[Any]]:
    clauses, params = [], []
    for word in words:
        clauses.append("(subject LIKE ? ESCAPE '\\' OR body LIKE ? ESCAPE '\\')")
        params += [_like(word)] * 2
    return "(" + " OR ".join(clauses) + ")", params


def message_by_id(db: Database, message_id: int) -> dict[str, Any]:
    return next(db.query("SELECT * FROM messages WHERE id = ?", [message_id]))


def message_ids(db: Database, case_id: int, search: list[str], mentions: list[str]) -> set[int]:
    """Ids of the messages matching the search words (all) and the mentions (any)."""
    where, params = _message_where(case_id, search)
    if mentions:
        extra, more = _any_word(mentions)
        where, params = f"{where} AND {extra}", params + more
    return {row[0] for row in db.execute(f"SELECT id FROM messages WHERE {where}", params)}


def thread_fields(db: Database, case_id: int) -> list[Message]:
    """Every message of the case with only what threading needs (no bodies)."""
    return [
        Message(
            id=row[0],
            sent_at=datetime.fromisoformat(row[1]) if row[1] else None,
            sender="",
            message_id=row[2],
            in_reply_to=row[3],
            references=tuple(json.loads(row[4])),
        )
        for row in db.execute(
            "SELECT id, sent_at, message_id, in_reply_to, refs FROM messages WHERE case_id = ?",
            [case_id],
        )
    ]


def message_rows(db: Database, ids: list[int]) -> dict[int, tuple]:
    """(sent_at, sender, subject, attachment count) of the given messages, by id."""
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    return {
        row[0]: row[1:]
        for row in db.execute(
            f"SELECT id, COALESCE(sent_at, ''), sender, subject, json_array_length(attachments) "
            f"FROM messages WHERE id IN ({marks})",
            ids,
        )
    }
