"""Opening the SQLite file: mode 0600, WAL, foreign keys, a busy timeout, migrations applied."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlite_utils

from mediate.store.schema import migrations

BUSY_TIMEOUT_MS = 10_000


class StoreError(Exception):
    """The database cannot be used; ``str()`` is a sentence for the user."""


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
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        db = sqlite_utils.Database(conn)
        migrations.apply(db)
    except sqlite3.DatabaseError as error:
        conn.close()
        raise StoreError(f"{path} is not a mediate database: {error}") from None
    for suffix in ("-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.chmod(side, 0o600)
    return db
