"""Evidence for the session screen, fetched a page at a time: work entries and messages.

How work time counts (overlaps, billable, absences) is ``mediate.domain.work_time``. The reads
here give it only the entries a rule can touch: an entry without clock times, not marked
non-billable and without tags counts in full, and such entries are summed in SQL.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlite_utils import Database

from mediate.domain.model import InvoiceLine, Message, WorkEntry
from mediate.domain.work_time import OVERLAP, TimeCount, entry_times, left_out_reason
from mediate.store import rows as R
from mediate.store.base import StoreBase

# Entries that no counting rule touches (see the module docstring). The partial index
# ``work_entries_ruled`` holds the others; its condition is this one, word for word.
_PLAIN = "(w.started_at IS NULL AND w.billable IS NOT 0 AND w.tags = '[]')"
_RULED = "INDEXED BY work_entries_ruled"
# Entries that may overlap one started at most this many days before or after it: an entry
# lasts at most a day (the importer keeps no longer clock times), and a time with an offset is
# compared in UTC, which may fall on the next or previous day.
CONTEXT_DAYS = 2
# Whether an entry's clock time shares more than an instant with another entry of its person:
# the rule of mediate.domain.work_time.clock/entry_times, per row of a page (julianday reads a
# time with an offset in UTC, one without as it is, as that module does).
_OVERLAPS = f"""
    CASE WHEN w.started_at IS NULL OR w.ended_at IS NULL THEN 0 ELSE EXISTS (
        SELECT 1 FROM work_entries o
        WHERE o.case_id = w.case_id
          AND o.date BETWEEN date(w.date, '-{CONTEXT_DAYS} days')
                         AND date(w.date, '+{CONTEXT_DAYS} days')
          AND o.person = w.person AND o.id <> w.id
          AND o.started_at IS NOT NULL AND o.ended_at IS NOT NULL
          AND max(julianday(o.started_at), julianday(w.started_at))
              < min(julianday(o.ended_at), julianday(w.ended_at))
    ) END"""
# A line as its invoice names it: the invoice number and the line's own ID, else its position.
_LINE_LABEL = "COALESCE(i.number || ':' || COALESCE(NULLIF(l.line_ref, ''), l.position), '')"


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
    time: TimeCount = field(default_factory=TimeCount)  # logged, counted, left out


@dataclass(frozen=True)
class WorkRow:
    """One work entry as the work log lists it."""

    id: int
    date: str
    person: str
    minutes: int
    task: str
    description: str
    line: str  # "INV-1:20": the invoice and the line's own ID (else its position); "" unlinked
    started_at: datetime | None
    ended_at: datetime | None
    billable: bool | None
    tags: tuple[str, ...]
    overlaps: bool  # its clock time intersects another entry of the same person

    @property
    def flags(self) -> tuple[str, ...]:
        """``overlap`` and why the entry is left out whole (``absence``, ``non-billable``)."""
        reason = left_out_reason(self.billable, self.tags)
        return ((OVERLAP,) if self.overlaps else ()) + ((reason,) if reason else ())


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _work_where(case_id: int, f: WorkFilter) -> tuple[str, list[Any]]:
    """The case's entries under the filter, as SQL."""
    where: list[str] = ["w.case_id = ?"]
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


def _page(where: str) -> str:
    """The entries of one page (parameters: the filter's, then limit and offset): the ids are
    skipped through the index by case and date, and only the page's rows are read and worked
    out (an OFFSET on the whole query would work out every row it skips: 0.6 s at the end of
    200,000 entries)."""
    return (
        f"w.id IN (SELECT w.id FROM work_entries w WHERE {where} "
        "ORDER BY w.date, w.id LIMIT ? OFFSET ?)"
    )


def _ruled_entries(db: Database, where: str, params: list[Any]) -> list[WorkEntry]:
    """The entries under ``where`` that a counting rule can touch, with what the rules read:
    found through the partial index that holds only those (schema ``m012_paged_reads``), so a
    case of 200,000 plain entries reads none of them."""
    return [
        WorkEntry(
            id=row[0],
            date=date.fromisoformat(row[1]),
            person=row[2],
            minutes=row[3],
            started_at=R.parse_moment(row[4]),
            ended_at=R.parse_moment(row[5]),
            billable=None if row[6] is None else bool(row[6]),
            tags=tuple(json.loads(row[7])),
            invoice_line_id=row[8],
        )
        for row in db.execute(
            "SELECT w.id, w.date, w.person, w.minutes, w.started_at, w.ended_at, w.billable, "
            f"w.tags, w.invoice_line_id FROM work_entries w {_RULED} WHERE {where} AND NOT {_PLAIN} "
            "ORDER BY w.id",
            params,
        )
    ]


class WorkCounter:
    """The work counted against a case's invoice lines, read for a few lines at a time (a page
    of the invoice tab): the entries a counting rule touches are read once, when it is made (all
    of the case's: an overlap may join two lines); each call reads the given lines' rows of
    ``work_line_totals`` (kept by triggers) and puts those entries in place of their share."""

    def __init__(self, db: Database, case_id: int) -> None:
        self.db, self.case_id = db, case_id
        self.ruled = ruled_counts(db, case_id)

    def __call__(self, lines: Sequence[int] | None = None) -> dict[int | None, TimeCount]:
        """Per invoice line id (None: not linked): minutes logged, counted and left out; of the
        ``lines`` given only, when given."""
        where, params = "case_id = ?", [self.case_id]
        if lines is not None:
            where += f" AND line_key IN ({marks(lines)})"
            params += list(lines)
        return {
            key or None: line_count(self.ruled, key or None, entries, minutes)
            for key, entries, minutes in self.db.execute(
                f"SELECT line_key, entries, minutes FROM work_line_totals WHERE {where}", params
            )
        }

    def hours(self, invoice_ids: Sequence[int]) -> tuple[Decimal, Decimal]:
        """On the lines of ``invoice_ids`` that bill hours: the hours billed, and the hours
        logged that count against them, each line's to the hundredth as the invoice tab shows
        it, added up (so the column adds up to the sum). Passes over the covering index
        ``invoice_lines_figures`` and ``work_line_totals``, whatever the lines."""
        from mediate.domain.reconciliation import hours, is_hour_unit  # off the start-up path

        db, case_id = self.db, self.case_id
        units = [
            unit
            for (unit,) in db.execute(
                "SELECT DISTINCT unit FROM invoice_lines WHERE case_id = ?", [case_id]
            )
            if is_hour_unit(unit)
        ]
        if not units or not invoice_ids:
            return Decimal(0), Decimal(0)
        where = (
            f"l.case_id = ? AND l.invoice_id IN ({marks(invoice_ids)}) "
            f"AND l.unit IN ({marks(units)})"
        )
        params = [case_id, *invoice_ids, *units]
        billed = sum(
            (
                Decimal(quantity) * lines
                for quantity, lines in db.execute(
                    f"SELECT l.quantity, COUNT(*) FROM invoice_lines l WHERE {where} "
                    "GROUP BY l.quantity",
                    params,
                )
            ),
            Decimal(0),
        )
        # Each line's minutes to the hundredth of an hour, as its row shows them, added up: the
        # lines that log the same minutes counted together (the entries a rule touches, below).
        hour_lines = f"SELECT l.id FROM invoice_lines l WHERE {where}"
        logged = sum(
            (
                hours(minutes) * lines
                for minutes, lines in db.execute(
                    "SELECT minutes, COUNT(*) FROM work_line_totals WHERE case_id = ? AND "
                    f"+line_key IN ({hour_lines}) GROUP BY minutes",
                    [case_id, *params],
                )
            ),
            hours(0),
        )
        # The lines among these that entries a counting rule touches (non-billable, absence,
        # overlap counted once): their counted minutes in place of all their minutes.
        touched = json.dumps([line for line in self.ruled if line is not None])
        for line, entries, minutes in db.execute(
            "SELECT line_key, entries, minutes FROM work_line_totals WHERE case_id = ? AND "
            f"line_key IN (SELECT value FROM json_each(?)) AND line_key IN ({hour_lines})",
            [case_id, touched, *params],
        ):
            counted = line_count(self.ruled, line, entries, minutes).counted
            logged += hours(counted) - hours(minutes)
        return billed, logged


def marks(values: Sequence[Any]) -> str:
    """Placeholders for ``values`` in an ``IN (...)``."""
    return ", ".join("?" * len(values))


def work_counts_by_line(db: Database, case_id: int) -> dict[int | None, TimeCount]:
    """Per invoice line id (None: not linked): minutes logged, counted and left out (see
    ``WorkCounter``)."""
    return WorkCounter(db, case_id)()


def ruled_counts(db: Database, case_id: int) -> dict[int | None, TimeCount]:
    """Per line, the count of the case's entries that a counting rule touches."""
    from mediate.domain.reconciliation import line_counts  # off the start-up path

    return line_counts(_ruled_entries(db, "w.case_id = ?", [case_id]))


def line_count(
    ruled: dict[int | None, TimeCount], line: int | None, entries: int, minutes: int
) -> TimeCount:
    """A line's count from its row of ``work_line_totals`` and its entries a rule touches."""
    touched = ruled.get(line)
    if touched is None:  # the common case: every entry of the line counts in full
        return TimeCount(entries=entries, logged=minutes, counted=minutes)
    plain = minutes - touched.logged
    return touched + TimeCount(entries=entries - touched.entries, logged=plain, counted=plain)


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
        """Entries, minutes and minutes linked to an invoice line under the filter, and how
        many of those minutes count against hours billed and what was left out.

        The sums come from one row per line (``work_line_totals``). Entries that a rule touches are counted by
        ``mediate.domain.work_time`` together with the entries of the same people that can
        overlap them (on any line, in the days around theirs); the others count in full.
        """
        row = self._work_sums(case_id, f)
        where, params = _work_where(case_id, f)
        found = self.db.execute(
            f"SELECT w.id, w.person, w.date, w.minutes FROM work_entries w {_RULED} "
            f"WHERE {where} AND NOT {_PLAIN}",
            params,
        ).fetchall()
        plain = row[1] - sum(ruled[3] for ruled in found)
        time = TimeCount(entries=row[0] - len(found), logged=plain, counted=plain)
        return WorkTotals(row[0], row[1], row[2], time + self._ruled_count(case_id, found))

    def _work_sums(self, case_id: int, f: WorkFilter) -> tuple[int, int, int]:
        """Entries, minutes and linked minutes under the filter: without a person or dates,
        from the case's (or the line's) row(s) of ``work_line_totals``."""
        if f.person.strip() or f.date_from or f.date_to:
            where, params = _work_where(case_id, f)
            return self.db.execute(
                f"SELECT COUNT(*), COALESCE(SUM(minutes), 0), "
                f"COALESCE(SUM(CASE WHEN invoice_line_id IS NULL THEN 0 ELSE minutes END), 0) "
                f"FROM work_entries w WHERE {where}",
                params,
            ).fetchone()
        line = "" if f.line_id is None else " AND line_key = ?"
        return self.db.execute(
            "SELECT COALESCE(SUM(entries), 0), COALESCE(SUM(minutes), 0), "
            "COALESCE(SUM(CASE line_key WHEN 0 THEN 0 ELSE minutes END), 0) "
            f"FROM work_line_totals WHERE case_id = ?{line}",
            [case_id] + ([] if f.line_id is None else [f.line_id]),
        ).fetchone()

    def _ruled_count(self, case_id: int, found: list[tuple]) -> TimeCount:
        """The ``found`` entries (id, person, date) counted together with the entries of the
        same people that can overlap them."""
        if not found:
            return TimeCount()
        days = timedelta(days=CONTEXT_DAYS)
        people = sorted({row[1] for row in found})
        first = date.fromisoformat(min(row[2] for row in found)) - days
        last = date.fromisoformat(max(row[2] for row in found)) + days
        marks = ", ".join("?" for _ in people)
        around = _ruled_entries(
            self.db,
            f"w.case_id = ? AND w.person IN ({marks}) AND w.date BETWEEN ? AND ?",
            [case_id, *people, first.isoformat(), last.isoformat()],
        )
        wanted = {row[0] for row in found}
        total = TimeCount()
        for entry, time in zip(around, entry_times(around), strict=True):
            if entry.id in wanted:
                total += TimeCount.of(entry.minutes, time)
        return total

    def work_counts_by_line(self, case_id: int) -> dict[int | None, TimeCount]:
        """Per invoice line id (None: not linked): minutes logged, counted against hours billed,
        and left out (non-billable, absence, overlap counted once)."""
        return work_counts_by_line(self.db, case_id)

    def work_counter(self, case_id: int) -> WorkCounter:
        """The work counted against the case's lines, a few lines at a time (``WorkCounter``)."""
        return WorkCounter(self.db, case_id)

    def work_page(
        self, case_id: int, f: WorkFilter, offset: int, limit: int
    ) -> list[tuple[str, str, int, str, str, str]]:
        """(date, person, minutes, task, description, "INV:line" or "") rows in date order; the
        line as its invoice names it (its own ID, else its position)."""
        where, params = _work_where(case_id, f)
        return self.db.execute(
            f"SELECT w.date, w.person, w.minutes, w.task, w.description, {_LINE_LABEL} "
            f"FROM work_entries w LEFT JOIN invoice_lines l ON l.id = w.invoice_line_id "
            f"LEFT JOIN invoices i ON i.id = l.invoice_id WHERE {_page(where)} "
            f"ORDER BY w.date, w.id",
            [*params, limit, offset],
        ).fetchall()

    def work_rows(self, case_id: int, f: WorkFilter, offset: int, limit: int) -> list[WorkRow]:
        """A page of entries in date order, with clock times, billable, tags and whether each
        overlaps another entry of its person (worked out for the page's rows only)."""
        where, params = _work_where(case_id, f)
        return [
            WorkRow(
                id=row[0],
                date=row[1],
                person=row[2],
                minutes=row[3],
                task=row[4],
                description=row[5],
                line=row[6],
                started_at=R.parse_moment(row[7]),
                ended_at=R.parse_moment(row[8]),
                billable=None if row[9] is None else bool(row[9]),
                tags=tuple(json.loads(row[10])),
                overlaps=bool(row[11]),
            )
            for row in self.db.execute(
                f"SELECT w.id, w.date, w.person, w.minutes, w.task, w.description, {_LINE_LABEL}, "
                f"w.started_at, w.ended_at, w.billable, w.tags, {_OVERLAPS} "
                f"FROM work_entries w LEFT JOIN invoice_lines l ON l.id = w.invoice_line_id "
                f"LEFT JOIN invoices i ON i.id = l.invoice_id WHERE {_page(where)} "
                f"ORDER BY w.date, w.id",
                [*params, limit, offset],
            )
        ]

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
