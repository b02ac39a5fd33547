"""A small chart of what going to court may bring each side, drawn with text: the provider's range
(what it ends up with), the client's (what it ends up paying), the zone where settling beats
court for both, and the proposal on the table, on one axis of money."""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from rich.text import Text

from mediate.domain.court_costs import CourtCosts

LABEL = 10  # "Provider  "


def _scale(values: list[Decimal], cells: int) -> Callable[[Decimal], int]:
    low, high = min(values), max(values)
    span = (high - low) or Decimal(1)

    def column(value: Decimal) -> int:
        exact = (value - low) * (cells - 1) / span
        return int(exact.to_integral_value(rounding=ROUND_HALF_UP))

    return column


def _row(label: str, cells: int, marks: dict[int, tuple[str, str]]) -> Text:
    text = Text(f"{label:<{LABEL}}", style="dim")
    for cell in range(cells):
        char, style = marks.get(cell, (" ", ""))
        text.append(char, style=style)
    return text


def _bar(first: int, last: int, middle: int, style: str) -> dict[int, tuple[str, str]]:
    marks = {cell: ("━", style) for cell in range(first, last + 1)}
    marks[first], marks[last] = ("┣", style), ("┫", style)
    marks[middle] = ("●", f"bold {style}")
    return marks


def range_chart(result: CourtCosts, width: int, money: Callable[[Decimal], str]) -> Text:
    """The chart, ``width`` cells wide (at least 30)."""
    cells = max(20, width - LABEL)
    proposal = result.inputs.proposal
    values = [result.provider.low, result.provider.high, result.client.low, result.client.high]
    if proposal is not None:
        values.append(proposal)
    column = _scale(values, cells)
    rows = [
        _row(
            "Provider",
            cells,
            _bar(
                column(result.provider.low),
                column(result.provider.high),
                column(result.provider.expected),
                "cyan",
            ),
        ),
        _row(
            "Client",
            cells,
            _bar(
                column(result.client.low),
                column(result.client.high),
                column(result.client.expected),
                "magenta",
            ),
        ),
    ]
    if result.zone is not None:
        first, last = column(result.zone[0]), column(result.zone[1])
        zone = {cell: ("═", "green") for cell in range(first, last + 1)}
        if result.midpoint is not None:
            zone[column(result.midpoint)] = ("╪", "bold green")
        rows.append(_row("Zone", cells, zone))
    if proposal is not None:
        rows.append(_row("Proposal", cells, {column(proposal): ("▲", "bold yellow")}))
    low, high = money(min(values)), money(max(values))
    axis = Text(" " * LABEL + low, style="dim")
    axis.append(" " * max(1, cells - len(low) - len(high)) + high)
    rows.append(axis)
    return Text("\n").join(rows)
