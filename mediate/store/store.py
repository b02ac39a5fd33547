"""The Store: one open database and the verbs that change it."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from mediate.store.audit import VerifyResult, verify_all, verify_case
from mediate.store.bid_verbs import BidVerbs
from mediate.store.case_edit_verbs import CaseEditVerbs
from mediate.store.case_verbs import CaseVerbs
from mediate.store.caucus_verbs import CaucusVerbs
from mediate.store.connection import connect
from mediate.store.court_cost_verbs import CourtCostVerbs
from mediate.store.intake_verbs import IntakeVerbs
from mediate.store.joint_verbs import JointVerbs
from mediate.store.location import resolve_db_path
from mediate.store.payment_verbs import PaymentVerbs
from mediate.store.read_api import ReadAPI
from mediate.store.reopen_verbs import ReopenVerbs
from mediate.store.rows import iso_moment
from mediate.store.session_clock_verbs import SessionClockVerbs
from mediate.store.session_verbs import SessionVerbs
from mediate.store.settlement_verbs import SettlementVerbs
from mediate.store.writes import transaction


def local_now() -> datetime:
    return datetime.now().astimezone()


class Store(
    ReadAPI,
    CaseVerbs,
    CaseEditVerbs,
    IntakeVerbs,
    SessionVerbs,
    CaucusVerbs,
    PaymentVerbs,
    SettlementVerbs,
    ReopenVerbs,
    SessionClockVerbs,
    JointVerbs,
    BidVerbs,
    CourtCostVerbs,
):
    """A mediate database. Verbs write their rows and one audit event in one transaction."""

    def __init__(self, db: Database, path: Path, clock: Callable[[], datetime] = local_now) -> None:
        self.db = db
        self.path = path
        self.clock = clock
        self.warnings: list[str] = []  # about the file's permissions, said when it opened

    def moment(self, at: datetime | None = None) -> str:
        return iso_moment(at or self.clock())

    def now_text(self) -> str:
        return self.moment()

    def wait_for_lock(self, seconds: float) -> None:
        """How long a verb waits for another program's write before it is refused as busy."""
        self.db.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the database file and empty it (best effort: another
        program reading keeps its pages), so replaced text does not linger in the log."""
        if not self.db.conn.in_transaction:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def batch(self) -> AbstractContextManager[None]:
        """Several verbs in one transaction: all of them are written, or none."""
        return transaction(self.db)

    def verify(self, reference: str | None = None) -> list[VerifyResult]:
        if reference is None:
            return verify_all(self.db)
        return [verify_case(self.db, self.case_id(reference))]

    def close(self) -> None:
        self.db.conn.close()


def open_store(path: str | Path | None = None, read_only: bool = False) -> Store:
    """Open (creating and migrating when needed) the database at ``path`` or the default one.

    ``read_only``: the caller only reads, so a database the user cannot write opens read-only."""
    resolved = resolve_db_path(path)
    db, warnings = connect(resolved, read_only)
    store = Store(db, resolved)
    store.warnings = warnings
    return store
