"""What ``mediate import`` prints after writing a case."""

from __future__ import annotations

from mediate.domain.invoice_totals import totals
from mediate.domain.money import format_money
from mediate.domain.reconciliation import line_hours, logged_minutes
from mediate.importers.case_folder import FolderRead
from mediate.store import Store


def import_summary(store: Store, case_id: int, read: FolderRead) -> str:
    case = store.case(case_id)
    summary = store.summary(case_id)
    money = lambda amount: format_money(amount, case.currency, case.language.value)  # noqa: E731
    out = [f"{case.reference}  {case.title}"]
    out += [f"  {p.role.value}: {p.legal_name}" for p in case.parties]
    minutes = logged_minutes(store.work_entries(case_id))
    for invoice in store.invoices(case_id):
        kind = "credit note" if invoice.sign < 0 else "invoice"
        document = totals(invoice)  # what "invoiced" counts: document charges included
        out.append(
            f"  {kind} {invoice.number}: {len(invoice.lines)} lines, {money(document.net)} "
            f"without VAT ({money(document.gross)} with VAT)"
        )
        for row in line_hours(invoice.lines, minutes):
            billed = f"{row.billed} h billed" if row.billed is not None else "not billed in hours"
            flag = (
                "  << more billed than logged" if row.excess is not None and row.excess > 0 else ""
            )
            out.append(
                f"    {row.line.label:>3}. {row.line.description[:48]:<48} {billed}, {row.logged} h logged{flag}"
            )
    out.append(f"  invoiced {money(summary.invoiced)}, disputed {money(summary.disputed)}")
    out.append(
        f"  {store.count('work_entries', case_id)} work entries ({read.unlinked} not linked to a line), "
        f"{store.count('messages', case_id)} messages, {store.count('clauses', case_id)} contract clauses, "
        f"{store.count('statements', case_id)} opening statements"
    )
    if read.notices:
        out.append(f"  {len(read.notices)} warning(s):")
        out += [f"    - {notice}" for notice in read.notices]
    return "\n".join(out)
