"""A file that is not mediate's is never changed, and a user's situation is one sentence, exit 2.

Measured before: the database path was chmodded to 0600 before it was checked, so a 0400 database
became writable and was written; the target of a symlinked path had its mode changed; a text file
had its mode changed before being refused; another application's SQLite database was silently
migrated with mediate's tables. A non-UTF-8 case reference, a foreign -wal file and a full disk
ended in tracebacks.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mediate.cli import main
from mediate.domain.model import Visibility
from mediate.domain.visibility import View
from mediate.store import open_store
from mediate.store.search import search
from mediate.tui.app import MediateApp
from tests.builders import bundle
from tests.case_folders import write_case


def fingerprint(path: Path) -> tuple[int, str]:
    info = path.stat()
    return stat.S_IMODE(info.st_mode), hashlib.sha256(path.read_bytes()).hexdigest()


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.fixture
def database(tmp_path) -> Path:
    path = tmp_path / "records" / "mediate.db"
    store = open_store(path)
    store.import_bundle(bundle("MED-2026-001"))
    store.checkpoint()
    store.close()
    return path


def test_a_read_only_database_is_read_and_never_written(database, tmp_path):
    os.chmod(database, 0o400)
    before = fingerprint(database)
    code, output = cli("--db", str(database), "list")
    assert code == 0 and "MED-2026-001" in output, output
    code, output = cli("--db", str(database), "import", str(write_case(tmp_path)))
    assert code == 2 and "read-only" in output and "Traceback" not in output, output
    assert fingerprint(database) == before


def test_the_target_of_a_linked_path_keeps_its_mode_and_bytes(tmp_path):
    target = tmp_path / "passwd"
    target.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    os.chmod(target, 0o644)
    link = tmp_path / "mediate.db"
    link.symlink_to(target)
    before = fingerprint(target)
    code, output = cli("--db", str(link), "list")
    assert code == 2 and "not a mediate database" in output, output
    assert fingerprint(target) == before


def test_a_text_file_is_refused_before_its_mode_is_changed(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("my notes\n", encoding="utf-8")
    os.chmod(text, 0o664)
    before = fingerprint(text)
    for verb in ("list", "verify"):
        code, output = cli("--db", str(text), verb)
        assert code == 2 and "not a mediate database" in output, output
    assert fingerprint(text) == before


def test_another_applications_database_is_not_migrated(tmp_path):
    foreign = tmp_path / "photos.db"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE albums (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO albums (name) VALUES ('Holiday')")
    connection.close()
    before = fingerprint(foreign)
    code, output = cli("--db", str(foreign), "list")
    assert code == 2 and "another application" in output and "albums" in output, output
    assert fingerprint(foreign) == before
    assert not Path(f"{foreign}-wal").exists()


def test_a_folder_others_can_write_is_named_in_a_warning(database):
    os.chmod(database.parent, 0o777)
    code, output = cli("--db", str(database), "list")
    assert code == 0 and "can be written by other users" in output, output


def test_a_database_in_a_read_only_folder_is_listed(database):
    os.chmod(database.parent, 0o555)
    try:
        code, output = cli("--db", str(database), "list")
        assert code == 0 and "MED-2026-001" in output, output
    finally:
        os.chmod(database.parent, 0o755)


def test_a_reference_that_is_not_utf8_is_a_sentence(database):
    process = subprocess.run(
        [sys.executable, "-m", "mediate.cli", "--db", str(database), "show", b"MED\xff"],
        capture_output=True,
    )
    assert process.returncode == 2, process.stderr
    assert b"Traceback" not in process.stderr and b"MED" in process.stderr, process.stderr


def test_a_wal_file_of_another_copy_is_a_sentence(database, tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("CREATE TABLE t (x)")
        connection.execute("PRAGMA wal_autocheckpoint = 0")
        for n in range(200):
            connection.execute("INSERT INTO t VALUES (?)", [n * "x"])
        # Copy the -wal while it still holds the writes, then leave it beside our database.
        shutil.copy(f"{other}-wal", f"{database}-wal")
    connection.close()
    before = fingerprint(database)
    code, output = cli("--db", str(database), "list")
    assert code == 2 and "mediate.db-wal belongs to another database" in output, output
    assert fingerprint(database) == before  # not copied into the file on closing
    Path(f"{database}-wal").unlink()
    Path(f"{database}-shm").unlink(missing_ok=True)
    code, output = cli("--db", str(database), "list")
    assert code == 0 and "MED-2026-001" in output, output


def test_a_full_disk_during_an_import_is_a_sentence_and_leaves_no_case(tmp_path):
    """``ulimit -f`` stands in for a full disk: the import is refused with exit 2."""
    database = tmp_path / "mediate.db"
    open_store(database).close()
    folder = write_case(tmp_path)
    (folder / "correspondence").mkdir()
    body = "A long message body.\n" * 2_000
    for n in range(300):
        (folder / "correspondence" / f"m{n}.eml").write_text(
            f"From: a@example.com\nSubject: m{n}\n\n{body}", encoding="utf-8"
        )
    size = database.stat().st_size

    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (size + 2_000_000, size + 2_000_000))

    process = subprocess.run(
        [sys.executable, "-m", "mediate.cli", "--db", str(database), "import", str(folder)],
        capture_output=True,
        text=True,
        preexec_fn=limit,
    )
    assert process.returncode == 2, process.stdout + process.stderr
    assert "Traceback" not in process.stderr and process.stderr.strip(), process.stderr
    store = open_store(database)
    assert store.case_count() == 0
    store.close()


async def test_a_crash_shows_one_sentence_and_a_private_log_without_local_variables(
    tmp_path, monkeypatch, capfd
):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    secret = "CAUCUS-ONLY: we would accept 6,000"
    app = MediateApp(tmp_path / "mediate.db")

    def save_note() -> None:
        note = secret  # a local variable, as the note being saved was
        raise ValueError(f"unexpected while saving {len(note)} characters")

    with pytest.raises(ValueError):
        async with app.run_test() as pilot:
            app.call_later(save_note)
            await pilot.pause()
            await pilot.pause()
    shown = capfd.readouterr()
    shown_text = shown.out + shown.err
    assert "mediate stopped on an error it did not expect (ValueError)" in " ".join(
        shown_text.split()
    )
    assert secret not in shown_text and "note =" not in shown_text
    (log,) = (tmp_path / "data" / "mediate").glob("crash-*.log")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert "unexpected while saving 34 characters" in log.read_text(encoding="utf-8")
    assert secret not in log.read_text(encoding="utf-8")


def test_a_caucus_note_replaced_by_an_import_is_gone_from_the_file(tmp_path):
    database = tmp_path / "mediate.db"
    store = open_store(database)
    case_id = store.import_bundle(bundle("MED-2026-001"))
    token = "zebraquokka"  # as the search index stores its words: in lower case
    store.add_note(case_id, Visibility.CAUCUS_CLIENT, f"{token} is our real bottom line")
    store.import_bundle(bundle("MED-2026-001"), replace=True)
    assert search(store.db, token, view=View.MEDIATOR) == []
    store.close()
    occurrences = sum(
        Path(f"{database}{side}").read_bytes().count(token.encode())
        for side in ("", "-wal")
        if Path(f"{database}{side}").exists()
    )
    # The audit log keeps what was recorded, by design (once, in the note's event); nothing else.
    with sqlite3.connect(database) as connection:
        in_audit = sum(
            payload.count(token)
            for (payload,) in connection.execute("SELECT payload FROM audit_events")
        )
    connection.close()
    assert occurrences == in_audit == 1
