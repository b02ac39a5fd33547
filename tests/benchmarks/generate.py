"""Generated data for benchmarks: a large case folder (many invoice lines, work entries and
e-mails) and a database of many whole cases, each at the sizes ``make bench`` asks for."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from mediate.store import schema

TASKS = [
    "design",
    "development",
    "testing",
    "deployment",
    "meetings",
    "documentation",
    "support",
    "research",
]

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


def large_case(
    folder: Path, lines: int = 200, entries: int = 20_000, emails: int = 2_000, seed: int = 7
) -> Path:
    """Write a case folder with ``lines`` invoice lines, ``entries`` work entries, ``emails`` mails."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "case.toml").write_text(
        'reference = "BENCH-LARGE"\ntitle = "Large benchmark case"\nlanguage = "en"\ncurrency = "EUR"\n'
        'mediator = "Bench Mediator"\nopened = 2026-06-01\nreasons = ["hours"]\n'
        '[provider]\nlegal_name = "Bench Provider B.V."\naddress = "Street 1, Amsterdam"\n'
        'signatory = "P. Signer"\nsignatory_capacity = "Director"\n'
        '[client]\nlegal_name = "Bench Client Ltd"\naddress = "Road 2, London"\n'
        'signatory = "C. Signer"\nsignatory_capacity = "Director"\n',
        encoding="utf-8",
    )
    (folder / "invoices").mkdir(exist_ok=True)
    out = ['number = "BENCH-1"\nissue_date = 2026-05-31\ndue_date = 2026-06-30\n']
    for position in range(1, lines + 1):
        task = TASKS[position % len(TASKS)]
        out.append(
            f'[[lines]]\ndescription = "{task} work package {position}"\nquantity = {rng.randint(1, 40)}\n'
            f'unit = "h"\nunit_price = 95.00\ndisputed = {"true" if position % 3 == 0 else "false"}\n'
        )
    (folder / "invoices" / "bench.toml").write_text("\n".join(out), encoding="utf-8")
    (folder / "worklog").mkdir(exist_ok=True)
    start = date(2025, 1, 1)
    rows = ["date,person,hours,description,invoice_line"]
    for index in range(entries):
        day = start + timedelta(days=rng.randint(0, 500))
        line = rng.randint(1, lines)
        rows.append(
            f"{day.isoformat()},Person {index % 12},{rng.randint(1, 16) / 4:.2f},entry {index},BENCH-1:{line}"
        )
    (folder / "worklog" / "log.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "correspondence").mkdir(exist_ok=True)
    # Written as text from one template (the e-mail package's generator took 30 s for 20,000).
    with open(folder / "correspondence" / "mail.mbox", "w", encoding="utf-8") as mbox:
        for index in range(emails):
            sent = datetime(2025, 1, 1, 9, tzinfo=UTC) + timedelta(hours=index * 5)
            mbox.write(
                f"From bench@example {sent:%a %b %d %H:%M:%S %Y}\n"
                f"From: person{index % 7}@provider.example\n"
                "To: client@client.example\n"
                f"Subject: Re: invoice BENCH-1 question {index}\n"
                f"Date: {format_datetime(sent)}\n"
                f"Message-ID: <{index}.{seed}@bench.example>\n"
                'Content-Type: text/plain; charset="utf-8"\n'
                "Content-Transfer-Encoding: 7bit\n"
                "MIME-Version: 1.0\n\n"
                f"Hello,\n\nAbout line {index % lines + 1} of invoice BENCH-1.\n\nRegards\n\n"
            )
    return folder


def cached(name: str, build: Callable[[Path], object]) -> Path:
    """``build(path)`` once per version of the generators and the schema, kept in the temporary
    folder (``mediate-bench-<key>/<name>``) for the next run; built under another name and
    renamed, so an interrupted build is never taken for a whole one."""
    key = hashlib.sha256(
        Path(__file__).read_bytes() + Path(schema.__file__).read_bytes()
    ).hexdigest()[:12]
    root = Path(tempfile.gettempdir()) / f"mediate-bench-{key}"
    path = root / name
    if not path.exists():
        root.mkdir(parents=True, exist_ok=True)
        building = root / f"{name}.building-{os.getpid()}"
        shutil.rmtree(building, ignore_errors=True)
        building.unlink(missing_ok=True)
        build(building)
        building.rename(path)
    return path


def sentence(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS + DUTCH) for _ in range(count))


def company(rng: random.Random, index: int) -> str:
    stem = "".join(rng.choice("bcdfghjklmnprstvwz") + rng.choice("aeiou") for _ in range(3))
    return f"{stem.capitalize()} {index} {rng.choice(['B.V.', 'Ltd', 'GmbH', 'V.O.F.'])}"


def whole_cases(path: Path, cases: int, lines: int = 20, seed: int = 11) -> Path:
    """A database of ``cases`` whole cases written with bulk SQL: two parties, two statements,
    an invoice of ``lines`` lines (every third disputed) and the import's audit event each.

    The rows go in with plain INSERTs in one transaction (the audit events are not chained:
    this database is for timing only); the search triggers index them as they are written, as
    they would for rows written by the store.
    """
    from mediate.store import open_store

    rng = random.Random(seed)
    store = open_store(path)
    conn = store.db.conn
    start = date(2016, 1, 1)
    with store.batch():
        for first in range(1, cases + 1, 10_000):  # in parts: a part's rows, then the next
            numbers = range(first, min(first + 10_000, cases + 1))
            case_rows, party_rows, statement_rows, invoice_rows, line_rows, events = (
                [], [], [], [], [], []
            )  # fmt: skip
            for index in numbers:
                opened = start + timedelta(days=rng.randint(0, 3650))
                case_rows.append(
                    (
                        index,
                        f"ARC-{index:06d}",
                        f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)}: dispute {index}",
                        rng.choice(["signed_off", "impasse", "withdrawn", "in_session"]),
                        rng.choice(["en", "nl"]),
                        opened.isoformat(),
                        sentence(rng, 14),
                    )
                )
                for role in ("provider", "client"):
                    party_rows.append((index, role, company(rng, index), f"Contact {index}"))
                    statement_rows.append(
                        (index, role, sentence(rng, 20), f"{opened}T10:00:00+00:00")
                    )
                invoice_rows.append((index, index, f"INV-{index}", opened.isoformat()))
                for position in range(1, lines + 1):
                    quantity = rng.randint(1, 40)
                    line_rows.append(
                        (
                            (index - 1) * lines + position,
                            index,
                            index,
                            position,
                            f"{TASKS[position % len(TASKS)]} work package {position}",
                            str(quantity),
                            quantity * 9500,
                            int(position % 3 == 0),
                        )
                    )
                events.append((index, f"{opened}T09:00:00+00:00"))
            conn.executemany(
                "INSERT INTO cases (id, reference, title, status, language, currency, opened,"
                " summary, reasons) VALUES (?, ?, ?, ?, ?, 'EUR', ?, ?, '[\"hours\"]')",
                case_rows,
            )
            conn.executemany(
                "INSERT INTO parties (case_id, role, legal_name, contact_person)"
                " VALUES (?, ?, ?, ?)",
                party_rows,
            )
            conn.executemany(
                "INSERT INTO statements (case_id, party, text, recorded_at) VALUES (?, ?, ?, ?)",
                statement_rows,
            )
            conn.executemany(
                "INSERT INTO invoices (id, case_id, number, kind, issue_date, currency)"
                " VALUES (?, ?, ?, 'invoice', ?, 'EUR')",
                invoice_rows,
            )
            conn.executemany(
                "INSERT INTO invoice_lines (id, case_id, invoice_id, position, description,"
                " quantity, unit, unit_price, net_minor, disputed)"
                " VALUES (?, ?, ?, ?, ?, ?, 'h', '95.00', ?, ?)",
                line_rows,
            )
            conn.executemany(
                "INSERT INTO audit_events (case_id, seq, at, actor, kind, payload, prev_hash,"
                " hash) VALUES (?, 1, ?, 'mediator', 'case.imported', '{}', '', '')",
                events,
            )
    store.db.execute("INSERT INTO search_index (search_index) VALUES ('optimize')")
    store.close()
    return path
