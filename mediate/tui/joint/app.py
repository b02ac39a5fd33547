"""``mediate joint CASE``: the joint view of one case, read-only, following the session live.

The app is given a ``JointRecord`` (services/joint.py) and nothing else: no store, no other case,
no archive. It polls the case's latest audit sequence a few times a second (SQLite's WAL lets it
read while the mediator writes) and reads the joint view again when it moved. No key changes
anything: the keys scroll, download the signed agreement, and leave.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from mediate.domain.errors import DomainError
from mediate.domain.model import PartyRole
from mediate.services.joint import AgreementFile, JointRecord, JointSnapshot
from mediate.store.connection import StoreError
from mediate.tui.joint import render
from mediate.tui.joint.words import Words

POLL_SECONDS = 0.2  # how often the app asks whether the record changed (one indexed read)
NARROW = 100  # below this many columns the party cards stack

CSS = """
JointScreen { layout: vertical; }
#joint-header { height: auto; padding: 0 1; }
#joint-money { height: auto; padding: 0 1; background: $boost; }
#joint-body { height: 1fr; }
#joint-shown {
    height: auto; border: heavy $warning; border-title-color: $warning;
    border-title-style: bold; padding: 0 1; margin: 0 1;
}
#joint-cards { height: auto; }
#joint-cards.narrow { layout: vertical; }
.joint-card { width: 1fr; height: auto; border: round $primary; padding: 0 1; }
#joint-proposals, #joint-agreement {
    height: auto; border: round $secondary; padding: 0 1; margin: 0 0;
}
#joint-agreement { border: round $success; }
#joint-footer { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
"""


class JointScreen(Screen[None]):
    BINDINGS = [
        Binding("d", "download('docx')", "Download", show=False),
        Binding("f", "download('pdf')", "PDF", show=False),
    ]

    def __init__(self, record: JointRecord, files: Path | None) -> None:
        super().__init__()
        self._record = record
        self._files_folder = files
        self._version = -1
        self._files: list[AgreementFile] = []
        self._files_version = -1
        self.snapshot: JointSnapshot | None = None
        self.words = Words("en")

    def compose(self) -> ComposeResult:
        yield Static(id="joint-header")
        yield Static(id="joint-money")
        with VerticalScroll(id="joint-body"):
            yield Static(id="joint-shown")
            with Horizontal(id="joint-cards"):
                yield Static(id="joint-provider", classes="joint-card")
                yield Static(id="joint-client", classes="joint-card")
            yield Static(id="joint-proposals")
            yield Static(id="joint-agreement")
        yield Static(id="joint-footer")

    def on_mount(self) -> None:
        self.poll()
        self.set_interval(POLL_SECONDS, self.poll)
        self.query_one("#joint-body").focus()

    def on_resize(self) -> None:
        self.query_one("#joint-cards").set_class(self.size.width < NARROW, "narrow")

    # --- reading ---------------------------------------------------------------------------------

    def poll(self) -> None:
        """Read the joint view again when the record changed since it was last read."""
        try:
            version = self._record.version()
            if version == self._version:
                return
            snapshot = self._record.snapshot()
        except (StoreError, DomainError, OSError) as error:
            self.query_one("#joint-footer", Static).update(
                Text(self.words("unreadable", error=str(error)), style="bold red")
            )
            return
        self._version = snapshot.version
        self.show(snapshot)

    def show(self, snapshot: JointSnapshot) -> None:
        self.snapshot = snapshot
        case = snapshot.case
        words = self.words = Words(case.language.value)
        self.app.title = f"{case.reference} · {words('shared_screen')}"
        updated = datetime.now().astimezone().strftime("%H:%M:%S")
        self.query_one("#joint-header", Static).update(render.header(snapshot, words, updated))
        self.query_one("#joint-money", Static).update(render.money_line(snapshot, words))
        shown = self.query_one("#joint-shown", Static)
        shown.display = snapshot.shown is not None
        if snapshot.shown is not None:
            shown.border_title = words("mediator_shows")
            money = render.Money(case.currency, case.language.value)
            shown.update(render.shown_panel(snapshot.shown, words, money))
        for role in PartyRole:
            card = self.query_one(f"#joint-{role.value}", Static)
            card.border_title = render.party_title(snapshot, role, words)
            card.update(render.party_card(snapshot, role, words))
        proposals = self.query_one("#joint-proposals", Static)
        proposals.border_title = words("proposals")
        proposals.update(render.proposals_table(snapshot, words))
        self.show_agreement()
        self.show_footer()
        agreement = snapshot.agreement
        files_due = agreement and agreement.exported and agreement.locked
        if files_due and self._files_version != snapshot.version:
            self.load_files(snapshot.version)

    def show_agreement(self) -> None:
        snapshot = self.snapshot
        panel = self.query_one("#joint-agreement", Static)
        agreement = snapshot.agreement if snapshot else None
        panel.display = agreement is not None
        if snapshot is None or agreement is None:
            return
        panel.border_title = self.words("agreement")
        pdf = any(f.name.endswith(".pdf") for f in self._files)
        panel.update(
            render.agreement_panel(
                agreement, self.words, snapshot.case.currency, snapshot.case.language.value, pdf
            )
        )

    def show_footer(self) -> None:
        words = self.words
        keys = [words("keys")]
        if self._files:
            keys.append(words("key_download"))
        if any(f.name.endswith(".pdf") for f in self._files):
            keys.append(words("key_pdf"))
        keys.append(words("key_leave"))
        self.query_one("#joint-footer", Static).update(Text("   ".join(keys)))

    @work(thread=True, exclusive=True, group="agreement-files")
    def load_files(self, version: int) -> None:
        """The signed agreement's files (made again and checked when not found: a worker)."""
        record = JointRecord.open(self.app.db_path, self.app.case)  # a worker's own connection
        try:
            files = record.agreement_files(self._files_folder)
        finally:
            record.close()
        self.app.call_from_thread(self.files_loaded, version, files)

    def files_loaded(self, version: int, files: list[AgreementFile]) -> None:
        self._files, self._files_version = files, version
        self.show_agreement()
        self.show_footer()

    # --- keys ------------------------------------------------------------------------------------

    def action_download(self, kind: str) -> None:
        if not self._files:
            self.notify(self.words("nothing_to_download"))
            return
        language = self.snapshot.case.language.value if self.snapshot else "en"
        chosen = [f for f in self._files if f.name.endswith(f".{kind}")]
        if not chosen:
            self.notify(self.words("no_pdf"))
            return
        # The case's language first, else the first language it was exported in.
        file = next((f for f in chosen if f"-{language}." in f.name), chosen[0])
        self.notify(self.words("downloading", name=file.name), markup=False)
        self.app.deliver_binary(
            io.BytesIO(file.data), save_filename=file.name, mime_type=file.mime_type
        )


class JointApp(App[None]):
    """The joint view of one case. Nothing here writes; there is no route to anything else."""

    CSS = CSS
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "quit", "Leave", priority=True, show=False)]

    def __init__(self, db_path: Path, case: str, files: Path | None = None) -> None:
        super().__init__()
        self.db_path = db_path
        self.case = case
        self.files = files
        self.record = JointRecord.open(db_path, case)

    def get_default_screen(self) -> JointScreen:
        return JointScreen(self.record, self.files)

    def on_unmount(self) -> None:
        self.record.close()

    # Textual's own actions that would reach outside the joint view do nothing here: a party must
    # not save files on the mediator's computer (a screenshot), suspend the process or switch
    # themes and screens.
    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        return

    async def action_suspend_process(self) -> None:
        return

    async def action_push_screen(self, screen: str) -> None:
        return

    async def action_switch_screen(self, screen: str) -> None:
        return

    def action_change_theme(self) -> None:
        return
