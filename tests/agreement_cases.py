"""Agreements for the legal and layout tests: a stress case of 200 lines with two signatories per
party, long names, markup characters and seven-digit amounts, and small variants by law."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from mediate.domain.model import (
    AdjustmentKind,
    Instalment,
    LineAdjustment,
    PartyRole,
    Proposer,
    Signatory,
    Signer,
)
from tests.builders import bundle, in_days, line

STRESS_PROVIDER = (
    "Internationale Handels- en Ontwikkelingsmaatschappij voor Digitale Dienstverlening "
    "[Nederland] & Partners <Holding> B.V."
)
STRESS_CLIENT = "Kestrel {Outdoor} Supplies & Adventure Equipment [UK] Limited"
STRESS_SIGNERS = {
    PartyRole.PROVIDER: (
        Signer("Anna-Maria van der Heijden-Oudshoorn", "Statutair directeur"),
        Signer("Pieter [bold]de[/] Vries", "Gevolmachtigde (procuratiehouder)"),
    ),
    PartyRole.CLIENT: (
        Signer("Fiona Marsh-Worthington", "Operations Director"),
        Signer("Jonathan O'Neill & Co", "Finance Director {0}"),
    ),
}
STRESS_NUMBER = "INV/2026/ACME-DIGITAL-SERVICES/000123"


def stress_bundle(reference: str = "MED-STRESS-200", language: str = "en"):
    """200 invoice lines, some of them seven-digit amounts; long names with markup."""
    b = bundle(reference, language=language)
    provider, client = b.case.parties
    provider.legal_name, client.legal_name = STRESS_PROVIDER, STRESS_CLIENT
    provider.seat = "Amsterdam"
    provider.country, client.country = "NL", "GB"
    client.registration = "Companies House 09518834"
    for party in (provider, client):
        first, *others = STRESS_SIGNERS[party.role]
        party.signatory, party.signatory_capacity = first.name, first.capacity
        party.co_signatories = tuple(others)
    invoice = b.invoices[0]
    invoice.number = STRESS_NUMBER
    lines = []
    for position in range(1, 201):
        description = (
            f"Work package {position}: <w:t>]]> [/] {{reference}} & "
            + ("implementation of the customer-specific integration layer " * (position % 3))
        ).strip()
        price = "5285362.35" if position % 50 == 0 else "95.00"
        qty = "1" if position % 50 == 0 else str(position % 40 + 1)
        item = line(position % 28 + 1, description, qty, price, disputed=position % 3 == 0)
        item.position = position
        lines.append(item)
    invoice.lines = lines
    invoice.declared_net = invoice.line_sum
    b.work = []  # the work log names the builder's invoice number
    return b


def stress_settlement(store, language: str = "en", sign: bool = True) -> int:
    """The stress case agreed (a third of the lines halved), chosen and, if ``sign``, signed by
    all six signatories."""
    case_id = store.import_bundle(stress_bundle(language=language))
    lines = [ln for inv in store.invoices(case_id) for ln in inv.lines]
    adjustments = [
        LineAdjustment(line_id=ln.id, kind=AdjustmentKind.REDUCE_BY_PERCENT, value=Decimal(50))
        for ln in lines
        if ln.disputed
    ]
    owed = store.money(case_id, adjustments).still_owed
    first = (owed / 3).quantize(Decimal("0.01"))
    schedule = [
        Instalment(due=in_days(30), amount=first),
        Instalment(due=in_days(60), amount=first),
        Instalment(due=in_days(90), amount=owed - 2 * first),
    ]
    proposal = store.add_proposal(
        case_id, Proposer.MEDIATOR, adjustments, schedule, terms="Hand over [all] <source> files."
    )
    settlement_id = store.accept_proposal(proposal)
    store.set_clause_choices(
        settlement_id,
        {
            "governing_law": "dutch_law",
            "forum": "rechtbank_amsterdam",
            "attestation": "yes",
            "place": "Amsterdam",
            "contract_title": "Raamovereenkomst [digitale] diensten & <onderhoud>",
            "contract_date": date(2025, 11, 3).isoformat(),
            "interest_costs": "reserved",
            "mediation_rules": "mfn",
        },
    )
    if sign:
        for role in (PartyRole.PROVIDER, PartyRole.CLIENT):
            for index, signer in enumerate(STRESS_SIGNERS[role]):
                store.sign_off(
                    settlement_id, Signatory(role.value), signer.name, signer.capacity, signer=index
                )
        store.sign_off(settlement_id, Signatory.MEDIATOR, "Mira Jansen", "Mediator")
    return settlement_id
