"""What was signed can be proven: the fingerprint binds the printed text (defaults, language,
figures, parties), export refuses a signed version the record no longer gives, the check code is
in every page's footer, ``mediate verify FILE`` tells an untouched .docx from an edited one and
the signed version from another, and the audit anchor catches a rewritten history or a rollback.
The PDF, PDF/A and the seal: tests/test_pdf_proof.py."""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from mediate.cli import main
from mediate.documents.agreement_content import W, printed_text
from mediate.documents.settlement_docx import rendered_agreement
from mediate.domain import clauses
from mediate.domain.audit_anchor import parse_receipt
from mediate.domain.check_code import check_code, is_check_code
from mediate.domain.model import Signatory
from mediate.services.export import NotTheSignedVersion, check_signed, explain_difference
from mediate.store import open_store
from mediate.store.audit import event_hash
from tests.settlement_helpers import signed_settlement

DOCX = "MED-2026-001-settlement-v1-en.docx"
UPGRADE_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "schema-v1.db"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*map(str, args)])
    return result.exit_code, result.output


def export(db_path, folder, *extra: str) -> tuple[int, str]:
    return run("--db", db_path, "export", "MED-2026-001", "--out", f"{folder}/", *extra)


def exports(store) -> list[dict]:
    return store.export_summaries(store.case_id("MED-2026-001"))


def rewrite_part(path: Path, part: str, old: bytes, new: bytes) -> None:
    """Edit one part of a .docx as a party's word processor might, keeping every other part."""
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == part:
                assert old in data, f"{old!r} is not in {part}"
                data = data.replace(old, new, 1)
            target.writestr(info, data)
    path.write_bytes(out.getvalue())


# --- the fingerprint ---------------------------------------------------------------------------


def test_each_language_has_its_own_fingerprint_recorded_at_sign_off(store):
    settlement_id = signed_settlement(store)
    record = store.settlement_record(settlement_id)
    english, dutch = rendered_agreement(record, "en"), rendered_agreement(record, "nl")
    assert english.fingerprint != dutch.fingerprint
    assert english.proof.content["language"] == "en-GB"
    assert dutch.proof.content["language"] == "nl-NL"
    signed = store.signed_documents(settlement_id)
    assert {k: v.fingerprint for k, v in signed.items()} == {
        "en": english.fingerprint,
        "nl": dutch.fingerprint,
    }
    # The sign-off event names them, so the audit log itself fixes what was signed.
    event = store.audit_events(store.case_id("MED-2026-001"))[-1]
    assert json.loads(event["payload"])["summary"]["documents"]["nl"] == dutch.fingerprint
    # Rendering again gives the same: the fingerprint is of the record, not of the moment.
    assert rendered_agreement(store.settlement_record(settlement_id), "en") == english


def test_the_fingerprint_covers_defaults_figures_and_template(store):
    record = store.settlement_record(signed_settlement(store, sign=False))
    before = rendered_agreement(record, "en").proof.content
    text = "\n".join(before["text"])
    # What the code's defaults print is in the content, and so are the figures and parties.
    assert "claims relating to the invoices" in text or "invoice" in text
    assert before["figures"]["agreed_gross"] == "2758.80"
    assert before["parties"][0]["legal_name"] and before["template"]
    assert [row[0] for row in before["figures"]["schedule"]]  # the due dates


def test_flipping_a_default_on_a_signed_settlement_makes_export_refuse(
    db_path, store, tmp_path, monkeypatch
):
    signed_settlement(store)
    assert export(db_path, tmp_path)[0] == 0
    (tmp_path / DOCX).unlink()
    events = len(exports(store))
    flipped = tuple(
        dataclasses.replace(c, default="contract") if c.key == "release_scope" else c
        for c in clauses.CHOICES
    )
    monkeypatch.setattr(clauses, "CHOICES", flipped)
    code, output = export(db_path, tmp_path)
    assert code == 1, output
    assert "Refused:" in output and "would no longer print what was signed off" in output
    assert "Nothing was written" in output and "Traceback" not in output
    assert "changed: paragraph" in output  # says where the text differs
    assert not (tmp_path / DOCX).exists() and len(exports(store)) == events


def test_a_party_changed_behind_the_stores_back_makes_export_refuse(db_path, store, tmp_path):
    signed_settlement(store)
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE parties SET address = 'Elsewhere 2' WHERE role = 'client'")
    code, output = export(db_path, tmp_path)
    assert code == 1 and "no longer gives the terms signed off" in output, output
    assert not (tmp_path / DOCX).exists()


def test_a_draft_exports_and_says_so(db_path, store, tmp_path):
    signed_settlement(store, sign=False)
    code, output = export(db_path, tmp_path)
    assert code == 0 and "a DRAFT, not signed off" in output, output


# --- the check code ----------------------------------------------------------------------------


def test_the_check_code_is_in_the_footer_of_every_page(db_path, store, tmp_path):
    signed_settlement(store)
    code, output = export(db_path, tmp_path)
    assert code == 0, output
    rendered = rendered_agreement(store.settlement_record(store.current_settlement(1).id), "en")
    assert is_check_code(rendered.check_code) and rendered.check_code in output
    assert rendered.check_code == check_code(rendered.fingerprint)
    with zipfile.ZipFile(tmp_path / DOCX) as docx:
        document = docx.read("word/document.xml").decode()
        footers = {n: docx.read(n).decode() for n in docx.namelist() if "footer" in n}
        settings = docx.read("word/settings.xml").decode()
    # One section, whose default footer holds the code: Word and LibreOffice print it on every
    # page (no separate first-page or even-page footer that could lack it).
    assert document.count("<w:sectPr") == 1 and "w:titlePg" not in document
    assert "evenAndOddHeaders" not in settings
    references = [n for n in ("w:footerReference",) if n in document]
    assert references and 'w:type="default"' in document.split("<w:footerReference")[1]
    (footer,) = footers.values()
    assert f"Check code {rendered.check_code}" in " ".join(printed_text(footer.encode()))


def test_check_codes_are_read_aloud_safely():
    code = check_code("3f2a9c01b7de4410" * 4)
    assert is_check_code(code) and len(code) == 19
    assert not set(code) & set("ILOU")
    assert check_code("3f2a9c01b7de4411" + "0" * 48) != check_code("3f2a9c01b7de4410" + "0" * 48)


# --- mediate verify FILE (.docx) ---------------------------------------------------------------


@pytest.fixture
def exported(db_path, store, tmp_path) -> Path:
    signed_settlement(store)
    code, output = export(db_path, tmp_path)
    assert code == 0, output
    return tmp_path / DOCX


def test_an_untouched_docx_verifies(db_path, exported):
    code, output = run("--db", db_path, "verify", exported)
    assert code == 0, output
    assert "unchanged since export" in output and "the signed version" in output
    assert "still holds the history anchored at event" in output
    # A party without the record checks the file alone.
    code, output = run("verify", "--file-only", exported)
    assert code == 0 and "checked without the mediator's record" in output, output


def test_one_word_edited_in_the_docx_is_named(db_path, exported):
    rewrite_part(exported, "word/document.xml", b"Bristol", b"Bath")
    code, output = run("--db", db_path, "verify", exported)
    assert code == 1, output
    assert "CHANGED" in output and "was changed since export: paragraph" in output
    assert "Bristol" in output and "Bath" in output  # the paragraph before and after


def test_an_edited_proof_inside_the_docx_is_caught(db_path, exported):
    with zipfile.ZipFile(exported) as docx:
        (item,) = [
            n
            for n in docx.namelist()
            if n.startswith("customXml/item") and b"<proof " in docx.read(n)[:400]
        ]
    rewrite_part(exported, item, b"Bristol", b"Bath")  # the embedded content, not the text
    code, output = run("--db", db_path, "verify", exported)
    assert code == 1 and "no longer gives its fingerprint" in output, output


def test_a_docx_without_a_fingerprint_cannot_be_checked(exported, tmp_path):
    plain = tmp_path / "plain.docx"
    from docx import Document

    Document().save(plain)
    code, output = run("verify", "--file-only", plain)
    assert code == 1 and "carries no mediate fingerprint" in output, output


def test_a_draft_export_is_not_the_signed_version(db_path, store, tmp_path):
    settlement_id = signed_settlement(store, sign=False)
    assert export(db_path, tmp_path)[0] == 0
    draft = tmp_path / "draft.docx"
    (tmp_path / DOCX).rename(draft)
    store.sign_off(settlement_id, Signatory.PROVIDER, "Anna de Vries", "Director")
    store.sign_off(settlement_id, Signatory.CLIENT, "Tom Baker", "Managing Director")
    store.sign_off(settlement_id, Signatory.MEDIATOR, "Mira Jansen", "Mediator")
    code, output = run("--db", db_path, "verify", draft)
    assert code == 1, output
    assert "unchanged since export" in output  # the file itself is as exported ...
    assert "NOT SIGNED" in output and "not the version signed off" in output  # ... but a draft


# --- the audit anchor --------------------------------------------------------------------------


def rewrite_history(db_path: Path, seq: int, old: str, new: str) -> None:
    """What a forger with the database file does: drop the guards, change one event's payload
    and the row it wrote, and recompute every hash after it so the chain verifies again."""
    with sqlite3.connect(db_path) as raw:
        raw.execute("DROP TRIGGER audit_events_no_update")
        rows = raw.execute(
            "SELECT id, case_id, seq, at, actor, kind, payload FROM audit_events "
            "WHERE case_id = 1 ORDER BY seq"
        ).fetchall()
        prev = "0" * 64
        for row_id, case_id, number, at, actor, kind, payload in rows:
            if number == seq:
                assert old in payload
                payload = payload.replace(old, new)
            body = {
                "case_id": case_id,
                "seq": number,
                "at": at,
                "actor": actor,
                "kind": kind,
                "payload": json.loads(payload),
            }
            digest = event_hash(prev, body)
            raw.execute(
                "UPDATE audit_events SET payload = ?, prev_hash = ?, hash = ? WHERE id = ?",
                [payload, prev, digest, row_id],
            )
            prev = digest
        raw.execute(
            "UPDATE statements SET text = replace(text, ?, ?) WHERE case_id = 1", [old, new]
        )


def test_a_rewritten_and_rehashed_history_is_caught_by_an_earlier_export(db_path, exported):
    store_events = run("--db", db_path, "verify", "MED-2026-001")
    assert store_events[0] == 0
    rewrite_history(db_path, 2, "capped at 10 hours", "capped at 40 hours")
    code, output = run("--db", db_path, "verify", "MED-2026-001")
    assert code == 0, output  # the chain alone cannot tell: every hash was recomputed
    code, output = run("--db", db_path, "verify", exported)
    assert (
        code == 1 and "TAMPERED" in output and "history up to that event was rewritten" in (output)
    ), output


def test_a_receipt_catches_a_rewrite_and_a_rollback(db_path, store, tmp_path):
    signed_settlement(store)
    older = tmp_path / "older.db"
    store.checkpoint()
    shutil.copy(db_path, older)  # a copy of the database as it stood
    code, output = export(db_path, tmp_path)
    assert code == 0, output
    line = output.splitlines()[-1].strip()
    anchor = parse_receipt(f"Fwd: my receipt\n> {line}\n")
    assert anchor is not None and anchor.reference == "MED-2026-001"
    assert run("--db", db_path, "verify", "--receipt", line)[0] == 0
    kept = tmp_path / "receipt.txt"
    kept.write_text(f"Subject: receipt\n\n{line}\n", encoding="utf-8")
    code, output = run("--db", db_path, "verify", kept)  # the receipt saved as a file
    assert code == 0 and "still holds the history" in output, output
    # The older copy put back in place of the database (a rollback): the receipt is beyond it.
    code, output = run("--db", older, "verify", "--receipt", line)
    assert code == 1 and "rolled back" in output, output
    assert run("--db", older, "verify", "MED-2026-001")[0] == 0  # its own chain is intact


def test_mediate_receipt_prints_the_head_of_the_log(db_path, store):
    signed_settlement(store)
    code, output = run("--db", db_path, "receipt", "MED-2026-001")
    anchor = parse_receipt(output)
    head = store.audit_events(store.case_id("MED-2026-001"))[-1]
    assert code == 0 and anchor is not None, output
    assert (anchor.seq, anchor.hash) == (head["seq"], head["hash"])


# --- the review's comparison and the earlier record ----------------------------------------------


def test_exports_are_compared_with_the_last_of_the_same_signed_version(db_path, store, tmp_path):
    settlement_id = signed_settlement(store, sign=False)
    assert export(db_path, tmp_path)[0] == 0
    store.sign_off(settlement_id, Signatory.PROVIDER, "Anna de Vries", "Director")
    store.sign_off(settlement_id, Signatory.CLIENT, "Tom Baker", "Managing Director")
    store.sign_off(settlement_id, Signatory.MEDIATOR, "Mira Jansen", "Mediator")
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        assert export(db_path, tmp_path / folder)[0] == 0
    settlement = store.settlement(settlement_id)
    signed = store.exports_of(store.case_id("MED-2026-001"), settlement, "en")
    assert len(signed) == 2 and len(exports(store)) == 3  # the draft export is left out
    assert explain_difference(signed[0], signed[1]) == []
    draft = exports(store)[0]
    changed = explain_difference(draft, signed[1])
    assert changed[0].startswith("the printed text (check code")
    assert "the text" in changed and any("footer" in c for c in changed)


def test_a_settlement_signed_before_fingerprints_exports_against_its_terms(tmp_path):
    """Settlement version 1 of MED-T-001 was signed in the first schema, before mediate recorded
    the printed text's fingerprint: its export is checked against the fingerprint of its terms
    (still refused when a party's data changed), and says so."""
    db = tmp_path / "old.db"
    shutil.copy(UPGRADE_FIXTURE, db)
    store = open_store(db)
    try:
        first = store.settlements(store.case_id("MED-T-001"))[0]
        record = store.settlement_record(first.id)
        assert first.locked and store.signed_documents(first.id) == {}
        assert check_signed(store, record, rendered_agreement(record, "en")) == "terms"
    finally:
        store.close()
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE parties SET legal_name = legal_name || ' X' WHERE role = 'client'")
    store = open_store(db)
    try:
        record = store.settlement_record(first.id)
        with pytest.raises(NotTheSignedVersion, match="no longer gives the terms signed off"):
            check_signed(store, record, rendered_agreement(record, "en"))
    finally:
        store.close()


def test_the_printed_text_is_read_the_same_from_a_saved_file(store):
    record = store.settlement_record(signed_settlement(store))
    rendered = rendered_agreement(record, "en")
    with zipfile.ZipFile(io.BytesIO(rendered.data)) as docx:
        body = printed_text(docx.read("word/document.xml"))
        xml = docx.read("word/document.xml").decode()
    assert body == rendered.proof.content["text"]
    assert rendered.fingerprint not in " ".join(body)  # its own paragraph is left out ...
    assert rendered.fingerprint in xml and 'w:val="Fingerprint"' in xml  # ... but printed
    assert W.startswith("{http://schemas.openxmlformats.org/wordprocessingml")


def test_a_pdf_without_libreoffice_says_what_to_install(db_path, store, tmp_path, monkeypatch):
    from mediate.services import files

    signed_settlement(store)
    monkeypatch.setattr(files, "soffice", lambda: None)
    code, output = export(db_path, tmp_path, "--pdf")
    assert code == 2 and "A PDF needs LibreOffice, which is not installed here" in output, output
    assert "Traceback" not in output and list(tmp_path.glob("*.docx")) == []
