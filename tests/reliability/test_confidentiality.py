"""Caucus material never leaves the caucus: not on the joint-view screen, not in the exported
agreement, not in ``mediate show`` or the prevention report, not in a search made in joint view.

Each check first shows that the marker is really in the record (so a search or screen that finds
nothing at all cannot pass by accident), then that it does not reach the place under test.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from click.testing import CliRunner
from textual.widgets import DataTable, Input, Static

from mediate.cli import main
from mediate.documents.settlement_docx import agreement_docx
from mediate.domain.model import PartyRole, Visibility
from mediate.domain.visibility import View
from mediate.store.search import search
from mediate.tui.app import MediateApp
from mediate.tui.screens.archive import ArchiveScreen
from mediate.tui.screens.session import SessionScreen
from tests.screen_text import screen_text
from tests.settlement_helpers import CAUCUS_MARKER, signed_settlement

CLIENT_TOKEN = "9f3a"  # from CAUCUS_MARKER, caucus with the client
PROVIDER_MARKER = "PROVIDER-CAUCUS-7c1e would settle at 2500 [bold]"
PROVIDER_TOKEN = "7c1e"
TOKENS = (CLIENT_TOKEN, PROVIDER_TOKEN, "bottom line 3000", "settle at 2500")
SIZE = (140, 45)


def leaks(text: str) -> list[str]:
    return [token for token in TOKENS if token in text]


@pytest.fixture
def settled(store):
    """A signed-off case whose session had a caucus note (CAUCUS_MARKER)."""
    settlement_id = signed_settlement(store)
    return store.case_id("MED-2026-001"), settlement_id


@pytest.fixture
def in_session(store, case_id):
    store.record_statement(case_id, PartyRole.CLIENT, "The design hours were capped.")
    store.add_note(case_id, Visibility.CAUCUS_CLIENT, CAUCUS_MARKER)
    store.add_note(case_id, Visibility.CAUCUS_PROVIDER, PROVIDER_MARKER)
    store.add_note(case_id, Visibility.JOINT, "Joint note: both want this settled by May.")
    return case_id


def everything_on_screen(app) -> str:
    """The screenshot's text and raw SVG, and the render of every Static and DataTable cell."""
    screen = app.screen
    parts = [screen_text(app), app.export_screenshot()]
    parts += [str(widget.render()) for widget in screen.query(Static)]
    for table in screen.query(DataTable):
        for row in range(table.row_count):
            parts += [str(cell) for cell in table.get_row_at(row)]
    return "\n".join(parts)


async def test_joint_view_shows_no_caucus_note_on_any_tab(db_path, store, in_session):
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        session = app.screen
        assert isinstance(session, SessionScreen)
        tabs = session.query_one("#evidence")
        # In caucus with the client, the client's caucus note is there (and only that one).
        await pilot.press("2")
        tabs.active = "tab-notes"
        await pilot.pause()
        shown = everything_on_screen(app)
        assert CLIENT_TOKEN in shown and PROVIDER_TOKEN not in shown

        await pilot.press("0", "j")
        await pilot.pause()
        assert session.joint_view
        for tab in ("tab-notes", "tab-statements", "tab-proposals", "tab-invoice", "tab-mail"):
            tabs.active = tab
            await pilot.pause()
            assert leaks(everything_on_screen(app)) == [], tab
        tabs.active = "tab-notes"
        await pilot.pause()
        notes = str(session.query_one("#notes", Static).render())
        assert "both want this settled" in notes  # the joint note is still shown
        # A caucus key pressed in joint view is refused: the view stays joint.
        await pilot.press("2")
        await pilot.pause()
        assert session.joint_view and leaks(everything_on_screen(app)) == []


async def test_archive_search_in_joint_view_finds_no_caucus_note(db_path, store, in_session):
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArchiveScreen)
        screen.query_one("#search", Input).value = CLIENT_TOKEN
        await pilot.pause()
        assert screen.query_one("#archive-table", DataTable).row_count == 1  # outside joint view
        screen.query_one("#archive-table").focus()
        await pilot.press("j")
        for token in (CLIENT_TOKEN, PROVIDER_TOKEN, "bottom line", "would settle"):
            screen.query_one("#search", Input).value = token
            await pilot.pause()
            assert screen.query_one("#archive-table", DataTable).row_count == 0, token
            # The search box and the status line echo what was typed: that is no leak.
            assert leaks(everything_on_screen(app).replace(token, "")) == [], token


def test_store_search_in_joint_view(store, in_session):
    for token in (CLIENT_TOKEN, PROVIDER_TOKEN, "bottom line", "would settle"):
        assert [h.kind for h in search(store, token, view=View.MEDIATOR)] == ["note"], token
        assert search(store, token, view=View.JOINT) == [], token
        assert search(store, token[:-1], view=View.JOINT, prefix=True) == [], token
    # Words the caucus notes share with joint material find only the joint material.
    hits = search(store, "settled", view=View.JOINT)
    assert hits and all(h.kind != "note" or "May" in h.snippet for h in hits)
    assert all(not leaks(h.snippet) for h in search(store, "the", view=View.JOINT, limit=500))


def docx_parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {n: package.read(n).decode("utf-8", "replace") for n in package.namelist()}


def test_agreement_docx_holds_no_caucus_note(store, settled, tmp_path, db_path):
    case_id, settlement_id = settled
    assert any(CLIENT_TOKEN in n.text for n in store.notes(case_id, View.MEDIATOR))
    for language in ("en", "nl"):
        parts = docx_parts(agreement_docx(store.settlement_record(settlement_id), language))
        assert len(parts) > 5
        for name, xml in parts.items():
            assert leaks(xml) == [], (language, name)
    result = CliRunner().invoke(
        main, ["export", "MED-2026-001", "--db", str(db_path), "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    (exported,) = tmp_path.glob("*.docx")
    for name, xml in docx_parts(exported.read_bytes()).items():
        assert leaks(xml) == [], name


def test_command_line_output_holds_no_caucus_note(store, settled, db_path):
    runner = CliRunner()
    for args in (
        ["show", "MED-2026-001"],
        ["list"],
        ["report"],
        ["report", "--prevention", "MED-2026-001"],
        ["verify"],
    ):
        result = runner.invoke(main, [*args, "--db", str(db_path)])
        assert result.exit_code == 0, (args, result.output)
        assert leaks(result.output) == [], args
