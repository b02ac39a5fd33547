"""The home screen: every case in the database, newest first."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header

from mediate.domain.lifecycle import label
from mediate.domain.money import format_money


class HomeScreen(Screen[None]):
    """The case list."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="cases", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#cases", DataTable)
        for key, title in (
            ("reference", "Reference"),
            ("title", "Title"),
            ("parties", "Parties"),
            ("status", "Status"),
            ("invoiced", "Invoiced"),
            ("disputed", "Disputed"),
            ("opened", "Opened"),
            ("activity", "Last activity"),
        ):
            table.add_column(title, key=key)
        self.refresh_cases()

    def refresh_cases(self) -> None:
        table = self.query_one("#cases", DataTable)
        table.clear()
        for s in self.app.store.summaries():
            money = lambda amount, s=s: Text(  # noqa: E731
                format_money(amount, s.currency, s.language), justify="right"
            )
            table.add_row(
                Text(s.reference),
                Text(s.title),
                Text(f"{s.provider} v {s.client}"),
                Text(label(s.status)),
                money(s.invoiced),
                money(s.disputed),
                Text(s.opened.isoformat() if s.opened else ""),
                Text(f"{s.last_activity:%Y-%m-%d %H:%M}" if s.last_activity else ""),
                key=str(s.id),
            )
        if not table.row_count:
            self.notify("No cases yet: import a case folder with `mediate import FOLDER`.")
