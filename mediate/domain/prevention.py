"""The prevention review: what in a case's invoice and contract invited the dispute, each finding
with its evidence and a concrete fix (a rewritten line, an attached log, a clause to add).

Built from the case, its invoices, contract clauses and work log only: no statement or note (and
so no caucus material) is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from babel.dates import format_date

from mediate.domain.model import Case, ContractClause, Invoice, InvoiceKind, InvoiceLine, WorkEntry
from mediate.domain.money import babel_locale, format_money, format_number
from mediate.domain.prevention_wording import DISPUTE_CLAUSE, PAYMENT_CLAUSE, PREVENTION_WORDING
from mediate.domain.reconciliation import (
    GENERIC_WORDS,
    billed_hours,
    contract_rates,
    hours,
    is_vague,
    line_hours,
    logged_minutes,
)

_PAYMENT = re.compile(
    r"\b(pay\w*|paid|due|betal\w*|betaal\w*|vervaldag\w*|vervaldatum|voldaan|voldoen)\b",
    re.IGNORECASE,
)
_DISPUTE = re.compile(
    r"\b(disputes?|geschil\w*|mediation|mediator|bemiddel\w*|arbitra\w*)\b", re.IGNORECASE
)
_WORD = re.compile(r"[a-zà-ÿ]+")
MAX_TASKS = 3


class FindingKind(StrEnum):
    VAGUE = "vague"
    HOURS = "hours"
    RATE = "rate"
    AFTER_CONTRACT = "after_contract"
    PAYMENT_TERMS = "payment_terms"
    DISPUTE_CLAUSE = "dispute_clause"
    LATE_DISPUTE = "late_dispute"


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    title: str
    evidence: str
    fix: str
    # Text to adopt as it stands, as (language, text): a rewritten line, a clause in en and nl.
    suggestions: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class CasePrevention:
    reference: str
    title: str
    language: str
    findings: list[Finding] = field(default_factory=list)


class _Words:
    """The case's language: wording, dates and amounts."""

    def __init__(self, language: str, currency: str) -> None:
        self.lang = language if language in PREVENTION_WORDING else "en"
        self.words = PREVENTION_WORDING[self.lang]
        self.currency = currency

    def __call__(self, key: str, **values: object) -> str:
        return self.words[key].format(**values)

    def day(self, value: date) -> str:
        return format_date(value, format="long", locale=babel_locale(self.lang))

    def money(self, amount: Decimal) -> str:
        return format_money(amount, self.currency, self.lang)

    def number(self, value: Decimal) -> str:
        return format_number(value, self.lang)

    def joined(self, items: Sequence[str]) -> str:
        if len(items) < 2:
            return "".join(items)
        return f"{', '.join(items[:-1])} {self('and')} {items[-1]}"

    def line(self, invoice: Invoice, line: InvoiceLine) -> str:
        text = self("line", invoice=invoice.number, position=line.label)
        return text[0].upper() + text[1:]


def _generic_words(line: InvoiceLine) -> list[str]:
    words = _WORD.findall(line.description.lower())
    return [w for w in words if w in GENERIC_WORDS] if len(words) <= 4 else []


def rewrite_line(line: InvoiceLine, work: Iterable[WorkEntry], w: _Words) -> str:
    """An itemised version of the line from its own date, quantity and unit and the tasks of the
    work entries linked to it: "Consultancy on 5 April 2026, 2 h on marketing strategy"."""
    linked = sorted((e for e in work if e.invoice_line_id == line.id), key=lambda e: e.date)
    first: date | None = None
    last: date | None = None
    if line.service_date is not None:
        first, last = line.service_date, line.service_end or line.service_date
    elif linked:
        first, last = linked[0].date, linked[-1].date
    if first is None or last is None:
        when = w("no_when")
    elif last == first:
        when = w.day(first)
    else:
        when = w("range", first=w.day(first), last=w.day(last))
    unit = w("hours_unit") if billed_hours(line) is not None else line.unit.strip()
    quantity = f"{w.number(line.quantity)} {unit}".strip()
    tasks: list[str] = []
    for entry in linked:
        task = (entry.task or entry.description).strip()
        if task and task.casefold() not in {t.casefold() for t in tasks}:
            tasks.append(task)
    described = w.joined(tasks[:MAX_TASKS]) if tasks else w("no_tasks")
    description = line.description.strip()
    return w("rewrite", description=description, when=when, quantity=quantity, tasks=described)


def _vague(invoices: Sequence[Invoice], work: Sequence[WorkEntry], w: _Words) -> list[Finding]:
    findings = []
    for invoice in invoices:
        for line in invoice.lines:
            generic = _generic_words(line)
            if not (is_vague(line) or generic):
                continue
            why = []
            if is_vague(line) and line.service_date is None:
                why.append(w("vague_no_date"))
            why.append(
                w("vague_generic", words=", ".join(dict.fromkeys(generic)))
                if generic
                else w("vague_no_scope")
            )
            evidence = w(
                "vague_evidence",
                line=w.line(invoice, line),
                description=line.description,
                why=w.joined(why),
            )
            findings.append(
                Finding(
                    FindingKind.VAGUE,
                    w("vague"),
                    evidence,
                    w("vague_fix"),
                    ((w.lang, rewrite_line(line, work, w)),),
                )
            )
    return findings


def _hours(invoices: Sequence[Invoice], work: Sequence[WorkEntry], w: _Words) -> list[Finding]:
    minutes = logged_minutes(work)
    findings = []
    for invoice in invoices:
        for row in line_hours(invoice.lines, minutes):
            if row.billed is None or row.excess is None or row.excess <= 0:
                continue
            evidence = w(
                "hours_evidence" if work else "hours_no_log",
                line=w.line(invoice, row.line),
                description=row.line.description,
                billed=w.number(row.billed),
                logged=w.number(row.logged),
            )
            findings.append(Finding(FindingKind.HOURS, w("hours"), evidence, w("hours_fix")))
    return findings


def _rates(
    invoices: Sequence[Invoice], clauses: Sequence[ContractClause], w: _Words
) -> list[Finding]:
    rates = contract_rates(clauses)
    if not rates:
        return []
    by_ref = {c.ref or c.heading: c for c in clauses}
    named = w.joined(
        [w("rate_clause", rate=w.money(rate), ref=ref) for rate, ref in sorted(rates.items())]
    )
    quote = " ".join(
        f"{ref} “{' '.join(by_ref[ref].text.split())}”" for ref in dict.fromkeys(rates.values())
    )
    findings = []
    for invoice in invoices:
        for line in invoice.lines:
            if billed_hours(line) is None or line.unit_price in rates:
                continue
            evidence = w(
                "rate_evidence",
                line=w.line(invoice, line),
                price=w.money(line.unit_price),
                rates=named,
            )
            findings.append(
                Finding(FindingKind.RATE, w("rate"), evidence, w("rate_fix", quote=quote))
            )
    return findings


def _after_contract(
    case: Case, invoices: Sequence[Invoice], work: Sequence[WorkEntry], w: _Words
) -> list[Finding]:
    end = case.contract_end
    if end is None:
        return []
    late = sorted((e for e in work if e.date > end), key=lambda e: e.date)
    lines = [
        f"{invoice.number}:{line.label}"
        for invoice in invoices
        for line in invoice.lines
        if (until := line.service_end or line.service_date) is not None and until > end
    ]
    what = []
    if late:
        what.append(
            w(
                "after_entries" if len(late) > 1 else "after_entry",
                count=len(late),
                hours=w.number(hours(sum(e.minutes for e in late))),
                first=w.day(late[0].date),
                last=w.day(late[-1].date),
            )
        )
    if lines:
        what.append(w("after_lines", lines=", ".join(lines)))
    if not what:
        return []
    what_text = w.joined(what)
    evidence = w("after_evidence", what=what_text[0].upper() + what_text[1:], end=w.day(end))
    fix = w("after_fix", end=w.day(end))
    return [Finding(FindingKind.AFTER_CONTRACT, w("after_contract"), evidence, fix)]


def _clause_finding(
    kind: FindingKind,
    pattern: re.Pattern[str],
    clauses: Sequence[ContractClause],
    wording: dict[str, str],
    w: _Words,
) -> list[Finding]:
    if any(pattern.search(f"{c.heading}\n{c.text}") for c in clauses):
        return []
    prefix = "payment" if kind == FindingKind.PAYMENT_TERMS else "dispute"
    evidence = w(f"{prefix}_evidence", count=len(clauses)) if clauses else w("no_contract")
    languages = [w.lang] + [lang for lang in wording if lang != w.lang]
    suggestions = tuple((lang, wording[lang]) for lang in languages)
    return [Finding(kind, w(kind.value), evidence, w(f"{prefix}_fix"), suggestions)]


def _late(case: Case, invoices: Sequence[Invoice], w: _Words) -> list[Finding]:
    findings = []
    for invoice in invoices:
        if invoice.kind != InvoiceKind.INVOICE or invoice.due_date is None or case.opened is None:
            continue
        if case.opened > invoice.due_date:
            evidence = w(
                "late_evidence",
                opened=w.day(case.opened),
                days=(case.opened - invoice.due_date).days,
                invoice=invoice.number,
                due=w.day(invoice.due_date),
            )
            findings.append(
                Finding(FindingKind.LATE_DISPUTE, w("late_dispute"), evidence, w("late_fix"))
            )
    return findings


def case_prevention(
    case: Case,
    invoices: Sequence[Invoice],
    clauses: Sequence[ContractClause],
    work: Sequence[WorkEntry],
    language: str | None = None,
) -> CasePrevention:
    """The findings of one case, worded in ``language`` (default: the case's language)."""
    w = _Words(language or str(case.language), case.currency)
    findings = [
        *_vague(invoices, work, w),
        *_hours(invoices, work, w),
        *_rates(invoices, clauses, w),
        *_after_contract(case, invoices, work, w),
        *_clause_finding(FindingKind.PAYMENT_TERMS, _PAYMENT, clauses, PAYMENT_CLAUSE, w),
        *_clause_finding(FindingKind.DISPUTE_CLAUSE, _DISPUTE, clauses, DISPUTE_CLAUSE, w),
        *_late(case, invoices, w),
    ]
    return CasePrevention(case.reference, case.title, w.lang, findings)


def overview(reviews: Iterable[CasePrevention]) -> list[tuple[FindingKind, int, int]]:
    """Across cases, per kind of finding: (kind, cases with it, findings), most cases first."""
    cases: dict[FindingKind, int] = {}
    total: dict[FindingKind, int] = {}
    for review in reviews:
        for kind in {f.kind for f in review.findings}:
            cases[kind] = cases.get(kind, 0) + 1
        for finding in review.findings:
            total[finding.kind] = total.get(finding.kind, 0) + 1
    order = list(FindingKind)
    return sorted(
        ((kind, cases[kind], total[kind]) for kind in cases),
        key=lambda item: (-item[1], order.index(item[0])),
    )
