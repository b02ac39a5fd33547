"""A note: joint, or private to the caucus in progress; of any length, pasted with its line
breaks. The same form corrects a note already taken (a new version of it)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, TextArea

from mediate.domain.errors import DomainError
from mediate.domain.model import Visibility
from mediate.tui.screens.form_base import FormScreen

LABELS = {
    Visibility.JOINT: "Joint note (both parties may see it)",
    Visibility.CAUCUS_PROVIDER: "Caucus note: provider only",
    Visibility.CAUCUS_CLIENT: "Caucus note: client only",
}


class NoteForm(FormScreen[str | None]):
    def __init__(self, visibility: Visibility, text: str = "", heading: str = "") -> None:
        super().__init__()
        self.visibility, self.initial, self.heading = visibility, text, heading

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Label(self.heading or LABELS[self.visibility], classes="form-title")
            yield TextArea(self.initial, id="note", soft_wrap=True, classes="long-text")
            yield self.error_line()
            yield Label(
                "Ctrl+S saves · Enter starts a new line · Escape cancels (asks first when "
                "something was typed)",
                classes="form-help",
            )

    def on_mount(self) -> None:
        self.query_one("#note", TextArea).focus()

    def collect(self) -> str:
        text = self.query_one("#note", TextArea).text.strip()
        if not text:
            raise DomainError("The note is empty.")
        return text
