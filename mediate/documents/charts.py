"""Text charts and tables for the terminal: bars of block characters in eighths of a cell.

Bar lengths are exact: values become Fractions (a Decimal converts without loss) and the length
in eighths is rounded half-up, so no float ever touches an amount.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

FULL = "█"
PARTS = ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")  # 0/8 … 7/8 of a cell


def bar_eighths(value: int | Decimal, largest: int | Decimal, width: int) -> int:
    """The bar's length in eighths of a cell: value / largest x width, rounded half-up.

    A value above zero always shows at least one eighth."""
    if value < 0 or largest < 0:
        raise ValueError("a bar chart shows amounts of zero or more")
    if value == 0 or largest == 0:
        return 0
    exact = Fraction(value) * width * 8 / Fraction(largest)
    rounded = (2 * exact.numerator + exact.denominator) // (2 * exact.denominator)
    return max(1, rounded)


def bar(eighths: int) -> str:
    full, part = divmod(eighths, 8)
    return FULL * full + PARTS[part]


def bar_chart(
    rows: Sequence[tuple[str, int | Decimal]],
    width: int = 40,
    shown: Sequence[str] | None = None,
) -> str:
    """One line per row: its label, its bar (the largest value fills ``width`` cells), and its
    value as text (``shown`` when given, e.g. formatted money)."""
    if not rows:
        return ""
    largest = max(value for _, value in rows)
    texts = list(shown) if shown is not None else [str(value) for _, value in rows]
    label_width = max(len(label) for label, _ in rows)
    lines = []
    for (label, value), text in zip(rows, texts, strict=True):
        drawn = bar(bar_eighths(value, largest, width))
        lines.append(f"{label.ljust(label_width)}  {drawn.ljust(width)}  {text}".rstrip())
    return "\n".join(lines)


def text_table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> str:
    """Columns padded to their widest cell; the columns in ``right`` align right."""
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def fmt(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(cells)
        ).rstrip()

    return "\n".join([fmt(headers), fmt(["-" * w for w in widths]), *(fmt(r) for r in rows)])
