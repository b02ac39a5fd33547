"""Replaying a recorded session through the store's own verbs, with the recorded times."""

from __future__ import annotations

from mediate.domain.errors import DomainError
from mediate.domain.line_refs import find_line
from mediate.domain.model import LineAdjustment, ProposalStatus
from mediate.domain.session_script import (
    ScriptBid,
    ScriptBidding,
    ScriptCosts,
    ScriptDecision,
    ScriptNote,
    ScriptPayment,
    ScriptProposal,
    ScriptRelease,
    ScriptReveal,
    ScriptStatement,
    SessionScript,
)


def replay_negotiation(store, case_id: int, event) -> int | None:
    """A caucus calculation or a step of blind bidding; the id of the proposal a revealed
    settlement made, else None."""
    from mediate.domain.court_cost_inputs import Estimates, cost_inputs
    from mediate.domain.visibility import CAUCUS_OF, view_of

    if isinstance(event, ScriptCosts):
        estimates = Estimates(
            party=event.party,
            chance=event.chance,
            months=event.months,
            own_costs=event.own_costs,
            other_costs=event.other_costs,
            commercial=event.commercial,
            claimant_company=event.claimant_company,
        )
        view = view_of(CAUCUS_OF[event.party])
        inputs = cost_inputs(
            store.case(case_id),
            store.invoices(case_id),
            store.payments(case_id),
            store.proposals(case_id, view),
            estimates,
            on=event.at.date(),
        )
        store.record_court_costs(case_id, event.party, inputs, at=event.at)
    elif isinstance(event, ScriptBidding):
        if event.next_round:
            store.next_bid_round(case_id, at=event.at)
        else:
            store.agree_blind_bidding(
                case_id, event.rounds, event.band, event.pay_days, at=event.at
            )
    elif isinstance(event, ScriptBid):
        store.enter_bid(case_id, event.party, event.amount, at=event.at)
    else:
        return store.reveal_bids(case_id, at=event.at).proposal_id
    return None


def replay_session(store, case_id: int, script: SessionScript) -> None:
    """Apply every event in order (call inside ``store.batch()`` with the import)."""
    invoices = store.invoices(case_id)

    def line_id(ref: str) -> int:
        try:
            found = find_line(invoices, ref).line.id
        except DomainError as error:
            raise DomainError(f"session.toml: {error}") from None
        assert found is not None
        return found

    proposal_ids: dict[int, int] = {}
    made: dict[str, list[int]] = {"statement": [], "note": [], "proposal": []}
    settlement_id = None
    for event in script.events:
        if isinstance(event, ScriptStatement):
            sid = store.record_statement(
                case_id,
                event.party,
                event.text,
                event.claimed_amount,
                line_id(event.line) if event.line else None,
                at=event.at,
                visibility=event.visibility,
            )
            made["statement"].append(sid)
            when = event.restated_at or event.at
            if event.restatement:
                store.restate(sid, event.restatement, at=when)
                if event.confirmed:
                    store.confirm_statement(sid, at=when)
                elif event.correction:
                    store.correct_statement(sid, event.correction, at=when)
        elif isinstance(event, ScriptNote):
            made["note"].append(store.add_note(case_id, event.visibility, event.text, at=event.at))
        elif isinstance(event, ScriptProposal):
            counter = proposal_ids.get(event.counter_of) if event.counter_of else None
            if event.counter_of and counter is None:
                raise DomainError(
                    f"session.toml counters proposal {event.counter_of}, which comes later or not at all."
                )
            adjustments = [
                LineAdjustment(line_id=line_id(a.line), kind=a.kind, value=a.value)
                for a in event.adjustments
            ]
            pid = store.add_proposal(
                case_id,
                event.by,
                adjustments,
                event.schedule,
                event.terms,
                counter,
                at=event.at,
                visibility=event.visibility,
            )
            proposal_ids[len(proposal_ids) + 1] = pid
            made["proposal"].append(pid)
        elif isinstance(event, ScriptPayment):
            store.record_payment(
                case_id, event.amount, event.paid_on, event.reference, "session", at=event.at
            )
        elif isinstance(event, ScriptRelease):
            ids = made[event.kind]
            if not 1 <= event.number <= len(ids):
                raise DomainError(
                    f"session.toml releases {event.kind} {event.number}, which comes later or "
                    "not at all."
                )
            store.release_from_caucus(event.kind, ids[event.number - 1], at=event.at)
        elif isinstance(event, ScriptCosts | ScriptBidding | ScriptBid | ScriptReveal):
            settled = replay_negotiation(store, case_id, event)
            if settled is not None:
                proposal_ids[len(proposal_ids) + 1] = settled
                made["proposal"].append(settled)
        elif isinstance(event, ScriptDecision):
            pid = proposal_ids.get(event.proposal)
            if pid is None:
                raise DomainError(
                    f"session.toml decides on proposal {event.proposal}, which was not made."
                )
            if event.action == "accept":
                settlement_id = store.accept_proposal(pid, at=event.at)
            elif store.proposal(pid).status == ProposalStatus.OPEN:
                getattr(store, f"{event.action}_proposal")(pid, at=event.at)
    if script.choices or script.signoffs:
        if settlement_id is None:
            raise DomainError("session.toml has a [settlement] but no accepted proposal.")
        if script.choices:
            store.set_clause_choices(settlement_id, script.choices, at=script.choices_at)
        for signoff in script.signoffs:
            store.sign_off(
                settlement_id, signoff.role, signoff.name, signoff.capacity, at=signoff.at
            )
