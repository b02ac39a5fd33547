"""Evidence for the session screen, fetched a page at a time: work entries and messages."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from mediate.domain.model import InvoiceLine, Message
from mediate.store import rows as R
from mediate.store.base import StoreBase


@dataclass(frozen=True)
class WorkFilter:
    person: str = ""
    date_from: date | None = None
    date_to: date | None = None
    line_id: int | None = None


@dataclass(frozen=True)
class WorkTotals:
    entries: int
    minutes: int
    linked_minutes: int


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _work_where(case_id: int, f: WorkFilter) -> tuple[str, list[Any]]:
    where = ["w.case_id = ?"]
    params: list[Any] = [case_id]
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


def _message_where(case_id: int, words: list[str]) -> tuple[str, list[Any]]:
    where = ["case_id = ?"]
    params: list[Any] = [case_id]
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


class EvidenceReads(StoreBase):
    """Reads of the evidence tabs: a page of rows at a time, never a whole large table."""

    def work_totals(self, case_id: int, f: WorkFilter) -> WorkTotals:
        """Entries, minutes and minutes linked to an invoice line under the filter."""
        where, params = _work_where(case_id, f)
        row = self.db.execute(
            f"SELECT COUNT(*), COALESCE(SUM(minutes), 0), "
            f"COALESCE(SUM(CASE WHEN invoice_line_id IS NULL THEN 0 ELSE minutes END), 0) "
            f"FROM work_entries w WHERE {where}",
            params,
        ).fetchone()
        return WorkTotals(row[0], row[1], row[2])

    def work_page(
        self, case_id: int, f: WorkFilter, offset: int, limit: int
    ) -> list[tuple[str, str, int, str, str, str]]:
        """(date, person, minutes, task, description, "INV:pos" or "") rows in date order."""
        where, params = _work_where(case_id, f)
        return self.db.execute(
            f"SELECT w.date, w.person, w.minutes, w.task, w.description, "
            f"COALESCE(i.number || ':' || l.position, '') "
            f"FROM work_entries w LEFT JOIN invoice_lines l ON l.id = w.invoice_line_id "
            f"LEFT JOIN invoices i ON i.id = l.invoice_id WHERE {where} "
            f"ORDER BY w.date, w.id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()

    def invoice_line(self, line_id: int) -> tuple[str, InvoiceLine] | None:
        """The number of the invoice a line is on, and the line; None when there is no such line."""
        row = next(
            self.db.query(
                "SELECT l.*, i.number AS invoice_number, i.currency AS invoice_currency "
                "FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.id = ?",
                [line_id],
            ),
            None,
        )
        if row is None:
            return None
        return row["invoice_number"], R.line_from(row, row["invoice_currency"])

    def message(self, message_id: int) -> Message:
        return R.message_from(
            next(self.db.query("SELECT * FROM messages WHERE id = ?", [message_id]))
        )

    def message_ids(self, case_id: int, search: list[str], mentions: list[str]) -> set[int]:
        """Ids of the messages matching the search words (all) and the mentions (any)."""
        where, params = _message_where(case_id, search)
        if mentions:
            extra, more = _any_word(mentions)
            where, params = f"{where} AND {extra}", params + more
        return {row[0] for row in self.db.execute(f"SELECT id FROM messages WHERE {where}", params)}

    def thread_fields(self, case_id: int) -> list[Message]:
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
            for row in self.db.execute(
                "SELECT id, sent_at, message_id, in_reply_to, refs FROM messages WHERE case_id = ?",
                [case_id],
            )
        ]

    def message_rows(self, ids: list[int]) -> dict[int, tuple[str, str, str, int]]:
        """(sent_at, sender, subject, attachment count) of the given messages, by id."""
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        return {
            row[0]: row[1:]
            for row in self.db.execute(
                f"SELECT id, COALESCE(sent_at, ''), sender, subject, json_array_length(attachments) "
                f"FROM messages WHERE id IN ({marks})",
                ids,
            )
        }
