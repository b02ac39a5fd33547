"""Verbs of the live session: statements and restatements, notes, proposals."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from mediate.domain.errors import DomainError
from mediate.domain.lifecycle import RECORD_CLOSED, check_transition, schedule_missing
from mediate.domain.lifecycle import label as status_label
from mediate.domain.model import (
    CaseStatus,
    Instalment,
    LineAdjustment,
    PartyRole,
    Proposal,
    ProposalStatus,
    Proposer,
    Visibility,
)
from mediate.domain.money import format_money, to_minor
from mediate.domain.visibility import CAUCUS_OF, View, label, may_read, shared, view_of
from mediate.store import rows as R
from mediate.store.base import StoreBase
from mediate.store.connection import StoreError
from mediate.store.writes import Changes, serialized, write


def _released(row: dict) -> bool:
    return row.get("released_at") is not None


def _about(row: dict, summary: dict) -> dict:
    """An audit summary about an existing statement or proposal, with its visibility (so the
    timeline of a joint view can leave out what happened in a caucus)."""
    return {**summary, "visibility": row["visibility"], "released": _released(row)}


def _clean(text: str, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError(f"The {what} is empty.")
    return text


class SessionVerbs(StoreBase):
    def _open_session(self, ch: Changes, case_id: int) -> None:
        """A first statement, note or proposal starts the session (intake -> in session)."""
        status = self.case_status(case_id)
        if status == CaseStatus.INTAKE:
            ch.update(
                "cases", case_id, {"status": check_transition(status, CaseStatus.IN_SESSION).value}
            )
        elif status not in (CaseStatus.IN_SESSION, CaseStatus.IMPASSE):
            raise DomainError(
                f"The case is {status.value.replace('_', ' ')}; the session is closed."
            )

    def _row(self, table: str, row_id: int) -> dict:
        row = next(self.db.query(f"SELECT * FROM [{table}] WHERE id = ?", [row_id]), None)
        if row is None:
            raise StoreError(f"There is no {table[:-1]} #{row_id}.")
        return row

    # --- statements -------------------------------------------------------------------------------

    def record_statement(
        self,
        case_id: int,
        party: PartyRole,
        text: str,
        claimed_amount: Decimal | None = None,
        invoice_line_id: int | None = None,
        at: datetime | None = None,
        visibility: Visibility = Visibility.JOINT,
    ) -> int:
        """What a party said, in the joint session or in the caucus ``visibility`` names."""
        text = _clean(text, "statement")
        party = PartyRole(party)
        visibility = Visibility(visibility)
        if visibility not in (Visibility.JOINT, CAUCUS_OF[party]):
            raise DomainError(
                f"In caucus with the {visibility.value.removeprefix('caucus-')} only that party "
                f"speaks; the {party.value}'s statement belongs to its own caucus or the joint "
                "session."
            )
        cur = self.currency(case_id)
        if invoice_line_id is not None:
            self._check_line(case_id, invoice_line_id)
        moment = self.moment(at)
        row = {
            "case_id": case_id,
            "party": party.value,
            "text": text,
            "claimed_minor": None if claimed_amount is None else to_minor(claimed_amount, cur),
            "invoice_line_id": invoice_line_id,
            "restatement": "",
            "confirmed": 0,
            "correction": "",
            "recorded_at": moment,
            "visibility": visibility.value,
            "released_at": None,
        }
        summary = {"party": party.value, "visibility": visibility.value}
        with write(self.db, case_id, moment, "mediator", "statement.recorded", summary) as ch:
            self._open_session(ch, case_id)
            return ch.insert("statements", row)

    def _check_line(self, case_id: int, line_id: int) -> None:
        if not self.db.execute(
            "SELECT 1 FROM invoice_lines WHERE id = ? AND case_id = ?", [line_id, case_id]
        ).fetchone():
            raise DomainError(f"Invoice line #{line_id} is not part of this case.")

    def restate(self, statement_id: int, restatement: str, at: datetime | None = None) -> None:
        """The mediator's restatement ("What I hear is…"); a new one awaits confirmation again."""
        restatement = _clean(restatement, "restatement")
        row = self._row("statements", statement_id)
        summary = _about(row, {"statement": statement_id, "party": row["party"]})
        with write(
            self.db, row["case_id"], self.moment(at), "mediator", "statement.restated", summary
        ) as ch:
            ch.update("statements", statement_id, {"restatement": restatement, "confirmed": 0})

    def confirm_statement(self, statement_id: int, at: datetime | None = None) -> None:
        row = self._row("statements", statement_id)
        if not row["restatement"]:
            raise DomainError("There is no restatement to confirm yet.")
        summary = _about(row, {"statement": statement_id, "party": row["party"]})
        with write(
            self.db, row["case_id"], self.moment(at), row["party"], "statement.confirmed", summary
        ) as ch:
            ch.update("statements", statement_id, {"confirmed": 1, "correction": ""})

    def correct_statement(
        self, statement_id: int, correction: str, at: datetime | None = None
    ) -> None:
        """The party's correction of the restatement; it stays unconfirmed."""
        correction = _clean(correction, "correction")
        row = self._row("statements", statement_id)
        summary = _about(row, {"statement": statement_id, "party": row["party"]})
        with write(
            self.db, row["case_id"], self.moment(at), row["party"], "statement.corrected", summary
        ) as ch:
            ch.update("statements", statement_id, {"correction": correction, "confirmed": 0})

    def _next_version(self, kind: str, key: str, row_id: int, case_id: int) -> int:
        """The version a revision of record ``row_id`` makes: one more than its revisions so far
        (the audit log keeps every earlier text)."""
        (revisions,) = self.db.execute(
            "SELECT COUNT(*) FROM audit_events WHERE case_id = ? AND kind = ? "
            f"AND json_extract(payload, '$.summary.{key}') = ?",
            [case_id, kind, row_id],
        ).fetchone()
        return revisions + 2

    @serialized
    def revise_statement(self, statement_id: int, text: str, at: datetime | None = None) -> int:
        """Correct the words of a statement (a typo, a word misheard): a new version. The audit
        event keeps the text it replaces; the restatement and its confirmation stay as they are.
        Returns the new version's number."""
        text = _clean(text, "statement")
        row = self._row("statements", statement_id)
        if text == row["text"]:
            raise DomainError("The statement is unchanged: type the corrected words.")
        self._check_session_open(row["case_id"])
        version = self._next_version("statement.revised", "statement", statement_id, row["case_id"])
        summary = _about(
            row,
            {
                "statement": statement_id,
                "party": row["party"],
                "version": version,
                "previous": row["text"],
            },
        )
        with write(
            self.db, row["case_id"], self.moment(at), "mediator", "statement.revised", summary
        ) as ch:
            ch.update("statements", statement_id, {"text": text})
        return version

    def _check_session_open(self, case_id: int) -> None:
        status = self.case_status(case_id)
        if status in RECORD_CLOSED:
            raise DomainError(
                f"The case is {status_label(status)}; its record of the session is closed to corrections."
            )

    # --- notes ----------------------------------------------------------------------------------

    def add_note(
        self, case_id: int, visibility: Visibility, text: str, at: datetime | None = None
    ) -> int:
        text = _clean(text, "note")
        visibility = Visibility(visibility)
        moment = self.moment(at)
        row = {
            "case_id": case_id,
            "visibility": visibility.value,
            "text": text,
            "created_at": moment,
            "released_at": None,
        }
        with write(
            self.db, case_id, moment, "mediator", "note.added", {"visibility": visibility.value}
        ) as ch:
            return ch.insert("notes", row)

    @serialized
    def revise_note(self, note_id: int, text: str, at: datetime | None = None) -> int:
        """Correct a note: a new version; the audit event keeps the text it replaces. Returns the
        new version's number."""
        text = _clean(text, "note")
        row = self._row("notes", note_id)
        if text == row["text"]:
            raise DomainError("The note is unchanged: type the corrected words.")
        self._check_session_open(row["case_id"])
        version = self._next_version("note.revised", "note", note_id, row["case_id"])
        summary = _about(row, {"note": note_id, "version": version, "previous": row["text"]})
        with write(
            self.db, row["case_id"], self.moment(at), "mediator", "note.revised", summary
        ) as ch:
            ch.update("notes", note_id, {"text": text})
        return version

    # --- proposals ------------------------------------------------------------------------------

    @serialized
    def add_proposal(
        self,
        case_id: int,
        proposed_by: Proposer,
        adjustments: list[LineAdjustment],
        schedule: list[Instalment] | None = None,
        terms: str = "",
        counter_of: int | None = None,
        at: datetime | None = None,
        visibility: Visibility = Visibility.JOINT,
    ) -> int:
        """A proposal on behalf of a party or the mediator, made in the joint session or in the
        caucus ``visibility`` names; the total is computed, never typed."""
        from mediate.domain.negotiation import check_open, proposal_total  # off start-up
        from mediate.domain.settlement_money import check_schedule, settlement_money

        proposed_by = Proposer(proposed_by)
        visibility = Visibility(visibility)
        cur = self.currency(case_id)
        invoices = self.invoices(case_id)
        if not any(inv.lines for inv in invoices):
            raise DomainError("The case has no invoice lines to propose on.")
        total = proposal_total(invoices, adjustments, cur)
        schedule = list(schedule or [])
        money = settlement_money(invoices, adjustments, self.payments(case_id), cur)
        # An instalment cannot fall due before the proposal is even made.
        check_schedule(money, schedule, not_before=(at or self.clock()).date())
        if counter_of is not None:
            countered = self._row("proposals", counter_of)
            if countered["case_id"] != case_id:
                raise DomainError("A counter-proposal must answer a proposal of the same case.")
            check_open(countered["number"], countered["status"], "countered")
            if not may_read(view_of(visibility), countered["visibility"], _released(countered)):
                raise DomainError(
                    f"Proposal {countered['number']} was made in {label(countered['visibility'])}: "
                    "only a counter-proposal made in that caucus can answer it, until it is "
                    "released to the joint session."
                )
        moment = self.moment(at)
        (number,) = self.db.execute(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM proposals WHERE case_id = ?", [case_id]
        ).fetchone()
        row = {
            "case_id": case_id,
            "number": number,
            "proposed_by": proposed_by.value,
            "adjustments": R.adjustments_json(adjustments),
            "total_minor": to_minor(total, cur),
            "schedule": R.schedule_json(schedule, cur),
            "terms": (terms or "").strip(),
            "schedule_basis": "gross",
            "status": ProposalStatus.OPEN.value,
            "counter_of": counter_of,
            "created_at": moment,
            "visibility": visibility.value,
            "released_at": None,
        }
        summary = {
            "visibility": visibility.value,
            "number": number,
            "by": proposed_by.value,
            "total": str(total),
            "counter_of": counter_of,
            "counter_of_number": countered["number"] if counter_of is not None else None,
        }
        with write(self.db, case_id, moment, proposed_by.value, "proposal.made", summary) as ch:
            self._open_session(ch, case_id)
            # A counter made in the room the answered proposal is seen in supersedes it; one made
            # in a caucus leaves a joint proposal open (the other party must not see it change).
            if (
                counter_of is not None
                and countered["status"] == ProposalStatus.OPEN.value
                and shared(countered["visibility"], _released(countered)) == visibility
            ):
                ch.update("proposals", counter_of, {"status": ProposalStatus.SUPERSEDED.value})
            return ch.insert("proposals", row)

    def reject_proposal(self, proposal_id: int, at: datetime | None = None) -> None:
        self._close_proposal(proposal_id, ProposalStatus.REJECTED, at)

    def withdraw_proposal(self, proposal_id: int, at: datetime | None = None) -> None:
        self._close_proposal(proposal_id, ProposalStatus.WITHDRAWN, at)

    @serialized
    def _close_proposal(
        self, proposal_id: int, status: ProposalStatus, at: datetime | None
    ) -> None:
        row = self._row("proposals", proposal_id)
        if row["status"] != ProposalStatus.OPEN.value:
            raise DomainError(f"Proposal {row['number']} is {row['status']}, not open.")
        summary = _about(
            row,
            {
                "number": row["number"],
                "total": str(R.amount_or_none(row["total_minor"], self.currency(row["case_id"]))),
            },
        )
        with write(
            self.db,
            row["case_id"],
            self.moment(at),
            "mediator",
            f"proposal.{status.value}",
            summary,
        ) as ch:
            ch.update("proposals", proposal_id, {"status": status.value})

    def _check_schedule_for_acceptance(self, case_id: int, proposal: Proposal) -> str:
        """An agreement needs the date by which what is still owed is paid: a proposal without
        one, or whose schedule no longer pays what is owed (a payment recorded since), is
        refused before it can become a settlement that can never be signed. Returns the clause
        choices (JSON) the new draft starts from."""
        from mediate.domain.settlement_money import check_schedule, settlement_money

        money = settlement_money(
            self.invoices(case_id),
            proposal.adjustments,
            self.payments(case_id),
            self.currency(case_id),
        )
        what = schedule_missing(proposal, money)
        if what:
            owed = format_money(money.refund or money.still_owed, money.currency)
            raise DomainError(
                f"Proposal {proposal.number} cannot be accepted without {what}: "
                f"{owed} is to be paid. Answer it with a counter-proposal that "
                "gives the payment date (or the instalments' dates), then accept that one."
            )
        if proposal.gross_schedule:
            try:
                check_schedule(money, proposal.schedule)
            except DomainError as error:
                raise DomainError(
                    f"Proposal {proposal.number} cannot be accepted as it stands: {error} "
                    "Answer it with a counter-proposal whose schedule pays that."
                ) from None
        # A draft reopened before this acceptance leaves its clause choices to the new one,
        # unless they contradict its terms.
        from mediate.domain.canonical import canonical_json
        from mediate.domain.clauses import conflicts
        from mediate.store.reopen_verbs import reopened_choices

        choices = reopened_choices(self, case_id)
        if choices and conflicts(self.case(case_id), choices, money):
            choices = {}
        return canonical_json(choices)

    @serialized
    def accept_proposal(self, proposal_id: int, at: datetime | None = None) -> int:
        """Accept an open proposal: the case is agreed and a draft settlement (version 1) exists."""
        from mediate.domain.negotiation import check_open  # off the start-up path

        row = self._row("proposals", proposal_id)
        case_id = row["case_id"]
        check_open(row["number"], row["status"], "accepted")
        if not may_read(View.JOINT, row["visibility"], _released(row)):
            raise DomainError(
                f"Proposal {row['number']} was made in {label(row['visibility'])}; release it "
                "to the joint session (with that party's agreement) before it can be accepted."
            )
        if self.db.execute(
            "SELECT 1 FROM proposals WHERE case_id = ? AND status = 'accepted'", [case_id]
        ).fetchone():
            raise DomainError("Another proposal of this case has already been accepted.")
        status = self.case_status(case_id)
        check_transition(status, CaseStatus.AGREED)
        choices = self._check_schedule_for_acceptance(case_id, self.proposal(proposal_id))
        moment = self.moment(at)
        cur = self.currency(case_id)
        summary = {"number": row["number"], "total": str(R.amount_or_none(row["total_minor"], cur))}
        with write(self.db, case_id, moment, "mediator", "proposal.accepted", summary) as ch:
            ch.update("proposals", proposal_id, {"status": ProposalStatus.ACCEPTED.value})
            for (other,) in self.db.execute(
                "SELECT id FROM proposals WHERE case_id = ? AND status = 'open'", [case_id]
            ).fetchall():
                ch.update("proposals", other, {"status": ProposalStatus.SUPERSEDED.value})
            ch.update("cases", case_id, {"status": CaseStatus.AGREED.value})
            (version,) = self.db.execute(
                "SELECT COALESCE(MAX(version), 0) + 1 FROM settlements WHERE case_id = ?", [case_id]
            ).fetchone()
            return ch.insert(
                "settlements",
                {
                    "case_id": case_id,
                    "version": version,
                    "proposal_id": proposal_id,
                    "clause_choices": choices,
                    "locked": 0,
                    "fingerprint": "",
                    "amends": None,
                    "created_at": moment,
                },
            )
