"""Run in a child process by the benchmarks: start an app headless, say "ready", report memory.

python -m tests.benchmarks.app_probe home DB       mediate's home screen with its cases
python -m tests.benchmarks.app_probe bare DB       a bare Textual app: Header, DataTable (the
                                                   home list's first page of DB's cases, read
                                                   with a bare query; none for "-"), Footer
python -m tests.benchmarks.app_probe session DB    mediate's session screen of BENCH-LARGE
python -m tests.benchmarks.app_probe joint DB      the joint app (mediate joint) of BENCH-LARGE
python -m tests.benchmarks.app_probe import FOLDER  the import of a case folder (a new database)
"""

from __future__ import annotations

import asyncio
import resource
import sys
from pathlib import Path

BARE_PAGE = """
    SELECT c.reference, c.title, p.legal_name || ' v ' || q.legal_name, c.status,
           (SELECT SUM(net_minor) FROM invoice_lines WHERE case_id = c.id),
           (SELECT SUM(net_minor) FROM invoice_lines WHERE case_id = c.id AND disputed = 1),
           c.opened
    FROM (SELECT * FROM cases ORDER BY opened DESC, reference LIMIT 50) c
    JOIN parties p ON p.case_id = c.id AND p.role = 'provider'
    JOIN parties q ON q.case_id = c.id AND q.role = 'client'
"""


def import_folder(folder: str) -> None:
    import tempfile

    from mediate.services.intake import import_reads, read_folders
    from mediate.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "import.db")
        import_reads(store, read_folders([Path(folder)]))
        store.close()
    print("ready", flush=True)
    print(f"rss_mb {peak_rss_kb() / 1024:.1f}", flush=True)


async def probe(mode: str, db: str) -> None:
    if mode == "bare":
        from textual.app import App
        from textual.widgets import DataTable, Footer, Header

        class Bare(App):
            def compose(self):
                yield Header()
                yield DataTable()
                yield Footer()

            def on_mount(self):
                if db == "-":
                    return
                import sqlite3

                conn = sqlite3.connect(db)
                rows = [[str(cell) for cell in row] for row in conn.execute(BARE_PAGE)]
                conn.close()
                table = self.query_one(DataTable)
                table.add_columns(
                    "Reference", "Title", "Parties", "Status", "Inv.", "Disp.", "Opened"
                )
                table.add_rows(rows)

        app = Bare()
    elif mode == "joint":
        from mediate.tui.joint.app import JointApp

        app = JointApp(Path(db), "BENCH-LARGE")
    else:
        from mediate.tui.app import MediateApp

        app = MediateApp(Path(db))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        if mode == "session":
            from mediate.tui.screens.session import SessionScreen

            await app.push_screen(SessionScreen(app.store.case_id("BENCH-LARGE")))
            await pilot.pause()
            app.screen.query_one("#evidence").active = "tab-worklog"
            await pilot.pause()
        print("ready", flush=True)
    print(f"rss_mb {peak_rss_kb() / 1024:.1f}", flush=True)


def peak_rss_kb() -> int:
    """This process's own peak resident size. Linux keeps ``ru_maxrss`` across exec, so a probe
    started by a large parent would report the parent's size; VmHWM starts afresh with the new
    program."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


if __name__ == "__main__":
    if sys.argv[1] == "import":
        import_folder(sys.argv[2])
    else:
        asyncio.run(probe(sys.argv[1], sys.argv[2]))
