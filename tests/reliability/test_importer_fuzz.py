"""A corpus of broken and hostile files, each put into an otherwise good case folder.

``mediate import`` must either import the folder cleanly or refuse it with exit code 2 and one
line on stderr naming the file. Never a traceback, and a refused import leaves the database
exactly as it was (row counts and contents of every table).
"""

from __future__ import annotations

import codecs
import hashlib
import random
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner

from mediate.cli import main
from mediate.store import open_store
from tests.builders import bundle
from tests.case_folders import write_case
from tests.reliability.helpers import ALL_TABLES, ROOT

SAMPLE = ROOT / "sample_cases" / "MED-2026-001-billed-hours"
UBL = (SAMPLE / "invoices" / "BD-2026-0042.xml").read_bytes()
WORKLOG = next((SAMPLE / "worklog").glob("*.csv")).read_bytes()
EML = sorted((SAMPLE / "correspondence").glob("*.eml"))[0].read_bytes()
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)
JUNK = random.Random(7).randbytes(4096)

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&lol9;</Invoice>
"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE Invoice [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&xxe;</Invoice>
"""
EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE Invoice SYSTEM "http://127.0.0.1:9/evil.dtd">
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>
"""
PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE Invoice [ <!ENTITY % remote SYSTEM "http://127.0.0.1:9/x"> %remote; ]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>
"""
XINCLUDE = UBL.replace(
    b"<cbc:Note>",
    b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" '
    b'parse="text"/><cbc:Note>',
    1,
)


def ubl_with(old: bytes, new: bytes) -> bytes:
    assert old in UBL, old
    return UBL.replace(old, new, 1)


def csv_rows(*rows: str) -> bytes:
    header = WORKLOG.split(b"\n", 1)[0].decode()
    return (header + "\n" + "\n".join(rows) + "\n").encode()


def row(description: str, duration: str = "01:30:00", day: str = "2026-03-02") -> str:
    return (
        "Jamie Cole,jamie@brightline-digital.example,Kestrel Outdoor Supplies,"
        f"Kestrel webshop rebuild,Front-end development,{description},Yes,{day},09:00:00,"
        f"{day},10:30:00,{duration},frontend"
    )


def docx_without_body() -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    return out.getvalue()


def zip_bomb_docx() -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b"a" * 30_000_000 + b">")
    return out.getvalue()


CASE_TOML = (SAMPLE / "case.toml").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Entry:
    name: str
    path: str  # where the hostile content goes, inside the case folder
    content: Callable[[], bytes] | bytes
    must_refuse: bool = True

    def data(self) -> bytes:
        return self.content() if callable(self.content) else self.content


INVOICE = "invoices/BD-2026-0042.xml"
LOG = "worklog/toggl.csv"
MAIL = "correspondence/hostile.eml"

CORPUS = [
    # --- XML e-invoices
    *(Entry(f"xml truncated at {cut}%", INVOICE, UBL[: len(UBL) * cut // 100]) for cut in (0, 1, 10, 50, 90, 99)),
    Entry("xml truncated inside a tag", INVOICE, UBL[: UBL.index(b"<cbc:IssueDate>") + 7]),
    Entry("xml billion laughs", INVOICE, BILLION_LAUGHS),
    Entry("xml external entity (XXE)", INVOICE, XXE),
    Entry("xml external DTD", INVOICE, EXTERNAL_DTD),
    Entry("xml parameter entity", INVOICE, PARAMETER_ENTITY),
    Entry("xml XInclude of /etc/passwd", INVOICE, XINCLUDE, must_refuse=False),
    Entry("xml declared UTF-16, bytes UTF-8", INVOICE, ubl_with(b'encoding="UTF-8"', b'encoding="UTF-16"')),
    Entry("xml unknown encoding", INVOICE, ubl_with(b'encoding="UTF-8"', b'encoding="x-klingon"')),
    Entry("xml latin-1 bytes declared UTF-8", INVOICE, ubl_with(b"<cbc:Note>", b"<cbc:Note>caf\xe9 ")),
    Entry("xml really UTF-16", INVOICE, codecs.BOM_UTF16_LE + UBL.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16-le"), must_refuse=False),
    Entry("xml NUL byte", INVOICE, ubl_with(b"<cbc:Note>", b"<cbc:Note>\x00")),
    Entry("xml binary junk", INVOICE, JUNK),
    Entry("xml PNG bytes", INVOICE, PNG),
    Entry("xml empty file", INVOICE, b""),
    Entry("xml not an invoice", INVOICE, b"<html><body>hello</body></html>"),
    Entry("xml amount NaN", INVOICE, ubl_with(b'<cbc:LineExtensionAmount currencyID="GBP">', b'<cbc:LineExtensionAmount currencyID="GBP">NaN')),
    Entry("xml price 1e400", INVOICE, UBL.replace(b"</cbc:PriceAmount>", b"e400</cbc:PriceAmount>", 1)),
    Entry("xml amount with 400 digits", INVOICE, UBL.replace(b"<cbc:PriceAmount currencyID=\"GBP\">", b"<cbc:PriceAmount currencyID=\"GBP\">" + b"9" * 400, 1)),
    Entry("xml deeply nested", INVOICE, b"<a>" * 50_000 + b"</a>" * 50_000),
    # --- case.toml
    Entry("case.toml syntax error", "case.toml", CASE_TOML.replace("]", "", 1).encode()),
    Entry("case.toml truncated", "case.toml", CASE_TOML[: len(CASE_TOML) // 3].encode()),
    Entry("case.toml wrong types", "case.toml", CASE_TOML.replace('reference = "MED-2026-001"', "reference = 2026").encode()),
    Entry("case.toml empty reference", "case.toml", CASE_TOML.replace('reference = "MED-2026-001"', 'reference = ""').encode()),
    Entry("case.toml unknown currency", "case.toml", CASE_TOML.replace('currency = "GBP"', 'currency = "XXXX"').encode()),
    Entry("case.toml control character", "case.toml", CASE_TOML.replace('title = "', 'title = "\\u0007\\u001b[2J', 1).encode()),
    Entry("case.toml markup in names", "case.toml", CASE_TOML.replace('legal_name = "Brightline Digital Ltd"', 'legal_name = "[/][bold]Brightline{0}"').encode(), must_refuse=False),
    Entry("case.toml UTF-16", "case.toml", CASE_TOML.encode("utf-16")),
    Entry("case.toml latin-1", "case.toml", CASE_TOML.replace("£", "£").encode("latin-1", errors="replace")),
    Entry("case.toml binary junk", "case.toml", JUNK),
    Entry("case.toml empty", "case.toml", b""),
    Entry("case.toml bad date", "case.toml", CASE_TOML.replace("opened = 2026-04-27", "opened = 2026-02-30").encode()),
    Entry("case.toml unknown disputed line", "case.toml", CASE_TOML.replace('"BD-2026-0042:4"', '"BD-2026-0042:99"').encode()),
    Entry("case.toml claimed amount nan", "case.toml", CASE_TOML.replace("claimed_amount = 1147.50", "claimed_amount = nan", 1).encode()),
    Entry("case.toml claimed amount inf", "case.toml", CASE_TOML.replace("claimed_amount = 1147.50", "claimed_amount = -inf", 1).encode()),
    Entry("case.toml huge amount", "case.toml", CASE_TOML.replace("claimed_amount = 1147.50", "claimed_amount = 1e999999", 1).encode()),
    Entry("case.toml 5000-deep arrays", "case.toml", b"x = " + b"[" * 5000 + b"]" * 5000),
    # --- invoices/*.toml
    *(
        Entry(f"invoice.toml quantity {value}", "invoices/extra.toml", f'number = "X-1"\nissue_date = 2026-03-31\n[[lines]]\ndescription = "d"\nquantity = {value}\nunit_price = 10\n'.encode())
        for value in ("nan", "inf", "-inf", "1e400", '"abc"', "99999999999999999999999999999999", "1e12")
    ),
    # --- work log CSV
    Entry("csv embedded newlines and quotes", LOG, csv_rows(row('"Line one\nline ""two"", with comma"'), row('"=cmd|\' /C calc\'!A0"')), must_refuse=False),
    Entry("csv unterminated quote", LOG, csv_rows(row('"never closed'))),
    Entry("csv NUL byte", LOG, csv_rows(row("nul\x00here"))),
    Entry("csv mixed encodings", LOG, csv_rows(row("café")) + row("caf\xe9").encode("latin-1") + b"\n", must_refuse=False),
    Entry("csv UTF-16 with BOM", LOG, csv_rows(row("x")).decode().encode("utf-16")),
    Entry("csv UTF-8 BOM and CRLF", LOG, codecs.BOM_UTF8 + csv_rows(row("x")).replace(b"\n", b"\r\n"), must_refuse=False),
    Entry("csv binary junk", LOG, JUNK),
    Entry("csv empty", LOG, b""),
    Entry("csv header only", LOG, csv_rows()[:-1], must_refuse=False),
    Entry("csv field over the csv module's limit", LOG, csv_rows(row('"' + "x" * 200_000 + '"'))),
    Entry("csv negative and huge durations", LOG, csv_rows(row("x", duration="-01:00:00"))),
    Entry("csv absurd duration", LOG, csv_rows(row("x", duration="99999999999:00:00"))),
    Entry("csv bad date", LOG, csv_rows(row("x", day="2026-02-30"))),
    Entry("csv ragged rows", LOG, csv_rows("a,b", row("x") + ",extra,,,")),
    # --- mail
    Entry("eml of PNG bytes", MAIL, PNG),
    Entry("eml binary junk", MAIL, JUNK),
    Entry("eml empty", MAIL, b""),
    Entry("eml 8-bit latin-1 headers", MAIL, b"From: Ren\xe9 <rene@example.com>\nTo: x@example.com\nSubject: caf\xe9 \xff\xfe\nDate: Wed, 08 Apr 2026 10:42:17 +0100\n\nbody \xe9\n", must_refuse=False),
    Entry("eml unknown charset and bad base64", MAIL, b'From: a@example.com\nSubject: =?x-klingon?b?////?=\nContent-Type: text/plain; charset="x-klingon"\nContent-Transfer-Encoding: base64\n\n!!!not base64***\n', must_refuse=False),
    Entry("eml multipart without boundary", MAIL, b"From: a@example.com\nSubject: s\nMIME-Version: 1.0\nContent-Type: multipart/mixed\n\n--x\n\nhello\n", must_refuse=False),
    Entry("eml NUL bytes and control characters", MAIL, EML.replace(b"Hi Owen,", b"Hi\x00 \x1b[2J Owen,\x07"), must_refuse=False),
    *(
        Entry(f"eml nested {depth} messages deep", MAIL, b"From: a@example.com\nSubject: s\n" + b"Content-Type: message/rfc822\n\nFrom: a@example.com\nSubject: s\n" * depth + b"\nhello\n", must_refuse=False)
        for depth in (30, 300, 3000)
    ),
    Entry("eml multipart nested 2000 deep", MAIL, b"From: a@example.com\nSubject: s\n" + b"".join(b"Content-Type: multipart/mixed; boundary=b%d\n\n--b%d\n" % (i, i) for i in range(2000)) + b"\nhello\n", must_refuse=False),
    Entry("eml 1e400 in a header", MAIL, b"From: a@example.com\nSubject: 1e400\nDate: 1e400\n\nhello\n", must_refuse=False),
    Entry("invoice.toml tiny quantity", "invoices/extra.toml", b'number = "X-1"\nissue_date = 2026-03-31\n[[lines]]\ndescription = "d"\nquantity = -1e-400\nunit_price = 10\n', must_refuse=False),
    Entry("eml garbage date and addresses", MAIL, b"From: <<<@@@>>>\nTo: ,,,;;;\nDate: 99 Foo 99999 99:99:99 +9999\nSubject: s\n\nhello\n", must_refuse=False),
    Entry("mbox without separators", "correspondence/mail.mbox", b"hello\nworld\n"),
    Entry("mbox of junk", "correspondence/mail.mbox", b"From x\n" + JUNK),
    # --- contract
    Entry("contract.docx of PNG bytes", "contract.docx", PNG),
    Entry("contract.docx zip without document", "contract.docx", docx_without_body),
    Entry("contract.docx 30 MB bomb", "contract.docx", zip_bomb_docx),
    Entry("contract.md binary junk", "contract.md", JUNK),
    Entry("contract.md UTF-16", "contract.md", (SAMPLE / "contract.md").read_text().encode("utf-16"), must_refuse=False),
    # --- session.toml
    Entry("session.toml syntax error", "session.toml", b"[[event]\nkind = 'note'\n"),
    Entry("session.toml unknown choice", "session.toml", b'[settlement]\nchoices = { late_payment = "whenever" }\n'),
    Entry("session.toml event on a missing line", "session.toml", b'[[event]]\nkind = "proposal"\nat = 2026-04-14T11:00:00+02:00\nby = "client"\nadjust = [ { line = "NOPE:9", reduce_to = 1 } ]\n'),
]  # fmt: skip


def snapshot(db_path: Path) -> dict[str, tuple[int, str]]:
    """Per table: the row count and a digest of every row."""
    store = open_store(db_path)
    try:
        result = {}
        for table in ALL_TABLES:
            rows = store.db.execute(f"SELECT * FROM [{table}] ORDER BY id").fetchall()
            result[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
        return result
    finally:
        store.close()


@pytest.fixture(scope="module")
def template_db(tmp_path_factory) -> Path:
    """A database holding another case already, so 'unchanged' means something."""
    path = tmp_path_factory.mktemp("fuzz") / "template.db"
    store = open_store(path)
    store.import_bundle(bundle("MED-OTHER-001"))
    store.close()
    return path


@pytest.mark.parametrize("entry", CORPUS, ids=[e.name for e in CORPUS])
def test_hostile_file_is_imported_or_refused_cleanly(entry, tmp_path, template_db):
    folder = tmp_path / "case"
    shutil.copytree(SAMPLE, folder)
    target = folder / entry.path
    if target.parent.name == "worklog":
        for old in target.parent.glob("*.csv"):
            old.unlink()
    if target.name.startswith("contract."):
        for old in folder.glob("contract.*"):
            old.unlink()  # else contract.md would be read and the hostile one ignored
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(entry.data())
    db = tmp_path / "mediate.db"
    shutil.copy(template_db, db)
    before = snapshot(db)

    result = CliRunner().invoke(main, ["import", str(folder), "--db", str(db)])

    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{type(result.exception).__name__}: {result.exception}"
    )
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        assert not entry.must_refuse, f"imported a file that must be refused: {result.output}"
        store = open_store(db)
        try:
            assert all(r.ok for r in store.verify())
            assert store.case_id("MED-2026-001")
        finally:
            store.close()
        return
    assert result.exit_code == 2, result.output
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, message
    assert message.startswith("Error: ")
    assert target.name in message, f"the message does not name {target.name}: {message}"
    assert snapshot(db) == before


def test_corpus_size():
    assert len(CORPUS) >= 60


def test_two_folders_one_broken_import_nothing(tmp_path, template_db):
    """A good folder and a broken one in one command: all or nothing."""
    good = write_case(tmp_path, "good")
    bad = tmp_path / "bad"
    shutil.copytree(SAMPLE, bad)
    (bad / INVOICE).write_bytes(BILLION_LAUGHS)
    db = tmp_path / "mediate.db"
    shutil.copy(template_db, db)
    before = snapshot(db)
    result = CliRunner().invoke(main, ["import", str(good), str(bad), "--db", str(db)])
    assert result.exit_code == 2 and "BD-2026-0042.xml" in result.stderr
    assert snapshot(db) == before
