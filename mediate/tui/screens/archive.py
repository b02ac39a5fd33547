"""The archive: every case with filters and sorting, and full-text search across the record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Input, Select, Static
from textual.worker import get_current_worker

from mediate.domain.errors import DomainError
from mediate.domain.lifecycle import label
from mediate.domain.model import CaseStatus, Language, ReasonCode
from mediate.domain.money import format_money
from mediate.domain.typed_amounts import parse_amount
from mediate.domain.visibility import View
from mediate.store import Store, open_store
from mediate.store.connection import StoreError
from mediate.store.search import SORTS, filter_cases, search
from mediate.tui.screens.help import HelpScreen
from mediate.tui.widgets.key_footer import KeyFooter


@dataclass(frozen=True)
class ArchiveQuery:
    """A search (when ``text`` is given) or the case list narrowed by the filters."""

    text: str
    view: View
    status: str | None = None
    party: str = ""
    language: str | None = None
    reason: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    sort: str = "opened"
    descending: bool = True

    def run(self, store: Store) -> list:
        if self.text:
            return search(store, self.text, view=self.view, prefix=True)
        return filter_cases(
            store,
            status=self.status,
            party=self.party,
            language=self.language,
            reason=self.reason,
            date_from=self.date_from,
            date_to=self.date_to,
            amount_min=self.amount_min,
            amount_max=self.amount_max,
            sort=self.sort,
            descending=self.descending,
        )


def _date(text: str, what: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise DomainError(f"{what}: write a date like 2026-04-30.") from None


class ArchiveScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Cases", id="archive.back", tooltip="Back to the case list"),
        Binding(
            "enter",
            "review",
            "Review",
            id="archive.review",
            tooltip="Timeline, agreement, re-export, integrity of the highlighted case",
            priority=False,
        ),
        Binding(
            "slash",
            "search",
            "Search",
            id="archive.search",
            tooltip="Search titles, parties, statements, notes, e-mails and clauses",
        ),
        Binding(
            "f2",
            "joint_view(False)",
            "Show caucus",
            id="archive.show_caucus",
            tooltip="Search caucus material too, labelled with its caucus (the mediator alone)",
        ),
        Binding(
            "f2",
            "joint_view(True)",
            "Hide caucus",
            id="archive.joint_view",
            tooltip="Back to the joint view: caucus material is left out, for screen sharing",
        ),
        Binding("f1", "help", "Help", id="archive.help", tooltip="Every key of this screen"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.joint_view = True  # safe by default: a shared screen shows no caucus material
        self.keys: list[int] = []
        self.listed_for: tuple = ()  # the search, filters and view the table shows

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder="Search titles, parties, statements, notes, e-mails, clauses…", id="search"
        )
        with Horizontal(id="archive-filters"):
            yield Select([(label(s), s.value) for s in CaseStatus], prompt="status", id="f-status")
            yield Input(placeholder="party", id="f-party")
            yield Select(
                [("English", "en"), ("Nederlands", "nl")], prompt="language", id="f-language"
            )
            yield Select([(r.value, r.value) for r in ReasonCode], prompt="reason", id="f-reason")
            yield Input(placeholder="opened from", id="f-from")
            yield Input(placeholder="opened to", id="f-to")
            yield Input(placeholder="disputed ≥", id="f-min")
            yield Input(placeholder="disputed ≤", id="f-max")
            yield Select(
                [(f"sort: {s}", s) for s in SORTS], value="opened", allow_blank=False, id="f-sort"
            )
        yield Static(id="archive-status")
        yield DataTable(id="archive-table", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_results()

    def _select(self, selector: str):
        value = self.query_one(selector, Select).value
        return None if value is Select.NULL else value

    def _amount(self, selector: str):
        text = self.query_one(selector, Input).value.strip()
        return parse_amount(text) if text else None

    def criteria(self) -> tuple:
        fields = self.query("#search, #archive-filters Input, #archive-filters Select")
        return (self.joint_view, *(field.value for field in fields))

    @property
    def view(self) -> View:
        return View.JOINT if self.joint_view else View.MEDIATOR

    def archive_query(self) -> ArchiveQuery:
        """What the fields ask for, checked here (a bad date or amount is said at once)."""
        sort = self.query_one("#f-sort", Select).value
        return ArchiveQuery(
            text=self.query_one("#search", Input).value.strip(),
            view=self.view,
            status=self._select("#f-status"),
            party=self.query_one("#f-party", Input).value,
            language=self._select("#f-language"),
            reason=self._select("#f-reason"),
            date_from=_date(self.query_one("#f-from", Input).value, "opened from"),
            date_to=_date(self.query_one("#f-to", Input).value, "opened to"),
            amount_min=self._amount("#f-min"),
            amount_max=self._amount("#f-max"),
            sort=str(sort),
            descending=sort != "reference",
        )

    def refresh_results(self) -> None:
        self.listed_for = self.criteria()
        try:
            query = self.archive_query()
        except DomainError as error:
            self.query_one("#archive-status", Static).update(Text(str(error), style="yellow"))
            return
        self.find(query)

    @work(thread=True, exclusive=True, group="archive")
    def find(self, query: ArchiveQuery) -> None:
        """Search or filter off the UI thread, with the worker's own connection."""
        store = open_store(self.app.db_path)
        try:
            found = query.run(store)
        except (DomainError, StoreError) as error:
            message = str(error)
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(
                    self.query_one("#archive-status", Static).update, Text(message, style="yellow")
                )
            return
        finally:
            store.close()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_results, query, found)

    def show_results(self, query: ArchiveQuery, found: list) -> None:
        table = self.query_one("#archive-table", DataTable)
        status = self.query_one("#archive-status", Static)
        table.clear(columns=True)
        self.keys = []
        mode = (
            "JOINT VIEW: caucus material is not searched (f2 shows it to the mediator). "
            if self.joint_view
            else "MEDIATOR'S VIEW: caucus material is searched and labelled (f2 hides it). "
        )
        if query.text:
            table.add_column("Reference")
            table.add_column("Title", width=28)
            table.add_column("Found in")
            table.add_column("Where")
            for hit in found:
                where = Text()
                for piece, is_match in hit.parts():
                    where.append(piece, style="bold reverse" if is_match else "")
                table.add_row(
                    Text(hit.reference),
                    Text(hit.title, overflow="ellipsis", no_wrap=True),
                    Text(hit.found_in),
                    where,
                )
                self.keys.append(hit.case_id)
            status.update(Text(f"{mode}{len(found)} match(es) for “{query.text}”."))
            return
        table.add_columns(
            "Reference", "Title", "Parties", "Status", "Language", "Invoiced", "Disputed", "Opened"
        )
        for s in found:
            table.add_row(
                Text(s.reference),
                Text(s.title, overflow="ellipsis", no_wrap=True),
                Text(f"{s.provider} v {s.client}", overflow="ellipsis", no_wrap=True),
                label(s.status),
                Language(s.language).value,
                Text(format_money(s.invoiced, s.currency, s.language), justify="right"),
                Text(format_money(s.disputed, s.currency, s.language), justify="right"),
                s.opened.isoformat() if s.opened else "",
            )
            self.keys.append(s.id)
        status.update(Text(f"{mode}{len(found)} case(s)."))

    def on_input_changed(self) -> None:
        self.refresh_when_changed()

    def on_select_changed(self) -> None:
        self.refresh_when_changed()

    def refresh_when_changed(self) -> None:
        """List again only when the search, a filter or the view changed. The sort Select reports
        its first value once mounted: listing twice as the screen opened left the table drawn
        with its columns at the width of their titles."""
        if self.criteria() != self.listed_for:
            self.refresh_results()

    def on_input_submitted(self) -> None:
        """Enter in the search or a filter goes to the results."""
        self.query_one("#archive-table", DataTable).focus()

    def on_data_table_row_selected(self) -> None:
        self.action_review()

    def action_review(self) -> None:
        from mediate.tui.screens.review import ReviewScreen

        table = self.query_one("#archive-table", DataTable)
        if table.row_count and table.cursor_row < len(self.keys):
            self.app.push_screen(ReviewScreen(self.keys[table.cursor_row], self.view))

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_joint_view(self, joint: bool) -> None:
        self.joint_view = joint
        if joint:
            self.app.clear_notifications()
        self.refresh_bindings()
        self.refresh_results()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """f2 shows caucus material in the joint view and hides it again outside."""
        if action == "joint_view":
            return parameters != (self.joint_view,)
        return True

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self, "archive"))
