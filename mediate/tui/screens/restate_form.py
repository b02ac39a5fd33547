"""Active listening: the mediator's restatement, then the party confirms or corrects it."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static, TextArea

from mediate.domain.errors import DomainError
from mediate.domain.model import Statement
from mediate.tui.screens.form_base import FormScreen

OPENING = "What I hear is "


@dataclass
class Restatement:
    text: str
    confirmed: bool
    correction: str


class RestateForm(FormScreen[Restatement | None]):
    """Type the restatement; then Ctrl+Y (party confirms), or type their correction, or Ctrl+S."""

    BINDINGS = [
        Binding(
            "ctrl+y",
            "confirmed",
            "Party confirms",
            id="restate.confirm",
            tooltip="The party confirms the restatement",
            priority=True,  # before a text field's own Ctrl+Y (redo)
        )
    ]

    def __init__(self, statement: Statement) -> None:
        super().__init__()
        self.statement = statement

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Label(
                f"Restate the {self.statement.party.value}'s statement", classes="form-title"
            )
            yield Static(Text(self.statement.text), classes="quote")
            yield TextArea(
                self.statement.restatement or OPENING,
                id="restatement",
                soft_wrap=True,
                classes="long-text",
            )
            yield Label("The party's correction, if they correct you:", classes="field-label")
            yield TextArea(id="correction", soft_wrap=True, classes="long-text short")
            yield self.error_line()
            with Horizontal(classes="form-buttons"):
                yield Button("Party confirms (Ctrl+Y)", id="confirm", variant="success")
                yield Button("Save (Ctrl+S)", id="save", variant="primary")
            yield Label(
                "Enter starts a new line · Escape cancels (asks first when something was typed)",
                classes="form-help",
            )

    def on_mount(self) -> None:
        field = self.query_one("#restatement", TextArea)
        field.focus()
        field.move_cursor(field.document.end)  # typing goes on after “What I hear is”

    def _text(self) -> str:
        text = self.query_one("#restatement", TextArea).text.strip()
        if not text or text == OPENING.strip():
            raise DomainError("Type the restatement after “What I hear is”.")
        return text

    def collect(self) -> Restatement:
        correction = self.query_one("#correction", TextArea).text.strip()
        return Restatement(self._text(), False, correction)

    def action_confirmed(self) -> None:
        try:
            result = Restatement(self._text(), True, "")
        except DomainError as error:
            self.show_error(str(error))
            return
        self.finish(result)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "confirm":
            self.action_confirmed()
        else:
            self.action_submit()
