"""F1: every key of the screen underneath, with what it does."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static


def key_table(screen: Screen) -> Table:
    table = Table(box=None, show_header=True, header_style="bold")
    table.add_column("Key")
    table.add_column("Action")
    seen = set()
    for node in (screen, screen.app):
        for binding in node.BINDINGS:
            if not isinstance(binding, Binding) or not binding.description or binding.key in seen:
                continue
            seen.add(binding.key)
            table.add_row(Text(screen.app.get_key_display(binding)), Text(binding.description))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close", id="help.close")]

    def __init__(self, under: Screen, title: str) -> None:
        super().__init__()
        self.under, self.title_text = under, title

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form wide"):
            yield Label(f"Keys: {self.title_text}", classes="form-title")
            yield Static(key_table(self.under))
            yield Label(
                "Ctrl+P opens the command palette with every action by name "
                '("proposal: new", "caucus: client"). Escape closes this help.',
                classes="form-help",
            )
