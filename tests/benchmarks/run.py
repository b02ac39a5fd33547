"""``make bench``: generate data, measure each figure as the median of several runs, print a table.

Exit status 1 when a figure misses its target. Figures are printed, not asserted by the test suite.

On a shared machine the load drifts during a run, so mediate and its baseline are measured in
turns (mediate, baseline, mediate, ...) after one warm-up run of each that is not counted, and
each in-process run starts after a full garbage collection, so that neither side pays for the
other's garbage. Start-up is measured with mediate's modules compiled, as they are from the
second start of an installed copy (``PYTHONDONTWRITEBYTECODE`` would otherwise make every start
compile them again).
"""

from __future__ import annotations

import asyncio
import compileall
import csv
import email
import email.policy
import gc
import io
import mailbox
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import docx

from tests.benchmarks.generate import cached, large_case, whole_cases

RUNS = 5
TENFOLD_RUNS = 3  # an import at ten times the size takes tens of seconds
# Ten times the large case: invoice lines, work entries and e-mails.
TENFOLD_CASE = {"lines": 2_000, "entries": 200_000, "emails": 20_000}
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Figure:
    name: str
    mediate: float | None  # None: a figure measured at ten times the size only
    baseline: float | None
    ratio_target: float | None
    absolute_target: float | None
    tenfold: Figure | None = None  # the same figure at ten times the size (TENFOLD)

    @property
    def unit(self) -> str:
        return self.name.rsplit("(", 1)[-1].rstrip(")") if "(" in self.name else ""

    @property
    def ratio(self) -> float | None:
        return self.mediate / self.baseline if self.baseline and self.mediate is not None else None

    @property
    def passed(self) -> bool:
        ok = self.tenfold.passed if self.tenfold else True
        if self.mediate is None:
            return ok
        if self.ratio_target is not None and self.ratio is not None:
            ok &= self.ratio <= self.ratio_target
        if self.absolute_target is not None:
            ok &= self.mediate <= self.absolute_target
        return ok


def in_turns(
    mediate: Callable[[], float],
    baseline: Callable[[], float],
    runs: int = RUNS,
    warm_up: bool = True,
) -> tuple[float, float]:
    """The medians of ``runs`` timings of each, taken in turns after a warm-up of each (none
    for the imports at ten times the size, which take tens of seconds and warm nothing up).

    Each callable runs once and returns its own timing (seconds).
    """
    if warm_up:
        mediate(), baseline()
    ours, theirs = [], []
    for _ in range(runs):
        gc.collect()
        ours.append(mediate())
        gc.collect()
        theirs.append(baseline())
    return statistics.median(ours), statistics.median(theirs)


def timed(action: Callable[[], object]) -> Callable[[], float]:
    def run() -> float:
        start = time.perf_counter()
        action()
        return time.perf_counter() - start

    return run


# --- import ---------------------------------------------------------------------------------------


def bench_import(folder: Path, big: Path, work: Path) -> list[Figure]:
    """The import of the large case at both sizes (the first run of each leaves the database
    the session figures use: ``import-1x-0.db``, ``import-10x-0.db``), and its peak memory."""

    def figure(source: Path, name: str, runs: int, absolute: float | None) -> Figure:
        from mediate.services.intake import import_reads, read_folders
        from mediate.store import open_store

        counter = iter(range(1000))

        def mediate_import() -> None:
            store = open_store(work / f"import-{name}-{next(counter)}.db")
            import_reads(store, read_folders([source]))
            store.close()

        def bare() -> None:
            with open(source / "worklog" / "log.csv", newline="", encoding="utf-8") as handle:
                rows = list(csv.DictReader(handle))
            box = mailbox.mbox(source / "correspondence" / "mail.mbox", factory=None, create=False)
            messages = [
                email.message_from_bytes(m.as_bytes(), policy=email.policy.default) for m in box
            ]
            assert rows and messages

        warm = name == "1x"
        return Figure(
            "import work log + mailbox (s)",
            *in_turns(timed(mediate_import), timed(bare), runs, warm_up=warm),
            3.0,
            absolute,
        )

    times = figure(folder, "1x", RUNS, 5.0)
    times.tenfold = figure(big, "10x", TENFOLD_RUNS, None)
    memory = Figure("peak RSS, import (MB)", _probe("import", folder)[1], None, None, 300.0)
    memory.tenfold = Figure("", _probe("import", big)[1], None, None, 300.0)
    return [times, memory]


# --- session screen -------------------------------------------------------------------------------


async def _open_session(db_path: Path) -> float:
    from mediate.tui.app import MediateApp
    from mediate.tui.screens.session import SessionScreen

    app = MediateApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        case_id = app.store.case_id("BENCH-LARGE")
        start = time.perf_counter()
        await app.push_screen(SessionScreen(case_id))
        await pilot.pause()
        elapsed = time.perf_counter() - start
    return elapsed


async def _bare_screen() -> float:
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import DataTable, Footer, Header

    class Bare(Screen):
        def compose(self):
            yield Header()
            yield DataTable()
            yield Footer()

    app = App()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        await app.push_screen(Bare())
        await pilot.pause()
        elapsed = time.perf_counter() - start
    return elapsed


def bench_session(db_path: Path, db_big: Path) -> list[Figure]:
    """Opening the case's session screen against a bare Textual screen, at each size; and the
    large case against the small one (flat in case size: target 1.1)."""

    def opened(db: Path) -> Callable[[], float]:
        return lambda: asyncio.run(_open_session(db))

    bare = lambda: asyncio.run(_bare_screen())  # noqa: E731
    screen = Figure("open session screen (s)", *in_turns(opened(db_path), bare), 1.5, 0.5)
    screen.tenfold = Figure("", *in_turns(opened(db_big), bare), 1.5, 0.5)
    flat = Figure("open session screen, 10x case / 1x case (s)", None, None, None, None)
    flat.tenfold = Figure("", *in_turns(opened(db_big), opened(db_path)), 1.1, None)
    return [screen, flat]


# --- export ---------------------------------------------------------------------------------------


def bench_export(db_path: Path, db_big: Path) -> Figure:
    """The agreement of the large case (200 lines; 2,000 at ten times the size) against bare
    python-docx writing a table of the same lines."""
    figure = _export(db_path, 1.0)
    figure.tenfold = _export(db_big, None)  # a time limit only for the 200 lines
    return figure


def _export(db_path: Path, absolute: float | None) -> Figure:
    from mediate.documents.settlement_docx import agreement_docx
    from mediate.domain.model import Instalment, Proposer, Signatory
    from mediate.store import open_store

    store = open_store(db_path)
    case_id = store.case_id("BENCH-LARGE")
    owed = store.money(case_id).still_owed  # what the schedule pays: with VAT, less paid
    due = date.today() + timedelta(days=30)
    proposal = store.add_proposal(
        case_id, Proposer.MEDIATOR, [], [Instalment(due=due, amount=owed)]
    )
    settlement_id = store.accept_proposal(proposal)
    store.set_clause_choices(
        settlement_id,
        {
            "governing_law": "Dutch law",
            "forum": "Court of Amsterdam",
            "attestation": "yes",
            "place": "Amsterdam",
        },
    )
    for role in Signatory:
        store.sign_off(settlement_id, role, f"{role.value} signer", "Director")
    record = store.settlement_record(settlement_id)
    lines = [ln for inv in record.invoices for ln in inv.lines]

    def bare() -> None:
        document = docx.Document()
        document.add_paragraph("Settlement Agreement", style="Title")
        for _ in range(30):
            document.add_paragraph(
                "A paragraph of terms that the agreement states for the parties."
            )
        table = document.add_table(rows=1, cols=6)
        for line in lines:
            cells = table.add_row().cells
            for cell, text in zip(
                cells,
                ["BENCH-1", str(line.position), line.description, "€1.00", "kept", "€1.00"],
                strict=True,
            ):
                cell.text = text
        document.save(io.BytesIO())

    assert record.proposal.total == store.summary(case_id).invoiced
    figure = Figure(
        "export agreement, a line per invoice line (s)",
        *in_turns(timed(lambda: agreement_docx(record, "en")), timed(bare)),
        1.5,
        absolute,
    )
    store.close()
    return figure


# --- start-up, key press, memory -----------------------------------------------------------------


def _probe(mode: str, db: Path) -> tuple[float, float]:
    """Seconds from process start to "ready", and peak RSS in MB, of one probe run."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.benchmarks.app_probe", mode, str(db)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    ready = None
    rss = 0.0
    for line in child.stdout:
        if line.startswith("ready") and ready is None:
            ready = time.perf_counter() - start
        elif line.startswith("rss_mb"):
            rss = float(line.split()[1])
    child.wait()
    if ready is None:
        raise RuntimeError(f"the {mode} probe never became ready")
    return ready, rss


def bench_startup(small: Path, big: Path) -> Figure:
    """Start-up to the home screen with its first page of cases, against a bare Textual app
    showing the same page read with a bare query (1,000 cases; 100,000 at ten times)."""
    compileall.compile_dir(ROOT / "mediate", quiet=1)

    def figure(db: Path) -> Figure:
        # Eleven runs: a start-up is short and the most exposed to the machine's other work.
        mediate, bare = in_turns(
            lambda: _probe("home", db)[0], lambda: _probe("bare", db)[0], runs=11
        )
        return Figure("start-up to home screen (s)", mediate, bare, 1.5, None)

    result = figure(small)
    result.tenfold = figure(big)
    return result


def bench_memory(db: Path, db_big: Path) -> Figure:
    figure = Figure("peak RSS, large case open (MB)", _probe("session", db)[1], None, None, 300.0)
    figure.tenfold = Figure("", _probe("session", db_big)[1], None, None, 300.0)
    return figure


async def _key_presses(
    app, focus: str, key: str = "down", presses: int = 28, tab: str = "tab-worklog"
) -> float:
    """Median seconds from a key press to the updated screen (the session opened on ``tab``
    when ``focus``)."""
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        if focus:
            from mediate.tui.screens.session import SessionScreen

            await app.push_screen(SessionScreen(app.store.case_id("BENCH-LARGE")))
            await pilot.pause()
            app.screen.query_one("#evidence").active = tab
            await pilot.pause()
            app.screen.query_one(focus).focus()
        await pilot.pause()
        times = []
        for _ in range(presses):
            start = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_keys(db: Path, db_big: Path) -> list[Figure]:
    """A move in the work log and in the mail list, and a switch to the next tab (28 presses:
    four times round the seven tabs, the first round building each one), each against a move in
    a bare DataTable of 200 rows (2,000 at ten times the size)."""
    from textual.app import App
    from textual.widgets import DataTable, Footer, Header

    from mediate.tui.app import MediateApp

    class Bare(App):
        def __init__(self, rows: int) -> None:
            super().__init__()
            self.rows = rows

        def compose(self):
            yield Header()
            yield DataTable()
            yield Footer()

        def on_mount(self):
            table = self.query_one(DataTable)
            table.add_columns("a", "b", "c")
            table.add_rows([(str(i), "x", "y") for i in range(self.rows)])
            table.focus()

    worklog = "#worklog-evidence VirtualTable"
    figures = []
    for scale, path, rows in (("1x", db, 200), ("10x", db_big, 2000)):
        move = asyncio.run(_key_presses(MediateApp(path), worklog))
        mail = asyncio.run(_key_presses(MediateApp(path), "#mail-table", tab="tab-mail"))
        switch = asyncio.run(_key_presses(MediateApp(path), worklog, "right_square_bracket"))
        bare = asyncio.run(_key_presses(Bare(rows), ""))
        scaled = [
            Figure("key press: move in the work log (s)", move, bare, 1.2, None),
            # A move in the mail list also shows the message in the reading pane.
            Figure("key press: move in the mail list (s)", mail, bare, 1.5, None),
            Figure("key press: next evidence tab (s)", switch, bare, 1.2, None),
        ]
        if scale == "1x":
            figures = scaled
        else:
            for figure, tenfold in zip(figures, scaled, strict=True):
                figure.tenfold = tenfold
    return figures


def bench_joint(db: Path) -> list[Figure]:
    """The joint app of ``mediate joint`` / ``mediate serve``: a mediator's change reaching it,
    and its memory (one such process runs per party's browser)."""
    from tests.benchmarks.joint_bench import change_to_joint_view

    return [
        Figure(
            "mediator's change to the joint view (s)", change_to_joint_view(db), None, None, 1.0
        ),
        Figure("peak RSS, joint app, large case (MB)", _probe("joint", db)[1], None, None, 150.0),
    ]


def bench_archive_and_search(small: Path, big: Path) -> list[Figure]:
    """The archive (opened, and a filter changed) against a bare query of the same rows, and
    search against a bare FTS5 query of the same words, on 1,000 and 100,000 whole cases."""
    from tests.benchmarks.archive_bench import archive_figures
    from tests.benchmarks.search_bench import bench_search

    figures = archive_figures(small, big)
    # The target is the ratio at 100,000 cases; the time is shown beside it (it says more about
    # the machine than about mediate), with the old limit on the 1,000 cases.
    ratio = Figure("search, p95 (ms)", *bench_search(small, 1_000), None, 50.0)
    ratio.tenfold = Figure("", *bench_search(big, 100_000), 1.5, None)
    return [*figures, ratio]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = large_case(work / "large")
        big = cached("case-10x", lambda path: large_case(path, **TENFOLD_CASE))
        small_archive = cached("cases-1000.db", lambda path: whole_cases(path, 1_000))
        big_archive = cached("cases-100000.db", lambda path: whole_cases(path, 100_000))
        figures = bench_import(folder, big, work)
        db_path, db_big = work / "import-1x-0.db", work / "import-10x-0.db"
        figures.extend(bench_session(db_path, db_big))
        figures.extend(bench_keys(db_path, db_big))
        figures.append(bench_memory(db_path, db_big))
        figures.extend(bench_joint(db_path))  # before the export signs the case off
        figures.append(bench_export(db_path, db_big))
        figures.append(bench_startup(small_archive, big_archive))
        figures.extend(bench_archive_and_search(small_archive, big_archive))
    return report(figures)


def joint_only() -> int:
    """``python -m tests.benchmarks.run joint``: the joint app's rows alone, on the large case
    imported once (not timed)."""
    from mediate.services.intake import import_reads, read_folders
    from mediate.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        db_path = work / "joint.db"
        store = open_store(db_path)
        import_reads(store, read_folders([large_case(work / "large")]))
        store.close()
        return report(bench_joint(db_path))


def _target(f: Figure, unit: str) -> str:
    return " ".join(
        t
        for t in (
            f"ratio<={f.ratio_target:g}" if f.ratio_target else "",
            f"<={f.absolute_target:g}{unit}" if f.absolute_target else "",
        )
        if t
    )


def _columns(f: Figure | None) -> str:
    """mediate, baseline and ratio of one size ("—" where there is none)."""
    if f is None or f.mediate is None:
        return f"{'—':>9} {'—':>9} {'—':>6}"
    baseline = f"{f.baseline:9.3f}" if f.baseline is not None else f"{'—':>9}"
    ratio = f"{f.ratio:6.2f}" if f.ratio is not None else f"{'—':>6}"
    return f"{f.mediate:9.3f} {baseline} {ratio}"


def report(figures: list[Figure]) -> int:
    """The table: each figure at today's size (1x) and at ten times the size (10x), where
    ``make bench`` measures it there."""
    heads = f"{'mediate':>9} {'baseline':>9} {'ratio':>6}"
    print(f"{'':<46} {'1x':^26}  {'10x':^26}")
    print(f"{'figure':<46} {heads}  {heads}  {'target':<24} result")
    for f in figures:
        ten = f.tenfold
        target = _target(f, f.unit) if f.mediate is not None else ""
        if ten is not None and _target(ten, f.unit) != target:
            target = " · ".join(t for t in (target, f"10x {_target(ten, f.unit)}") if t)
        print(
            f"{f.name:<46} {_columns(f)}  {_columns(ten)}  {target:<24} "
            f"{'pass' if f.passed else 'FAIL'}"
        )
    return 0 if all(f.passed for f in figures) else 1


if __name__ == "__main__":
    sys.exit(joint_only() if sys.argv[1:] == ["joint"] else main())
