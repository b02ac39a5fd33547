"""The settlement: agreed terms per line, clause choices, checklist, sign-off, export."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, DataTable, Label, Select, Static

from mediate.domain import laws
from mediate.domain.clauses import (
    BY_KEY,
    CHOICES,
    Choice,
    attestation_offered,
    option_name,
    signature_slots,
    with_defaults,
)
from mediate.domain.errors import DomainError
from mediate.domain.model import AdjustmentKind
from mediate.domain.money import format_money
from mediate.services.export import Exported
from mediate.store.connection import StoreError
from mediate.tui.export_flow import start_export
from mediate.tui.screens.clause_form import ClauseForm, ClauseText
from mediate.tui.screens.confirm import ConfirmScreen
from mediate.tui.screens.help import HelpScreen
from mediate.tui.screens.settlement_reopen import reopen, settlement_way_on
from mediate.tui.screens.signoff_form import SignOffForm, SignOffInput
from mediate.tui.widgets.key_footer import KeyFooter
from mediate.tui.widgets.money_table import money_table

TREATMENT = {
    AdjustmentKind.KEEP: "accepted",
    AdjustmentKind.REDUCE_TO: "reduced",
    AdjustmentKind.REDUCE_BY_PERCENT: "reduced",
    AdjustmentKind.WITHDRAW: "withdrawn",
}


NARROW = 100  # columns: below this the clause choices go below the terms

# Choices whose value may be "not chosen yet" (the checklist asks for them).
BLANK_ALLOWED = ("governing_law", "forum")


def choice_options(choice: Choice, law: str = "") -> list[tuple[Text, str]]:
    """The options a Select lists for ``choice``: the courts only of ``law`` when one is chosen."""
    values = choice.listed
    if choice.key == "forum" and law in laws.BY_LAW:
        values = tuple(f.key for f in laws.BY_LAW[law].forums)
    return [(Text(option_name(choice.key, v)), v) for v in values]


def text_label(value: str) -> Content:
    """What a text choice's button shows: the text as stored (never read as markup), on one
    line, or that none is typed yet."""
    shown = " ".join(value.split())
    return Content(shown[:200] if shown else "(none yet: Enter to type)")


class SettlementScreen(Screen[None]):
    DEFAULT_CSS = """
    SettlementScreen .choice-help { color: $text-muted; text-style: italic; width: 100%; }
    SettlementScreen .choice-text {
        width: 100%; text-align: left; content-align: left middle; padding: 0 1;
    }
    """
    BINDINGS = [
        Binding("escape", "back", "Session", id="settlement.back", tooltip="Back to the session"),
        Binding(
            "g",
            "sign_off",
            "Sign off",
            id="settlement.sign_off",
            tooltip="A signatory confirms the terms; the last signature needed locks them",
        ),
        Binding(
            "e",
            "export",
            "Export .docx",
            id="settlement.export",
            tooltip="Write the agreement as .docx",
        ),
        Binding(
            "m",
            "amend",
            "Amend",
            id="settlement.amend",
            tooltip="Draft a new version of a signed settlement",
        ),
        Binding(
            "r",
            "reopen",
            "Reopen",
            id="settlement.reopen",
            tooltip="Back to negotiating: the acceptance undone, its proposal open again "
            "(a draft amendment is dropped instead)",
        ),
        Binding(
            "d",
            "details",
            "Case details",
            id="settlement.details",
            tooltip="Type what the checklist asks of the record: addresses, signatories, invoice",
        ),
        Binding("f1", "help", "Help", id="settlement.help", tooltip="Every key of this screen"),
    ]

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id

    def compose(self) -> ComposeResult:
        yield Static(id="settlement-header")
        with Horizontal(id="settlement-body"):
            # The terms, the figures and the sign-offs scroll together: on a short terminal the
            # table keeps its rows and the figures follow below it.
            with VerticalScroll(id="settlement-terms"):
                yield DataTable(id="terms-table", cursor_type="row")
                yield Static(id="settlement-total")
                yield Static(id="signoffs")
            with VerticalScroll(id="settlement-side"):
                yield Label("Checklist", classes="section-title")
                yield Static(id="checklist")
                yield Label("Clause choices", classes="section-title")
                yield Label(
                    "A list saves as it changes; Enter on a text opens it to type.",
                    classes="choice-help",
                )
                for choice in CHOICES:
                    yield Label(choice.label, classes="choice-label", id=f"label-{choice.key}")
                    if choice.help:
                        yield Label(choice.help, classes="choice-help", id=f"help-{choice.key}")
                    if choice.options:
                        blank = choice.key in BLANK_ALLOWED
                        yield Select(
                            choice_options(choice),
                            allow_blank=blank,
                            prompt="choose…",
                            id=f"choice-{choice.key}",
                            value=Select.NULL if blank else choice.default,
                        )
                    else:
                        yield Button(
                            text_label(""),
                            id=f"choice-{choice.key}",
                            compact=True,
                            classes="choice-text",
                            tooltip=f"Type {choice.label.lower()}",
                        )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_choices()

    def show_choices(self) -> None:
        """Every widget at the stored choice: the courts of the chosen law, and the Singapore
        attestation only where the parties are in different states (or it was chosen)."""
        choices = with_defaults(self.settlement.clause_choices)
        courts = choice_options(BY_KEY["forum"], choices["governing_law"])
        if courts != getattr(self, "courts", None):  # new options clear the list's value
            self.courts = courts
            self.query_one("#choice-forum", Select).set_options(courts)
        for choice in CHOICES:
            widget = self.query_one(f"#choice-{choice.key}")
            value = choices[choice.key]
            if isinstance(widget, Select):
                options = courts if choice.key == "forum" else choice_options(choice)
                if value in {v for _, v in options}:
                    widget.value = value
                elif choice.key in BLANK_ALLOWED:
                    widget.clear()
            elif isinstance(widget, Button):
                widget.label = text_label(value)
        offered = attestation_offered(self.record.case) or choices["attestation"] == "yes"
        for prefix in ("label", "help", "choice"):
            self.query_one(f"#{prefix}-attestation").display = offered

    def _choices_loaded(self) -> None:
        self.loading_choices = False

    def refresh_choices(self) -> None:
        """Read the settlement again and set every choice's widget to what is stored (what
        another window saved included), without saving what that sets."""
        self.loading_choices = True
        self.reload()
        self.show_choices()
        self.call_after_refresh(self._choices_loaded)

    # --- data --------------------------------------------------------------------------------------

    def reload(self) -> None:
        store = self.app.store
        self.settlement = store.current_settlement(self.case_id)
        self.record = store.settlement_record(self.settlement.id)
        self.missing = store.missing(self.settlement.id)  # the store's gate, shown here
        case = self.record.case
        self.money = lambda amount: format_money(amount, case.currency, case.language.value)
        self.show_header()
        self.show_terms()
        self.show_checklist()
        self.show_signoffs()
        for choice in CHOICES:
            self.query_one(f"#choice-{choice.key}").disabled = self.settlement.locked or bool(
                self.settlement.signoffs
            )

    def show_header(self) -> None:
        s, case = self.settlement, self.record.case
        state = "LOCKED" if s.locked else "draft"
        text = Text()
        text.append(f" {case.reference} ", style="bold reverse")
        text.append(f" settlement version {s.version} · {state}")
        if s.amends:
            text.append(" · amends the previous version")
        text.append(f" · fingerprint {self.record.fingerprint[:16]}…", style="dim")
        self.query_one("#settlement-header", Static).update(text)

    def on_resize(self) -> None:
        # Under 100 columns the choices go below the terms, which then have the whole width
        # for their amounts (see the stylesheet's ``-narrow``); the widths follow the new layout.
        self.set_class(self.size.width < NARROW, "-narrow")
        if hasattr(self, "record"):
            self.show_terms()
            self.call_after_refresh(self.show_terms)

    def show_terms(self) -> None:
        """The agreed terms per line. Amounts and the treatment come before the description,
        which gets the width that is left (never less than 12): the money is never cut."""
        table = self.query_one("#terms-table", DataTable)
        money = self.record.money
        rows = [
            (
                Text(doc.number + (" CN" if doc.credit_note else "")),
                line.label,
                line.description,
                Text(self.money(doc.sign * line.invoiced), justify="right"),
                TREATMENT[line.treatment],
                Text(self.money(doc.sign * line.agreed), justify="right"),
            )
            for doc in money.invoices
            for line in doc.lines
        ]
        fixed = [
            max([len(title), *(len(str(r[i])) for r in rows)])
            for i, title in (
                (0, "Invoice"),
                (1, "Line"),
                (3, "Invoiced"),
                (4, "Treatment"),
                (5, "Agreed"),
            )
        ]
        room = (self.query_one("#settlement-terms").size.width or 72) - 2  # a scrollbar's
        padding = 2 * table.cell_padding * 6
        description = max(12, room - sum(fixed) - padding)
        table.clear(columns=True)
        for title, width in zip(
            ("Invoice", "Line", "Description", "Invoiced", "Treatment", "Agreed"),
            (fixed[0], fixed[1], description, fixed[2], fixed[3], fixed[4]),
            strict=True,
        ):
            table.add_column(title, width=width)
        for cells in rows:
            table.add_row(
                *cells[:2],
                Text(cells[2], no_wrap=True, overflow="ellipsis"),
                *cells[3:],
            )
        proposal = self.record.proposal
        figures = Group(
            money_table(money, proposal.schedule, self.money, proposal.gross_schedule),
            *([Text.assemble(("Other terms: ", "dim"), proposal.terms)] if proposal.terms else []),
        )
        self.query_one("#settlement-total", Static).update(figures)

    def show_checklist(self) -> None:
        missing = self.missing
        text = Text()
        if missing:
            text.append("Export is blocked until these are present:\n", style="yellow")
            for item in missing:
                text.append(f" ✗ {item}\n")
        else:
            text.append("✓ Everything the agreement needs is present.", style="green")
        text.append_text(settlement_way_on(self.settlement, self.app.store, self.case_id))
        self.query_one("#checklist", Static).update(text)

    def on_screen_resume(self) -> None:
        """Back from the case details: the checklist reads the record again (unless the
        settlement was just reopened, and this screen is on its way out)."""
        if self.app.store.current_settlement(self.case_id) is not None:
            self.refresh_choices()

    def action_details(self) -> None:
        from mediate.tui.screens.case_details import CaseDetailsScreen

        self.app.push_screen(CaseDetailsScreen(self.case_id))

    def action_reopen(self) -> None:
        reopen(self)

    def show_signoffs(self) -> None:
        """Every signature the settlement needs: each signatory of each party, the mediator."""
        signed = {(s.role, s.signer): s for s in self.settlement.signoffs}
        text = Text("\nSign-offs\n", style="bold")
        for slot in signature_slots(self.record.case):
            s = signed.get((slot.role, slot.signer))
            if s:
                text.append(f" ✓ {slot.role.value}: ", style="green")
                text.append(f"{s.name}, {s.capacity}, {s.signed_at:%Y-%m-%d %H:%M}\n")
            else:
                text.append(
                    f" … {slot.role.value}: {slot.name or '(no name yet)'}, not yet\n", style="dim"
                )
        self.query_one("#signoffs", Static).update(text)

    # --- choices are saved as they change ---------------------------------------------------------

    def save_choice(self, key: str, value: str) -> None:
        """Save one choice from a list as it changes: only that choice, so what another window
        changed meanwhile stays. The store refuses a combination that contradicts itself with a
        sentence; the list then goes back to what is stored."""
        if self.loading_choices or self.settlement.locked:
            return
        current = with_defaults(self.settlement.clause_choices)
        if current.get(key) == value:
            return
        choices = {key: value}
        moved = key == "governing_law" and not laws.forum_fits(value, current["forum"])
        if moved:  # the court chosen belongs to the old law: choose again among the new one's
            choices["forum"] = ""
        try:
            self.app.store.set_clause_choices(self.settlement.id, choices)
        except (DomainError, StoreError) as error:
            self.notify(str(error), severity="error", markup=False, timeout=10)
            self.refresh_choices()
            return
        self.refresh_choices()
        if moved:
            self.notify("Choose the competent court for the law now chosen.", markup=False)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id and event.select.id.startswith("choice-"):
            value = "" if event.value is Select.NULL else str(event.value)
            self.save_choice(event.select.id.removeprefix("choice-"), value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id and event.button.id.startswith("choice-"):
            self.edit_text(event.button.id.removeprefix("choice-"))

    def edit_text(self, key: str) -> None:
        """Type one clause choice in a form that saves only that choice; a refusal keeps the
        form open with the text typed."""
        if self.settlement.locked or self.settlement.signoffs:
            return
        settlement_id = self.settlement.id

        def save(result: ClauseText) -> None:
            self.app.store.set_clause_choices(settlement_id, {result.key: result.value})

        def done(result: ClauseText | None) -> None:
            if result is not None:
                self.refresh_choices()

        value = self.settlement.clause_choices.get(key, "")
        self.app.push_screen(ClauseForm(BY_KEY[key], value).saving(save), done)

    # --- actions -----------------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self, "settlement"))

    def action_sign_off(self) -> None:
        if self.settlement.locked:
            self.notify("This version is signed off and locked. Press m to amend it.")
            return
        if self.missing:
            self.notify(
                "Complete the checklist before signing: " + "; ".join(self.missing),
                severity="warning",
                markup=False,
            )
            return
        signed = {(s.role, s.signer) for s in self.settlement.signoffs}
        pending = [
            slot
            for slot in signature_slots(self.record.case)
            if (slot.role, slot.signer) not in signed
        ]

        settlement_id, locked = self.settlement.id, []

        def save(result: SignOffInput) -> None:
            locked.append(
                self.app.store.sign_off(
                    settlement_id, result.role, result.name, result.capacity, signer=result.signer
                )
            )

        def done(result: SignOffInput | None) -> None:
            if result is None:
                return
            self.reload()
            self.notify(
                "Everyone has signed: the settlement is locked."
                if locked[-1]
                else f"{result.name} signed off.",
                markup=False,
            )

        form = SignOffForm(self.record.case, pending, self.record.fingerprint)
        self.app.push_screen(form.saving(save), done)

    def action_export(self) -> None:
        if self.missing:
            self.notify(
                "Export is blocked; missing: " + "; ".join(self.missing),
                severity="warning",
                markup=False,
            )
            return

        def written(exported: Exported, _language: str) -> None:
            self.notify(
                f"Wrote {exported.path} (SHA-256 {exported.sha256[:16]}…)",
                markup=False,
                timeout=10,
            )

        start_export(self, self.case_id, written)

    def action_amend(self) -> None:
        if not self.settlement.locked:
            self.notify("This version is not locked yet; change its choices directly.")
            return

        def done(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.app.store.amend_settlement(self.settlement.id)
            except (DomainError, StoreError) as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.refresh_choices()
            self.notify(
                f"Version {self.settlement.version} drafted; it amends version {self.settlement.version - 1}."
            )

        self.app.push_screen(
            ConfirmScreen(
                "Amend the signed settlement?",
                "A new version is drafted; the signed one stays as it is.",
            ),
            done,
        )
