"""A case created with n reaches a signed agreement and its export entirely in the app: the
parties, the invoice and its lines typed in forms, a proposal accepted, signed, exported to the
case's documents folder."""

from pathlib import Path

import docx
from textual.widgets import Input, Select, TextArea

from mediate.domain.model import CaseStatus
from mediate.tui.app import MediateApp
from mediate.tui.screens.case_details import CaseDetailsScreen
from mediate.tui.screens.export_form import ExportForm
from mediate.tui.screens.invoice_form import InvoiceForm, LineForm
from mediate.tui.screens.party_form import PartyForm
from mediate.tui.screens.proposal_form import ProposalForm
from mediate.tui.screens.session import SessionScreen
from mediate.tui.screens.settlement import SettlementScreen
from mediate.tui.screens.signoff_form import SignOffForm
from tests.builders import in_days

SIZE = (120, 40)


async def fill(pilot, values: dict[str, str]) -> None:
    for key, value in values.items():
        pilot.app.screen.query_one(f"#{key}", Input).value = value
    await pilot.pause()


async def save(pilot) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()


async def sign_and_export(pilot, signatures: int) -> Path:
    """On the settlement screen: the law and court chosen, every signature, the export."""
    app = pilot.app
    screen = app.screen
    assert isinstance(screen, SettlementScreen)
    screen.query_one("#choice-governing_law", Select).value = "dutch_law"
    await pilot.pause()
    screen.query_one("#choice-forum", Select).value = "rechtbank_amsterdam"
    await pilot.pause()
    checklist = str(screen.query_one("#checklist").render())
    assert "Everything the agreement needs is present" in checklist, checklist
    screen.query_one("#terms-table").focus()
    for _ in range(signatures):
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, SignOffForm)
        await save(pilot)
    assert "LOCKED" in str(screen.query_one("#settlement-header").render())
    await pilot.press("e")
    await pilot.pause()
    form = app.screen
    assert isinstance(form, ExportForm)
    folder = Path(form.query_one("#folder", Input).value)
    await save(pilot)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return folder


async def test_a_case_created_with_n_is_signed_and_exported_in_the_app(
    db_path, store, documents_folder
):
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await fill(
            pilot,
            {
                "reference": "MED-2026-050",
                "title": "Logo redesign [v2]",
                "mediator": "Mira Jansen",
                "provider": "Studio Vorm B.V.",
                "client": "Koffie & Co Ltd",
            },
        )
        await save(pilot)
        details = app.screen
        assert isinstance(details, CaseDetailsScreen)
        missing = str(details.query_one("#details-missing").render())
        assert "the address of the provider" in missing and "the disputed invoice" in missing

        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PartyForm)
        # Typed as a person types: the legal name has focus, Enter goes on to the address.
        await pilot.press("enter", *"Keizersgracht 1, 1015 CJ Amsterdam", "enter")
        await pilot.pause()
        assert app.screen.query_one("#address", Input).value.startswith("Keizersgracht 1, 10")
        await fill(
            pilot,
            {
                "registration": "KvK 12345678",
                "signatory": "Anna de Vries",
                "signatory_capacity": "Director",
            },
        )
        app.screen.query_one("#co-signatories", TextArea).load_text("Smit, P., Director\n")
        await save(pilot)
        await pilot.press("c")
        await pilot.pause()
        await fill(
            pilot,
            {
                "address": "Herengracht 2, 1015 BZ Amsterdam",
                "signatory": "Tom Baker",
                "signatory_capacity": "Managing Director",
            },
        )
        await save(pilot)

        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, InvoiceForm)
        await fill(pilot, {"number": "INV-2026-7", "issue-date": "31 March"})
        await save(pilot)
        assert "“31 March” is not a date" in str(app.screen.query_one("#form-error").render())
        await fill(pilot, {"issue-date": "2026-03-31"})
        await save(pilot)
        assert isinstance(app.screen, LineForm)  # the invoice's first line at once
        await fill(
            pilot,
            {
                "description": "Logo design, 2-6 March",
                "quantity": "12",
                "unit-price": "95",
                "vat-rate": "21",
            },
        )
        assert "€1,140.00" in str(app.screen.query_one("#line-amount").render())
        await save(pilot)
        await pilot.press("l")
        await pilot.pause()
        await fill(
            pilot,
            {"description": "Hosting, March", "quantity": "1", "unit-price": "40,50"},
        )
        await save(pilot)
        error = str(app.screen.query_one("#form-error").render())
        assert error.startswith("Unit price:"), error  # English: 40.50, and the form stays
        await fill(pilot, {"unit-price": "40.50"})
        await save(pilot)
        assert app.screen is details
        assert "✓ The record has what the agreement needs" in str(
            details.query_one("#details-missing").render()
        )

        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        session = app.screen
        assert isinstance(session, SessionScreen)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ProposalForm)
        await fill(pilot, {"schedule": str(in_days(30))})
        await save(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        folder = await sign_and_export(pilot, signatures=4)

    assert folder == documents_folder / "mediate" / "MED-2026-050"
    exported = folder / "MED-2026-050-settlement-v1-en.docx"
    text = "\n".join(p.text for p in docx.Document(exported).paragraphs)
    tables = "\n".join(
        c.text for t in docx.Document(exported).tables for r in t.rows for c in r.cells
    )
    assert "Studio Vorm B.V." in text and "Smit, P." in text + tables
    assert "Logo design, 2-6 March" in text + tables
    case = store.case("MED-2026-050")
    assert case.status == CaseStatus.SIGNED_OFF
    assert not store.session_time(case.id).running  # the sign-off stopped the clock
    kinds = {e["kind"] for e in store.audit_events(case.id)}
    assert {"party.updated", "invoice.added", "invoice_line.added"} <= kinds
    assert store.verify("MED-2026-050")[0].ok
