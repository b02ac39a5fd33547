"""The mediator's side of ``mediate serve`` on the session screen: ``h`` puts the highlighted
evidence on the parties' screen and takes it off, ``l`` lists the links and cuts one, and a line
says who is connected."""

from __future__ import annotations

from textual.widgets import DataTable

from mediate.services.joint import issue_links
from mediate.tui.app import MediateApp
from mediate.tui.screens.session import SessionScreen
from mediate.tui.widgets.shared_screen import LinksScreen, SharedScreenStatus
from tests.test_joint_app import plain

SIZE = (120, 40)


async def open_session(pilot) -> SessionScreen:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SessionScreen)
    return pilot.app.screen


async def test_h_shows_the_highlighted_line_and_takes_it_off(db_path, store, case_id):
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        status = session.query_one(SharedScreenStatus)
        assert not status.display  # no link, nothing shown: the line takes no room
        session.query_one("#invoice-lines").focus()
        await pilot.press("down", "h")
        await pilot.pause()
        line = store.invoices(case_id)[0].lines[1]
        shown = store.pointer(case_id)
        assert shown is not None and (shown.kind, shown.target_id) == ("line", line.id)
        assert status.display and "invoice line INV-2026-017:2" in plain(status)
        session.query_one("#evidence").active = "tab-contract"
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert store.pointer(case_id).kind == "clause"
        await pilot.press("h")  # the same clause again: taken off
        await pilot.pause()
        assert store.pointer(case_id) is None


async def test_h_is_refused_in_a_caucus(db_path, store, case_id):
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        session.query_one("#invoice-lines").focus()
        await pilot.press("1", "h")
        await pilot.pause()
        assert store.pointer(case_id) is None
        assert any("Not in a caucus" in n.message for n in app._notifications)


async def test_the_links_show_who_is_connected_and_one_is_cut(db_path, store, case_id):
    _provider, client = issue_links(store, case_id, hours=1)
    store.joint_link_connected(case_id, client.number)
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        status = plain(session.query_one(SharedScreenStatus))
        assert "● client connected" in status and "○ provider not connected" in status
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        assert [str(c) for c in table.get_row_at(0)][:4] == ["2", "client", "live", "yes"]
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert [k.state(store.clock()) for k in store.joint_links(case_id)] == ["live", "revoked"]
        await pilot.press("escape")
        await pilot.pause(1.2)
        assert app.screen is session
        assert "client" not in plain(session.query_one(SharedScreenStatus))
