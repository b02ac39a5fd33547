"""Naming an invoice line: "INV-2026-017:20" is the line the invoice itself calls 20.

Real invoices number their lines 10, 20, 30 or 1.1, 1.2 (EN 16931 BT-126): a reference names a
line by that ID. A position (the line's place, 1, 2, 3) is taken only where it cannot be
confused: when the invoice gives its lines no IDs, or when the ID and the position agree; where
they differ the position is still taken, with a warning that says which line that is.
"""

from __future__ import annotations

from dataclasses import dataclass

from mediate.domain.errors import DomainError
from mediate.domain.model import Invoice, InvoiceKind, InvoiceLine


@dataclass(frozen=True)
class LineMatch:
    invoice: Invoice
    line: InvoiceLine
    warning: str = ""  # set when a position was taken on an invoice whose lines have IDs


def split_ref(ref: str) -> tuple[str | None, str]:
    """("INV-1", "20") from "INV-1:20"; (None, "20") from "20" (the case has one invoice)."""
    number, sep, line = ref.strip().rpartition(":")
    return (number.strip() or None) if sep else None, line.strip()


def find_line(invoices: list[Invoice], ref: str) -> LineMatch:
    """The line ``ref`` names ("NUMBER:LINE", or "LINE" when the case has one invoice).

    An invoice and the credit note that corrects it may share a number: the invoice is looked
    in first. Raises DomainError with a sentence when no line fits.
    """
    number, wanted = split_ref(ref)
    if not wanted:
        raise DomainError(f"“{ref}” names no line; write it like INV-2026-017:20.")
    if number is None:
        numbers = {inv.number for inv in invoices}
        if len(numbers) != 1:
            raise DomainError(
                f"“{ref}” names no invoice, and the case has {len(numbers)}; write "
                "NUMBER:LINE, like INV-2026-017:20."
            )
        number = numbers.pop()
    candidates = sorted(
        (inv for inv in invoices if inv.number == number),
        key=lambda inv: inv.kind != InvoiceKind.INVOICE,
    )
    if not candidates:
        known = ", ".join(sorted({inv.number for inv in invoices})) or "none"
        raise DomainError(
            f"“{ref}” names invoice {number}, which is not one of the case's ({known})."
        )
    for invoice in candidates:
        for line in invoice.lines:
            if line.line_ref and line.line_ref == wanted:
                return LineMatch(invoice, line)
    for invoice in candidates:
        by_position = _by_position(invoice, wanted)
        if by_position is None:
            continue
        if by_position.line_ref and by_position.line_ref != wanted:
            return LineMatch(
                invoice,
                by_position,
                f"“{ref}” is taken as line {by_position.position} of {invoice.number} by its "
                f"place on the invoice, whose own ID for that line is {by_position.line_ref}: "
                f"write {invoice.number}:{by_position.line_ref} to name it as the invoice does.",
            )
        return LineMatch(invoice, by_position)
    ids = ", ".join(line.label for inv in candidates for line in inv.lines)
    raise DomainError(f"“{ref}”: invoice {number} has no line {wanted} (its lines: {ids}).")


def _by_position(invoice: Invoice, wanted: str) -> InvoiceLine | None:
    if not wanted.isdigit():
        return None
    position = int(wanted)
    return next((line for line in invoice.lines if line.position == position), None)
