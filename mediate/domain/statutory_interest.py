"""Statutory interest on a late payment, from the day after the due date up to and including the
day it is paid (or judged): Dutch interest by half-year with yearly compounding, and English
simple interest at a rate fixed for the debt.

Days are counted as they fall and divided by 365. Each year's interest is rounded half-up to the
cent; in Dutch law it is then added to the amount the next year's interest is computed on
(art. 6:119 lid 2 BW: "telkens na afloop van een jaar"), the year counted from the first day of
interest. A half-year the table has no row for is computed at the latest earlier rate and named
in ``missing``, so the screen can say the table needs its new rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from mediate.domain.errors import DomainError
from mediate.domain.money import quantize
from mediate.domain.statutory_tables import RateTable, half_year_start

DAYS_IN_YEAR = Decimal(365)
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class InterestPeriod:
    """Days at one rate on one amount."""

    first: date
    last: date
    percent: Decimal
    base: Decimal
    interest: Decimal  # exact: rounded per year, not per period

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


@dataclass(frozen=True)
class Interest:
    amount: Decimal  # rounded to the currency's minor unit
    periods: tuple[InterestPeriod, ...]
    missing: tuple[date, ...]  # half-years (their first day) the table has no rate for


def next_half_year(day: date) -> date:
    return date(day.year, 7, 1) if day.month <= 6 else date(day.year + 1, 1, 1)


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return date(day.year + years, 3, 1)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it has fewer days)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _first_rate(table: RateTable, first: date) -> Decimal:
    rate = table.rate_on(first)
    if rate is None:
        raise DomainError(
            f"The {table.name} table starts on {table.rates[0].start.isoformat()}; interest "
            f"from {first.isoformat()} is not in it."
        )
    return rate.percent


def _span(
    table: RateTable,
    base: Decimal,
    first: date,
    last: date,
    missing: set[date],
) -> list[InterestPeriod]:
    """The periods from ``first`` to ``last`` (both included), split where a half-year begins,
    each at its half-year's rate."""
    periods = []
    day = first
    while day <= last:
        end = min(next_half_year(day) - ONE_DAY, last)
        if not table.has_half_year(day):
            missing.add(half_year_start(day))
        percent = _first_rate(table, day)
        days = (end - day).days + 1
        interest = base * percent * days / (100 * DAYS_IN_YEAR)
        periods.append(InterestPeriod(day, end, percent, base, interest))
        day = end + ONE_DAY
    return periods


def dutch_interest(
    principal: Decimal, due: date, until: date, table: RateTable, currency: str
) -> Interest:
    """Interest on ``principal`` due on ``due`` and paid on ``until``: at each half-year's rate,
    each full year's interest added to the amount (art. 6:119 lid 2 BW)."""
    missing: set[date] = set()
    periods: list[InterestPeriod] = []
    total = quantize("0", currency)
    base = quantize(principal, currency)
    first = due + ONE_DAY
    if until < first:
        return Interest(total, (), ())
    _first_rate(table, first)
    year_first = first
    while year_first <= until:
        year_end = add_years(year_first, 1) - ONE_DAY
        last = min(year_end, until)
        year = _span(table, base, year_first, last, missing)
        periods += year
        interest = quantize(sum((p.interest for p in year), Decimal(0)), currency)
        total += interest
        if last == year_end:  # a full year: its interest now bears interest too
            base += interest
        year_first = last + ONE_DAY
    return Interest(total, tuple(periods), tuple(sorted(missing)))


def english_interest(
    principal: Decimal, due: date, until: date, table: RateTable, currency: str
) -> Interest:
    """Simple interest at the rate of the half-year in which interest starts to run, fixed for
    the whole debt (Late Payment of Commercial Debts (Interest) Act 1998)."""
    first = due + ONE_DAY
    if until < first:
        return Interest(quantize("0", currency), (), ())
    missing: set[date] = set()
    if not table.has_half_year(first):
        missing.add(half_year_start(first))
    fixed = _first_rate(table, first)
    base = quantize(principal, currency)
    days = (until - first).days + 1
    period = InterestPeriod(first, until, fixed, base, base * fixed * days / (100 * DAYS_IN_YEAR))
    return Interest(quantize(period.interest, currency), (period,), tuple(sorted(missing)))


def missing_sentence(table: RateTable, missing: tuple[date, ...]) -> str:
    """What the screen says when a half-year has no rate in the table."""
    if not missing:
        return ""
    last = table.rates[-1]
    named = " and ".join(start.isoformat() for start in missing)
    halves = "half-year from" if len(missing) == 1 else "half-years from"
    return (
        f"The {table.name} table has no rate for the {halves} {named} (last checked "
        f"{table.checked.isoformat()}): the rate from {last.start.isoformat()}, "
        f"{last.percent} %, is used. Add the new rate to mediate/domain/data."
    )


def today_missing(table: RateTable, today: date) -> str:
    """A warning when the table has no rate for the half-year we are in (else empty)."""
    if table.has_half_year(today):
        return ""
    return (
        f"The {table.name} table has no rate yet for this half-year (from "
        f"{half_year_start(today).isoformat()}; last checked {table.checked.isoformat()}): "
        "add it to mediate/domain/data with its source."
    )
