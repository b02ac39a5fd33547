"""No action is lost to a busy database.

With a command-line import writing for more than ten seconds, two open apps exited with
"database is locked" and the note and the proposal being saved were gone. Now a large import
writes in short slices with a pause between them, and a save that still finds the database busy
keeps its form open, with everything typed, and says so.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from textual.widgets import Input, Select, Static, TextArea

from mediate.domain.model import AdjustmentKind, Proposer, Visibility
from mediate.domain.visibility import View
from mediate.store import open_store
from mediate.tui.app import INTERACTIVE_WAIT, MediateApp
from mediate.tui.screens.note_form import NoteForm
from mediate.tui.screens.proposal_form import ProposalForm
from tests.case_folders import write_case
from tests.test_session_screen import open_session, type_into

LOCK_SECONDS = 15
HOLD = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
"""


def hold_write_lock(db, seconds: float) -> subprocess.Popen:
    """Another program holding the write lock for ``seconds`` (a long import, as it was)."""
    locker = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert locker.stdout is not None and locker.stdout.readline() == "locked\n"
    return locker


def form_error(app) -> str:
    return str(app.screen.query_one("#form-error", Static).render())


async def test_two_apps_keep_a_note_and_a_proposal_through_a_15_s_lock(db_path, store, case_id):
    line = [ln for inv in store.invoices(case_id) for ln in inv.lines][1]
    note = "Client would accept 1,900 if paid in two parts"
    note_app, proposal_app = MediateApp(db_path), MediateApp(db_path)
    async with note_app.run_test(size=(120, 40)) as a, proposal_app.run_test(size=(120, 40)) as b:
        await open_session(a)
        await open_session(b)
        await a.press("n")
        await a.pause()
        await type_into(a, "#note", note)
        await b.press("o")
        await b.pause()
        form = proposal_app.screen
        form.query_one(f"#kind-{line.id}", Select).value = AdjustmentKind.REDUCE_TO
        await type_into(b, f"#value-{line.id}", "1900")

        locker = hold_write_lock(db_path, LOCK_SECONDS)
        started = time.monotonic()
        for pilot in (a, b):
            await pilot.press("ctrl+s")
            await pilot.pause()
        waited = time.monotonic() - started
        assert isinstance(note_app.screen, NoteForm) and isinstance(
            proposal_app.screen, ProposalForm
        )
        for app in (note_app, proposal_app):
            assert "The database is busy" in form_error(app) and "Nothing was saved" in form_error(
                app
            )
        assert note_app.screen.query_one("#note", TextArea).text == note  # nothing typed is lost
        assert proposal_app.screen.query_one(f"#value-{line.id}", Input).value == "1900"
        assert waited < 2 * INTERACTIVE_WAIT + 3  # each save waited its two seconds, no more

        locker.wait(timeout=LOCK_SECONDS + 10)
        for pilot in (a, b):
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert not isinstance(note_app.screen, NoteForm)
        assert not isinstance(proposal_app.screen, ProposalForm)
    assert [n.text for n in store.notes(case_id, View.MEDIATOR)] == [note]
    (proposal,) = store.proposals(case_id)
    assert proposal.proposed_by == Proposer.MEDIATOR


def mailbox(count: int) -> str:
    start = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    return "".join(
        f"From client@example.com Mon Mar  2 09:00:00 2026\n"
        f"From: Tom Baker <client@example.com>\nTo: anna@pixel.example\n"
        f"Date: {format_datetime(start + timedelta(minutes=i))}\n"
        f"Subject: Hours, message {i}\nMessage-ID: <m{i}@example.com>\n\n"
        f"About the hours of week {i % 52}. " * 3 + "\n\n"
        for i in range(count)
    )


def test_a_large_import_lets_another_window_save_within_a_second(tmp_path, store, case_id):
    folder = write_case(tmp_path)
    (folder / "correspondence").mkdir()
    (folder / "correspondence" / "all.mbox").write_text(mailbox(6_000), encoding="utf-8")
    db = store.path
    waits: list[float] = []
    importing = threading.Event()

    def save_notes() -> None:
        other = open_store(db)
        other.wait_for_lock(INTERACTIVE_WAIT)
        while not importing.is_set():
            time.sleep(0.01)
        number = 0
        while importing.is_set():
            begun = time.monotonic()
            other.add_note(case_id, Visibility.JOINT, f"note {number}")
            waits.append(time.monotonic() - begun)
            number += 1
            time.sleep(0.02)
        other.close()

    saver = threading.Thread(target=save_notes)
    saver.start()
    importing.set()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mediate.cli", "import", str(folder), "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        importing.clear()
        saver.join()
    assert result.returncode == 0, result.stderr
    slices = store.db.execute(
        "SELECT COUNT(*) FROM audit_events WHERE kind = 'case.import.part'"
    ).fetchone()[0]
    assert slices >= 6  # 6,000 messages in slices of at most 1,000
    assert len(waits) > 20 and max(waits) < 1.0, (len(waits), max(waits))
    assert store.case("MED-T-001").reference == "MED-T-001"
    assert store.count("messages", store.case_id("MED-T-001")) == 6_000
    assert store.verify("MED-T-001")[0].ok


def test_a_case_being_imported_is_not_shown_until_it_is_whole(tmp_path, store):
    folder = write_case(tmp_path)
    (folder / "correspondence").mkdir()
    (folder / "correspondence" / "all.mbox").write_text(mailbox(3_000), encoding="utf-8")
    from mediate.services.intake import read_folders

    (read,) = read_folders([folder])
    case_id = store.import_bundle(read.bundle, finish=False)
    assert [s.reference for s in store.summaries()] == []
    shown = subprocess.run(
        [sys.executable, "-m", "mediate.cli", "show", "MED-T-001", "--db", str(store.path)],
        capture_output=True,
        text=True,
    )
    assert shown.returncode == 2 and "Traceback" not in shown.stderr
    assert "is being imported right now" in shown.stderr  # by this process, which still runs
    store.finish_imports([case_id])
    assert [s.reference for s in store.summaries()] == ["MED-T-001"]
    assert store.verify("MED-T-001")[0].ok


def test_an_export_that_finds_the_database_busy_writes_no_file(tmp_path, store):
    """The export and its audit event appear together or not at all (a concurrent export once
    wrote the .docx and then crashed on the lock, with no event)."""
    from mediate.services.export import export_agreement
    from mediate.services.files import ExportError
    from mediate.store.connection import StoreError
    from tests.settlement_helpers import signed_settlement

    signed_settlement(store)
    out = tmp_path / "out"
    out.mkdir()
    events = len(store.audit_events(store.case_id("MED-2026-001")))
    store.wait_for_lock(0.3)
    locker = hold_write_lock(store.path, 2)
    try:
        try:
            export_agreement(store, "MED-2026-001", out=f"{out}/")
        except (ExportError, StoreError) as error:
            assert "busy" in str(error), error
        else:
            raise AssertionError("the export went through while the database was locked")
        assert list(out.iterdir()) == []
    finally:
        locker.wait()
    assert len(store.audit_events(store.case_id("MED-2026-001"))) == events
    exported = export_agreement(store, "MED-2026-001", out=f"{out}/")
    assert [p.name for p in out.iterdir()] == [exported.path.name]
