"""``mediate verify FILE``: is a received agreement (.docx or PDF) the one mediate exported, and
is it the version signed off?

From the file alone: the fingerprint is recomputed from the content the file carries, and that
content is compared with what the file prints (the .docx's text) or draws (the PDF's pages); a
seal is checked with pyHanko. With the local record, when the case is in it: whether that
fingerprint is the one recorded at sign-off, and whether the record still holds the history
(the audit anchor) the file was exported with. A receipt line is checked against the record the
same way.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from mediate.documents.agreement_content import (
    content_fingerprint,
    differences,
    printed_text,
)
from mediate.documents.embedded_proof import Proof, read_proof_xml
from mediate.domain.audit_anchor import AuditAnchor
from mediate.domain.check_code import check_code
from mediate.services.files import ExportError
from mediate.store import Store
from mediate.store.connection import StoreError

MAX_FILE_BYTES = 64 * 1_048_576  # a received agreement is far smaller
MAX_PART_BYTES = 32 * 1_048_576  # one part of a .docx, uncompressed
LANGUAGES = {"en": "English", "nl": "Dutch"}


@dataclass
class Verdict:
    """What ``verify`` says of a file or a receipt: lines to show, and whether all is well."""

    lines: list[str] = field(default_factory=list)
    ok: bool = True

    def good(self, text: str) -> None:
        self.lines.append(f"  OK        {text}")

    def bad(self, label: str, text: str) -> None:
        self.ok = False
        self.lines.append(f"  {label:<9} {text}")

    def note(self, text: str) -> None:
        self.lines.append(f"            {text}")


def _read_limited(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as handle:
        data = handle.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise ExportError(f"The part {name} of this file is too large for an agreement.")
    return data


@dataclass(frozen=True)
class _Docx:
    proof: Proof | None
    body: list[str]
    header: list[str]
    footer_text: str


def _read_docx(data: bytes) -> _Docx:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ExportError("This file is not a .docx (it is not a zip package).") from None
    with archive:
        names = archive.namelist()
        if "word/document.xml" not in names:
            raise ExportError("This file is not a Word document (it has no word/document.xml).")
        proof = None
        for name in sorted(n for n in names if n.startswith("customXml/item")):
            proof = read_proof_xml(_read_limited(archive, name))
            if proof is not None:
                break
        try:
            body = printed_text(_read_limited(archive, "word/document.xml"))
            header = [
                line
                for name in sorted(n for n in names if n.startswith("word/header"))
                for line in printed_text(_read_limited(archive, name))
            ]
            footer = " ".join(
                line
                for name in sorted(n for n in names if n.startswith("word/footer"))
                for line in printed_text(_read_limited(archive, name))
            )
        except Exception:  # defusedxml's and the parser's errors: a damaged or hostile part
            raise ExportError("This .docx cannot be read: a part of it is not valid XML.") from None
    return _Docx(proof, body, header, footer)


def _describe(proof: Proof) -> str:
    content = proof.content
    language = str(content.get("language", ""))
    return (
        f"agreement {content.get('case', '?')}, version {content.get('version', '?')}, "
        f"{LANGUAGES.get(language[:2], language)} ({language}), "
        f"{'signed off' if content.get('signed') else 'DRAFT'}"
    )


def _check_proof(proof: Proof, verdict: Verdict) -> bool:
    """The proof holds together: its content gives its fingerprint, which gives its code."""
    if content_fingerprint(proof.content) != proof.fingerprint:
        verdict.bad(
            "CHANGED",
            "the content embedded in the file no longer gives its fingerprint: "
            "the proof inside the file was altered.",
        )
        return False
    if check_code(proof.fingerprint) != proof.check_code:
        verdict.bad("CHANGED", "the check code embedded in the file is not its fingerprint's.")
        return False
    return True


def _check_docx(data: bytes, verdict: Verdict) -> Proof | None:
    docx = _read_docx(data)
    proof = docx.proof
    if proof is None:
        verdict.bad(
            "UNKNOWN",
            "this .docx carries no mediate fingerprint: it was not exported by mediate, or a "
            "program that saved it since (LibreOffice, for one) dropped it. It cannot be checked.",
        )
        return None
    verdict.lines.insert(0, f"  {_describe(proof)}")
    verdict.note(f"fingerprint {proof.fingerprint}, check code {proof.check_code}")
    if not _check_proof(proof, verdict):
        return proof
    printed = {**proof.content, "text": docx.body, "header": docx.header}
    changed = differences(proof.content, printed)
    if changed:
        verdict.bad("CHANGED", "the document was changed since export: " + "; ".join(changed[:3]))
    else:
        verdict.good("unchanged since export: it prints the text its fingerprint covers.")
    if proof.check_code not in docx.footer_text:
        verdict.bad("CHANGED", f"the footer does not print the check code {proof.check_code}.")
    if not any(proof.fingerprint in line for line in _proof_lines(data)):
        verdict.bad("CHANGED", "the fingerprint printed before the signatures is not this one.")
    verdict.note("a .docx carries no seal: the mediator's seal is on the PDF.")
    return proof


def _proof_lines(data: bytes) -> list[str]:
    """The paragraphs that print the fingerprint (outside the fingerprinted text)."""
    from defusedxml import ElementTree  # type: ignore[import-untyped]

    from mediate.documents.agreement_content import PROOF_STYLE, W, paragraph_text

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = ElementTree.fromstring(_read_limited(archive, "word/document.xml"))
    return [
        paragraph_text(p)
        for p in root.iter(f"{W}p")
        if (style := p.find(f"{W}pPr/{W}pStyle")) is not None
        and style.get(f"{W}val") == PROOF_STYLE
    ]


def _check_pdf(data: bytes, verdict: Verdict, trust: list[Path]) -> Proof | None:
    from mediate.services.pdf_archive import PdfProblem, pdf_facts
    from mediate.services.seal import seal_status

    try:
        facts = pdf_facts(data)
    except PdfProblem as error:
        raise ExportError(str(error)) from None
    proof = facts.proof
    if proof is None:
        verdict.bad(
            "UNKNOWN",
            "this PDF carries no mediate fingerprint: it was not exported by mediate, or a "
            "program that saved it since dropped its metadata. It cannot be checked.",
        )
    else:
        verdict.lines.insert(0, f"  {_describe(proof)}")
        verdict.note(f"fingerprint {proof.fingerprint}, check code {proof.check_code}")
        if _check_proof(proof, verdict):
            if facts.pages_recorded and facts.pages_recorded == facts.pages_now:
                verdict.good("unchanged since export: the pages draw what was exported.")
            else:
                verdict.bad(
                    "CHANGED",
                    "the pages were changed since export (what they draw, their fonts or "
                    "images differ from what was recorded at export).",
                )
        pdfa = "PDF/A-2b" if facts.pdfa == "2B" else "not PDF/A"
        verdict.note(f"{pdfa}, language {facts.language or 'not set'}.")
    seals = seal_status(data, trust)
    if not seals and proof is not None:
        verdict.note("not sealed: the mediator can seal the PDF (mediate export --seal).")
    for seal in seals:
        who = f"sealed by {seal.signer} on {seal.signed_at or 'an unknown date'}"
        if not (seal.intact and seal.valid):
            verdict.bad(
                "BROKEN", f"{who}: the seal does not match the file: changed after sealing."
            )
        elif not seal.whole_file:
            verdict.bad("CHANGED", f"{who}: something was added to the file after the seal.")
        else:
            verdict.good(f"{who}: the seal is valid and covers the whole file.")
            if seal.trusted:
                verdict.note("its certificate is, or chains to, one given with --trust.")
            else:
                verdict.note(
                    "who sealed it is not established: compare the certificate's SHA-256 "
                    f"{seal.certificate_sha256} with the one the mediator gave you, or pass the "
                    "mediator's certificate (or the provider's root) with --trust."
                )
    return proof


def _check_record(proof: Proof, store: Store, verdict: Verdict) -> None:
    content = proof.content
    reference = str(content.get("case", ""))
    try:
        case_id = store.case_id(reference)
    except StoreError:  # the case is not in this database
        verdict.note(
            f"case {reference} is not in this database: whether this is the signed version only "
            "the mediator's record can tell."
        )
        return
    language = str(content.get("language", ""))[:2]
    version = content.get("version")
    settlement = next((s for s in store.settlements(case_id) if s.version == version), None)
    if settlement is None or settlement.id is None:
        verdict.bad("NOT SIGNED", f"the record of {reference} has no settlement version {version}.")
    elif not settlement.locked:
        verdict.bad(
            "NOT SIGNED",
            f"version {version} of {reference} is a draft in the record, not signed off.",
        )
    else:
        signed = store.signed_documents(settlement.id).get(language)
        when = max((s.signed_at for s in settlement.signoffs), default=None)
        on = f" on {when:%Y-%m-%d}" if when else ""
        if signed is None:
            exported = [
                e
                for e in store.export_summaries(case_id)
                if e.get("version") == version and e.get("fingerprint") == proof.fingerprint
            ]
            if exported:
                verdict.good(
                    f"the record exported this text of version {version} after its sign-off{on}."
                )
            else:
                verdict.note(
                    f"version {version} was signed off{on} before mediate recorded the printed "
                    "text's fingerprint: the record cannot tell whether this is that text."
                )
        elif signed.fingerprint == proof.fingerprint:
            verdict.good(f"the signed version: the record signed off version {version}{on}.")
        else:
            verdict.bad(
                "NOT SIGNED",
                f"not the version signed off: version {version} was signed{on} with check code "
                f"{check_code(signed.fingerprint)}, this file has {proof.check_code}.",
            )
    if proof.anchor is not None:
        check_anchor(proof.anchor, store, verdict)


def check_anchor(anchor: AuditAnchor, store: Store, verdict: Verdict) -> None:
    """Whether the record still holds the history an anchor fixed."""
    result = store.check_anchor(anchor)
    if result is None:
        verdict.note(f"case {anchor.reference} is not in this database.")
    elif result.ok:
        verdict.good(
            f"the audit log of {anchor.reference} still holds the history anchored at event "
            f"{anchor.seq} ({result.events} events now, chain intact)."
        )
    else:
        verdict.bad("TAMPERED", result.problems[0] + ".")


def verify_file(path: Path, store: Store | None, trust: list[Path] | None = None) -> Verdict:
    """Check a received agreement; ``store`` None checks the file alone."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ExportError(f"{path} is too large ({size:,} bytes) to be an agreement.")
        data = path.read_bytes()
    except OSError as error:
        raise ExportError(f"Cannot read {path}: {error.strerror or error}.") from None
    verdict = Verdict()
    if data.startswith(b"%PDF"):
        proof = _check_pdf(data, verdict, trust or [])
    elif data.startswith(b"PK"):
        proof = _check_docx(data, verdict)
    else:
        raise ExportError(f"{path} is neither a .docx nor a PDF.")
    if proof is not None and store is not None and verdict.ok:
        _check_record(proof, store, verdict)
    elif proof is not None and store is not None and proof.anchor is not None:
        check_anchor(proof.anchor, store, verdict)
    return verdict


def verify_receipt(anchor: AuditAnchor, store: Store) -> Verdict:
    verdict = Verdict()
    check_anchor(anchor, store, verdict)
    return verdict
