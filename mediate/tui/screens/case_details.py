"""The case record typed in the app: both parties as the agreement names them, the invoices and
their lines, and what the agreement still needs from the record. Every change is a store verb
with its audit event; a refusal keeps the form open with the reason."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from mediate.domain.clauses import record_missing
from mediate.domain.lifecycle import label
from mediate.domain.model import Invoice, InvoiceLine, Party, PartyRole
from mediate.domain.money import format_money, format_number
from mediate.tui.screens.help import HelpScreen
from mediate.tui.screens.invoice_form import InvoiceForm, InvoiceInput, LineForm
from mediate.tui.screens.party_form import PartyForm
from mediate.tui.widgets.key_footer import KeyFooter

COLUMNS = ("Invoice", "Line", "Description", "Qty", "Unit price", "VAT", "Amount", "Disp.")


def party_text(role: PartyRole, party: Party | None) -> Text:
    """One party on two lines: name, address and registration; who signs, in what capacity."""
    text = Text()
    text.append(f"{role.value.capitalize():<9}", style="bold")
    if party is None:
        text.append("(not recorded: press the key below to type it)", style="yellow")
        return text
    text.append(party.legal_name or "(no legal name)")
    for value, missing in ((party.address, "no address"), (party.registration, "")):
        if value:
            text.append(f" · {value}")
        elif missing:
            text.append(f" · {missing}", style="yellow")
    text.append("\n         signs: ")
    signers = [s for s in party.signers if s.name]
    if signers:
        text.append(", ".join(f"{s.name} ({s.capacity or 'capacity?'})" for s in signers))
    else:
        text.append("no signatory yet", style="yellow")
    return text


class CaseDetailsScreen(Screen[None]):
    DEFAULT_CSS = """
    CaseDetailsScreen #details-parties { height: auto; padding: 0 1; margin-bottom: 1; }
    CaseDetailsScreen #details-lines { height: 1fr; }
    CaseDetailsScreen #details-missing { height: auto; max-height: 6; padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape", "back", "Back", id="details.back", tooltip="Back to where you came from"),
        Binding(
            "p",
            "party('provider')",
            "Provider",
            id="details.provider",
            tooltip="The provider's name, address, registration and signatories",
        ),
        Binding(
            "c",
            "party('client')",
            "Client",
            id="details.client",
            tooltip="The client's name, address, registration and signatories",
        ),
        Binding("i", "invoice", "Invoice", id="details.invoice", tooltip="Type a new invoice"),
        Binding(
            "l",
            "line",
            "Line",
            id="details.line",
            tooltip="A new line on the highlighted invoice",
        ),
        Binding(
            "enter",
            "edit",
            "Edit",
            id="details.edit",
            tooltip="Correct the highlighted invoice or line",
        ),
        Binding("f1", "help", "Help", id="details.help", tooltip="Every key of this screen"),
    ]

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id

    def compose(self) -> ComposeResult:
        yield Static(id="details-header")
        yield Static(id="details-parties")
        yield DataTable(id="details-lines", cursor_type="row")
        yield Static(id="details-missing")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#details-lines", DataTable).focus()

    # --- data ------------------------------------------------------------------------------------

    def reload(self) -> None:
        store = self.app.store
        self.case = store.case(self.case_id)
        self.invoices = store.invoices(self.case_id)
        lang, cur = self.case.language.value, self.case.currency
        header = Text()
        header.append(f" {self.case.reference} ", style="bold reverse")
        header.append(" ")
        header.append(self.case.title, style="bold")
        header.append(f"  ·  {label(self.case.status)}  ·  case details")
        self.query_one("#details-header", Static).update(header)
        parties = Text("\n").join(party_text(role, self.case.party(role)) for role in PartyRole)
        self.query_one("#details-parties", Static).update(parties)
        self.show_lines(lang, cur)
        missing = record_missing(self.case, self.invoices)
        text = Text()
        if missing:
            text.append("Still needed for the agreement: ", style="yellow")
            text.append("; ".join(missing) + ".")
        else:
            text.append("✓ The record has what the agreement needs from it.", style="green")
        self.query_one("#details-missing", Static).update(text)

    def on_resize(self) -> None:
        if hasattr(self, "case"):
            self.show_lines(self.case.language.value, self.case.currency)

    def show_lines(self, lang: str, cur: str) -> None:
        """Amounts and figures at their width, the description gets what is left (at least
        12): nothing that holds money is cut."""
        table = self.query_one("#details-lines", DataTable)
        keep = table.cursor_row
        rows = self.line_rows(lang, cur)
        widths = [
            max([len(title), *(len(str(cells[i])) for _, cells in rows)])
            for i, title in enumerate(COLUMNS)
        ]
        room = (self.size.width or 80) - 2 * table.cell_padding * len(COLUMNS) - 1
        widths[2] = max(12, min(widths[2], room - sum(widths) + widths[2]))
        table.clear(columns=True)
        for title, width in zip(COLUMNS, widths, strict=True):
            table.add_column(title, width=width)
        for key, cells in rows:
            table.add_row(*cells, key=key)
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))

    def line_rows(self, lang: str, cur: str) -> list[tuple[str | None, tuple]]:
        """(row key, cells) of each invoice and each of its lines."""
        rows: list[tuple[str | None, tuple]] = []
        for invoice in self.invoices:
            dates = f"issued {invoice.issue_date or '?'}"
            if invoice.due_date:
                dates += f", due {invoice.due_date}"
            total = format_money(invoice.line_sum, cur, lang)
            rows.append(
                (
                    f"invoice-{invoice.id}",
                    (
                        Text(invoice.number, style="bold"),
                        "",
                        Text(dates, style="dim"),
                        "",
                        "",
                        "",
                        Text(total, justify="right", style="bold"),
                        "",
                    ),
                )
            )
            for line in invoice.lines:
                vat = "" if line.vat_rate is None else f"{format_number(line.vat_rate, lang)} %"
                rows.append(
                    (
                        f"line-{line.id}",
                        (
                            "",
                            line.label,
                            Text(line.description, no_wrap=True, overflow="ellipsis"),
                            Text(f"{format_number(line.quantity, lang)} {line.unit}".strip()),
                            Text(format_money(line.unit_price, cur, lang), justify="right"),
                            Text(vat, justify="right"),
                            Text(format_money(line.net_amount, cur, lang), justify="right"),
                            "yes" if line.disputed else "",
                        ),
                    )
                )
        if not self.invoices:
            hint = Text("No invoice yet: press i", style="dim")
            rows.append((None, ("", "", hint, "", "", "", "", "")))
        return rows

    def highlighted(self) -> tuple[Invoice | None, InvoiceLine | None]:
        """The invoice of the highlighted row, and its line when the row is a line."""
        table = self.query_one("#details-lines", DataTable)
        if not table.row_count or not self.invoices:
            return None, None
        key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or "")
        kind, _, number = key.partition("-")
        for invoice in self.invoices:
            if kind == "invoice" and str(invoice.id) == number:
                return invoice, None
            for line in invoice.lines:
                if kind == "line" and str(line.id) == number:
                    return invoice, line
        return None, None

    # --- actions ---------------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self, "case details"))

    def action_party(self, role: str) -> None:
        which = PartyRole(role)

        def save(party: Party) -> None:
            self.app.store.set_party(self.case_id, party)

        def done(party: Party | None) -> None:
            if party is not None:
                self.reload()
                self.notify(f"The {which.value}'s details are saved.")

        form = PartyForm(which, self.case.party(which))
        self.app.push_screen(form.saving(save), done)

    def action_invoice(self, invoice: Invoice | None = None) -> None:
        saved: list[int] = []

        def save(typed: InvoiceInput) -> None:
            saved.append(
                self.app.store.save_invoice(
                    self.case_id,
                    typed.number,
                    typed.issue_date,
                    typed.due_date,
                    invoice_id=typed.invoice_id,
                )
            )

        def done(typed: InvoiceInput | None) -> None:
            if typed is None:
                return
            self.reload()
            if typed.invoice_id is None:  # a new invoice: its first line at once
                new = next(inv for inv in self.invoices if inv.id == saved[-1])
                self.open_line(new, None)

        self.app.push_screen(InvoiceForm(invoice).saving(save), done)

    def action_line(self) -> None:
        invoice, _ = self.highlighted()
        invoice = invoice or (self.invoices[-1] if self.invoices else None)
        if invoice is None:
            self.notify("Type the invoice first (i); its lines follow.", severity="warning")
            return
        self.open_line(invoice, None)

    def open_line(self, invoice: Invoice, line: InvoiceLine | None) -> None:
        assert invoice.id is not None
        invoice_id, lang = invoice.id, self.case.language.value

        def save(typed: InvoiceLine) -> None:
            self.app.store.save_line(invoice_id, typed)

        def done(typed: InvoiceLine | None) -> None:
            if typed is not None:
                self.reload()
                self.notify(
                    f"Line saved: {format_money(typed.net_amount, invoice.currency, lang)}.",
                    markup=False,
                )

        form = LineForm(invoice, lang, line)
        self.app.push_screen(form.saving(save), done)

    def action_edit(self) -> None:
        invoice, line = self.highlighted()
        if invoice is None:
            self.action_invoice()
        elif line is None:
            self.action_invoice(invoice)
        else:
            self.open_line(invoice, line)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()
