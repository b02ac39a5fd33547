"""Verbs on the case itself: create, edit parties, change status."""

from __future__ import annotations

from datetime import date

from mediate.domain.case_reference import check_reference
from mediate.domain.errors import DomainError
from mediate.domain.lifecycle import check_transition
from mediate.domain.model import Case, CaseStatus, Party, PartyRole
from mediate.store import rows as R
from mediate.store.base import StoreBase
from mediate.store.case_edit_verbs import check_not_signed
from mediate.store.writes import serialized, write


def check_signatories(party: Party) -> None:
    """Every signatory after the first needs a name and a capacity (the first may still be
    blank: the checklist asks for it before sign-off)."""
    for number, signer in enumerate(party.co_signatories, start=2):
        if not signer.name.strip() or not signer.capacity.strip():
            raise DomainError(
                f"Signatory {number} of the {PartyRole(party.role).value} needs a name and a "
                "capacity."
            )


class CaseVerbs(StoreBase):
    def create_case(self, case: Case, actor: str = "mediator") -> int:
        """Write a new case with its parties; the reference must be new."""
        check_reference(case.reference)
        if not case.title.strip():
            raise DomainError("A case needs a title.")
        if case.opened is None:
            case.opened = date.today()
        with write(
            self.db, None, self.now_text(), actor, "case.created", {"reference": case.reference}
        ) as ch:
            self._refuse_duplicate(case.reference)
            ch.case_id = ch.insert("cases", R.case_row(case))
            for party in case.parties:
                check_signatories(party)
                ch.insert("parties", R.party_row(ch.case_id, party))
        return ch.case_id

    def _refuse_duplicate(self, reference: str) -> None:
        if self.db.execute("SELECT 1 FROM cases WHERE reference = ?", [reference]).fetchone():
            raise DomainError(f"A case with reference “{reference}” already exists.")

    def set_party(self, case_id: int, party: Party, actor: str = "mediator") -> None:
        """Create or replace the details of the provider or the client (refused while a
        settlement carries a signature: the details are part of what was signed)."""
        if not party.legal_name.strip():
            raise DomainError("A party needs its legal name.")
        check_signatories(party)
        row = R.party_row(case_id, party)
        with write(
            self.db, case_id, self.now_text(), actor, "party.updated", {"role": row["role"]}
        ) as ch:
            check_not_signed(self, case_id, f"the {row['role']}'s details")
            existing = self.db.execute(
                "SELECT id FROM parties WHERE case_id = ? AND role = ?", [case_id, row["role"]]
            ).fetchone()
            if existing:
                ch.update("parties", existing[0], row)
            else:
                ch.insert("parties", row)

    @serialized
    def change_status(
        self, case_id: int, status: CaseStatus, reason: str = "", actor: str = "mediator"
    ) -> None:
        """Move the case to another status, if the lifecycle allows it."""
        current = self.case_status(case_id)
        target = check_transition(current, CaseStatus(status))
        summary = {"from": current.value, "to": target.value, "reason": reason}
        with write(self.db, case_id, self.now_text(), actor, "case.status", summary) as ch:
            ch.update("cases", case_id, {"status": target.value})
