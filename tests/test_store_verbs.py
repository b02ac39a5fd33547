"""Every store verb writes its rows and exactly one audit event, and validates through the domain."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from mediate.domain.errors import DomainError
from mediate.domain.model import (
    AdjustmentKind,
    CaseStatus,
    Instalment,
    LineAdjustment,
    Party,
    PartyRole,
    ProposalStatus,
    Proposer,
    Signatory,
    Visibility,
)
from tests.builders import bundle, in_days, pay_once
from tests.settlement_helpers import CHOICES


def events(store, case_id):
    return [e["kind"] for e in store.audit_events(case_id)]


def lines(store, case_id):
    return [ln for inv in store.invoices(case_id) for ln in inv.lines]


def test_import_writes_everything_with_one_event(store, case_id):
    assert events(store, case_id) == ["case.imported"]
    summary = store.summary(case_id)
    assert summary.invoiced == Decimal("6630.00")
    assert summary.disputed == Decimal("6250.00")
    assert store.count("work_entries", case_id) == 2
    assert store.count("clauses", case_id) == 2
    linked = [w.invoice_line_id for w in store.work_entries(case_id)]
    assert linked[0] == lines(store, case_id)[0].id and linked[1] is None


def test_second_import_is_refused_and_replace_keeps_the_chain(store, case_id):
    with pytest.raises(DomainError, match="already in the database"):
        store.import_bundle(bundle())
    again = store.import_bundle(bundle(), replace=True)
    assert again == case_id
    assert events(store, case_id) == ["case.imported", "case.reimported"]
    assert store.count("invoice_lines", case_id) == 3
    assert store.verify()[0].ok


def _statement(s, c):
    return s.record_statement(c, PartyRole.CLIENT, "Too many hours.")


def _restated(s, c):
    sid = _statement(s, c)
    s.restate(sid, "What I hear is that the hours are too many.")
    return sid


def _proposal(s, c):
    return s.add_proposal(c, Proposer.CLIENT, [], schedule=pay_once(s, c, []))


def _settlement(s, c):
    """An accepted proposal whose agreement is complete (ready to sign)."""
    sid = s.accept_proposal(_proposal(s, c))
    s.set_clause_choices(sid, CHOICES)
    return sid


def _locked(s, c):
    sid = _settlement(s, c)
    for role in (Signatory.PROVIDER, Signatory.CLIENT, Signatory.MEDIATOR):
        s.sign_off(sid, role, "A Name", "Director")
    return sid


# verb -> (preparation returning an id, the verb applied to that id)
PREPARED = {
    "restate": (_statement, lambda s, i: s.restate(i, "What I hear is that it is too much.")),
    "confirm_statement": (_restated, lambda s, i: s.confirm_statement(i)),
    "correct_statement": (_restated, lambda s, i: s.correct_statement(i, "Not quite.")),
    "reject_proposal": (_proposal, lambda s, i: s.reject_proposal(i)),
    "withdraw_proposal": (_proposal, lambda s, i: s.withdraw_proposal(i)),
    "accept_proposal": (_proposal, lambda s, i: s.accept_proposal(i)),
    "set_clause_choices": (_settlement, lambda s, i: s.set_clause_choices(i, {"place": "Utrecht"})),
    "sign_off": (
        _settlement,
        lambda s, i: s.sign_off(i, Signatory.CLIENT, "Tom Baker", "Director"),
    ),
    "amend_settlement": (_locked, lambda s, i: s.amend_settlement(i)),
    "record_export": (_locked, lambda s, i: s.record_export(i, "a.docx", "0" * 64, "en")),
    "import_bundle (replace)": (
        lambda s, c: c,
        lambda s, i: s.import_bundle(bundle(), replace=True),
    ),
}


@pytest.mark.parametrize("verb", sorted(PREPARED))
def test_every_other_verb_appends_exactly_one_event(store, case_id, verb):
    prepare, apply = PREPARED[verb]
    target = prepare(store, case_id)
    before = store.db.execute("SELECT COUNT(*) FROM audit_events").fetchone()[0]
    apply(store, target)
    assert store.db.execute("SELECT COUNT(*) FROM audit_events").fetchone()[0] == before + 1
    assert all(r.ok for r in store.verify())


VERBS = {
    "create_case": lambda s, c: s.create_case(bundle("MED-NEW").case),
    "set_party": lambda s, c: s.set_party(
        c, Party(role=PartyRole.CLIENT, legal_name="New Name Ltd")
    ),
    "change_status": lambda s, c: s.change_status(c, CaseStatus.IMPASSE, "no movement"),
    "record_statement": lambda s, c: s.record_statement(c, PartyRole.CLIENT, "Too many hours."),
    "add_note": lambda s, c: s.add_note(c, Visibility.CAUCUS_CLIENT, "Budget is tight."),
    "add_proposal": lambda s, c: s.add_proposal(c, Proposer.CLIENT, []),
}


@pytest.mark.parametrize("verb", sorted(VERBS))
def test_each_verb_appends_exactly_one_event(store, case_id, verb):
    before = store.db.execute("SELECT COUNT(*) FROM audit_events").fetchone()[0]
    VERBS[verb](store, case_id)
    after = store.db.execute("SELECT COUNT(*) FROM audit_events").fetchone()[0]
    assert after == before + 1
    assert all(r.ok for r in store.verify())


def test_statement_restatement_confirmation_each_one_event(store, case_id):
    sid = store.record_statement(
        case_id,
        PartyRole.CLIENT,
        "We never asked for 30 hours of design.",
        claimed_amount=Decimal("1900.00"),
        invoice_line_id=lines(store, case_id)[1].id,
    )
    store.restate(sid, "What I hear is that the design hours were never agreed.")
    store.correct_statement(sid, "Agreed were 10 hours, not none.")
    store.restate(sid, "What I hear is that 10 design hours were agreed, not 30.")
    store.confirm_statement(sid)
    assert events(store, case_id)[1:] == [
        "statement.recorded",
        "statement.restated",
        "statement.corrected",
        "statement.restated",
        "statement.confirmed",
    ]
    (statement,) = store.statements(case_id)
    assert statement.confirmed and statement.claimed_amount == Decimal("1900.00")
    assert statement.restatement.startswith("What I hear is that 10")
    assert store.case(case_id).status == CaseStatus.IN_SESSION


def test_empty_texts_are_refused(store, case_id):
    with pytest.raises(DomainError, match="empty"):
        store.record_statement(case_id, PartyRole.CLIENT, "   ")
    with pytest.raises(DomainError, match="restatement to confirm"):
        store.confirm_statement(store.record_statement(case_id, PartyRole.CLIENT, "x"))


def test_proposals_total_counter_and_accept(store, case_id):
    _, l2, l3 = lines(store, case_id)
    first = store.add_proposal(
        case_id,
        Proposer.CLIENT,
        [
            LineAdjustment(line_id=l2.id, kind=AdjustmentKind.REDUCE_TO, value=Decimal("950")),
            LineAdjustment(
                line_id=l3.id, kind=AdjustmentKind.REDUCE_BY_PERCENT, value=Decimal("25")
            ),
        ],
    )
    assert store.proposal(first).total == Decimal("380.00") + Decimal("950.00") + Decimal("2550.00")
    counter = store.add_proposal(
        case_id,
        Proposer.PROVIDER,
        [
            LineAdjustment(line_id=l2.id, kind=AdjustmentKind.REDUCE_TO, value=Decimal("1900")),
        ],
        # 380 + 1,900 + 3,400 = 5,680.00 net; 21 % VAT 1,192.80: 6,872.80 still owed.
        schedule=[
            Instalment(due=in_days(30), amount=Decimal("3436.40")),
            Instalment(due=in_days(61), amount=Decimal("3436.40")),
        ],
        counter_of=first,
    )
    assert store.proposal(first).status == ProposalStatus.SUPERSEDED
    settlement_id = store.accept_proposal(counter)
    assert store.case(case_id).status == CaseStatus.AGREED
    assert store.settlement(settlement_id).version == 1
    with pytest.raises(DomainError):
        store.accept_proposal(first)


def test_schedule_must_add_up_to_the_total(store, case_id):
    with pytest.raises(DomainError, match="adds up to"):
        store.add_proposal(
            case_id,
            Proposer.MEDIATOR,
            [],
            schedule=[Instalment(due=in_days(30), amount=Decimal("100.00"))],
        )


def test_sign_off_by_all_three_locks_and_fingerprints(store, case_id):
    proposal = store.add_proposal(
        case_id, Proposer.MEDIATOR, [], schedule=pay_once(store, case_id, [])
    )
    sid = store.accept_proposal(proposal)
    store.set_clause_choices(sid, CHOICES)
    assert not store.sign_off(sid, Signatory.PROVIDER, "Anna de Vries", "Director")
    assert not store.sign_off(sid, Signatory.CLIENT, "Tom Baker", "Managing Director")
    assert store.sign_off(sid, Signatory.MEDIATOR, "Mira Jansen", "Mediator")
    settlement = store.settlement(sid)
    assert settlement.locked and len(settlement.fingerprint) == 64
    assert store.case(case_id).status == CaseStatus.SIGNED_OFF
    with pytest.raises(DomainError, match="locked"):
        store.set_clause_choices(sid, {"governing_law": "other"})
    assert events(store, case_id)[-1] == "settlement.signed"
    assert all(r.ok for r in store.verify())


def test_huge_and_awkward_amounts_survive_storage(store, case_id):
    amount = Decimal("999999999999.99")  # the largest amount mediate records
    sid = store.record_statement(case_id, PartyRole.PROVIDER, "All of it.", claimed_amount=amount)
    assert store.statements(case_id)[0].claimed_amount == amount
    with pytest.raises(DomainError, match="larger than mediate can record"):
        store.record_statement(
            case_id, PartyRole.PROVIDER, "More.", claimed_amount=Decimal("1000000000000000.01")
        )
    assert len(store.statements(case_id)) == 1
    tiny = Decimal("0.1") + Decimal("0.2")
    store.record_statement(case_id, PartyRole.CLIENT, "Almost nothing.", claimed_amount=tiny)
    assert store.statements(case_id)[1].claimed_amount == Decimal("0.30")
    assert sid


def test_sign_off_and_export_refuse_an_incomplete_agreement(store, case_id):
    """The checklist gate is the store's: any caller, not only a screen, is refused."""
    schedule = pay_once(store, case_id, [])
    sid = store.accept_proposal(store.add_proposal(case_id, Proposer.MEDIATOR, [], schedule))
    missing = store.missing(sid)
    assert "governing law" in missing
    with pytest.raises(DomainError, match="not complete, so it cannot be signed off; missing: "):
        store.sign_off(sid, Signatory.PROVIDER, "Anna de Vries", "Director")
    with pytest.raises(DomainError, match="not complete, so it cannot be exported"):
        store.record_export(sid, "a.docx", "0" * 64, "en")
    assert store.settlement(sid).signoffs == []
    assert [e["kind"] for e in store.audit_events(case_id)][-1] == "proposal.accepted"
    store.set_clause_choices(sid, CHOICES)
    assert store.missing(sid) == []


def test_an_instalment_cannot_fall_due_before_the_proposal(store, case_id):
    late = pay_once(store, case_id, [], due=date.today() - timedelta(days=1))
    with pytest.raises(DomainError, match="before the proposal is even made"):
        store.add_proposal(case_id, Proposer.MEDIATOR, [], schedule=late)
