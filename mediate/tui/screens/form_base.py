"""What every small form shares: a title, an error line, Escape to cancel, Ctrl+S to save.

A form given a ``save`` (``form.saving(save)``) stays open until the save succeeds: a refusal
(a rule of the record, a busy database) is shown under the fields, with everything typed still
there, so nothing typed is lost. Escape on a form whose fields were changed asks before it
discards them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from rich.text import Text
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static, TextArea

from mediate.domain.errors import DomainError
from mediate.store.connection import StoreError

T = TypeVar("T")


class FormScreen(ModalScreen[T]):
    """A modal form. Subclasses build the fields and implement ``collect`` (raise DomainError)."""

    BINDINGS = [
        Binding(
            "escape", "cancel", "Cancel", id="form.cancel", tooltip="Close the form without saving"
        ),
        Binding("ctrl+s", "submit", "Save", id="form.save", tooltip="Save what the form holds"),
    ]

    save: Callable[[Any], object] | None = None
    typed: dict[str, object] | None = None  # each field's value when the form opened

    def on_mount(self) -> None:
        # Once the subclasses' own mounting has set their fields.
        self.call_after_refresh(self._remember_fields)

    def _remember_fields(self) -> None:
        self.typed = self.fields()

    def fields(self) -> dict[str, object]:
        """What each field holds now: the text of a text field, the choice of a list."""
        values: dict[str, object] = {}
        for number, field in enumerate(self.query("Input, TextArea, Select")):
            key = field.id or str(number)
            if isinstance(field, TextArea):
                values[key] = field.text
            elif isinstance(field, Input | Select):
                values[key] = field.value
        return values

    def changed(self) -> bool:
        return self.typed is not None and self.fields() != self.typed

    def saving(self, save: Callable[[T], object]) -> FormScreen[T]:
        """This form, which saves through ``save`` before it closes."""
        self.save = save
        return self

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
        self.finish(result)

    def finish(self, result: T) -> None:
        """Save ``result`` (when the form was given a ``save``) and close with it; a refusal keeps
        the form open with the reason under the fields."""
        try:
            if self.save is not None:
                self.save(result)
        except (DomainError, StoreError) as error:
            self.show_error(str(error))
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        """Close without saving; when something was typed or chosen, ask first."""
        if not self.changed():
            self.dismiss(None)
            return
        from mediate.tui.screens.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(
                "Discard what you typed?",
                "Nothing of this form is saved yet. n (or Escape) goes back to it; "
                "Ctrl+S there saves it.",
            ),
            answered,
        )

    SUBMIT_ON_ENTER = True  # False: Enter moves to the next field, Ctrl+S saves

    def on_input_submitted(self) -> None:
        if self.SUBMIT_ON_ENTER:
            self.action_submit()
        else:
            self.focus_next()
