"""The session clock: runs of the timer (started, then paused or stopped) and their total.

Each run is an audit event when it starts and one when it ends; the ending event says how many
seconds the run lasted, so the total is the sum of what the log says, never a figure kept on
the side. A run the app never ended (it was killed) is closed when the clock next starts, at the
case's last recorded action."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

STARTED = "session.clock.started"
PAUSED = "session.clock.paused"
STOPPED = "session.clock.stopped"
ENDED = (PAUSED, STOPPED)


@dataclass(frozen=True)
class SessionTime:
    """The seconds of the runs that ended, and when the run under way (if any) started."""

    total: int = 0
    runs: int = 0
    running_since: datetime | None = None

    @property
    def running(self) -> bool:
        return self.running_since is not None

    def seconds(self, now: datetime) -> int:
        """The total including the run under way, up to ``now``."""
        if self.running_since is None:
            return self.total
        return self.total + run_seconds(self.running_since, now)


def run_seconds(started: datetime, ended: datetime) -> int:
    """Whole seconds from ``started`` to ``ended`` (never less than 0: a clock set back)."""
    return max(0, int((ended - started).total_seconds()))


def session_time(events: Iterable[tuple[str, datetime, int]]) -> SessionTime:
    """The clock from its events in order: (kind, at, seconds the event says a run lasted)."""
    total = runs = 0
    since: datetime | None = None
    for kind, at, seconds in events:
        if kind == STARTED:
            since = at
        elif kind in ENDED and since is not None:
            total += max(0, seconds)
            runs += 1
            since = None
    return SessionTime(total, runs, since)


def clock_text(seconds: float) -> str:
    """01:02:03: hours (as many as there are), minutes, seconds."""
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def duration_words(seconds: int) -> str:
    """ "2 h 05 min" (or "35 min"): a session's length as a record states it."""
    minutes = (seconds + 30) // 60
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"
