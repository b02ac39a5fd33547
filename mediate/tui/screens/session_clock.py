"""The session screen's clock: each run (start, pause, stop) a store verb with its audit event,
the time shown ticking from what the store recorded. It does not run on a case that is signed
off or withdrawn: those show their final time."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from mediate.domain.errors import DomainError
from mediate.domain.lifecycle import clock_runs
from mediate.domain.model import CaseStatus
from mediate.domain.session_time import SessionTime, clock_text
from mediate.store import Store
from mediate.store.connection import StoreError


def now() -> datetime:
    return datetime.now().astimezone()


class SessionClock:
    def __init__(self, case_id: int) -> None:
        self.case_id = case_id
        self.time = SessionTime()
        self.status: CaseStatus | None = None

    @property
    def running(self) -> bool:
        return self.time.running

    def seconds(self) -> int:
        return self.time.seconds(now())

    def _run(self, verb, *args) -> str:
        """Call a clock verb; "" or the sentence of a refusal (the time shown stays as read)."""
        try:
            self.time = verb(self.case_id, *args)
        except (DomainError, StoreError) as error:
            return str(error)
        return ""

    def follow(self, store: Store, status: CaseStatus) -> None:
        """Read the recorded time again for a case now in ``status``; a run under way on a case
        whose clock no longer runs (signed off meanwhile) is stopped."""
        self.status = status
        self.time = store.session_time(self.case_id)
        if self.time.running and not clock_runs(status):
            self._run(store.stop_clock, f"the case is {status.value.replace('_', ' ')}")

    def start(self, store: Store) -> str:
        if self.status is not None and not clock_runs(self.status):
            return ""
        return self._run(store.start_clock)

    def toggle(self, store: Store) -> str:
        """Pause the run under way, or start one (``t``)."""
        if self.running:
            return self._run(store.pause_clock)
        if self.status is not None and not clock_runs(self.status):
            return "The session clock does not run on a case that is signed off or closed."
        return self._run(store.start_clock)

    def stop(self, store: Store, why: str = "left the session") -> str:
        if not self.running:
            return ""
        return self._run(store.stop_clock, why)

    def text(self) -> Text:
        """ "⏱ 01:02:03", with "(paused)" or "(final)" when the clock does not run."""
        text = Text(f"⏱ {clock_text(self.seconds())}")
        if self.status is not None and not clock_runs(self.status):
            text.append(" (final)", style="green")
        elif not self.running:
            text.append(" (paused)", style="yellow")
        return text
