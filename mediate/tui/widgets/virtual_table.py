"""A table that renders only the rows on screen, fetching them a page at a time.

Textual's DataTable builds every row up front (seconds for 20,000 rows); this one asks its source
for the rows it is about to draw, so opening a case with a large work log costs one COUNT and one
page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from mediate.domain.safe_text import for_terminal, is_safe

PAGE = 200
PAGES_KEPT = 20  # pages of rows held at once
STYLED_KEPT = 2_000  # rows with styled cells held drawn at once


@dataclass(frozen=True)
class Column:
    """A column and how it gives way when the table is narrow.

    Columns are sized by priority: each starts at its narrowest (``least``, else ``width``: an
    amount never shrinks), then the most important widen to their ``width`` and a ``flex``
    column takes what is left. When even the narrowest do not fit, the column with the highest
    ``drop`` is left out first (0: never)."""

    title: str
    width: int
    right: bool = False
    flex: bool = False  # takes the width the other columns leave (never less than ``width``)
    least: int | None = None  # the narrowest it may become when room is short
    drop: int = 0  # left out when room is short: the highest first; 0: never
    hidden: bool = False  # left out at the current width (set by the table)

    @property
    def narrowest(self) -> int:
        return self.width if self.least is None else min(self.least, self.width)


def fit_columns(columns: Sequence[Column], width: int) -> list[Column]:
    """``columns`` at ``width`` cells (one cell between two columns), see ``Column``."""
    shown = list(range(len(columns)))

    def need(indexes: list[int]) -> int:
        return sum(columns[i].narrowest + 1 for i in indexes)

    while need(shown) > width and any(columns[i].drop for i in shown):
        shown.remove(max((i for i in shown if columns[i].drop), key=lambda i: columns[i].drop))
    widths = {i: columns[i].narrowest for i in shown}
    room = width - need(shown)
    # The columns that must stay (drop 0) widen first, then the others in the order they go last.
    for i in sorted(shown, key=lambda i: (columns[i].drop, i)):
        if columns[i].flex or room <= 0:
            continue
        grow = min(columns[i].width - widths[i], room)
        widths[i] += grow
        room -= grow
    flexible = [i for i in shown if columns[i].flex]
    for number, i in enumerate(flexible):
        share = room // (len(flexible) - number) if room > 0 else 0
        widths[i] += share
        room -= share
    return [
        replace(c, width=widths[i]) if i in widths else replace(c, hidden=True)
        for i, c in enumerate(columns)
    ]


class RowSource:
    """Rows for a VirtualTable: ``count`` and ``fetch(offset, limit)``.

    A row is a tuple of cells; a cell is a ``str`` or a ``rich.text.Text`` (kept with its styles,
    never parsed as markup). Cells beyond the columns are carried but not shown.
    """

    def __init__(
        self, count: Callable[[], int], fetch: Callable[[int, int], Sequence[tuple]]
    ) -> None:
        self.count, self.fetch = count, fetch


def _fit(text: str, width: int, right: bool) -> str:
    text = for_terminal(text)  # one line; controls shown as ⟨ESC⟩, never obeyed
    if len(text) > width:
        text = text[: max(width - 1, 0)] + "…"
    return text.rjust(width) if right else text.ljust(width)


def _fit_text(cell: Text, width: int, right: bool) -> Text:
    """A styled cell cut to ``width`` (with an ellipsis) and padded on the side away from its text."""
    if not is_safe(cell.plain) or "\t" in cell.plain:
        cell = Text(for_terminal(cell.plain), style=cell.style)
    else:
        cell = cell.copy()
    cell.truncate(width, overflow="ellipsis")
    cell.no_wrap, cell.end = True, ""
    padding = width - cell.cell_len
    if right:
        cell.pad_left(padding)
    else:
        cell.pad_right(padding)
    return cell


class VirtualTable(ScrollView, can_focus=True):
    """A read-only table with a row cursor over a lazily fetched row source."""

    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding(
            "enter", "select", "Open", id="virtual_table.select", tooltip="Open the highlighted row"
        ),
    ]
    COMPONENT_CLASSES = {"virtual-table--header", "virtual-table--cursor"}
    DEFAULT_CSS = """
    VirtualTable { height: 1fr; }
    VirtualTable > .virtual-table--header { text-style: bold; background: $panel; }
    VirtualTable > .virtual-table--cursor { background: $accent 40%; }
    VirtualTable:focus > .virtual-table--cursor { background: $accent; }
    """

    cursor = reactive(0, repaint=True)

    class RowMessage(Message):
        def __init__(self, table: VirtualTable, index: int, row: tuple | None) -> None:
            super().__init__()
            self.table, self.index, self.row = table, index, row

        @property
        def control(self) -> VirtualTable:
            return self.table

    class Highlighted(RowMessage):
        """The cursor moved to a row."""

    class Selected(RowMessage):
        """Enter or a double click on a row (only for a table made ``selectable``)."""

    def __init__(
        self,
        columns: Sequence[Column],
        source: RowSource | None = None,
        selectable: bool = False,
        page: int = PAGE,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.columns = list(columns)
        self.source = source
        self.selectable = selectable  # Enter and double click post Selected
        self.page = page  # rows fetched at a time
        self.row_count = 0
        self._shown_columns: tuple[int, list[Column]] = (-1, [])
        # Rows with styled cells, drawn once per width; pages of rows, fetched once.
        self._styled: LRUCache[int, Strip] = LRUCache(STYLED_KEPT)
        self._pages: LRUCache[int, Sequence[tuple]] = LRUCache(PAGES_KEPT)

    def on_mount(self) -> None:
        self.reload()

    def set_source(self, source: RowSource) -> None:
        self.source = source
        self.reload()

    def reload(self) -> None:
        """Drop the cached pages and count again (after a filter changed)."""
        self._pages.clear()
        self.row_count = self.source.count() if self.source else 0
        self._shown_columns = (-1, [])
        self._styled.clear()
        self._set_virtual_size()
        self.cursor = min(self.cursor, max(self.row_count - 1, 0))
        self.scroll_to(y=0, animate=False)
        self.refresh()
        self._announce()

    def _set_virtual_size(self) -> None:
        # The columns at their narrowest: a flexible column only widens into room that is there,
        # so the virtual size does not change with the table's width and a resize needs no
        # second layout of the screen.
        size = Size(sum(c.narrowest + 1 for c in self.columns if not c.drop), self.row_count + 1)
        if size != self.virtual_size:
            self.virtual_size = size
            self._scroll_update(size)  # see _size_updated: the scrollbars follow from here

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # ScrollView compares the virtual size a layout passes in with the table's own (set from
        # its rows and columns) and, finding them different after every layout, refreshes the
        # scrollbar a frame later. The table's own is the one that counts, so here only a change
        # of size updates the scrollbars; a change of rows or columns does in _set_virtual_size.
        return super()._size_updated(size, self.virtual_size, container_size, layout)

    def shown_columns(self) -> list[Column]:
        """The columns at the table's current width (see ``Column``); those left out are
        marked ``hidden``."""
        width = self.scrollable_content_region.width
        if self._shown_columns[0] != width:
            self._styled.clear()
            self._shown_columns = (width, fit_columns(self.columns, width))
        return self._shown_columns[1]

    def row(self, index: int) -> tuple | None:
        if not 0 <= index < self.row_count or self.source is None:
            return None
        page = index // self.page
        rows = self._pages.get(page)
        if rows is None:
            rows = self.source.fetch(page * self.page, self.page)
            self._pages.set(page, rows)
            self._widen(rows)
        offset = index - page * self.page
        return rows[offset] if offset < len(rows) else None

    def _widen(self, rows: Sequence[tuple]) -> None:
        """A column that never shrinks (an amount) widens to a longer cell than it was made for:
        what holds money is never cut."""
        widened = False
        columns = list(self.columns)  # a copy: the list given may be shared by other tables
        for index, column in enumerate(columns):
            if column.least is not None or column.flex:
                continue
            longest = max(
                (
                    cell.cell_len if isinstance(cell, Text) else len(str(cell))
                    for row in rows
                    if index < len(row)
                    for cell in (row[index],)
                ),
                default=0,
            )
            if longest > column.width:
                columns[index] = replace(column, width=longest)
                widened = True
        if widened:
            self.columns = columns
            self._shown_columns = (-1, [])
            self._styled.clear()
            self._set_virtual_size()
            self.refresh()

    def _text(self, cells: Sequence[str]) -> str:
        return " ".join(
            _fit(str(cell), col.width, col.right)
            for cell, col in zip(cells, self.shown_columns(), strict=False)
            if not col.hidden
        )

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        if y == 0:
            style = self.get_component_rich_style("virtual-table--header")
            text = self._text([c.title for c in self.shown_columns()])
        else:
            index = scroll_y + y - 1
            row = self.row(index)
            if row is None:
                return Strip.blank(width, self.rich_style)
            style = (
                self.get_component_rich_style("virtual-table--cursor")
                if index == self.cursor
                else self.rich_style
            )
            if any(isinstance(cell, Text) for cell in row):
                drawn = self._styled.get(index)
                if drawn is None:
                    drawn = self._styled_strip(row)
                    self._styled.set(index, drawn)
                strip = drawn.apply_style(style).crop(scroll_x, scroll_x + width)
                return strip.extend_cell_length(width, style or Style())
            text = self._text(row)
        strip = Strip([Segment(text, style)]).crop(scroll_x, scroll_x + width)
        return strip.extend_cell_length(width, style or Style())

    def _styled_strip(self, cells: Sequence[str | Text]) -> Strip:
        line = Text(no_wrap=True, end="")
        pairs = zip(cells, self.shown_columns(), strict=False)
        for number, (cell, col) in enumerate((c, col) for c, col in pairs if not col.hidden):
            if number:
                line.append(" ")
            piece = cell if isinstance(cell, Text) else Text(str(cell))
            line.append_text(_fit_text(piece, col.width, col.right))
        return Strip(line.render(self.app.console))

    def _visible_rows(self) -> int:
        return max(self.size.height - 1, 1)

    def _scroll_to_cursor(self) -> None:
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + self._visible_rows():
            self.scroll_to(y=self.cursor - self._visible_rows() + 1, animate=False)

    def move_to(self, index: int) -> None:
        if not self.row_count:
            return
        self.cursor = max(0, min(index, self.row_count - 1))
        self._scroll_to_cursor()
        self._announce()

    def _announce(self) -> None:
        self.post_message(self.Highlighted(self, self.cursor, self.row(self.cursor)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.selectable if action == "select" else True

    def action_select(self) -> None:
        if self.row_count:
            self.post_message(self.Selected(self, self.cursor, self.row(self.cursor)))

    def get_row_at(self, index: int) -> tuple:
        """The cells of row ``index`` (as DataTable names it)."""
        row = self.row(index)
        if row is None:
            raise IndexError(f"no row {index}")
        return row

    def action_cursor(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * self._visible_rows())

    def action_jump(self, where: int) -> None:
        self.move_to(self.row_count - 1 if where < 0 else 0)

    def on_click(self, event) -> None:
        index = self.scroll_offset.y + event.y - 1
        if event.y >= 1 and index < self.row_count:
            self.move_to(index)
            if event.chain == 2 and self.selectable:
                self.action_select()
