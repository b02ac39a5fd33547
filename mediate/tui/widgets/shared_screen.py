"""The mediator's side of the shared screen (``mediate serve``): a line on the session screen
saying which party is following through its link and what is on their screen, the key that puts
the highlighted invoice line, clause or message on it (and takes it off), and the list of links
where one can be cut.

Links and pointer are audit events (store/joint_verbs.py): this reads them through the app's
store, so a link cut here is cut in the server, which runs in another process.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label, Static

from mediate.domain.errors import DomainError
from mediate.store.connection import StoreError
from mediate.store.joint_verbs import JointLink, Pointer
from mediate.tui.screens.confirm import ConfirmScreen
from mediate.tui.widgets.evidence_invoice import InvoiceEvidence
from mediate.tui.widgets.virtual_table import VirtualTable

REFRESH_SECONDS = 1.0
KINDS = {"line": "invoice line", "clause": "clause", "message": "message"}


def pointer_label(app, case_id: int, pointer: Pointer) -> str:
    """ "invoice line INV-1:2", "clause 4.2", "message “Re: hours”"."""
    store = app.store
    if pointer.kind == "line":
        found = store.invoice_line(pointer.target_id)
        return f"invoice line {found[0]}:{found[1].label}" if found else "an invoice line"
    if pointer.kind == "clause":
        clause = next((c for c in store.clauses(case_id) if c.id == pointer.target_id), None)
        return f"clause {clause.ref or clause.heading}" if clause else "a clause"
    return f"message “{store.message(pointer.target_id).subject}”"


class RecordWatch:
    """Whether a case's record changed since it was last looked at (its latest audit sequence:
    one cheap query), so a widget that polls redraws only when something happened."""

    def __init__(self, case_id: int) -> None:
        self.case_id = case_id
        self.seen = -1

    def changed(self, store, force: bool = False) -> bool:
        seen = store.last_event(self.case_id)
        if seen == self.seen and not force:
            return False
        self.seen = seen
        return True


class SharedScreenStatus(Static):
    """One line: the parties' links and who is connected, and what the mediator shows. Hidden
    while the case has no live link and nothing is shown."""

    DEFAULT_CSS = """
    SharedScreenStatus { height: auto; padding: 0 1; background: $boost; display: none; }
    """

    def __init__(self, case_id: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.case_id = case_id
        self.watch = RecordWatch(case_id)

    def on_mount(self) -> None:
        self.refresh_status()
        self.set_interval(REFRESH_SECONDS, self.refresh_status)

    def refresh_status(self, force: bool = False) -> None:
        store = self.app.store
        try:
            if not self.watch.changed(store, force):
                return
            now = store.clock()
            links = [k for k in store.joint_links(self.case_id) if k.live(now)]
            pointer = store.pointer(self.case_id)
            shown = pointer_label(self.app, self.case_id, pointer) if pointer else ""
        except (StoreError, DomainError):
            return
        self.display = bool(links or pointer)
        if not self.display:
            return
        text = Text()
        text.append("Shared screen: ", style="bold")
        if not links:
            text.append("no live link", style="dim")
        for index, link in enumerate(links):
            if index:
                text.append(" · ")
            if link.connections:
                text.append(f"● {link.party.value} connected", style="bold green")
            else:
                text.append(f"○ {link.party.value} not connected", style="dim")
        text.append(" · showing ", style="bold")
        text.append(shown or "nothing", style="bold yellow" if shown else "dim")
        text.append(" · h/l", style="dim")
        self.update(text)


def highlighted_evidence(screen: Screen) -> tuple[str, int] | None:
    """The invoice line, clause or message highlighted on the session's active evidence tab."""
    tabs = screen.query_one("#evidence")
    active = getattr(tabs, "active", "")
    if active == "tab-invoice":
        found = screen.query("#invoice-evidence")
        if found:
            evidence = found.first(InvoiceEvidence)
            line_id = evidence.line_id_at(evidence.query_one(VirtualTable).cursor)
            if line_id is not None:
                return "line", line_id
    elif active == "tab-contract":
        found = screen.query("#contract-evidence")
        if found:
            evidence = found.first()
            index = evidence.query_one("#clause-list").highlighted
            shown = getattr(evidence, "shown", [])
            if index is not None and 0 <= index < len(shown) and shown[index].id is not None:
                return "clause", shown[index].id
    elif active == "tab-mail":
        found = screen.query("#mail-evidence")
        if found:
            table = found.first().query_one(VirtualTable)
            row = table.row(table.cursor) if table.row_count else None
            if row:
                return "message", row[-1]
    return None


def point(screen: Screen, case_id: int, caucus: object | None) -> None:
    """``h`` on the session screen: put the highlighted invoice line, clause or message on the
    parties' shared screen; on what is shown already (or where nothing is highlighted), take
    it off. Not in a caucus: the party on the shared screen would see what is discussed."""
    store = screen.app.store
    if caucus is not None:
        screen.notify(
            "Not in a caucus: the other party would see what you point at. "
            "End the caucus (0) first.",
            severity="warning",
        )
        return
    chosen = highlighted_evidence(screen)
    shown = store.pointer(case_id)
    try:
        if chosen is not None and (shown is None or (shown.kind, shown.target_id) != chosen):
            store.point_at(case_id, *chosen)
            label = pointer_label(screen.app, case_id, store.pointer(case_id))  # type: ignore[arg-type]
            screen.notify(f"On the shared screen: {label}.", markup=False)
        elif shown is not None:
            store.clear_pointer(case_id)
            screen.notify("Taken off the shared screen.")
        else:
            screen.notify(
                "Highlight an invoice line, a clause or a message on its tab, then press h.",
                severity="warning",
            )
            return
    except (DomainError, StoreError) as error:
        screen.notify(str(error), severity="error", markup=False)
        return
    for status in screen.query(SharedScreenStatus):
        status.refresh_status(force=True)


class LinksScreen(ModalScreen[None]):
    """The links of ``mediate serve`` for this case: who is connected; ``x`` cuts a link."""

    BINDINGS = [
        Binding("x,delete", "cut", "Cut link", id="links.cut", tooltip="Cut the highlighted link"),
        Binding("escape,l", "dismiss", "Close", id="links.close", tooltip="Close this list"),
    ]
    COLUMNS = ("#", "Party", "State", "Connected", "Issued", "Works until")

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id
        self.links: list[JointLink] = []
        self.watch = RecordWatch(case_id)

    def compose(self) -> ComposeResult:
        with Vertical(classes="form wide"):
            yield Label("Links to the shared screen", classes="form-title")
            table = DataTable(id="links-table", cursor_type="row")
            table.add_columns(*self.COLUMNS)
            yield table
            yield Static(id="links-help", classes="form-help")

    def on_mount(self) -> None:
        self.reload()
        self.set_interval(REFRESH_SECONDS, self.reload)

    def reload(self, force: bool = False) -> None:
        store = self.app.store
        try:
            if not self.watch.changed(store, force):
                return
            self.links = store.joint_links(self.case_id)
            now = store.clock()
        except (StoreError, DomainError):
            return
        table = self.query_one(DataTable)
        # The highlight stays on the link it was on (not on its row number: a new server's links
        # come in at the top), so that x cuts the link the mediator chose.
        chosen = (
            table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            if table.row_count
            else None
        )
        table.clear()
        for link in reversed(self.links):
            state = link.state(now)
            table.add_row(
                str(link.number),
                link.party.value,
                Text(state, style="green" if state == "live" else "dim"),
                Text(
                    "yes" if link.connections and state == "live" else "no",
                    style="bold green" if link.connections and state == "live" else "dim",
                ),
                _moment(link.issued_at),
                _moment(link.expires_at),
                key=str(link.number),
            )
        keys = [str(link.number) for link in reversed(self.links)]
        if keys:
            table.move_cursor(row=keys.index(chosen) if chosen in keys else 0)
        self.query_one("#links-help", Static).update(
            Text(
                "x cuts the highlighted link: its browser is disconnected and the link opens "
                "nothing from then on. `mediate serve CASE` issues new links. Esc closes."
                if self.links
                else "No links yet: `mediate serve CASE` issues one per party. Esc closes."
            )
        )

    def action_cut(self) -> None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return
        number = int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or 0)
        link = next((k for k in self.links if k.number == number), None)
        if link is None or not link.live(self.app.store.clock()):
            self.notify("That link no longer works.", severity="warning")
            return

        def done(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.app.store.revoke_joint_link(self.case_id, number)
            except (DomainError, StoreError) as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.notify(f"Link {number} ({link.party.value}) cut.")
            self.reload(force=True)

        self.app.push_screen(
            ConfirmScreen(
                f"Cut link {number}, the {link.party.value}'s?",
                "The browser on it is disconnected within a second, and the link opens nothing "
                "from then on.",
            ),
            done,
        )


def _moment(at: datetime) -> str:
    return f"{at.astimezone():%Y-%m-%d %H:%M}"
