"""What every small form shares: a title, an error line, Escape to cancel, Ctrl+S to save."""

from __future__ import annotations

from typing import TypeVar

from rich.text import Text
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

from mediate.domain.errors import DomainError

T = TypeVar("T")


class FormScreen(ModalScreen[T]):
    """A modal form. Subclasses build the fields and implement ``collect`` (raise DomainError)."""

    BINDINGS = [
        Binding(
            "escape", "cancel", "Cancel", id="form.cancel", tooltip="Close the form without saving"
        ),
        Binding("ctrl+s", "submit", "Save", id="form.save", tooltip="Save what the form holds"),
    ]

    def error_line(self) -> Static:
        return Static("", classes="form-error", id="form-error")

    def show_error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(Text(message))

    def collect(self) -> T:
        raise NotImplementedError

    def action_submit(self) -> None:
        try:
            result = self.collect()
        except DomainError as error:
            self.show_error(str(error))
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)

    SUBMIT_ON_ENTER = True  # False: Enter moves to the next field, Ctrl+S saves

    def on_input_submitted(self) -> None:
        if self.SUBMIT_ON_ENTER:
            self.action_submit()
        else:
            self.focus_next()
