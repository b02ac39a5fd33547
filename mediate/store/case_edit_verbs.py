"""The case typed in the app: its invoices and their lines (the parties are ``set_party``).

What a signature rests on is not changed behind it: nothing is edited while a version of the
settlement carries a sign-off, and the money (lines, a new invoice) not once the case is agreed
or while a proposal that rests on it is open. Each refusal says the way on."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from mediate.domain.errors import DomainError
from mediate.domain.lifecycle import RECORD_CLOSED, label
from mediate.domain.model import CaseStatus, Invoice, InvoiceLine
from mediate.domain.money import check_amount, from_minor, quantize
from mediate.store import rows as R
from mediate.store.base import StoreBase
from mediate.store.writes import serialized, write


def check_not_signed(store: StoreBase, case_id: int, what: str) -> None:
    """Refuse a change to ``what`` while the latest settlement is signed, in full or in part:
    the signatures rest on the record as it is."""
    row = store.db.execute(
        "SELECT id, version, locked FROM settlements WHERE case_id = ? "
        "ORDER BY version DESC LIMIT 1",
        [case_id],
    ).fetchone()
    if row is None:
        return
    settlement_id, version, locked = row
    if locked:
        raise DomainError(
            f"Settlement version {version} is signed off: {what} is part of what was signed. "
            "Amend the settlement first, then change it."
        )
    names = [
        n
        for (n,) in store.db.execute(
            "SELECT name FROM signoffs WHERE settlement_id = ? ORDER BY id", [settlement_id]
        )
    ]
    if names:
        raise DomainError(
            f"{', '.join(names)} signed version {version} already: {what} is part of what they "
            "signed. Reopen the settlement to change it (their signatures are withdrawn with it)."
        )


def _same_money(row: dict, line: InvoiceLine) -> bool:
    """Whether ``line`` has the quantity, unit price and VAT rate of the stored ``row``."""

    def rate(text: str | None) -> Decimal | None:
        return None if text is None else Decimal(text)

    return (
        Decimal(row["quantity"]) == line.quantity
        and Decimal(row["unit_price"]) == line.unit_price
        and rate(row["vat_rate"]) == line.vat_rate
    )


class CaseEditVerbs(StoreBase):
    def _check_status_open(self, case_id: int, what: str) -> None:
        """Refuse a change to the invoice once the case is agreed (the agreement prints it)."""
        status = self.case_status(case_id)
        if status in RECORD_CLOSED:
            way = {
                CaseStatus.AGREED: "Reopen the settlement first to change the invoice.",
                CaseStatus.SIGNED_OFF: "The signed settlement rests on it.",
                CaseStatus.WITHDRAWN: "The case is closed.",
            }[status]
            raise DomainError(f"The case is {label(status)}: {what} can no longer change. {way}")

    def _check_money_open(self, case_id: int, what: str) -> None:
        """Refuse a change to the invoiced money once it is agreed, or while a proposal whose
        total rests on it is open."""
        self._check_status_open(case_id, what)
        open_numbers = [
            n
            for (n,) in self.db.execute(
                "SELECT number FROM proposals WHERE case_id = ? AND status = 'open' "
                "ORDER BY number",
                [case_id],
            )
        ]
        if open_numbers:
            which = ", ".join(str(n) for n in open_numbers)
            raise DomainError(
                f"Proposal {which} is open and its total rests on the invoice as it is: "
                f"withdraw or reject it before {what} changes, then propose again."
            )

    @serialized
    def save_invoice(
        self,
        case_id: int,
        number: str,
        issue_date: date | None,
        due_date: date | None = None,
        invoice_id: int | None = None,
        at: datetime | None = None,
    ) -> int:
        """Add an invoice typed in (``invoice_id`` None) or correct an invoice's number and dates;
        the id of the invoice."""
        number = (number or "").strip()
        if not number:
            raise DomainError("Invoice number: type the number the invoice carries.")
        if issue_date is None:
            raise DomainError(
                "Invoice date: type the date the invoice was issued, like 2026-03-31."
            )
        if due_date is not None and due_date < issue_date:
            raise DomainError("Due date: an invoice cannot fall due before it was issued.")
        same = self.db.execute(
            "SELECT id FROM invoices WHERE case_id = ? AND number = ? AND id IS NOT ?",
            [case_id, number, invoice_id],
        ).fetchone()
        if same:
            raise DomainError(f"Invoice number: the case has an invoice {number} already.")
        check_not_signed(self, case_id, "the invoice")
        moment = self.moment(at)
        values = {
            "number": number,
            "issue_date": issue_date.isoformat(),
            "due_date": due_date.isoformat() if due_date else None,
        }
        if invoice_id is None:
            self._check_money_open(case_id, "a new invoice")
            invoice = Invoice(
                number=number,
                issue_date=issue_date,
                due_date=due_date,
                currency=self.currency(case_id),
                source="typed in",
            )
            with write(self.db, case_id, moment, "mediator", "invoice.added", values) as ch:
                return ch.insert("invoices", R.invoice_row(case_id, invoice))
        row = self._row("invoices", invoice_id)
        if row["case_id"] != case_id:
            raise DomainError(f"Invoice #{invoice_id} is not part of this case.")
        summary = {**values, "invoice": invoice_id, "was": row["number"]}
        with write(self.db, case_id, moment, "mediator", "invoice.updated", summary) as ch:
            ch.update("invoices", invoice_id, values)
        return invoice_id

    @serialized
    def save_line(self, invoice_id: int, line: InvoiceLine, at: datetime | None = None) -> int:
        """Add a line typed in (``line.id`` None: it goes last) or correct one; its net amount is
        its quantity times its unit price. The id of the line."""
        invoice = self._row("invoices", invoice_id)
        case_id, currency = invoice["case_id"], invoice["currency"]
        description = (line.description or "").strip()
        if not description:
            raise DomainError("Description: say what was done, like “Design, 2-6 March, 12 h”.")
        if line.quantity <= 0:
            raise DomainError("Quantity: type how many units (hours, days, items), above zero.")
        if line.unit_price < 0:
            raise DomainError("Unit price: type the price of one unit, zero or more.")
        if line.vat_rate is not None and not Decimal(0) <= line.vat_rate <= Decimal(100):
            raise DomainError("VAT rate: type a percentage between 0 and 100, like 21.")
        net = check_amount(
            quantize(line.quantity * line.unit_price, currency),
            currency,
            subject="The line's amount (quantity × unit price)",
        )
        check_not_signed(self, case_id, "the invoice")
        existing = self._row("invoice_lines", line.id) if line.id is not None else None
        if existing is not None and existing["invoice_id"] != invoice_id:
            raise DomainError(f"Line #{line.id} is not on invoice {invoice['number']}.")
        money_changes = existing is None or not _same_money(existing, line)
        if existing is not None and not money_changes:
            net = from_minor(existing["net_minor"], currency)  # as stored (a file's own amount)
        if money_changes:
            self._check_money_open(case_id, "the invoice's lines")
            if (
                existing is not None
                and self.db.execute(
                    "SELECT 1 FROM invoice_adjustments WHERE line_id = ?", [existing["id"]]
                ).fetchone()
            ):
                raise DomainError(
                    f"Line {existing['line_ref'] or existing['position']} has allowances or charges of its "
                    "own from the invoice file: its amount is the file's; correct the file and "
                    "import the case again (the description and disputed mark may change here)."
                )
        else:  # the wording and the disputed mark: printed in the agreement, no total changes
            self._check_status_open(case_id, "the invoice's lines")
        if existing is None:
            (position,) = self.db.execute(
                "SELECT COALESCE(MAX(position), 0) + 1 FROM invoice_lines WHERE invoice_id = ?",
                [invoice_id],
            ).fetchone()
        else:
            position = existing["position"]
        stored = InvoiceLine(
            position=position,
            line_ref=existing["line_ref"] if existing else str(position),
            description=description,
            quantity=line.quantity,
            unit=(line.unit or "").strip(),
            unit_price=line.unit_price,
            net_amount=net,
            vat_rate=line.vat_rate,
            service_date=line.service_date,
            disputed=line.disputed,
        )
        row = R.line_row(case_id, invoice_id, stored, currency)
        summary = {
            "invoice": invoice["number"],
            "position": position,
            "net": str(net),
            "disputed": bool(line.disputed),
        }
        kind = "invoice_line.added" if existing is None else "invoice_line.updated"
        with write(self.db, case_id, self.moment(at), "mediator", kind, summary) as ch:
            if existing is None:
                return ch.insert("invoice_lines", row)
            ch.update("invoice_lines", existing["id"], row)
        return existing["id"]
