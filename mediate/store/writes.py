"""The write path: one transaction per verb, its row changes recorded, one audit event appended."""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlite_utils import Database

from mediate.domain.errors import DomainError
from mediate.store.audit import append_event, recorded
from mediate.store.base import StoreBase
from mediate.store.connection import StoreError

_SURROGATE = re.compile("[\ud800-\udfff]")


def storable(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """``row`` itself; refused when a text holds an unpaired surrogate (U+D800-U+DFFF).

    Python strings may hold one (from a paste, or bytes decoded with ``surrogateescape``),
    but UTF-8, and so SQLite, cannot: without this check the verb would crash with a
    UnicodeEncodeError instead of telling the user.
    """
    for column, value in row.items():
        surrogate = _SURROGATE.search(value) if isinstance(value, str) else None
        if surrogate:
            code = ord(surrogate.group())
            raise DomainError(
                f"The {column.replace('_', ' ')} holds a character that cannot be stored "
                f"(U+{code:04X}, an unpaired surrogate); remove it and try again."
            )
    return row


class Changes:
    """Row writes of one verb. Each write is applied at once and remembered for the audit event."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.rows: list[dict[str, Any]] = []
        self.case_id: int | None = None

    def insert(self, table: str, row: dict[str, Any]) -> int:
        row_id = self.db.table(table).insert(storable(table, row)).last_pk
        if row_id is None:  # every table has an INTEGER PRIMARY KEY, so this does not happen
            raise RuntimeError(f"the new row of {table} has no id")
        self.rows.append(
            {"table": table, "op": "insert", "id": row_id, "row": recorded({"id": row_id, **row})}
        )
        return row_id

    def insert_many(self, table: str, rows: list[dict[str, Any]]) -> list[int]:
        """Insert many rows fast, with ids assigned here so the audit event can name them."""
        if not rows:
            return []
        (top,) = self.db.execute(f"SELECT COALESCE(MAX(id), 0) FROM [{table}]").fetchone()
        numbered = [
            {"id": top + index, **storable(table, row)} for index, row in enumerate(rows, start=1)
        ]
        columns = list(numbered[0])
        sql = (
            f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})"
        )
        self.db.conn.executemany(sql, [[r[c] for c in columns] for r in numbered])
        self.rows.extend(
            {"table": table, "op": "insert", "id": r["id"], "row": recorded(r)} for r in numbered
        )
        return [r["id"] for r in numbered]

    def update(self, table: str, row_id: int, values: dict[str, Any]) -> None:
        self.db.table(table).update(row_id, storable(table, values))
        self.rows.append({"table": table, "op": "update", "id": row_id, "set": recorded(values)})

    def delete(self, table: str, row_id: int) -> None:
        """Delete one row; the event records what it held."""
        row = next(self.db.query(f"SELECT * FROM [{table}] WHERE id = ?", [row_id]))
        self.db.execute(f"DELETE FROM [{table}] WHERE id = ?", [row_id])
        self.rows.append({"table": table, "op": "delete", "id": row_id, "row": recorded(row)})

    def delete_where(self, table: str, case_id: int) -> None:
        ids = [
            r[0] for r in self.db.execute(f"SELECT id FROM [{table}] WHERE case_id = ?", [case_id])
        ]
        self.db.execute(f"DELETE FROM [{table}] WHERE case_id = ?", [case_id])
        self.rows.extend({"table": table, "op": "delete", "id": i} for i in ids)


def sqlite_sentence(error: sqlite3.Error) -> str:
    """SQLite's error as a sentence for the user: nothing of a failed write is kept."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return (
            "The database is busy: another program (an import, another window) is writing to "
            "it. Nothing was saved; try again in a moment."
        )
    if "full" in text:
        return "The disk is full (or a file-size limit was reached): nothing was saved."
    if "readonly" in text or "read-only" in text:
        return "The database is read-only: nothing was saved."
    if "disk i/o" in text:
        return "The database file could not be written (a disk error): nothing was saved."
    return f"The database refused the change ({error}): nothing was saved."


@contextmanager
def transaction(db: Database) -> Iterator[None]:
    """An IMMEDIATE transaction; verbs inside it become savepoints and commit together.

    ``BEGIN IMMEDIATE`` takes the write lock up front, so two processes queue on the busy timeout
    instead of failing with "database is locked" when a read turns into a write. SQLite's
    operational errors (busy, full, read-only, disk) leave as a StoreError with a sentence.
    """
    conn = db.conn
    if conn.in_transaction:
        yield
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        raise StoreError(sqlite_sentence(error)) from None
    try:
        yield
        conn.execute("COMMIT")
    except sqlite3.OperationalError as error:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(sqlite_sentence(error)) from None
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


AStore = TypeVar("AStore", bound=StoreBase)
Params = ParamSpec("Params")
Result = TypeVar("Result")


def serialized(
    verb: Callable[Concatenate[AStore, Params], Result],
) -> Callable[Concatenate[AStore, Params], Result]:
    """Run a whole verb, its checks included, inside one ``BEGIN IMMEDIATE`` transaction.

    A verb that reads before it writes ("is the proposal still open?", "the next proposal
    number") must not let another process change what it read in between: with the write lock
    taken first, two processes cannot both number proposal 7 or both close the same proposal.
    """

    @functools.wraps(verb)
    def wrapper(self: AStore, *args: Params.args, **kwargs: Params.kwargs) -> Result:
        with transaction(self.db):
            return verb(self, *args, **kwargs)

    return wrapper


@contextmanager
def write(
    db: Database, case_id: int | None, at: str, actor: str, kind: str, summary: dict[str, Any]
) -> Iterator[Changes]:
    """Run a verb's writes and its one audit event atomically."""
    with transaction(db), db.atomic():
        changes = Changes(db)
        changes.case_id = case_id
        yield changes
        if changes.case_id is None:
            raise RuntimeError("a verb wrote no case id for its audit event")
        append_event(
            db, changes.case_id, at, actor, kind, {"summary": summary, "changes": changes.rows}
        )
