"""Record what a party says: text, an optional claimed amount and invoice line."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from mediate.domain.errors import DomainError
from mediate.domain.model import InvoiceLine, PartyRole
from mediate.domain.typed_amounts import parse_amount
from mediate.tui.screens.form_base import FormScreen


@dataclass
class StatementInput:
    party: PartyRole
    text: str
    claimed_amount: Decimal | None
    invoice_line_id: int | None


class StatementForm(FormScreen[StatementInput | None]):
    AUTO_FOCUS = "#text"

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

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Label("Record a statement", classes="form-title")
            yield Select(
                [(Text(role.value.capitalize()), role) for role in PartyRole],
                value=self.party,
                allow_blank=False,
                id="party",
            )
            yield Input(placeholder="What the party says", id="text")
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
            yield Label("Enter or Ctrl+S saves · Escape cancels", classes="form-help")

    def collect(self) -> StatementInput:
        text = self.query_one("#text", Input).value.strip()
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
