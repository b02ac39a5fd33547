"""A case typed in the app: parties, invoices and lines through audited store verbs, refused
where a proposal or a signature rests on them."""

from datetime import date
from decimal import Decimal

import pytest

from mediate.domain.errors import DomainError
from mediate.domain.model import (
    Case,
    CaseStatus,
    InvoiceLine,
    Party,
    PartyRole,
    Proposer,
    Signatory,
    Signer,
)
from tests.builders import pay_once
from tests.settlement_helpers import CHOICES


def typed_line(description="Design work, 2-6 March", qty="12", price="95", vat="21", **more):
    return InvoiceLine(
        position=0,
        description=description,
        quantity=Decimal(qty),
        unit="h",
        unit_price=Decimal(price),
        net_amount=Decimal(0),
        vat_rate=Decimal(vat) if vat is not None else None,
        **more,
    )


@pytest.fixture
def new_case(store) -> int:
    return store.create_case(
        Case(
            reference="MED-2026-050",
            title="Typed in",
            mediator="Mira Jansen",
            parties=[
                Party(role=PartyRole.PROVIDER, legal_name="Pixel & Co B.V."),
                Party(role=PartyRole.CLIENT, legal_name="Bakkerij Brood Ltd"),
            ],
        )
    )


def test_an_invoice_and_its_lines_typed_in(store, new_case):
    invoice_id = store.save_invoice(new_case, "INV-7", date(2026, 3, 31), date(2026, 4, 30))
    first = store.save_line(invoice_id, typed_line())
    second = store.save_line(invoice_id, typed_line("Hosting, March", "1", "40.50", disputed=True))
    (invoice,) = store.invoices(new_case)
    assert [(ln.position, ln.line_ref, ln.net_amount) for ln in invoice.lines] == [
        (1, "1", Decimal("1140.00")),
        (2, "2", Decimal("40.50")),
    ]
    assert invoice.lines[1].disputed and invoice.currency == "EUR"
    # 1,180.50 net + 21 % VAT 247.91 = 1,428.41 (the money rules read the typed lines)
    assert store.money(new_case).invoiced.gross == Decimal("1428.41")
    store.save_line(invoice_id, typed_line("Design work, 2-6 March", "10", "95", id=first))
    assert store.invoices(new_case)[0].lines[0].net_amount == Decimal("950.00")
    kinds = [e["kind"] for e in store.audit_events(new_case)]
    assert kinds[-4:] == [
        "invoice.added",
        "invoice_line.added",
        "invoice_line.added",
        "invoice_line.updated",
    ]
    assert second and store.verify("MED-2026-050")[0].ok


@pytest.mark.parametrize(
    ("line", "words"),
    [
        (typed_line(description="  "), "Description:"),
        (typed_line(qty="0"), "Quantity:"),
        (typed_line(price="-1"), "Unit price:"),
        (typed_line(vat="120"), "VAT rate:"),
    ],
)
def test_a_bad_line_is_refused_with_its_field(store, new_case, line, words):
    invoice_id = store.save_invoice(new_case, "INV-7", date(2026, 3, 31))
    with pytest.raises(DomainError, match=words):
        store.save_line(invoice_id, line)


def test_an_invoice_needs_a_number_and_a_date_once(store, new_case):
    with pytest.raises(DomainError, match="Invoice date:"):
        store.save_invoice(new_case, "INV-7", None)
    store.save_invoice(new_case, "INV-7", date(2026, 3, 31))
    with pytest.raises(DomainError, match="has an invoice INV-7 already"):
        store.save_invoice(new_case, "INV-7", date(2026, 3, 31))


def test_lines_are_not_changed_under_an_open_proposal_or_an_agreement(store, new_case):
    invoice_id = store.save_invoice(new_case, "INV-7", date(2026, 3, 31))
    line_id = store.save_line(invoice_id, typed_line())
    proposal = store.add_proposal(new_case, Proposer.MEDIATOR, [], pay_once(store, new_case, []))
    with pytest.raises(DomainError, match="Proposal 1 is open and its total rests on"):
        store.save_line(invoice_id, typed_line(qty="11", id=line_id))
    # The wording alone may still be corrected: no total changes.
    store.save_line(invoice_id, typed_line("Design work, 2-6 March 2026", id=line_id))
    settlement_id = store.accept_proposal(proposal)
    with pytest.raises(DomainError, match="The case is agreed: the invoice's lines can no longer"):
        store.save_line(invoice_id, typed_line("Design", id=line_id))
    # The invoice's number and dates are printed, not counted: they may be completed.
    store.save_invoice(new_case, "INV-2026-7", date(2026, 3, 31), invoice_id=invoice_id)
    assert store.settlement_record(settlement_id).invoices[0].number == "INV-2026-7"


def test_party_details_with_two_signatories_until_someone_signs(store, new_case):
    invoice_id = store.save_invoice(new_case, "INV-7", date(2026, 3, 31))
    store.save_line(invoice_id, typed_line())
    provider = Party(
        role=PartyRole.PROVIDER,
        legal_name="Pixel & Co B.V.",
        address="Keizersgracht 1, 1015 CJ Amsterdam",
        registration="KvK 12345678",
        signatory="Anna de Vries",
        signatory_capacity="Director",
        co_signatories=(Signer("Piet Smit", "Director"),),
    )
    client = Party(
        role=PartyRole.CLIENT,
        legal_name="Bakkerij Brood Ltd",
        address="1 High Street, Bristol BS1 1AA",
        signatory="Tom Baker",
        signatory_capacity="Managing Director",
    )
    store.set_party(new_case, provider)
    store.set_party(new_case, client)
    proposal = store.add_proposal(new_case, Proposer.MEDIATOR, [], pay_once(store, new_case, []))
    settlement_id = store.accept_proposal(proposal)
    store.set_clause_choices(settlement_id, CHOICES)
    assert store.missing(settlement_id) == []
    store.sign_off(settlement_id, Signatory.PROVIDER, "Anna de Vries", "Director")
    with pytest.raises(DomainError, match="Anna de Vries signed version 1 already"):
        store.set_party(new_case, client)
    store.sign_off(settlement_id, Signatory.PROVIDER, "Piet Smit", "Director")
    store.sign_off(settlement_id, Signatory.CLIENT, "Tom Baker", "Managing Director")
    assert store.sign_off(settlement_id, Signatory.MEDIATOR, "Mira Jansen", "Mediator")
    assert store.case(new_case).status == CaseStatus.SIGNED_OFF
    with pytest.raises(DomainError, match="is signed off: the client's details"):
        store.set_party(new_case, client)


def test_an_imported_line_with_its_own_allowance_keeps_the_files_amount(store):
    from mediate.domain.model import AllowanceCharge
    from tests.builders import bundle

    b = bundle()
    design = b.invoices[0].lines[1]
    design.allowances = [AllowanceCharge(charge=False, amount=Decimal("50"), reason="loyalty")]
    design.net_amount -= Decimal("50")
    case_id = store.import_bundle(b)
    invoice = store.invoices(case_id)[0]
    line = invoice.lines[1]
    retyped = typed_line(line.description, "31", "95", id=line.id)
    with pytest.raises(DomainError, match="allowances or charges of its own from the invoice"):
        store.save_line(invoice.id, retyped)
    store.save_line(invoice.id, typed_line("Design work (mock-ups)", "30", "95", id=line.id))
    assert store.invoices(case_id)[0].lines[1].description == "Design work (mock-ups)"
