"""Active listening: the mediator's restatement, then the party confirms or corrects it."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

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
            yield Input(
                value=self.statement.restatement or OPENING, id="restatement", select_on_focus=False
            )
            yield Input(placeholder="The party's correction, if they correct you", id="correction")
            yield self.error_line()
            with Horizontal(classes="form-buttons"):
                yield Button("Party confirms (Ctrl+Y)", id="confirm", variant="success")
                yield Button("Save (Ctrl+S)", id="save", variant="primary")
            yield Label("Escape cancels", classes="form-help")

    def _text(self) -> str:
        text = self.query_one("#restatement", Input).value.strip()
        if not text or text == OPENING.strip():
            raise DomainError("Type the restatement after “What I hear is”.")
        return text

    def collect(self) -> Restatement:
        return Restatement(self._text(), False, self.query_one("#correction", Input).value.strip())

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
