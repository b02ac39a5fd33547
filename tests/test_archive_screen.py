"""Looking back through the app: search, filters, a past case's timeline, re-export, integrity."""

from datetime import UTC, datetime

from textual.widgets import Input, Select

from mediate.domain.model import Message
from mediate.tui.app import MediateApp
from mediate.tui.screens.archive import ArchiveScreen
from mediate.tui.screens.review import ReviewScreen
from tests.builders import bundle
from tests.screen_text import screen_text
from tests.settlement_helpers import CAUCUS_MARKER, signed_settlement

SIZE = (140, 40)


def table_cells(screen):
    table = screen.query_one("#archive-table")
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def settle(pilot) -> None:
    """Wait for the archive's search worker and the table it fills."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_archive(pilot) -> ArchiveScreen:
    await pilot.pause()
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ArchiveScreen)
    return pilot.app.screen


async def test_search_finds_a_phrase_from_an_email(db_path, store):
    other = bundle("MED-2026-009")
    other.case.title = "Café renovation"
    other.messages = [
        Message(
            sent_at=datetime(2026, 3, 3, 9, 0, tzinfo=UTC),
            sender="Tom Baker <tom@brood.example>",
            subject="Re: invoice INV-2026-017",
            body="The espresso machine installation was never finished.",
        )
    ]
    store.import_bundle(other)
    store.import_bundle(bundle("MED-2026-010"))
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_archive(pilot)
        assert len(table_cells(screen)) == 2
        screen.query_one("#search", Input).value = "espresso machine"
        await settle(pilot)
        (row,) = table_cells(screen)
        assert row[0] == "MED-2026-009" and row[2] == "message" and "«espresso»" not in row[3]
        assert "espresso" in row[3]
        screen.query_one("#search", Input).value = "cafe"
        await settle(pilot)
        assert [r[0] for r in table_cells(screen)] == ["MED-2026-009"]


async def test_the_list_is_drawn_whole_when_the_archive_opens(db_path, store, case_id):
    """Listed once as the screen opens: listing again when the sort reported its first value
    left the table drawn with every column cut to the width of its title."""
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_archive(pilot)
        await pilot.pause(0.2)
        row = next(line for line in screen_text(app).splitlines() if "MED-2026-001" in line)
        assert "€6,250.00" in row


async def test_filters_narrow_the_list(db_path, store):
    signed_settlement(store)
    dutch = bundle("MED-2026-011", language="nl")
    dutch.case.parties[1].legal_name = "Koffiebranderij Zuid B.V."
    store.import_bundle(dutch)
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_archive(pilot)
        assert len(table_cells(screen)) == 2
        screen.query_one("#f-language", Select).value = "nl"
        await settle(pilot)
        assert [r[0] for r in table_cells(screen)] == ["MED-2026-011"]
        screen.query_one("#f-language", Select).clear()
        screen.query_one("#f-status", Select).value = "signed_off"
        await settle(pilot)
        assert [r[0] for r in table_cells(screen)] == ["MED-2026-001"]
        screen.query_one("#f-status", Select).clear()
        screen.query_one("#f-party", Input).value = "koffie"
        await settle(pilot)
        assert [r[0] for r in table_cells(screen)] == ["MED-2026-011"]
        screen.query_one("#f-from", Input).value = "yesterday"
        await settle(pilot)
        assert "opened from: “yesterday” is not a date; write it like" in str(
            screen.query_one("#archive-status").render()
        )


async def test_caucus_notes_are_searched_only_when_the_mediator_asks(db_path, store):
    """The archive opens in the joint view; f2 (a key the search box does not take) shows
    caucus material, labelled, and hides it again."""
    signed_settlement(store)
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_archive(pilot)
        screen.query_one("#search", Input).focus()
        await pilot.press(*"bottom line")
        await settle(pilot)
        assert screen.query_one("#search", Input).value == "bottom line"
        assert table_cells(screen) == []
        assert CAUCUS_MARKER.split()[0] not in screen_text(app)
        assert "f2 Show caucus" in " ".join(screen_text(app).split()) or "Show caucus" in (
            screen_text(app)
        )
        await pilot.press("f2")
        await settle(pilot)
        assert screen.query_one("#search", Input).value == "bottom line", "f2 typed nothing"
        assert [r[2] for r in table_cells(screen)] == ["note (caucus: client)"]
        assert "MEDIATOR'S VIEW" in str(screen.query_one("#archive-status").render())
        await pilot.press("f2")
        await settle(pilot)
        assert table_cells(screen) == []
        assert CAUCUS_MARKER.split()[0] not in screen_text(app)


async def test_review_timeline_reexport_and_integrity(db_path, store, tmp_path):
    signed_settlement(store)
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_archive(pilot)
        screen.query_one("#archive-table").focus()
        await pilot.press("enter")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        lines = [
            line
            for line in str(review.query_one("#timeline").render()).splitlines()
            if line.strip()
        ]
        kinds = [line[17:] for line in lines[1:]]
        assert kinds[:3] == [  # opened from the archive's joint view: the caucus note is left out
            "case file taken in: 1 invoice(s), 2 work entries, 0 messages, 2 clauses",
            "client statement recorded",
            "proposal 1 by mediator: €2,280.00",
        ]
        assert kinds[3] == "proposal 1 accepted: €2,280.00"
        assert kinds[-1] == "signed off by the mediator: Mira Jansen — settlement locked"
        for _ in range(2):
            await pilot.press("e")
            await pilot.pause()
            app.screen.query_one("#folder", Input).value = str(tmp_path) + "/"
            await pilot.press("ctrl+s")
            await settle(pilot)
            if app.screen is not review:  # the second export asks before overwriting
                await pilot.press("y")
                await settle(pilot)
        assert "Last export: MED-2026-001-settlement-v1-en.docx" in str(
            review.query_one("#agreement").render()
        )
        await pilot.press("v")
        await settle(pilot)
        assert "chain intact, tables match" in str(review.query_one("#integrity").render())
    exports = [
        e
        for e in store.audit_events(store.case_id("MED-2026-001"))
        if e["kind"] == "settlement.exported"
    ]
    digests = {__import__("json").loads(e["payload"])["summary"]["file_sha256"] for e in exports}
    assert len(exports) == 2 and len(digests) == 1


async def test_insights_and_prevention_report_screen(db_path, store):
    signed_settlement(store)
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("I")
        await pilot.pause()
        text = screen_text(app)
        assert "Settlement rate" in text and "100.0 % of ended cases signed off" in text
        await pilot.press("p")
        await pilot.pause()
        text = screen_text(app)
        assert "Prevention report" in text and "Across the cases" in text
        assert CAUCUS_MARKER.split()[0] not in text
