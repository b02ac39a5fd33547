"""Reading the case record back as domain objects, and the summaries the screens list."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from mediate.domain.lifecycle import label
from mediate.domain.model import (
    Case,
    CaseStatus,
    ContractClause,
    LineAdjustment,
    Message,
    Note,
    Proposal,
    Settlement,
    Statement,
    WorkEntry,
)
from mediate.domain.money import from_minor
from mediate.domain.safe_text import for_terminal, is_storable
from mediate.domain.visibility import View, readable
from mediate.store import rows as R
from mediate.store.base import StoreBase
from mediate.store.connection import StoreError
from mediate.store.import_slices import ImportState, unfinished_sentence

if TYPE_CHECKING:
    from mediate.domain.settlement_money import SettlementMoney


@dataclass(frozen=True)
class CaseSummary:
    """One line of the case list."""

    id: int
    reference: str
    title: str
    status: CaseStatus
    language: str
    currency: str
    provider: str
    client: str
    invoiced: Decimal
    disputed: Decimal
    opened: date | None
    last_activity: datetime | None


def visible_in(view: View) -> tuple[str, list[str]]:
    """The SQL condition (and its parameters) for the rows a reader in ``view`` may see: the
    domain's ``readable`` visibilities, and every row released from its caucus."""
    kinds = sorted(v.value for v in readable(view))
    return f"(visibility IN ({', '.join('?' for _ in kinds)}) OR released_at IS NOT NULL)", kinds


@dataclass(frozen=True)
class ExportRecord:
    """One export of an agreement, as the audit log recorded it."""

    at: datetime
    version: int
    file: str
    file_sha256: str
    fingerprint: str
    language: str


# A case's invoiced amount (lines and document-level allowances and charges, a credit note
# counting negative) and its disputed amount (disputed lines), in minor units: summed from the
# covering indexes ``invoice_lines_sums`` and ``invoice_adjustments_case``.
INVOICED_SQL = """(
  (SELECT COALESCE(SUM(CASE i.kind WHEN 'credit_note' THEN -l.net_minor ELSE l.net_minor END), 0)
     FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.case_id = c.id)
  + (SELECT COALESCE(SUM(CASE WHEN (i.kind = 'credit_note') = (a.charge = 1)
                              THEN -a.amount_minor ELSE a.amount_minor END), 0)
     FROM invoice_adjustments a JOIN invoices i ON i.id = a.invoice_id
     WHERE a.case_id = c.id AND a.line_id IS NULL))"""
DISPUTED_SQL = """(
  SELECT COALESCE(SUM(CASE i.kind WHEN 'credit_note' THEN -l.net_minor ELSE l.net_minor END), 0)
     FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
     WHERE l.case_id = c.id AND l.disputed = 1)"""
# The case list's order, newest first: read from the index ``cases_opened`` (cases without an
# opening date last).
NEWEST_FIRST = "c.opened DESC, c.reference"

_SUMMARY_SQL = f"""
SELECT c.*,
  (SELECT legal_name FROM parties WHERE case_id = c.id AND role = 'provider') AS provider,
  (SELECT legal_name FROM parties WHERE case_id = c.id AND role = 'client') AS client,
  {INVOICED_SQL} AS invoiced,
  {DISPUTED_SQL} AS disputed,
  (SELECT MAX(at) FROM audit_events WHERE case_id = c.id) AS last_activity
FROM cases c
"""


MOST_WORDS = 30  # words a case filter looks for at once (each one is a clause of the query)


def _case_words(words: str) -> tuple[str, list[Any]]:
    """SQL for cases holding every word, each in the reference, the title, a party's legal name
    or the status as it is named to a person (``lifecycle.label``); any case."""
    status = "CASE c.status " + " ".join(f"WHEN '{s.value}' THEN '{label(s)}'" for s in CaseStatus)
    each = (
        "(instr(lower(c.reference), ?) OR instr(lower(c.title), ?) "
        f"OR instr(lower({status} END), ?) OR EXISTS (SELECT 1 FROM parties p "
        "WHERE p.case_id = c.id AND instr(lower(p.legal_name), ?)))"
    )
    found = list(dict.fromkeys(words.lower().split()))
    if not found:
        return "1", []
    if len(found) > MOST_WORDS:
        raise StoreError(
            f"The filter holds {len(found)} different words; cases are looked for by at most "
            f"{MOST_WORDS} at once. Leave some out."
        )
    return " AND ".join(each for _ in found), [w for word in found for w in (word,) * 4]


class Reads(StoreBase):
    # --- cases -----------------------------------------------------------------------------------

    def case_id(self, reference: str | int) -> int:
        """The id of a case named by its reference (or already an id)."""
        if isinstance(reference, str) and not is_storable(reference):
            raise StoreError(f"There is no case “{for_terminal(reference)}” in this database.")
        if isinstance(reference, int):
            row = self.db.execute("SELECT id FROM cases WHERE id = ?", [reference]).fetchone()
        else:
            row = self.db.execute(
                "SELECT id, import_state FROM cases WHERE reference = ?", [reference]
            ).fetchone()
        if row is None:
            raise StoreError(f"There is no case “{for_terminal(str(reference))}” in this database.")
        if isinstance(reference, str) and row[1] is not None:
            raise StoreError(unfinished_sentence(reference, ImportState.parse(row[1])))
        return row[0]

    def case(self, reference: str | int) -> Case:
        case_id = self.case_id(reference)
        row = next(self.db.query("SELECT * FROM cases WHERE id = ?", [case_id]))
        parties = [
            R.party_from(p)
            for p in self.db.query(
                "SELECT * FROM parties WHERE case_id = ? ORDER BY role DESC", [case_id]
            )
        ]
        return R.case_from(row, parties)

    def summaries(
        self, where: str = "", params: list[Any] | None = None, order: str = NEWEST_FIRST
    ) -> list[CaseSummary]:
        """The summaries of the cases under ``where``, in ``order``: every case unless told
        otherwise (a page reads ``c.id IN (a query with LIMIT)``, see ``summary_page``)."""
        sql = (
            _SUMMARY_SQL
            + " WHERE c.import_state IS NULL"
            + (f" AND ({where})" if where else "")
            + f" ORDER BY {order}"
        )
        return [self._summary(r) for r in self.db.query(sql, params or [])]

    def case_count(self, words: str = "") -> int:
        """How many cases hold every word (reference, title, a party's name, or status)."""
        where, params = _case_words(words)
        # Every case is counted in the index ``cases_opened``; cases holding words by reading
        # the table in order (through the index it took twice as long: a jump per case).
        scan = " NOT INDEXED" if params else ""
        return self.db.execute(
            f"SELECT COUNT(*) FROM cases c{scan} WHERE c.import_state IS NULL AND {where}", params
        ).fetchone()[0]

    def summary_page(self, words: str = "", offset: int = 0, limit: int = 50) -> list[CaseSummary]:
        """One page of the case list, newest first, holding every word; summaries (sums over
        invoice lines and the audit log) are worked out for the rows of the page only."""
        where, params = _case_words(words)
        return self.summaries(
            "c.id IN (SELECT c.id FROM cases c WHERE c.import_state IS NULL AND "
            f"{where} ORDER BY {NEWEST_FIRST} LIMIT ? OFFSET ?)",
            [*params, limit, offset],
        )

    def summary(self, reference: str | int) -> CaseSummary:
        return self.summaries("c.id = ?", [self.case_id(reference)])[0]

    @staticmethod
    def _summary(r: dict[str, Any]) -> CaseSummary:
        cur = r["currency"]
        return CaseSummary(
            id=r["id"],
            reference=r["reference"],
            title=r["title"],
            status=CaseStatus(r["status"]),
            language=r["language"],
            currency=cur,
            provider=r["provider"] or "",
            client=r["client"] or "",
            invoiced=from_minor(r["invoiced"], cur),
            disputed=from_minor(r["disputed"], cur),
            opened=R.parse_date(r["opened"]),
            last_activity=R.parse_moment(r["last_activity"]),
        )

    def case_status(self, case_id: int) -> CaseStatus:
        return CaseStatus(
            self.db.execute("SELECT status FROM cases WHERE id = ?", [case_id]).fetchone()[0]
        )

    def currency(self, case_id: int) -> str:
        return self.db.execute("SELECT currency FROM cases WHERE id = ?", [case_id]).fetchone()[0]

    # --- evidence ------------------------------------------------------------------------------

    def clauses(self, case_id: int) -> list[ContractClause]:
        return [
            R.clause_from(r)
            for r in self.db.query(
                "SELECT * FROM clauses WHERE case_id = ? ORDER BY position", [case_id]
            )
        ]

    def work_entries(
        self, case_id: int, limit: int | None = None, offset: int = 0
    ) -> list[WorkEntry]:
        sql = "SELECT * FROM work_entries WHERE case_id = ? ORDER BY date, id"
        params: list[Any] = [case_id]
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [R.work_from(r) for r in self.db.query(sql, params)]

    def messages(self, case_id: int) -> list[Message]:
        return [
            R.message_from(r)
            for r in self.db.query(
                "SELECT * FROM messages WHERE case_id = ? ORDER BY sent_at, id", [case_id]
            )
        ]

    def logged_minutes_by_line(self, case_id: int) -> dict[int | None, int]:
        """Minutes of work that count against hours billed, per invoice line id (None: not
        linked): billable time, clock time that overlapping entries share counted once,
        absences left out (mediate.domain.work_time). What was left out, and why:
        ``work_counts_by_line`` (evidence_reads.py), which this reads."""
        from mediate.store.evidence_reads import work_counts_by_line  # the work log's reads

        return {
            line: count.counted for line, count in work_counts_by_line(self.db, case_id).items()
        }

    def count(self, table: str, case_id: int) -> int:
        return self.db.execute(
            f"SELECT COUNT(*) FROM [{table}] WHERE case_id = ?", [case_id]
        ).fetchone()[0]

    # --- the session -----------------------------------------------------------------------------

    def statements(self, case_id: int, view: View = View.JOINT) -> list[Statement]:
        """The statements a reader in ``view`` may see (joint ones unless told otherwise)."""
        cur = self.currency(case_id)
        where, params = visible_in(view)
        return [
            R.statement_from(r, cur)
            for r in self.db.query(
                f"SELECT * FROM statements WHERE case_id = ? AND {where} ORDER BY recorded_at, id",
                [case_id, *params],
            )
        ]

    def notes(self, case_id: int, view: View = View.JOINT) -> list[Note]:
        """The notes a reader in ``view`` may see (joint notes only unless told otherwise)."""
        where, params = visible_in(view)
        return [
            R.note_from(r)
            for r in self.db.query(
                f"SELECT * FROM notes WHERE case_id = ? AND {where} ORDER BY created_at, id",
                [case_id, *params],
            )
        ]

    def proposals(self, case_id: int, view: View = View.JOINT) -> list[Proposal]:
        """The proposals a reader in ``view`` may see (joint ones unless told otherwise)."""
        cur = self.currency(case_id)
        where, params = visible_in(view)
        return [
            R.proposal_from(r, cur)
            for r in self.db.query(
                f"SELECT * FROM proposals WHERE case_id = ? AND {where} ORDER BY number",
                [case_id, *params],
            )
        ]

    def proposal(self, proposal_id: int) -> Proposal:
        row = self.db.execute(
            "SELECT case_id FROM proposals WHERE id = ?", [proposal_id]
        ).fetchone()
        if row is None:
            raise StoreError(f"There is no proposal #{proposal_id}.")
        cur = self.currency(row[0])
        return R.proposal_from(
            next(self.db.query("SELECT * FROM proposals WHERE id = ?", [proposal_id])), cur
        )

    def settlements(self, case_id: int) -> list[Settlement]:
        result = []
        for row in self.db.query(
            "SELECT * FROM settlements WHERE case_id = ? ORDER BY version", [case_id]
        ):
            signoffs = [
                R.signoff_from(s)
                for s in self.db.query(
                    "SELECT * FROM signoffs WHERE settlement_id = ? ORDER BY signed_at, id",
                    [row["id"]],
                )
            ]
            result.append(R.settlement_from(row, signoffs))
        return result

    def current_settlement(self, case_id: int) -> Settlement | None:
        settlements = self.settlements(case_id)
        return settlements[-1] if settlements else None

    def audit_events(self, case_id: int) -> list[dict[str, Any]]:
        return list(
            self.db.query(
                "SELECT seq, at, actor, kind, payload, hash FROM audit_events WHERE case_id = ? ORDER BY seq",
                [case_id],
            )
        )

    def exports(self, case_id: int) -> list[ExportRecord]:
        """Every export of the case's agreement, oldest first."""
        result = []
        for at, payload in self.db.execute(
            "SELECT at, payload FROM audit_events WHERE case_id = ? AND kind = ? ORDER BY seq",
            [case_id, "settlement.exported"],
        ):
            summary = json.loads(payload)["summary"]
            result.append(
                ExportRecord(
                    at=datetime.fromisoformat(at),
                    version=summary.get("version", 0),
                    file=summary.get("file", ""),
                    file_sha256=summary.get("file_sha256", ""),
                    fingerprint=summary.get("fingerprint", ""),
                    language=summary.get("language", ""),
                )
            )
        return result

    def money(self, case_id: int, adjustments: Sequence[LineAdjustment] = ()) -> SettlementMoney:
        """The case's figures (invoiced, agreed under ``adjustments``, paid, still owed)."""
        from mediate.domain.settlement_money import settlement_money  # off the start-up path

        return settlement_money(
            self.invoices(case_id),
            adjustments,
            self.payments(case_id),
            self.currency(case_id),
        )
