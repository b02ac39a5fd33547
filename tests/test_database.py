"""The database file: created private, migrated, and the core importable without Textual."""

import os
import stat
import subprocess
import sys

from mediate.store import open_store, resolve_db_path
from mediate.store.schema import migrations


def test_new_database_is_private_and_migrated(tmp_path):
    path = tmp_path / "sub" / "new.db"
    store = open_store(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert {"cases", "audit_events", "settlements"} <= set(store.db.table_names())
    assert [m.name for m in migrations.applied(store.db)] == [
        m.name for m in migrations._migrations
    ]
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    store.close()


def test_reopening_applies_nothing_twice(tmp_path, case_id, store):
    again = open_store(store.path)
    assert migrations.pending(again.db) == []
    assert again.summaries()[0].reference == "MED-2026-001"


def test_db_path_precedence(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIATE_DB", str(tmp_path / "env.db"))
    assert resolve_db_path(tmp_path / "explicit.db") == tmp_path / "explicit.db"
    assert resolve_db_path(None) == tmp_path / "env.db"
    monkeypatch.delenv("MEDIATE_DB")
    assert resolve_db_path(None).name == "mediate.db"


def test_nothing_is_created_at_import(tmp_path):
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")}
    code = "import mediate.cli, mediate.tui.app"
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    assert list(tmp_path.iterdir()) == []


def test_sqlite_utils_plugins_never_see_the_case_records(tmp_path):
    """An installed sqlite-utils plugin's prepare_connection hook would run inside the store's
    connection; the store opens its database with plugins off."""
    from sqlite_utils import hookimpl
    from sqlite_utils.plugins import pm

    seen = []

    class Spy:
        __name__ = "spy"

        @hookimpl
        def prepare_connection(self, conn):
            seen.append(conn)

    spy = Spy()
    pm.register(spy, name="spy")
    try:
        store = open_store(tmp_path / "cases.db")
        store.close()
        import sqlite_utils

        sqlite_utils.Database(tmp_path / "other.db").close()  # the hook is live: it runs here
    finally:
        pm.unregister(spy)
    assert len(seen) == 1


def test_reading_a_case_or_the_case_list_never_scans_a_whole_table(store, case_id):
    """Every read by case finds its rows through an index, so opening a case and listing the
    cases stay fast however large the archive grows."""
    run: list[str] = []
    store.db.conn.set_trace_callback(run.append)
    try:
        store.summaries()
        store.case(case_id)
        store.invoices(case_id)
        store.clauses(case_id)
        store.statements(case_id)
        store.notes(case_id)
        store.proposals(case_id)
        store.messages(case_id)
        store.logged_minutes_by_line(case_id)
    finally:
        store.db.conn.set_trace_callback(None)
    selects = [sql for sql in run if sql.lstrip().upper().startswith("SELECT")]
    assert len(selects) >= 9
    scans = []
    for sql in selects:
        for _id, _parent, _unused, detail in store.db.execute(f"EXPLAIN QUERY PLAN {sql}"):
            # the whole case list reads every case (in the order of its index)
            if detail.startswith("SCAN") and detail not in (
                "SCAN c",
                "SCAN c USING INDEX cases_opened",
            ):
                scans.append((detail, " ".join(sql.split())[:90]))
    assert scans == []
