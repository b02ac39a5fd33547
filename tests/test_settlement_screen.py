"""The settlement screen: checklist, clause choices saved as they change, sign-off, export."""

import docx
from textual.widgets import Button, Input, Select, TextArea

from mediate.domain.clauses import CHOICES
from mediate.domain.model import CaseStatus, Signatory
from mediate.tui.app import MediateApp
from mediate.tui.screens.clause_form import ClauseForm
from mediate.tui.screens.settlement import SettlementScreen
from mediate.tui.screens.signoff_form import SignOffForm
from tests.settlement_helpers import signed_settlement

SIZE = (120, 40)


async def open_settlement(pilot, case_id) -> SettlementScreen:
    await pilot.pause()
    screen = SettlementScreen(case_id)
    await pilot.app.push_screen(screen)
    await pilot.pause()
    return screen


async def test_choices_checklist_signoff_and_export(db_path, store, tmp_path, monkeypatch):
    settlement_id = signed_settlement(store, sign=False)
    # Nothing chosen yet but the place: every other choice cleared back to its default.
    cleared = {choice.key: "" for choice in CHOICES}
    store.set_clause_choices(settlement_id, {**cleared, "place": "Amsterdam"})
    case_id = store.case_id("MED-2026-001")
    monkeypatch.chdir(tmp_path)
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settlement(pilot, case_id)
        checklist = str(screen.query_one("#checklist").render())
        assert "governing law" in checklist and "competent court" in checklist
        assert "attestation" not in checklist  # optional: offered, never required
        await pilot.press("e")
        await pilot.pause()
        assert app.screen is screen, "export must be blocked while the checklist has gaps"

        # The law and the court come from lists; the courts listed are the chosen law's.
        screen.query_one("#choice-governing_law", Select).value = "dutch_law"
        await pilot.pause()
        screen.query_one("#choice-forum", Select).value = "rechtbank_amsterdam"
        await pilot.pause()
        # Provider in Amsterdam, client in Bristol: the Singapore attestation is offered.
        assert screen.query_one("#choice-attestation", Select).display
        screen.query_one("#choice-attestation", Select).value = "yes"
        await pilot.pause()
        assert "Everything the agreement needs is present" in str(
            screen.query_one("#checklist").render()
        )
        assert store.settlement(settlement_id).clause_choices["forum"] == "rechtbank_amsterdam"

        screen.query_one("#terms-table").focus()
        for key in ("enter", "ctrl+s", "enter"):  # each signs, as the form's help line says
            await pilot.press("g")
            await pilot.pause()
            assert isinstance(app.screen, SignOffForm)
            await pilot.press(key)
            await pilot.pause()
        assert "LOCKED" in str(screen.query_one("#settlement-header").render())
        assert screen.query_one("#choice-forum", Select).disabled

        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#folder", Input).value = str(tmp_path) + "/"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()  # the export runs in a worker
        await pilot.pause()
    settlement = store.settlement(settlement_id)
    assert settlement.locked and [s.name for s in settlement.signoffs] == [
        "Anna de Vries",
        "Tom Baker",
        "Mira Jansen",
    ]
    assert store.case(case_id).status == CaseStatus.SIGNED_OFF
    exported = tmp_path / "MED-2026-001-settlement-v1-en.docx"
    text = "\n".join(p.text for p in docx.Document(exported).paragraphs)
    printed = store.signed_documents(settlement.id)["en"].fingerprint  # recorded at sign-off
    assert printed in text and "DRAFT" not in text


async def test_amendment_drafts_a_new_version(db_path, store):
    signed_settlement(store)
    case_id = store.case_id("MED-2026-001")
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settlement(pilot, case_id)
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "version 2 · draft" in str(screen.query_one("#settlement-header").render())
    first, second = store.settlements(case_id)
    assert first.locked and not second.locked and second.amends == first.id
    assert store.case(case_id).status == CaseStatus.AGREED


async def test_a_refused_sign_off_keeps_the_form_open_with_what_was_typed(db_path, store):
    """Another window signs for the provider while this one's form is open: the refusal is
    shown in the form, with the name and capacity as typed."""
    settlement_id = signed_settlement(store, sign=False)
    case_id = store.case_id("MED-2026-001")
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settlement(pilot, case_id)
        screen.query_one("#terms-table").focus()
        await pilot.press("g")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SignOffForm)
        form.query_one("#name", Input).value = "Anna M. de Vries"
        form.query_one("#capacity", Input).value = "Statutair directeur"
        store.sign_off(settlement_id, Signatory.PROVIDER, "Anna de Vries", "Director")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form, "a refused sign-off must keep the form open"
        assert "already signed off" in str(form.query_one("#form-error").render())
        assert form.query_one("#name", Input).value == "Anna M. de Vries"
        assert form.query_one("#capacity", Input).value == "Statutair directeur"
        # The next signatory signs through the same form.
        form.query_one("#role", Select).value = 1
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
    assert [s.name for s in store.settlement(settlement_id).signoffs] == [
        "Anna de Vries",
        "Tom Baker",
    ]


async def test_a_text_choice_is_typed_in_a_form_that_keeps_a_refused_text(db_path, store):
    settlement_id = signed_settlement(store, sign=False)
    case_id = store.case_id("MED-2026-001")
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settlement(pilot, case_id)
        screen.query_one("#choice-payment_iban", Button).press()
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ClauseForm)
        field = form.query_one("#clause-text", Input)
        assert field.value == "NL91ABNA0417164300"  # what is stored
        field.value = "NL92 ABNA 0417 1643 00"  # one check digit mistyped
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "wrong check digits" in str(form.query_one("#form-error").render())
        assert field.value == "NL92 ABNA 0417 1643 00"
        field.value = "NL02 ABNA 0123 4567 89"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert "NL02 ABNA 0123 4567 89" in str(screen.query_one("#choice-payment_iban").label)
        # Long text keeps its lines; markup in it is text.
        screen.query_one("#choice-obligations", Button).press()
        await pilot.pause()
        area = app.screen.query_one("#clause-text", TextArea)
        area.text = "Hand over the [bold]files[/].\nDelete the test site."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
    choices = store.settlement(settlement_id).clause_choices
    assert choices["payment_iban"] == "NL02 ABNA 0123 4567 89"
    assert choices["obligations"] == "Hand over the [bold]files[/].\nDelete the test site."
    assert choices["forum"] == "rechtbank_amsterdam"  # the other choices as they were
