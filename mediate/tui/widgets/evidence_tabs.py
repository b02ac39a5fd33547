"""The session's evidence tabs: a bar of titles over panes that are built the first time they show.

Textual's TabbedContent makes five widgets per tab and builds every pane when the screen opens.
The session has seven tabs, most of them over large evidence (the whole work log, the mailbox),
so here the bar is one widget that draws its titles and each pane is built on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

GAP = 1  # columns between two titles


@dataclass(frozen=True)
class Tab:
    title: str
    id: str
    build: Callable[[], Iterable[Widget]]  # the pane's content, called once


class TabBar(Widget, can_focus=True):
    """The titles in one line, the active one underlined; click or ←/→ (when focused) to switch."""

    BINDINGS = [
        Binding("left", "step(-1)", "Previous tab", show=False),
        Binding("right", "step(1)", "Next tab", show=False),
    ]
    COMPONENT_CLASSES = {"tab-bar--active", "tab-bar--rule", "tab-bar--underline"}
    DEFAULT_CSS = """
    TabBar { height: 2; }
    TabBar > .tab-bar--active { text-style: bold; }
    TabBar:focus > .tab-bar--active { background: $block-cursor-background; color: $block-cursor-foreground; }
    TabBar > .tab-bar--rule { color: $panel-lighten-2; }
    TabBar > .tab-bar--underline { color: $accent; }
    """

    active = reactive("")

    @dataclass
    class Chosen(Message):
        tab_id: str

    def __init__(self, tabs: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(**kwargs)
        self.tabs = tabs  # (title, id)

    def spans(self) -> list[tuple[int, int, str]]:
        """(start, end, id) of each title, padded by a space on both sides."""
        spans, x = [], 0
        for title, tab_id in self.tabs:
            width = cell_len(title) + 2
            spans.append((x, x + width, tab_id))
            x += width + GAP
        return spans

    def render(self) -> Text:
        active = self.get_component_rich_style("tab-bar--active", partial=True)
        rule = self.get_component_rich_style("tab-bar--rule", partial=True)
        underline = self.get_component_rich_style("tab-bar--underline", partial=True)
        titles, below = Text(no_wrap=True, end=""), Text(no_wrap=True, end="")
        x = 0
        for (title, tab_id), (start, end, _) in zip(self.tabs, self.spans(), strict=True):
            titles.append(" " * (start - x))
            below.append("━" * (start - x), style=rule)
            chosen = tab_id == self.active
            titles.append(f" {title} ", style=active if chosen else "")
            below.append("━" * (end - start), style=underline if chosen else rule)
            x = end
        below.append("━" * max(self.size.width - x, 0), style=rule)
        return Text("\n", end="").join([titles, below])

    def on_click(self, event: events.Click) -> None:
        for start, end, tab_id in self.spans():
            if start <= event.x < end:
                self.post_message(self.Chosen(tab_id))

    def action_step(self, step: int) -> None:
        ids = [tab_id for _, tab_id in self.tabs]
        self.post_message(self.Chosen(ids[(ids.index(self.active) + step) % len(ids)]))


class EvidenceTabs(Vertical):
    """A TabBar over one pane per tab; setting ``active`` shows a tab, building it the first time."""

    DEFAULT_CSS = """
    EvidenceTabs { height: 1fr; }
    EvidenceTabs > .pane { height: 1fr; }
    """

    active = reactive("", init=False, repaint=False)  # the watcher shows the pane

    @dataclass
    class TabActivated(Message):
        """A tab is shown; ``built`` when its pane was built just now."""

        tabs: EvidenceTabs
        tab_id: str
        built: bool

    def __init__(self, tabs: list[Tab], **kwargs) -> None:
        super().__init__(**kwargs)
        self.tabs = {tab.id: tab for tab in tabs}
        self.built: set[str] = set()
        self.set_reactive(EvidenceTabs.active, tabs[0].id)

    @property
    def ids(self) -> list[str]:
        return list(self.tabs)

    def compose(self) -> ComposeResult:
        first = self.tabs[self.active]
        bar = TabBar([(tab.title, tab.id) for tab in self.tabs.values()])
        bar.active = first.id
        yield bar
        self.built.add(first.id)
        yield Vertical(*first.build(), id=first.id, classes="pane")

    def is_built(self, tab_id: str) -> bool:
        return tab_id in self.built

    def step(self, step: int) -> None:
        ids = self.ids
        self.active = ids[(ids.index(self.active) + step) % len(ids)]

    def on_tab_bar_chosen(self, message: TabBar.Chosen) -> None:
        message.stop()
        self.active = message.tab_id

    async def watch_active(self, tab_id: str) -> None:
        if tab_id not in self.tabs:
            raise ValueError(f"no tab {tab_id!r}")
        built_now = tab_id not in self.built
        # Hide the other panes before a new one mounts: laid out next to it, they would share
        # its height and keep that stale size until shown again, costing a second layout then.
        for pane in self.query_children(".pane"):
            pane.display = pane.id == tab_id
        if built_now:
            self.built.add(tab_id)
            await self.mount(
                Vertical(*self.tabs[tab_id].build(), id=tab_id, classes="pane"),
            )
        self.query_one(TabBar).active = tab_id
        self.post_message(self.TabActivated(self, tab_id, built_now))
