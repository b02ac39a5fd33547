"""What a large import needs to write in slices: the checks made before anything is written,
the size of a slice, and the state a case is in while it is hidden.

A slice holds at most ``SLICE_ROWS`` rows and about ``SLICE_BYTES`` bytes of text: on a laptop
that is a write of a fifth of a second at most, and the import pauses between slices, so a window
saving a note meanwhile waits no longer than that.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from mediate.domain.bundle import CaseBundle
from mediate.domain.case_reference import check_reference
from mediate.domain.errors import DomainError
from mediate.domain.safe_text import for_terminal

SLICE_ROWS = 1_000
SLICE_BYTES = 4 * 1024 * 1024
# After writing this long (in slices, each its own transaction) the import lets go of the
# database for SLICE_PAUSE: SQLite's busy handler retries a waiting writer at least every
# 100 ms, so a window saving a note gets its turn then instead of losing every race to the
# import's next slice. It waits at most about WRITE_SPELL + SLICE_PAUSE; the import spends a
# fifth of its time pausing, not a pause per slice.
WRITE_SPELL = 0.45
SLICE_PAUSE = 0.11
FOREIGN_HOST_HOURS = 1


def _text_bytes(row: dict[str, Any]) -> int:
    return sum(len(value) for value in row.values() if isinstance(value, str))


def slices(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """``rows`` cut in runs of at most SLICE_ROWS rows and about SLICE_BYTES of text (a single
    row larger than that is a slice of its own)."""
    part: list[dict[str, Any]] = []
    size = 0
    for row in rows:
        weight = _text_bytes(row)
        if part and (len(part) >= SLICE_ROWS or size + weight > SLICE_BYTES):
            yield part
            part, size = [], 0
        part.append(row)
        size += weight
    if part:
        yield part


def bulk_size(bundle: CaseBundle) -> tuple[int, int]:
    """Rows and characters of text in the work log and the mail."""
    rows = len(bundle.work) + len(bundle.messages)
    text = sum(len(e.description) + len(e.task) + len(e.project) for e in bundle.work)
    text += sum(len(m.body) + len(m.subject) for m in bundle.messages)
    return rows, text


def is_small(bundle: CaseBundle) -> bool:
    """Whether the case's work log and mail fit in one slice (then it is written whole)."""
    rows, text = bulk_size(bundle)
    return rows <= SLICE_ROWS and text <= SLICE_BYTES


def check_bundle(bundle: CaseBundle) -> None:
    """The refusals that do not depend on the database, made before anything is written."""
    case = bundle.case
    check_reference(case.reference)
    for invoice in bundle.invoices:
        if invoice.currency.upper() != case.currency.upper():
            raise DomainError(
                f"Invoice {invoice.number} is in {invoice.currency}, the case in {case.currency}."
            )
    lines = {(inv.number, ln.position) for inv in bundle.invoices for ln in inv.lines}
    for entry in bundle.work:
        if entry.target is None and entry.invoice_number is not None:
            key = (entry.invoice_number, entry.line_position)
            if entry.line_position is not None and key not in lines:
                raise DomainError(
                    f"A work entry of {entry.date} names invoice line "
                    f"{entry.invoice_number}:{entry.line_position}, which the case does not have."
                )


def summary_of(bundle: CaseBundle, existing_id: int | None) -> dict[str, Any]:
    """What an import event says about the case it writes."""
    return {
        "reference": bundle.case.reference,
        "source": bundle.source,
        "invoices": len(bundle.invoices),
        "clauses": len(bundle.clauses),
        "work_entries": len(bundle.work),
        "messages": len(bundle.messages),
        "statements": len(bundle.statements),
        "payments": len(bundle.payments),
        "replaced": existing_id is not None,
    }


@dataclass(frozen=True)
class ImportState:
    """Who is importing a hidden case, since when, and whether it replaces one."""

    pid: int
    host: str
    since: str
    replacing: bool

    @classmethod
    def now(cls, since: str, replacing: bool) -> ImportState:
        return cls(os.getpid(), socket.gethostname(), since, replacing)

    @classmethod
    def parse(cls, text: str) -> ImportState:
        try:
            data = json.loads(text)
            return cls(
                int(data["pid"]), str(data["host"]), str(data["since"]), bool(data["replacing"])
            )
        except (ValueError, KeyError, TypeError):
            return cls(0, "", "", True)  # unreadable: treated as an import nobody runs

    @classmethod
    def of(cls, db: Database, case_id: int) -> ImportState | None:
        row = db.execute("SELECT import_state FROM cases WHERE id = ?", [case_id]).fetchone()
        return cls.parse(row[0]) if row and row[0] else None

    def text(self) -> str:
        return json.dumps(
            {"pid": self.pid, "host": self.host, "since": self.since, "replacing": self.replacing},
            sort_keys=True,
        )

    def running(self) -> bool:
        """Whether the importing process still runs. On this machine it is asked; one on
        another machine (a database in a shared folder) cannot be, and is taken to run for
        ``FOREIGN_HOST_HOURS`` after it began."""
        if self.pid <= 0:
            return False
        if self.host != socket.gethostname():
            try:
                began = datetime.fromisoformat(self.since)
            except ValueError:
                return False
            now = datetime.now(began.tzinfo) if began.tzinfo else datetime.now()
            return now - began < timedelta(hours=FOREIGN_HOST_HOURS)
        if self.pid == os.getpid():
            return False  # this process, whose earlier attempt failed
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


def unfinished_sentence(reference: str, state: ImportState) -> str:
    """What to tell a person who asks for a case whose import has not finished."""
    since = state.since[:16].replace("T", " ")
    if state.running():
        return (
            f"Case “{for_terminal(reference)}” is being imported right now (since {since}); "
            "it opens once the import has finished."
        )
    return (
        f"The import of case “{for_terminal(reference)}” did not finish (begun {since}); "
        "import its folder again (with --replace) to complete it."
    )
