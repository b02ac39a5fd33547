"""A note: joint, or private to the caucus in progress."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label

from mediate.domain.errors import DomainError
from mediate.domain.model import Visibility
from mediate.tui.screens.form_base import FormScreen

LABELS = {
    Visibility.JOINT: "Joint note (both parties may see it)",
    Visibility.CAUCUS_PROVIDER: "Caucus note: provider only",
    Visibility.CAUCUS_CLIENT: "Caucus note: client only",
}


class NoteForm(FormScreen[str | None]):
    def __init__(self, visibility: Visibility) -> None:
        super().__init__()
        self.visibility = visibility

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Label(LABELS[self.visibility], classes="form-title")
            yield Input(placeholder="The note", id="note")
            yield self.error_line()
            yield Label("Enter or Ctrl+S saves · Escape cancels", classes="form-help")

    def collect(self) -> str:
        text = self.query_one("#note", Input).value.strip()
        if not text:
            raise DomainError("The note is empty.")
        return text
