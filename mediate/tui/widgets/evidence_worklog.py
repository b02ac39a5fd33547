"""The Work log tab: filters, a lazily fetched table of entries, and totals."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from mediate.domain.reconciliation import hours
from mediate.services.evidence import WorkLog, line_label
from mediate.store.evidence_reads import WorkFilter
from mediate.tui.widgets.virtual_table import Column, RowSource, VirtualTable

COLUMNS = [
    Column("Date", 10),
    Column("Person", 18),
    Column("Hours", 6, right=True),
    Column("Task", 18),
    Column("Description", 40),
    Column("Line", 16),
]


class WorklogEvidence(Vertical):
    BINDINGS = [
        Binding(
            "u",
            "all_lines",
            "All lines",
            id="worklog.all_lines",
            tooltip="Show the work logged on every line, not only the chosen one",
        )
    ]

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
        yield VirtualTable(COLUMNS, id="worklog-table")

    def on_mount(self) -> None:
        self.show_line(self.first_line)

    def _date(self, selector: str) -> date | None:
        text = self.query_one(selector, Input).value.strip()
        return date.fromisoformat(text) if text else None

    def reload(self) -> None:
        totals = self.query_one("#worklog-totals", Static)
        try:
            work_filter = WorkFilter(
                person=self.query_one("#w-person", Input).value,
                date_from=self._date("#w-from"),
                date_to=self._date("#w-to"),
                line_id=self.line_id,
            )
        except ValueError:
            totals.update(Text("Dates are written like 2026-03-31.", style="yellow"))
            return
        log = WorkLog(self.app.store, self.case_id, work_filter)
        self.query_one(VirtualTable).set_source(RowSource(lambda: log.totals.entries, log.page))
        t = log.totals
        text = Text(
            f"{t.entries} entries · {hours(t.minutes)} h · linked {hours(t.linked_minutes)} h · "
            f"unlinked {hours(t.minutes - t.linked_minutes)} h"
        )
        if self.line_id is not None:
            text.append(f"   {self.line_label} only — press u to show all", style="cyan")
        totals.update(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.reload()

    def show_line(self, line_id: int | None) -> None:
        self.line_id = line_id
        self.line_label = line_label(self.app.store, line_id)
        self.reload()

    def action_all_lines(self) -> None:
        self.show_line(None)
