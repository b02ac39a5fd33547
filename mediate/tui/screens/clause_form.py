"""One clause choice typed in words (the IBAN, the contract's title and date, the place of
signing, other obligations): its label, what is stored now, and the field to change it.

Opened with ``.saving(save)``: a refusal (a check of what was typed, a rule of the record, a busy
database) stays in the form under the field, with the text as typed."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static, TextArea

from mediate.domain.clauses import Choice, typed_problem
from mediate.domain.errors import DomainError
from mediate.tui.screens.form_base import FormScreen

# Choices whose text may run over several lines (pasted with its line breaks).
LONG_TEXT = ("obligations",)


@dataclass
class ClauseText:
    key: str
    value: str


class ClauseForm(FormScreen[ClauseText | None]):
    def __init__(self, choice: Choice, value: str) -> None:
        super().__init__()
        self.choice, self.value = choice, value
        self.SUBMIT_ON_ENTER = choice.key not in LONG_TEXT

    def compose(self) -> ComposeResult:
        long = self.choice.key in LONG_TEXT
        with Vertical(classes="form wide"):
            yield Label(Text(self.choice.label), classes="form-title")
            if long:
                yield TextArea(self.value, id="clause-text", soft_wrap=True)
            else:
                yield Input(value=self.value, placeholder=self.choice.label, id="clause-text")
            yield self.error_line()
            keys = "Ctrl+S saves" if long else "Enter or Ctrl+S saves"
            yield Static(
                Text(f"{keys} · an empty field goes back to the default · Escape cancels"),
                classes="form-help",
            )

    def collect(self) -> ClauseText:
        field = self.query_one("#clause-text")
        typed = field.text if isinstance(field, TextArea) else field.value  # type: ignore[attr-defined]
        value = typed.strip()
        problem = typed_problem(self.choice.key, value)
        if problem:
            raise DomainError(problem)
        return ClauseText(self.choice.key, value)
