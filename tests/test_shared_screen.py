"""The mediator's side of ``mediate serve`` on the session screen: ``h`` puts the highlighted
evidence on the parties' screen and takes it off, ``l`` lists the links and cuts one, and a line
says who is connected."""

from __future__ import annotations

from textual.widgets import DataTable

from mediate.services.joint import end_earlier_links, issue_links
from mediate.tui.app import MediateApp
from mediate.tui.widgets.shared_screen import LinksScreen, SharedScreenStatus
from tests.screen_text import screen_text
from tests.test_joint_app import plain
from tests.test_session_screen import open_session

SIZE = (120, 40)


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


async def test_the_highlight_stays_on_its_link_when_new_links_arrive(db_path, store, case_id):
    """A new `mediate serve` issues links while the list is open: they come in at the top, and
    x still cuts the link the mediator highlighted, not the one now in its row."""
    issue_links(store, case_id, hours=1)  # links 1 (provider) and 2 (client)
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_session(pilot)
        await pilot.press("l")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        await pilot.press("down")  # link 1, the provider's
        await pilot.pause()
        assert str(table.get_row_at(table.cursor_row)[0]) == "1"
        end_earlier_links(store, case_id)
        issue_links(store, case_id, hours=1)  # links 3 and 4, listed first
        await pilot.pause(1.3)  # the list reads the record again
        assert table.row_count == 4
        assert str(table.get_row_at(table.cursor_row)[0]) == "1"
        await pilot.press("up", "up")  # to link 3, the new provider link
        await pilot.pause()
        assert str(table.get_row_at(table.cursor_row)[0]) == "3"
        await pilot.press("x")
        await pilot.pause()
        assert "Cut link 3, the provider's?" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
    states = {k.number: k.state(store.clock()) for k in store.joint_links(case_id)}
    assert states == {1: "ended", 2: "ended", 3: "revoked", 4: "live"}
