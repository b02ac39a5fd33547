"""The ways back from an agreement nobody has signed in full: reopen the settlement (back to
negotiating, the acceptance undone) or drop a draft amendment (the signed version stands)."""

from __future__ import annotations

import json
from datetime import datetime

from mediate.domain.errors import DomainError
from mediate.domain.lifecycle import check_reopen
from mediate.domain.model import CaseStatus, ProposalStatus
from mediate.store.base import StoreBase
from mediate.store.writes import Changes, serialized, write

REOPENED = "settlement.reopened"
DROPPED = "settlement.amendment_dropped"


def reopened_choices(store: StoreBase, case_id: int) -> dict[str, str]:
    """The clause choices of the draft reopened last (none when no draft was): a new acceptance
    starts from them, so what the mediator chose and typed is not lost with the draft."""
    row = store.db.execute(
        "SELECT payload FROM audit_events WHERE case_id = ? AND kind = ? ORDER BY seq DESC LIMIT 1",
        [case_id, REOPENED],
    ).fetchone()
    if row is None:
        return {}
    choices = json.loads(row[0])["summary"].get("clause_choices") or {}
    return {str(k): str(v) for k, v in choices.items()}


class ReopenVerbs(StoreBase):
    def _draft(self, settlement_id: int) -> dict:
        row = self._row("settlements", settlement_id)
        if row["locked"]:
            raise DomainError(
                f"Settlement version {row['version']} is signed off and locked; it cannot be "
                "reopened. Make an amendment to change its terms."
            )
        latest = self.db.execute(
            "SELECT MAX(version) FROM settlements WHERE case_id = ?", [row["case_id"]]
        ).fetchone()[0]
        if row["version"] != latest:
            raise DomainError(f"Version {row['version']} is not the case's latest settlement.")
        return row

    def _drop(self, ch: Changes, settlement_id: int) -> list[str]:
        """Delete a draft and the sign-offs it has (they were given to this draft only); the
        names of those who had signed."""
        signed = self.db.execute(
            "SELECT id, name FROM signoffs WHERE settlement_id = ? ORDER BY id", [settlement_id]
        ).fetchall()
        for signoff_id, _ in signed:
            ch.delete("signoffs", signoff_id)
        ch.delete("settlements", settlement_id)
        return [name for _, name in signed]

    @serialized
    def reopen_settlement(
        self, settlement_id: int, reason: str = "", at: datetime | None = None
    ) -> int:
        """Undo the acceptance of a settlement not yet signed off: the draft goes (with any
        sign-off given to it), its proposal is open again and the case is back in session.
        The audit event keeps the draft, its clause choices and who had signed it. Returns the
        id of the proposal that is open again."""
        row = self._draft(settlement_id)
        if row["amends"] is not None:
            raise DomainError(
                f"Version {row['version']} is a draft amendment of a signed agreement: drop the "
                "amendment instead (the signed version stays in force)."
            )
        case_id = row["case_id"]
        status = self.case_status(case_id)
        target = check_reopen(status)
        proposal = self._row("proposals", row["proposal_id"])
        summary = {
            "version": row["version"],
            "proposal": proposal["number"],
            "reason": (reason or "").strip(),
            "clause_choices": json.loads(row["clause_choices"] or "{}"),
        }
        with write(self.db, case_id, self.moment(at), "mediator", REOPENED, summary) as ch:
            summary["signatures_withdrawn"] = self._drop(ch, settlement_id)
            ch.update("proposals", proposal["id"], {"status": ProposalStatus.OPEN.value})
            ch.update("cases", case_id, {"status": target.value})
        return proposal["id"]

    @serialized
    def drop_amendment(
        self, settlement_id: int, reason: str = "", at: datetime | None = None
    ) -> int:
        """Drop a draft amendment: the signed version it would have amended stays in force and
        the case is signed off again. Returns the id of that signed version."""
        row = self._draft(settlement_id)
        if row["amends"] is None:
            raise DomainError(
                f"Version {row['version']} amends nothing: reopen it to negotiate again."
            )
        case_id = row["case_id"]
        summary = {
            "version": row["version"],
            "amends": row["amends"],
            "reason": (reason or "").strip(),
            "clause_choices": json.loads(row["clause_choices"] or "{}"),
        }
        with write(self.db, case_id, self.moment(at), "mediator", DROPPED, summary) as ch:
            summary["signatures_withdrawn"] = self._drop(ch, settlement_id)
            ch.update("cases", case_id, {"status": CaseStatus.SIGNED_OFF.value})
        return row["amends"]
