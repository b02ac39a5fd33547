"""The session clock's runs are audit events; the total is what they say."""

from datetime import datetime, timedelta

import pytest

from mediate.domain.errors import DomainError
from mediate.domain.session_time import clock_text, duration_words
from tests.settlement_helpers import signed_settlement

T0 = datetime.fromisoformat("2026-04-20T09:00:00+02:00")


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_runs_add_up_and_continue_after_reopening(store, case_id):
    store.start_clock(case_id, at=at(0))
    store.pause_clock(case_id, at=at(25))
    store.start_clock(case_id, at=at(40))
    clock = store.stop_clock(case_id, at=at(70))
    assert (clock.total, clock.runs, clock.running) == (55 * 60, 2, False)
    # The case opened again another day: the clock continues from the recorded total.
    clock = store.start_clock(case_id, at=at(24 * 60))
    assert clock.running and clock.seconds(at(24 * 60 + 5)) == 60 * 60
    kinds = [e["kind"] for e in store.audit_events(case_id)][-5:]
    assert kinds == [
        "session.clock.started",
        "session.clock.paused",
        "session.clock.started",
        "session.clock.stopped",
        "session.clock.started",
    ]
    assert clock_text(clock.seconds(at(24 * 60 + 5))) == "01:00:00"
    assert duration_words(55 * 60) == "55 min" and duration_words(125 * 60) == "2 h 05 min"


def test_a_run_left_open_counts_to_the_last_action(store, case_id):
    store.start_clock(case_id, at=at(0))
    store.record_statement(case_id, "client", "Design was capped.", at=at(12))
    # The app was killed: no stop. Opened the next day, the open run counts to the statement.
    clock = store.start_clock(case_id, at=at(24 * 60))
    assert clock.total == 12 * 60 and clock.running


def test_the_sign_off_that_locks_stops_the_clock_and_it_does_not_run_again(store):
    settlement_id = signed_settlement(store, sign=False)
    case_id = store.case_id("MED-2026-001")
    from mediate.domain.model import Signatory

    store.start_clock(case_id, at=at(0))
    store.sign_off(settlement_id, Signatory.PROVIDER, "Anna de Vries", "Director", at=at(10))
    store.sign_off(settlement_id, Signatory.CLIENT, "Tom Baker", "Managing Director", at=at(20))
    store.sign_off(settlement_id, Signatory.MEDIATOR, "Mira Jansen", "Mediator", at=at(30))
    clock = store.session_time(case_id)
    assert (clock.total, clock.running) == (30 * 60, False)
    with pytest.raises(DomainError, match="signed off: the session clock no longer runs"):
        store.start_clock(case_id, at=at(60))
    assert store.verify("MED-2026-001")[0].ok


def test_the_review_timeline_states_the_runs(store, case_id):
    from mediate.domain.timeline import timeline

    store.start_clock(case_id, at=at(0))
    store.pause_clock(case_id, at=at(125))
    texts = [e.text for e in timeline(store.audit_events(case_id), "EUR", "en")]
    assert texts[-1] == "session clock paused after 2 h 05 min (session time 2 h 05 min)"
