"""Search on a large archive: 100,000 cases written with bulk SQL, then the p95 of 50 searches.

The rows go in with plain INSERTs (no audit events: this database is for timing only); the
search triggers index them as they are written, as they would for rows written by the store.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta
from pathlib import Path

from mediate.domain.visibility import View
from mediate.store import open_store
from mediate.store.search import search

CASES = 100_000
SEARCHES = 50
WORDS = [
    "invoice",
    "hours",
    "design",
    "development",
    "meeting",
    "workshop",
    "website",
    "logo",
    "campaign",
    "strategy",
    "report",
    "server",
    "hosting",
    "migration",
    "support",
    "contract",
    "rate",
    "quality",
    "scope",
    "delay",
    "deadline",
    "payment",
    "reminder",
    "credit",
    "note",
    "discount",
    "overtime",
    "weekend",
    "travel",
    "expenses",
    "licence",
    "translation",
    "audit",
    "review",
    "testing",
    "deployment",
    "training",
    "documentation",
    "photography",
    "copywriting",
    "branding",
    "bookkeeping",
    "advice",
    "consultancy",
    "cleaning",
    "catering",
    "transport",
    "installation",
    "repair",
    "maintenance",
    "plumbing",
    "electrical",
    "painting",
    "carpentry",
    "roofing",
    "garden",
    "kitchen",
    "bathroom",
]
DUTCH = [
    "factuur",
    "uren",
    "ontwerp",
    "overleg",
    "betaling",
    "herinnering",
    "korting",
    "offerte",
    "café",
    "coöperatie",
]


def _sentence(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS + DUTCH) for _ in range(count))


def _company(rng: random.Random, index: int) -> str:
    stem = "".join(rng.choice("bcdfghjklmnprstvwz") + rng.choice("aeiou") for _ in range(3))
    return f"{stem.capitalize()} {index} {rng.choice(['B.V.', 'Ltd', 'GmbH', 'V.O.F.'])}"


def build_archive(path: Path, cases: int = CASES, seed: int = 11) -> Path:
    """A database with ``cases`` cases, two parties and two statements each."""
    rng = random.Random(seed)
    store = open_store(path)
    db = store.db
    start = date(2020, 1, 1)
    case_rows, party_rows, statement_rows = [], [], []
    for index in range(1, cases + 1):
        opened = start + timedelta(days=rng.randint(0, 2200))
        case_rows.append(
            (
                index,
                f"ARC-{index:06d}",
                f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)}: dispute {index}",
                rng.choice(["signed_off", "impasse", "withdrawn", "in_session"]),
                rng.choice(["en", "nl"]),
                opened.isoformat(),
                _sentence(rng, 14),
            )
        )
        for role in ("provider", "client"):
            party_rows.append((index, role, _company(rng, index), f"Contact {index}"))
            statement_rows.append((index, role, _sentence(rng, 20), f"{opened}T10:00:00+00:00"))
    with store.batch():
        db.conn.executemany(
            "INSERT INTO cases (id, reference, title, status, language, currency, opened, summary)"
            " VALUES (?, ?, ?, ?, ?, 'EUR', ?, ?)",
            case_rows,
        )
        db.conn.executemany(
            "INSERT INTO parties (case_id, role, legal_name, contact_person) VALUES (?, ?, ?, ?)",
            party_rows,
        )
        db.conn.executemany(
            "INSERT INTO statements (case_id, party, text, recorded_at) VALUES (?, ?, ?, ?)",
            statement_rows,
        )
    db.execute("INSERT INTO search_index (search_index) VALUES ('optimize')")
    store.close()
    return path


def queries(rng: random.Random, count: int = SEARCHES) -> list[str]:
    """A mix: one common word, two words, a case reference, a company, Dutch without accents."""
    kinds = [
        lambda: rng.choice(WORDS),
        lambda: f"{rng.choice(WORDS)} {rng.choice(WORDS)}",
        lambda: f"ARC-{rng.randint(1, CASES):06d}",
        lambda: f"Contact {rng.randint(1, CASES)}",
        lambda: rng.choice(["cafe", "cooperatie", "factuur herinnering"]),
    ]
    return [kinds[index % len(kinds)]() for index in range(count)]


def bench_search(work_dir: Path) -> tuple[float, int]:
    """(p95 of 50 searches in milliseconds, number of cases searched)."""
    path = build_archive(Path(work_dir) / "archive.db")
    store = open_store(path)
    try:
        cases = store.db.execute("SELECT COUNT(*) FROM cases").fetchone()[0]
        indexed = store.db.execute("SELECT COUNT(*) FROM search_index").fetchone()[0]
        assert indexed == 5 * cases, "the triggers indexed every case, party and statement"
        rng = random.Random(5)
        search(store, "warm up", view=View.JOINT)
        times = []
        for index, text in enumerate(queries(rng)):
            began = time.perf_counter()
            search(store, text, view=View.JOINT if index % 2 == 0 else View.MEDIATOR)
            times.append((time.perf_counter() - began) * 1000)
    finally:
        store.close()
    times.sort()
    return times[max(0, -(-len(times) * 95 // 100) - 1)], cases


if __name__ == "__main__":
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        began = time.perf_counter()
        p95, count = bench_search(Path(tmp))
        print(
            f"search p95 over {count:,} cases: {p95:.1f} ms (build+run {time.perf_counter() - began:.0f} s)"
        )
    sys.exit(0 if p95 < 50 else 1)
