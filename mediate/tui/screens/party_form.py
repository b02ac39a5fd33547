"""A party's details as the agreement names it: legal name, address, registration, who signs
for it and in what capacity (more than one signatory when one is not enough), seat, country."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, TextArea

from mediate.domain.errors import DomainError
from mediate.domain.model import Party, PartyRole, Signer
from mediate.tui.screens.field_rows import FIELD_ROWS_CSS, FieldRows, field_row, text_input
from mediate.tui.screens.form_base import FormScreen

FIELDS = (
    ("legal_name", "Legal name", "as registered, e.g. Pixel & Co B.V."),
    ("address", "Address", "street, postcode, town"),
    ("registration", "Registration", "KvK 12345678, Companies House 0987654"),
    ("signatory", "Signatory", "who signs for it"),
    ("signatory_capacity", "Capacity", "Director, Owner, authorised by power of attorney"),
    ("contact_person", "Contact person", "(optional)"),
    ("email", "E-mail", "(optional)"),
    ("seat", "Statutory seat", "(when not the address' town)"),
    ("country", "Country", "(when the address does not say it)"),
)


def other_signatories(text: str) -> tuple[Signer, ...]:
    """One signatory a line, "Name, capacity" (the capacity after the last comma)."""
    signers = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        name, comma, capacity = line.rpartition(",")
        if not comma or not name.strip() or not capacity.strip():
            raise DomainError(
                f"Other signatories, line {number}: write the name, a comma, then the capacity "
                "(“Piet Smit, Director”)."
            )
        signers.append(Signer(name.strip(), capacity.strip()))
    return tuple(signers)


class PartyForm(FormScreen[Party | None]):
    SUBMIT_ON_ENTER = False  # many fields: Enter moves on, Ctrl+S saves
    DEFAULT_CSS = (
        FIELD_ROWS_CSS
        + """
    PartyForm #co-signatories { height: 3; }
    """
    )

    def __init__(self, role: PartyRole, party: Party | None) -> None:
        super().__init__()
        self.role = role
        self.party = party or Party(role=role, legal_name="")

    def compose(self) -> ComposeResult:
        with Vertical(classes="form wide"):
            yield Label(f"The {self.role.value}'s details", classes="form-title")
            with FieldRows():
                for name, label, hint in FIELDS:
                    yield field_row(label, text_input(name, getattr(self.party, name), hint))
            yield Label("Other signatories, one a line: Name, capacity", classes="field-label")
            yield TextArea(
                "\n".join(f"{s.name}, {s.capacity}" for s in self.party.co_signatories),
                id="co-signatories",
                soft_wrap=False,
            )
            yield self.error_line()
            yield Label("Ctrl+S saves · Escape cancels", classes="form-help")

    def collect(self) -> Party:
        from textual.widgets import Input

        values = {name: self.query_one(f"#{name}", Input).value.strip() for name, _, _ in FIELDS}
        if not values["legal_name"]:
            raise DomainError("Legal name: type the name the party is registered under.")
        if bool(values["signatory"]) != bool(values["signatory_capacity"]):
            raise DomainError("Signatory and capacity: type both, or neither for now.")
        co = other_signatories(self.query_one("#co-signatories", TextArea).text)
        if co and not values["signatory"]:
            raise DomainError("Signatory: type the first signatory before the others.")
        return Party(role=self.role, co_signatories=co, id=self.party.id, **values)
