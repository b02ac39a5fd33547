"""Opening the SQLite file: mode 0600, WAL, foreign keys, a busy timeout, migrations applied.

A file that is not mediate's is never changed: the path must be a regular file holding an SQLite
database with mediate's tables (or be empty or missing, and then it is created private); it is
checked before anything is written or any mode changed. A database the user cannot write is
opened read-only for reading. A mediate database with loose permissions is made private (group
and others lose their bits; nothing gains any), but never through a symbolic link.
"""

from __future__ import annotations

import os
import sqlite3
import stat
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


def _check_file(path: Path) -> bool:
    """Whether ``path`` holds something already (False: missing or empty). Refuses what is not
    a regular file with a sentence, before any byte or mode of it is changed.

    The file itself is never opened here: closing any descriptor of a file releases every POSIX
    lock the process holds on it, so a check made while the app has a connection open would
    let another program delete the -wal file under it. What the file holds is read by SQLite
    (``_check_contents``), which shares its locks among the connections of a process."""
    try:
        info = path.stat()  # the target of a symbolic link
    except FileNotFoundError:
        return False
    except OSError as error:
        raise StoreError(f"Cannot open the database {path}: {error.strerror or error}.") from None
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(
            f"{path} is not a regular file (a folder, a device or a pipe); mediate keeps its "
            "records in a file of its own."
        )
    return info.st_size > 0


def _create(path: Path) -> None:
    """A new, empty database file readable and writable by its owner only."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except FileExistsError:
        pass  # another process created it a moment ago: it is checked like any other
    except OSError as error:
        raise StoreError(f"Cannot create the database {path}: {error.strerror or error}.") from None


def _foreign_tables(conn: sqlite3.Connection) -> list[str]:
    """The tables of a database that mediate did not make (none when it is mediate's or empty)."""
    names = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    if not names or (
        "_sqlite_migrations" in names
        and conn.execute(
            "SELECT 1 FROM _sqlite_migrations WHERE migration_set = 'mediate' LIMIT 1"
        ).fetchone()
    ):
        return []
    return sorted(names)


def _tables_of(path: Path, immutable: bool = False) -> list[str]:
    """The foreign tables of ``path`` read through a read-only connection, which can never
    write it (nor, on closing, copy a -wal file into it). ``immutable`` reads the file alone,
    without any -wal beside it."""
    uri = f"{path.resolve().as_uri()}?mode=ro{'&immutable=1' if immutable else ''}"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    try:
        return _foreign_tables(conn)
    finally:
        conn.close()


def _check_contents(path: Path) -> None:
    """Refuse another application's database, and a -wal file of another database left beside
    ours (SQLite would read it as ours and, on closing, copy it into the file), read-only."""
    try:
        foreign = _tables_of(path)
    except sqlite3.Error:
        foreign = _tables_of(path, immutable=True)  # a read-only folder without -shm
    if not foreign:
        return
    wal = Path(f"{path}-wal")
    if wal.exists() and not _tables_of(path, immutable=True):
        raise StoreError(
            f"{wal} belongs to another database: read with it, {path.name} would hold another "
            f"application's tables ({', '.join(foreign[:3])}). Nothing was changed; move "
            f"{wal.name} (and {path.name}-shm) away and try again."
        )
    raise StoreError(
        f"{path} is the SQLite database of another application (its tables: "
        f"{', '.join(foreign[:6])}); mediate does not change it."
    )


def _tighten(path: Path) -> list[str]:
    """Remove group and other permissions from the database and its -wal and -shm files when
    they are ours and reached directly; a warning for what was left alone."""
    warnings = []
    for side in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            info = side.lstat()
        except FileNotFoundError:
            continue
        loose = stat.S_IMODE(info.st_mode) & 0o077
        if not loose:
            continue
        if stat.S_ISLNK(info.st_mode) or info.st_uid != os.getuid():
            warnings.append(f"{side} can be read by other users; mediate did not change it.")
            continue
        os.chmod(side, stat.S_IMODE(info.st_mode) & 0o700)
    folder = path.resolve().parent
    try:
        mode = folder.stat().st_mode
        if mode & stat.S_IWOTH and not mode & stat.S_ISVTX:
            warnings.append(f"The folder {folder} can be written by other users.")
    except OSError:
        pass
    return warnings


def connect(path: Path, read_only: bool = False) -> tuple[sqlite_utils.Database, list[str]]:
    """A migrated database at ``path``, created private (0600) when missing, and warnings about
    its permissions that the user should know of.

    ``read_only``: the caller only reads; a database the user cannot write is then opened
    read-only (which needs it to be up to date) instead of being refused.
    """
    exists = _check_file(path)
    if not exists and read_only:  # reading what is not there would make an empty database
        raise StoreError(
            f"There is no mediate database at {path} yet (check the path); `mediate import "
            "FOLDER` or `mediate load-samples sample_cases` creates it."
        )
    if not exists and not path.exists():
        _create(path)
        exists = _check_file(path)
    if exists:
        try:
            _check_contents(path)
        except sqlite3.DatabaseError as error:
            if "not a database" in str(error):
                raise StoreError(
                    f"{path} is not a mediate database (not an SQLite file); it is left as it is."
                ) from None
            raise StoreError(f"{path} cannot be used as a mediate database: {error}.") from None
    folder = path.resolve().parent
    # A file without any write bit was made read-only on purpose: kept so even for root, whom
    # ``access`` lets write anything.
    file_writable = os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)
    writable = file_writable and os.access(folder, os.W_OK | os.X_OK)
    if not writable and not read_only:
        what = "the file" if not file_writable else "its folder"
        raise StoreError(
            f"{path} is read-only ({what} cannot be written); mediate reads it but changes "
            "nothing in it: give it write access, or use a command that only reads."
        )
    try:
        if writable:
            conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        else:
            # Read-only, and without the -wal/-shm files a read-only folder cannot hold.
            immutable = "&immutable=1" if not os.access(folder, os.W_OK) else ""
            uri = f"{path.resolve().as_uri()}?mode=ro{immutable}"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    except (OSError, sqlite3.Error) as error:
        raise StoreError(f"Cannot open the database {path}: {error}.") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if writable:
            _wal(conn)
            conn.execute("PRAGMA synchronous = NORMAL")
            # Deleted text (a caucus note replaced by a new import) is overwritten, not left
            # in free pages of the file.
            conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA foreign_keys = ON")
        if writable:
            _migrate(conn)
        elif migrations.pending(_MigratingDatabase(conn, execute_plugins=False)):
            raise StoreError(
                f"{path} was written by an older mediate and must be brought up to date, which "
                "needs write access to it and its folder."
            )
        db = sqlite_utils.Database(conn, execute_plugins=False)
    except StoreError:
        conn.close()
        raise
    except sqlite3.DatabaseError as error:
        conn.close()
        raise StoreError(
            f"{path} cannot be used as a mediate database: {error} (a -wal or -shm file beside "
            "it that belongs to another copy can cause this: move it away and try again)."
        ) from None
    return db, (_tighten(path) if writable else [])
