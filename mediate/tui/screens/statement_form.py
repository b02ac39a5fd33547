"""Record what a party says (text of any length, pasted with its line breaks), an optional
claimed amount and invoice line; or correct the words of a statement already recorded."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, TextArea

from mediate.domain.errors import DomainError
from mediate.domain.model import InvoiceLine, PartyRole, Statement
from mediate.domain.typed_amounts import parse_amount
from mediate.tui.screens.form_base import FormScreen


@dataclass
class StatementInput:
    party: PartyRole
    text: str
    claimed_amount: Decimal | None
    invoice_line_id: int | None


class StatementForm(FormScreen[StatementInput | None]):
    def __init__(
        self,
        party: PartyRole,
        lines: list[tuple[str, InvoiceLine]],
        language: str,
        currency: str | None = None,
    ) -> None:
        super().__init__()
        self.party, self.lines, self.language = party, lines, language
        self.currency = currency  # None: read amounts as a two-decimal currency (EUR, GBP)

    def on_mount(self) -> None:
        self.query_one("#text", TextArea).focus()

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Label("Record a statement", classes="form-title")
            yield Select(
                [(Text(role.value.capitalize()), role) for role in PartyRole],
                value=self.party,
                allow_blank=False,
                id="party",
            )
            yield TextArea(id="text", soft_wrap=True, classes="long-text")
            yield Input(placeholder="Amount the party claims (optional)", id="amount")
            yield Select(
                [
                    (Text(f"{number} line {ln.position}: {ln.description[:50]}"), ln.id)
                    for number, ln in self.lines
                ],
                prompt="Invoice line (optional)",
                id="line",
            )
            yield self.error_line()
            yield Label(
                "Ctrl+S saves · Enter in the text starts a new line · Escape cancels (asks first "
                "when something was typed)",
                classes="form-help",
            )

    def collect(self) -> StatementInput:
        text = self.query_one("#text", TextArea).text.strip()
        if not text:
            raise DomainError("Type what the party says.")
        raw = self.query_one("#amount", Input).value.strip()
        amount = parse_amount(raw, self.language, currency=self.currency) if raw else None
        line = self.query_one("#line", Select).value
        return StatementInput(
            party=self.query_one("#party", Select).value,
            text=text,
            claimed_amount=amount,
            invoice_line_id=None if line is Select.NULL else line,
        )


class CorrectStatementForm(FormScreen[str | None]):
    """The words of a recorded statement, to correct: saved as a new version of it (the audit
    log keeps the words it replaces)."""

    def __init__(self, statement: Statement) -> None:
        super().__init__()
        self.statement = statement

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Label(
                f"Correct the {self.statement.party.value}'s statement", classes="form-title"
            )
            yield TextArea(self.statement.text, id="text", soft_wrap=True, classes="long-text")
            yield self.error_line()
            yield Label(
                "Ctrl+S saves a new version (the old words stay in the record) · Escape cancels",
                classes="form-help",
            )

    def on_mount(self) -> None:
        self.query_one("#text", TextArea).focus()

    def collect(self) -> str:
        text = self.query_one("#text", TextArea).text.strip()
        if not text:
            raise DomainError("Type what the party says.")
        return text
