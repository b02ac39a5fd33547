"""Small case folders written into tmp_path for intake tests."""

from __future__ import annotations

from pathlib import Path

CASE_TOML = """\
reference = "MED-T-001"
title = "Café rebuild: hours in dispute"
language = "en"
currency = "EUR"
mediator = "Mira Jansen"
opened = 2026-04-02
summary = "The client disputes design hours."
reasons = ["hours", "scope"]
contract_start = 2026-01-01
contract_end = 2026-03-31

[provider]
legal_name = "Pixel & Co B.V."
address = "Keizersgracht 1, 1015 CJ Amsterdam"
registration = "KvK 12345678"
signatory = "Anna de Vries"
signatory_capacity = "Director"

[client]
legal_name = "Bakkerij [Brood] Ltd"
address = "1 High Street, Bristol"
signatory = "Tom Baker"
signatory_capacity = "Managing Director"

[[statement]]
party = "client"
text = "We never agreed to 30 hours of design."
claimed_amount = 950.00
invoice_line = "INV-T-1:2"
"""

INVOICE_TOML = """\
number = "INV-T-1"
issue_date = 2026-03-31
due_date = 2026-04-30

[[lines]]
description = "Discovery workshop on 2 March, 4 h"
quantity = 4
unit = "h"
unit_price = 95.00
service_date = 2026-03-02

[[lines]]
description = "Design work"
quantity = 30
unit = "h"
unit_price = 95.00
disputed = true

[[lines]]
description = "Hosting, April"
quantity = 1
unit = "month"
unit_price = "49.99"
amount = "49.90"
"""

SESSION_TOML = """\
intake_at = 2026-04-14T09:30:00+02:00

[[event]]
kind = "statement"
at = 2026-04-14T10:05:00+02:00
party = "provider"
text = "Every design hour is in the log."
restatement = "What I hear is that the log backs all 30 hours."
confirmed = true

[[event]]
kind = "note"
at = 2026-04-14T10:30:00+02:00
visibility = "caucus-client"
text = "Budget is the real issue."

[[event]]
kind = "proposal"
at = 2026-04-14T11:00:00+02:00
by = "client"
adjust = [ { line = "INV-T-1:2", reduce_to = 950.00 } ]

[[event]]
kind = "proposal"
at = 2026-04-14T11:20:00+02:00
by = "provider"
counter_of = 1
adjust = [ { line = "INV-T-1:2", reduce_by_percent = 20 } ]
schedule = [ { due = 2026-05-01, amount = 1300.00 }, { due = 2026-06-01, amount = 1409.90 } ]

[[event]]
kind = "accept"
at = 2026-04-14T12:10:00+02:00
proposal = 2

[settlement]
choices_at = 2026-04-14T12:20:00+02:00
choices = { governing_law = "Dutch law", forum = "the District Court of Amsterdam", attestation = "yes", place = "Amsterdam" }

[[settlement.signoff]]
role = "provider"
name = "Anna de Vries"
capacity = "Director"
at = 2026-04-14T12:30:00+02:00

[[settlement.signoff]]
role = "client"
name = "Tom Baker"
capacity = "Managing Director"
at = 2026-04-14T12:31:00+02:00

[[settlement.signoff]]
role = "mediator"
name = "Mira Jansen"
capacity = "Mediator"
at = 2026-04-14T12:32:00+02:00
"""


def write_case(
    root: Path, name: str = "case", case_toml: str = CASE_TOML, session: str | None = None
) -> Path:
    folder = root / name
    (folder / "invoices").mkdir(parents=True)
    (folder / "case.toml").write_text(case_toml, encoding="utf-8")
    (folder / "invoices" / "inv.toml").write_text(INVOICE_TOML, encoding="utf-8")
    if session is not None:
        (folder / "session.toml").write_text(session, encoding="utf-8")
    return folder
