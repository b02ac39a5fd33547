"""Writing an imported case: in one transaction, or in short slices while the case is hidden."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from mediate.domain.bundle import CaseBundle
from mediate.domain.errors import DomainError
from mediate.domain.model import Invoice, InvoiceLine, PartyRole
from mediate.store import rows as R
from mediate.store.base import StoreBase
from mediate.store.connection import StoreError
from mediate.store.import_slices import (
    SLICE_PAUSE,
    WRITE_SPELL,
    ImportState,
    check_bundle,
    is_small,
    slices,
    summary_of,
    unfinished_sentence,
)
from mediate.store.schema import CASE_TABLES
from mediate.store.writes import Changes, serialized, transaction, write

# Children first, so foreign keys hold while a case is replaced.
_REPLACE_ORDER = tuple(reversed(CASE_TABLES))


def _line_id(
    line_ids: dict[tuple[str, int], int],
    number: str | None,
    position: int | None,
    who: str,
    target: InvoiceLine | None = None,
) -> int | None:
    """The stored id of the line an importer resolved (``target``, written just before), else of
    invoice line NUMBER:POSITION; None when none is named."""
    if target is not None and target.id is not None:
        return target.id
    if number is None or position is None:
        return None
    if (number, position) not in line_ids:
        raise DomainError(
            f"{who} names invoice line {number}:{position}, which the case does not have."
        )
    return line_ids[(number, position)]


class IntakeVerbs(StoreBase):
    def import_bundle(
        self,
        bundle: CaseBundle,
        replace: bool = False,
        actor: str = "mediator",
        at: datetime | None = None,
        finish: bool = True,
    ) -> int:
        """Write a case with its invoices, clauses, work log and messages.

        A second import of the same reference is refused unless ``replace``; a replacement keeps
        the case's id and audit chain and swaps its content. A case whose work log and mail fit
        in one slice (``is_small``) is written in one transaction and one audit event. A larger
        one is written in slices of at most ``SLICE_ROWS`` rows and ``SLICE_BYTES`` bytes, each
        its own transaction and audit event, so other windows wait a fraction of a second at a
        time; until ``finish_imports`` the case is hidden (see ``ImportState``). If a slice
        fails, a new case is removed again and a replaced one stays hidden, to be imported again.

        ``finish=False`` leaves a sliced import hidden for the caller to finish (or abandon)
        together with others.
        """
        check_bundle(bundle)
        if is_small(bundle):
            return self._import_whole(bundle, replace, actor, at)
        case_id = self._begin(bundle, replace, actor, at)
        spell = time.monotonic()
        try:
            for table, rows in self._bulk_rows(case_id, bundle):
                for part in slices(rows):
                    if time.monotonic() - spell >= WRITE_SPELL:
                        time.sleep(SLICE_PAUSE)  # other windows' turn
                        spell = time.monotonic()
                    summary = {"table": table, "rows": len(part)}
                    with write(
                        self.db, case_id, self.moment(at), actor, "case.import.part", summary
                    ) as ch:
                        ch.insert_many(table, part)
            if finish:
                self.finish_imports([case_id], actor, at)
        except BaseException:
            if finish:
                self.abandon_imports([case_id])
            raise
        return case_id

    @serialized
    def _import_whole(
        self, bundle: CaseBundle, replace: bool, actor: str, at: datetime | None
    ) -> int:
        existing_id = self._existing(bundle, replace)
        kind = "case.reimported" if existing_id is not None else "case.imported"
        with write(
            self.db, existing_id, self.moment(at), actor, kind, summary_of(bundle, existing_id)
        ) as ch:
            case_id = self._case_row(ch, bundle, existing_id, None)
            self._write_content(ch, case_id, bundle, self.moment(at))
            self._write_bulk(ch, case_id, bundle)
        if existing_id is not None:
            self._scrub()
        return case_id

    @serialized
    def _begin(self, bundle: CaseBundle, replace: bool, actor: str, at: datetime | None) -> int:
        """The case row marked as being imported, the old content gone, the small content in."""
        existing_id = self._existing(bundle, replace)
        state = ImportState.now(self.moment(), replacing=existing_id is not None)
        summary = summary_of(bundle, existing_id)
        with write(
            self.db, existing_id, self.moment(at), actor, "case.import.begun", summary
        ) as ch:
            case_id = self._case_row(ch, bundle, existing_id, state)
            self._write_content(ch, case_id, bundle, self.moment(at))
        return case_id

    def finish_imports(
        self, case_ids: list[int], actor: str = "mediator", at: datetime | None = None
    ) -> None:
        """Show the cases of sliced imports, all in one transaction."""
        with transaction(self.db):
            for case_id in case_ids:
                state = ImportState.of(self.db, case_id)
                if state is None:
                    continue  # written whole
                kind = "case.reimported" if state.replacing else "case.imported"
                summary = {"reference": self._reference(case_id), "sliced": True}
                with write(self.db, case_id, self.moment(at), actor, kind, summary) as ch:
                    ch.update("cases", case_id, {"import_state": None})
                if state.replacing:
                    self._scrub()

    def abandon_imports(self, case_ids: list[int]) -> None:
        """After a failed sliced import: a new case is removed (its rows and its audit events: it
        never existed); a replaced one stays hidden with its state, to be imported again. Best
        effort: when the database itself is failing, ``unfinished_imports`` names what is left."""
        for case_id in case_ids:
            state = ImportState.of(self.db, case_id)
            if state is None or state.replacing:
                continue
            try:
                with transaction(self.db):
                    for table in (*_REPLACE_ORDER, "audit_events"):
                        self.db.execute(f"DELETE FROM [{table}] WHERE case_id = ?", [case_id])
                    self.db.execute("DELETE FROM cases WHERE id = ?", [case_id])
            except (StoreError, sqlite3.Error):
                pass

    def _scrub(self) -> None:
        """After a case's content was replaced: merge the search index, so the removed text
        leaves its old segments (``secure_delete`` zeroes the pages they free). What the audit
        log recorded stays, by design."""
        self.db.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")

    def unfinished_imports(self) -> list[tuple[str, ImportState]]:
        """Cases an import began and did not finish, with who began it and when."""
        rows = self.db.execute(
            "SELECT reference, import_state FROM cases WHERE import_state IS NOT NULL "
            "ORDER BY reference"
        ).fetchall()
        return [(reference, ImportState.parse(text)) for reference, text in rows]

    def _reference(self, case_id: int) -> str:
        return self.db.execute("SELECT reference FROM cases WHERE id = ?", [case_id]).fetchone()[0]

    def _existing(self, bundle: CaseBundle, replace: bool) -> int | None:
        """The id of the case this import replaces (None for a new one); a refusal otherwise."""
        reference = bundle.case.reference
        row = self.db.execute(
            "SELECT id, import_state FROM cases WHERE reference = ?", [reference]
        ).fetchone()
        if row is None:
            return None
        state = ImportState.parse(row[1]) if row[1] else None
        if state is not None and state.running():
            raise DomainError(unfinished_sentence(reference, state))
        if state is None and not replace:
            raise DomainError(
                f"Case “{reference}” is already in the database; use --replace to import it again."
            )
        self._clear_checked(row[0])
        return row[0]

    def _clear_checked(self, case_id: int) -> None:
        if self.db.execute(
            "SELECT 1 FROM settlements WHERE case_id = ? AND locked = 1", [case_id]
        ).fetchone():
            raise DomainError("This case has a signed-off settlement; it cannot be replaced.")

    def _case_row(
        self, ch: Changes, bundle: CaseBundle, existing_id: int | None, state: ImportState | None
    ) -> int:
        row = {**R.case_row(bundle.case), "import_state": state.text() if state else None}
        if existing_id is None:
            ch.case_id = ch.insert("cases", row)
            return ch.case_id
        self._clear(ch, existing_id)
        ch.update("cases", existing_id, row)
        return existing_id

    def _clear(self, ch: Changes, case_id: int) -> None:
        for table in _REPLACE_ORDER:
            ch.delete_where(table, case_id)

    def _write_content(self, ch: Changes, case_id: int, bundle: CaseBundle, moment: str) -> None:
        for party in bundle.case.parties:
            party.id = ch.insert("parties", R.party_row(case_id, party))
        line_ids: dict[tuple[str, int], int] = {}
        for invoice in bundle.invoices:
            invoice.id = ch.insert("invoices", R.invoice_row(case_id, invoice))
            ids = ch.insert_many(
                "invoice_lines",
                [R.line_row(case_id, invoice.id, ln, invoice.currency) for ln in invoice.lines],
            )
            for line, line_id in zip(invoice.lines, ids, strict=True):
                line.id = line_id
                line_ids.setdefault((invoice.number, line.position), line_id)
            self._write_invoice_money(ch, case_id, invoice)
        ch.insert_many(
            "clauses", [R.clause_row(case_id, c, i) for i, c in enumerate(bundle.clauses, 1)]
        )
        self._write_statements(ch, case_id, bundle, line_ids, moment)
        ch.insert_many(
            "payments",
            [R.payment_row(case_id, p, bundle.case.currency, moment) for p in bundle.payments],
        )

    def _bulk_rows(
        self, case_id: int, bundle: CaseBundle
    ) -> list[tuple[str, Iterable[dict[str, Any]]]]:
        """The work log and the mail: the rows a large case has many of (written after the
        invoices, whose line ids they name), made as they are written (200,000 work entries
        as rows at once took 100 MB)."""
        line_ids: dict[tuple[str, int], int] = {}
        for invoice in bundle.invoices:
            for line in invoice.lines:
                if line.id is not None:
                    line_ids.setdefault((invoice.number, line.position), line.id)
        work_rows = (
            R.work_row(
                case_id,
                entry,
                _line_id(
                    line_ids,
                    entry.invoice_number,
                    entry.line_position,
                    f"A work entry of {entry.date}",
                    entry.target,
                ),
            )
            for entry in bundle.work
        )
        return [
            ("work_entries", work_rows),
            ("messages", (R.message_row(case_id, m) for m in bundle.messages)),
        ]

    def _write_bulk(self, ch: Changes, case_id: int, bundle: CaseBundle) -> None:
        for table, rows in self._bulk_rows(case_id, bundle):
            ch.insert_many(table, list(rows))

    def _write_invoice_money(self, ch: Changes, case_id: int, invoice: Invoice) -> None:
        """An invoice's allowances and charges (its own and its lines') and VAT breakdown."""
        assert invoice.id is not None
        cur = invoice.currency
        rows = [
            R.adjustment_row(case_id, invoice.id, None, n, item, cur)
            for n, item in enumerate(invoice.allowances, start=1)
        ]
        for line in invoice.lines:
            rows += [
                R.adjustment_row(case_id, invoice.id, line.id, n, item, cur)
                for n, item in enumerate(line.allowances, start=1)
            ]
        ch.insert_many("invoice_adjustments", rows)
        ch.insert_many(
            "invoice_vat",
            [
                R.vat_row(case_id, invoice.id, n, item, cur)
                for n, item in enumerate(invoice.vat_breakdown, start=1)
            ],
        )

    def _write_statements(
        self,
        ch: Changes,
        case_id: int,
        bundle: CaseBundle,
        line_ids: dict[tuple[str, int], int],
        moment: str,
    ) -> None:
        cur = bundle.case.currency
        for statement in bundle.statements:
            line_id = _line_id(line_ids, None, None, "An opening statement", statement.target)
            ch.insert(
                "statements",
                {
                    "case_id": case_id,
                    "party": PartyRole(statement.party).value,
                    "text": statement.text,
                    "claimed_minor": R.minor_or_none(statement.claimed_amount, cur),
                    "invoice_line_id": line_id,
                    "restatement": "",
                    "confirmed": 0,
                    "correction": "",
                    "recorded_at": moment,
                    "visibility": "joint",
                    "released_at": None,
                },
            )
