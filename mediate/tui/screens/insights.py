"""Insights across past cases, and the prevention report: what to change to avoid the next one."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown, Static
from textual.worker import get_current_worker

from mediate.domain.insights import insights
from mediate.reports.insights_text import insights_text
from mediate.services.export import prevention_report_text
from mediate.store import open_store
from mediate.store.archive_reads import case_outcomes
from mediate.tui.screens.help import HelpScreen
from mediate.tui.widgets.key_footer import KeyFooter


class InsightsScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Cases", id="insights.back", tooltip="Back to the case list"),
        Binding(
            "p",
            "toggle_prevention",
            "Prevention report",
            id="insights.prevention",
            tooltip="What to change in invoices and contracts",
        ),
        Binding("f1", "help", "Help", id="insights.help", tooltip="Every key of this screen"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.showing_prevention = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="insights-body"):
            yield Static(id="insights-text")
            yield Markdown(id="prevention-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        """Insights as a text table with bar charts, or the prevention report rendered as Markdown."""
        figures = self.query_one("#insights-text", Static)
        report = self.query_one("#prevention-text", Markdown)
        figures.display = not self.showing_prevention
        report.display = self.showing_prevention
        if self.showing_prevention:
            report.update("Reading every case…")
        else:
            figures.update(Text("Insights — reading every case…", style="dim"))
        self.compute(self.showing_prevention)

    @work(thread=True, exclusive=True, group="insights")
    def compute(self, prevention: bool) -> None:
        """Work out the figures off the UI thread, with the worker's own connection."""
        store = open_store(self.app.db_path)
        try:
            if prevention:
                markdown = prevention_report_text(store, None, "en") or "No cases yet."
            else:
                content = Text("Insights — p: prevention report\n\n", style="bold")
                content.append(insights_text(insights(case_outcomes(store)), width=40))
        finally:
            store.close()
        if get_current_worker().is_cancelled:
            return
        if prevention:
            self.app.call_from_thread(self.query_one("#prevention-text", Markdown).update, markdown)
        else:
            self.app.call_from_thread(self.query_one("#insights-text", Static).update, content)

    def action_toggle_prevention(self) -> None:
        self.showing_prevention = not self.showing_prevention
        self.show()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self, "insights"))
