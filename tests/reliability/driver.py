"""A stand-in for a mediator at the keyboard: random session verbs against one case.

    python -m tests.reliability.driver DB SEED [--seconds S] [--count N] [--case REF]

Opens the store at DB (importing the test case when the database has none) and performs a random
sequence of session verbs: record_statement, restate, confirm, correct, add_note, add_proposal,
reject and withdraw. After each verb RETURNS it prints one line and flushes stdout, exactly when a
screen would tell the mediator the action happened:

    ok <kind> <id> [<token>]

``token`` is a unique word written into the text of the action, so a test can find that very
text in the database. A refusal by the domain (another writer closed the proposal first) prints
``refused <kind> <id>`` and goes on; any other exception ends the driver with a traceback and a
non-zero exit code. Without --seconds or --count the driver runs until it is killed (at most
``MAX_SECONDS``, so a forgotten process cannot run for ever).

``check_confirmed`` is the other half: given the printed lines, it checks that every confirmed
action is in the database.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from decimal import Decimal

from mediate.domain.errors import DomainError
from mediate.domain.model import (
    AdjustmentKind,
    LineAdjustment,
    PartyRole,
    Proposer,
    Visibility,
)
from mediate.store import Store, open_store
from tests.builders import bundle

REFERENCE = "MED-2026-001"
MAX_SECONDS = 120.0
KINDS = ("statement", "restate", "confirm", "correct", "note", "proposal", "reject", "withdraw")
WEIGHTS = (5, 3, 2, 1, 4, 3, 1, 1)


def ensure_case(store: Store, reference: str = REFERENCE) -> int:
    """The case to work on, imported from tests.builders when it is not there yet."""
    row = store.db.execute("SELECT id FROM cases WHERE reference = ?", [reference]).fetchone()
    if row:
        return row[0]
    try:
        return store.import_bundle(bundle(reference))
    except DomainError:  # another driver imported it a moment ago
        return store.case_id(reference)


class Driver:
    def __init__(self, store: Store, case_id: int, seed: int) -> None:
        self.store = store
        self.case_id = case_id
        self.seed = seed
        self.rng = random.Random(seed)
        self.n = 0
        self.line_ids = [ln.id for inv in store.invoices(case_id) for ln in inv.lines]

    def token(self) -> str:
        self.n += 1
        return f"t{self.seed}x{self.n}"

    def ids(self, sql: str) -> list[int]:
        return [r[0] for r in self.store.db.execute(sql, [self.case_id]).fetchall()]

    def step(self) -> str:
        """Perform one random verb; return the line to print."""
        kind = self.rng.choices(KINDS, WEIGHTS)[0]
        rng, store, case_id = self.rng, self.store, self.case_id
        statements = self.ids("SELECT id FROM statements WHERE case_id = ?")
        restated = self.ids("SELECT id FROM statements WHERE case_id = ? AND restatement != ''")
        open_proposals = self.ids("SELECT id FROM proposals WHERE case_id = ? AND status = 'open'")
        if kind in ("restate",) and not statements:
            kind = "statement"
        if kind in ("confirm", "correct") and not restated:
            kind = "note"
        if kind in ("reject", "withdraw") and not open_proposals:
            kind = "proposal"
        token = self.token()
        try:
            if kind == "statement":
                party = rng.choice(list(PartyRole))
                amount = rng.choice([None, Decimal(rng.randint(0, 500_000)) / 100])
                line = rng.choice([None, *self.line_ids])
                text = f"Statement {token}: the hours were {rng.choice(['fine', 'too many'])}."
                return f"ok statement {store.record_statement(case_id, party, text, amount, line)} {token}"
            if kind == "restate":
                sid = rng.choice(statements)
                store.restate(sid, f"What I hear is {token}.")
                return f"ok restate {sid} {token}"
            if kind == "confirm":
                sid = rng.choice(restated)
                store.confirm_statement(sid)
                return f"ok confirm {sid}"
            if kind == "correct":
                sid = rng.choice(restated)
                store.correct_statement(sid, f"Not quite: {token}.")
                return f"ok correct {sid} {token}"
            if kind == "note":
                visibility = rng.choice(list(Visibility))
                return f"ok note {store.add_note(case_id, visibility, f'Note {token}')} {token}"
            if kind == "proposal":
                adjustments = [
                    LineAdjustment(
                        line_id=line_id,
                        kind=AdjustmentKind.REDUCE_BY_PERCENT,
                        value=Decimal(rng.randint(1, 90)),
                    )
                    for line_id in rng.sample(self.line_ids, rng.randint(1, len(self.line_ids)))
                ]
                counter = rng.choice([None, *open_proposals[-3:]])
                pid = store.add_proposal(
                    case_id,
                    rng.choice(list(Proposer)),
                    adjustments,
                    terms=f"Terms {token}",
                    counter_of=counter,
                )
                return f"ok proposal {pid} {token}"
            pid = rng.choice(open_proposals)
            if kind == "reject":
                store.reject_proposal(pid)
            else:
                store.withdraw_proposal(pid)
            return f"ok {kind} {pid}"
        except DomainError:
            # Another writer got there first (the proposal is no longer open): a screen would
            # show the refusal as a notice. Nothing was written.
            return f"refused {kind} -"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("seed", type=int)
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--count", type=int, default=None)
    parser.add_argument("--case", default=REFERENCE)
    args = parser.parse_args(argv)
    store = open_store(args.db)
    case_id = ensure_case(store, args.case)
    print(f"ready {case_id}", flush=True)
    driver = Driver(store, case_id, args.seed)
    limit = MAX_SECONDS if args.seconds is None else min(args.seconds, MAX_SECONDS)
    end = time.monotonic() + limit
    done = 0
    while time.monotonic() < end and (args.count is None or done < args.count):
        line = driver.step()
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
        done += 1
    store.close()
    return 0


# --- checking what was confirmed -----------------------------------------------------------------


def parse_lines(output: str) -> list[tuple[str, int, str]]:
    """The confirmed actions (kind, id, token) of a driver's stdout; a torn last line is dropped."""
    actions = []
    for line in output.splitlines(keepends=True):
        if not line.endswith("\n"):
            break  # killed while writing this line: the screen never showed it
        parts = line.split()
        if parts and parts[0] == "ok":
            actions.append((parts[1], int(parts[2]), parts[3] if len(parts) > 3 else ""))
    return actions


def _events(db, case_id: int) -> list[dict]:
    return [
        {"kind": kind, **json.loads(payload)}
        for kind, payload in db.execute(
            "SELECT kind, payload FROM audit_events WHERE case_id = ? ORDER BY seq", [case_id]
        )
    ]


def check_confirmed(db, case_id: int, actions: list[tuple[str, int, str]]) -> list[str]:
    """What is missing from the database among the confirmed actions (empty: all there)."""
    problems: list[str] = []
    events = _events(db, case_id)
    updates: dict[tuple[str, int], list[tuple[str, dict]]] = {}
    for event in events:
        for change in event["changes"]:
            if change["op"] == "update":
                updates.setdefault((change["table"], change["id"]), []).append(
                    (event["kind"], change["set"])
                )
    confirms = Counter(
        event["summary"]["statement"] for event in events if event["kind"] == "statement.confirmed"
    )
    confirmed_printed: Counter = Counter()

    def row(table: str, row_id: int) -> dict | None:
        found = db.execute(f"SELECT * FROM [{table}] WHERE id = ?", [row_id])
        values = found.fetchone()
        return (
            None
            if values is None
            else dict(zip([c[0] for c in found.description], values, strict=True))
        )

    for kind, row_id, token in actions:
        where = f"ok {kind} {row_id} {token}".strip()
        if kind in ("statement", "note", "proposal"):
            table, column = {
                "statement": ("statements", "text"),
                "note": ("notes", "text"),
                "proposal": ("proposals", "terms"),
            }[kind]
            found = row(table, row_id)
            if found is None or found["case_id"] != case_id or token not in found[column]:
                problems.append(f"{where}: the {table} row is missing or holds other text")
        elif kind in ("restate", "correct"):
            column = "restatement" if kind == "restate" else "correction"
            history = updates.get(("statements", row_id), [])
            if not any(token in changes.get(column, "") for _kind, changes in history):
                problems.append(f"{where}: no audit event wrote this {column}")
        elif kind == "confirm":
            confirmed_printed[row_id] += 1
        elif kind in ("reject", "withdraw"):
            found = row("proposals", row_id)
            status = "rejected" if kind == "reject" else "withdrawn"
            if found is None or found["status"] != status:
                problems.append(f"{where}: the proposal is not {status}")
        else:
            problems.append(f"{where}: unknown kind")
    for sid, count in confirmed_printed.items():
        if confirms[sid] < count:
            problems.append(
                f"statement {sid}: confirmed {count} time(s) on screen, {confirms[sid]} in the log"
            )
    return problems


def sequence_problems(db) -> list[str]:
    """Per case, the audit sequence numbers must be exactly 1..n."""
    problems = []
    for (case_id,) in db.execute("SELECT DISTINCT case_id FROM audit_events").fetchall():
        seqs = [
            r[0]
            for r in db.execute(
                "SELECT seq FROM audit_events WHERE case_id = ? ORDER BY seq", [case_id]
            )
        ]
        if seqs != list(range(1, len(seqs) + 1)):
            problems.append(f"case {case_id}: sequence numbers are not 1..{len(seqs)}")
    return problems


if __name__ == "__main__":
    sys.exit(main())
