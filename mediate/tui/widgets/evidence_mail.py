"""The Correspondence tab: a searchable list of messages by thread, and a reading pane."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Static

from mediate.domain.safe_text import for_terminal
from mediate.services.evidence import Mailbox
from mediate.tui.widgets.virtual_table import Column, RowSource, VirtualTable

COLUMNS = [
    Column("Sent", 16),
    Column("From", 24),
    Column("Subject", 40),
    Column("📎", 2, right=True),
]


class MailEvidence(Vertical):
    def __init__(self, case_id: int, line_id: int | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.case_id = case_id
        self.first_line = line_id  # shown on mount: the line chosen before the tab was built
        self.mentions: list[str] = []
        self.hint = ""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Search subject, sender and text", id="mail-search")
        yield Static(id="mail-status")
        with Horizontal():
            yield VirtualTable(COLUMNS, id="mail-table")
            with VerticalScroll(id="mail-reading"):
                yield Static(id="mail-body")

    def on_mount(self) -> None:
        self.mailbox = Mailbox(self.app.store, self.case_id)
        self.show_line(self.first_line)

    def reload(self) -> None:
        mailbox = self.mailbox
        mailbox.select(self.query_one("#mail-search", Input).value.split(), self.mentions)

        def fetch(offset: int, limit: int) -> list[tuple]:
            """Shown cells, then the message id (not shown) for the reading pane."""
            return [
                (row.sent, row.sender, row.subject, str(row.attachments or ""), row.id)
                for row in mailbox.page(offset, limit)
            ]

        self.query_one(VirtualTable).set_source(RowSource(lambda: len(mailbox.order), fetch))
        status = Text()
        if self.hint:  # first, so that a narrow screen shows it too
            status.append(f"{self.hint[0].upper()}{self.hint[1:]} (* every line)", style="cyan")
            status.append(" · ")
        status.append(f"{len(mailbox.order)} message(s) in {mailbox.thread_count} thread(s)")
        self.query_one("#mail-status", Static).update(status)
        if not mailbox.order:
            self.query_one("#mail-body", Static).update(Text("No message to show.", style="dim"))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.reload()

    def on_virtual_table_highlighted(self, event: VirtualTable.Highlighted) -> None:
        event.stop()
        if event.row is None:
            return
        message = self.mailbox.message(event.row[-1])
        text = Text()
        for label, value in (
            ("From", message.sender),
            ("To", ", ".join(message.to)),
            ("Cc", ", ".join(message.cc)),
            ("Date", message.sent_at.isoformat(sep=" ") if message.sent_at else "—"),
            ("Subject", message.subject),
        ):
            if value:
                text.append(f"{label}: ", style="bold")
                text.append(f"{for_terminal(value)}\n")
        for attachment in message.attachments:
            text.append(
                f"📎 {for_terminal(attachment.name)} ({attachment.size:,} bytes)\n", style="dim"
            )
        text.append("\n")
        text.append(for_terminal(message.body, multiline=True))
        self.query_one("#mail-body", Static).update(text)

    def show_line(self, line_id: int | None) -> None:
        self.mentions, self.hint = self.mailbox.line_mentions(line_id)
        self.reload()
