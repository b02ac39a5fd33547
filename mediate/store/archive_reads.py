"""Reads for looking back: how each case ended (for the insights) and what a prevention review
needs. Caucus notes are never read here."""

from __future__ import annotations

import json
from datetime import datetime

from sqlite_utils import Database

from mediate.domain.archive import CaseOutcome
from mediate.domain.model import ReasonCode
from mediate.domain.money import from_minor
from mediate.domain.prevention import CasePrevention, case_prevention
from mediate.store.read_api import ReadAPI
from mediate.store.search import as_reads


def case_outcomes(source: Database | ReadAPI) -> list[CaseOutcome]:
    """Every case with its parties, amounts, and its signed-off settlement if there is one."""
    reads = as_reads(source)
    db = reads.db
    reasons = {
        case_id: tuple(ReasonCode(r) for r in json.loads(text))
        for case_id, text in db.execute("SELECT id, reasons FROM cases WHERE import_state IS NULL")
    }
    agreed: dict[int, tuple[int, int]] = {}  # case -> (version, total minor), latest locked
    for case_id, version, total in db.execute(
        "SELECT s.case_id, s.version, p.total_minor FROM settlements s "
        "JOIN proposals p ON p.id = s.proposal_id WHERE s.locked = 1"
    ):
        if case_id not in agreed or version > agreed[case_id][0]:
            agreed[case_id] = (version, total)
    locks: dict[int, tuple[int, datetime]] = {}  # case -> (version, last signature), first locked
    for case_id, version, signed_at in db.execute(
        "SELECT s.case_id, s.version, g.signed_at FROM settlements s "
        "JOIN signoffs g ON g.settlement_id = s.id WHERE s.locked = 1"
    ):
        moment = datetime.fromisoformat(signed_at)  # NOT NULL in the schema
        known = locks.get(case_id)
        if known is None or version < known[0] or (version == known[0] and moment > known[1]):
            locks[case_id] = (version, moment)
    return [
        CaseOutcome(
            case_id=s.id,
            reference=s.reference,
            status=s.status,
            currency=s.currency,
            provider=s.provider,
            client=s.client,
            reasons=reasons.get(s.id, ()),
            opened=s.opened,
            invoiced=s.invoiced,
            agreed=from_minor(agreed[s.id][1], s.currency) if s.id in agreed else None,
            signed_off=locks[s.id][1] if s.id in locks else None,
        )
        for s in sorted(reads.summaries(), key=lambda s: s.id)
    ]


def prevention(
    source: Database | ReadAPI, reference: str | int | None = None, language: str | None = None
) -> list[CasePrevention]:
    """The prevention review of one case, or of every case when ``reference`` is None.

    Findings are worded in ``language``, else in each case's own language.
    """
    reads = as_reads(source)
    if reference is None:
        ids = [
            r[0]
            for r in reads.db.execute(
                "SELECT id FROM cases WHERE import_state IS NULL ORDER BY opened, reference"
            )
        ]
    else:
        ids = [reads.case_id(reference)]
    return [
        case_prevention(
            reads.case(case_id),
            reads.invoices(case_id),
            reads.clauses(case_id),
            reads.work_entries(case_id),
            language,
        )
        for case_id in ids
    ]
