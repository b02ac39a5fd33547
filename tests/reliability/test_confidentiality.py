"""Caucus stays in the caucus: a scan of every kind of caucus record over every route.

Every caucus record is made through the app, as a mediator makes it (keys in a caucus), each
carrying a marker of its own:

- a statement (its text), its restatement, and the party's correction (caucus with the provider);
- a note (caucus with the client);
- a proposal's terms and its amount, a figure found nowhere else (caucus with the client).

Routes searched for every marker:

1. the store's joint reads: statements, notes, proposals, and the positions (ask, offer, gap and
   its history) derived from them;
2. the joint session screen after the caucus ends (every tab, the cards, the money strip);
3. the joint view (``j``), every tab;
4. presentation mode (``p``), every tab, and what its keys and palette offer;
5. notifications left on screen after the caucus ends and in the joint view;
6. the command palette in the joint view (every title and help line);
7. the joint-view search (the store's) and the archive screen, which opens in the joint view;
8. the review screen opened from that archive (its timeline), and the timeline in the joint view;
9. the insights screen and the prevention report screen;
10. ``mediate show``, ``list``, ``verify``, ``report``, ``report --prevention`` (Markdown and .docx);
11. the exported agreement (.docx, English and Dutch).

Each check first shows that the markers are really in the record (a route that finds nothing at
all cannot pass by accident). After one record is released from its caucus, it reaches the joint
routes and nothing else does.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.command import CommandPalette
from textual.widgets import DataTable, Input, Select, Static

from mediate.cli import main
from mediate.domain.model import AdjustmentKind, PartyRole, Proposer, Signatory, Visibility
from mediate.domain.negotiation import invoice_totals, positions
from mediate.domain.timeline import timeline
from mediate.domain.visibility import View
from mediate.store import open_store
from mediate.store.search import search
from mediate.tui.app import MediateApp
from mediate.tui.keys import palette_actions
from mediate.tui.screens.archive import ArchiveScreen
from mediate.tui.screens.proposal_form import ProposalForm
from mediate.tui.screens.review import ReviewScreen
from mediate.tui.screens.session import SessionScreen
from mediate.tui.widgets.virtual_table import VirtualTable
from tests.builders import bundle, pay_once
from tests.screen_text import fill, screen_text
from tests.settlement_helpers import CHOICES

STATEMENT = "CAUCUS-ONLY-st4t we would accept 6,000"
RESTATEMENT = "What I hear is RESTATE-r3st you can live with less"
CORRECTION = "CORRECTION-c0rr only if paid this month"
NOTE = "NOTE-n0te her real budget is tight"
TERMS = "CONFIDENTIAL-t3rm only if the provider drops the interest"
AMOUNT = "1234.56"  # line 2 reduced to this: the proposal totals 5,014.56
MARKERS = {
    "statement": "st4t",
    "restatement": "r3st",
    "correction": "c0rr",
    "note": "n0te",
    "terms": "t3rm",
    "amount": "1,234.56",
    "amount-nl": "1.234,56",
    "total": "5,014.56",
    "total-nl": "5.014,56",
    "total-bare": "5014.56",
    "amount-bare": "1234.56",
}
SIZE = (140, 45)
TABS = ("tab-invoice", "tab-statements", "tab-notes", "tab-proposals", "tab-mail", "tab-worklog")


def leaks(text: str, allowed: tuple[str, ...] = ()) -> list[str]:
    return [kind for kind, marker in MARKERS.items() if marker in text and kind not in allowed]


def on_screen(app) -> str:
    """What the screen shows: its text, its SVG, every Static and every table cell."""
    screen = app.screen
    parts = [screen_text(app), app.export_screenshot()]
    parts += [str(widget.render()) for widget in screen.query(Static)]
    for table in [*screen.query(DataTable), *screen.query(VirtualTable)]:
        parts += [str(c) for row in range(table.row_count) for c in table.get_row_at(row)]
    parts += [str(n.message) for n in app._notifications]
    return "\n".join(parts)


async def settle(pilot, seconds: float = 0.0) -> None:
    await pilot.pause(seconds)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def every_tab(pilot, session) -> str:
    shown = []
    for tab in TABS:
        session.query_one("#evidence").active = tab
        await pilot.pause()
        shown.append(on_screen(pilot.app))
    return "\n".join(shown)


async def make_caucus_records(pilot, case_id: int, store) -> SessionScreen:
    """In caucus with the provider: a statement, its restatement and a correction; in caucus
    with the client: a note and a proposal with terms and a figure of its own."""
    app = pilot.app
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    session = app.screen
    assert isinstance(session, SessionScreen)
    await pilot.press("1", "s")
    await pilot.pause()
    fill(app.screen.query_one("#text"), STATEMENT)
    await pilot.press("ctrl+s")
    await pilot.pause()
    fill(app.screen.query_one("#restatement"), RESTATEMENT)
    fill(app.screen.query_one("#correction"), CORRECTION)
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert app.screen is session
    await pilot.press("0", "2", "n")
    await pilot.pause()
    fill(app.screen.query_one("#note"), NOTE)
    await pilot.press("ctrl+s")
    await pilot.pause()
    await pilot.press("o")
    await pilot.pause()
    form = app.screen
    assert isinstance(form, ProposalForm)
    line = store.invoices(case_id)[0].lines[1]
    form.query_one(f"#kind-{line.id}", Select).value = AdjustmentKind.REDUCE_TO
    form.query_one(f"#value-{line.id}", Input).value = AMOUNT
    fill(form.query_one("#terms"), TERMS)
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert app.screen is session
    return session


def the_record_holds_every_marker(store, case_id: int) -> None:
    mediator = "\n".join(
        [
            *(
                f"{s.text} {s.restatement} {s.correction}"
                for s in store.statements(case_id, View.MEDIATOR)
            ),
            *(n.text for n in store.notes(case_id, View.MEDIATOR)),
            *(f"{p.terms} {p.total}" for p in store.proposals(case_id, View.MEDIATOR)),
            *(str(a.value) for p in store.proposals(case_id, View.MEDIATOR) for a in p.adjustments),
        ]
    )
    for kind in (
        "statement",
        "restatement",
        "correction",
        "note",
        "terms",
        "total-bare",
        "amount-bare",
    ):
        assert MARKERS[kind] in mediator, kind


def joint_reads(store, case_id: int) -> str:
    invoices = store.invoices(case_id)
    invoiced, undisputed = invoice_totals(invoices, "EUR")
    proposals = store.proposals(case_id, View.JOINT)
    place = positions(proposals, invoiced, undisputed)
    return "\n".join(
        [
            *(repr(s) for s in store.statements(case_id, View.JOINT)),
            *(repr(n) for n in store.notes(case_id, View.JOINT)),
            *(repr(p) for p in proposals),
            f"{place.ask} {place.offer} {place.gap} {place.history}",
        ]
    )


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return "\n".join(package.read(n).decode("utf-8", "replace") for n in package.namelist())


def settle_jointly(store, case_id: int) -> None:
    """Agree in the joint session on a joint proposal, and sign: the agreement can be exported."""
    line = store.invoices(case_id)[0].lines[2]
    from mediate.domain.model import LineAdjustment

    adjustments = [LineAdjustment(line_id=line.id, kind=AdjustmentKind.WITHDRAW)]
    proposal = store.add_proposal(
        case_id, Proposer.MEDIATOR, adjustments, pay_once(store, case_id, adjustments)
    )
    settlement = store.accept_proposal(proposal)
    store.set_clause_choices(settlement, CHOICES)
    for role, name in zip(Signatory, ("Anna de Vries", "Tom Baker", "Mira Jansen"), strict=True):
        store.sign_off(settlement, role, name, "Director")


def command_line(db_path: Path, tmp_path: Path) -> str:
    runner = CliRunner()
    out = []
    for args in (
        ["show", "MED-2026-001"],
        ["list"],
        ["verify"],
        ["report"],
        ["report", "--prevention", "MED-2026-001"],
        ["report", "--prevention", "--out", str(tmp_path / "prevention.docx")],
        ["export", "MED-2026-001", "--out", str(tmp_path / "agreement-en.docx")],
        ["export", "MED-2026-001", "--lang", "nl", "--out", str(tmp_path / "agreement-nl.docx")],
    ):
        result = runner.invoke(main, [*args, "--db", str(db_path)])
        assert result.exit_code == 0, (args, result.output)
        out.append(result.output)
    for name in ("prevention.docx", "agreement-en.docx", "agreement-nl.docx"):
        out.append(docx_text((tmp_path / name).read_bytes()))
    return "\n".join(out)


@pytest.fixture
def scene(db_path, store):
    return store.import_bundle(bundle())


async def test_no_caucus_record_reaches_a_joint_route_until_released(
    db_path, store, scene, tmp_path
):
    case_id = scene
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await make_caucus_records(pilot, case_id, store)
        the_record_holds_every_marker(store, case_id)
        # In the client's caucus its own records are there (the route is not simply empty).
        assert {"note", "terms"} <= set(leaks(await every_tab(pilot, session)))

        # 1. the store's joint reads
        assert leaks(joint_reads(store, case_id)) == []

        # 2. + 5. the joint session after the caucus ends, with what notifications remain
        await pilot.press("0")
        await pilot.pause()
        assert session.view == View.JOINT
        assert leaks(await every_tab(pilot, session)) == []

        # 3. the joint view
        await pilot.press("j")
        await pilot.pause()
        assert leaks(await every_tab(pilot, session)) == []

        # 6. the command palette in the joint view
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        offered = " ".join(f"{k.description} {k.tooltip}" for k in palette_actions(session))
        assert leaks(offered + on_screen(app)) == []
        await pilot.press("escape")
        await pilot.pause()

        # 4. presentation mode: the joint view, and nothing that leaves it unasked
        await pilot.press("j", "p")
        await pilot.pause()
        assert session.presenting and session.view == View.JOINT
        assert leaks(await every_tab(pilot, session)) == []
        allowed = {k.binding.action for k in palette_actions(session)}
        # (all_lines widens the evidence tabs to every invoice line, still under the joint view)
        looking = {"tab(-1)", "tab(1)", "all_lines", "help", "presentation(False)", "quit"}
        assert allowed <= looking, allowed
        for key in ("1", "2", "escape", "s", "n", "o", "e", "j", "v"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is session and session.presenting and session.caucus is None, key
        await pilot.press("p")  # leaving asks first
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert session.presenting
        await pilot.press("p", "y")
        await pilot.pause()
        assert not session.presenting
        await pilot.press("escape", "y")  # leaving a session whose clock runs asks first
        await pilot.pause()

        # 7. + 8. the archive (joint by default), its search, and a review opened from it
        await pilot.press("a")
        await settle(pilot)
        archive = app.screen
        assert isinstance(archive, ArchiveScreen)
        for marker in ("st4t", "r3st", "c0rr", "n0te", "t3rm", "bottom"):
            archive.query_one("#search", Input).value = marker
            await settle(pilot)
            assert archive.query_one("#archive-table").row_count == 0, marker
            # The search box and the status line echo what was typed: that is no leak.
            assert leaks(on_screen(app).replace(marker, "")) == [], marker
        archive.query_one("#search", Input).value = ""
        await settle(pilot)
        archive.query_one("#archive-table").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert leaks(on_screen(app)) == []
        await pilot.press("escape", "escape")
        await pilot.pause()

        # 9. insights and the prevention report on screen
        await pilot.press("I")
        await settle(pilot)
        assert leaks(on_screen(app)) == []
        await pilot.press("p")
        await settle(pilot)
        assert leaks(on_screen(app)) == []

    for marker in ("st4t", "r3st", "c0rr", "n0te"):
        assert search(store, marker, view=View.JOINT) == [], marker
        assert search(store, marker, view=View.JOINT, prefix=True) == [], marker
        assert search(store, marker, view=View.MEDIATOR), marker  # it is in the index
    events = store.audit_events(case_id)
    assert leaks("\n".join(e.text for e in timeline(events, "EUR", "en", View.JOINT))) == []
    in_caucus = "\n".join(e.text for e in timeline(events, "EUR", "en", View.MEDIATOR))
    assert "(caucus: client)" in in_caucus and "5,014.56" in in_caucus

    # 10. + 11. the command line, the reports and the exported agreement, once agreed jointly
    settle_jointly(store, case_id)
    assert leaks(command_line(db_path, tmp_path)) == []


async def test_a_released_record_reaches_the_joint_routes_and_nothing_else(
    db_path, store, scene, tmp_path
):
    case_id = scene
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await make_caucus_records(pilot, case_id, store)
        # Back in caucus with the provider, release its statement from the Statements tab.
        await pilot.press("0", "1")
        await pilot.pause()
        session.query_one("#evidence").active = "tab-statements"
        await pilot.pause()
        table = session.query_one("#statements-table", DataTable)
        assert table.row_count == 1
        table.focus()
        await pilot.press("e")
        await pilot.pause()
        assert "agreement" in on_screen(app)  # the question names the party's agreement
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("0", "j")
        await pilot.pause()
        shown = await every_tab(pilot, session)
        assert {"statement", "restatement", "correction"} <= set(leaks(shown))
        assert leaks(shown, allowed=("statement", "restatement", "correction")) == []
        session.query_one("#evidence").active = "tab-statements"
        await pilot.pause()
        assert "released (caucus: provider)" in on_screen(app)

    (event,) = [e for e in store.audit_events(case_id) if e["kind"] == "caucus.released"]
    assert event["actor"] == "provider" and '"agreed_by":"provider"' in event["payload"]
    assert [h.kind for h in search(store, "st4t", view=View.JOINT)] == ["statement"]
    assert search(store, "n0te", view=View.JOINT) == []
    joint = joint_reads(store, case_id)
    assert leaks(joint, allowed=("statement", "restatement", "correction")) == []
    (statement,) = store.statements(case_id, View.JOINT)
    assert statement.visibility == Visibility.CAUCUS_PROVIDER and statement.released_at


def test_release_is_refused_for_joint_records_and_twice(store, case_id):
    from mediate.domain.errors import DomainError

    joint = store.record_statement(case_id, PartyRole.CLIENT, "Said openly.")
    with pytest.raises(DomainError, match="joint session already"):
        store.release_from_caucus("statement", joint)
    private = store.add_note(case_id, Visibility.CAUCUS_CLIENT, "Only for the mediator.")
    store.release_from_caucus("note", private)
    with pytest.raises(DomainError, match="released already"):
        store.release_from_caucus("note", private)
    with pytest.raises(DomainError, match="cannot be released"):
        store.release_from_caucus("message", 1)


def test_a_caucus_proposal_is_accepted_or_countered_jointly_only_once_released(store, case_id):
    from mediate.domain.errors import DomainError

    caucus = store.add_proposal(
        case_id,
        Proposer.CLIENT,
        [],
        pay_once(store, case_id, []),
        visibility=Visibility.CAUCUS_CLIENT,
    )
    with pytest.raises(DomainError, match="release it to the joint session"):
        store.accept_proposal(caucus)
    with pytest.raises(DomainError, match="only a counter-proposal made in that caucus"):
        store.add_proposal(case_id, Proposer.PROVIDER, [], counter_of=caucus)
    with pytest.raises(DomainError, match="only that party speaks"):
        store.record_statement(
            case_id, PartyRole.PROVIDER, "Not here.", visibility=Visibility.CAUCUS_CLIENT
        )
    store.release_from_caucus("proposal", caucus)
    assert store.accept_proposal(caucus)


def test_a_counter_made_in_caucus_leaves_the_joint_proposal_open(store, case_id):
    joint = store.add_proposal(case_id, Proposer.PROVIDER, [])
    store.add_proposal(
        case_id, Proposer.CLIENT, [], counter_of=joint, visibility=Visibility.CAUCUS_CLIENT
    )
    (shown,) = store.proposals(case_id, View.JOINT)
    assert shown.id == joint and shown.status.value == "open"


def test_an_old_database_keeps_its_records_joint(tmp_path):
    """Records written before they carried a caucus were made in the joint session."""
    import shutil

    source = Path(__file__).resolve().parents[1] / "fixtures" / "schema-v1.db"
    path = tmp_path / "old.db"
    shutil.copy(source, path)
    store = open_store(path)
    try:
        for case in store.summaries():
            for statement in store.statements(case.id, View.MEDIATOR):
                assert statement.visibility == Visibility.JOINT
            assert store.statements(case.id, View.JOINT) == store.statements(case.id, View.MEDIATOR)
        assert all(r.ok for r in store.verify())
    finally:
        store.close()
