"""The Correspondence tab: a searchable list of messages by thread, and a reading pane."""

from __future__ import annotations

import json
import re

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Static

from mediate.domain.model import Message
from mediate.importers.mail import thread_order
from mediate.store.evidence_reads import message_by_id, message_ids, message_rows, thread_fields
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
        self._threads: list[list[Message]] | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Search subject, sender and text", id="mail-search")
        yield Static(id="mail-status")
        with Horizontal():
            yield VirtualTable(COLUMNS, id="mail-table")
            with VerticalScroll(id="mail-reading"):
                yield Static(id="mail-body")

    def on_mount(self) -> None:
        self.show_line(self.first_line)

    def threads(self) -> list[list[Message]]:
        """The case's threads (by Message-ID / In-Reply-To / References), worked out once."""
        if self._threads is None:
            self._threads = thread_order(thread_fields(self.app.store.db, self.case_id))
        return self._threads

    def reload(self) -> None:
        db = self.app.store.db
        words = self.query_one("#mail-search", Input).value.split()
        matching = message_ids(db, self.case_id, words, self.mentions)
        order = [
            (message.id, position > 0)
            for thread in self.threads()
            for position, message in enumerate(thread)
            if message.id in matching
        ]

        def fetch(offset: int, limit: int) -> list[tuple]:
            """Shown cells (replies marked ↳), then the message id (not shown) for the reading pane."""
            chunk = order[offset : offset + limit]
            rows = message_rows(db, [message_id for message_id, _ in chunk])
            return [
                (
                    rows[message_id][0][:16].replace("T", " "),
                    rows[message_id][1],
                    ("↳ " if reply else "") + rows[message_id][2],
                    str(rows[message_id][3] or ""),
                    message_id,
                )
                for message_id, reply in chunk
            ]

        self.query_one(VirtualTable).set_source(RowSource(lambda: len(order), fetch))
        threads = sum(1 for thread in self.threads() if any(m.id in matching for m in thread))
        status = Text(f"{len(order)} message(s) in {threads} thread(s)")
        if self.hint:
            status.append(f"   {self.hint}", style="cyan")
        self.query_one("#mail-status", Static).update(status)
        if not order:
            self.query_one("#mail-body", Static).update(Text("No message to show.", style="dim"))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.reload()

    def on_virtual_table_highlighted(self, event: VirtualTable.Highlighted) -> None:
        event.stop()
        if event.row is None:
            return
        message = message_by_id(self.app.store.db, event.row[-1])
        text = Text()
        for label, value in (
            ("From", message["sender"]),
            ("To", ", ".join(json.loads(message["recipients"]))),
            ("Cc", ", ".join(json.loads(message["cc"]))),
            ("Date", (message["sent_at"] or "—").replace("T", " ")),
            ("Subject", message["subject"]),
        ):
            if value:
                text.append(f"{label}: ", style="bold")
                text.append(f"{value}\n")
        for attachment in json.loads(message["attachments"]):
            text.append(f"📎 {attachment['name']} ({attachment['size']:,} bytes)\n", style="dim")
        text.append("\n")
        text.append(message["body"])
        self.query_one("#mail-body", Static).update(text)

    def show_line(self, line_id: int | None) -> None:
        self.mentions, self.hint = [], ""
        if line_id is not None:
            row = self.app.store.db.execute(
                "SELECT i.number, l.position, l.description FROM invoice_lines l "
                "JOIN invoices i ON i.id = l.invoice_id WHERE l.id = ?",
                [line_id],
            ).fetchone()
            if row:
                words = [w for w in re.findall(r"[A-Za-zÀ-ÿ]{5,}", row[2])][:6]
                self.mentions = [row[0], *words]
                self.hint = f"mentioning {row[0]} or line {row[1]}'s words"
        self.reload()
