"""F1: every key of the screen underneath (its own, its focused widget's, the app's), with what
it does: the same bindings the footer shows, and the keys that move focus."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from mediate.tui.keys import described_keys


def key_table(screen: Screen) -> Table:
    table = Table(box=None, show_header=True, header_style="bold")
    table.add_column("Key", no_wrap=True)
    table.add_column("Action", no_wrap=True)
    table.add_column("What it does")
    for key in described_keys(screen):
        style = "" if key.enabled else "dim"
        note = key.tooltip if key.enabled else f"{key.tooltip} (not now)".strip()
        table.add_row(
            Text(key.display, style=style),
            Text(key.description, style=style),
            Text(note, style=style),
        )
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1,q", "dismiss", "Close", id="help.close", tooltip="Close this help")
    ]

    def __init__(self, under: Screen, title: str) -> None:
        super().__init__()
        self.under, self.title_text = under, title

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form wide"):
            yield Label(f"Keys: {self.title_text}", classes="form-title")
            yield Static(key_table(self.under))
            yield Label(
                "Ctrl+P opens the command palette with every action by name. "
                "Escape closes this help.",
                classes="form-help",
            )
