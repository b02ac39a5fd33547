"""``mediate show``: one case as readable text."""

from __future__ import annotations

from mediate.domain.invoice_totals import describe, totals
from mediate.domain.lifecycle import label
from mediate.domain.money import format_money
from mediate.domain.visibility import View
from mediate.store import Store


def case_text(store: Store, reference: str) -> str:
    case = store.case(reference)
    summary = store.summary(case.id)
    money = lambda amount: format_money(amount, case.currency, case.language.value)  # noqa: E731
    out = [
        f"{case.reference}  {case.title}",
        f"Status: {label(case.status)}   Language: {case.language.value}   Currency: {case.currency}",
        f"Mediator: {case.mediator or '—'}   Opened: {case.opened or '—'}",
        f"Reasons: {', '.join(r.value for r in case.reasons) or '—'}",
    ]
    figures = store.money(case.id)
    out.append(
        f"Invoiced: {money(figures.invoiced.net)} without VAT, {money(figures.invoiced.gross)} "
        f"with VAT   Paid: {money(figures.paid)}   Disputed lines: {money(summary.disputed)}"
    )
    if case.summary:
        out += ["", case.summary]
    out.append("")
    for party in case.parties:
        out.append(f"{party.role.value.capitalize()}: {party.legal_name}")
        details = [party.address, party.registration, party.email]
        if party.signatory:
            details.append(f"signs: {party.signatory} ({party.signatory_capacity})")
        out += [f"  {d}" for d in details if d]
    proposals = store.proposals(case.id, View.JOINT)
    for invoice in store.invoices(case.id):
        kind = "Credit note" if invoice.sign < 0 else "Invoice"
        corrects = ""
        if invoice.billing_reference:
            corrects = f"  corrects {invoice.billing_reference}"
            if invoice.billing_reference_date:
                corrects += f" of {invoice.billing_reference_date}"
        out += [
            "",
            f"{kind} {invoice.number}  issued {invoice.issue_date or '—'}  due {invoice.due_date or '—'}{corrects}",
        ]
        for line in invoice.lines:
            flag = " (disputed)" if line.disputed else ""
            adjustments = "".join(
                f" {'+' if a.charge else '−'} {a.amount} {a.reason or ('charge' if a.charge else 'allowance')}"
                for a in line.allowances
            )
            out.append(
                f"  {line.label:>4}. {line.description[:60]:<60} {line.quantity} {line.unit} "
                f"x {line.unit_price}{adjustments} = {money(line.net_amount)}{flag}"
            )
        t = totals(invoice)
        for item in invoice.allowances:
            sign = "+" if item.charge else "−"
            out.append(f"        {describe(item)}: {sign}{money(item.amount)}")
        out.append(
            f"        without VAT {money(t.net)}  VAT {money(t.vat)}  with VAT {money(t.gross)}"
            + (f"  prepaid {money(t.prepaid)}" if t.prepaid else "")
            + f"  due {money(t.due)}"
        )
    out += [
        "",
        f"Evidence: {store.count('clauses', case.id)} contract clauses, "
        f"{store.count('work_entries', case.id)} work entries, {store.count('messages', case.id)} messages",
        f"Session (joint record; caucus material is not shown): "
        f"{len(store.statements(case.id, View.JOINT))} statements, "
        f"{len(store.notes(case.id, View.JOINT))} notes, {len(proposals)} proposals",
    ]
    for proposal in proposals:
        out.append(
            f"  Proposal {proposal.number} by {proposal.proposed_by.value}: "
            f"{money(proposal.total)} without VAT ({proposal.status.value})"
        )
    for payment in figures.payments:
        out.append(
            f"Paid {money(payment.amount)} on {payment.paid_on or '—'} ({payment.source}"
            + (
                f", {payment.reference}"
                if payment.reference and payment.reference not in payment.source
                else ""
            )
            + ")"
        )
    for settlement in store.settlements(case.id):
        state = "locked" if settlement.locked else "draft"
        out.append(f"Settlement v{settlement.version}: {state} {settlement.fingerprint[:16]}")
        agreed = store.settlement_record(settlement.id).money
        owed = (
            f"refund {money(agreed.refund)}"
            if agreed.refund
            else f"still owed {money(agreed.still_owed)}"
        )
        out.append(
            f"  agreed {money(agreed.agreed.net)} without VAT + {money(agreed.agreed.vat)} VAT = "
            f"{money(agreed.agreed.gross)}; paid {money(agreed.paid)}; {owed}; "
            f"credit note {money(agreed.credit.gross)} ({money(agreed.credit.net)} without VAT)"
        )
        out += [
            f"  signed by {s.role.value}: {s.name}, {s.capacity}, {s.signed_at:%Y-%m-%d %H:%M}"
            for s in settlement.signoffs
        ]
    return "\n".join(out)
