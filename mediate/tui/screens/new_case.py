"""A new case typed in by hand: reference, title, language, currency, mediator, the parties."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Select

from mediate.domain.errors import DomainError
from mediate.domain.model import Case, Language, Party, PartyRole
from mediate.domain.money import is_currency
from mediate.tui.screens.form_base import FormScreen

FIELDS = (
    ("reference", "Reference, e.g. MED-2026-010"),
    ("title", "Title"),
    ("currency", "Currency (EUR)"),
    ("mediator", "Mediator"),
    ("provider", "Provider's legal name (who invoiced)"),
    ("client", "Client's legal name (who disputes)"),
)


class NewCaseForm(FormScreen[Case | None]):
    SUBMIT_ON_ENTER = False

    def compose(self) -> ComposeResult:
        # Scrolls on a short terminal (at 80x24 not every field fits); the reason for a refusal
        # sits under the title, where it is seen whichever field has the focus.
        with VerticalScroll(classes="form wide"):
            yield Label("New case", classes="form-title")
            yield self.error_line()
            for name, placeholder in FIELDS:
                yield Input(
                    placeholder=placeholder, id=name, value="EUR" if name == "currency" else ""
                )
            yield Select(
                [("English", Language.EN), ("Nederlands", Language.NL)],
                value=Language.EN,
                allow_blank=False,
                id="language",
            )
            yield Label("Ctrl+S creates · Escape cancels", classes="form-help")

    def collect(self) -> Case:
        values = {name: self.query_one(f"#{name}", Input).value.strip() for name, _ in FIELDS}
        missing = [
            placeholder.split(",")[0].split(" (")[0]
            for name, placeholder in FIELDS
            if not values[name]
        ]
        if missing:
            raise DomainError(f"Please fill in: {', '.join(missing)}.")
        currency = values["currency"].upper()
        if not is_currency(currency):
            raise DomainError(f"“{currency}” is not a currency code.")
        return Case(
            reference=values["reference"],
            title=values["title"],
            currency=currency,
            mediator=values["mediator"],
            language=self.query_one("#language", Select).value,
            parties=[
                Party(role=PartyRole.PROVIDER, legal_name=values["provider"]),
                Party(role=PartyRole.CLIENT, legal_name=values["client"]),
            ],
        )
