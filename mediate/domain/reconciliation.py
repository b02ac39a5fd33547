"""Reconciling the invoice with the work log: hours billed against hours logged, per line.

"Logged" against a line is the time that counts (``mediate.domain.work_time``): billable time,
clock time that overlapping entries of one person share counted once, absences left out.
``line_counts`` says per line what was logged, counted and left out, and why.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from mediate.domain.errors import DomainError
from mediate.domain.model import ContractClause, InvoiceLine, WorkEntry
from mediate.domain.typed_amounts import parse_amount
from mediate.domain.work_time import TimeCount, entry_times

# Unit codes that mean hours: UN/ECE rec. 20 "HUR", and what people write.
HOUR_UNITS = frozenset({"h", "hr", "hrs", "hour", "hours", "hur", "uur", "uren", "u"})
MINUTES_PER_HOUR = Decimal(60)


def is_hour_unit(unit: str) -> bool:
    """Whether a line's unit is hours ("h", "uur", "Hours", ...)."""
    return unit.strip().lower() in HOUR_UNITS


def billed_hours(line: InvoiceLine) -> Decimal | None:
    """The hours a line bills, when its unit is hours; otherwise None."""
    return line.quantity if is_hour_unit(line.unit) else None


@dataclass(frozen=True)
class LineHours:
    line: InvoiceLine
    billed: Decimal | None
    logged: Decimal

    @property
    def excess(self) -> Decimal | None:
        """Hours billed beyond those logged (None when the line does not bill hours)."""
        return None if self.billed is None else self.billed - self.logged


def line_counts(entries: Iterable[WorkEntry]) -> dict[int | None, TimeCount]:
    """Per invoice line id (None for entries linked to no line): minutes logged, counted, and
    left out (non-billable, absence, overlap counted once)."""
    entries = list(entries)
    totals: dict[int | None, TimeCount] = {}
    for entry, time in zip(entries, entry_times(entries), strict=True):
        line = entry.invoice_line_id
        totals[line] = totals.get(line, TimeCount()) + TimeCount.of(entry.minutes, time)
    return totals


def logged_minutes(entries: Iterable[WorkEntry]) -> dict[int | None, int]:
    """Minutes that count against hours billed, per invoice line id (None: linked to no line)."""
    return {line: count.counted for line, count in line_counts(entries).items()}


def hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / MINUTES_PER_HOUR).quantize(Decimal("0.01"))


def left_out_text(count: TimeCount) -> str:
    """What the count left out, for a person: "non-billable 1.00 h, absence 1.50 h, overlap
    0.70 h counted once"; "" when nothing was."""
    parts = [
        f"{label} {hours(minutes)} h{tail}"
        for label, minutes, tail in (
            ("non-billable", count.non_billable, ""),
            ("absence", count.absence, ""),
            ("overlap", count.overlap, " counted once"),
        )
        if minutes
    ]
    return ", ".join(parts)


def line_hours(
    lines: Iterable[InvoiceLine], minutes_by_line: dict[int | None, int]
) -> list[LineHours]:
    return [
        LineHours(
            line=line, billed=billed_hours(line), logged=hours(minutes_by_line.get(line.id, 0))
        )
        for line in lines
    ]


# --- flags on invoice lines --------------------------------------------------------------------

GENERIC_WORDS = frozenset(
    {
        "services", "service", "consultancy", "consulting", "consultation", "advice", "support",
        "work", "misc", "miscellaneous", "various", "general", "sundry", "professional",
        "diversen", "werkzaamheden", "dienstverlening", "advies", "ondersteuning", "overig",
    }
)  # fmt: skip
_DATE_IN_TEXT = re.compile(
    r"\b\d{1,2}[-/. ]\d{1,2}([-/. ]\d{2,4})?\b|\b\d{4}-\d{2}-\d{2}\b|"
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mrt|mei|okt)[a-z]*\b",
    re.IGNORECASE,
)
_RATE = re.compile(
    r"(?:€|eur|euro|£|gbp|\$|usd)\s*(\d[\d.,]*)\s*(?:,-)?\s*(?:\(excl[^)]*\)\s*)?"
    r"(?:per|an|/|a)\s*(?:hour|hr|h|uur|u)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Flag:
    code: str  # hours | rate | vague | period
    text: str


def contract_rates(clauses: Iterable[ContractClause]) -> dict[Decimal, str]:
    """Hourly rates the contract names, each with the clause reference that names it."""
    rates: dict[Decimal, str] = {}
    for clause in clauses:
        for match in _RATE.finditer(f"{clause.heading}\n{clause.text}"):
            number = match.group(1).rstrip(".,")
            try:
                rate = parse_amount(number, "nl" if re.search(r",\d{2}$", number) else "en")
            except DomainError:
                continue
            rates.setdefault(rate, clause.ref or clause.heading)
    return rates


def is_vague(line: InvoiceLine) -> bool:
    """A line that says what kind of work but not when or what exactly ("consultancy services")."""
    words = re.findall(r"[a-zà-ÿ]+", line.description.lower())
    dated = line.service_date is not None or bool(_DATE_IN_TEXT.search(line.description))
    generic = any(w in GENERIC_WORDS for w in words) and len(words) <= 4
    return not dated and (generic or len(words) < 2)


def line_flags(
    row: LineHours,
    rates: dict[Decimal, str],
    period: tuple[date | None, date | None] = (None, None),
) -> list[Flag]:
    """What a mediator should look at on one invoice line."""
    line, flags = row.line, []
    if row.excess is not None and row.excess > 0:
        flags.append(Flag("hours", f"{row.billed} h billed, {row.logged} h logged"))
    if row.billed is not None and rates and line.unit_price not in rates:
        agreed = ", ".join(str(r) for r in sorted(rates))
        flags.append(Flag("rate", f"rate {line.unit_price} is not the contract's {agreed}"))
    if is_vague(line):
        flags.append(Flag("vague", "vague: no date or scope"))
    start, end = period
    first, last = line.service_date, line.service_end or line.service_date
    if first and ((start and first < start) or (end and last and last > end)):
        flags.append(Flag("period", "outside the contract period"))
    return flags
