"""Releasing caucus material to the joint session: only with the party's agreement, audited."""

from __future__ import annotations

from datetime import datetime

from mediate.domain.errors import DomainError
from mediate.domain.model import Visibility
from mediate.domain.visibility import label
from mediate.store.base import StoreBase
from mediate.store.writes import serialized, write

# What can be released: the kind as a person names it, and its table.
RELEASABLE = {"statement": "statements", "note": "notes", "proposal": "proposals"}


class CaucusVerbs(StoreBase):
    @serialized
    def release_from_caucus(self, kind: str, row_id: int, at: datetime | None = None) -> None:
        """Release a statement, note or proposal made in a caucus to the joint session.

        The party of that caucus has agreed that the other party may see it: the audit event is
        that party's (its actor), and records what was released. Nothing is released implicitly.
        """
        if kind not in RELEASABLE:
            raise DomainError(f"A {kind} cannot be released; only {', '.join(RELEASABLE)}.")
        row = self._row(RELEASABLE[kind], row_id)
        visibility = Visibility(row["visibility"])
        name = f"{kind} {row['number']}" if kind == "proposal" else f"this {kind}"
        if visibility == Visibility.JOINT:
            raise DomainError(f"{name.capitalize()} was made in the joint session already.")
        if row["released_at"] is not None:
            raise DomainError(f"{name.capitalize()} was released already.")
        party = visibility.value.removeprefix("caucus-")
        moment = self.moment(at)
        summary = {
            "kind": kind,
            "id": row_id,
            "from": label(visibility),
            "agreed_by": party,
            **({"number": row["number"]} if kind == "proposal" else {}),
        }
        with write(self.db, row["case_id"], moment, party, "caucus.released", summary) as ch:
            ch.update(RELEASABLE[kind], row_id, {"released_at": moment})
