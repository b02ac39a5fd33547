"""An invoice typed in (its number and dates) and its lines (what was done, how many, at what
price, the VAT rate, whether it is disputed); a line's amount is worked out as it is typed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Label, Static

from mediate.domain.errors import DomainError
from mediate.domain.model import Invoice, InvoiceLine
from mediate.domain.money import format_money, quantize
from mediate.domain.typed_amounts import format_entry, parse_amount, parse_number
from mediate.tui.screens.field_rows import FIELD_ROWS_CSS, field_row, named, text_input, typed_date
from mediate.tui.screens.form_base import FormScreen


@dataclass
class InvoiceInput:
    number: str
    issue_date: date | None
    due_date: date | None
    invoice_id: int | None


class InvoiceForm(FormScreen[InvoiceInput | None]):
    SUBMIT_ON_ENTER = False
    DEFAULT_CSS = FIELD_ROWS_CSS

    def __init__(self, invoice: Invoice | None = None) -> None:
        super().__init__()
        self.invoice = invoice

    def compose(self) -> ComposeResult:
        inv = self.invoice
        title = f"Invoice {inv.number}" if inv else "A new invoice"
        with Vertical(classes="form"):
            yield Label(Text(title), classes="form-title")
            yield field_row("Invoice number", text_input("number", inv.number if inv else ""))
            yield field_row(
                "Invoice date",
                text_input("issue-date", str(inv.issue_date or "") if inv else "", "2026-03-31"),
            )
            yield field_row(
                "Due date",
                text_input("due-date", str(inv.due_date or "") if inv else "", "(optional)"),
            )
            yield self.error_line()
            yield Label("Ctrl+S saves · Escape cancels", classes="form-help")

    def collect(self) -> InvoiceInput:
        number = self.query_one("#number", Input).value.strip()
        if not number:
            raise DomainError("Invoice number: type the number the invoice carries.")
        issued = typed_date(self.query_one("#issue-date", Input).value, "Invoice date", True)
        due = typed_date(self.query_one("#due-date", Input).value, "Due date")
        return InvoiceInput(number, issued, due, self.invoice.id if self.invoice else None)


class LineForm(FormScreen[InvoiceLine | None]):
    SUBMIT_ON_ENTER = False
    DEFAULT_CSS = FIELD_ROWS_CSS

    def __init__(
        self,
        invoice: Invoice,
        language: str,
        line: InvoiceLine | None = None,
    ) -> None:
        super().__init__()
        self.invoice, self.language, self.line = invoice, language, line
        self.currency = invoice.currency

    def _entry(self, value: Decimal | None, money: bool = False) -> str:
        if value is None:
            return ""
        return format_entry(value, self.language, self.currency if money else None)

    def compose(self) -> ComposeResult:
        ln = self.line
        previous = self.invoice.lines[-1] if self.invoice.lines else None
        vat = ln.vat_rate if ln else (previous.vat_rate if previous else None)
        title = (
            f"Line {ln.label} of {self.invoice.number}"
            if ln
            else (f"A new line on {self.invoice.number}")
        )
        with Vertical(classes="form wide"):
            yield Label(Text(title), classes="form-title")
            yield field_row(
                "Description",
                text_input("description", ln.description if ln else "", "Design, 2-6 March"),
            )
            yield field_row(
                "Quantity", text_input("quantity", self._entry(ln.quantity) if ln else "", "12")
            )
            yield field_row("Unit", text_input("unit", ln.unit if ln else "h", "h, day, item"))
            yield field_row(
                "Unit price (no VAT)",
                text_input("unit-price", self._entry(ln.unit_price, True) if ln else "", "95"),
            )
            yield field_row("VAT rate %", text_input("vat-rate", self._entry(vat), "21"))
            yield field_row(
                "Service date",
                text_input("service-date", str(ln.service_date or "") if ln else "", "(optional)"),
            )
            yield Checkbox(
                "Disputed: the client contests this line",
                value=ln.disputed if ln else True,
                id="disputed",
                compact=True,
            )
            yield Static(id="line-amount")
            yield self.error_line()
            yield Label("Ctrl+S saves · Escape cancels", classes="form-help")

    def on_mount(self) -> None:
        self.show_amount()

    def on_input_changed(self) -> None:
        self.show_amount()

    def show_amount(self) -> None:
        label = self.query_one("#line-amount", Static)
        try:
            quantity, price = self._quantity(), self._price()
        except DomainError:
            label.update(Text("Amount: —", style="dim"))
            return
        amount = quantize(quantity * price, self.currency)
        label.update(
            Text.assemble(
                ("Amount (no VAT) ", "dim"),
                (format_money(amount, self.currency, self.language), "bold"),
            )
        )

    def _quantity(self) -> Decimal:
        try:
            return parse_number(self.query_one("#quantity", Input).value, self.language)
        except DomainError as error:
            raise named("Quantity", error) from None

    def _price(self) -> Decimal:
        try:
            return parse_amount(
                self.query_one("#unit-price", Input).value,
                self.language,
                currency=self.currency,
            )
        except DomainError as error:
            raise named("Unit price", error) from None

    def collect(self) -> InvoiceLine:
        description = self.query_one("#description", Input).value.strip()
        if not description:
            raise DomainError("Description: say what was done, like “Design, 2-6 March, 12 h”.")
        quantity, price = self._quantity(), self._price()
        typed_vat = self.query_one("#vat-rate", Input).value
        if not typed_vat.strip():
            raise DomainError("VAT rate %: type the VAT rate of the line (0 when none).")
        try:
            vat = parse_number(typed_vat, self.language)
        except DomainError as error:
            raise named("VAT rate %", error) from None
        return InvoiceLine(
            id=self.line.id if self.line else None,
            position=self.line.position if self.line else 0,
            description=description,
            quantity=quantity,
            unit=self.query_one("#unit", Input).value.strip(),
            unit_price=price,
            net_amount=quantize(quantity * price, self.currency),
            vat_rate=vat,
            service_date=typed_date(self.query_one("#service-date", Input).value, "Service date"),
            disputed=self.query_one("#disputed", Checkbox).value,
        )
