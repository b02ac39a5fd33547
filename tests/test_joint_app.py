"""``mediate joint``: the read-only joint view of one case, following the session live, in the
case's language, with the signed agreement to download."""

from __future__ import annotations

import hashlib
import io
import re
import socket
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner
from rich.console import Console
from textual.widgets import Static

from mediate.cli import main
from mediate.domain.check_code import check_code
from mediate.domain.model import (
    AdjustmentKind,
    Instalment,
    LineAdjustment,
    Message,
    PartyRole,
    Proposer,
    Visibility,
)
from mediate.services.export import export_agreement
from mediate.services.joint import JointRecord
from mediate.store import open_store
from mediate.tui.joint.app import JointApp, JointScreen
from tests.builders import bundle
from tests.screen_text import screen_text
from tests.settlement_helpers import signed_settlement


def plain(widget: Static) -> str:
    """A widget's content as text, whether it is on screen or scrolled away."""
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(widget.content)
    return console.export_text().replace("\xa0", " ")


def text_of(app) -> str:
    return "\n".join([screen_text(app), *(plain(w) for w in app.screen.query(Static))])


async def test_the_joint_view_follows_the_session_within_a_second(db_path, store, case_id):
    store.record_statement(case_id, PartyRole.CLIENT, "Design was capped at 10 hours.")
    app = JointApp(db_path, "MED-2026-001")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = text_of(app)
        assert "Shared screen" in shown and "Design was capped" in shown
        assert "Bakkerij Brood Ltd" in shown and "Gap" in shown
        mediator = open_store(db_path)  # the mediator's app, another connection
        try:
            mediator.record_statement(case_id, PartyRole.PROVIDER, "We logged every hour.")
            start = time.monotonic()
            while "We logged every hour." not in text_of(app):
                assert time.monotonic() - start < 1.0, "the change did not show within 1 s"
                await pilot.pause(0.05)
            mediator.record_statement(
                case_id, PartyRole.PROVIDER, "CAUCUS-x1 not for them", visibility="caucus-provider"
            )
            await pilot.pause(0.5)
            assert "CAUCUS-x1" not in text_of(app)
        finally:
            mediator.close()


async def test_what_the_mediator_points_at_is_highlighted_and_taken_off(db_path, store):
    b = bundle()
    b.messages = [
        Message(sent_at=None, sender="tom@bakkerij.example", subject="Hours", body="Too many.")
    ]
    case_id = store.import_bundle(b)
    line = store.invoices(case_id)[0].lines[1]
    clause = store.clauses(case_id)[0]
    (message,) = store.message_ids(case_id, [], [])
    app = JointApp(db_path, "MED-2026-001")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one("#joint-shown", Static)
        assert not panel.display
        for kind, target, expected in (
            ("line", line.id, "Invoice line: INV-2026-017 · 2"),
            ("clause", clause.id, "Contract clause: 3.1 Rates"),
            ("message", message, "Message: Hours"),
        ):
            store.point_at(case_id, kind, target)
            await pilot.pause(0.4)
            assert panel.display and panel.border_title == "The mediator shows"
            assert expected in plain(panel)
        assert "Too many." in plain(panel)
        store.clear_pointer(case_id)
        await pilot.pause(0.4)
        assert not panel.display


async def test_a_dutch_case_is_shown_in_dutch(db_path, store):
    store.import_bundle(bundle(language="nl"))
    app = JointApp(db_path, "MED-2026-001")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = text_of(app)
        for words in ("Gedeeld scherm", "Opdrachtnemer", "Opdrachtgever", "Gefactureerd", "btw"):
            assert words in shown, words
        assert "Shared screen" not in shown and "Invoiced" not in shown


async def test_no_key_changes_anything_or_leaves_the_case(db_path, store, case_id):
    store.record_statement(case_id, PartyRole.CLIENT, "Design was capped at 10 hours.")
    other = store.import_bundle(bundle("MED-2026-002"))
    store.record_statement(other, PartyRole.CLIENT, "OTHER-CASE-0th statement")
    before = (store.last_event(case_id), store.last_event(other))
    app = JointApp(db_path, "MED-2026-001")
    keys = [*"abcdefghijklmnopqrstuvwxyz0123456789", "escape", "enter", "tab", "f1", "ctrl+p"]
    keys += ["ctrl+s", "ctrl+y", "ctrl+c", "space", "delete", "backspace", "question_mark"]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, JointScreen), key
        assert app.is_running
        assert "OTHER-CASE" not in text_of(app)
    assert (store.last_event(case_id), store.last_event(other)) == before


async def test_the_signed_agreement_is_offered_with_its_check_code(db_path, store, tmp_path):
    signed_settlement(store)
    case_id = store.case_id("MED-2026-001")
    app = JointApp(db_path, "MED-2026-001", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        panel = plain(screen.query_one("#joint-agreement", Static))
        assert "signed off" in panel and "Check code" in panel
        assert "exported it" in panel  # not yet exported: nothing to download
        await pilot.press("d")
        await pilot.pause()
        assert any("no signed agreement" in n.message for n in app._notifications)

        exported = export_agreement(store, case_id, out=tmp_path)
        (tmp_path / f"{exported.path.stem}.pdf").write_bytes(b"%PDF-1.4 stand-in")
        delivered = []
        app.deliver_binary = lambda file, **kw: delivered.append((file.read(), kw))
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause()
        panel = plain(screen.query_one("#joint-agreement", Static))
        settlement = store.current_settlement(case_id)
        printed = check_code(store.signed_documents(settlement.id)["en"].fingerprint)
        assert printed in panel  # the code in the footer of every page of the English version
        assert "Press d to download" in panel and "f for the PDF" in panel
        await pilot.press("d")
        await pilot.press("f")
        await pilot.pause()
    assert [kw["save_filename"] for _, kw in delivered] == [
        "MED-2026-001-settlement-v1-en.docx",
        "MED-2026-001-settlement-v1-en.pdf",
    ]
    assert delivered[0][0] == exported.path.read_bytes()


async def test_every_size_shows_the_money_whole(db_path, store, case_id):
    store.record_statement(
        case_id, PartyRole.PROVIDER, "A long statement " * 20, visibility=Visibility.JOINT
    )
    for size in ((80, 24), (120, 40), (200, 50)):
        app = JointApp(db_path, "MED-2026-001")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            money = plain(app.screen.query_one("#joint-money", Static))
            assert "Invoiced €6,630.00" in money and "Gap €" in money, size
            shown = screen_text(app)
            assert "€6,630.00" in shown and "Gap" in shown, size


def test_joint_refuses_an_unknown_case(db_path, store, case_id):
    result = CliRunner().invoke(main, ["joint", "NOPE", "--db", str(db_path)])
    assert result.exit_code == 2 and "NOPE" in result.output


def test_serve_refuses_a_busy_port_or_odd_address_before_issuing_links(db_path, store, case_id):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = str(busy.getsockname()[1])
        result = CliRunner().invoke(
            main, ["serve", "MED-2026-001", "--port", port, "--db", str(db_path)]
        )
    assert result.exit_code == 2 and "choose another port" in result.output
    result = CliRunner().invoke(
        main, ["serve", "MED-2026-001", "--public-url", "ftp://x", "--db", str(db_path)]
    )
    assert result.exit_code == 2 and "--public-url must start with https://" in result.output
    assert store.joint_links(case_id) == []


async def test_a_dutch_case_keeps_every_amount_whole_at_every_size(db_path, store):
    """No amount, no label with its amount, no dated instalment is split over two lines; the
    line the mediator shows is written as a Dutch reader writes it."""
    case_id = store.import_bundle(bundle(language="nl"))
    line = store.invoices(case_id)[0].lines[1]
    store.record_statement(
        case_id, PartyRole.CLIENT, "Het ontwerp was begrensd op tien uur. " * 3, Decimal("950")
    )
    adjustments = [
        LineAdjustment(line_id=line.id, kind=AdjustmentKind.REDUCE_TO, value=Decimal("1500"))
    ]
    owed = store.money(case_id, adjustments).still_owed
    assert owed == Decimal("6388.80")
    store.add_proposal(
        case_id,
        Proposer.CLIENT,
        adjustments,
        [
            Instalment(due=date(2099, 6, 15), amount=Decimal("1234.50")),
            Instalment(due=date(2099, 7, 15), amount=owed - Decimal("1234.50")),
        ],
        "Betaling in twee delen, de eerste binnen veertien dagen na ondertekening.",
    )
    store.point_at(case_id, "line", line.id)
    for size in ((80, 24), (120, 40), (200, 50)):
        app = JointApp(db_path, "MED-2026-001")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            pages = [screen_text(app)]
            for _ in range(8):
                await pilot.press("pagedown")
                await pilot.pause()
                pages.append(screen_text(app))
        seen = "\n".join(pages)
        split = [ln for ln in seen.splitlines() if re.search(r"€\s*[│┃]?\s*$", ln)]
        assert split == [], (size, split)
        for whole in (
            "Bod € 5.280,00",
            "Verschil € ",
            "(€ 950,00)",
            "15 jun 2099 € 1.234,50",
            "15 jul 2099 € 5.154,30",
        ):
            assert whole in seen, (size, whole)
        for written in ("30 uur", "€ 95,00", "€ 2.850,00", "2 mrt 2026"):
            assert written in seen, (size, written)


async def test_the_dutch_sample_case_is_all_dutch(db_path, store):
    """MED-2026-005, a Dutch case signed off: the parties read no English word of the view's,
    with the contract's preamble on screen and the agreement at the bottom."""
    from mediate.services.intake import import_reads, read_folders
    from mediate.tui.joint.words import WORDS

    folder = Path(__file__).resolve().parents[1] / "sample_cases" / "MED-2026-005-nl-onderhoud"
    import_reads(store, read_folders([folder]))
    case_id = store.case_id("MED-2026-005")
    preamble = next(c for c in store.clauses(case_id) if not c.ref)
    store.point_at(case_id, "clause", preamble.id)
    english = {
        word
        for key, word in WORDS["en"].items()
        if word != WORDS["nl"][key] and len(word) > 4 and "{" not in word
    }
    app = JointApp(db_path, "MED-2026-005")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        titles = [str(w.border_title) for w in app.screen.query(Static) if w.border_title]
        seen = "\n".join([text_of(app), *titles])
    assert "Contractbepaling: Aanhef" in seen and "Vaststellingsovereenkomst" in titles
    assert "Controlecode" in seen and "Nog te betalen" in seen
    found = [w for w in english if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", seen)]
    assert sorted(found) == []


def test_a_pdf_is_offered_only_beside_the_exported_docx(db_path, store, tmp_path):
    signed_settlement(store)
    case_id = store.case_id("MED-2026-001")
    exported = export_agreement(store, case_id, out=tmp_path)
    pdf = tmp_path / f"{exported.path.stem}.pdf"
    pdf.write_bytes(b"%PDF-1.4 stand-in")
    record = JointRecord.open(db_path, "MED-2026-001")
    try:
        files = {f.name: f.data for f in record.agreement_files(tmp_path)}
        assert files == {exported.path.name: exported.path.read_bytes(), pdf.name: pdf.read_bytes()}
        # The .docx in the folder is not the exported one (edited afterwards): the .docx offered
        # is made again from the record and checked, and the PDF beside the edited one is not.
        exported.path.write_bytes(exported.path.read_bytes() + b"edited")
        files = {f.name: f.data for f in record.agreement_files(tmp_path)}
        assert list(files) == [exported.path.name]
        assert hashlib.sha256(files[exported.path.name]).hexdigest() == exported.sha256
    finally:
        record.close()
