"""The Invoice tab: every line with hours logged, the contract rate and what looks wrong."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from mediate.domain.money import format_money
from mediate.domain.negotiation import invoice_totals
from mediate.domain.reconciliation import LineHours, contract_rates, line_flags, line_hours
from mediate.tui.widgets.virtual_table import Column, RowSource, VirtualTable

FLAG_TAGS = {
    "hours": "billed>logged",
    "rate": "rate≠contract",
    "vague": "vague",
    "period": "outside period",
}


@dataclass
class LineRow:
    """One invoice line as the tab shows it, formatted only when it is drawn."""

    invoice: str
    sign: int
    hours: LineHours
    flags: str
    contract: str


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
        yield VirtualTable([], id="invoice-lines", page=30)
        yield Static(id="invoice-summary")

    def on_mount(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        store = self.app.store
        case = store.case(self.case_id)
        lang, cur = case.language.value, case.currency
        invoices = store.invoices(self.case_id)
        minutes = store.logged_minutes_by_line(self.case_id)
        rates = contract_rates(store.clauses(self.case_id))
        period = (case.contract_start, case.contract_end)
        rows: list[LineRow] = []
        billed_total = logged_total = 0
        for invoice in invoices:
            for row in line_hours(invoice.lines, minutes):
                line = row.line
                flags = [] if invoice.sign < 0 else line_flags(row, rates, period)
                rate = next(
                    (f"{r} ({ref})" for r, ref in rates.items() if r == line.unit_price), None
                )
                rows.append(
                    LineRow(
                        invoice.number + (" CN" if invoice.sign < 0 else ""),
                        invoice.sign,
                        row,
                        ", ".join(FLAG_TAGS[f.code] for f in flags),
                        rate or ("none" if rates and row.billed is not None else "—"),
                    )
                )
                if row.billed is not None and invoice.sign > 0:
                    billed_total += row.billed
                    logged_total += row.logged
        self.line_ids = [row.hours.line.id for row in rows]
        table = self.query_one(VirtualTable)
        table.columns = self.columns(rows, cur, lang)

        def cells(row: LineRow) -> tuple:
            line = row.hours.line
            description = Text(line.description, style="bold" if line.disputed else "")
            flags = Text("disputed" if line.disputed else "", style="yellow")
            if row.flags:
                flags.append((", " if line.disputed else "") + row.flags, style="bold red")
            return (
                row.invoice,
                str(line.position),
                description,
                f"{line.quantity} {line.unit}".strip(),
                str(line.unit_price),
                format_money(row.sign * line.net_amount, cur, lang),
                str(row.hours.logged),
                row.contract,
                flags,
            )

        table.set_source(
            RowSource(lambda: len(rows), lambda at, n: [cells(r) for r in rows[at : at + n]])
        )
        invoiced, _ = invoice_totals(invoices, cur)
        summary = Text()
        summary.append("Invoiced ", style="dim")
        summary.append(format_money(invoiced, cur, lang))
        summary.append(
            f"   hours billed {billed_total} · logged against those lines {logged_total}",
            style="dim",
        )
        self.query_one("#invoice-summary", Static).update(summary)

    @staticmethod
    def columns(rows: list[LineRow], currency: str, lang: str) -> list[Column]:
        """Columns as wide as their widest cell (amounts measured on the largest one only)."""

        def widest(title: str, texts, least: int = 0) -> int:
            return max([len(title), least, *(len(t) for t in texts)])

        lines = [r.hours.line for r in rows]
        largest = max((abs(ln.net_amount) for ln in lines), default=0)
        amount = len(format_money(-largest, currency, lang))
        return [
            Column("Invoice", widest("Invoice", (r.invoice for r in rows))),
            Column("#", widest("#", (str(ln.position) for ln in lines)), right=True),
            Column("Description", 24, flex=True),
            Column(
                "Qty", widest("Qty", (f"{ln.quantity} {ln.unit}".strip() for ln in lines)), True
            ),
            Column("Rate", widest("Rate", (str(ln.unit_price) for ln in lines)), right=True),
            Column("Amount", max(amount, len("Amount")), right=True),
            Column("Logged h", widest("Logged h", (str(r.hours.logged) for r in rows)), True),
            Column("Contract", min(widest("Contract", (r.contract for r in rows)), 14)),
            Column(
                "Flags",
                widest("Flags", ((r.hours.line.disputed * "disputed, ") + r.flags for r in rows)),
            ),
        ]

    def on_virtual_table_highlighted(self, event: VirtualTable.Highlighted) -> None:
        event.stop()
        if not event.table.has_focus:
            return  # the table's own first highlight on opening filters nothing
        index = event.index
        self.post_message(
            self.LineSelected(self.line_ids[index] if 0 <= index < len(self.line_ids) else None)
        )
