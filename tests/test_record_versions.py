"""Corrections to a statement or a note are new versions: the words they replace stay in the
audit log and the timeline names them; only an open proposal can be countered or accepted."""

from decimal import Decimal

import pytest

from mediate.domain.errors import DomainError
from mediate.domain.model import (
    AdjustmentKind,
    LineAdjustment,
    PartyRole,
    ProposalStatus,
    Proposer,
    Visibility,
)
from mediate.domain.timeline import timeline
from mediate.domain.visibility import View


def texts(store, case_id, view=View.JOINT) -> list[str]:
    return [e.text for e in timeline(store.audit_events(case_id), "EUR", "en", view)]


def test_a_corrected_statement_is_a_new_version_and_keeps_the_old_words(store, case_id):
    sid = store.record_statement(case_id, PartyRole.CLIENT, "We agred to ten hours.")
    store.restate(sid, "What I hear is that ten hours were agreed.")
    store.confirm_statement(sid)
    assert store.revise_statement(sid, "We agreed to ten hours.") == 2
    assert store.revise_statement(sid, "We agreed to ten hours of design.") == 3
    (statement,) = store.statements(case_id)
    assert statement.text == "We agreed to ten hours of design."
    assert statement.confirmed  # the party confirmed the restatement, which did not change
    shown = texts(store, case_id)
    assert "client statement corrected to version 2; it read: “We agred to ten hours.”" in shown
    assert "client statement corrected to version 3; it read: “We agreed to ten hours.”" in shown
    assert all(result.ok for result in store.verify())  # the chain holds every version


def test_a_correction_that_changes_nothing_or_empties_the_statement_is_refused(store, case_id):
    sid = store.record_statement(case_id, PartyRole.CLIENT, "Ten hours.")
    with pytest.raises(DomainError, match="unchanged"):
        store.revise_statement(sid, "  Ten hours. ")
    with pytest.raises(DomainError, match="empty"):
        store.revise_statement(sid, "   ")
    assert [e for e in texts(store, case_id) if "corrected" in e] == []


def test_a_caucus_note_corrected_stays_out_of_the_joint_timeline(store, case_id):
    nid = store.add_note(case_id, Visibility.CAUCUS_CLIENT, "Bottom line 4000")
    assert store.revise_note(nid, "Bottom line 4200") == 2
    (note,) = store.notes(case_id, View.CAUCUS_CLIENT)
    assert note.text == "Bottom line 4200"
    assert not any("4000" in t for t in texts(store, case_id))  # the joint view
    mediator = texts(store, case_id, View.CAUCUS_CLIENT)
    assert "note corrected to version 2; it read: “Bottom line 4000” (caucus: client)" in mediator


def test_a_superseded_proposal_cannot_be_countered_or_accepted(store, case_id):
    line = store.invoices(case_id)[0].lines[1]
    cut = [LineAdjustment(line_id=line.id, kind=AdjustmentKind.REDUCE_TO, value=Decimal("1900"))]
    first = store.add_proposal(case_id, Proposer.CLIENT, cut)
    store.add_proposal(case_id, Proposer.PROVIDER, [], counter_of=first)
    assert store.proposals(case_id)[0].status == ProposalStatus.SUPERSEDED
    with pytest.raises(
        DomainError, match="Proposal 1 is superseded; only an open proposal can be countered"
    ):
        store.add_proposal(case_id, Proposer.MEDIATOR, cut, counter_of=first)
    with pytest.raises(DomainError, match="only an open proposal can be accepted"):
        store.accept_proposal(first)
    assert [p.status for p in store.proposals(case_id)] == [
        ProposalStatus.SUPERSEDED,
        ProposalStatus.OPEN,
    ]
