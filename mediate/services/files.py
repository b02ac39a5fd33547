"""Writing an exported file: a safe file name, no silent overwrite, an atomic write, PDF."""

from __future__ import annotations

import glob
import hashlib
import os
import re
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mediate.importers.problems import kind_of

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)


class ExportError(Exception):
    """The document could not be written; ``str()`` is a sentence for the user."""


def safe_file_name(reference: str, suffix: str) -> str:
    """A file name from a case reference that stays inside the chosen folder on any system."""
    stem = _UNSAFE.sub("_", reference).strip("._") or "case"
    if _RESERVED.match(stem):
        stem = f"_{stem}"
    return f"{stem[:80]}{suffix}"


def target_path(out: str | Path | None, default_name: str) -> Path:
    """``out`` as a folder (the default name inside it) or as the file itself. A name ending in
    a slash is a folder, and must exist (``--out missing/`` is refused, not written as a file
    named ``missing``)."""
    if out is None:
        return Path.cwd() / default_name
    text = os.fspath(out)
    as_folder = text.endswith((os.sep, "/"))
    out = Path(text)
    if as_folder and not out.is_dir():
        raise ExportError(f"The folder {out} does not exist.")
    if out.is_dir():
        return out / default_name
    return out


def check_target(path: Path, force: bool) -> None:
    """Refuse a target that is not ours to replace: anything but a regular file (a link, even
    to a file; a named pipe; a device; a folder) always, an existing file unless ``force``; and
    a target in a folder that does not exist."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise ExportError(f"Cannot write {path}: {error.strerror or error}.") from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise ExportError(f"{path} is a link; mediate does not write through links.")
        if not stat.S_ISREG(info.st_mode):
            raise ExportError(f"{path} is {kind_of(info.st_mode)}, not a file; it is left alone.")
        if not force:
            raise ExportError(f"{path} already exists; use --force to overwrite it.")
    if not path.parent.is_dir():
        raise ExportError(f"The folder {path.parent} does not exist.")


def _unnamed_file(folder: Path) -> int | None:
    """A file with no name yet in ``folder`` (Linux O_TMPFILE): a crash leaves nothing behind.
    None where the system or file system does not offer it."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag:
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY, 0o600)
    except OSError:
        return None


@contextmanager
def staged_file(path: Path, data: bytes, force: bool = False) -> Iterator[str]:
    """Write ``data`` (mode 0600) to a file with no name yet beside ``path``; on leaving the
    block without an error it takes the name ``path`` atomically, otherwise nothing is left
    behind. Where unnamed files are not offered, a hidden temporary is used and removed.

    Yields the SHA-256 of the data, so the block can record the export before the file appears:
    an export whose audit event cannot be written leaves no file, and the reverse.
    """
    check_target(path, force)
    fd = _unnamed_file(path.parent)
    temp: Path | None = None
    try:
        if fd is None:
            try:
                fd, name = tempfile.mkstemp(dir=path.parent, prefix=".mediate-", suffix=path.suffix)
            except OSError as error:
                raise ExportError(
                    f"Cannot write in {path.parent}: {error.strerror or error}."
                ) from None
            temp = Path(name)
        try:
            rest = memoryview(data)
            while rest:
                rest = rest[os.write(fd, rest) :]
            os.fsync(fd)
        except OSError as error:
            raise ExportError(f"Cannot write {path}: {error.strerror or error}.") from None
        yield hashlib.sha256(data).hexdigest()
        check_target(path, force)  # again: something may have appeared at the name meanwhile
        try:
            if temp is None and not _link_unnamed(fd, path):
                temp = _named_copy(path, data)  # the file system cannot name an unnamed file
            if temp is not None:
                os.replace(temp, path)
        except OSError as error:
            raise ExportError(f"Cannot write {path}: {error.strerror or error}.") from None
    finally:
        if fd is not None:
            os.close(fd)
        if temp is not None:
            temp.unlink(missing_ok=True)


def _link_unnamed(fd: int, path: Path) -> bool:
    """Give the unnamed file ``fd`` the name ``path`` (replacing a regular file there); False
    when the file system does not allow it (then nothing was changed)."""
    try:
        _link_fd(fd, path)  # no file at the name: it appears whole
        return True
    except FileExistsError:
        pass
    except OSError:
        return False
    _remove_leftovers(path)
    beside = path.with_name(f".mediate-{os.getpid()}-{path.name}")
    try:
        _link_fd(fd, beside)
    except OSError:
        return False
    try:
        os.replace(beside, path)
    finally:
        beside.unlink(missing_ok=True)
    return True


def _remove_leftovers(path: Path) -> None:
    """Remove what an export of ``path`` killed between naming its file and moving it over the
    old one left behind (``.mediate-PID-name`` of a process that no longer runs)."""
    for leftover in path.parent.glob(f".mediate-*-{glob.escape(path.name)}"):
        pid = leftover.name.removeprefix(".mediate-").split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            leftover.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _link_fd(fd: int, path: Path) -> None:
    """linkat("/proc/self/fd/N", path, AT_SYMLINK_FOLLOW), as open(2) shows for O_TMPFILE.
    CPython calls linkat (which follows the link) only when given a directory descriptor, and
    plain link (which would link the /proc entry itself) otherwise; the descriptor is unused,
    the source path being absolute."""
    root = os.open("/", os.O_RDONLY)
    try:
        os.link(f"/proc/self/fd/{fd}", path, src_dir_fd=root, follow_symlinks=True)
    finally:
        os.close(root)


def _named_copy(path: Path, data: bytes) -> Path:
    """``data`` in a hidden temporary (mode 0600) beside ``path``."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=".mediate-", suffix=path.suffix)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return Path(name)


def write_file(path: Path, data: bytes, force: bool = False) -> str:
    """Write ``data`` atomically; refuse to replace an existing file unless ``force``.

    Returns the SHA-256 of what was written."""
    with staged_file(path, data, force) as digest:
        return digest


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


# LibreOffice's PDF export filter, asked for PDF/A-2b (ISO 19005-2, level B): fonts embedded, an
# output intent, XMP metadata, no encryption or transparency groups it cannot declare.
PDFA_2B = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'


def pdf_of(docx: bytes, name: str) -> bytes:
    """The PDF/A-2b of a .docx, made by LibreOffice in a private folder (mode 0700) that is
    removed afterwards: nothing of the agreement is left anywhere but in the files asked for."""
    binary = soffice()
    if binary is None:
        raise ExportError(
            "A PDF needs LibreOffice, which is not installed here: install it (Debian/Ubuntu: "
            "apt-get install libreoffice-writer-nogui; macOS: brew install --cask libreoffice) "
            "and try again, or export the .docx alone (without --pdf)."
        )
    with tempfile.TemporaryDirectory(prefix="mediate-pdf-") as work:
        folder = Path(work)
        source = folder / "agreement.docx"
        source.write_bytes(docx)
        try:
            result = subprocess.run(
                [
                    binary,
                    f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--headless",
                    "--convert-to",
                    PDFA_2B,
                    "--outdir",
                    str(folder),
                    str(source),
                ],
                capture_output=True,
                text=True,
                timeout=180,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise ExportError(f"LibreOffice could not convert {name}: {error}") from None
        pdf = folder / "agreement.pdf"
        if result.returncode != 0 or not pdf.is_file():
            raise ExportError(
                f"LibreOffice could not convert {name}: {result.stderr.strip()[:200]}"
            )
        return pdf.read_bytes()
