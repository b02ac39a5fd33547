"""A signatory confirms the settlement: role, full name, capacity."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static

from mediate.domain.errors import DomainError
from mediate.domain.model import Case, PartyRole, Signatory
from mediate.tui.screens.form_base import FormScreen


@dataclass
class SignOffInput:
    role: Signatory
    name: str
    capacity: str


class SignOffForm(FormScreen[SignOffInput | None]):
    def __init__(self, case: Case, pending: list[Signatory], fingerprint: str) -> None:
        super().__init__()
        self.case, self.pending, self.fingerprint = case, pending, fingerprint

    def defaults(self, role: Signatory) -> tuple[str, str]:
        if role == Signatory.MEDIATOR:
            return self.case.mediator, "Mediator"
        party = self.case.party(PartyRole(role.value))
        return (party.signatory, party.signatory_capacity) if party else ("", "")

    def compose(self) -> ComposeResult:
        name, capacity = self.defaults(self.pending[0])
        with Vertical(classes="form"):
            yield Label("Sign off the settlement", classes="form-title")
            yield Static(
                Text(
                    f"Terms fingerprint {self.fingerprint[:16]}…  The signatory confirms these terms."
                )
            )
            yield Select(
                [(r.value.capitalize(), r) for r in self.pending],
                value=self.pending[0],
                allow_blank=False,
                id="role",
            )
            yield Input(value=name, placeholder="Full name", id="name")
            yield Input(value=capacity, placeholder="Capacity (e.g. Director)", id="capacity")
            yield self.error_line()
            yield Label("Enter or Ctrl+S signs · Escape cancels", classes="form-help")

    def on_select_changed(self, event: Select.Changed) -> None:
        name, capacity = self.defaults(event.value)
        self.query_one("#name", Input).value = name
        self.query_one("#capacity", Input).value = capacity

    def collect(self) -> SignOffInput:
        name = self.query_one("#name", Input).value.strip()
        capacity = self.query_one("#capacity", Input).value.strip()
        if not name or not capacity:
            raise DomainError("Type the signatory's full name and capacity.")
        return SignOffInput(self.query_one("#role", Select).value, name, capacity)
