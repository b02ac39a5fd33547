"""A settlement's money as a person checks it: invoiced, agreed and the credit note in net, VAT
and gross, what was paid, what is still owed (or refunded), and the instalments. Every figure is
the domain's (``SettlementMoney``); this only lays them out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from rich.table import Table
from rich.text import Text

from mediate.domain.invoice_totals import CATEGORY_NAMES
from mediate.domain.model import Instalment
from mediate.domain.settlement_money import Amounts, SettlementMoney


def money_table(
    money: SettlementMoney,
    schedule: Sequence[Instalment],
    show: Callable[[Decimal], str],
    gross_schedule: bool = True,
) -> Table:
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
    table.add_column("")
    for title in ("without VAT", "VAT", "with VAT"):
        table.add_column(title, justify="right", no_wrap=True)

    def row(label: str, amounts: Amounts, style: str = "") -> None:
        table.add_row(
            Text(label, style=style),
            show(amounts.net),
            show(amounts.vat),
            Text(show(amounts.gross), style=style or "bold"),
        )

    row("Invoiced", money.invoiced)
    row("Agreed", money.agreed, "bold")
    if money.credit.gross:
        corrects = ", ".join(doc.number for doc in money.invoices if doc.credit.gross)
        row(f"Credit note ({corrects})", money.credit)
    for payment in money.payments:
        when = f" {payment.paid_on:%Y-%m-%d}" if payment.paid_on else ""
        table.add_row(
            Text(f"Paid{when} ({payment.source or 'recorded'})", style="dim"),
            "",
            "",
            show(payment.amount),
        )
    if money.refund:
        table.add_row(
            Text("To refund to the client", style="bold magenta"),
            "",
            "",
            Text(show(money.refund), style="bold magenta"),
        )
    else:
        table.add_row(
            Text("Still owed", style="bold cyan"),
            "",
            "",
            Text(show(money.still_owed), style="bold cyan"),
        )
    for number, instalment in enumerate(schedule, start=1):
        basis = "" if gross_schedule else " (without VAT, as agreed before VAT was recorded)"
        table.add_row(
            Text(f"  {number}. due {instalment.due:%Y-%m-%d}{basis}", style="dim"),
            "",
            "",
            show(instalment.amount),
        )
    no_vat = sorted({c for doc in money.invoices for c in doc.no_vat_categories})
    if no_vat:
        names = "; ".join(f"{c}: {CATEGORY_NAMES.get(c, c)}" for c in no_vat)
        table.add_row(Text(f"No VAT on lines of category {names}", style="dim"), "", "", "")
    return table
