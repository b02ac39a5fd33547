"""The session's record tabs: statements, notes and proposals as tables, each row saying where it
was made (joint, a caucus, or released from one), so a key acts on the row that is highlighted."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from rich.text import Text
from textual.widgets import DataTable

from mediate.domain.model import Note, Proposal, Statement, Visibility
from mediate.domain.safe_text import for_terminal
from mediate.domain.visibility import label

STATEMENT_COLUMNS = ("#", "Party", "Where", "Statement", "Restatement", "State")
NOTE_COLUMNS = ("Time", "Where", "Note")
PROPOSAL_COLUMNS = (
    "#",
    "By",
    "Where",
    "Excl. VAT",
    "Status",
    "Answers",
    "Schedule (incl. VAT)",
    "Terms",
)


def record_table(table_id: str, columns: tuple[str, ...]) -> DataTable:
    """A row-cursor table with its columns."""
    widget = DataTable(id=table_id, cursor_type="row")
    widget.add_columns(*columns)
    return widget


def where(visibility: Visibility, released: bool) -> Text:
    """Where a record was made, as its table shows it to the mediator."""
    if visibility == Visibility.JOINT:
        return Text("joint", style="dim")
    if released:
        return Text(f"released ({label(visibility)})", style="green")
    return Text(label(visibility), style="magenta")


def fill_statements(table: DataTable, statements: list[Statement]) -> None:
    table.clear()
    for index, s in enumerate(statements, start=1):
        state = (
            "confirmed"
            if s.confirmed
            else ("corrected" if s.correction else ("restated" if s.restatement else "new"))
        )
        table.add_row(
            str(index),
            s.party.value,
            where(s.visibility, s.released_at is not None),
            Text(for_terminal(s.text)),
            Text(for_terminal(s.restatement)),
            state,
            key=str(s.id),
        )


def fill_notes(table: DataTable, notes: list[Note]) -> None:
    table.clear()
    for note in notes:
        table.add_row(
            f"{note.created_at:%H:%M}" if note.created_at else "",
            where(note.visibility, note.released_at is not None),
            Text(for_terminal(note.text)),
            key=str(note.id),
        )


def fill_proposals(
    table: DataTable, proposals: list[Proposal], money: Callable[[Decimal], str]
) -> None:
    table.clear()
    numbers = {p.id: p.number for p in proposals}
    for p in proposals:
        schedule = ", ".join(f"{i.due:%Y-%m-%d} {money(i.amount)}" for i in p.schedule)
        table.add_row(
            str(p.number),
            p.proposed_by.value,
            where(p.visibility, p.released_at is not None),
            Text(money(p.total), justify="right"),
            p.status.value,
            f"#{numbers[p.counter_of]}" if p.counter_of in numbers else "",
            Text(schedule or "—"),
            Text(for_terminal(p.terms)),
            key=str(p.id),
        )
