"""Keys are described once: F1 and the command palette read the screen's active bindings (its
own, its focused widget's and the app's), so they list every key the footer can show."""

from __future__ import annotations

import re

from textual.command import CommandPalette

from mediate.tui.app import MediateApp
from mediate.tui.commands import MediateCommands
from mediate.tui.keys import described_keys, palette_actions
from mediate.tui.screens.help import HelpScreen
from mediate.tui.screens.session import SessionScreen
from mediate.tui.widgets.key_footer import KeyFooter
from tests.screen_text import screen_text

SIZE = (120, 40)


async def open_worklog(pilot) -> SessionScreen:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    session = pilot.app.screen
    assert isinstance(session, SessionScreen)
    session.query_one("#evidence").active = "tab-worklog"
    await pilot.pause()
    session.query_one("#worklog-table").focus()
    await pilot.pause()
    return session


def footer_keys(screen) -> set[str]:
    return {key.key for item in screen.query_one(KeyFooter).items for key in item.keys}


async def test_f1_lists_every_footer_key_and_the_focused_widgets(db_path, store, case_id):
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        shown = footer_keys(home)
        assert "enter" in shown, "the focused case list's own key is in the footer"
        assert shown <= {k.key for k in described_keys(home)}
        session = await open_worklog(pilot)
        shown = footer_keys(session)
        described = {k.key for k in described_keys(session)}
        assert shown <= described, shown - described
        assert "asterisk" in described, "a key left out of the footer is still described"
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        await pilot.press("end")  # the list scrolls: its last keys are below the first screen
        await pilot.pause()
        text += screen_text(app)
        for key, words in (
            ("\\*", "All lines"),
            ("tab", "Focus Next"),
            ("shift\\+tab", "Focus Previous"),
            ("s", "Statement"),
            ("\\^q", "Quit"),
        ):
            # (the screenshot's text leaves out blank cells, so columns may touch)
            assert re.search(rf"{key}\s*{words}", text), f"{key} {words} missing from help"
        assert "The contract, work log and mail of every invoice line" in text


async def test_the_palette_offers_what_the_screen_can_do_now(db_path, store, case_id):
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_worklog(pilot)
        offered = {(k.description, k.key) for k in palette_actions(session)}
        assert ("Statement", "s") in offered
        assert not any(k == "a" for _, k in offered), "no proposal is open: accept is not offered"
        assert not any(d == "All lines" for d, _ in offered), "no line is chosen"
        session.show_line(store.invoices(case_id)[0].lines[0].id)
        await pilot.pause()
        assert ("All lines", "asterisk") in {
            (k.description, k.key) for k in palette_actions(session)
        }
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await pilot.press(*"all lines")
        await pilot.pause(0.5)
        assert re.search(r"All\s*lines\s*\(\*\)", screen_text(app))
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is session
        assert session.query_one("#worklog-evidence").line_id is None


async def test_a_palette_command_runs_on_the_widget_that_owns_the_key(db_path, store, case_id):
    """The case list's own "Open" (Enter), run from the palette, opens the highlighted case."""
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        provider = MediateCommands(app.screen)
        hits = [hit async for hit in provider.search("open")]
        assert hits and "Open" in str(hits[0].text)
        await hits[0].command()
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
