"""The home screen: every case in the database, filtered as you type."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Input, ProgressBar
from textual.worker import get_current_worker

from mediate.domain.errors import DomainError
from mediate.domain.lifecycle import label
from mediate.domain.money import format_money
from mediate.importers.problems import BadInput
from mediate.store import open_store
from mediate.store.connection import StoreError
from mediate.store.reads import CaseSummary
from mediate.tui.widgets.key_footer import KeyFooter
from mediate.tui.widgets.virtual_table import Column, RowSource, VirtualTable

if TYPE_CHECKING:
    from mediate.domain.model import Case
    from mediate.tui.screens.status_change import StatusChoice

# The forms and help a key opens are imported when it is pressed, not at start-up.

PAGE = 50  # cases read at a time: a screenful and more

# By priority: the reference, status, amounts and dates keep their width; the title and the
# parties share what is left; on a narrow terminal the last activity, then the parties, give way.
COLUMNS = [
    Column("Reference", 12),
    Column("Title", 24, flex=True, least=11),
    Column("Parties", 24, flex=True, least=14, drop=2),
    Column("Status", 13),
    Column("Invoiced", 12, right=True),
    Column("Disputed", 12, right=True),
    Column("Opened", 10),
    Column("Last activity", 13, drop=1),
]


def case_row(s: CaseSummary) -> tuple:
    """The cells of one case, then the summary itself (carried, not shown); user text stays plain
    text (the table never parses markup)."""
    return (
        s.reference,
        s.title,
        f"{s.provider} v {s.client}",
        label(s.status),
        format_money(s.invoiced, s.currency, s.language),
        format_money(s.disputed, s.currency, s.language),
        s.opened.isoformat() if s.opened else "",
        f"{s.last_activity:%d %b %H:%M}" if s.last_activity else "",
        s,
    )


class HomeScreen(Screen[None]):
    """The case list."""

    BINDINGS = [
        Binding(
            "slash",
            "focus_filter",
            "Filter",
            id="home.filter",
            tooltip="Filter the case list by reference, title, party or status",
        ),
        Binding(
            "i",
            "import_folder",
            "Import",
            id="home.import",
            tooltip="Import a case folder (case.toml, invoices, contract, work log, e-mails)",
        ),
        Binding("n", "new_case", "New case", id="home.new", tooltip="Type in a new case"),
        Binding(
            "d",
            "details",
            "Details",
            id="home.details",
            tooltip="The highlighted case's parties, invoices and lines, typed in the app",
        ),
        Binding(
            "s",
            "change_status",
            "Status",
            id="home.status",
            tooltip="Impasse, withdrawn, or back in session",
        ),
        Binding(
            "a",
            "archive",
            "Archive",
            id="home.archive",
            tooltip="Past cases: filters and full-text search",
        ),
        Binding(
            "I",
            "insights",
            "Insights",
            id="home.insights",
            tooltip="Settlement rate, reductions, reasons, prevention",
        ),
        Binding("f1", "help", "Help", id="home.help", tooltip="Every key of this screen"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.count = 0  # cases the filter leaves
        self.listed = ""  # the words the list holds the cases of

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder="Filter: type words from a reference, title, party or status", id="filter"
        )
        yield VirtualTable(COLUMNS, selectable=True, page=PAGE, id="cases")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#cases", VirtualTable).focus()
        # the cases are listed on_screen_resume, which also follows the first mount

    def refresh_cases(self) -> None:
        self.show_cases()

    def show_cases(self) -> None:
        """Filtered and paged in the store: the table asks for the rows it draws, a page at a
        time, and only those are summed and formatted. The whole list is a page of an index;
        words are looked for in every case (about 0.5 s over 100,000), off the UI thread, so
        typing goes on and each key starts the search again."""
        words = self.query_one("#filter", Input).value.strip()
        if not words:
            self.list_cases("", self.app.store.case_count(""), None)
            return
        if words != self.listed:
            # Until the cases of new words are found, the list holds none: Enter opens nothing
            # rather than a case of the list as it was before the last key. (The same words
            # listed again, back from a case, keep their list and its highlight meanwhile.)
            self.list_cases(words, 0, [])
        self.find_cases(words)

    @work(thread=True, exclusive=True, group="home-filter")
    def find_cases(self, words: str) -> None:
        """Count the cases holding ``words`` and read their first page, with the worker's own
        connection; a search started by a later key cancels this one."""
        worker = get_current_worker()
        try:
            store = open_store(self.app.db_path)
            try:
                count = store.case_count(words)
                first = store.summary_page(words, 0, PAGE) if count else []
            finally:
                store.close()
        except StoreError as error:
            if not worker.is_cancelled:
                self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self.list_cases, words, count, first)

    def list_cases(self, words: str, count: int, first: list[CaseSummary] | None) -> None:
        """The list of the cases holding ``words`` (all for none): ``count`` of them, the first
        page as read with them when given, the others read as they are drawn."""
        if words != self.query_one("#filter", Input).value.strip():
            return  # found for a filter since typed over
        store = self.app.store
        self.count, self.listed = count, words

        def fetch(offset: int, limit: int) -> list[tuple]:
            if first is not None and offset == 0 and len(first) >= min(limit, count):
                return [case_row(s) for s in first[:limit]]
            return [case_row(s) for s in store.summary_page(words, offset, limit)]

        self.query_one("#cases", VirtualTable).set_source(RowSource(lambda: count, fetch))
        if not count and not words:
            self.notify("No cases yet: press i to import a case folder or n to create a case.")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            self.show_cases()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            self.query_one("#cases", VirtualTable).focus()

    def on_key(self, event: events.Key) -> None:
        """Down in the filter goes on to the list it filtered, so Enter then opens a case."""
        if event.key == "down" and self.focused is self.query_one("#filter", Input):
            event.stop()
            self.query_one("#cases", VirtualTable).focus()

    def selected(self) -> CaseSummary | None:
        """The highlighted case."""
        table = self.query_one("#cases", VirtualTable)
        row = table.row(table.cursor) if table.row_count else None
        return row[-1] if row else None

    def selected_case_id(self) -> int | None:
        summary = self.selected()
        return summary.id if summary else None

    def on_virtual_table_selected(self, event: VirtualTable.Selected) -> None:
        event.stop()
        self.action_open_case()

    # --- actions -----------------------------------------------------------------------------------

    def action_open_case(self) -> None:
        from mediate.tui.screens.session import SessionScreen

        case_id = self.selected_case_id()
        if case_id is not None:
            self.app.push_screen(SessionScreen(case_id))

    def on_screen_resume(self) -> None:
        """List the cases whenever the screen shows again (after a session, import or status)."""
        self.refresh_cases()

    def action_archive(self) -> None:
        from mediate.tui.screens.archive import ArchiveScreen

        self.app.push_screen(ArchiveScreen())

    def action_insights(self) -> None:
        from mediate.tui.screens.insights import InsightsScreen

        self.app.push_screen(InsightsScreen())

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_help(self) -> None:
        from mediate.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self, "case list"))

    def action_new_case(self) -> None:
        from mediate.tui.screens.new_case import NewCaseForm

        def done(case: Case | None) -> None:
            if case is not None:
                self.refresh_cases()
                self.notify(
                    f"Case {case.reference} created: type its invoice and the parties' details "
                    "here; Escape goes back to the case list, Enter there opens the session.",
                    markup=False,
                    timeout=8,
                )
                self.open_details(self.app.store.case_id(case.reference))

        # A refusal (a reference the importer would refuse too, a busy database) keeps the
        # form open with what was typed.
        self.app.push_screen(NewCaseForm().saving(self.app.store.create_case), done)

    def action_details(self) -> None:
        case_id = self.selected_case_id()
        if case_id is not None:
            self.open_details(case_id)

    def open_details(self, case_id: int) -> None:
        from mediate.tui.screens.case_details import CaseDetailsScreen

        self.app.push_screen(CaseDetailsScreen(case_id))

    def action_change_status(self) -> None:
        from mediate.tui.screens.status_change import StatusForm

        summary = self.selected()
        if summary is None:
            return
        case_id = summary.id

        def save(choice: StatusChoice) -> None:
            self.app.store.change_status(case_id, choice.status, choice.reason)

        def done(choice: StatusChoice | None) -> None:
            if choice is not None:
                self.refresh_cases()
                self.notify(f"{summary.reference} is now {label(choice.status)}.", markup=False)

        self.app.push_screen(StatusForm(summary.reference, summary.status).saving(save), done)

    def action_import_folder(self) -> None:
        from mediate.tui.screens.import_folder import ImportFolderForm

        def done(path: Path | None) -> None:
            if path is not None:
                bar = ProgressBar(id="import-progress", show_eta=False, classes="busy")
                self.mount(bar, before=self.query_one(KeyFooter))  # only while importing
                self.import_folder(path, bar)

        self.app.push_screen(ImportFolderForm(), done)

    @work(thread=True, exclusive=True, group="import")
    def import_folder(self, path: Path, bar: ProgressBar) -> None:
        """Read and write a case folder off the UI thread, with its own connection."""
        from mediate.services import intake  # the importers load only when a folder comes in

        call = self.app.call_from_thread
        call(bar.update, total=len(intake.folder_files([path])), progress=0)
        try:
            store = open_store(self.app.db_path)
            try:
                ((_case_id, read),) = intake.import_folders(
                    store, [path], on_file=lambda _p: call(bar.advance, 1)
                )
            finally:
                store.close()
        except (BadInput, DomainError, StoreError) as error:
            call(self.import_finished, f"Not imported: {error}", "error")
            return
        warnings = f" with {len(read.notices)} warning(s)" if read.notices else ""
        call(
            self.import_finished, f"Imported {read.bundle.case.reference}{warnings}.", "information"
        )

    def import_finished(self, message: str, severity: str) -> None:
        self.query_one("#import-progress", ProgressBar).remove()
        self.refresh_cases()
        self.notify(message, severity=severity, markup=False, timeout=8)
