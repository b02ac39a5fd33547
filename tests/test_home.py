"""The home screen lists the real cases of the database."""

from mediate.tui.app import MediateApp
from tests.builders import bundle


async def test_home_lists_cases_from_the_database(db_path, store, case_id):
    other = bundle("MED-[/]-002")
    other.case.title = "[bold]Not markup[/bold]"
    store.import_bundle(other)
    app = MediateApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#cases")
        assert table.row_count == 2
        cells = [str(c) for c in table.get_row_at(0)] + [str(c) for c in table.get_row_at(1)]
        assert "MED-2026-001" in cells and "MED-[/]-002" in cells
        assert "[bold]Not markup[/bold]" in cells
        assert "€6,250.00" in cells


async def test_what_start_up_built_is_left_out_of_later_collections(db_path, store, case_id):
    """Frozen once the app is ready, the start-up objects are not walked again by every full
    collection of the garbage collector (a stall of tens of milliseconds in a key press)."""
    import gc

    gc.unfreeze()
    app = MediateApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert gc.get_freeze_count() > 0
    gc.unfreeze()
