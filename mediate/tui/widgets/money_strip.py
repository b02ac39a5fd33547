"""The money strip: invoiced, undisputed, disputed, ask, offer, the gap and its history."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from rich.text import Text
from textual.widgets import Static

from mediate.domain.money import format_money
from mediate.domain.negotiation import Positions
from mediate.domain.settlement_money import Amounts
from mediate.tui.joint.unbroken import NO_BREAK, Unbroken, unbroken

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
    already, disputed, the ask and the offer (without VAT) and the gap with its history.

    Each label stays on one line with its amount ("Disputed €2,850.00"): a narrow terminal wraps
    the strip between figures, never inside one."""

    def show(
        self, positions: Positions, invoiced: Amounts, paid: Decimal, currency: str, language: str
    ) -> None:
        def money(amount: Decimal) -> str:
            return unbroken(format_money(amount, currency, language))

        def figure(label: str, amount: Decimal, style: str, after: str = "") -> None:
            text.append(f"{unbroken(label)}{NO_BREAK}", style="dim")
            text.append(money(amount), style=style)
            if after:
                text.append(unbroken(after), style="dim")
            text.append("  ")

        text = Text()
        figure(
            "Invoiced",
            positions.invoiced,
            "",
            f" ({format_money(invoiced.gross, currency, language)} incl. VAT)",
        )
        if paid:
            figure("Paid", paid, "green")
        for label, amount, style in (
            ("Disputed", positions.disputed, "yellow"),
            ("Ask", positions.ask, "cyan"),
            ("Offer", positions.offer, "magenta"),
        ):
            figure(label, amount, style)
        text.append(f"Gap{NO_BREAK}", style="dim")
        text.append(money(positions.gap), style="bold red" if positions.gap else "bold green")
        text.append("  ")
        text.append(gap_bars(positions.history), style="red")
        self.plain = text.plain.replace(NO_BREAK, " ")  # what it says, as words
        self.update(Unbroken(text))
