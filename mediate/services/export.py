"""Exporting documents, one path for every front end: the checklist gate (in the store), render,
the check against what was signed, PDF/A and the seal, atomic write and the audit record of the
export."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from mediate.documents.agreement_content import differences
from mediate.documents.prevention_report import prevention_docx, prevention_markdown
from mediate.documents.settlement_docx import RenderedAgreement, rendered_agreement
from mediate.domain.audit_anchor import AuditAnchor
from mediate.domain.check_code import check_code
from mediate.domain.errors import DomainError
from mediate.domain.model import Settlement
from mediate.domain.settlement import SettlementRecord
from mediate.services.files import (
    ExportError,
    check_target,
    pdf_of,
    safe_file_name,
    staged_file,
    target_path,
    write_file,
)
from mediate.store import Store
from mediate.store.archive_reads import prevention


class NotTheSignedVersion(ExportError):
    """The record no longer gives the agreement that was signed off: nothing is written."""


@dataclass(frozen=True)
class Exported:
    """A document written to disk."""

    path: Path
    sha256: str
    fingerprint: str = ""  # of the printed text (``documents/agreement_content.py``)
    pdf: Path | None = None
    check_code: str = ""
    anchor: AuditAnchor | None = None
    # "signed": the text signed off, checked against its recorded fingerprint; "terms": signed
    # before mediate recorded one, checked against the terms' fingerprint; "draft".
    state: str = ""
    sealed: bool = False


# The parts of a .docx, named as a person would say which part of two exports differs.
PART_NAMES = {
    "word/document.xml": "the text",
    "word/header1.xml": "the page header",
    "word/footer1.xml": "the footer (check code, initials, page numbers)",
    "word/styles.xml": "the styles",
    "word/settings.xml": "the settings",
    "word/numbering.xml": "the numbering",
    "docProps/core.xml": "the document properties (title, author, dates)",
}


def part_digests(docx: bytes) -> dict[str, str]:
    """SHA-256 (first 16 hex digits) of each part of a .docx, by part name."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return {
            info.filename: hashlib.sha256(archive.read(info)).hexdigest()[:16]
            for info in archive.infolist()
        }


def explain_difference(before: dict, after: dict) -> list[str]:
    """Which parts of two recorded exports differ, in words (their summaries as the audit log
    holds them); empty when the files are the same."""
    if before.get("file_sha256") == after.get("file_sha256"):
        return []
    found = []
    if before.get("fingerprint") != after.get("fingerprint"):
        was = before.get("check_code") or str(before.get("fingerprint", ""))[:16]
        now = after.get("check_code") or str(after.get("fingerprint", ""))[:16]
        found.append(f"the printed text (check code {was} → {now})")
    old_anchor = AuditAnchor.from_dict(before.get("anchor"))
    new_anchor = AuditAnchor.from_dict(after.get("anchor"))
    if old_anchor != new_anchor:
        found.append(
            "the audit anchor (event "
            f"{old_anchor.seq if old_anchor else '—'} → {new_anchor.seq if new_anchor else '—'})"
        )
    old_parts, new_parts = before.get("parts") or {}, after.get("parts") or {}
    if not old_parts:
        found.append("the earlier export was made by an earlier version of mediate")
    else:
        for name in sorted(set(old_parts) | set(new_parts)):
            if old_parts.get(name) != new_parts.get(name):
                if name.startswith("customXml/"):
                    label = "the embedded fingerprint and content"
                else:
                    label = PART_NAMES.get(name, name)
                if label not in found:
                    found.append(label)
    return found or ["the file's packaging"]


def _stored_id(settlement: Settlement) -> int:
    """The id of a settlement read from the store (which always has one)."""
    if settlement.id is None:
        raise RuntimeError(f"settlement version {settlement.version} has no id: it is not stored")
    return settlement.id


def agreement_file_name(record: SettlementRecord, language: str) -> str:
    """``MED-2026-001-settlement-v1-en.docx``: reference, version and language."""
    return safe_file_name(
        record.case.reference, f"-settlement-v{record.settlement.version}-{language}.docx"
    )


def agreement_record(store: Store, case: str | int) -> SettlementRecord:
    """The current settlement of a case with everything its agreement shows."""
    case_id = store.case_id(case)
    settlement = store.current_settlement(case_id)
    if settlement is None:
        reference = store.case(case_id).reference
        raise DomainError(
            f"Case {reference} has no accepted proposal yet, so there is no settlement to export."
        )
    return store.settlement_record(_stored_id(settlement))


def agreement_path(
    store: Store, case: str | int, language: str | None = None, out: str | Path | None = None
) -> Path:
    """Where the agreement of a case would be written (``out`` a folder or a file name)."""
    record = agreement_record(store, case)
    return target_path(out, agreement_file_name(record, language or record.case.language.value))


def check_signed(store: Store, record: SettlementRecord, rendered: RenderedAgreement) -> str:
    """Refuse an agreement of a signed version that is not the one signed off: its printed text
    no longer gives the fingerprint recorded at sign-off (a default of a clause changed, its
    wording, a party's data), or its terms no longer give their recorded fingerprint. Returns
    how it was checked ("signed", "terms"), or "draft"."""
    settlement = record.settlement
    if not settlement.locked:
        return "draft"
    case = record.case.reference
    recorded = settlement.fingerprint
    if recorded and recorded != record.fingerprint:
        raise NotTheSignedVersion(
            f"The record of {case} no longer gives the terms signed off in version "
            f"{settlement.version}: they were signed with fingerprint {recorded[:16]}…, the record "
            f"now gives {record.fingerprint[:16]}… (run mediate verify {case} to see what was "
            "changed outside mediate). Nothing was written."
        )
    signed = store.signed_documents(_stored_id(settlement)).get(rendered.language_tag[:2])
    if signed is None:
        return "terms"  # signed before mediate recorded the fingerprint of the printed text
    if signed.fingerprint != rendered.fingerprint:
        changed = "; ".join(differences(signed.content, rendered.proof.content)[:2])
        raise NotTheSignedVersion(
            f"The agreement of {case} would no longer print what was signed off in version "
            f"{settlement.version} ({rendered.language_tag}): signed with check code "
            f"{check_code(signed.fingerprint)}, it would now have {rendered.check_code}; changed: "
            f"{changed or 'the content'}. Nothing was written: the signed document is the one "
            "exported at the time, and a change to the terms needs an amendment."
        )
    return "signed"


def _moment(record: SettlementRecord) -> datetime:
    """The moment a PDF of this agreement states: the moment of its audit anchor."""
    if record.anchor is not None and record.anchor.at:
        return datetime.fromisoformat(record.anchor.at)
    if record.settlement.created_at is not None:
        return record.settlement.created_at
    return datetime.combine(record.case.opened or date(2000, 1, 1), time(), UTC)


def export_agreement(
    store: Store,
    case: str | int,
    *,
    language: str | None = None,
    out: str | Path | None = None,
    force: bool = False,
    pdf: bool = False,
    seal: Path | None = None,
    seal_password: str = "",
) -> Exported:
    """Write the settlement agreement of ``case`` as .docx (and PDF/A, sealed with the
    mediator's certificate ``seal`` when given) and record the export.

    The store refuses an incomplete agreement before anything is written, and this refuses the
    agreement of a signed version whose text is no longer the one signed; the file appears only
    together with its audit event.
    """
    from mediate.services.pdf_archive import PdfProblem, archive_pdf  # off the start-up path

    record = agreement_record(store, case)
    settlement_id = _stored_id(record.settlement)
    store.require_complete(settlement_id, "exported")
    language = language or record.case.language.value
    path = target_path(out, agreement_file_name(record, language))
    pdf = pdf or seal is not None
    pdf_path = path.with_suffix(".pdf") if pdf else None
    if pdf_path is not None:
        check_target(pdf_path, force)  # both refusals before anything is written
    if seal is not None:
        from mediate.services.seal import check_certificate

        check_certificate(seal, seal_password)  # a wrong password before minutes of work
    rendered = rendered_agreement(record, language)
    state = check_signed(store, record, rendered)
    data = rendered.data
    pdf_data = None
    if pdf_path is not None:
        try:
            pdf_data = archive_pdf(
                pdf_of(data, path.name),
                rendered.proof,
                rendered.language_tag,
                rendered.title,
                rendered.author,
                _moment(record),
            )
        except PdfProblem as error:
            raise ExportError(str(error)) from None
        if seal is not None:
            from mediate.services.seal import seal_pdf

            pdf_data = seal_pdf(
                pdf_data,
                seal,
                seal_password,
                reason=f"{rendered.title}, version {record.settlement.version}: sealed by the mediator",
            )
    details: dict[str, object] = {
        "fingerprint": rendered.fingerprint,
        "check_code": rendered.check_code,
        "anchor": record.anchor.as_dict() if record.anchor else None,
        "checked": state,
        "parts": part_digests(data),
        "folder": str(path.parent.resolve()),  # the case's export folder next time
    }
    if pdf_path is not None and pdf_data is not None:
        details |= {
            "pdf": pdf_path.name,
            "pdf_sha256": hashlib.sha256(pdf_data).hexdigest(),
            "sealed": seal is not None,
        }
    # The audit event is committed before the file takes its name: a failure in between leaves
    # an event for a file that is not there (and an error on screen), never a file without one.
    with staged_file(path, data, force) as digest, store.batch():
        store.record_export(settlement_id, path.name, digest, language, details)
    if pdf_path is not None and pdf_data is not None:
        write_file(pdf_path, pdf_data, force)
    return Exported(
        path,
        digest,
        rendered.fingerprint,
        pdf_path,
        rendered.check_code,
        record.anchor,
        state,
        seal is not None,
    )


def prevention_report_text(store: Store, case: str | None, language: str | None) -> str | None:
    """The prevention report as Markdown, or None when there is no case yet."""
    reviews = prevention(store, case, language)
    if not reviews:
        return None
    return prevention_markdown(reviews, language, one_case=case is not None)


def export_prevention_report(
    store: Store,
    case: str | None,
    *,
    fmt: str,
    language: str | None = None,
    out: str | Path | None = None,
    force: bool = False,
) -> Exported | None:
    """Write the prevention report (``fmt`` "md" or "docx"); None when there is no case yet."""
    reviews = prevention(store, case, language)
    if not reviews:
        return None
    path = target_path(out, safe_file_name(case or "all-cases", f"-prevention.{fmt}"))
    if fmt == "docx":
        data = prevention_docx(reviews, language, one_case=case is not None)
    else:
        data = prevention_markdown(reviews, language, one_case=case is not None).encode("utf-8")
    with staged_file(path, data, force) as digest:
        return Exported(path, digest)
