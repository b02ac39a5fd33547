"""Writing an exported file: a safe file name, no silent overwrite, an atomic write, PDF."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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


def target_path(out: Path | None, default_name: str) -> Path:
    """``out`` as a folder (the default name inside it) or as the file itself."""
    if out is None:
        return Path.cwd() / default_name
    if out.is_dir() or str(out).endswith(os.sep):
        return out / default_name
    return out


@contextmanager
def staged_file(path: Path, data: bytes, force: bool = False) -> Iterator[str]:
    """Write ``data`` to a temporary file beside ``path``; on leaving the block without an error
    it replaces ``path`` atomically, otherwise nothing is left behind.

    Yields the SHA-256 of the data, so the block can record the export before the file appears:
    an export whose audit event cannot be written leaves no file, and the reverse.
    """
    if path.exists() and not force:
        raise ExportError(f"{path} already exists; use --force to overwrite it.")
    if not path.parent.is_dir():
        raise ExportError(f"The folder {path.parent} does not exist.")
    try:
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".mediate-", suffix=path.suffix)
    except OSError as error:
        raise ExportError(f"Cannot write in {path.parent}: {error.strerror or error}.") from None
    try:
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        except OSError as error:
            raise ExportError(f"Cannot write {path}: {error.strerror or error}.") from None
        yield hashlib.sha256(data).hexdigest()
        try:
            os.replace(temp, path)
        except OSError as error:
            raise ExportError(f"Cannot write {path}: {error.strerror or error}.") from None
    finally:
        Path(temp).unlink(missing_ok=True)


def write_file(path: Path, data: bytes, force: bool = False) -> str:
    """Write ``data`` atomically; refuse to replace an existing file unless ``force``.

    Returns the SHA-256 of what was written."""
    with staged_file(path, data, force) as digest:
        return digest


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(path: Path) -> Path:
    """Convert a .docx to PDF beside it with LibreOffice."""
    binary = soffice()
    if binary is None:
        raise ExportError(
            "PDF needs LibreOffice: install it (Debian/Ubuntu: apt-get install "
            "libreoffice-writer-nogui; macOS: brew install --cask libreoffice) and try again."
        )
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [
                binary,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(path.parent),
                str(path),
            ],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    pdf = path.with_suffix(".pdf")
    if result.returncode != 0 or not pdf.exists():
        raise ExportError(
            f"LibreOffice could not convert {path.name}: {result.stderr.strip()[:200]}"
        )
    return pdf
