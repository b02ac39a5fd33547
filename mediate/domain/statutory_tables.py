"""The statutory tables (interest rates, collection costs, court fees, recoverable costs) as the
data files in ``mediate/domain/data`` give them, each with its law, its source and the date it was
last checked.

The files ship inside the package and are read once, when a calculation first needs them; the
calculators (``statutory_interest``, ``court_costs``) take the tables as arguments and do no I/O.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from importlib.resources import files
from typing import Any


@dataclass(frozen=True)
class Rate:
    start: date  # the first day of the half-year
    percent: Decimal
    source: str


@dataclass(frozen=True)
class RateTable:
    """One statutory interest rate per half-year, in date order."""

    name: str
    law: str
    checked: date
    rates: tuple[Rate, ...]

    def rate_on(self, day: date) -> Rate | None:
        """The rate of the half-year holding ``day``: its own row, else the latest earlier one
        (None before the first row)."""
        found = None
        for rate in self.rates:
            if rate.start <= day:
                found = rate
        return found

    def has_half_year(self, day: date) -> bool:
        """Whether the table has a row for the half-year holding ``day``."""
        start = half_year_start(day)
        return any(rate.start == start for rate in self.rates)


def half_year_start(day: date) -> date:
    return date(day.year, 1 if day.month <= 6 else 7, 1)


@dataclass(frozen=True)
class Slice:
    size: Decimal | None  # None: everything above
    percent: Decimal


@dataclass(frozen=True)
class Band:
    up_to: Decimal  # the claim up to and including this amount
    company: Decimal = Decimal(0)
    person: Decimal = Decimal(0)
    per_point: Decimal = Decimal(0)
    max_points: int = 0


@dataclass(frozen=True)
class DutchCosts:
    checked: date
    collection_slices: tuple[Slice, ...]
    collection_minimum: Decimal
    collection_maximum: Decimal
    collection_vat: Decimal
    collection_law: str
    flat_fee: Decimal
    flat_fee_law: str
    court_fee_bands: tuple[Band, ...]
    court_fee_law: str
    kanton_limit: Decimal
    recoverable_bands: tuple[Band, ...]
    recoverable_law: str
    recoverable_from: date


@dataclass(frozen=True)
class FixedSum:
    below: Decimal | None  # None: no upper limit
    amount: Decimal


@dataclass(frozen=True)
class EnglishTables:
    checked: date
    law: str
    rates: RateTable
    fixed_sums: tuple[FixedSum, ...]


def _load(name: str) -> dict[str, Any]:
    text = files("mediate.domain").joinpath("data", name).read_text(encoding="utf-8")
    return tomllib.loads(text, parse_float=Decimal)


def _rates(name: str, table: dict[str, Any], checked: date) -> RateTable:
    rows = sorted(table["rates"], key=lambda row: row["from"])
    return RateTable(
        name=name,
        law=table["law"],
        checked=checked,
        rates=tuple(Rate(row["from"], Decimal(row["percent"]), row["source"]) for row in rows),
    )


@cache
def dutch_interest(commercial: bool) -> RateTable:
    """Commercial (art. 6:119a BW) or non-commercial (art. 6:119 BW) statutory interest."""
    data = _load("interest_nl.toml")
    key = "commercial" if commercial else "non_commercial"
    name = "commercial interest" if commercial else "statutory interest"
    return _rates(name, data[key], data["checked"])


@cache
def dutch_costs() -> DutchCosts:
    data = _load("costs_nl.toml")
    collection, fees, recoverable = (
        data["collection"],
        data["court_fees"],
        data["recoverable_costs"],
    )
    return DutchCosts(
        checked=data["checked"],
        collection_slices=tuple(
            Slice(Decimal(s["size"]) if "size" in s else None, Decimal(s["percent"]))
            for s in collection["slices"]
        ),
        collection_minimum=Decimal(collection["minimum"]),
        collection_maximum=Decimal(collection["maximum"]),
        collection_vat=Decimal(collection["vat_percent"]),
        collection_law=collection["law"],
        flat_fee=Decimal(data["flat_fee"]["amount"]),
        flat_fee_law=data["flat_fee"]["law"],
        court_fee_bands=tuple(
            Band(Decimal(b["up_to"]), company=Decimal(b["company"]), person=Decimal(b["person"]))
            for b in fees["bands"]
        ),
        court_fee_law=fees["law"],
        kanton_limit=Decimal(fees["kanton_limit"]),
        recoverable_bands=tuple(
            Band(Decimal(b["up_to"]), per_point=Decimal(b["per_point"]), max_points=b["max_points"])
            for b in recoverable["bands"]
        ),
        recoverable_law=recoverable["law"],
        recoverable_from=recoverable["valid_from"],
    )


@cache
def english_tables() -> EnglishTables:
    data = _load("interest_uk.toml")
    return EnglishTables(
        checked=data["checked"],
        law=data["law"],
        rates=_rates("statutory interest", data, data["checked"]),
        fixed_sums=tuple(
            FixedSum(Decimal(s["below"]) if "below" in s else None, Decimal(s["amount"]))
            for s in data["fixed_sums"]
        ),
    )
