"""The footer: every key of the screen shown, wrapped when narrow, dimmed when it cannot apply."""

from mediate.tui.app import MediateApp
from mediate.tui.screens.session import SessionScreen
from mediate.tui.widgets.key_footer import FooterItem, FooterKey, KeyFooter, arrange


def item(label: str, description: str) -> FooterItem:
    return FooterItem((FooterKey(label, label, True),), description)


def test_arrange_wraps_whole_items_and_never_drops_one():
    items = [item("a", "Alpha"), item("b", "Bravo"), item("c", "Charlie")]
    assert [[x for x, _ in line] for line in arrange(items, 100)] == [[1, 10, 19]]
    lines = arrange(items, 18)
    assert [[i.description for _, i in line] for line in lines] == [["Alpha", "Bravo"], ["Charlie"]]
    # Narrower than one item: one item per line, cut by the screen, not lost.
    assert sum(len(line) for line in arrange(items, 3)) == 3


def test_a_group_is_one_item_and_a_click_finds_its_key():
    group = FooterItem((FooterKey("1", "1", True), FooterKey("2", "2", False)), "Caucus")
    assert group.width == len("1 2 Caucus")
    assert group.key_at(0).key == "1" and group.key_at(2).key == "2"
    assert group.key_at(5).key == "1"  # the description presses the first key


async def open_first_case(pilot) -> SessionScreen:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SessionScreen)
    return pilot.app.screen


async def test_session_footer_shows_every_key_at_100_columns(db_path, store, case_id):
    app = MediateApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        session = await open_first_case(pilot)
        footer = session.query_one(KeyFooter)
        assert footer.size.height == len(arrange(footer.items, 100)) >= 2
        shown = footer.render().plain
        assert len(shown.splitlines()) == footer.size.height
        assert all(len(line) <= 100 for line in shown.splitlines())
        for text in ("esc Cases", "s Statement", "1 2 Caucus", "0 End caucus", "[ ] Tabs"):
            assert text in shown
        assert "v Settlement" in shown and "^p palette" in shown
        # No proposal is open: accept cannot apply now and is dimmed, not hidden.
        accept = next(i for i in footer.items if i.description == "Accept")
        assert not accept.enabled
        caucus = next(i for i in footer.items if i.description == "Caucus")
        assert [k.enabled for k in caucus.keys] == [True, True]
        await pilot.press("1")
        await pilot.pause()
        caucus = next(i for i in footer.items if i.description == "Caucus")
        assert [k.enabled for k in caucus.keys] == [False, True]  # on to the client's, not again


async def test_clicking_a_footer_key_presses_it(db_path, store, case_id):
    app = MediateApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        session = await open_first_case(pilot)
        footer = session.query_one(KeyFooter)
        line = arrange(footer.items, footer.content_size.width)
        y, x = next(
            (y, x)
            for y, entries in enumerate(line)
            for x, entry in entries
            if entry.description == "Caucus"
        )
        await pilot.click(KeyFooter, offset=(x + 2, y))  # the "2" of "1 2 Caucus"
        await pilot.pause()
        assert session.caucus is not None and session.caucus.value == "client"
