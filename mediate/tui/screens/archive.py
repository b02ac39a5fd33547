"""The archive: every case with filters and sorting, and full-text search across the record.

The case list is filtered, sorted and paged in the store: the table asks for the rows it draws,
and only those cases are summed, so the archive opens as fast on 100,000 cases as on ten."""

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
from textual.widgets import Input, Select, Static
from textual.worker import get_current_worker

from mediate.domain.errors import DomainError
from mediate.domain.lifecycle import label
from mediate.domain.model import CaseStatus, Language, ReasonCode
from mediate.domain.money import format_money
from mediate.domain.typed_amounts import parse_amount
from mediate.domain.visibility import View
from mediate.store import Store, open_store
from mediate.store.connection import StoreError
from mediate.store.reads import CaseSummary
from mediate.store.search import SORTS, CaseFilter, case_count, case_page, search
from mediate.tui.screens.field_rows import typed_date
from mediate.tui.screens.help import HelpScreen
from mediate.tui.widgets.key_footer import KeyFooter
from mediate.tui.widgets.virtual_table import Column, RowSource, VirtualTable

PAGE = 50  # cases summed at a time: about a screenful
# By priority (see virtual_table.Column): references, status and amounts keep their width, the
# long texts share what is left, and on a narrow terminal the least needed give way first.
HIT_COLUMNS = [
    Column("Reference", 12),
    Column("Title", 28, least=12, drop=1),
    Column("Found in", 10),
    Column("Where", 40, flex=True, least=20),
]
CASE_COLUMNS = [
    Column("Reference", 12),
    Column("Title", 24, flex=True, least=11),
    Column("Parties", 28, flex=True, least=14, drop=2),
    Column("Status", 13),
    Column("Lang.", 5, drop=3),
    Column("Invoiced", 12, right=True),
    Column("Disputed", 12, right=True),
    Column("Opened", 10, drop=1),
]


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

    @property
    def case_filter(self) -> CaseFilter:
        return CaseFilter(
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

    def run(self, store: Store) -> tuple[int, list]:
        """How many rows there are, and the first page of them (the search's best hits, or
        the first page of cases)."""
        if self.text:
            hits = search(store, self.text, view=self.view, prefix=True)
            return len(hits), hits
        return case_count(store, self.case_filter), case_page(store, self.case_filter, 0, PAGE)


def _hit_row(hit) -> tuple:
    """A search hit's cells (the matched words marked), then its case id (not shown)."""
    where = Text()
    for piece, is_match in hit.parts():
        where.append(piece, style="bold reverse" if is_match else "")
    return (Text(hit.reference), Text(hit.title), Text(hit.found_in), where, hit.case_id)


def _case_row(s: CaseSummary) -> tuple:
    """A case's cells (user text stays plain text), then its id (not shown)."""
    return (
        s.reference,
        s.title,
        f"{s.provider} v {s.client}",
        label(s.status),
        Language(s.language).value,
        format_money(s.invoiced, s.currency, s.language),
        format_money(s.disputed, s.currency, s.language),
        s.opened.isoformat() if s.opened else "",
        s.id,
    )


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
        yield VirtualTable(CASE_COLUMNS, selectable=True, page=PAGE, id="archive-table")
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
            date_from=typed_date(self.query_one("#f-from", Input).value, "opened from"),
            date_to=typed_date(self.query_one("#f-to", Input).value, "opened to"),
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
            self.app.call_from_thread(self.show_results, query, *found)

    def show_results(self, query: ArchiveQuery, count: int, first: list) -> None:
        table = self.query_one("#archive-table", VirtualTable)
        status = self.query_one("#archive-status", Static)
        mode = (
            "JOINT VIEW: caucus material is not searched (f2 shows it to the mediator). "
            if self.joint_view
            else "MEDIATOR'S VIEW: caucus material is searched and labelled (f2 hides it). "
        )
        if query.text:
            table.columns = HIT_COLUMNS
            rows = [_hit_row(hit) for hit in first]
            table.set_source(RowSource(lambda: len(rows), lambda at, n: rows[at : at + n]))
            status.update(Text(f"{mode}{count} match(es) for “{query.text}”."))
            return
        case_filter, store = query.case_filter, self.app.store

        def fetch(offset: int, limit: int) -> list[tuple]:
            """The page the worker read, then each page as it is drawn."""
            found = first if offset == 0 else case_page(store, case_filter, offset, limit)
            return [_case_row(s) for s in found]

        table.columns = CASE_COLUMNS
        table.set_source(RowSource(lambda: count, fetch))
        status.update(Text(f"{mode}{count} case(s)."))

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
        self.query_one("#archive-table", VirtualTable).focus()

    def on_virtual_table_selected(self, event: VirtualTable.Selected) -> None:
        event.stop()
        self.action_review()

    def action_review(self) -> None:
        from mediate.tui.screens.review import ReviewScreen

        table = self.query_one("#archive-table", VirtualTable)
        row = table.row(table.cursor) if table.row_count else None
        if row is not None:
            self.app.push_screen(ReviewScreen(row[-1], self.view))

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
