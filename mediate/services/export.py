"""Exporting documents, one path for every front end: the checklist gate (in the store), render,
atomic write and the audit record of the export."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mediate.documents.prevention_report import prevention_docx, prevention_markdown
from mediate.documents.settlement_docx import agreement_docx
from mediate.domain.errors import DomainError
from mediate.domain.model import Settlement
from mediate.domain.settlement import SettlementRecord
from mediate.services.files import (
    check_target,
    pdf_of,
    safe_file_name,
    staged_file,
    target_path,
    write_file,
)
from mediate.store import Store
from mediate.store.archive_reads import prevention


@dataclass(frozen=True)
class Exported:
    """A document written to disk."""

    path: Path
    sha256: str
    fingerprint: str = ""
    pdf: Path | None = None


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


def export_agreement(
    store: Store,
    case: str | int,
    *,
    language: str | None = None,
    out: str | Path | None = None,
    force: bool = False,
    pdf: bool = False,
) -> Exported:
    """Write the settlement agreement of ``case`` as .docx (and PDF) and record the export.

    The store refuses an incomplete agreement before anything is written; the file appears
    only together with its audit event.
    """
    record = agreement_record(store, case)
    settlement_id = _stored_id(record.settlement)
    store.require_complete(settlement_id, "exported")
    language = language or record.case.language.value
    path = target_path(out, agreement_file_name(record, language))
    pdf_path = path.with_suffix(".pdf") if pdf else None
    if pdf_path is not None:
        check_target(pdf_path, force)  # both refusals before anything is written
    data = agreement_docx(record, language)
    pdf_data = pdf_of(data, path.name) if pdf_path is not None else None
    # The audit event is committed before the file takes its name: a failure in between leaves
    # an event for a file that is not there (and an error on screen), never a file without one.
    with staged_file(path, data, force) as digest, store.batch():
        store.record_export(settlement_id, path.name, digest, language)
    if pdf_path is not None and pdf_data is not None:
        write_file(pdf_path, pdf_data, force)
    return Exported(path, digest, record.fingerprint, pdf_path)


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
