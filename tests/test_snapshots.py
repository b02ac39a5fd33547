"""Snapshots of the home and session screens at 120x40 (pytest --snapshot-update to renew)."""

from datetime import UTC, datetime

import pytest

from mediate.domain.model import PartyRole
from mediate.tui.app import MediateApp
from tests.builders import bundle

FIXED = datetime(2026, 4, 14, 10, 5, tzinfo=UTC)


@pytest.fixture
def snapshot_db(db_path, store):
    case_id = store.import_bundle(bundle(), at=FIXED)
    other = bundle("MED-2026-002")
    other.case.title = "[bold]Not markup[/bold] 🍞 café"
    store.import_bundle(other, at=FIXED)
    sid = store.record_statement(
        case_id, PartyRole.CLIENT, "We never agreed to 30 hours of design.", at=FIXED
    )
    store.restate(sid, "What I hear is that design was capped at 10 hours.", at=FIXED)
    store.confirm_statement(sid, at=FIXED)
    return db_path


def app_for(db_path) -> MediateApp:
    app = MediateApp(db_path)
    app.show_path = False
    return app


def test_home_screen(snap_compare, snapshot_db):
    assert snap_compare(app_for(snapshot_db), terminal_size=(120, 40))


def test_session_screen(snap_compare, snapshot_db):
    async def open_case(pilot):
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        pilot.app.screen.action_timer()  # paused at 00:00:00 so the clock cannot move
        pilot.app.screen.elapsed = 0
        pilot.app.screen.show_header()
        await pilot.pause()

    assert snap_compare(app_for(snapshot_db), terminal_size=(120, 40), run_before=open_case)
