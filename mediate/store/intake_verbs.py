"""Writing an imported case: everything in one transaction and one audit event, or nothing."""

from __future__ import annotations

from datetime import datetime

from mediate.domain.bundle import CaseBundle
from mediate.domain.errors import DomainError
from mediate.domain.model import Invoice, InvoiceLine, PartyRole
from mediate.store import rows as R
from mediate.store.base import StoreBase
from mediate.store.schema import CASE_TABLES
from mediate.store.writes import Changes, serialized, write

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
    @serialized
    def import_bundle(
        self,
        bundle: CaseBundle,
        replace: bool = False,
        actor: str = "mediator",
        at: datetime | None = None,
    ) -> int:
        """Write a case with its invoices, clauses, work log and messages.

        A second import of the same reference is refused unless ``replace``; a replacement keeps
        the case's id and audit chain and swaps its content in the same transaction.
        """
        case = bundle.case
        if not case.reference.strip():
            raise DomainError("A case needs a reference.")  # as create_case says
        for invoice in bundle.invoices:
            if invoice.currency.upper() != case.currency.upper():
                raise DomainError(
                    f"Invoice {invoice.number} is in {invoice.currency}, the case in {case.currency}."
                )
        existing = self.db.execute(
            "SELECT id FROM cases WHERE reference = ?", [case.reference]
        ).fetchone()
        if existing and not replace:
            raise DomainError(
                f"Case “{case.reference}” is already in the database; use --replace to import it again."
            )
        summary = {
            "reference": case.reference,
            "source": bundle.source,
            "invoices": len(bundle.invoices),
            "clauses": len(bundle.clauses),
            "work_entries": len(bundle.work),
            "messages": len(bundle.messages),
            "statements": len(bundle.statements),
            "payments": len(bundle.payments),
            "replaced": bool(existing),
        }
        kind = "case.reimported" if existing else "case.imported"
        existing_id: int | None = existing[0] if existing else None
        with write(self.db, existing_id, self.moment(at), actor, kind, summary) as ch:
            if existing_id is not None:
                case_id = existing_id
                self._clear(ch, case_id)
                row = R.case_row(case)
                ch.update("cases", case_id, row)
            else:
                ch.case_id = case_id = ch.insert("cases", R.case_row(case))
            self._write_content(ch, case_id, bundle, self.moment(at))
        return case_id

    def _clear(self, ch: Changes, case_id: int) -> None:
        if self.db.execute(
            "SELECT 1 FROM settlements WHERE case_id = ? AND locked = 1", [case_id]
        ).fetchone():
            raise DomainError("This case has a signed-off settlement; it cannot be replaced.")
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
        work_rows = [
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
        ]
        ch.insert_many("work_entries", work_rows)
        ch.insert_many("messages", [R.message_row(case_id, m) for m in bundle.messages])
        self._write_statements(ch, case_id, bundle, line_ids, moment)
        ch.insert_many(
            "payments",
            [R.payment_row(case_id, p, bundle.case.currency, moment) for p in bundle.payments],
        )

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
