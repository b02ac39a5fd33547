"""Forms that forgive haste: a pasted text keeps every line, Escape on a changed form asks
before discarding, and a screen key never types into a field."""

from textual import events
from textual.widgets import Button, Input, Select, TextArea

from mediate.domain.model import PartyRole
from mediate.tui.app import MediateApp
from mediate.tui.screens.clause_form import ClauseForm
from mediate.tui.screens.confirm import ConfirmScreen
from mediate.tui.screens.export_form import ExportForm
from mediate.tui.screens.note_form import NoteForm
from mediate.tui.screens.settlement import SettlementScreen
from mediate.tui.screens.statement_form import CorrectStatementForm, StatementForm
from tests.settlement_helpers import signed_settlement
from tests.test_session_screen import open_session

SIZE = (120, 40)
PASTED = "We asked for three pages.\nNobody said they would cost extra.\n\nSee the mail of 9 April."


async def paste(pilot, text: str) -> None:
    """What a terminal sends when text is pasted: the app gives it to the focused field."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def test_a_pasted_statement_keeps_every_line(db_path, store, case_id):
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_session(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StatementForm)
        await paste(pilot, PASTED)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")  # the restatement follows; not now
        await pilot.pause()
    (statement,) = store.statements(case_id)
    assert statement.text == PASTED


async def test_a_pasted_note_keeps_every_line(db_path, store, case_id):
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_session(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteForm)
        await paste(pilot, PASTED)
        await pilot.press("enter")  # a new line, not a save
        await pilot.pause()
        assert isinstance(app.screen, NoteForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
    (note,) = store.notes(case_id)
    assert note.text == PASTED


async def test_escape_on_a_changed_form_asks_before_discarding(db_path, store, case_id):
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        await pilot.press("s")
        await pilot.pause()
        form = app.screen
        await pilot.press(*"Ten hours")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Discard what you typed?" in str(app.screen.query_one(".form-title").render())
        await pilot.press("n")  # no: back to the form, with what was typed
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#text", TextArea).text == "Ten hours"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is session
        # A form left as it opened closes at once.
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteForm)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is session
    assert store.statements(case_id) == [] and store.notes(case_id) == []


async def test_a_statement_corrected_in_the_session_is_a_new_version(db_path, store, case_id):
    store.record_statement(case_id, PartyRole.CLIENT, "Design was caped at 10 hours.")
    store.record_statement(case_id, PartyRole.PROVIDER, "Every hour is logged.")
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot)
        session.query_one("#evidence").active = "tab-statements"
        await pilot.pause()
        table = session.query_one("#statements-table")
        table.focus()
        table.move_cursor(row=0)
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CorrectStatementForm)
        field = form.query_one("#text", TextArea)
        assert field.text == "Design was caped at 10 hours."  # the highlighted one
        field.load_text("Design was capped at 10 hours.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is session
    first, second = store.statements(case_id)
    assert first.text == "Design was capped at 10 hours."
    assert second.text == "Every hour is logged."
    kinds = [e["kind"] for e in store.audit_events(case_id)]
    assert kinds.count("statement.revised") == 1


async def test_the_settlement_keys_never_type_into_a_field(db_path, store):
    """Enter in "Payment reference", type, Enter: then "e" exports; it is not typed."""
    signed_settlement(store, sign=False)
    case_id = store.case_id("MED-2026-001")
    typed = "CS-2026-118 settlement (amended)"
    app = MediateApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = SettlementScreen(case_id)
        await app.push_screen(screen)
        await pilot.pause()
        button = screen.query_one("#choice-payment_reference", Button)
        button.focus()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ClauseForm)
        form.query_one("#clause-text", Input).value = typed
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and screen.focused is button
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportForm)  # the key did what the footer says
        await pilot.press("escape")
        await pilot.pause()
        # A list with focus does not take the key either.
        law = screen.query_one("#choice-governing_law", Select)
        law.focus()
        before = law.value
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportForm)
        await pilot.press("escape")
        await pilot.pause()
        assert law.value == before
    settlement = store.current_settlement(case_id)
    assert settlement.clause_choices["payment_reference"] == typed
