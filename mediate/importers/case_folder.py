"""A case folder: ``case.toml`` plus invoices, work log, correspondence and contract.

Everything is read and checked before anything is written: the store then writes the whole case
in one transaction, so a broken file never leaves half a case behind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from mediate.domain.bundle import CaseBundle
from mediate.domain.errors import DomainError
from mediate.domain.line_refs import find_line
from mediate.domain.model import InvoiceLine
from mediate.domain.session_script import SessionScript
from mediate.importers.case_toml import (
    Fields,
    line_ref,
    load_toml,
    read_case,
    read_invoice_table,
    read_statements,
)
from mediate.importers.contract import read_contract
from mediate.importers.einvoice import read_einvoice
from mediate.importers.mail import mail_policy, read_mail
from mediate.importers.problems import BadInput, Notice
from mediate.importers.session_toml import read_session
from mediate.importers.worklog import link_entries, read_worklog

CONTRACT_NAMES = ("contract.md", "contract.txt", "contract.docx")


@dataclass
class FolderRead:
    bundle: CaseBundle
    notices: list[Notice] = field(default_factory=list)
    unlinked: int = 0
    session: SessionScript | None = None


def evidence_files(folder: Path) -> list[Path]:
    """The files a case folder's import will read, in reading order."""
    files = [folder / "case.toml"]
    files += sorted((folder / "invoices").glob("*.toml")) + sorted(
        (folder / "invoices").glob("*.xml")
    )
    files += sorted((folder / "worklog").glob("*.csv"))
    files += sorted((folder / "correspondence").glob("*.eml")) + sorted(
        (folder / "correspondence").glob("*.mbox")
    )
    files += [folder / name for name in CONTRACT_NAMES if (folder / name).is_file()]
    if (folder / "session.toml").is_file():
        files.append(folder / "session.toml")
    return files


def read_case_folder(folder: Path, on_file: Callable[[Path], None] | None = None) -> FolderRead:
    """Read and check a whole case folder; raise BadInput naming the first broken file."""
    folder = Path(folder)
    if not folder.is_dir():
        raise BadInput(folder, "", "is not a folder")
    if not (folder / "case.toml").is_file():
        raise BadInput(folder, "", "has no case.toml")
    files = evidence_files(folder)
    done = on_file or (lambda _path: None)
    case_path = files[0]
    case, table = read_case(case_path)
    done(case_path)
    result = FolderRead(bundle=CaseBundle(case=case, source=str(folder)))
    bundle, notices = result.bundle, result.notices

    for index, inline in enumerate(Fields(table, case_path).tables("invoice"), start=1):
        invoice, found = read_invoice_table(inline, case_path, f"invoice[{index}]", case.currency)
        bundle.invoices.append(invoice)
        notices += found
    contracts = [p for p in files if p.name in CONTRACT_NAMES]
    mail = mail_policy()  # parsed headers shared by the folder's mail files
    for path in files[1:]:
        if path.parent.name == "invoices":
            if path.suffix == ".toml":
                invoice, found = read_invoice_table(load_toml(path), path, "", case.currency)
            else:
                invoice, found = read_einvoice(path)
            bundle.invoices.append(invoice)
        elif path.parent.name == "worklog":
            entries, found = read_worklog(path)
            bundle.work += entries
        elif path.parent.name == "correspondence":
            messages, found = read_mail(path, mail)
            bundle.messages += messages
        elif path.name == "session.toml":
            result.session = read_session(path)
            found = []
        elif path is contracts[0]:
            clauses, found = read_contract(path)
            bundle.clauses = clauses
        else:
            found = [
                Notice(path.name, "", f"ignored: the contract is read from {contracts[0].name}")
            ]
        notices += found
        done(path)

    _check_invoice_numbers(bundle, folder)
    notices += _mark_disputed(bundle, table, case_path)
    bundle.statements = read_statements(table, case_path)
    for index, statement in enumerate(bundle.statements, start=1):
        if statement.line:
            where = f"statement[{index}].invoice_line"
            statement.target, warning = _resolve(bundle, statement.line, case_path, where)
            notices += [Notice(case_path.name, where, warning)] if warning else []
    result.unlinked = len(link_entries(bundle.work, bundle.invoices))
    return result


def _check_invoice_numbers(bundle: CaseBundle, folder: Path) -> None:
    """Every document once: an invoice and the credit note that corrects it may share a number,
    two invoices (or two credit notes) may not."""
    seen: dict[tuple[str, str], str] = {}
    for invoice in bundle.invoices:
        key = (invoice.number, invoice.kind.value)
        if key in seen:
            kind = "credit note" if invoice.sign < 0 else "invoice"
            raise BadInput(
                folder,
                invoice.source or "case.toml",
                f"{kind} number {invoice.number} also appears in {seen[key] or 'case.toml'}",
            )
        seen[key] = invoice.source
        if invoice.currency.upper() != bundle.case.currency:
            raise BadInput(
                invoice.source or folder,
                "currency",
                f"the invoice is in {invoice.currency}, the case in {bundle.case.currency}",
            )


def _resolve(bundle: CaseBundle, ref: str, path: Path, where: str) -> tuple[InvoiceLine, str]:
    """The line a reference names, and a warning when a position was taken where the invoice
    names its lines otherwise."""
    try:
        match = find_line(bundle.invoices, ref)
    except DomainError as error:
        raise BadInput(path, where, str(error).rstrip(".")) from None
    return match.line, match.warning


def _mark_disputed(bundle: CaseBundle, table: dict, case_path: Path) -> list[Notice]:
    f = Fields(table, case_path)
    refs = table.get("disputed_lines", [])
    if not isinstance(refs, list) or not all(isinstance(r, str) for r in refs):
        raise f.fail("disputed_lines", 'must be a list such as ["INV-17:20"]')
    notices = []
    for ref in refs:
        try:
            match = find_line(bundle.invoices, line_ref(ref, f, "disputed_lines"))
        except DomainError as error:
            raise f.fail("disputed_lines", str(error).rstrip(".")) from None
        match.line.disputed = True
        if match.warning:
            notices.append(Notice(case_path.name, "disputed_lines", match.warning))
    return notices
