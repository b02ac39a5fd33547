"""The proof of a signed agreement: the document fingerprints recorded at sign-off, the audit
anchor a document carries, and the check of an anchor (from a document or a receipt) against
this database."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from mediate.domain.audit_anchor import AuditAnchor
from mediate.domain.model import Settlement
from mediate.store.audit import verify_case
from mediate.store.base import StoreBase
from mediate.store.writes import Changes

EXPORTED = "settlement.exported"


@dataclass(frozen=True)
class SignedDocument:
    """One language version of an agreement as it was signed."""

    language: str
    fingerprint: str
    template: str
    content: dict[str, Any]


@dataclass(frozen=True)
class AnchorCheck:
    """What this database says of an anchor: ``problems`` empty when it holds."""

    anchor: AuditAnchor
    events: int  # how many events the case's log has now
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


class DocumentProof(StoreBase):
    def signed_documents(self, settlement_id: int) -> dict[str, SignedDocument]:
        """The fingerprint of each language version recorded when ``settlement_id`` was signed
        off; empty for a draft, and for a settlement signed before they were recorded."""
        return {
            language: SignedDocument(language, fingerprint, template, json.loads(content))
            for language, fingerprint, template, content in self.db.execute(
                "SELECT language, fingerprint, template, content FROM document_fingerprints "
                "WHERE settlement_id = ? ORDER BY language",
                [settlement_id],
            )
        }

    def _record_documents(
        self,
        ch: Changes,
        case_id: int,
        settlement_id: int,
        contents: dict[str, dict[str, Any]],
        fingerprints: dict[str, str],
        moment: str,
    ) -> None:
        """Within the sign-off that locks the settlement: one row per language version."""
        from mediate.domain.canonical import canonical_json

        for language, content in sorted(contents.items()):
            ch.insert(
                "document_fingerprints",
                {
                    "case_id": case_id,
                    "settlement_id": settlement_id,
                    "language": language,
                    "fingerprint": fingerprints[language],
                    "template": str(content.get("template", "")),
                    "content": canonical_json(content),
                    "recorded_at": moment,
                },
            )

    def lock_event(self, case_id: int, version: int) -> tuple[int, str, str] | None:
        """(seq, hash, at) of the sign-off event that locked settlement ``version``."""
        row = self.db.execute(
            "SELECT seq, hash, at FROM audit_events WHERE case_id = ? AND kind = "
            "'settlement.signed' AND json_extract(payload, '$.summary.version') = ? AND "
            "json_extract(payload, '$.summary.fingerprint') IS NOT NULL ORDER BY seq LIMIT 1",
            [case_id, version],
        ).fetchone()
        return (row[0], row[1], row[2]) if row else None

    def audit_anchor(
        self, case_id: int, settlement: Settlement | None = None
    ) -> AuditAnchor | None:
        """The head of the case's audit log a document of ``settlement`` anchors: for a signed
        version the event that locked it (so every export of it prints the same), else the last
        event that is not an export (an export of an unchanged draft prints the same too)."""
        reference = self.db.execute(
            "SELECT reference FROM cases WHERE id = ?", [case_id]
        ).fetchone()[0]
        if settlement is not None and settlement.locked:
            locked = self.lock_event(case_id, settlement.version)
            if locked is not None:
                return AuditAnchor(reference, *locked)
        row = self.db.execute(
            "SELECT seq, hash, at FROM audit_events WHERE case_id = ? AND kind != ? "
            "ORDER BY seq DESC LIMIT 1",
            [case_id, EXPORTED],
        ).fetchone()
        return AuditAnchor(reference, row[0], row[1], row[2]) if row else None

    def receipt(self, case_id: int) -> AuditAnchor | None:
        """The head of the case's audit log now, for a receipt kept outside the database."""
        reference = self.db.execute(
            "SELECT reference FROM cases WHERE id = ?", [case_id]
        ).fetchone()[0]
        row = self.db.execute(
            "SELECT seq, hash, at FROM audit_events WHERE case_id = ? ORDER BY seq DESC LIMIT 1",
            [case_id],
        ).fetchone()
        return AuditAnchor(reference, row[0], row[1], row[2]) if row else None

    def check_anchor(self, anchor: AuditAnchor) -> AnchorCheck | None:
        """Whether this database still holds the history an anchor fixed: event ``seq`` with
        that hash, in a chain that verifies. None when the case is not in this database."""
        row = self.db.execute(
            "SELECT id FROM cases WHERE reference = ?", [anchor.reference]
        ).fetchone()
        if row is None:
            return None
        case_id = row[0]
        (events,) = self.db.execute(
            "SELECT COUNT(*) FROM audit_events WHERE case_id = ?", [case_id]
        ).fetchone()
        found = self.db.execute(
            "SELECT hash FROM audit_events WHERE case_id = ? AND seq = ?", [case_id, anchor.seq]
        ).fetchone()
        problems = []
        if found is None:
            problems.append(
                f"the audit log of {anchor.reference} has {events} events, but it had at least "
                f"{anchor.seq} when this was made: the database is an older copy (rolled back) "
                "or events were removed"
            )
        elif found[0] != anchor.hash:
            problems.append(
                f"event {anchor.seq} of {anchor.reference} now has hash {found[0][:16]}…, where "
                f"{anchor.hash[:16]}… was recorded: the history up to that event was rewritten"
            )
        else:
            chain = verify_case(self.db, case_id)
            problems += [f"the audit log of {anchor.reference}: {p}" for p in chain.problems]
        return AnchorCheck(anchor, events, problems)

    def export_summaries(self, case_id: int, after: int = 0) -> list[dict[str, Any]]:
        """What each export of the case's agreement recorded (after event ``after``), oldest
        first: the parts' digests among it, so two exports can be told apart part by part."""
        return [
            json.loads(payload).get("summary", {})
            for (payload,) in self.db.execute(
                "SELECT payload FROM audit_events WHERE case_id = ? AND kind = ? AND seq > ? "
                "ORDER BY seq",
                [case_id, EXPORTED, after],
            )
        ]

    def exports_of(self, case_id: int, settlement: Settlement, language: str) -> list[dict]:
        """The exports of this settlement version in ``language``, oldest first; of a signed
        version only those made after its sign-off (a draft of it printed other words)."""
        locked = self.lock_event(case_id, settlement.version) if settlement.locked else None
        return [
            s
            for s in self.export_summaries(case_id, after=locked[0] if locked else 0)
            if s.get("version") == settlement.version and s.get("language") == language
        ]
