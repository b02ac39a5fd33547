"""The footer: every key the screen offers, wrapped onto a second line when the width needs it.

Textual's Footer is one widget per key, recomposed on every focus change and scrolled sideways
when the keys do not fit. This one is a single widget that draws the keys as text: it costs one
style pass however many keys a screen has, redraws only when what it shows has changed, and at
100 columns shows all of the session's keys on two lines instead of hiding half of them.
A key that cannot apply now is shown dimmed; on a short terminal (under ``SHORT`` rows) it is
left out, so the screen's own rows are not spent on keys that do nothing now (F1 lists every
key). Clicking a key presses it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

GAP = 2  # columns between two keys
SHORT = 28  # rows: below this, keys that cannot apply now are left out
DIM = Style(dim=True)


@dataclass(frozen=True)
class FooterKey:
    key: str  # the key as Textual names it, pressed when it is clicked
    label: str  # how the key is shown ("^p", "f1", "[")
    enabled: bool


@dataclass(frozen=True)
class FooterItem:
    """One entry of the footer: a key and what it does, or a group's keys and the group's name."""

    keys: tuple[FooterKey, ...]
    description: str

    @property
    def width(self) -> int:
        return sum(cell_len(k.label) + 1 for k in self.keys) + cell_len(self.description)

    @property
    def enabled(self) -> bool:
        return any(k.enabled for k in self.keys)

    def key_at(self, offset: int) -> FooterKey:
        """The key under column ``offset`` of the item (the description presses the first key)."""
        for key in self.keys:
            if offset < cell_len(key.label):
                return key
            offset -= cell_len(key.label) + 1
        return self.keys[0]


def arrange(items: list[FooterItem], width: int) -> list[list[tuple[int, FooterItem]]]:
    """Items in lines no wider than ``width`` (one item per line at worst), each with its column."""
    lines: list[list[tuple[int, FooterItem]]] = []
    x = 0
    for item in items:
        start = x + GAP if x else 1
        if not lines or (x and start + item.width > width):
            lines.append([])
            start = 1
        lines[-1].append((start, item))
        x = start + item.width
    return lines


class KeyFooter(Widget, can_focus=False):
    """The screen's visible bindings as ``key description`` pairs, docked at the bottom."""

    COMPONENT_CLASSES = {"key-footer--key", "key-footer--description"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyFooter > .key-footer--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    KeyFooter > .key-footer--description {
        color: $footer-description-foreground;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.items: list[FooterItem] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def current_items(self) -> list[FooterItem]:
        """The screen's bindings shown in a footer, the first key of each action, palette last.

        Consecutive bindings of one ``Binding.Group`` share an entry: "[ ] Tabs".
        """
        items: list[FooterItem] = []
        actions: set[str] = set()
        palette = None
        last_group = None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            key = FooterKey(binding.key, self.app.get_key_display(binding), enabled)
            if binding.key == self.app.COMMAND_PALETTE_BINDING:
                palette = FooterItem((key,), binding.description)
            elif binding.show and binding.action not in actions:
                actions.add(binding.action)
                if binding.group is not None and binding.group == last_group:
                    items[-1] = FooterItem((*items[-1].keys, key), items[-1].description)
                else:
                    description = binding.group.description if binding.group else None
                    items.append(FooterItem((key,), description or binding.description))
                last_group = binding.group
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            items.append(palette)
        return items

    def shown_items(self) -> list[FooterItem]:
        """The items drawn: all of them, or on a short terminal those that apply now."""
        if self.app.size.height >= SHORT:
            return self.items
        return [item for item in self.items if item.enabled]

    def bindings_changed(self, screen) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        items = self.current_items()
        if items != self.items:
            self.items = items
            self.fit_height()
            self.refresh()

    def on_resize(self) -> None:
        self.fit_height()

    def fit_height(self) -> None:
        """As many lines as the keys need at this width.

        Before its first layout the footer has no size yet; docked at the bottom it will span the
        screen, so that width gives the right height at once instead of a second layout later.
        """
        width = self.content_size.width or self.app.size.width - self.styles.gutter.width
        if width > 0:
            self.styles.height = max(len(arrange(self.shown_items(), width)), 1)

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-footer--key", partial=True)
        description_style = self.get_component_rich_style("key-footer--description", partial=True)
        text = Text(no_wrap=True, overflow="crop", end="")
        for number, line in enumerate(arrange(self.shown_items(), self.content_size.width)):
            if number:
                text.append("\n")
            x = 0
            for start, item in line:
                text.append(" " * (start - x))
                for key in item.keys:
                    text.append(key.label, style=key_style + (Style() if key.enabled else DIM))
                    text.append(" ")
                text.append(
                    item.description, style=description_style + (Style() if item.enabled else DIM)
                )
                x = start + item.width
        return text

    def key_at(self, x: int, y: int) -> FooterKey | None:
        lines = arrange(self.shown_items(), self.content_size.width)
        if not 0 <= y < len(lines):
            return None
        return next(
            (item.key_at(x - start) for start, item in lines[y] if start <= x < start + item.width),
            None,
        )

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self.key_at(event.x, event.y)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
