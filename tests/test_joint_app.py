"""``mediate joint``: the read-only joint view of one case, following the session live, in the
case's language, with the signed agreement to download."""

from __future__ import annotations

import io
import socket
import time

from click.testing import CliRunner
from rich.console import Console
from textual.widgets import Static

from mediate.cli import main
from mediate.domain.model import Message, PartyRole, Visibility
from mediate.services.export import export_agreement
from mediate.store import open_store
from mediate.tui.joint.app import JointApp, JointScreen
from tests.builders import bundle
from tests.screen_text import screen_text
from tests.settlement_helpers import signed_settlement


def plain(widget: Static) -> str:
    """A widget's content as text, whether it is on screen or scrolled away."""
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(widget.content)
    return console.export_text()


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
    case_id = signed_settlement(store)
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
        fingerprint = store.current_settlement(case_id).fingerprint
        assert " ".join(fingerprint[i : i + 4] for i in range(0, 16, 4)) in panel
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
