"""Paging through a case's evidence: the work log and the correspondence, a page at a time.

The store reads the rows; this layer holds what the evidence tabs of every front end share: the
mailbox in thread order, and which messages and entries belong to an invoice line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mediate.domain.model import Message
from mediate.domain.reconciliation import hours
from mediate.domain.threads import thread_order
from mediate.store import Store
from mediate.store.evidence_reads import WorkFilter, WorkTotals

_LINE_WORDS = re.compile(r"[A-Za-zÀ-ÿ]{5,}")


def line_label(store: Store, line_id: int | None) -> str:
    """ "line INV-1:2" for a line of the case, "" for none."""
    if line_id is None:
        return ""
    found = store.invoice_line(line_id)
    return f"line {found[0]}:{found[1].label}" if found else "this line"


class WorkLog:
    """The work log of one case under a filter: totals and rows a page at a time."""

    def __init__(self, store: Store, case_id: int, work_filter: WorkFilter) -> None:
        self.store, self.case_id, self.filter = store, case_id, work_filter
        self.totals: WorkTotals = store.work_totals(case_id, work_filter)

    def page(self, offset: int, limit: int) -> list[tuple[str, str, str, str, str, str]]:
        """(date, person, hours, task, description, line or "—") rows in date order."""
        return [
            (day, person, str(hours(minutes)), task, description, line or "—")
            for day, person, minutes, task, description, line in self.store.work_page(
                self.case_id, self.filter, offset, limit
            )
        ]


@dataclass(frozen=True)
class MailRow:
    """A message as the list shows it."""

    id: int
    sent: str  # "2026-04-02 14:05"
    sender: str
    subject: str  # a reply starts with "↳ "
    attachments: int


class Mailbox:
    """The correspondence of one case in thread order, searched and narrowed to a line."""

    def __init__(self, store: Store, case_id: int) -> None:
        self.store, self.case_id = store, case_id
        self._threads: list[list[Message]] | None = None
        self.order: list[tuple[int, bool]] = []  # (message id, is a reply) as listed
        self.thread_count = 0

    def threads(self) -> list[list[Message]]:
        """The case's threads (by Message-ID / In-Reply-To / References), worked out once."""
        if self._threads is None:
            self._threads = thread_order(self.store.thread_fields(self.case_id))
        return self._threads

    def select(self, words: list[str], mentions: list[str]) -> None:
        """List the messages holding every word and, when given, any of the mentions."""
        matching = self.store.message_ids(self.case_id, words, mentions)
        self.order = [
            (message.id, position > 0)
            for thread in self.threads()
            for position, message in enumerate(thread)
            if message.id is not None and message.id in matching
        ]
        self.thread_count = sum(
            1 for thread in self.threads() if any(m.id in matching for m in thread)
        )

    def page(self, offset: int, limit: int) -> list[MailRow]:
        chunk = self.order[offset : offset + limit]
        rows = self.store.message_rows([message_id for message_id, _ in chunk])
        return [
            MailRow(
                id=message_id,
                sent=rows[message_id][0][:16].replace("T", " "),
                sender=rows[message_id][1],
                subject=("↳ " if reply else "") + rows[message_id][2],
                attachments=rows[message_id][3] or 0,
            )
            for message_id, reply in chunk
        ]

    def message(self, message_id: int) -> Message:
        return self.store.message(message_id)

    def line_mentions(self, line_id: int | None) -> tuple[list[str], str]:
        """The words that tie a message to an invoice line (its invoice number and the line's
        longer words), and a hint saying so; nothing for no line."""
        if line_id is None:
            return [], ""
        found = self.store.invoice_line(line_id)
        if found is None:
            return [], ""
        number, line = found
        words = _LINE_WORDS.findall(line.description)[:6]
        return [number, *words], f"mentioning {number} or line {line.position}'s words"
