"""A signatory confirms the settlement: which signatory (of a party that may have several, or the
mediator), full name, capacity."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static

from mediate.domain.clauses import Slot
from mediate.domain.errors import DomainError
from mediate.domain.model import Case, Signatory
from mediate.tui.screens.form_base import FormScreen


@dataclass
class SignOffInput:
    role: Signatory
    name: str
    capacity: str
    signer: int = 0  # which of the party's signatories (0: the first)


class SignOffForm(FormScreen[SignOffInput | None]):
    def __init__(self, case: Case, pending: list[Slot], fingerprint: str) -> None:
        super().__init__()
        self.case, self.pending, self.fingerprint = case, pending, fingerprint

    def compose(self) -> ComposeResult:
        first = self.pending[0]
        with Vertical(classes="form"):
            yield Label("Sign off the settlement", classes="form-title")
            yield Static(
                Text(
                    f"Terms fingerprint {self.fingerprint[:16]}…  The signatory confirms these terms."
                    f"  {len(self.pending)} signature(s) still needed."
                )
            )
            yield Select(
                [(Text(self.describe(slot)), index) for index, slot in enumerate(self.pending)],
                value=0,
                allow_blank=False,
                id="role",
            )
            yield Input(value=first.name, placeholder="Full name", id="name")
            yield Input(value=first.capacity, placeholder="Capacity (e.g. Director)", id="capacity")
            yield self.error_line()
            yield Label("Enter or Ctrl+S signs · Escape cancels", classes="form-help")

    def on_mount(self) -> None:
        """The signatory's name has the focus, so Enter signs as the help line says (on the list
        of signatories Enter would open the list)."""
        super().on_mount()
        self.query_one("#name", Input).focus()

    def describe(self, slot: Slot) -> str:
        """ "Provider: Owen Hartley (Director)", "Client, signatory 2: …", "Mediator: …"."""
        others = sum(1 for s in self.pending if s.role == slot.role) > 1 or slot.signer
        which = f", signatory {slot.signer + 1}" if others else ""
        who = slot.name or "(name to be typed)"
        capacity = f" ({slot.capacity})" if slot.capacity else ""
        return f"{slot.role.value.capitalize()}{which}: {who}{capacity}"

    def on_select_changed(self, event: Select.Changed) -> None:
        slot = self.pending[int(event.value)]  # type: ignore[arg-type]
        self.query_one("#name", Input).value = slot.name
        self.query_one("#capacity", Input).value = slot.capacity

    def collect(self) -> SignOffInput:
        name = self.query_one("#name", Input).value.strip()
        capacity = self.query_one("#capacity", Input).value.strip()
        if not name or not capacity:
            raise DomainError("Type the signatory's full name and capacity.")
        slot = self.pending[int(self.query_one("#role", Select).value)]  # type: ignore[arg-type]
        return SignOffInput(slot.role, name, capacity, slot.signer)
