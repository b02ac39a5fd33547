"""Insights across past cases, and the prevention report: what to change to avoid the next one."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown, Static

from mediate.documents.prevention_report import prevention_markdown
from mediate.domain.insights import insights
from mediate.reports.insights_text import insights_text
from mediate.store.archive_reads import case_outcomes, prevention
from mediate.tui.screens.help import HelpScreen
from mediate.tui.widgets.key_footer import KeyFooter


class InsightsScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Cases", id="insights.back"),
        Binding("p", "toggle_prevention", "Prevention report", id="insights.prevention"),
        Binding("f1", "help", "Help", id="insights.help"),
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
        store = self.app.store
        figures = self.query_one("#insights-text", Static)
        report = self.query_one("#prevention-text", Markdown)
        figures.display = not self.showing_prevention
        report.display = self.showing_prevention
        if self.showing_prevention:
            report.update(prevention_markdown(prevention(store), language="en", one_case=False))
        else:
            content = Text("Insights — p: prevention report\n\n", style="bold")
            content.append(insights_text(insights(case_outcomes(store)), width=40))
            figures.update(content)

    def action_toggle_prevention(self) -> None:
        self.showing_prevention = not self.showing_prevention
        self.show()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self, "insights"))
