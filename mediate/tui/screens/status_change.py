"""Change a case's status by hand: impasse, withdrawn, or back into session."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from mediate.domain.errors import DomainError
from mediate.domain.lifecycle import allowed, label
from mediate.domain.model import CaseStatus
from mediate.tui.screens.form_base import FormScreen

MANUAL = (CaseStatus.IMPASSE, CaseStatus.WITHDRAWN, CaseStatus.IN_SESSION)


@dataclass
class StatusChoice:
    status: CaseStatus
    reason: str


class StatusForm(FormScreen[StatusChoice | None]):
    def __init__(self, reference: str, current: CaseStatus) -> None:
        super().__init__()
        self.reference, self.current = reference, current
        self.options = [s for s in MANUAL if s in allowed(current)]

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Label(Text(f"{self.reference} is {label(self.current)}"), classes="form-title")
            if self.options:
                yield Select(
                    [(label(s), s) for s in self.options],
                    value=self.options[0],
                    allow_blank=False,
                    id="status",
                )
                yield Input(placeholder="Reason (optional)", id="reason")
            else:
                yield Label("Its status can no longer be changed by hand.")
            yield self.error_line()
            yield Label("Enter or Ctrl+S changes · Escape cancels", classes="form-help")

    def collect(self) -> StatusChoice:
        if not self.options:
            raise DomainError("This case's status can no longer change.")
        return StatusChoice(
            self.query_one("#status", Select).value, self.query_one("#reason", Input).value.strip()
        )
