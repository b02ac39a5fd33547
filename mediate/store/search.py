"""Finding past cases: full-text search over the record (FTS5) and the case list filtered.

The index ``search_index`` is kept in step by triggers (schema migration ``m002_search``); this
module only reads it. What a person types never reaches FTS5 as syntax: each word becomes a
quoted phrase, so "INV-10", a stray quote or "NEAR(" are searched for, never parsed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from sqlite_utils import Database

from mediate.domain.archive import MARK_END, MARK_START, SearchHit
from mediate.domain.model import CaseStatus, Language, ReasonCode, Visibility
from mediate.domain.visibility import View, readable
from mediate.store.reads import CaseSummary, Reads

SNIPPET_TOKENS = 12
TITLE_WEIGHT = 2.0
RANK_WINDOW = 5_000  # matches ranked at most; beyond it, only the newest cases' matches
SORTS = ("opened", "reference", "disputed", "invoiced")
_UNSEARCHABLE = re.compile("[\x00\ud800-\udfff]")


class _DbReads(Reads):
    """The store's read API over a bare database connection."""

    def __init__(self, db: Database) -> None:
        self.db = db


def as_reads(source: Database | Reads) -> Reads:
    """The store's read API, given a Store or a bare database."""
    return source if isinstance(source, Reads) else _DbReads(source)


def _database(source: Database | Reads) -> Database:
    return source.db if isinstance(source, Reads) else source


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
    db: Database | Reads,
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


def filter_cases(
    db: Database | Reads,
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
    """The case list narrowed and sorted.

    ``status`` is one status or several; ``party`` a piece of either party's legal name or contact
    person (any case); ``date_from``/``date_to`` bound the opening date, both inclusive;
    ``amount_min``/``amount_max`` bound the disputed amount, both inclusive; ``sort`` is one of
    "opened", "reference", "disputed", "invoiced" (cases without an opening date sort last).
    """
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    where: list[str] = []
    params: list[Any] = []
    if status is not None:
        statuses = _values(status, CaseStatus)
        where.append(f"c.status IN ({', '.join('?' for _ in statuses)})")
        params += statuses
    needle = _UNSEARCHABLE.sub("", party or "").strip()
    if needle:
        # instr, not LIKE: the same ASCII case folding, but no limit on the pattern's length
        # or complexity ("LIKE or GLOB pattern too complex") and no wildcard to escape.
        where.append(
            "EXISTS (SELECT 1 FROM parties p WHERE p.case_id = c.id AND "
            "(instr(lower(p.legal_name), lower(?)) OR instr(lower(p.contact_person), lower(?))))"
        )
        params += [needle, needle]
    if date_from is not None:
        where.append("c.opened >= ?")
        params.append(date_from.isoformat())
    if date_to is not None:
        where.append("c.opened <= ?")
        params.append(date_to.isoformat())
    if language is not None:
        where.append("c.language = ?")
        params.append(Language(language).value)
    if reason is not None:
        where.append("EXISTS (SELECT 1 FROM json_each(c.reasons) WHERE value = ?)")
        params.append(ReasonCode(reason).value)
    cases = as_reads(db).summaries(" AND ".join(where), params)
    if amount_min is not None:
        cases = [s for s in cases if s.disputed >= amount_min]
    if amount_max is not None:
        cases = [s for s in cases if s.disputed <= amount_max]
    return _sorted(cases, sort, descending)


def _sorted(cases: list[CaseSummary], sort: str, descending: bool) -> list[CaseSummary]:
    by_reference = sorted(cases, key=lambda s: s.reference)
    if sort == "reference":
        return by_reference[::-1] if descending else by_reference
    if sort == "opened":
        dated = [(s.opened, s) for s in by_reference if s.opened is not None]
        undated = [s for s in by_reference if s.opened is None]
        return [s for _, s in sorted(dated, key=lambda d: d[0], reverse=descending)] + undated
    return sorted(by_reference, key=lambda s: getattr(s, sort), reverse=descending)
