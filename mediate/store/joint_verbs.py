"""The shared screen of a case: the links that let each party follow the joint view in a browser,
who is connected through them, and what the mediator puts on screen.

Kept in the audit log itself, not in tables of their own: every change is one hash-chained event
(``link.issued``, ``link.revoked``, ``link.ended``, ``link.connected``, ``link.disconnected``,
``screen.pointed``, ``screen.cleared``), and the reads below fold the case's events into the state
they describe. So ``mediate verify`` covers them with the rest of the chain, a second process (the
server, the mediator's app) sees a revocation as soon as it is committed, and nothing here needs a
migration. A link's token is never stored, only its SHA-256.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mediate.domain.errors import DomainError
from mediate.domain.model import PartyRole
from mediate.store.base import StoreBase
from mediate.store.writes import serialized, write

LINK_EVENTS = ("link.issued", "link.revoked", "link.ended", "link.connected", "link.disconnected")
SCREEN_EVENTS = ("screen.pointed", "screen.cleared")
# What the mediator can put on the shared screen: the kind as the audit log names it, its table.
POINTABLE = {"line": "invoice_lines", "clause": "clauses", "message": "messages"}


@dataclass(frozen=True)
class JointLink:
    """One party's link to the shared screen, as the audit log tells it."""

    number: int  # 1, 2, 3 … within the case
    party: PartyRole
    token_sha256: str
    issued_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None
    ended_at: datetime | None = None  # the server that issued it stopped, or was replaced
    connections: int = 0  # browser connections open now
    last_connected_at: datetime | None = None

    def live(self, now: datetime) -> bool:
        """Whether the link still opens the shared screen."""
        return self.revoked_at is None and self.ended_at is None and now < self.expires_at

    def state(self, now: datetime) -> str:
        """ "live", "revoked", "ended" or "expired"."""
        if self.revoked_at is not None:
            return "revoked"
        if self.ended_at is not None:
            return "ended"
        return "live" if now < self.expires_at else "expired"


@dataclass(frozen=True)
class Pointer:
    """What the mediator put on the shared screen: an invoice line, a clause or a message."""

    kind: str  # "line", "clause" or "message"
    target_id: int
    at: datetime


def _events(rows: Any) -> list[tuple[str, datetime, dict[str, Any]]]:
    return [
        (kind, datetime.fromisoformat(at), json.loads(payload).get("summary", {}))
        for kind, at, payload in rows
    ]


class JointVerbs(StoreBase):
    # --- reads -------------------------------------------------------------------------------------

    def last_event(self, case_id: int) -> int:
        """The sequence number of the case's latest audit event (0 for none): a reader polls it
        to learn, cheaply, that something changed."""
        row = self.db.execute(
            "SELECT MAX(seq) FROM audit_events WHERE case_id = ?", [case_id]
        ).fetchone()
        return row[0] or 0

    def joint_links(self, case_id: int) -> list[JointLink]:
        """Every link issued for the case, oldest first, with its state now."""
        marks = ", ".join("?" for _ in LINK_EVENTS)
        links: dict[int, dict[str, Any]] = {}
        for kind, at, s in _events(
            self.db.execute(
                f"SELECT kind, at, payload FROM audit_events WHERE case_id = ? AND kind IN ({marks}) "
                "ORDER BY seq",
                [case_id, *LINK_EVENTS],
            )
        ):
            if kind == "link.issued":
                links[s["number"]] = {
                    "number": s["number"],
                    "party": PartyRole(s["party"]),
                    "token_sha256": s["token_sha256"],
                    "issued_at": at,
                    "expires_at": datetime.fromisoformat(s["expires"]),
                }
                continue
            numbers = s.get("numbers", [s.get("number")])
            for number in numbers:
                link = links.get(number)
                if link is None:
                    continue
                if kind == "link.revoked":
                    link["revoked_at"] = at
                elif kind == "link.ended":
                    link.setdefault("ended_at", at)
                elif kind == "link.connected":
                    link["connections"] = link.get("connections", 0) + 1
                    link["last_connected_at"] = at
                elif kind == "link.disconnected":
                    link["connections"] = max(link.get("connections", 0) - 1, 0)
        return [JointLink(**link) for link in links.values()]

    def joint_link(self, case_id: int, token_sha256: str) -> JointLink | None:
        """The link of the case with this token digest, whatever its state; None for none."""
        return next((k for k in self.joint_links(case_id) if k.token_sha256 == token_sha256), None)

    def pointer(self, case_id: int) -> Pointer | None:
        """What the mediator has on the shared screen now, if anything."""
        marks = ", ".join("?" for _ in SCREEN_EVENTS)
        row = self.db.execute(
            f"SELECT kind, at, payload FROM audit_events WHERE case_id = ? AND kind IN ({marks}) "
            "ORDER BY seq DESC LIMIT 1",
            [case_id, *SCREEN_EVENTS],
        ).fetchone()
        if row is None or row[0] == "screen.cleared":
            return None
        (_, at, summary) = _events([row])[0]
        return Pointer(summary["kind"], summary["id"], at)

    # --- links -------------------------------------------------------------------------------------

    @serialized
    def issue_joint_link(
        self, case_id: int, party: PartyRole, token_sha256: str, expires: datetime
    ) -> int:
        """A new link for ``party`` (its token's SHA-256 only), live until ``expires``; its
        number."""
        party = PartyRole(party)
        if len(token_sha256) != 64:
            raise DomainError("A link is stored by the SHA-256 of its token.")
        self.case(case_id)  # refuses a case that is not there
        number = len(self.joint_links(case_id)) + 1
        summary = {
            "number": number,
            "party": party.value,
            "token_sha256": token_sha256,
            "expires": self.moment(expires),
        }
        with write(self.db, case_id, self.now_text(), "mediator", "link.issued", summary):
            pass
        return number

    def _link(self, case_id: int, number: int) -> JointLink:
        link = next((k for k in self.joint_links(case_id) if k.number == number), None)
        if link is None:
            raise DomainError(f"There is no link {number} for this case.")
        return link

    @serialized
    def revoke_joint_link(self, case_id: int, number: int) -> None:
        """Cut a link: it opens nothing from now on, and a browser on it is disconnected."""
        link = self._link(case_id, number)
        if not link.live(self.clock()):
            raise DomainError(f"Link {number} ({link.party.value}) is {link.state(self.clock())}.")
        summary = {"number": number, "party": link.party.value}
        with write(self.db, case_id, self.now_text(), "mediator", "link.revoked", summary):
            pass

    @serialized
    def end_joint_links(self, case_id: int, numbers: list[int], reason: str) -> None:
        """End the live links among ``numbers`` (the server stopped, or another replaced it)."""
        now = self.clock()
        live = [k.number for k in self.joint_links(case_id) if k.number in numbers and k.live(now)]
        if not live:
            return
        summary = {"numbers": live, "reason": reason}
        with write(self.db, case_id, self.now_text(), "mediator", "link.ended", summary):
            pass

    @serialized
    def joint_link_connected(self, case_id: int, number: int) -> None:
        """A browser opened the shared screen through link ``number``."""
        link = self._link(case_id, number)
        summary = {"number": number, "party": link.party.value}
        with write(self.db, case_id, self.now_text(), link.party.value, "link.connected", summary):
            pass

    @serialized
    def joint_link_disconnected(self, case_id: int, number: int) -> None:
        """That browser left (or was cut off)."""
        link = self._link(case_id, number)
        summary = {"number": number, "party": link.party.value}
        with write(
            self.db, case_id, self.now_text(), link.party.value, "link.disconnected", summary
        ):
            pass

    # --- what the mediator points at ---------------------------------------------------------------

    @serialized
    def point_at(self, case_id: int, kind: str, target_id: int) -> None:
        """Put an invoice line, a clause or a message of the case on the shared screen."""
        if kind not in POINTABLE:
            raise DomainError(f"Only {', '.join(POINTABLE)} can be put on the shared screen.")
        row = self.db.execute(
            f"SELECT case_id FROM [{POINTABLE[kind]}] WHERE id = ?", [target_id]
        ).fetchone()
        if row is None or row[0] != case_id:
            raise DomainError(f"That {kind} is not part of this case.")
        summary = {"kind": kind, "id": target_id}
        with write(self.db, case_id, self.now_text(), "mediator", "screen.pointed", summary):
            pass

    @serialized
    def clear_pointer(self, case_id: int) -> None:
        """Take what the mediator showed off the shared screen."""
        if self.pointer(case_id) is None:
            raise DomainError("Nothing is on the shared screen.")
        with write(self.db, case_id, self.now_text(), "mediator", "screen.cleared", {}):
            pass
