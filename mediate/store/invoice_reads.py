"""The case's invoices: whole, or as the session screen reads them, each document's totals
without its lines and the lines a page at a time.

A document's totals need only its lines added up per VAT category, rate and disputed
(``invoice_totals.LineSum``): SQL adds the amounts in minor units (integers, exact), the domain
works out the totals from those sums, so opening a case of 2,000 lines costs what one of 20 does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from mediate.domain.invoice_totals import DocumentFigures, LineSum, figures
from mediate.domain.model import Invoice, InvoiceLine, VatBreakdown
from mediate.domain.money import from_minor
from mediate.store import rows as R
from mediate.store.base import StoreBase
from mediate.store.evidence_reads import marks


@dataclass(frozen=True)
class LineWidths:
    """The longest of each of the invoice tab's cells over all of a case's lines, in characters
    (the amount: the largest, in minor units), so its columns fit every page before it is read."""

    label: int
    quantity: int  # "12.5 h" (at most: the longest quantity and the longest unit)
    price: int
    largest_minor: int
    adjusted: bool  # some line has an allowance or charge of its own
    logged_minutes: int  # the most minutes logged against one line


class InvoiceReads(StoreBase):
    """The case's invoices and credit notes, in issue order."""

    def invoices(self, case_id: int) -> list[Invoice]:
        """The case's invoices and credit notes with their lines, allowances, charges and VAT."""
        adjustments = self._adjustments(case_id, "")
        return [
            R.invoice_from(
                row,
                self._lines(row, adjustments.get(row["id"], [])),
                [R.adjustment_from(a, cur) for a in own],
                vat,
            )
            for row, cur, own, vat in self._documents(case_id, adjustments)
        ]

    def invoice_figures(self, case_id: int) -> list[DocumentFigures]:
        """Each document without its lines, with its totals and its disputed lines' amount,
        worked out from its lines added up in SQL (a row per VAT category, rate and disputed)."""
        sums: dict[int, list[tuple[str, str | None, int, int]]] = {}
        for invoice_id, category, rate, disputed, net in self.db.execute(
            "SELECT invoice_id, vat_category, vat_rate, disputed, SUM(net_minor) "
            "FROM invoice_lines WHERE case_id = ? GROUP BY 1, 2, 3, 4",
            [case_id],
        ):
            sums.setdefault(invoice_id, []).append((category, rate, disputed, net))
        adjustments = self._adjustments(case_id, "AND line_id IS NULL")
        return [
            figures(
                R.invoice_from(row, [], [R.adjustment_from(a, cur) for a in own], vat),
                [
                    LineSum(
                        category,
                        Decimal(rate) if rate is not None else None,
                        bool(disputed),
                        from_minor(net, cur),
                    )
                    for category, rate, disputed, net in sums.get(row["id"], [])
                ],
            )
            for row, cur, own, vat in self._documents(case_id, adjustments)
        ]

    def invoice_line_count(self, case_id: int) -> int:
        return self.db.execute(
            "SELECT COUNT(*) FROM invoice_lines WHERE case_id = ?", [case_id]
        ).fetchone()[0]

    def invoice_line_page(
        self, case_id: int, offset: int, limit: int
    ) -> list[tuple[int, InvoiceLine]]:
        """(invoice id, line) for a page of the case's lines: the documents in issue order, each
        one's lines in their order, with each line's own allowances and charges. Each document's
        part of the page is read in its lines' own order (an index), so nothing is sorted."""
        rows: list[dict[str, Any]] = []
        for invoice_id, currency, lines in self.db.execute(
            "SELECT i.id, i.currency, (SELECT COUNT(*) FROM invoice_lines l "
            "WHERE l.invoice_id = i.id) FROM invoices i WHERE i.case_id = ? "
            "ORDER BY i.issue_date, i.id",
            [case_id],
        ):
            if len(rows) >= limit:
                break
            if offset >= lines:
                offset -= lines
                continue
            for row in self.db.query(
                "SELECT * FROM invoice_lines WHERE invoice_id = ? ORDER BY position "
                "LIMIT ? OFFSET ?",
                [invoice_id, limit - len(rows), offset],
            ):
                rows.append({**row, "invoice_currency": currency})
            offset = 0
        ids = [row["id"] for row in rows]
        own: dict[int, list[dict[str, Any]]] = {}
        for adjustment in self.db.query(
            f"SELECT * FROM invoice_adjustments WHERE line_id IN ({marks(ids)}) ORDER BY position",
            ids,
        ):
            own.setdefault(adjustment["line_id"], []).append(adjustment)
        page = []
        for row in rows:
            cur = row["invoice_currency"]
            line = R.line_from(row, cur)
            line.allowances = [R.adjustment_from(a, cur) for a in own.get(row["id"], [])]
            page.append((row["invoice_id"], line))
        return page

    def invoice_line_widths(self, case_id: int) -> LineWidths:
        label, position, quantity, unit, price, largest = self.db.execute(
            "SELECT MAX(LENGTH(line_ref)), MAX(position), MAX(LENGTH(quantity)), "
            "MAX(LENGTH(unit)), MAX(LENGTH(unit_price)), MAX(ABS(net_minor)) "
            "FROM invoice_lines WHERE case_id = ?",
            [case_id],
        ).fetchone()
        adjusted, logged = self.db.execute(
            "SELECT EXISTS (SELECT 1 FROM invoice_adjustments "
            "WHERE case_id = ? AND line_id IS NOT NULL), "
            "(SELECT MAX(minutes) FROM work_line_totals WHERE case_id = ? AND line_key <> 0)",
            [case_id, case_id],
        ).fetchone()
        return LineWidths(
            max(label or 0, len(str(position or ""))),
            (quantity or 0) + (1 + unit if unit else 0),
            price or 0,
            largest or 0,
            bool(adjusted),
            logged or 0,
        )

    def _adjustments(self, case_id: int, where: str) -> dict[int, list[dict[str, Any]]]:
        found: dict[int, list[dict[str, Any]]] = {}
        for row in self.db.query(
            f"SELECT * FROM invoice_adjustments WHERE case_id = ? {where} "
            "ORDER BY invoice_id, position",
            [case_id],
        ):
            found.setdefault(row["invoice_id"], []).append(row)
        return found

    def _documents(
        self, case_id: int, adjustments: dict[int, list[dict[str, Any]]]
    ) -> Iterator[tuple[dict[str, Any], str, list[dict[str, Any]], list[VatBreakdown]]]:
        """(row, currency, document-level allowances and charges, VAT breakdown) per document."""
        vat: dict[int, list[dict[str, Any]]] = {}
        for row in self.db.query(
            "SELECT * FROM invoice_vat WHERE case_id = ? ORDER BY invoice_id, position", [case_id]
        ):
            vat.setdefault(row["invoice_id"], []).append(row)
        for row in self.db.query(
            "SELECT * FROM invoices WHERE case_id = ? ORDER BY issue_date, id", [case_id]
        ):
            cur = row["currency"]
            own = [a for a in adjustments.get(row["id"], []) if a["line_id"] is None]
            yield row, cur, own, [R.vat_from(v, cur) for v in vat.get(row["id"], [])]

    def _lines(
        self, invoice: dict[str, Any], adjustments: list[dict[str, Any]]
    ) -> list[InvoiceLine]:
        """The document's lines, each with its own allowances and charges (``adjustments``: the
        document's, in their order)."""
        cur = invoice["currency"]
        own: dict[int, list[dict[str, Any]]] = {}
        for adjustment in adjustments:
            if adjustment["line_id"] is not None:
                own.setdefault(adjustment["line_id"], []).append(adjustment)
        lines = []
        for row in self.db.query(
            "SELECT * FROM invoice_lines WHERE invoice_id = ? ORDER BY position", [invoice["id"]]
        ):
            line = R.line_from(row, cur)
            line.allowances = [R.adjustment_from(a, cur) for a in own.get(row["id"], [])]
            lines.append(line)
        return lines
