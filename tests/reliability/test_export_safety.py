"""Every file an export writes follows one rule: private (0600), never over an existing file
without ``--force``, never through a link or into a device or pipe, and never half there.

Measured before: the PDF was written 0644 (the .docx 0600), overwrote an existing PDF without
``--force`` and followed a symlink at its name; ``--force`` replaced a FIFO with a regular file;
``--out missing/`` wrote a file named ``missing``; a kill during export left a hidden
``.mediate-*.docx`` holding the whole agreement next to the target.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import threading

import pytest
from click.testing import CliRunner

from mediate.cli import main
from tests.settlement_helpers import signed_settlement

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
DOCX = "MED-2026-001-settlement-v1-en.docx"
PDF = "MED-2026-001-settlement-v1-en.pdf"


@pytest.fixture
def signed(db_path, store):
    signed_settlement(store)
    return db_path


def export(db_path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", str(db_path), "export", "MED-2026-001", *args])
    return result.exit_code, result.output


def mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@needs_soffice
def test_the_pdf_is_private_and_kept_without_force(signed, tmp_path):
    old = os.umask(0o022)
    try:
        code, output = export(signed, "--out", f"{tmp_path}/", "--pdf")
    finally:
        os.umask(old)
    assert code == 0, output
    pdf = tmp_path / PDF
    assert pdf.read_bytes().startswith(b"%PDF") and mode(pdf) == 0o600
    assert mode(tmp_path / DOCX) == 0o600
    (tmp_path / DOCX).unlink()
    before = pdf.read_bytes()
    code, output = export(signed, "--out", f"{tmp_path}/", "--pdf")
    assert code == 2 and PDF in output and "--force" in output, output
    assert pdf.read_bytes() == before
    assert not (tmp_path / DOCX).exists()  # refused before anything was written


def test_a_link_at_the_pdfs_name_is_refused_even_with_force(signed, tmp_path):
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not to be overwritten\n", encoding="utf-8")
    (tmp_path / PDF).symlink_to(elsewhere)
    for extra in ((), ("--force",)):
        code, output = export(signed, "--out", f"{tmp_path}/", "--pdf", *extra)
        assert code == 2 and "link" in output, output
    assert elsewhere.read_text(encoding="utf-8") == "not to be overwritten\n"
    assert not (tmp_path / DOCX).exists()


def test_force_never_replaces_a_pipe_or_a_device(signed, tmp_path):
    fifo = tmp_path / "agreement.docx"
    os.mkfifo(fifo)
    code, output = export(signed, "--out", str(fifo), "--force")
    assert code == 2 and "named pipe, not a file" in output, output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    code, output = export(signed, "--out", "/dev/null", "--force")
    assert code == 2 and "not a file" in output, output


def test_a_folder_that_does_not_exist_is_named_not_made_a_file(signed, tmp_path):
    code, output = export(signed, "--out", f"{tmp_path}/missing/")
    assert code == 2 and "missing" in output and "Traceback" not in output, output
    assert not (tmp_path / "missing").exists()


def test_nothing_but_the_finished_file_ever_appears_in_the_folder(signed, tmp_path):
    """A folder watched while five agreements are written: no temporary file, named or hidden,
    is ever seen in it (a kill at any moment leaves nothing of the agreement behind)."""
    folder = tmp_path / "out"
    folder.mkdir()
    seen: set[str] = set()
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            seen.update(os.listdir(folder))

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for n in range(5):
            code, output = export(signed, "--out", str(folder / f"agreement-{n}.docx"))
            assert code == 0, output
    finally:
        done.set()
        watcher.join()
    seen.update(os.listdir(folder))
    assert seen == {f"agreement-{n}.docx" for n in range(5)}


def test_overwriting_leaves_no_copy_and_clears_what_a_killed_export_left(signed, tmp_path):
    gone = subprocess.Popen(["true"])
    gone.wait()  # a process id that no longer runs
    folder = tmp_path / "out"
    folder.mkdir()
    leftover = folder / f".mediate-{gone.pid}-{DOCX}"
    leftover.write_bytes(b"the whole agreement of an export killed while replacing the file")
    assert export(signed, "--out", f"{folder}/")[0] == 0
    code, output = export(signed, "--out", f"{folder}/", "--force")
    assert code == 0, output
    assert sorted(os.listdir(folder)) == [DOCX]
