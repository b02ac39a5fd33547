"""The money strip: invoiced, undisputed, disputed, ask, offer, the gap and its history."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from rich.text import Text
from textual.widgets import Static

from mediate.domain.money import format_money
from mediate.domain.negotiation import Positions

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
    """One line of figures; shows the positions of a case."""

    def show(self, positions: Positions, currency: str, language: str) -> None:
        def money(amount: Decimal) -> str:
            return format_money(amount, currency, language)

        text = Text()
        for label, amount, style in (
            ("Invoiced", positions.invoiced, ""),
            ("Undisputed", positions.undisputed, "green"),
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
