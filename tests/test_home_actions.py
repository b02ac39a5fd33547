"""The home screen's actions: filter, new case, status change, import with progress, help."""

import re

from textual.widgets import Input, Select

from mediate.domain.model import CaseStatus
from mediate.tui.app import MediateApp
from mediate.tui.screens.case_details import CaseDetailsScreen
from mediate.tui.screens.help import HelpScreen
from mediate.tui.screens.new_case import NewCaseForm
from mediate.tui.screens.status_change import StatusForm
from tests.builders import bundle
from tests.screen_text import screen_text
from tests.test_no_dead_ends import notices

SIZE = (120, 40)


def rows(app):
    table = app.screen.query_one("#cases")
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def found(app, pilot) -> None:
    """Wait for the home list's search of the filter's words (a worker thread)."""
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_filter_as_you_type(db_path, store, case_id):
    other = bundle("MED-2026-002")
    other.case.title = "Translation quality"
    other.case.parties[1].legal_name = "Vertaalbureau Noord B.V."
    store.import_bundle(other)
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert sorted(rows(app)) == ["MED-2026-001", "MED-2026-002"]
        await pilot.press("slash")
        await pilot.press(*"noord")
        await found(app, pilot)
        assert rows(app) == ["MED-2026-002"]
        app.screen.query_one("#filter", Input).value = "hours intake"
        await found(app, pilot)
        assert rows(app) == ["MED-2026-001"]
        # What a search for other words finds, arriving after they were typed over, is not shown.
        app.screen.list_cases("noord", 1, app.store.summary_page("noord", 0, 1))
        assert rows(app) == ["MED-2026-001"]
        await pilot.press("down", "enter")  # from the filter to the list, and open the case
        await pilot.pause()
        assert type(app.screen).__name__ == "SessionScreen"


async def test_new_case_form_creates_a_case(db_path, store):
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NewCaseForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Please fill in" in str(form.query_one("#form-error").render())
        values = {
            "reference": "MED-NEW-1",
            "title": "Logo [v2] dispute",
            "mediator": "Mira Jansen",
            "provider": "Studio Vorm",
            "client": "Koffie & Co",
        }
        for key, value in values.items():
            form.query_one(f"#{key}", Input).value = value
        form.query_one("#language", Select).value = "nl"
        # References the importer refuses are refused here too, and the form keeps what was typed.
        for hostile in ("\u041cED-2026-001", "../../etc/passwd"):  # a Cyrillic М; a way out
            form.query_one("#reference", Input).value = hostile
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is form, hostile
            assert "may only hold letters A-Z" in str(form.query_one("#form-error").render())
            assert form.query_one("#title", Input).value == "Logo [v2] dispute"
        form.query_one("#reference", Input).value = "MED-NEW-1"
        await pilot.press("ctrl+s")
        await pilot.pause()
        # The new case's details open at once: its invoice and parties are typed next.
        assert isinstance(app.screen, CaseDetailsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert rows(app) == ["MED-NEW-1"]
    case = store.case("MED-NEW-1")
    assert case.title == "Logo [v2] dispute" and case.language.value == "nl"
    assert [p.legal_name for p in case.parties] == ["Studio Vorm", "Koffie & Co"]


async def test_status_change_to_impasse(db_path, store, case_id):
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StatusForm)
        app.screen.query_one("#status", Select).value = CaseStatus.IMPASSE
        app.screen.query_one("#reason", Input).value = "No movement on the design hours."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "at an impasse" in str(app.screen.query_one("#cases").get_row_at(0)[3])
    assert store.case(case_id).status == CaseStatus.IMPASSE
    assert store.audit_events(case_id)[-1]["kind"] == "case.status"


async def test_f1_lists_every_key(db_path, store):
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for key, words in (
            ("i", "Import"),
            ("n", "New case"),
            ("s", "Status"),
            ("/", "Filter"),
            ("f1", "Help"),
        ):
            assert re.search(rf"{re.escape(key)}\s+{words}", text), (
                f"{key} {words} missing from help"
            )


async def test_import_a_folder_from_the_app(db_path, store, tmp_path):
    from tests.case_folders import CASE_TOML, write_case

    good = write_case(tmp_path, "good")
    bad = write_case(tmp_path, "bad", case_toml=CASE_TOML.replace("[client]", "[klant]"))
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for folder in (bad, good):
            await pilot.press("i")
            await pilot.pause()
            app.screen.query_one("#path", Input).value = str(folder)
            await pilot.press("enter")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            if folder is bad:
                notices = [n.message for n in app._notifications]
                assert any(
                    "Not imported:" in n and "[client] table is missing" in n for n in notices
                ), notices
                assert rows(app) == []
        assert rows(app) == ["MED-T-001"]
        assert not app.screen.query("#import-progress"), "the progress bar leaves with the import"
    assert [s.reference for s in store.summaries()] == ["MED-T-001"]


async def test_back_from_a_case_the_filtered_list_keeps_its_highlight(db_path, store, case_id):
    other = bundle("MED-2026-002")
    store.import_bundle(other)
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#filter", Input).value = "MED-2026"
        await found(app, pilot)
        table = app.screen.query_one("#cases")
        table.focus()
        await pilot.press("down")
        chosen = rows(app)[table.cursor]
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "SessionScreen"
        app.pop_screen()  # back (the case's clock ran under a second: nothing to ask)
        await found(app, pilot)
        assert table.cursor == 1 and rows(app)[table.cursor] == chosen


async def test_a_filter_of_too_many_words_is_said_not_crashed(db_path, store, case_id):
    """A pasted paragraph in the filter (a thousand words made SQLite refuse the query, and the
    app ended): a sentence says how many words are looked for at once."""
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#filter", Input).value = " ".join(f"w{n}" for n in range(1_000))
        await found(app, pilot)
        assert app.is_running and rows(app) == []
        said = notices(app)
        assert "1000 different words" in said and "at most 30" in said, said
        app.screen.query_one("#filter", Input).value = "hours"
        await found(app, pilot)
        assert rows(app) == ["MED-2026-001"]
