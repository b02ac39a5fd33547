"""Search on the archive of whole cases (``generate.whole_cases``): the p95 of 50 searches by
mediate against the p95 of a bare FTS5 query of the same words on the same index, in turns.

The bare query is the least a search can do: match the words, rank by bm25, take 50 rows with a
snippet. Mediate's also weighs titles, keeps caucus material out of the joint view, and names
each hit's case.
"""

from __future__ import annotations

import random
import sqlite3
import time
from pathlib import Path

from mediate.domain.visibility import View
from mediate.store import open_store
from mediate.store.search import fts_query, search
from tests.benchmarks.generate import WORDS

SEARCHES = 50
BARE = """
    SELECT rowid, case_id, snippet(search_index, -1, '[', ']', '…', 12) FROM search_index
    WHERE search_index MATCH ? ORDER BY rank LIMIT 50
"""


def queries(rng: random.Random, cases: int, count: int = SEARCHES) -> list[str]:
    """A mix: one common word, two words, a case reference, a company, Dutch without accents."""
    kinds = [
        lambda: rng.choice(WORDS),
        lambda: f"{rng.choice(WORDS)} {rng.choice(WORDS)}",
        lambda: f"ARC-{rng.randint(1, cases):06d}",
        lambda: f"Contact {rng.randint(1, cases)}",
        lambda: rng.choice(["cafe", "cooperatie", "factuur herinnering"]),
    ]
    return [kinds[index % len(kinds)]() for index in range(count)]


def p95(times: list[float]) -> float:
    times = sorted(times)
    return times[max(0, -(-len(times) * 95 // 100) - 1)]


def bench_search(path: Path, cases: int) -> tuple[float, float]:
    """(p95 of mediate's searches, p95 of the bare queries), in milliseconds."""
    store = open_store(path)
    bare = sqlite3.connect(path)
    try:
        count = store.db.execute("SELECT COUNT(*) FROM cases").fetchone()[0]
        indexed = store.db.execute("SELECT COUNT(*) FROM search_index").fetchone()[0]
        assert count == cases and indexed == 5 * cases, "every case, party and statement indexed"
        search(store, "warm up", view=View.JOINT)
        bare.execute(BARE, [fts_query("warm up")]).fetchall()
        ours, theirs = [], []
        for index, text in enumerate(queries(random.Random(5), cases)):
            began = time.perf_counter()
            search(store, text, view=View.JOINT if index % 2 == 0 else View.MEDIATOR)
            ours.append((time.perf_counter() - began) * 1000)
            began = time.perf_counter()
            bare.execute(BARE, [fts_query(text)]).fetchall()
            theirs.append((time.perf_counter() - began) * 1000)
    finally:
        bare.close()
        store.close()
    return p95(ours), p95(theirs)
