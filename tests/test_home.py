"""The home screen lists the real cases of the database."""

from mediate.tui.app import MediateApp
from tests.builders import bundle


async def test_home_lists_cases_from_the_database(db_path, store, case_id):
    other = bundle("MED-2026-002")
    other.case.title = "[bold]Not markup[/bold] [/]"
    store.import_bundle(other)
    app = MediateApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#cases")
        assert table.row_count == 2
        cells = [str(c) for c in table.get_row_at(0)] + [str(c) for c in table.get_row_at(1)]
        assert "MED-2026-001" in cells and "MED-2026-002" in cells
        assert "[bold]Not markup[/bold] [/]" in cells
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


def vm_steps(store, read) -> int:
    """How much work SQLite does for ``read`` (virtual machine steps, counted in hundreds)."""
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    store.db.conn.set_progress_handler(count, 100)
    try:
        read()
    finally:
        store.db.conn.set_progress_handler(None, 100)
    return steps[0]


def test_the_case_list_is_read_a_page_at_a_time(store):
    """Summaries (sums over invoice lines and the audit log) are worked out for one page only,
    so a page costs about the same with five times the cases; the filter is applied in the
    store, every word somewhere in the reference, the title, a party's name or the status."""
    from tests.builders import bundle

    def add(first: int, last: int) -> None:
        with store.batch():
            for number in range(first, last):
                case = bundle(f"PAGE-{number:04d}")
                case.case.title = "Roof repair" if number % 2 else "Website"
                store.import_bundle(case)

    add(0, 100)
    assert store.case_count() == 100
    page = store.summary_page("", 50, 25)
    assert [s.reference for s in page] == [f"PAGE-{n:04d}" for n in range(50, 75)]
    assert store.case_count("roof intake") == 50
    assert [s.reference for s in store.summary_page("roof page-000", 0, 50)] == [
        "PAGE-0001",
        "PAGE-0003",
        "PAGE-0005",
        "PAGE-0007",
        "PAGE-0009",
    ]
    assert store.summary_page("bakkerij pixel", 0, 1)[0].client == "Bakkerij Brood Ltd"
    small = vm_steps(store, lambda: store.summary_page("", 0, 25))
    add(100, 500)
    large = vm_steps(store, lambda: store.summary_page("", 0, 25))
    whole = vm_steps(store, lambda: store.summaries())
    assert large < 2 * small, (small, large)
    assert whole > 5 * large, (large, whole)
