"""A payment the client made already: when, how much (as paid, VAT included), its reference."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label

from mediate.domain.errors import DomainError
from mediate.domain.typed_amounts import parse_amount
from mediate.tui.screens.form_base import FormScreen


@dataclass
class PaymentInput:
    paid_on: date
    amount: Decimal
    reference: str


class PaymentForm(FormScreen[PaymentInput | None]):
    SUBMIT_ON_ENTER = False  # three fields: Enter moves on, Ctrl+S saves
    AUTO_FOCUS = "#paid-on"

    def __init__(self, currency: str, language: str) -> None:
        super().__init__()
        self.currency, self.language = currency, language

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Label("A payment the client made already", classes="form-title")
            yield Input(placeholder="Paid on, like 2026-04-15", id="paid-on")
            yield Input(placeholder="Amount paid (VAT included)", id="amount")
            yield Input(placeholder="Reference (optional): bank transfer, invoice", id="reference")
            yield self.error_line()
            yield Label("Ctrl+S saves · Escape cancels", classes="form-help")

    def collect(self) -> PaymentInput:
        typed = self.query_one("#paid-on", Input).value.strip()
        try:
            paid_on = date.fromisoformat(typed)
        except ValueError:
            raise DomainError(f"“{typed}” is not a date; write it like 2026-04-15.") from None
        if paid_on > date.today():
            raise DomainError("A payment already made cannot be dated in the future.")
        amount = parse_amount(
            self.query_one("#amount", Input).value, self.language, currency=self.currency
        )
        return PaymentInput(paid_on, amount, self.query_one("#reference", Input).value.strip())
