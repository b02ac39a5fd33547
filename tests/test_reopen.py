"""No dead ends in the store: an acceptance without a payment date is refused, an agreed
settlement nobody has signed can be reopened, a draft amendment dropped."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from mediate.domain.errors import DomainError
from mediate.domain.model import CaseStatus, ProposalStatus, Proposer, Signatory
from tests.builders import pay_once
from tests.settlement_helpers import CHOICES, signed_settlement


def test_a_proposal_without_its_payment_date_cannot_be_accepted(store, case_id):
    """The dead end of the trial: accepted with the payment field empty, the checklist asked
    for a due date for ever. Now the acceptance itself is refused with the way on."""
    bare = store.add_proposal(case_id, Proposer.CLIENT, [])
    with pytest.raises(DomainError) as refused:
        store.accept_proposal(bare)
    assert "cannot be accepted without the amount's due date: €8,022.30 is to be paid" in str(
        refused.value
    )
    assert "counter-proposal" in str(refused.value)
    assert store.case(case_id).status == CaseStatus.IN_SESSION
    assert store.current_settlement(case_id) is None
    counter = store.add_proposal(
        case_id, Proposer.PROVIDER, [], pay_once(store, case_id, []), counter_of=bare
    )
    settlement_id = store.accept_proposal(counter)
    assert "the amount's due date" not in " ".join(store.missing(settlement_id))


def test_a_schedule_no_longer_paying_what_is_owed_is_refused_at_acceptance(store, case_id):
    proposal = store.add_proposal(case_id, Proposer.MEDIATOR, [], pay_once(store, case_id, []))
    store.record_payment(case_id, Decimal("1000"), datetime.now(UTC).date())
    with pytest.raises(DomainError, match="cannot be accepted as it stands: The payment sched"):
        store.accept_proposal(proposal)


def agreed(store, case_id) -> tuple[int, int]:
    proposal = store.add_proposal(case_id, Proposer.MEDIATOR, [], pay_once(store, case_id, []))
    settlement_id = store.accept_proposal(proposal)
    store.set_clause_choices(settlement_id, CHOICES)
    return proposal, settlement_id


def test_reopening_goes_back_to_negotiating_and_keeps_the_choices(store, case_id):
    proposal, settlement_id = agreed(store, case_id)
    store.sign_off(settlement_id, Signatory.PROVIDER, "Anna de Vries", "Director")
    assert store.reopen_settlement(settlement_id, "the client wants instalments") == proposal
    assert store.case(case_id).status == CaseStatus.IN_SESSION
    assert store.proposal(proposal).status == ProposalStatus.OPEN
    assert store.current_settlement(case_id) is None
    event = store.audit_events(case_id)[-1]
    assert event["kind"] == "settlement.reopened"
    assert "Anna de Vries" in event["payload"] and "instalments" in event["payload"]
    assert store.verify(store.case(case_id).reference)[0].ok
    # Negotiating again: a counter with two instalments, accepted; the choices are kept.
    money = store.money(case_id)
    half = money.still_owed / 2
    first, second = pay_once(store, case_id, [])[0].due, pay_once(store, case_id, [])[0].due
    from mediate.domain.model import Instalment

    counter = store.add_proposal(
        case_id,
        Proposer.CLIENT,
        [],
        [Instalment(due=first, amount=half), Instalment(due=second, amount=half)],
        counter_of=proposal,
    )
    again = store.accept_proposal(counter)
    assert store.settlement(again).clause_choices == CHOICES
    assert store.missing(again) == []
    store.sign_off(again, Signatory.PROVIDER, "Anna de Vries", "Director")
    store.sign_off(again, Signatory.CLIENT, "Tom Baker", "Managing Director")
    assert store.sign_off(again, Signatory.MEDIATOR, "Mira Jansen", "Mediator")
    assert store.case(case_id).status == CaseStatus.SIGNED_OFF


def test_a_signed_settlement_is_not_reopened_and_an_amendment_is_dropped(store):
    settlement_id = signed_settlement(store)
    case_id = store.case_id("MED-2026-001")
    with pytest.raises(DomainError, match="signed off and locked"):
        store.reopen_settlement(settlement_id)
    draft = store.amend_settlement(settlement_id)
    with pytest.raises(DomainError, match="drop the amendment instead"):
        store.reopen_settlement(draft)
    assert store.drop_amendment(draft) == settlement_id
    assert store.case(case_id).status == CaseStatus.SIGNED_OFF
    assert [s.version for s in store.settlements(case_id)] == [1]
    assert store.audit_events(case_id)[-1]["kind"] == "settlement.amendment_dropped"


def test_an_agreed_case_goes_to_impasse_only_through_reopening(store, case_id):
    _, settlement_id = agreed(store, case_id)
    with pytest.raises(DomainError, match="reopen its settlement first"):
        store.change_status(case_id, CaseStatus.IMPASSE)
    store.reopen_settlement(settlement_id)
    store.change_status(case_id, CaseStatus.IMPASSE, "no agreement on the date")
    store.change_status(case_id, CaseStatus.IN_SESSION)
