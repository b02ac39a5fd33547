"""The session clock's runs, recorded as audit events: started, paused, stopped.

The total session time of a case is read from those events (``domain/session_time``). The clock
runs only while the case is negotiated or signed; the sign-off that locks a settlement stops it."""

from __future__ import annotations

import json
from datetime import datetime

from mediate.domain.errors import DomainError
from mediate.domain.lifecycle import clock_runs, label
from mediate.domain.session_time import (
    PAUSED,
    STARTED,
    STOPPED,
    SessionTime,
    run_seconds,
    session_time,
)
from mediate.store.base import StoreBase
from mediate.store.writes import serialized, write


def read_session_time(store: StoreBase, case_id: int) -> SessionTime:
    rows = store.db.execute(
        "SELECT kind, at, payload FROM audit_events WHERE case_id = ? "
        "AND kind IN (?, ?, ?) ORDER BY seq",
        [case_id, STARTED, PAUSED, STOPPED],
    ).fetchall()
    return session_time(
        (kind, datetime.fromisoformat(at), int(json.loads(payload)["summary"].get("seconds", 0)))
        for kind, at, payload in rows
    )


def end_run(
    store: StoreBase,
    case_id: int,
    at: datetime,
    kind: str,
    why: str,
    until: datetime | None = None,
) -> int | None:
    """End the run under way (if any) with an event of ``kind`` at ``at``, counting it up to
    ``until`` (``at`` when not given); its seconds, or None when no run was under way."""
    clock = read_session_time(store, case_id)
    if clock.running_since is None:
        return None
    seconds = run_seconds(clock.running_since, until or at)
    summary = {"seconds": seconds, "total": clock.total + seconds, "why": why}
    with write(store.db, case_id, store.moment(at), "mediator", kind, summary):
        pass
    return seconds


def _last_action(store: StoreBase, case_id: int) -> datetime | None:
    row = store.db.execute(
        "SELECT at FROM audit_events WHERE case_id = ? AND kind NOT LIKE 'session.clock.%' "
        "ORDER BY seq DESC LIMIT 1",
        [case_id],
    ).fetchone()
    return datetime.fromisoformat(row[0]) if row else None


class SessionClockVerbs(StoreBase):
    def session_time(self, case_id: int) -> SessionTime:
        """The case's session time: the runs recorded, and the one under way."""
        return read_session_time(self, case_id)

    @serialized
    def start_clock(self, case_id: int, at: datetime | None = None) -> SessionTime:
        """Start a run of the session clock (nothing when one is under way in this window).

        A run left open by an app that ended without stopping it is closed first, at the
        case's last recorded action (or where it started: no time is invented)."""
        status = self.case_status(case_id)
        if not clock_runs(status):
            raise DomainError(
                f"The case is {label(status)}: the session clock no longer runs on it."
            )
        now = at or self.clock()
        clock = read_session_time(self, case_id)
        if clock.running_since is not None:
            last = _last_action(self, case_id)
            ended = max(clock.running_since, min(last or clock.running_since, now))
            end_run(self, case_id, now, STOPPED, "left open: counted to its last action", ended)
        with write(self.db, case_id, self.moment(now), "mediator", STARTED, {"total": clock.total}):
            pass
        return read_session_time(self, case_id)

    @serialized
    def pause_clock(self, case_id: int, at: datetime | None = None) -> SessionTime:
        """Pause the run under way (``t`` in the session)."""
        end_run(self, case_id, at or self.clock(), PAUSED, "paused")
        return read_session_time(self, case_id)

    @serialized
    def stop_clock(
        self, case_id: int, why: str = "left the session", at: datetime | None = None
    ) -> SessionTime:
        """Stop the run under way: the session screen was left, the app quit, or signed off."""
        end_run(self, case_id, at or self.clock(), STOPPED, why)
        return read_session_time(self, case_id)
