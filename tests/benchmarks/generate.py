"""Generated case folders for benchmarks: a large case with many work entries and e-mails."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

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
    with open(folder / "correspondence" / "mail.mbox", "w", encoding="utf-8") as mbox:
        for index in range(emails):
            message = EmailMessage()
            message["From"] = f"person{index % 7}@provider.example"
            message["To"] = "client@client.example"
            message["Subject"] = f"Re: invoice BENCH-1 question {index}"
            sent = datetime(2025, 1, 1, 9, tzinfo=UTC) + timedelta(hours=index * 5)
            message["Date"] = format_datetime(sent)
            message["Message-ID"] = make_msgid(domain="bench.example")
            message.set_content(
                f"Hello,\n\nAbout line {index % lines + 1} of invoice BENCH-1.\n\nRegards"
            )
            mbox.write(f"From bench@example {sent:%a %b %d %H:%M:%S %Y}\n")
            mbox.write(message.as_string().replace("\nFrom ", "\n>From "))
            mbox.write("\n")
    return folder
