"""Finding past cases: full-text search over the record (FTS5) and the case list filtered.

The index ``search_index`` is kept in step by triggers (schema migration ``m002_search``); this
module only reads it. What a person types never reaches FTS5 as syntax: each word becomes a
quoted phrase, so "INV-10", a stray quote or "NEAR(" are searched for, never parsed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

from sqlite_utils import Database

from mediate.domain.archive import MARK_END, MARK_START, SearchHit
from mediate.domain.model import CaseStatus, Language, ReasonCode, Visibility
from mediate.domain.money import minor_digits
from mediate.domain.visibility import View, readable
from mediate.store.read_api import ReadAPI
from mediate.store.reads import (
    DISPUTED_SQL,
    INVOICED_SQL,
    NEWEST_FIRST,
    CaseSummary,
)

SNIPPET_TOKENS = 12
TITLE_WEIGHT = 2.0
RANK_WINDOW = 5_000  # matches ranked at most; beyond it, only the newest cases' matches
SORTS = ("opened", "reference", "disputed", "invoiced")
_UNSEARCHABLE = re.compile("[\x00\ud800-\udfff]")


class _DbReads(ReadAPI):
    """The store's read API over a bare database connection."""

    def __init__(self, db: Database) -> None:
        self.db = db


def as_reads(source: Database | ReadAPI) -> ReadAPI:
    """The store's read API, given a Store or a bare database."""
    return source if isinstance(source, ReadAPI) else _DbReads(source)


def _database(source: Database | ReadAPI) -> Database:
    return source.db if isinstance(source, ReadAPI) else source


def fts_query(text: str, prefix: bool = False) -> str:
    """A safe FTS5 query: every word a quoted phrase, all of them required.

    Words without a letter or digit (a lone quote, "*", "-") are dropped, since the tokenizer
    would find nothing in them. With ``prefix`` the last word also matches longer words
    ("caf" finds "café"), for search as you type. Empty when nothing searchable is left.
    """
    # A NUL would end the query early for SQLite, and an unpaired surrogate cannot be encoded.
    text = _UNSEARCHABLE.sub(" ", text or "")
    words = [w for w in text.split() if any(ch.isalnum() for ch in w)]
    phrases = ['"' + word.replace('"', '""') + '"' for word in words]
    if prefix and phrases:
        phrases[-1] += "*"
    return " ".join(phrases)


def search(
    db: Database | ReadAPI,
    text: str,
    *,
    view: View,
    limit: int = 50,
    prefix: bool = False,
) -> list[SearchHit]:
    """The best matches for ``text`` across all cases, best first (bm25, titles count double).

    Every word must occur in the same row: one message, statement, note, clause, party or case.

    Only rows a reader in ``view`` may see count: in the joint view no caucus material at all.
    A word found in more than RANK_WINDOW rows is ranked among its matches in the newest
    cases only, so that a search for "invoice" over 100,000 cases still answers at once.
    """
    query = fts_query(text, prefix=prefix)
    if not query or limit < 1:
        return []
    conn = _database(db).conn
    floor = conn.execute(
        "SELECT rowid FROM search_index WHERE search_index MATCH ? "
        "ORDER BY rowid DESC LIMIT 1 OFFSET ?",
        [query, RANK_WINDOW - 1],
    ).fetchone()
    window = floor[0] if floor else 0
    # Ranking needs only the index; a snippet or a row's visibility means reading the row. So the
    # matches are ranked by score alone and only the best are read. In a restricted view twice
    # the hits wanted are ranked and the readable ones kept: the same hits in the same order, unless
    # caucus rows crowd them out, and then every match is ranked (LIMIT -1: no limit).
    kinds = sorted(v.value for v in readable(view))
    restricted = len(kinds) < len(Visibility)
    marks = ", ".join("?" for _ in kinds)
    visibility = kinds if restricted else []
    sql = f"""
        WITH top AS (
            SELECT search_index.rowid AS hit,
                   bm25(search_index, 0, 0, 0, 0, {TITLE_WEIGHT}, 1.0) AS score
            FROM search_index
            WHERE search_index MATCH ? AND search_index.rowid >= ?
            ORDER BY score, hit DESC LIMIT ?
        )
        SELECT search_index.case_id, c.reference, c.title, search_index.kind,
               search_index.row_id, search_index.visibility,
               snippet(search_index, -1, ?, ?, '…', {SNIPPET_TOKENS}) AS snippet
        FROM top CROSS JOIN search_index CROSS JOIN cases c ON c.id = search_index.case_id
        WHERE search_index MATCH ? AND search_index.rowid = top.hit AND c.import_state IS NULL
          {f"AND search_index.visibility IN ({marks})" if restricted else ""}
        ORDER BY top.score, top.hit DESC
        LIMIT ?
    """

    def ranked(count: int) -> list:
        params = [query, window, count, MARK_START, MARK_END, query, *visibility, limit]
        return conn.execute(sql, params).fetchall()

    rows = ranked(2 * limit if restricted else limit)
    if restricted and len(rows) < limit:
        rows = ranked(-1)
    return [
        SearchHit(
            case_id=row[0],
            reference=row[1],
            title=row[2],
            kind=row[3],
            row_id=row[4],
            visibility=Visibility(row[5]),
            snippet=" ".join(row[6].split()),
        )
        for row in rows
    ]


def _values(value: Any, kind: type) -> list[str]:
    items = [value] if isinstance(value, str) or not isinstance(value, Iterable) else value
    return [kind(item).value for item in items]


@dataclass(frozen=True)
class CaseFilter:
    """What the archive's case list is narrowed to and sorted by.

    ``status`` is one status or several; ``party`` a piece of either party's legal name or contact
    person (any case); ``date_from``/``date_to`` bound the opening date, both inclusive;
    ``amount_min``/``amount_max`` bound the disputed amount, both inclusive; ``sort`` is one of
    "opened", "reference", "disputed", "invoiced" (cases without an opening date sort last).
    """

    status: CaseStatus | str | Iterable[CaseStatus | str] | None = None
    party: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    language: Language | str | None = None
    reason: ReasonCode | str | None = None
    sort: str = "opened"
    descending: bool = True

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}, not {self.sort!r}")

    def sql(self, db: Database) -> tuple[str, list[Any], str]:
        """The condition on cases ``c`` (with its parameters) and the order, all in SQL: a page
        of the list reads only its own rows when the order is the opening date or the
        reference (an index each); amounts are compared in each case's own currency."""
        where: list[str] = [SHOWN]
        params: list[Any] = []
        if self.status is not None:
            statuses = _values(self.status, CaseStatus)
            where.append(f"c.status IN ({', '.join('?' for _ in statuses)})")
            params += statuses
        needle = _UNSEARCHABLE.sub("", self.party or "").strip()
        if needle:
            # instr, not LIKE: the same ASCII case folding, but no limit on the pattern's length
            # or complexity ("LIKE or GLOB pattern too complex") and no wildcard to escape.
            where.append(
                "EXISTS (SELECT 1 FROM parties p WHERE p.case_id = c.id AND "
                "(instr(lower(p.legal_name), lower(?)) OR instr(lower(p.contact_person), lower(?))))"
            )
            params += [needle, needle]
        if self.date_from is not None:
            where.append("c.opened >= ?")
            params.append(self.date_from.isoformat())
        if self.date_to is not None:
            where.append("c.opened <= ?")
            params.append(self.date_to.isoformat())
        if self.language is not None:
            where.append("c.language = ?")
            params.append(Language(self.language).value)
        if self.reason is not None:
            where.append("EXISTS (SELECT 1 FROM json_each(c.reasons) WHERE value = ?)")
            params.append(ReasonCode(self.reason).value)
        if self.amount_min is not None or self.amount_max is not None:
            currencies = _currencies(db)
            for bound, compare, rounding in (
                (self.amount_min, ">=", ROUND_CEILING),
                (self.amount_max, "<=", ROUND_FLOOR),
            ):
                if bound is not None:
                    where.append(f"{DISPUTED_SQL} {compare} {_in_minor(currencies)}")
                    params += [v for cur in currencies for v in (cur, _minor(bound, cur, rounding))]
        return " AND ".join(where), params, self._order(db)

    def _order(self, db: Database) -> str:
        way = "DESC" if self.descending else ""
        if self.sort == "reference":
            return f"c.reference {way}"
        if self.sort == "opened":
            return NEWEST_FIRST if self.descending else "c.opened IS NULL, c.opened, c.reference"
        amount = INVOICED_SQL if self.sort == "invoiced" else DISPUTED_SQL
        return f"{amount} * {_scale(_currencies(db))} {way}, c.reference"


SHOWN = "c.import_state IS NULL"  # not being imported (the condition of ``cases_opened``)


def _currencies(db: Database) -> list[str]:
    return [row[0] for row in db.execute("SELECT DISTINCT currency FROM cases ORDER BY 1")]


def _minor(amount: Decimal, currency: str, rounding: str) -> int:
    """``amount`` in the currency's minor units, rounded towards what the bound lets in."""
    return int(amount.scaleb(minor_digits(currency)).to_integral_value(rounding=rounding))


def _in_minor(currencies: list[str]) -> str:
    """A bound given per currency (parameters: each currency and the bound in its minor
    units), picked by the case's."""
    if not currencies:
        return "NULL"
    return "CASE c.currency " + " ".join("WHEN ? THEN ?" for _ in currencies) + " END"


def _scale(currencies: list[str]) -> str:
    """What a case's minor units are multiplied by so that amounts in any currency compare."""
    most = max((minor_digits(c) for c in currencies), default=0)
    factors = " ".join(
        f"WHEN '{c}' THEN {10 ** (most - minor_digits(c))}" for c in currencies if c.isalpha()
    )
    return f"(CASE c.currency {factors} ELSE 1 END)" if factors else "1"


def case_count(db: Database | ReadAPI, case_filter: CaseFilter) -> int:
    """How many cases the filter leaves."""
    conn = _database(db)
    where, params, _order = case_filter.sql(conn)
    return conn.execute(
        f"SELECT COUNT(*) FROM cases c{_scan(where)} WHERE {where}", params
    ).fetchone()[0]


def _scan(where: str) -> str:
    """How cases are counted: every case shown from the index ``cases_opened``; under a filter
    by reading the table in order (through the index it took 10x longer: a jump per case)."""
    return "" if where == SHOWN else " NOT INDEXED"


def case_page(
    db: Database | ReadAPI, case_filter: CaseFilter, offset: int = 0, limit: int = 50
) -> list[CaseSummary]:
    """One page of the filtered, sorted list: the page's cases are found (and sorted) in SQL and
    only they are summed (``limit`` -1: every case)."""
    conn = _database(db)
    where, params, order = case_filter.sql(conn)
    return as_reads(db).summaries(
        f"c.id IN (SELECT c.id FROM cases c WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?)",
        [*params, limit, offset],
        order,
    )


def filter_cases(
    db: Database | ReadAPI,
    status: CaseStatus | str | Iterable[CaseStatus | str] | None = None,
    party: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    amount_min: Decimal | None = None,
    amount_max: Decimal | None = None,
    language: Language | str | None = None,
    reason: ReasonCode | str | None = None,
    sort: str = "opened",
    descending: bool = True,
) -> list[CaseSummary]:
    """The whole case list narrowed and sorted (see ``CaseFilter``; a screen reads it a page at
    a time with ``case_page``)."""
    case_filter = CaseFilter(
        status, party, date_from, date_to, amount_min, amount_max, language, reason, sort,
        descending,
    )  # fmt: skip
    return case_page(db, case_filter, 0, -1)
