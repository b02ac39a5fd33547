"""Clause choices as the store keeps them: per key, so two windows never undo each other; and
combinations that contradict each other refused with a sentence when they are chosen."""

from decimal import Decimal

import pytest

from mediate.domain import laws
from mediate.domain.clauses import attestation_offered, typed_problem
from mediate.domain.errors import DomainError
from mediate.store import open_store
from tests.settlement_helpers import signed_settlement


def test_two_windows_each_setting_a_different_choice_both_keep_theirs(db_path, store):
    settlement_id = signed_settlement(store, sign=False)
    first, second = open_store(db_path), open_store(db_path)
    try:
        # Both windows read the settlement before either saves.
        assert first.settlement(settlement_id).clause_choices == (
            second.settlement(settlement_id).clause_choices
        )
        first.set_clause_choices(settlement_id, {"payment_iban": "GB33BUKB20201555555555"})
        second.set_clause_choices(settlement_id, {"place": "Utrecht"})
    finally:
        first.close()
        second.close()
    choices = store.settlement(settlement_id).clause_choices
    assert choices["payment_iban"] == "GB33BUKB20201555555555"
    assert choices["place"] == "Utrecht"
    assert choices["forum"] == "rechtbank_amsterdam"  # untouched by either


def test_an_empty_value_clears_a_choice_to_its_default(store):
    settlement_id = signed_settlement(store, sign=False)
    store.set_clause_choices(settlement_id, {"governing_law": "", "forum": ""})
    assert "governing law" in store.missing(settlement_id)
    assert store.settlement(settlement_id).clause_choices["place"] == "Amsterdam"


@pytest.mark.parametrize(
    ("choices", "sentence"),
    [
        (
            {"release_effective": "signature", "late_payment": "claim_revives"},
            "a claim released on signature cannot revive",
        ),
        (
            {"governing_law": "english_law", "forum": "rechtbank_amsterdam"},
            "goes with Dutch law, not with the law of England and Wales",
        ),
        ({"paper_size": "letter"}, "US Letter is for a party in the United States"),
        (
            {"attestation": "yes", "mediator_signs": "not_signing"},
            "the mediator must sign the agreement",
        ),
    ],
)
def test_a_contradiction_is_refused_with_a_sentence_when_chosen(store, choices, sentence):
    settlement_id = signed_settlement(store, sign=False)
    before = store.settlement(settlement_id).clause_choices
    with pytest.raises(DomainError, match=sentence):
        store.set_clause_choices(settlement_id, choices)
    assert store.settlement(settlement_id).clause_choices == before


def test_one_half_of_a_contradiction_is_judged_against_what_is_stored(store):
    """Chosen one at a time, in either order, the second half is refused."""
    settlement_id = signed_settlement(store, sign=False)
    store.set_clause_choices(settlement_id, {"release_effective": "signature"})
    with pytest.raises(DomainError, match="cannot revive"):
        store.set_clause_choices(settlement_id, {"late_payment": "claim_revives"})


def test_the_singapore_attestation_is_offered_only_between_states(store):
    settlement_id = signed_settlement(store, sign=False)
    case = store.settlement_record(settlement_id).case
    assert laws.parties_states(case) == ("NL", "GB")  # Amsterdam and Bristol
    assert attestation_offered(case)
    # The client moves to the Netherlands: both parties in one state, nothing to offer, and
    # the store refuses it with a sentence.
    client = case.parties[1]
    client.country = "Netherlands"
    store.set_party(case.id, client)
    assert not attestation_offered(store.case(case.id))
    with pytest.raises(DomainError, match="only for international settlements"):
        store.set_clause_choices(settlement_id, {"attestation": "yes"})
    # Not chosen, nothing is missing: the agreement goes out without it.
    store.set_clause_choices(settlement_id, {"attestation": "no"})
    assert store.missing(settlement_id) == []


def test_what_is_typed_is_checked_with_a_sentence():
    assert typed_problem("payment_iban", "NL91 ABNA 0417 1643 00") == ""
    assert "check digits" in typed_problem("payment_iban", "NL91 ABNA 0417 1643 01")
    assert "two letters of its country" in typed_problem("payment_iban", "12345")
    assert typed_problem("contract_date", "2026-01-12") == ""
    assert "2026-01-12" in typed_problem("contract_date", "12/01/2026")
    assert typed_problem("place", "anything at all") == ""


def test_statutory_sums_for_late_payment():
    # Besluit vergoeding voor buitengerechtelijke incassokosten, art. 2: worked by hand.
    assert laws.bik_costs(Decimal("200")) == Decimal("40.00")  # 15 % = 30, at least 40
    assert laws.bik_costs(Decimal("326.70")) == Decimal("49.01")  # 15 % of 326.70
    assert laws.bik_costs(Decimal("6000")) == Decimal("675.00")  # 375 + 250 + 50
    assert laws.bik_costs(Decimal("26045091.97")) == Decimal("6775.00")  # at most 6,775
    # Late Payment of Commercial Debts (Interest) Act 1998, s. 5A.
    assert laws.fixed_compensation("english_law", Decimal("999.99"), "GBP") == Decimal("40.00")
    assert laws.fixed_compensation("english_law", Decimal("9162"), "GBP") == Decimal("70.00")
    assert laws.fixed_compensation("english_law", Decimal("10000"), "GBP") == Decimal("100.00")
    assert laws.fixed_compensation("english_law", Decimal("9162"), "EUR") is None
    # Art. 6:96 lid 4 BW, § 288 Abs. 5 BGB: a flat EUR 40.
    assert laws.fixed_compensation("dutch_law", Decimal("5"), "EUR") == Decimal("40.00")
    assert laws.fixed_compensation("german_law", Decimal("5"), "EUR") == Decimal("40.00")
