"""The Invoice tab: every line with hours logged, the contract rate and what looks wrong."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from mediate.domain.money import format_money
from mediate.domain.negotiation import invoice_totals
from mediate.domain.reconciliation import contract_rates, line_flags, line_hours

COLUMNS = (  # title, width (None: as wide as the content)
    ("Invoice", 12),
    ("#", 3),
    ("Description", 24),
    ("Qty", None),
    ("Rate", None),
    ("Amount", None),
    ("Logged h", None),
    ("Contract", 11),
    ("Flags", None),
)
FLAG_TAGS = {
    "hours": "billed>logged",
    "rate": "rate≠contract",
    "vague": "vague",
    "period": "outside period",
}


class InvoiceEvidence(Vertical):
    """Invoice lines; highlighting one tells the screen which line the other tabs should show."""

    @dataclass
    class LineSelected(Message):
        line_id: int | None

    def __init__(self, case_id: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.case_id = case_id
        self.line_ids: list[int] = []

    def compose(self) -> ComposeResult:
        yield DataTable(id="invoice-lines", cursor_type="row", zebra_stripes=True)
        yield Static(id="invoice-summary")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for title, width in COLUMNS:
            table.add_column(title, width=width)
        self.refresh_data()

    def refresh_data(self) -> None:
        store = self.app.store
        case = store.case(self.case_id)
        lang, cur = case.language.value, case.currency
        invoices = store.invoices(self.case_id)
        minutes = store.logged_minutes_by_line(self.case_id)
        rates = contract_rates(store.clauses(self.case_id))
        period = (case.contract_start, case.contract_end)
        table = self.query_one(DataTable)
        table.clear()
        self.line_ids = []
        billed_total = logged_total = 0
        for invoice in invoices:
            for row in line_hours(invoice.lines, minutes):
                line = row.line
                flags = [] if invoice.sign < 0 else line_flags(row, rates, period)
                rate = next(
                    (f"{r} ({ref})" for r, ref in rates.items() if r == line.unit_price), None
                )
                description = Text(line.description, overflow="ellipsis", no_wrap=True)
                if line.disputed:
                    description.stylize("bold")
                    description.append(" (disputed)", style="yellow")
                table.add_row(
                    Text(invoice.number + (" CN" if invoice.sign < 0 else "")),
                    str(line.position),
                    description,
                    Text(f"{line.quantity} {line.unit}".strip(), justify="right"),
                    Text(str(line.unit_price), justify="right"),
                    Text(format_money(invoice.sign * line.net_amount, cur, lang), justify="right"),
                    Text(str(row.logged), justify="right"),
                    Text(
                        rate or ("none" if rates and row.billed is not None else "—"),
                        overflow="ellipsis",
                        no_wrap=True,
                    ),
                    Text(", ".join(FLAG_TAGS[f.code] for f in flags), style="bold red"),
                )
                self.line_ids.append(line.id)
                if row.billed is not None and invoice.sign > 0:
                    billed_total += row.billed
                    logged_total += row.logged
        invoiced, _ = invoice_totals(invoices, cur)
        summary = Text()
        summary.append("Invoiced ", style="dim")
        summary.append(format_money(invoiced, cur, lang))
        summary.append(
            f"   hours billed {billed_total} · logged against those lines {logged_total}",
            style="dim",
        )
        self.query_one("#invoice-summary", Static).update(summary)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if not event.data_table.has_focus:
            return  # the table's own first highlight on opening filters nothing
        index = event.cursor_row
        self.post_message(
            self.LineSelected(self.line_ids[index] if 0 <= index < len(self.line_ids) else None)
        )
