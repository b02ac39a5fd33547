"""A case folder: ``case.toml`` plus invoices, work log, correspondence and contract.

Everything is read and checked before anything is written: the store then writes the whole case
in one transaction, so a broken file never leaves half a case behind.

Files are found by name and extension in any case (``BD-42.XML``, ``Contract.DOCX``). In
``invoices/``, ``worklog/`` and ``correspondence/`` every other entry is named in a warning
("ignored: notes.pdf is not a mail (.eml/.mbox)"), except what operating systems and Office leave
behind, skipped quietly: hidden entries (a name starting with ".": ``.DS_Store``, ``._x.eml``,
``.git``), Office lock files (``~$x.docx``), ``Thumbs.db``, ``ehthumbs.db``, ``desktop.ini``,
``Icon\\r`` and ``__MACOSX``. A ``.txt`` in ``correspondence/`` is read as a mail when it starts
with mail headers, From, Date and Subject among them, and named in a warning otherwise.
"""

from __future__ import annotations

import stat
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
    read_payments,
    read_statements,
)
from mediate.importers.contract import read_contract
from mediate.importers.einvoice import read_einvoice
from mediate.importers.mail import mail_policy, read_mail, read_text_mail
from mediate.importers.problems import (
    MAX_FILE_BYTES,
    MAX_IMPORT_BYTES,
    MAX_MESSAGES,
    MAX_WORK_ENTRIES,
    BadInput,
    Notice,
    kind_of,
)
from mediate.importers.session_toml import read_session
from mediate.importers.worklog import link_entries, read_worklog

CONTRACT_NAMES = ("contract.md", "contract.txt", "contract.docx")
# What each evidence folder reads (extensions in any case) and why any other file is not read.
EVIDENCE_FOLDERS = {
    "invoices": ((".toml", ".xml"), "is not an invoice (.xml/.toml)"),
    "worklog": ((".csv",), "is not a work log (.csv)"),
    "correspondence": ((".eml", ".mbox", ".txt"), "is not a mail (.eml/.mbox)"),
}
NOT_A_SAVED_MAIL = "is not a mail (a mail saved as .txt needs From, Date and Subject headers)"
_DEBRIS = frozenset({"thumbs.db", "ehthumbs.db", "desktop.ini", "icon\r", "__macosx"})


def _debris(path: Path) -> bool:
    """Hidden entries and what operating systems and Office leave behind: skipped quietly."""
    return path.name.startswith((".", "~$")) or path.name.lower() in _DEBRIS


def _entries(folder: Path) -> list[Path]:
    """A folder's entries in name order, without debris; none when there is no such folder."""
    try:
        return sorted(path for path in folder.iterdir() if not _debris(path))
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as error:
        raise BadInput(folder, "", f"cannot be read ({error.strerror or error})") from None


def file_problem(path: Path, root: Path) -> str | None:
    """Why ``path`` is not read as a file of the case folder ``root`` (None when it is): a link
    to outside the folder, a link to nothing, or not a regular file (a named pipe, a device
    such as /dev/zero, a socket, a folder)."""
    try:
        info = path.stat()
    except OSError:
        return "is a link to nothing" if path.is_symlink() else "cannot be read"
    if not stat.S_ISREG(info.st_mode):
        return f"is {kind_of(info.st_mode)}, not a file"
    if path.is_symlink() or path.parent.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(root.resolve()):
            return "is a link to a file outside the case folder"
    return None


def _with_suffix(entries: list[Path], suffix: str) -> list[Path]:
    return [path for path in entries if path.suffix.lower() == suffix and not path.is_dir()]


def _named(entries: list[Path], name: str) -> list[Path]:
    """The entries named ``name`` in any case (folders aside), the one spelt exactly so first."""
    found = [path for path in entries if path.name.lower() == name and not path.is_dir()]
    return sorted(found, key=lambda path: path.name != name)


def find_case_toml(folder: Path) -> Path | None:
    """The folder's case.toml, its name in any case (``CASE.TOML``); None when it has none."""
    found = _named(_entries(folder), "case.toml")
    return found[0] if found else None


def ignored_files(folder: Path) -> list[Notice]:
    """A warning for each entry of an evidence folder that the import does not read by its name
    (a ``.txt`` that is no mail is named when it is read)."""
    notices = []
    for name, (suffixes, reason) in EVIDENCE_FOLDERS.items():
        for path in _entries(folder / name):
            if path.is_dir():
                what = f"ignored: {path.name} is a folder (files in subfolders are not read)"
            elif path.suffix.lower() not in suffixes:
                what = f"ignored: {path.name} {reason}"
            else:
                continue
            notices.append(Notice(name, "", what))
    return notices


@dataclass
class FolderRead:
    bundle: CaseBundle
    notices: list[Notice] = field(default_factory=list)
    unlinked: int = 0
    session: SessionScript | None = None


def evidence_files(folder: Path) -> list[Path]:
    """The files a case folder's import will read, in reading order."""
    top = _entries(folder)
    invoices = _entries(folder / "invoices")
    mail = _entries(folder / "correspondence")
    files = [find_case_toml(folder) or folder / "case.toml"]
    files += _with_suffix(invoices, ".toml") + _with_suffix(invoices, ".xml")
    files += _with_suffix(_entries(folder / "worklog"), ".csv")
    files += _with_suffix(mail, ".eml") + _with_suffix(mail, ".mbox") + _with_suffix(mail, ".txt")
    files += [path for name in CONTRACT_NAMES for path in _named(top, name)]
    files += _named(top, "session.toml")[:1]
    return files


def read_case_folder(folder: Path, on_file: Callable[[Path], None] | None = None) -> FolderRead:
    """Read and check a whole case folder; raise BadInput naming the first broken file."""
    folder = Path(folder)
    if not folder.is_dir():
        raise BadInput(folder, "", "is not a folder")
    if find_case_toml(folder) is None:
        raise BadInput(folder, "", "has no case.toml")
    files = evidence_files(folder)
    for path in files:
        problem = file_problem(path, folder)
        if problem is not None:
            raise BadInput(path, "", f"{problem}; refused")
    _check_total(folder, files)
    done = on_file or (lambda _path: None)
    case_path = files[0]
    case, table = read_case(case_path)
    done(case_path)
    result = FolderRead(bundle=CaseBundle(case=case, source=str(folder)))
    bundle, notices = result.bundle, result.notices
    notices += ignored_files(folder)

    for index, inline in enumerate(Fields(table, case_path).tables("invoice"), start=1):
        invoice, found = read_invoice_table(inline, case_path, f"invoice[{index}]", case.currency)
        bundle.invoices.append(invoice)
        notices += found
    contracts = [p for p in files if p.parent == folder and p.name.lower() in CONTRACT_NAMES]
    mail = mail_policy()  # parsed headers shared by the folder's mail files
    for path in files[1:]:
        if path.parent == folder / "invoices":
            if path.suffix.lower() == ".toml":
                invoice, found = read_invoice_table(load_toml(path), path, "", case.currency)
            else:
                invoice, found = read_einvoice(path)
            bundle.invoices.append(invoice)
        elif path.parent == folder / "worklog":
            entries, found = read_worklog(path)
            bundle.work += entries
            if len(bundle.work) > MAX_WORK_ENTRIES:
                raise BadInput(
                    path,
                    "",
                    f"brings the work log to {len(bundle.work):,} entries; an import takes at "
                    f"most {MAX_WORK_ENTRIES:,}; refused",
                )
        elif path.parent == folder / "correspondence":
            if path.suffix.lower() == ".txt":
                saved = read_text_mail(path, mail)
                ignored = Notice("correspondence", "", f"ignored: {path.name} {NOT_A_SAVED_MAIL}")
                messages, found = saved if saved is not None else ([], [ignored])
            else:
                messages, found = read_mail(path, mail, MAX_MESSAGES - len(bundle.messages))
            bundle.messages += messages
            if len(bundle.messages) > MAX_MESSAGES:
                raise BadInput(
                    path, "", f"is a message beyond the {MAX_MESSAGES:,} an import takes"
                )
        elif path.name.lower() == "session.toml":
            result.session = read_session(path)
            found = []
        elif path == contracts[0]:
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
    bundle.payments = read_payments(table, case_path)
    for index, statement in enumerate(bundle.statements, start=1):
        if statement.line:
            where = f"statement[{index}].invoice_line"
            statement.target, warning = _resolve(bundle, statement.line, case_path, where)
            notices += [Notice(case_path.name, where, warning)] if warning else []
    result.unlinked = len(link_entries(bundle.work, bundle.invoices, notices))
    return result


def _check_total(folder: Path, files: list[Path]) -> None:
    """Refuse a folder whose files add up to more than an import reads (before reading any)."""
    total = 0
    for path in files:
        try:
            size = path.stat().st_size
        except OSError:
            continue  # named when it is read
        total += size if size <= MAX_FILE_BYTES else 0  # a file too large is named on its own
    if total > MAX_IMPORT_BYTES:
        raise BadInput(
            folder,
            "",
            f"its files add up to {total / 1_048_576:,.0f} MB; an import reads at most "
            f"{MAX_IMPORT_BYTES // 1_048_576} MB; refused",
        )


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
