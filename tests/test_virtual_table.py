"""The virtual table on its own: a flexible column fills the width, and the virtual size that
drives scrolling depends on the rows and the narrowest columns only, never on the width."""

from textual.app import App, ComposeResult
from textual.geometry import Size

from mediate.tui.widgets.virtual_table import Column, RowSource, VirtualTable

COLUMNS = [Column("When", 10), Column("What", 20, flex=True), Column("Hours", 6, right=True)]
ROWS = [(f"2026-03-{day:02d}", f"Task {day}", "1.50") for day in range(1, 29)]


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield VirtualTable(COLUMNS, id="table")

    def on_mount(self) -> None:
        self.query_one(VirtualTable).set_source(
            RowSource(lambda: len(ROWS), lambda offset, limit: ROWS[offset : offset + limit])
        )


async def test_flexible_column_fills_the_width_without_changing_the_virtual_size():
    app = TableApp()
    async with app.run_test(size=(80, 12)) as pilot:
        await pilot.pause()
        table = app.query_one(VirtualTable)
        narrowest = sum(c.width + 1 for c in COLUMNS)
        assert table.virtual_size == Size(narrowest, len(ROWS) + 1)
        header = table.render_line(0).text
        assert header.rstrip().endswith("Hours") and len(header.rstrip()) > narrowest
        await pilot.resize_terminal(110, 12)
        await pilot.pause()
        assert table.virtual_size == Size(narrowest, len(ROWS) + 1)
        wider = table.render_line(0).text
        assert len(wider.rstrip()) > len(header.rstrip())  # the flexible column took the room
        assert not table.show_horizontal_scrollbar


async def test_a_table_narrower_than_its_columns_scrolls_sideways():
    app = TableApp()
    async with app.run_test(size=(30, 12)) as pilot:
        await pilot.pause()
        table = app.query_one(VirtualTable)
        assert table.show_horizontal_scrollbar
        assert table.max_scroll_x > 0


async def test_scrollbars_follow_a_change_of_rows_and_of_columns():
    app = TableApp()
    async with app.run_test(size=(80, 12)) as pilot:
        await pilot.pause()
        table = app.query_one(VirtualTable)
        few = ROWS[:3]
        table.set_source(RowSource(lambda: len(few), lambda o, n: few[o : o + n]))
        await pilot.pause()
        assert not table.show_vertical_scrollbar
        many = ROWS * 20
        table.set_source(RowSource(lambda: len(many), lambda o, n: many[o : o + n]))
        await pilot.pause()
        assert table.show_vertical_scrollbar and table.max_scroll_y > 0
        table.set_source(RowSource(lambda: len(few), lambda o, n: few[o : o + n]))
        await pilot.pause()
        assert not table.show_vertical_scrollbar
        table.columns = [*COLUMNS, Column("Notes", 60)]
        table.reload()
        await pilot.pause()
        assert table.show_horizontal_scrollbar and table.max_scroll_x > 0
