"""An anchor of a case's audit log: one event's place in the hash chain and its hash.

Every event's hash covers all events before it, so an anchor kept outside the database (in an
exported agreement, or as a receipt line pasted in an e-mail) fixes the history up to that event:
a history rewritten and rehashed since gives that event another hash, and an older copy of the
database put back (a rollback) no longer holds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

RECEIPT_PREFIX = "mediate receipt:"
_RECEIPT = re.compile(
    r"mediate receipt:\s*(?P<reference>\S+)\s+event\s+(?P<seq>\d{1,12})\b.*?"
    r"\bhash\s+(?P<hash>[0-9a-f]{64})\b",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True)
class AuditAnchor:
    """Event ``seq`` of case ``reference`` had hash ``hash`` (recorded at ``at``)."""

    reference: str
    seq: int
    hash: str
    at: str = ""

    def receipt(self) -> str:
        """One line to keep elsewhere (an e-mail to oneself): ``mediate verify --receipt`` reads
        it back."""
        when = f" ({self.at[:19].replace('T', ' ')})" if self.at else ""
        return (
            f"{RECEIPT_PREFIX} {self.reference} event {self.seq}{when} of the audit log, "
            f"hash {self.hash}"
        )

    def as_dict(self) -> dict[str, str | int]:
        return {"reference": self.reference, "seq": self.seq, "hash": self.hash, "at": self.at}

    @classmethod
    def from_dict(cls, value: object) -> AuditAnchor | None:
        """The anchor in an embedded record, or None when it is not one."""
        if not isinstance(value, dict):
            return None
        seq, digest = value.get("seq"), value.get("hash")
        reference = value.get("reference")
        if not (isinstance(seq, int) and isinstance(digest, str) and isinstance(reference, str)):
            return None
        if not re.fullmatch(r"[0-9a-f]{64}", digest) or seq < 1:
            return None
        at = value.get("at")
        return cls(reference, seq, digest, at if isinstance(at, str) else "")


def parse_receipt(text: str) -> AuditAnchor | None:
    """The anchor in a receipt line (also inside a pasted e-mail), or None."""
    found = _RECEIPT.search(text)
    if found is None:
        return None
    return AuditAnchor(found["reference"], int(found["seq"]), found["hash"].lower())
