"""Verbs of the settlement: clause choices, sign-offs, the lock and its fingerprints.

The sign-off that locks a settlement records, in the same transaction, the fingerprint of each
language version of the agreement as printed (``documents/agreement_content.py``): the one place
where the store asks the documents layer for something, because what was signed is what the
document prints, and that is the documents layer's to say.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from mediate.domain.canonical import canonical_json
from mediate.domain.clauses import BY_KEY, checklist, conflicts, signature_slots
from mediate.domain.errors import DomainError
from mediate.domain.model import CaseStatus, Settlement, Signatory
from mediate.domain.settlement import REQUIRED_SIGNATORIES, SettlementRecord, terms_fingerprint
from mediate.store.document_proof import DocumentProof
from mediate.store.writes import serialized, write


class SettlementVerbs(DocumentProof):
    def settlement(self, settlement_id: int) -> Settlement:
        row = self._row("settlements", settlement_id)
        return next(s for s in self.settlements(row["case_id"]) if s.id == settlement_id)

    def _editable(self, settlement_id: int) -> dict:
        row = self._row("settlements", settlement_id)
        if row["locked"]:
            raise DomainError(
                f"Settlement version {row['version']} is signed off and locked; make an amendment."
            )
        return row

    @serialized
    def set_clause_choices(
        self, settlement_id: int, choices: dict[str, str], at: datetime | None = None
    ) -> None:
        """Set the clause choices named in ``choices`` on an unlocked settlement (values are
        plain text; an empty value clears a choice back to its default). Every other choice
        keeps what is stored: two windows that each change a different choice both keep theirs,
        because the stored choices are read under the write lock that this change holds."""
        row = self._editable(settlement_id)
        if self.db.execute(
            "SELECT 1 FROM signoffs WHERE settlement_id = ?", [settlement_id]
        ).fetchone():
            raise DomainError(
                "Someone has signed this version already; its terms can no longer change."
            )
        clean = {str(k): str(v) for k, v in choices.items()}
        for key, value in clean.items():
            choice = BY_KEY.get(key)
            if choice and choice.options and value and value not in choice.options:
                # The agreement's wording has a sentence for each option and no other.
                raise DomainError(
                    f"The clause choice {key} cannot be “{value[:60]}”; "
                    f"choose one of: {', '.join(choice.listed)}."
                )
        record = self.settlement_record(settlement_id)
        merged = {**record.settlement.clause_choices, **clean}
        contradictions = conflicts(record.case, merged, record.money)
        if contradictions:
            raise DomainError(" ".join(contradictions))
        with write(
            self.db,
            row["case_id"],
            self.moment(at),
            "mediator",
            "settlement.choices",
            {"keys": sorted(clean)},
        ) as ch:
            ch.update("settlements", settlement_id, {"clause_choices": canonical_json(merged)})

    def terms(self, settlement_id: int) -> dict:
        """The canonical agreed terms of a settlement version."""
        return self.settlement_record(settlement_id).terms

    def settlement_record(self, settlement_id: int, anchored: bool = True) -> SettlementRecord:
        """The settlement with everything its document shows. A signed version shows the
        mediation's days up to its sign-off: a note added later does not change its text.
        ``anchored``: with the audit anchor its document prints."""
        settlement = self.settlement(settlement_id)
        case_id = self._row("settlements", settlement_id)["case_id"]
        locked = self.lock_event(case_id, settlement.version) if settlement.locked else None
        dates = sorted(
            {
                date.fromisoformat(at[:10])
                for (at,) in self.db.execute(
                    "SELECT at FROM audit_events WHERE case_id = ? AND (kind LIKE 'statement.%' "
                    "OR kind LIKE 'proposal.%' OR kind = 'note.added') AND seq <= ?",
                    [case_id, locked[0] if locked else 2**62],
                )
            }
        )
        return SettlementRecord(
            case=self.case(case_id),
            invoices=self.invoices(case_id),
            proposal=self.proposal(settlement.proposal_id),
            settlement=settlement,
            session_dates=dates,
            clause_count=self.count("clauses", case_id),
            payments=self.payments(case_id),
            anchor=self.audit_anchor(case_id, settlement) if anchored else None,
        )

    def missing(self, settlement_id: int) -> list[str]:
        """What the agreement of a settlement version still lacks; empty when complete."""
        record = self.settlement_record(settlement_id)
        return checklist(
            record.case,
            record.invoices,
            record.proposal,
            record.settlement.clause_choices,
            record.money,
        )

    def require_complete(self, settlement_id: int, what: str) -> None:
        """Refuse, with the list of what is missing, an agreement that is not complete."""
        missing = self.missing(settlement_id)
        if missing:
            raise DomainError(
                f"The agreement is not complete, so it cannot be {what}; missing: "
                + "; ".join(missing)
                + "."
            )

    @serialized
    def record_export(
        self,
        settlement_id: int,
        file_name: str,
        sha256: str,
        language: str,
        details: dict[str, Any] | None = None,
    ) -> None:
        """Write to the audit log that the agreement was exported: the file's SHA-256, the
        document's fingerprint and the terms' fingerprint, and ``details`` (the check code, the
        anchor, the digest of each part of the file, the PDF).

        Refused while the checklist is incomplete: an incomplete agreement is never exported."""
        self.require_complete(settlement_id, "exported")
        record = self.settlement_record(settlement_id, anchored=False)
        summary = {
            **(details or {}),
            "version": record.settlement.version,
            "file": file_name,
            "file_sha256": sha256,
            "terms_fingerprint": record.fingerprint,
            "language": language,
        }
        summary.setdefault("fingerprint", record.fingerprint)
        with write(
            self.db, record.case.id, self.now_text(), "mediator", "settlement.exported", summary
        ):
            pass

    @serialized
    def sign_off(
        self,
        settlement_id: int,
        role: Signatory,
        name: str,
        capacity: str,
        at: datetime | None = None,
        signer: int | None = None,
    ) -> bool:
        """Record one signatory's sign-off; the last signature needed (every signatory of each
        party, and the mediator) locks the settlement.

        ``signer`` says which of the party's signatories signs (0: the first). Left out, it is
        the one whose name is ``name``, or the party's only one. Returns True when this sign-off
        locked the settlement.
        """
        role = Signatory(role)
        name, capacity = (name or "").strip(), (capacity or "").strip()
        if not name or not capacity:
            raise DomainError("A sign-off needs the signatory's full name and capacity.")
        row = self._editable(settlement_id)
        self.require_complete(settlement_id, "signed off")
        case_id = row["case_id"]
        signed = {
            (r[0], r[1])
            for r in self.db.execute(
                "SELECT role, signer FROM signoffs WHERE settlement_id = ?", [settlement_id]
            )
        }
        slots = [s for s in signature_slots(self.case(case_id)) if s.role in REQUIRED_SIGNATORIES]
        mine = [s for s in slots if s.role == role]
        if signer is None:
            named = [s for s in mine if s.name.casefold() == name.casefold()]
            if len(mine) == 1:
                signer = mine[0].signer
            elif len(named) == 1:
                signer = named[0].signer
            else:
                names = ", ".join(s.name for s in mine)
                raise DomainError(
                    f"{name} is not one of the signatories of the {role.value} ({names}); "
                    "choose which of them signs."
                )
        if signer not in {s.signer for s in mine}:
            raise DomainError(f"The {role.value} has no signatory number {signer + 1}.")
        if (role.value, signer) in signed:
            who = "The mediator" if role == Signatory.MEDIATOR else f"This {role.value} signatory"
            raise DomainError(f"{who} has already signed off this version.")
        moment = self.moment(at)
        locks = signed | {(role.value, signer)} >= {(s.role.value, s.signer) for s in slots}
        summary = {"version": row["version"], "role": role.value, "name": name}
        if signer:
            summary["signer"] = signer
        fingerprint = terms_fingerprint(self.terms(settlement_id)) if locks else ""
        if locks:
            summary["fingerprint"] = fingerprint
        with write(self.db, case_id, moment, role.value, "settlement.signed", summary) as ch:
            ch.insert(
                "signoffs",
                {
                    "case_id": case_id,
                    "settlement_id": settlement_id,
                    "role": role.value,
                    "name": name,
                    "capacity": capacity,
                    "signed_at": moment,
                    "signer": signer,
                },
            )
            if locks:
                ch.update("settlements", settlement_id, {"locked": 1, "fingerprint": fingerprint})
                # What the agreement prints now that it is signed, in every language.
                from mediate.documents.agreement_content import content_fingerprint
                from mediate.documents.settlement_docx import agreement_contents

                contents = agreement_contents(self.settlement_record(settlement_id, False))
                documents = {lang: content_fingerprint(c) for lang, c in contents.items()}
                summary["documents"] = documents  # the event is appended when the block ends
                self._record_documents(ch, case_id, settlement_id, contents, documents, moment)
                status = self.db.execute(
                    "SELECT status FROM cases WHERE id = ?", [case_id]
                ).fetchone()[0]
                if status != CaseStatus.SIGNED_OFF.value:
                    ch.update("cases", case_id, {"status": CaseStatus.SIGNED_OFF.value})
        if locks:  # the session clock does not run on a signed-off case: its time is final
            from mediate.store.session_clock_verbs import STOPPED, end_run

            end_run(self, case_id, at or self.clock(), STOPPED, "signed off")
        return locks

    @serialized
    def amend_settlement(self, settlement_id: int, at: datetime | None = None) -> int:
        """A new, unlocked version of a signed-off settlement that references the old one."""
        row = self._row("settlements", settlement_id)
        if not row["locked"]:
            raise DomainError(
                "Only a signed-off settlement is amended; this version can still be edited."
            )
        case_id = row["case_id"]
        latest = self.db.execute(
            "SELECT MAX(version) FROM settlements WHERE case_id = ?", [case_id]
        ).fetchone()[0]
        if row["version"] != latest:
            raise DomainError(
                f"Version {latest} already amends this one; amend the latest version."
            )
        moment = self.moment(at)
        summary = {"amends": row["version"], "version": latest + 1}
        with write(self.db, case_id, moment, "mediator", "settlement.amended", summary) as ch:
            new_id = ch.insert(
                "settlements",
                {
                    "case_id": case_id,
                    "version": latest + 1,
                    "proposal_id": row["proposal_id"],
                    "clause_choices": row["clause_choices"],
                    "locked": 0,
                    "fingerprint": "",
                    "amends": settlement_id,
                    "created_at": moment,
                },
            )
            ch.update("cases", case_id, {"status": CaseStatus.AGREED.value})
        return new_id
