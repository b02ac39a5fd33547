"""The money strip: invoiced, undisputed, disputed, ask, offer, the gap and its history."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from rich.text import Text
from textual.widgets import Static

from mediate.domain.money import format_money
from mediate.domain.negotiation import Positions
from mediate.domain.settlement_money import Amounts

BARS = "▁▂▃▄▅▆▇█"


def gap_bars(history: Sequence[Decimal]) -> str:
    """One block per step of the gap's history, tallest for the widest gap (exact arithmetic)."""
    if not history:
        return ""
    top = max(abs(gap) for gap in history)
    if top == 0:
        return BARS[0] * len(history)
    last = len(BARS) - 1
    return "".join(BARS[int((abs(gap) * last / top).to_integral_value())] for gap in history)


class MoneyStrip(Static):
    """The figures of the case as they stand: what was invoiced (without VAT, and with it), paid
    already, disputed, the ask and the offer (without VAT) and the gap with its history."""

    def show(
        self, positions: Positions, invoiced: Amounts, paid: Decimal, currency: str, language: str
    ) -> None:
        def money(amount: Decimal) -> str:
            return format_money(amount, currency, language)

        text = Text()
        text.append("Invoiced ", style="dim")
        text.append(money(positions.invoiced))
        text.append(f" ({money(invoiced.gross)} incl. VAT)", style="dim")
        text.append("  ")
        if paid:
            text.append("Paid ", style="dim")
            text.append(money(paid), style="green")
            text.append("  ")
        for label, amount, style in (
            ("Disputed", positions.disputed, "yellow"),
            ("Ask", positions.ask, "cyan"),
            ("Offer", positions.offer, "magenta"),
        ):
            text.append(f"{label} ", style="dim")
            text.append(money(amount), style=style)
            text.append("  ")
        text.append("Gap ", style="dim")
        text.append(money(positions.gap), style="bold red" if positions.gap else "bold green")
        text.append("  ")
        text.append(gap_bars(positions.history), style="red")
        self.update(text)
