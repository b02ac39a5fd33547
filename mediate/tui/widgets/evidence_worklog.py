"""The Work log tab: filters, a lazily fetched table of entries, and totals.

Each row shows the entry's clock times when the export had them and flags what does not count in
full against hours billed: ``overlap`` (its clock time intersects another entry of the same
person: the shared time counts once), ``non-billable``, ``absence``. Flags are worked out in SQL
for the rows of a page only; the totals once per filter.
"""

from __future__ import annotations

from datetime import date, datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from mediate.domain.reconciliation import hours, left_out_text
from mediate.services.evidence import WorkLog, line_label
from mediate.store.evidence_reads import WorkFilter, WorkRow
from mediate.tui.widgets.virtual_table import Column, RowSource, VirtualTable

COLUMNS = [
    Column("Date", 10),
    Column("Time", 11),
    Column("Person", 14),
    Column("Hours", 6, right=True),
    Column("Flag", 20),  # "overlap+non-billable" whole
    Column("Task", 12),
    Column("Description", 18, flex=True),
    Column("Line", 14),
]
FLAG_STYLES = {"overlap": "bold red", "non-billable": "yellow", "absence": "yellow"}


def clock_text(started: datetime | None, ended: datetime | None) -> str:
    """ "09:00–11:30" (the end on a later day gets "+1"); "" without clock times."""
    if started is None or ended is None:
        return ""
    days = (ended.date() - started.date()).days
    return f"{started:%H:%M}–{ended:%H:%M}" + (f"+{days}" if days else "")


def row_cells(row: WorkRow) -> tuple:
    """A page row as the table shows it; plain strings unless the row has a flag."""
    flags: str | Text = ""
    if row.flags:
        flags = Text()
        for number, flag in enumerate(row.flags):
            flags.append("+" if number else "")
            flags.append(flag, style=FLAG_STYLES.get(flag, ""))
    return (
        row.date,
        clock_text(row.started_at, row.ended_at),
        row.person,
        str(hours(row.minutes)),
        flags,
        row.task,
        row.description,
        row.line or "—",
    )


class WorklogEvidence(Vertical):
    DEFAULT_CSS = """
    WorklogEvidence > #worklog-counted { height: auto; max-height: 2; padding: 0 1; }
    """

    def __init__(self, case_id: int, line_id: int | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.case_id = case_id
        self.first_line = line_id  # shown on mount: the line chosen before the tab was built
        self.line_id: int | None = None
        self.line_label = ""

    def compose(self) -> ComposeResult:
        with Horizontal(id="worklog-filters"):
            yield Input(placeholder="person", id="w-person")
            yield Input(placeholder="from 2026-03-01", id="w-from")
            yield Input(placeholder="to 2026-03-31", id="w-to")
        yield Static(id="worklog-totals")
        yield Static(id="worklog-counted")
        yield VirtualTable(COLUMNS, id="worklog-table")

    def on_mount(self) -> None:
        self.show_line(self.first_line)

    def _date(self, selector: str) -> date | None:
        text = self.query_one(selector, Input).value.strip()
        return date.fromisoformat(text) if text else None

    def reload(self) -> None:
        totals = self.query_one("#worklog-totals", Static)
        counted = self.query_one("#worklog-counted", Static)
        try:
            work_filter = WorkFilter(
                person=self.query_one("#w-person", Input).value,
                date_from=self._date("#w-from"),
                date_to=self._date("#w-to"),
                line_id=self.line_id,
            )
        except ValueError:
            totals.update(Text("Dates are written like 2026-03-31.", style="yellow"))
            counted.update("")
            return
        log = WorkLog(self.app.store, self.case_id, work_filter)
        store, case_id = self.app.store, self.case_id

        def fetch(offset: int, limit: int) -> list[tuple]:
            return [row_cells(row) for row in store.work_rows(case_id, work_filter, offset, limit)]

        self.query_one(VirtualTable).set_source(RowSource(lambda: log.totals.entries, fetch))
        t = log.totals
        text = Text()
        if self.line_id is not None:  # first, so that a narrow screen shows it too
            text.append(f"{self.line_label} only (* every line)", style="cyan")
            text.append(" · ")
        text.append(
            f"{t.entries} entries · {hours(t.minutes)} h · linked {hours(t.linked_minutes)} h · "
            f"unlinked {hours(t.minutes - t.linked_minutes)} h"
        )
        totals.update(text)
        time = t.time
        line = Text(
            f"Logged {hours(time.logged)} h · counted {hours(time.counted)} h · "
            f"left out {hours(time.left_out)} h"
        )
        if time.left_out:
            line.append(f": {left_out_text(time)}", style="yellow")
        counted.update(line)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.reload()

    def show_line(self, line_id: int | None) -> None:
        self.line_id = line_id
        self.line_label = line_label(self.app.store, line_id)
        self.reload()
