"""The Invoice tab: every line with hours logged, the contract rate and what looks wrong; under
it the highlighted line worked out from the file, and each document's own totals (allowances and
charges, VAT, prepaid, due), so every figure on screen can be traced to the document."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from mediate.domain.invoice_totals import (
    CATEGORY_NAMES,
    NO_VAT,
    describe,
    line_adds_up,
    line_vat_category,
    line_worked_out,
    totals,
)
from mediate.domain.model import Invoice
from mediate.domain.money import format_money
from mediate.domain.negotiation import invoice_totals
from mediate.domain.reconciliation import (
    LineHours,
    contract_rates,
    hours,
    left_out_text,
    line_flags,
    line_hours,
)
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

    def __init__(self, case_id: int, invoices: list[Invoice] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.case_id = case_id
        self.invoices = invoices  # as the screen read them; read again when not given
        self.line_ids: list[int] = []

    def compose(self) -> ComposeResult:
        yield VirtualTable([], id="invoice-lines", page=30)
        yield Static(id="invoice-line-detail")
        yield Static(id="invoice-documents")
        yield Static(id="invoice-summary")

    def on_mount(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        store = self.app.store
        case = store.case(self.case_id)
        lang, cur = case.language.value, case.currency
        invoices = self.invoices if self.invoices is not None else store.invoices(self.case_id)
        self.counts = store.work_counts_by_line(self.case_id)  # logged, counted, left out
        minutes = {line: count.counted for line, count in self.counts.items()}
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
        self.rows, self.cur, self.lang = rows, cur, lang
        table = self.query_one(VirtualTable)
        table.columns = self.columns(rows, cur, lang)
        adjusted = any(row.hours.line.allowances for row in rows)  # a column only when needed

        def cells(row: LineRow) -> tuple:
            line = row.hours.line
            description = Text(line.description, style="bold" if line.disputed else "")
            flags = Text("disputed" if line.disputed else "", style="yellow")
            if row.flags:
                flags.append((", " if line.disputed else "") + row.flags, style="bold red")
            adjustment = sum((a.signed for a in line.allowances), Decimal(0))
            shown = format_money(row.sign * adjustment, cur, lang) if line.allowances else ""
            return (
                row.invoice,
                line.label,
                description,
                f"{line.quantity} {line.unit}".strip(),
                str(line.unit_price),
                *((shown,) if adjusted else ()),
                format_money(row.sign * line.net_amount, cur, lang),
                str(row.hours.logged),
                row.contract,
                flags,
            )

        table.set_source(
            RowSource(lambda: len(rows), lambda at, n: [cells(r) for r in rows[at : at + n]])
        )
        self.show_documents(invoices, cur, lang)
        self.show_line(0)
        invoiced, _ = invoice_totals(invoices, cur)
        summary = Text()
        summary.append("Invoiced (without VAT) ", style="dim")
        summary.append(format_money(invoiced, cur, lang))
        summary.append(
            f"   hours billed {billed_total} · logged against those lines {logged_total}",
            style="dim",
        )
        self.query_one("#invoice-summary", Static).update(summary)

    @staticmethod
    def columns(rows: list[LineRow], currency: str, lang: str) -> list[Column]:
        """Columns as wide as their widest cell (amounts measured on the largest one only), by
        priority: amounts, hours and flags keep their width; the description gives way, and on a
        narrow terminal the contract rate, the unit price and the quantity are left out."""

        def widest(title: str, texts, least: int = 0) -> int:
            return max([len(title), least, *(len(t) for t in texts)])

        lines = [r.hours.line for r in rows]
        largest = max((abs(ln.net_amount) for ln in lines), default=0)
        amount = len(format_money(-largest, currency, lang))
        adjusted = any(ln.allowances for ln in lines)
        return [
            Column("Invoice", widest("Invoice", (r.invoice for r in rows))),
            Column("Line", widest("Line", (ln.label for ln in lines)), right=True),
            Column("Description", 24, flex=True, least=12),
            Column(
                "Qty",
                widest("Qty", (f"{ln.quantity} {ln.unit}".strip() for ln in lines)),
                True,
                least=6,
                drop=2,
            ),
            Column(
                "Rate", widest("Rate", (str(ln.unit_price) for ln in lines)), right=True, drop=3
            ),
            *([Column("Allow./chg.", max(amount, 11), right=True)] if adjusted else []),
            Column("Amount", max(amount, len("Amount")), right=True),
            Column("Logged h", widest("Logged h", (str(r.hours.logged) for r in rows)), True),
            Column("Contract", min(widest("Contract", (r.contract for r in rows)), 14), drop=4),
            Column(
                "Flags",
                widest("Flags", ((r.hours.line.disputed * "disputed, ") + r.flags for r in rows)),
            ),
        ]

    def show_documents(self, invoices: list[Invoice], cur: str, lang: str) -> None:
        """Each document's own figures: what the lines add up to, its allowances and charges,
        without VAT, VAT, with VAT, prepaid and due, and the invoice a credit note corrects."""
        text = Text()
        for invoice in invoices:
            t = totals(invoice)
            money = lambda amount: format_money(amount, cur, lang)  # noqa: E731
            if text:
                text.append("\n")
            kind = "Credit note" if invoice.sign < 0 else "Invoice"
            text.append(f"{kind} {invoice.number}", style="bold")
            if invoice.billing_reference:
                when = (
                    f" of {invoice.billing_reference_date.isoformat()}"
                    if invoice.billing_reference_date
                    else ""
                )
                text.append(f" (corrects {invoice.billing_reference}{when})", style="cyan")
            text.append(": lines ", style="dim")
            text.append(money(t.line_total))
            for item in invoice.allowances:
                text.append(f" · {describe(item)} ", style="dim")
                text.append(("+" if item.charge else "−") + money(item.amount))
            for label, amount in (
                ("without VAT", t.net),
                ("VAT", t.vat),
                ("with VAT", t.gross),
            ):
                text.append(f" · {label} ", style="dim")
                text.append(money(amount))
            if t.prepaid or t.rounding:
                text.append(" · prepaid ", style="dim")
                text.append(money(t.prepaid))
                if t.rounding:
                    text.append(" · rounding ", style="dim")
                    text.append(money(t.rounding))
            text.append(" · due ", style="dim")
            text.append(money(t.due), style="bold")
        for invoice in invoices:  # the net effect of an invoice and the credit notes correcting it
            credits = [c for c in invoices if c.sign < 0 and c.billing_reference == invoice.number]
            if invoice.sign < 0 or not credits:
                continue
            net = totals(invoice).net - sum((totals(c).net for c in credits), Decimal(0))
            gross = totals(invoice).gross - sum((totals(c).gross for c in credits), Decimal(0))
            names = ", ".join(c.number for c in credits)
            text.append(f"\nInvoice {invoice.number} after credit note {names}: ", style="bold")
            text.append(format_money(net, cur, lang))
            text.append(" without VAT · ", style="dim")
            text.append(format_money(gross, cur, lang))
            text.append(" with VAT", style="dim")
        self.query_one("#invoice-documents", Static).update(text)

    def show_line(self, index: int) -> None:
        """The highlighted line worked out as the file gives it: quantity x price, each line
        allowance or charge with its reason, the line amount, its VAT."""
        detail = self.query_one("#invoice-line-detail", Static)
        if not 0 <= index < len(self.rows):
            detail.update("")
            return
        row = self.rows[index]
        line = row.hours.line
        money = lambda amount: format_money(amount, self.cur, self.lang)  # noqa: E731
        text = Text(f"{row.invoice} line {line.label}: ", style="bold")
        price = f"{line.unit_price}"
        if line.base_quantity not in (None, 1):
            price += f" (price {line.unit_price * line.base_quantity} per {line.base_quantity})"
        text.append(f"{line.quantity} {line.unit} × {price} = ".replace("  ", " "))
        if line.allowances:
            text.append(money(line.quantity * line.unit_price))
            for item in line.allowances:
                text.append(f" {'+' if item.charge else '−'} {describe(item)} ", style="dim")
                text.append(money(item.amount))
            text.append(" = ")
        if line_adds_up(line):
            text.append(money(line.net_amount), style="bold")
        else:  # the document disagrees with itself: both figures, and which one counts
            text.append(money(line_worked_out(line)))
            text.append(" but the invoice says ", style="yellow")
            text.append(money(line.net_amount), style="bold yellow")
            text.append(" (the invoice's amount is the one used)", style="yellow")
        count = self.counts.get(line.id)
        if count is not None and count.logged != count.counted:
            text.append(
                f" · logged {hours(count.logged)} h, counted {hours(count.counted)} h "
                f"({left_out_text(count)})",
                style="yellow",
            )
        category = line_vat_category(line)
        if category or line.vat_rate is not None:
            rate = f" {line.vat_rate} %" if line.vat_rate is not None else ""
            name = CATEGORY_NAMES.get(category, category)
            text.append(f" · VAT {category}{rate}".rstrip(), style="dim")
            if category in NO_VAT:
                text.append(f" ({name})", style="dim")
        detail.update(text)

    def on_virtual_table_highlighted(self, event: VirtualTable.Highlighted) -> None:
        event.stop()
        self.show_line(event.index)
        if not event.table.has_focus:
            return  # the table's own first highlight on opening filters nothing
        index = event.index
        self.post_message(
            self.LineSelected(self.line_ids[index] if 0 <= index < len(self.line_ids) else None)
        )
