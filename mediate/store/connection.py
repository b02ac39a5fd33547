"""Opening the SQLite file: mode 0600, WAL, foreign keys, a busy timeout, migrations applied."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Any

import sqlite_utils

from mediate.store.schema import migrations

BUSY_TIMEOUT_MS = 10_000

# sqlite-utils plugins are never loaded: mediate needs none, a plugin's prepare_connection hook
# would run inside every connection to the case records, and finding them scans every installed
# package's entry points on each start.


class StoreError(Exception):
    """The database cannot be used; ``str()`` is a sentence for the user."""


def split_script(script: str) -> list[str]:
    """The SQL statements of a script (a trigger's ``BEGIN … END;`` stays one statement)."""
    statements, start = [], 0
    for end, char in enumerate(script):
        if char == ";" and sqlite3.complete_statement(script[start : end + 1]):
            statements.append(script[start : end + 1].strip())
            start = end + 1
    if script[start:].strip():
        statements.append(script[start:].strip())
    return [s for s in statements if s != ";"]


class _MigratingDatabase(sqlite_utils.Database):
    """``executescript`` statement by statement: Python's own commits the open transaction,
    which would let a migration half-apply and let two processes migrate at once."""

    def executescript(self, sql: str) -> Any:
        cursor = None
        for statement in split_script(sql):
            cursor = self.conn.execute(statement)
        return cursor


def _wal(conn: sqlite3.Connection) -> None:
    """WAL mode. While another process switches a new file to WAL, SQLite answers "database is
    locked" at once instead of waiting on the busy timeout: try again until the timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _migrate(conn: sqlite3.Connection) -> None:
    """Apply pending migrations under the write lock, all of them or none."""
    db = _MigratingDatabase(conn, execute_plugins=False)
    if not migrations.pending(db):
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        migrations.apply(db)  # re-reads what is pending, now that no one else can migrate
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _create_private(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    os.chmod(path, 0o600)


def connect(path: Path) -> sqlite_utils.Database:
    """A migrated database at ``path``, created private (0600) when missing."""
    try:
        _create_private(path)
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except (OSError, sqlite3.Error) as error:
        raise StoreError(f"Cannot open the database {path}: {error}") from None
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    try:
        _wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        _migrate(conn)
        db = sqlite_utils.Database(conn, execute_plugins=False)
    except sqlite3.DatabaseError as error:
        conn.close()
        raise StoreError(f"{path} is not a mediate database: {error}") from None
    for suffix in ("-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.chmod(side, 0o600)
    return db
