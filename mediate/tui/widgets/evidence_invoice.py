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
    DocumentFigures,
    describe,
    line_adds_up,
    line_vat_category,
    line_worked_out,
)
from mediate.domain.money import format_money, from_minor
from mediate.domain.negotiation import invoice_totals
from mediate.domain.reconciliation import (
    LineHours,
    contract_rates,
    hours,
    left_out_text,
    line_flags,
    line_hours,
)
from mediate.domain.work_time import TimeCount
from mediate.store.invoice_reads import LineWidths
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
    count: TimeCount | None  # the work logged against it: logged, counted, left out


class InvoiceEvidence(Vertical):
    """Invoice lines, read a page at a time; highlighting one tells the screen which line the
    other tabs should show. Each document's totals come from ``Store.invoice_figures``, so the
    tab opens as fast on 2,000 lines as on 20."""

    @dataclass
    class LineSelected(Message):
        line_id: int | None

    def __init__(
        self, case_id: int, figures: list[DocumentFigures] | None = None, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self.case_id = case_id
        self.figures = figures  # as the screen read them; read again when not given

    def compose(self) -> ComposeResult:
        yield VirtualTable([], id="invoice-lines", page=30)
        yield Static(id="invoice-line-detail")
        yield Static(id="invoice-documents")
        yield Static(id="invoice-summary")

    def on_mount(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        store = self.app.store
        case_id = self.case_id
        case = store.case(case_id)
        lang, cur = case.language.value, case.currency
        self.cur, self.lang = cur, lang
        docs = self.figures if self.figures is not None else store.invoice_figures(case_id)
        documents = {doc.invoice.id: doc.invoice for doc in docs}
        rates = contract_rates(store.clauses(case_id))
        period = (case.contract_start, case.contract_end)
        widths = store.invoice_line_widths(case_id)
        counter = store.work_counter(case_id)
        table = self.query_one(VirtualTable)
        table.columns = self.columns(docs, widths, rates, cur, lang)

        def page(offset: int, limit: int) -> list[tuple]:
            lines = store.invoice_line_page(case_id, offset, limit)
            counts = counter([line.id or 0 for _, line in lines])
            rows = []
            if any(invoice_id not in documents for invoice_id, _ in lines):
                # Another window imported a document since the tab was filled.
                documents.update({d.invoice.id: d.invoice for d in store.invoice_figures(case_id)})
            for invoice_id, line in lines:
                invoice = documents[invoice_id]
                count = counts.get(line.id)
                (row,) = line_hours([line], {line.id: count.counted if count else 0})
                flags = [] if invoice.sign < 0 else line_flags(row, rates, period)
                rate = next(
                    (f"{r} ({ref})" for r, ref in rates.items() if r == line.unit_price), None
                )
                shown = LineRow(
                    invoice.number + (" CN" if invoice.sign < 0 else ""),
                    invoice.sign,
                    row,
                    ", ".join(FLAG_TAGS[f.code] for f in flags),
                    rate or ("none" if rates and row.billed is not None else "—"),
                    count,
                )
                rows.append((*self.cells(shown, widths.adjusted), shown))
            return rows

        table.set_source(RowSource(lambda: store.invoice_line_count(case_id), page))
        self.show_documents(docs, cur, lang)
        self.show_line(0)  # reads the first page, so its widest cells are known before drawing
        invoiced, _ = invoice_totals(docs, cur)
        billed, logged = counter.hours(
            [doc.invoice.id for doc in docs if doc.invoice.sign > 0 and doc.invoice.id]
        )
        summary = Text()
        summary.append("Invoiced (without VAT) ", style="dim")
        summary.append(format_money(invoiced, cur, lang))
        summary.append(
            f"   hours billed {billed} · logged against those lines {logged}", style="dim"
        )
        self.query_one("#invoice-summary", Static).update(summary)

    def cells(self, row: LineRow, adjusted: bool) -> tuple:
        """The cells of one line (the allowances column only when some line has one)."""
        line, cur, lang = row.hours.line, self.cur, self.lang
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

    def line_row(self, index: int) -> LineRow | None:
        """The line at ``index`` of the table (None past its end)."""
        row = self.query_one(VirtualTable).row(index)
        return row[-1] if row else None

    def line_id_at(self, index: int) -> int | None:
        row = self.line_row(index)
        return row.hours.line.id if row else None

    @staticmethod
    def columns(
        docs: list[DocumentFigures],
        widths: LineWidths,
        rates: dict[Decimal, str],
        currency: str,
        lang: str,
    ) -> list[Column]:
        """Columns as wide as their widest cell over all lines (read in SQL; the flags, worked
        out a page at a time, widen their column as pages are read), by priority: amounts, hours
        and flags keep their width; the description gives way, and on a narrow terminal the
        contract rate, the unit price and the quantity are left out."""
        largest = from_minor(widths.largest_minor, currency)
        amount = len(format_money(-largest, currency, lang))
        numbers = (d.invoice.number + (" CN" if d.invoice.sign < 0 else "") for d in docs)
        contracts = ("none", *(f"{rate} ({ref})" for rate, ref in rates.items()))
        return [
            Column("Invoice", max([len("Invoice"), *map(len, numbers)])),
            Column("Line", max(len("Line"), widths.label), right=True),
            Column("Description", 24, flex=True, least=12),
            Column("Qty", max(len("Qty"), widths.quantity), True, least=6, drop=2),
            Column("Rate", max(len("Rate"), widths.price), right=True, drop=3),
            *([Column("Allow./chg.", max(amount, 11), right=True)] if widths.adjusted else []),
            Column("Amount", max(amount, len("Amount")), right=True),
            Column("Logged h", max(len("Logged h"), len(str(hours(widths.logged_minutes)))), True),
            Column("Contract", min(max(len("Contract"), *map(len, contracts)), 14), drop=4),
            Column("Flags", len("Flags")),
        ]

    def show_documents(self, docs: list[DocumentFigures], cur: str, lang: str) -> None:
        """Each document's own figures: what the lines add up to, its allowances and charges,
        without VAT, VAT, with VAT, prepaid and due, and the invoice a credit note corrects."""
        text = Text()
        for doc in docs:
            invoice, t = doc.invoice, doc.totals
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
        for doc in docs:  # the net effect of an invoice and the credit notes correcting it
            invoice = doc.invoice
            credits = [
                c.totals
                for c in docs
                if c.invoice.sign < 0 and c.invoice.billing_reference == invoice.number
            ]
            if invoice.sign < 0 or not credits:
                continue
            net = doc.totals.net - sum((c.net for c in credits), Decimal(0))
            gross = doc.totals.gross - sum((c.gross for c in credits), Decimal(0))
            names = ", ".join(
                c.invoice.number
                for c in docs
                if c.invoice.sign < 0 and c.invoice.billing_reference == invoice.number
            )
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
        row = self.line_row(index)
        if row is None:
            detail.update("")
            return
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
        count = row.count
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
        self.post_message(self.LineSelected(self.line_id_at(event.index)))
