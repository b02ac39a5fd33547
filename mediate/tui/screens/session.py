"""The live session: both positions side by side, the evidence at hand, proposals until agreement."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from mediate.domain.errors import DomainError
from mediate.domain.lifecycle import label, read_only, schedule_missing
from mediate.domain.model import (
    Invoice,
    PartyRole,
    Proposal,
    ProposalStatus,
    Proposer,
    Statement,
    Visibility,
)
from mediate.domain.money import format_money
from mediate.domain.negotiation import check_open, invoice_totals, positions
from mediate.domain.settlement_money import as_invoiced
from mediate.domain.visibility import View, made_in, session_view
from mediate.store.connection import StoreError
from mediate.tui.screens.blind_bidding import bidding_status, blind_bid
from mediate.tui.screens.confirm import ConfirmScreen
from mediate.tui.screens.help import HelpScreen
from mediate.tui.screens.note_form import NoteForm
from mediate.tui.screens.payment_form import PaymentForm, PaymentInput
from mediate.tui.screens.proposal_form import ProposalForm, ProposalInput
from mediate.tui.screens.restate_form import RestateForm, Restatement
from mediate.tui.screens.session_clock import SessionClock
from mediate.tui.screens.session_guards import (
    RECORDING_ACTIONS,
    confirm_close,
    leave_question,
    way_on,
)
from mediate.tui.screens.session_keys import PRESENTATION_ACTIONS, SESSION_KEYS
from mediate.tui.screens.statement_form import (
    CorrectStatementForm,
    StatementForm,
    StatementInput,
)
from mediate.tui.widgets.evidence_contract import ContractEvidence
from mediate.tui.widgets.evidence_invoice import InvoiceEvidence
from mediate.tui.widgets.evidence_mail import MailEvidence
from mediate.tui.widgets.evidence_tabs import EvidenceTabs, Tab
from mediate.tui.widgets.evidence_worklog import WorklogEvidence
from mediate.tui.widgets.key_footer import KeyFooter
from mediate.tui.widgets.money_strip import MoneyStrip
from mediate.tui.widgets.party_card import PartyCard
from mediate.tui.widgets.record_tables import (
    NOTE_COLUMNS,
    PROPOSAL_COLUMNS,
    STATEMENT_COLUMNS,
    RecordTable,
    default_proposal,
    default_statement,
    fill_notes,
    fill_proposals,
    fill_statements,
    record_table,
)
from mediate.tui.widgets.shared_screen import LinksScreen, SharedScreenStatus, point

FAILED = object()  # what run_verb returns when the store refused the action
SHORT = 32  # rows: below this the cards and the evidence's figures take less room
RECORD_TABS = {  # tab -> (its table, the kind of record a release names)
    "tab-statements": ("statements-table", "statement"),
    "tab-notes": ("notes-table", "note"),
    "tab-proposals": ("proposals-table", "proposal"),
}


class SessionScreen(Screen[None]):
    """One case in session. Every action is written through a store verb before it shows.

    What the screen reads depends on who is in the room (``view``): in a caucus, the joint
    record and that caucus; in the joint session, the joint view and presentation mode, the joint
    record only. The store applies the rule; the screen only says who is looking.
    """

    BINDINGS = SESSION_KEYS
    AUTO_FOCUS = "#evidence TabBar"  # the evidence tabs, the active one lit, not a party's card

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id
        self.caucus: PartyRole | None = None
        self.joint_view = False
        self.presenting = False  # presentation mode: locked to the joint view of this case
        self.session_clock = SessionClock(case_id)  # its runs recorded by the store
        self.line_id: int | None = None  # the invoice line the evidence tabs show
        self.header_length = 0
        self.cost_estimates: dict[PartyRole, object] = {}  # each caucus's last cost estimates

    # --- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Read once here for the invoice tab, which is built at once; the first reload uses it.
        self.figures = self.app.store.invoice_figures(self.case_id)
        self.figures_fresh = True
        self._invoices: list[Invoice] | None = None
        yield Static(id="session-header")
        yield Static(id="caucus-banner")
        yield SharedScreenStatus(self.case_id, id="shared-screen")  # mediate serve
        yield MoneyStrip(id="money")
        with Horizontal(id="cards"):
            with VerticalScroll(id="provider-scroll", classes="card"):
                yield PartyCard(id="provider-card")
            with VerticalScroll(id="client-scroll", classes="card"):
                yield PartyCard(id="client-card")
        yield EvidenceTabs(
            [
                Tab(
                    "Invoice",
                    "tab-invoice",
                    lambda: [InvoiceEvidence(self.case_id, self.figures, id="invoice-evidence")],
                ),
                # Built when first shown, on the invoice line chosen by then.
                Tab(
                    "Contract",
                    "tab-contract",
                    lambda: [ContractEvidence(self.case_id, self.line_id, id="contract-evidence")],
                ),
                Tab(
                    "Work log",
                    "tab-worklog",
                    lambda: [WorklogEvidence(self.case_id, self.line_id, id="worklog-evidence")],
                ),
                Tab(
                    "Correspondence",
                    "tab-mail",
                    lambda: [MailEvidence(self.case_id, self.line_id, id="mail-evidence")],
                ),
                Tab(
                    "Statements",
                    "tab-statements",
                    lambda: [record_table("statements-table", STATEMENT_COLUMNS)],
                ),
                Tab(
                    "Notes",
                    "tab-notes",
                    lambda: [Static(id="notes-hint"), record_table("notes-table", NOTE_COLUMNS)],
                ),
                Tab(
                    "Proposals",
                    "tab-proposals",
                    lambda: [record_table("proposals-table", PROPOSAL_COLUMNS)],
                ),
            ],
            id="evidence",
        )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()
        refused = self.session_clock.start(self.app.store)  # opening the case starts a run
        if refused:
            self.notify(refused, severity="warning", markup=False)
        self.show_header()
        self.set_interval(1, self.show_header)
        self.shown_event = self.app.store.last_event(self.case_id)  # see on_screen_resume

    def on_screen_resume(self) -> None:
        """Back from a form, the case details or the settlement: what they changed shows, the
        invoice tab included. Every change writes an audit event, so the screen is read again
        only when the case's latest event is not the one it last showed (not after help, a
        cancelled form, or as the screen opens)."""
        if not hasattr(self, "case"):
            return
        latest = self.app.store.last_event(self.case_id)
        if latest == self.shown_event:
            return
        self.shown_event = latest
        self.reload()
        for evidence in self.query(InvoiceEvidence):
            evidence.figures = self.figures
            evidence.refresh_data()

    def on_evidence_tabs_tab_activated(self, event: EvidenceTabs.TabActivated) -> None:
        if event.built:
            {
                "tab-statements": self.show_statements,
                "tab-notes": self.show_notes,
                "tab-proposals": self.show_proposals,
            }.get(event.tab_id, lambda: None)()

    def built(self, tab_id: str) -> bool:
        """Whether a tab's content exists yet (a tab not yet shown has nothing to update)."""
        return self.query_one(EvidenceTabs).is_built(tab_id)

    # --- data ------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the case record again and show it (after every verb)."""
        store = self.app.store
        view = self.view
        self.case = store.case(self.case_id)
        self.session_clock.follow(store, self.case.status)
        if not self.figures_fresh:
            self.figures = store.invoice_figures(self.case_id)
        self.figures_fresh = False
        self._invoices = None  # read again with their lines when next needed
        self.statements = store.statements(self.case_id, view)
        self.notes = store.notes(self.case_id, view)
        self.proposals = store.proposals(self.case_id, view)
        invoiced, undisputed = invoice_totals(self.figures, self.case.currency)
        self.positions = positions(self.proposals, invoiced, undisputed)
        self.show_header()
        self.show_banner()
        as_billed, paid = as_invoiced(
            self.figures, store.payments(self.case_id), self.case.currency
        )
        self.query_one(MoneyStrip).show(
            self.positions, as_billed, paid, self.case.currency, self.lang
        )
        self.show_cards()
        self.show_statements()
        self.show_notes()
        self.show_proposals()
        self.refresh_bindings()

    @property
    def invoices(self) -> list[Invoice]:
        """The invoices with their lines, read when a form or a figure needs them (the screen
        itself shows each document's totals, ``Store.invoice_figures``, and a page of lines)."""
        if self._invoices is None:
            self._invoices = self.app.store.invoices(self.case_id)
        return self._invoices

    @property
    def lang(self) -> str:
        return self.case.language.value

    def money(self, amount) -> str:
        return format_money(amount, self.case.currency, self.lang)

    def show_header(self) -> None:
        text = Text()
        text.append(f" {self.case.reference} ", style="bold reverse")
        text.append(" ")
        title_at = len(text)
        text.append(self.case.title, style="bold")
        title_end = len(text)
        text.append(f"  ·  {label(self.case.status)}  ·  ")
        text.append_text(self.session_clock.text())
        text = self.fit_title(text, title_at, title_end)
        # Ticking every second: lay the screen out again only when the header's length changed
        # (it may wrap onto another line then); a new time of the same length is only repainted.
        resized = len(text) != self.header_length
        self.header_length = len(text)
        self.query_one("#session-header", Static).update(text, layout=resized)

    def fit_title(self, text: Text, start: int, end: int) -> Text:
        """The header on one line: the title gives way (cut, with an ellipsis) to the rest."""
        width = self.size.width
        excess = text.cell_len - width
        if width <= 0 or excess <= 0:
            return text
        cut = max(end - excess - 1, start + 8)
        return Text.assemble(text[:cut], ("…", "bold"), text[end:])

    def on_resize(self) -> None:
        """A short terminal gives the rows to the evidence (see the stylesheet's ``-short``)."""
        self.set_class(self.size.height < SHORT, "-short")
        if hasattr(self, "case"):
            self.show_header()

    def show_banner(self) -> None:
        banner = self.query_one("#caucus-banner", Static)
        if self.presenting:
            banner.update(
                Text(
                    " PRESENTATION: the joint view of this case only; nothing from a caucus "
                    "is shown (p asks before leaving)",
                    style="bold",
                )
            )
        elif self.joint_view:
            banner.update(
                Text(" JOINT VIEW: caucus statements, notes, proposals and figures are hidden")
            )
        elif self.caucus:
            banner.update(
                Text(
                    f" CAUCUS WITH THE {self.caucus.value.upper()}: the other party is not present"
                    " · k cost of court · b blind bid",
                    style="bold",
                )
            )
        bidding = (
            ""
            if self.joint_view or self.presenting
            else bidding_status(self.app.store, self.case_id)
        )
        if bidding and not self.caucus:
            banner.update(Text(f" {bidding}", style="bold"))
        way = way_on(self.case.status)  # every state but a plain session says its way on
        if way and not (self.joint_view or self.caucus or self.presenting or bidding):
            banner.update(way)
        on = self.joint_view or self.caucus or self.presenting or bidding or way
        banner.set_class(bool(on), "on")
        banner.set_class(self.joint_view or self.presenting, "joint")

    def show_cards(self) -> None:
        for role, position in (
            (PartyRole.PROVIDER, self.positions.ask),
            (PartyRole.CLIENT, self.positions.offer),
        ):
            party = self.case.party(role)
            name = party.legal_name if party else "(no party recorded)"
            self.query_one(f"#{role.value}-scroll").border_title = Text(
                f"{role.value.capitalize()}: {name}"
            )
            self.query_one(f"#{role.value}-card", PartyCard).show(
                role,
                self.case.party(role),
                self.money(position),
                [s for s in self.statements if s.party == role],
                [p for p in self.proposals if p.proposed_by.value == role.value],
                self.case.currency,
                self.lang,
            )

    def show_statements(self) -> None:
        if self.built("tab-statements"):
            fill_statements(
                self.query_one("#statements-table", RecordTable),
                self.statements,
                self.case.currency,
                self.lang,
            )

    @property
    def view(self) -> View:
        """Who is looking: a caucus shows its own material, the joint session joint material."""
        return session_view(self.caucus, self.joint_view or self.presenting)

    def show_notes(self) -> None:
        if not self.built("tab-notes"):
            return
        hint = self.query_one("#notes-hint", Static)
        if self.view == View.JOINT and self.caucus is None and not self.notes:
            hint.update(Text("No joint notes yet: press n to take one.", style="dim"))
        elif self.view == View.JOINT:
            hint.update(Text("Joint notes only: caucus notes are not shown here.", style="dim"))
        else:
            hint.update(
                Text(f"Joint notes and the {self.caucus.value}'s caucus notes.", style="dim")
            )
        fill_notes(self.query_one("#notes-table", RecordTable), self.notes)

    def show_proposals(self) -> None:
        if self.built("tab-proposals"):
            fill_proposals(
                self.query_one("#proposals-table", RecordTable), self.proposals, self.money
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Every action stays in the footer; those that cannot apply now are shown dimmed.
        In presentation mode only looking through the joint evidence (and leaving) is offered."""
        if action == "presentation":
            return parameters != (self.presenting,)
        if self.presenting:
            return action in PRESENTATION_ACTIONS
        if not hasattr(self, "proposals"):
            return True
        if read_only(self.case.status) and action in RECORDING_ACTIONS:
            return None  # signed off or withdrawn: the record is only looked at (the banner says)
        if action == "release":
            return True if self.caucus is not None and not self.joint_view else None
        open_proposal = any(p.status == ProposalStatus.OPEN for p in self.proposals)
        if action in ("counter", "accept", "reject", "withdraw"):
            return True if open_proposal else None
        if action == "caucus":  # end the caucus, or go to the other party's (not the same one)
            role = parameters[0] if parameters else ""
            here = self.caucus.value if self.caucus is not None else ""
            return True if role != here and not self.joint_view else None
        if action == "settlement":
            return True if self.case.status.value in ("agreed", "signed_off") else None
        if action == "all_lines":
            return True if self.line_id is not None else None
        if action == "payment":
            return None if self.case.status.value in ("agreed", "signed_off") else True
        return True

    # --- helpers ---------------------------------------------------------------------------------

    def run_verb(self, verb, *args, **kwargs):
        """Call a store verb; a refusal becomes a notice and FAILED, success reloads the screen."""
        try:
            result = verb(*args, **kwargs)
        except (DomainError, StoreError) as error:
            self.notify(str(error), severity="error", markup=False)
            return FAILED
        self.reload()
        return result

    def _lines(self):
        return [(inv.number, ln) for inv in self.invoices for ln in inv.lines]

    def _selected_row_key(self, table_id: str, tab_id: str) -> int | None:
        if self.query_one(EvidenceTabs).active != tab_id:
            return None
        table = self.query_one(f"#{table_id}", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(key.value)

    def target_statement(self) -> Statement | None:
        """The highlighted statement on the Statements tab, else the latest not confirmed."""
        chosen = self._selected_row_key("statements-table", "tab-statements")
        if chosen is not None:
            return next(s for s in self.statements if s.id == chosen)
        return default_statement(self.statements)

    def target_proposal(self) -> Proposal | None:
        """The highlighted proposal on the Proposals tab, else the latest open one."""
        chosen = self._selected_row_key("proposals-table", "tab-proposals")
        if chosen is not None:
            return next(p for p in self.proposals if p.id == chosen)
        return default_proposal(self.proposals)

    def answerable(self, proposal: Proposal, answer: str) -> bool:
        """Whether ``proposal`` may be answered now; if not, the rule's sentence is shown (the
        store refuses the same: the screen only spares filling in a form it would refuse)."""
        try:
            check_open(proposal.number, proposal.status, answer)
        except DomainError as error:
            self.notify(str(error), severity="error", markup=False)
            return False
        return True

    # --- evidence ------------------------------------------------------------------------------

    def on_invoice_evidence_line_selected(self, message: InvoiceEvidence.LineSelected) -> None:
        self.show_line(message.line_id)

    def show_line(self, line_id: int | None) -> None:
        """The contract, work log and mail of one invoice line (None: of every line)."""
        self.line_id = line_id
        for widget in self.query("#contract-evidence, #worklog-evidence, #mail-evidence"):
            widget.show_line(line_id)
        self.refresh_bindings()

    def action_all_lines(self) -> None:
        self.show_line(None)

    # --- actions -----------------------------------------------------------------------------------

    def action_back(self) -> None:
        """Leave the session; while its clock runs, ask first (the run is recorded as it ends)."""
        if not self.session_clock.running:
            self.app.pop_screen()
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.stop_clock()
                self.app.pop_screen()

        self.app.push_screen(ConfirmScreen(*leave_question(self.session_clock)), done)

    def stop_clock(self, why: str = "left the session") -> None:
        refused = self.session_clock.stop(self.app.store, why)
        if refused:
            self.notify(refused, severity="error", markup=False)

    def action_details(self) -> None:
        from mediate.tui.screens.case_details import CaseDetailsScreen

        self.app.push_screen(CaseDetailsScreen(self.case_id))

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self, "live session"))

    def action_tab(self, step: int) -> None:
        self.query_one(EvidenceTabs).step(step)

    def action_timer(self) -> None:
        refused = self.session_clock.toggle(self.app.store)
        if refused:
            self.notify(refused, severity="warning", markup=False)
        self.show_header()

    def action_statement(self) -> None:
        party = self.caucus or PartyRole.CLIENT

        saved: list[int] = []

        def save(result: StatementInput) -> None:
            saved.append(
                self.app.store.record_statement(
                    self.case_id,
                    result.party,
                    result.text,
                    result.claimed_amount,
                    result.invoice_line_id,
                    visibility=made_in(self.caucus),
                )
            )

        def done(result: StatementInput | None) -> None:
            if result is None:
                return
            self.reload()
            self.restate(next(s for s in self.statements if s.id == saved[-1]))

        form = StatementForm(party, self._lines(), self.lang, self.case.currency)
        self.app.push_screen(form.saving(save), done)

    def action_restate(self) -> None:
        statement = self.target_statement()
        if statement is None:
            self.notify("Every statement is confirmed. Press s to record a new one.")
            return
        self.restate(statement)

    def restate(self, statement: Statement) -> None:
        store = self.app.store

        def save(result: Restatement) -> None:
            with store.batch():  # the restatement and the party's answer, or nothing
                if result.text != statement.restatement:
                    store.restate(statement.id, result.text)
                if result.confirmed:
                    store.confirm_statement(statement.id)
                elif result.correction:
                    store.correct_statement(statement.id, result.correction)

        def done(result: Restatement | None) -> None:
            if result is not None:
                self.reload()

        self.app.push_screen(RestateForm(statement).saving(save), done)

    def action_note(self) -> None:
        visibility = made_in(self.caucus)

        def save(text: str) -> None:
            self.app.store.add_note(self.case_id, visibility, text)

        def done(text: str | None) -> None:
            if text:
                self.reload()
                self.notify(
                    "Caucus note saved." if visibility != Visibility.JOINT else "Note saved."
                )

        self.app.push_screen(NoteForm(visibility).saving(save), done)

    def action_correct(self) -> None:
        """Correct the words of the highlighted statement or note: a new version of it, the
        words it replaces kept in the audit log and named in the timeline."""
        active = self.query_one(EvidenceTabs).active
        if active == "tab-notes":
            chosen = self._selected_row_key("notes-table", active)
            note = next((n for n in self.notes if n.id == chosen), None)
            if note is None:
                self.notify("There is no note to correct yet.", severity="warning")
                return
            note_id = note.id

            def save_note(text: str) -> None:
                self.app.store.revise_note(note_id, text)

            def noted(text: str | None) -> None:
                if text:
                    self.reload()
                    self.notify("Note corrected; the earlier words stay in the record.")

            form = NoteForm(note.visibility, note.text, "Correct the note")
            self.app.push_screen(form.saving(save_note), noted)
            return
        statement = (
            self.target_statement()
            if active == "tab-statements"
            else (self.statements[-1] if self.statements else None)
        )
        if statement is None:
            self.notify("There is no statement to correct yet.", severity="warning")
            return
        statement_id = statement.id

        def save(text: str) -> None:
            self.app.store.revise_statement(statement_id, text)

        def done(text: str | None) -> None:
            if text:
                self.reload()
                self.notify("Statement corrected; the earlier words stay in the record.")

        self.app.push_screen(CorrectStatementForm(statement).saving(save), done)

    def action_caucus(self, role: str) -> None:
        if role and self.joint_view:
            self.notify("Leave joint view (j) before a caucus.", severity="warning")
            return
        leaving = self.caucus
        self.caucus = PartyRole(role) if role else None
        if leaving is not None:
            self.app.clear_notifications()  # nothing said in the caucus stays on screen
        self.reload()
        self.notify(
            f"Caucus with the {role}: only the {role} is present."
            if role
            else "Back in the joint session: caucus material is hidden."
        )

    def action_joint_view(self) -> None:
        self.joint_view = not self.joint_view
        if self.joint_view:
            self.caucus = None
            self.app.clear_notifications()
        self.reload()

    def action_payment(self) -> None:
        def save(result: PaymentInput) -> None:
            self.app.store.record_payment(
                self.case_id, result.amount, result.paid_on, result.reference
            )

        def done(result: PaymentInput | None) -> None:
            if result is not None:
                self.reload()
                self.notify(f"Payment of {self.money(result.amount)} recorded.", markup=False)

        self.app.push_screen(PaymentForm(self.case.currency, self.lang).saving(save), done)

    def action_presentation(self, on: bool) -> None:
        """Enter presentation mode at once; leaving it asks first."""
        if on:
            self.presenting, self.caucus = True, None
            self.app.clear_notifications()
            self.reload()
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.presenting = False
                self.reload()

        self.app.push_screen(
            ConfirmScreen(
                "Leave presentation mode?",
                "Stop sharing the screen first: outside presentation mode a caucus shows its "
                "own material.",
            ),
            done,
        )

    def action_release(self) -> None:
        """Release the highlighted caucus record of this caucus to the joint session."""
        active = self.query_one(EvidenceTabs).active
        if active not in RECORD_TABS:
            self.notify(
                "Highlight a caucus statement, note or proposal on its tab, then press e.",
                severity="warning",
            )
            return
        table_id, kind = RECORD_TABS[active]
        records = {"statement": self.statements, "note": self.notes, "proposal": self.proposals}
        private = [
            r for r in records[kind] if r.visibility != Visibility.JOINT and not r.released_at
        ]
        chosen = self._selected_row_key(table_id, active)
        # The highlighted row when it is a caucus record, else the newest one on this tab.
        record = next((r for r in private if r.id == chosen), private[-1] if private else None)
        if record is None:
            self.notify(f"No {kind} of this caucus is waiting to be released.", severity="warning")
            return
        party = record.visibility.value.removeprefix("caucus-")
        name = f"proposal {record.number}" if kind == "proposal" else f"this {kind}"
        words = getattr(record, "terms", "") or getattr(record, "text", "")
        shown = f"{words[:70]}…" if len(words) > 70 else words

        def done(yes: bool | None) -> None:
            if (
                yes
                and self.run_verb(self.app.store.release_from_caucus, kind, record.id) is not FAILED
            ):
                self.notify(f"Released {name} to the joint session.")

        self.app.push_screen(
            ConfirmScreen(
                f"Release {name} to the joint session?",
                (f"“{shown}”\n" if shown else "")
                + f"Only with the {party}'s agreement: the other party will see it, and the "
                f"audit log records that the {party} agreed.",
            ),
            done,
        )

    def _propose(self, base: Proposal | None, by: Proposer) -> None:
        def save(result: ProposalInput) -> None:
            self.app.store.add_proposal(
                self.case_id,
                result.proposed_by,
                result.adjustments,
                result.schedule,
                result.terms,
                result.counter_of,
                visibility=made_in(self.caucus),
            )

        def done(result: ProposalInput | None) -> None:
            if result is None:
                return
            self.reload()
            self.notify(
                f"Proposal {self.proposals[-1].number} recorded: {self.money(self.proposals[-1].total)}.",
                markup=False,
            )

        form = ProposalForm(
            self.invoices,
            self.case.currency,
            self.lang,
            by,
            base,
            self.app.store.payments(self.case_id),
        )
        self.app.push_screen(form.saving(save), done)

    def action_propose(self) -> None:
        by = Proposer(self.caucus.value) if self.caucus else Proposer.MEDIATOR
        self._propose(None, by)

    def action_counter(self) -> None:
        base = self.target_proposal()
        if base is None:
            self.notify("There is no open proposal to counter.", severity="warning")
            return
        if not self.answerable(base, "countered"):
            return
        other = {Proposer.PROVIDER: Proposer.CLIENT, Proposer.CLIENT: Proposer.PROVIDER}
        self._propose(base, other.get(base.proposed_by, Proposer.MEDIATOR))

    def action_accept(self) -> None:
        if self.caucus is not None:
            self.notify(
                "A proposal is accepted in the joint session, with both parties present: "
                "press 0 to end the caucus first.",
                severity="warning",
            )
            return
        proposal = self.target_proposal()
        if proposal is None:
            self.notify("There is no open proposal to accept.", severity="warning")
            return
        if not self.answerable(proposal, "accepted"):
            return
        needed = schedule_missing(
            proposal, self.app.store.money(self.case_id, proposal.adjustments)
        )
        if needed:  # the store refuses it too; the question would only lead to that refusal
            self.notify(
                f"Proposal {proposal.number} gives no payment date, and an agreement needs "
                f"{needed}: press c to counter it with the date (or the instalments' dates), "
                "then accept the counter-proposal.",
                severity="warning",
                markup=False,
                timeout=10,
            )
            return

        def done(yes: bool | None) -> None:
            if yes and self.run_verb(self.app.store.accept_proposal, proposal.id) is not FAILED:
                self.notify(f"Proposal {proposal.number} accepted: the case is agreed.")
                self.action_settlement()

        question = f"Accept proposal {proposal.number} by the {proposal.proposed_by.value}?"
        total = f"Total {self.money(proposal.total)} excluding VAT"
        self.app.push_screen(ConfirmScreen(question, total), done)

    def action_settlement(self) -> None:
        from mediate.tui.screens.settlement import SettlementScreen

        if self.app.store.current_settlement(self.case_id) is None:
            self.notify("No proposal is accepted yet; the settlement follows from an accepted one.")
            return
        self.app.push_screen(SettlementScreen(self.case_id))

    def action_reject(self) -> None:
        proposal = self.target_proposal()
        if proposal is not None:
            confirm_close(self, proposal, "reject", self.app.store.reject_proposal)

    def action_withdraw(self) -> None:
        proposal = self.target_proposal()
        if proposal is not None:
            confirm_close(self, proposal, "withdraw", self.app.store.withdraw_proposal)

    # --- the shared screen (mediate serve) ------------------------------------------------------

    def action_point(self) -> None:
        point(self, self.case_id, self.caucus)

    def action_links(self) -> None:
        self.app.push_screen(LinksScreen(self.case_id))

    # --- negotiation support: in a caucus (k), blind bidding (b) -----------------------------

    def action_court_costs(self) -> None:
        from mediate.tui.screens.court_costs import open_court_costs  # off the start-up path

        open_court_costs(self)

    def action_blind_bid(self) -> None:
        blind_bid(self)
