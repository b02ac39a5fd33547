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
import dataclasses
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

from tests.benchmarks.generate import large_case

RUNS = 5
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Figure:
    name: str
    mediate: float
    baseline: float | None
    ratio_target: float | None
    absolute_target: float | None

    @property
    def unit(self) -> str:
        return self.name.rsplit("(", 1)[-1].rstrip(")") if "(" in self.name else ""

    @property
    def ratio(self) -> float | None:
        return self.mediate / self.baseline if self.baseline else None

    @property
    def passed(self) -> bool:
        ok = True
        if self.ratio_target is not None and self.ratio is not None:
            ok &= self.ratio <= self.ratio_target
        if self.absolute_target is not None:
            ok &= self.mediate <= self.absolute_target
        return ok


def in_turns(
    mediate: Callable[[], float], baseline: Callable[[], float], runs: int = RUNS
) -> tuple[float, float]:
    """The medians of ``runs`` timings of each, taken in turns after a warm-up of each.

    Each callable runs once and returns its own timing (seconds).
    """
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


def bench_import(folder: Path, work: Path) -> Figure:
    from mediate.services.intake import import_reads, read_folders
    from mediate.store import open_store

    counter = iter(range(1000))

    def mediate_import() -> None:
        store = open_store(work / f"import-{next(counter)}.db")
        import_reads(store, read_folders([folder]))
        store.close()

    def bare() -> None:
        with open(folder / "worklog" / "log.csv", newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        box = mailbox.mbox(folder / "correspondence" / "mail.mbox", factory=None, create=False)
        messages = [
            email.message_from_bytes(m.as_bytes(), policy=email.policy.default) for m in box
        ]
        assert rows and messages

    return Figure(
        "import 20,000 entries + 2,000 e-mails (s)",
        *in_turns(timed(mediate_import), timed(bare)),
        3.0,
        5.0,
    )


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


def bench_session(db_path: Path) -> Figure:
    mediate, bare = in_turns(
        lambda: asyncio.run(_open_session(db_path)), lambda: asyncio.run(_bare_screen())
    )
    return Figure("open session screen, large case (s)", mediate, bare, 1.5, 0.5)


# --- export ---------------------------------------------------------------------------------------


def bench_export(db_path: Path) -> Figure:
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
        "export 200-line settlement (s)",
        *in_turns(timed(lambda: agreement_docx(record, "en")), timed(bare)),
        1.5,
        1.0,
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


def bench_startup(work: Path) -> Figure:
    from mediate.store import open_store
    from tests.builders import bundle

    db = work / "thousand.db"
    store = open_store(db)
    with store.batch():
        for number in range(1000):
            # Each case as imported: parties, a contract, a work log, and an invoice of 20 lines
            # that the case list sums (the first three from the builder, disputed or not).
            case = bundle(f"MED-{number:05d}")
            case.case.title = f"Dispute {number}"
            invoice = case.invoices[0]
            invoice.lines += [
                dataclasses.replace(invoice.lines[k % 3], position=k + 1, line_ref=f"L{k + 1}")
                for k in range(len(invoice.lines), 20)
            ]
            store.import_bundle(case)
    store.close()
    compileall.compile_dir(ROOT / "mediate", quiet=1)
    # Eleven runs: a start-up is short and the most exposed to the machine's other work.
    mediate, bare = in_turns(lambda: _probe("home", db)[0], lambda: _probe("bare", db)[0], runs=11)
    return Figure("start-up to home screen, 1,000 cases (s)", mediate, bare, 1.5, None)


def bench_memory(db: Path) -> Figure:
    return Figure("peak RSS, large case open (MB)", _probe("session", db)[1], None, None, 300.0)


async def _key_presses(app, focus: str, key: str = "down", presses: int = 28) -> float:
    """Median seconds from a key press to the updated screen (the session opened when ``focus``)."""
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        if focus:
            from mediate.tui.screens.session import SessionScreen

            await app.push_screen(SessionScreen(app.store.case_id("BENCH-LARGE")))
            await pilot.pause()
            app.screen.query_one("#evidence").active = "tab-worklog"
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


def bench_keys(db: Path) -> list[Figure]:
    """A move in the work log and a switch to the next tab (28 presses: four times round the
    seven tabs, the first round building each one), each against a move in a bare DataTable."""
    from textual.app import App
    from textual.widgets import DataTable, Footer, Header

    from mediate.tui.app import MediateApp

    class Bare(App):
        def compose(self):
            yield Header()
            yield DataTable()
            yield Footer()

        def on_mount(self):
            table = self.query_one(DataTable)
            table.add_columns("a", "b", "c")
            table.add_rows([(str(i), "x", "y") for i in range(200)])
            table.focus()

    table = "#worklog-evidence VirtualTable"
    move = asyncio.run(_key_presses(MediateApp(db), table))
    switch = asyncio.run(_key_presses(MediateApp(db), table, "right_square_bracket"))
    bare = asyncio.run(_key_presses(Bare(), ""))
    return [
        Figure("key press: move in the work log (s)", move, bare, 1.2, None),
        Figure("key press: next evidence tab (s)", switch, bare, 1.2, None),
    ]


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


def bench_search_figure(work: Path) -> Figure:
    from tests.benchmarks.search_bench import bench_search

    p95_ms, _cases = bench_search(work)
    return Figure("search 100,000 cases, p95 (ms)", p95_ms, None, None, 50.0)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = large_case(work / "large")
        figures = [bench_import(folder, work)]
        db_path = work / "import-0.db"
        figures.append(bench_session(db_path))
        figures.extend(bench_keys(db_path))
        figures.append(bench_memory(db_path))
        figures.extend(bench_joint(db_path))  # before the export signs the case off
        figures.append(bench_export(db_path))
        figures.append(bench_startup(work))
        figures.append(bench_search_figure(work))
    print(f"{'figure':<44} {'mediate':>9} {'baseline':>9} {'ratio':>7} {'target':>14}  result")
    for f in figures:
        target = " ".join(
            t
            for t in (
                f"ratio<={f.ratio_target}" if f.ratio_target else "",
                f"<={f.absolute_target:g}{f.unit}" if f.absolute_target else "",
            )
            if t
        )
        baseline = f"{f.baseline:9.3f}" if f.baseline is not None else f"{'—':>9}"
        ratio = f"{f.ratio:7.2f}" if f.ratio is not None else f"{'—':>7}"
        print(
            f"{f.name:<44} {f.mediate:9.3f} {baseline} {ratio} {target:>14}  {'pass' if f.passed else 'FAIL'}"
        )
    return 0 if all(f.passed for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
