"""Small hostile files cannot exhaust the machine: each is refused in seconds, in bounded memory.

Measured before: a 646 KB contract .docx (zip bomb) ran 15 minutes to 3.7 GB; a 46 KB style bomb
took 130 s; ``correspondence/a.eml`` as a link to /dev/zero ended in a MemoryError; a FIFO there
hung the import for ever; many mbox files each under the size limit reached 6.8 GB. Each import
runs here as the mediator runs it (``mediate import`` in its own process), timed, with its peak
memory read from the kernel (``wait4``), and must end in exit 2 with one sentence naming the file,
leaving nothing in the database.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from tests.case_folders import write_case

SECONDS = 10
PEAK_MB = 300


def run_import(db: Path, folder: Path, tmp: Path) -> tuple[int, str, float, float]:
    """``mediate --db DB import FOLDER`` in a process of its own: exit code, output, seconds, and
    the process's peak resident memory in MB as the kernel counted it (``wait4``)."""
    output = tmp / "import-output.txt"
    started = time.monotonic()
    with open(output, "w") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "mediate.cli", "--db", str(db), "import", str(folder)],
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - started > SECONDS * 3:
            process.kill()
            os.wait4(process.pid, 0)
            pytest.fail(f"the import of {folder} still ran after {SECONDS * 3} s")
        time.sleep(0.05)
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    seconds = time.monotonic() - started
    return process.returncode, output.read_text(), seconds, usage.ru_maxrss / 1024


def assert_refused(db: Path, folder: Path, names: str) -> str:
    code, text, seconds, peak_mb = run_import(db, folder, folder.parent)
    assert code == 2, text
    assert names in text and "Traceback" not in text, text
    assert seconds < SECONDS, f"{seconds:.1f} s"
    assert peak_mb < PEAK_MB, f"{peak_mb:.0f} MB"
    if db.exists():
        with sqlite3.connect(db) as connection:
            assert connection.execute("SELECT COUNT(*) FROM cases").fetchone() == (0,)
    return text


def zip_bomb(path: Path, unpacked_mb: int = 80) -> None:
    """A real .docx whose document.xml unpacks to ``unpacked_mb`` MB of paragraphs (the file
    itself is a few hundred KB)."""
    docx.Document().save(path)
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    paragraph = (
        b"<w:p><w:r><w:t>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</w:t></w:r></w:p>"
    )
    chunk = paragraph * (1_048_576 // len(paragraph))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for name, data in parts.items():
            if name != "word/document.xml":
                target.writestr(name, data)
        with target.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(
                b'<?xml version="1.0" encoding="UTF-8"?><w:document '
                b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            )
            for _ in range(unpacked_mb):
                member.write(chunk)
            member.write(b"</w:body></w:document>")


def style_bomb(path: Path, styles: int = 6_000, paragraphs: int = 2_000) -> None:
    document = docx.Document()
    chain = "".join(
        f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="S{i}"><w:name w:val="S{i}"/>'
        + (f'<w:basedOn w:val="S{i - 1}"/>' if i else "")
        + "</w:style>"
        for i in range(styles)
    )
    for style in parse_xml(f"<w:styles {nsdecls('w')}>{chain}</w:styles>"):
        document.styles.element.append(style)
    body = document.element.body
    for index in range(paragraphs):
        body.append(
            parse_xml(
                f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="S{styles - 1}"/></w:pPr>'
                f"<w:r><w:t>Paragraph {index}.</w:t></w:r></w:p>"
            )
        )
    document.save(path)


@pytest.fixture
def folder(tmp_path):
    return write_case(tmp_path)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "mediate.db"


def test_a_zip_bomb_contract_is_refused_in_seconds_and_bounded_memory(folder, db):
    zip_bomb(folder / "contract.docx")
    assert (folder / "contract.docx").stat().st_size < 1_000_000
    assert_refused(db, folder, "contract.docx")


def test_a_style_bomb_contract_is_refused_in_seconds(folder, db):
    style_bomb(folder / "contract.docx")
    assert "styles" in assert_refused(db, folder, "contract.docx")


def test_a_mail_linked_to_dev_zero_is_refused_unread(folder, db):
    (folder / "correspondence").mkdir()
    (folder / "correspondence" / "a.eml").symlink_to("/dev/zero")
    assert_refused(db, folder, "a.eml")


def test_a_fifo_in_the_case_folder_is_refused_without_waiting(folder, db):
    (folder / "correspondence").mkdir()
    os.mkfifo(folder / "correspondence" / "b.eml")
    assert_refused(db, folder, "b.eml")


def test_a_link_out_of_the_case_folder_is_refused(folder, db, tmp_path):
    outside = tmp_path / "secret.eml"
    outside.write_text("From: a@example.com\nSubject: secret\n\nsecret\n", encoding="utf-8")
    (folder / "correspondence").mkdir()
    (folder / "correspondence" / "c.eml").symlink_to(outside)
    assert_refused(db, folder, "c.eml")


def test_an_mbox_beyond_the_message_count_is_refused(folder, db):
    from mediate.importers.problems import MAX_MESSAGES

    (folder / "correspondence").mkdir()
    message = (
        "From a@example.com Mon Apr  6 10:00:00 2026\nFrom: a@example.com\nSubject: m{n}\n\nx\n\n"
    )
    with open(folder / "correspondence" / "all.mbox", "w", encoding="utf-8") as mbox:
        for n in range(MAX_MESSAGES + 1):
            mbox.write(message.format(n=n))
    assert f"{MAX_MESSAGES:,}" in assert_refused(db, folder, "all.mbox")


def test_an_invoice_nested_deeper_than_any_invoice_is_refused(folder, db):
    depth = 5_000
    xml = "<Invoice>" + "<a>" * depth + "</a>" * depth + "</Invoice>"
    (folder / "invoices" / "deep.xml").write_text(xml, encoding="utf-8")
    assert_refused(db, folder, "deep.xml")
