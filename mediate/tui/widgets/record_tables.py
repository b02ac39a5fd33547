"""The session's record tabs: statements, notes and proposals as tables, each row saying where it
was made (joint, a caucus, or released from one), so a key acts on the row that is highlighted.

Columns are sized by priority: numbers, states and amounts as wide as their widest cell, then the
long texts share what is left of the table's width (cut with an ellipsis, never the money). The
highlight stays on its record when the table is filled again, and goes to the record a key should
act on (the newest unconfirmed statement, the open proposal) when records were added."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import DataTable

from mediate.domain.model import Note, Proposal, ProposalStatus, Statement, Visibility
from mediate.domain.money import format_money
from mediate.domain.safe_text import for_terminal
from mediate.domain.visibility import label


@dataclass(frozen=True)
class RecordColumn:
    title: str
    share: int = 0  # 0: as wide as its widest cell; more: a share of the width the others leave
    least: int = 10  # a sharing column is never narrower


STATEMENT_COLUMNS = (
    RecordColumn("#"),
    RecordColumn("Party"),
    RecordColumn("Where"),
    RecordColumn("State"),
    RecordColumn("Claims"),
    RecordColumn("Statement", share=1),
    RecordColumn("Restatement", share=1),
)
NOTE_COLUMNS = (RecordColumn("Time"), RecordColumn("Where"), RecordColumn("Note", share=1))
PROPOSAL_COLUMNS = (
    RecordColumn("#"),
    RecordColumn("By"),
    RecordColumn("Where"),
    RecordColumn("Excl. VAT"),
    RecordColumn("Status"),
    RecordColumn("Answers"),
    RecordColumn("Schedule (incl. VAT)"),  # dates with amounts: never cut
    RecordColumn("Terms", share=1),
)

Row = tuple[str, tuple[str | Text, ...]]  # the record's id as the row key, and its cells


def default_statement(statements: list[Statement]) -> Statement | None:
    """The statement a key acts on when none is highlighted: the newest not yet confirmed."""
    return next((s for s in reversed(statements) if not s.confirmed), None)


def default_proposal(proposals: list[Proposal]) -> Proposal | None:
    """The proposal a key acts on when none is highlighted: the newest open one."""
    return next((p for p in reversed(proposals) if p.status == ProposalStatus.OPEN), None)


def highlighted(table: DataTable) -> str | None:
    """The key of the highlighted row (None when the table is empty)."""
    if not table.row_count:
        return None
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


def _width(cell: str | Text) -> int:
    return cell.cell_len if isinstance(cell, Text) else cell_len(cell)


class RecordTable(DataTable):
    """A row-cursor table of records whose columns fit its width (see the module)."""

    def __init__(self, columns: Sequence[RecordColumn], **kwargs) -> None:
        super().__init__(cursor_type="row", **kwargs)
        self.specs = tuple(columns)
        self.records: list[Row] = []
        self.laid_out_at = -1  # the width the columns were last sized for

    def on_mount(self) -> None:
        self.lay_out()

    def widths(self, room: int) -> list[int | None]:
        """Each column's width at ``room`` cells: None (as wide as its cells) before the table
        has a width."""
        fixed = [
            max([cell_len(c.title), *(_width(cells[i]) for _, cells in self.records)])
            for i, c in enumerate(self.specs)
        ]
        if room <= 0:
            return [None] * len(self.specs)
        padding = 2 * self.cell_padding * len(self.specs) + 1  # and a scrollbar's column
        shares = sum(c.share for c in self.specs)
        left = (
            room - padding - sum(w for w, c in zip(fixed, self.specs, strict=True) if not c.share)
        )
        return [
            w if not c.share else max(c.least, min(w, left * c.share // shares) if shares else w)
            for w, c in zip(fixed, self.specs, strict=True)
        ]

    def lay_out(self) -> None:
        """Build the columns for the current width and put the records in them."""
        room = self.size.width
        self.laid_out_at = room
        self.clear(columns=True)
        for column, width in zip(self.specs, self.widths(room), strict=True):
            self.add_column(column.title, width=width)
        for key, cells in self.records:
            self.add_row(
                *(
                    Text(str(cell), no_wrap=True, overflow="ellipsis")
                    if column.share and not isinstance(cell, Text)
                    else cell
                    for column, cell in zip(self.specs, cells, strict=True)
                ),
                key=key,
            )

    def show(self, records: list[Row], default: int | None) -> None:
        """Fill the table with ``records``. The highlight stays on its record; on the first fill,
        or when records were added since the last, it goes to ``default``."""
        before, keys = highlighted(self), {key for key, _ in self.records}
        self.records = records
        self.lay_out()
        now = [key for key, _ in records]
        added = not keys or bool(set(now) - keys)
        target = before if before in now and not added else None
        if target is None and default is not None:
            target = str(default)
        self.highlight(target)

    def highlight(self, key: str | None) -> None:
        keys = [k for k, _ in self.records]
        if key in keys:
            self.move_cursor(row=keys.index(key), animate=False)

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self.laid_out_at:
            before = highlighted(self)
            self.lay_out()
            self.highlight(before)


def record_table(table_id: str, columns: Sequence[RecordColumn]) -> RecordTable:
    """A row-cursor table with its columns."""
    return RecordTable(columns, id=table_id)


def where(visibility: Visibility, released: bool) -> Text:
    """Where a record was made, as its table shows it to the mediator."""
    if visibility == Visibility.JOINT:
        return Text("joint", style="dim")
    if released:
        return Text(f"released ({label(visibility)})", style="green")
    return Text(label(visibility), style="magenta")


def statement_state(s: Statement) -> Text:
    if s.confirmed:
        return Text("confirmed", style="green")
    if s.correction:
        return Text("corrected", style="yellow")
    return Text("restated" if s.restatement else "new", style="yellow")


def fill_statements(
    table: RecordTable, statements: list[Statement], currency: str, language: str
) -> None:
    default = default_statement(statements) or (statements[-1] if statements else None)
    table.show(
        [
            (
                str(s.id),
                (
                    str(index),
                    s.party.value,
                    where(s.visibility, s.released_at is not None),
                    statement_state(s),
                    Text(
                        ""
                        if s.claimed_amount is None
                        else format_money(s.claimed_amount, currency, language),
                        justify="right",
                    ),
                    for_terminal(s.text),
                    for_terminal(s.restatement),
                ),
            )
            for index, s in enumerate(statements, start=1)
        ],
        default.id if default else None,
    )


def fill_notes(table: RecordTable, notes: list[Note]) -> None:
    table.show(
        [
            (
                str(note.id),
                (
                    f"{note.created_at:%H:%M}" if note.created_at else "",
                    where(note.visibility, note.released_at is not None),
                    for_terminal(note.text),
                ),
            )
            for note in notes
        ],
        notes[-1].id if notes else None,
    )


def fill_proposals(
    table: RecordTable, proposals: list[Proposal], money: Callable[[Decimal], str]
) -> None:
    numbers = {p.id: p.number for p in proposals}
    default = default_proposal(proposals) or (proposals[-1] if proposals else None)
    table.show(
        [
            (
                str(p.id),
                (
                    str(p.number),
                    p.proposed_by.value,
                    where(p.visibility, p.released_at is not None),
                    Text(money(p.total), justify="right"),
                    p.status.value,
                    f"#{numbers[p.counter_of]}" if p.counter_of in numbers else "",
                    Text(
                        ", ".join(f"{i.due:%Y-%m-%d} {money(i.amount)}" for i in p.schedule) or "—"
                    ),
                    for_terminal(p.terms),
                ),
            )
            for p in proposals
        ],
        default.id if default else None,
    )
