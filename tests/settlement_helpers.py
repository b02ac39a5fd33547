"""A case taken all the way to a signed-off settlement, for document tests."""

from __future__ import annotations

from decimal import Decimal

from mediate.domain.model import (
    AdjustmentKind,
    Instalment,
    LineAdjustment,
    PartyRole,
    Proposer,
    Signatory,
    Visibility,
)
from tests.builders import bundle, in_days

CAUCUS_MARKER = "CAUCUS-SECRET-9f3a bottom line 3000"
CHOICES = {
    "governing_law": "dutch_law",
    "forum": "rechtbank_amsterdam",
    "attestation": "yes",
    "payment_iban": "NL91ABNA0417164300",
    "payment_reference": "MED-2026-001 settlement",
    "place": "Amsterdam",
}


FIRST_DUE = in_days(30)  # due dates still ahead when the test runs
SECOND_DUE = in_days(61)


def signed_settlement(store, language: str = "en", sign: bool = True) -> int:
    """Import, hear both sides, take a caucus note, agree, choose clauses, sign off."""
    b = bundle(language=language)
    case_id = store.import_bundle(b)
    lines = [ln for inv in store.invoices(case_id) for ln in inv.lines]
    store.record_statement(case_id, PartyRole.CLIENT, "Design was capped at 10 hours.")
    store.add_note(case_id, Visibility.CAUCUS_CLIENT, CAUCUS_MARKER)
    adjustments = [
        LineAdjustment(line_id=lines[1].id, kind=AdjustmentKind.REDUCE_TO, value=Decimal("1900")),
        LineAdjustment(line_id=lines[2].id, kind=AdjustmentKind.WITHDRAW),
    ]
    # Agreed 380.00 + 1,900.00 = 2,280.00 net, 21 % VAT 478.80: 2,758.80 in two instalments.
    proposal = store.add_proposal(
        case_id,
        Proposer.MEDIATOR,
        adjustments,
        schedule=[
            Instalment(due=FIRST_DUE, amount=Decimal("1379.40")),
            Instalment(due=SECOND_DUE, amount=Decimal("1379.40")),
        ],
        terms="The Provider hands over the design source files by 15 May 2026.",
    )
    settlement_id = store.accept_proposal(proposal)
    store.set_clause_choices(settlement_id, CHOICES)
    if sign:
        store.sign_off(settlement_id, Signatory.PROVIDER, "Anna de Vries", "Director")
        store.sign_off(settlement_id, Signatory.CLIENT, "Tom Baker", "Managing Director")
        store.sign_off(settlement_id, Signatory.MEDIATOR, "Mira Jansen", "Mediator")
    return settlement_id
