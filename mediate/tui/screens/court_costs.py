"""What not settling costs, in a caucus: the party's estimates in a form, then the figures of going
to court against the proposal on the table, with a chart. Refused outside a caucus; each result
is recorded in the audit log as that caucus's material."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Static

from mediate.domain.court_cost_inputs import Estimates, first_due, still_asked
from mediate.domain.court_costs import ARITHMETIC, CourtCosts, Law, versus_proposal
from mediate.domain.errors import DomainError
from mediate.domain.model import PartyRole
from mediate.domain.money import format_money, quantize
from mediate.domain.statutory_interest import today_missing
from mediate.domain.typed_amounts import format_entry, parse_amount, parse_number
from mediate.tui.screens.field_rows import typed_date
from mediate.tui.screens.form_base import FormScreen
from mediate.tui.widgets.range_chart import range_chart

FIELD_CSS = """
CourtCostsForm .cost-row { height: 1; }
CourtCostsForm .cost-row Label { width: 38; }
CourtCostsForm .cost-row Input { width: 1fr; }
CourtCostsForm #cost-fields { height: auto; max-height: 18; }
CourtCostsView { align: center middle; }
CourtCostsView #cost-result { width: 110; max-width: 98%; height: auto; max-height: 95%;
    border: thick $primary; background: $surface; padding: 0 1; }
"""


class CourtCostsForm(FormScreen[Estimates | None]):
    """The party's own estimates; the case gives the claim and its due date."""

    SUBMIT_ON_ENTER = False
    AUTO_FOCUS = "#cost-chance"
    DEFAULT_CSS = FIELD_CSS

    def __init__(
        self,
        party: PartyRole,
        currency: str,
        language: str,
        claim: Decimal,
        due: date | None,
        last: Estimates | None = None,
        warning: str = "",
        law: Law = Law.NL,
    ) -> None:
        super().__init__()
        self.law = law
        self.party, self.currency, self.language = party, currency, language
        self.warning = warning
        self.claim, self.due, self.last = claim, due, last

    def _amount(self, value: Decimal | None) -> str:
        return "" if value is None else format_entry(value, self.language, self.currency)

    def compose(self) -> ComposeResult:
        last = self.last
        due = last.due if last and last.due else self.due
        other = "client" if self.party == PartyRole.PROVIDER else "provider"
        rows = [
            (
                "cost-claim",
                "Claim: still owed, VAT included",
                self._amount(last.claim if last and last.claim else self.claim),
            ),
            ("cost-due", "Fell due on", due.isoformat() if due else ""),
            ("cost-months", "Months until a judgment", str(last.months) if last else "9"),
            (
                "cost-chance",
                f"The {self.party.value}'s own chance to win (%)",
                format_entry(last.chance, self.language) if last else "",
            ),
            ("cost-hours", "Own lawyer: hours", ""),
            ("cost-rate", "Own lawyer: rate per hour", ""),
            (
                "cost-other",
                f"The {other}'s lawyer costs (estimate)",
                self._amount(last.other_costs) if last else "",
            ),
        ]
        if self.law == Law.EW:  # no fee table for England and Wales: the court fee is typed
            fee = last.court_fee if last else None
            rows.append(("cost-fee", "Court fee (the claimant's)", self._amount(fee)))
        with Vertical(classes="form wide"):
            yield Label(
                Text(f"Cost of not settling: with the {self.party.value} (caucus)"),
                classes="form-title",
            )
            with VerticalScroll(id="cost-fields", can_focus=False):
                for field_id, words, value in rows:
                    with Horizontal(classes="cost-row"):
                        yield Label(words)
                        yield Input(value=value, id=field_id, compact=True)
                dutch = self.law == Law.NL
                yield Checkbox(
                    "Between businesses (commercial interest, EUR 40 per invoice)"
                    if dutch
                    else "Between businesses (the Late Payment Act applies)",
                    value=last.commercial if last else True,
                    id="cost-commercial",
                    compact=True,
                    disabled=not dutch,
                )
                yield Checkbox(
                    "The provider sues as a company (court fee)",
                    value=last.claimant_company if last else True,
                    id="cost-company",
                    compact=True,
                    disabled=not dutch,
                )
            if self.warning:
                yield Static(Text(f"⚠ {self.warning}", style="yellow"), id="cost-warning")
            yield self.error_line()
            yield Label(
                Text(
                    "Own lawyer left empty: own costs as last time, else none · the other side's "
                    "costs left empty: the same as own · Ctrl+S works it out · Escape cancels"
                ),
                classes="form-help",
            )

    def _value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value.strip()

    def _money(self, field_id: str, what: str) -> Decimal | None:
        text = self._value(field_id)
        if not text:
            return None
        try:
            return parse_amount(text, self.language, currency=self.currency)
        except DomainError as error:
            raise DomainError(f"{what}: {error}") from None

    def _number(self, field_id: str, what: str) -> Decimal | None:
        text = self._value(field_id)
        if not text:
            return None
        try:
            return parse_number(text, self.language)
        except DomainError as error:
            raise DomainError(f"{what}: {error}") from None

    def collect(self) -> Estimates:
        claim = self._money("cost-claim", "Claim")
        if claim is None:
            raise DomainError("Claim: enter what the provider still claims, VAT included.")
        due = typed_date(self._value("cost-due"), "Fell due on", required=True)
        months = self._value("cost-months")
        if not months.isdigit():
            raise DomainError("Months until a judgment: write a whole number, like 9.")
        chance = self._number("cost-chance", "Chance to win")
        if chance is None:
            raise DomainError(
                f"Chance to win: enter the {self.party.value}'s own estimate, 0 to 100."
            )
        if not 0 <= chance <= 100:
            raise DomainError("Chance to win: a percentage from 0 to 100.")
        hours = self._number("cost-hours", "Own lawyer: hours")
        rate = self._money("cost-rate", "Own lawyer: rate per hour")
        if (hours is None) != (rate is None):
            raise DomainError("Own lawyer: give both the hours and the rate per hour, or neither.")
        if hours is not None and rate is not None:
            own = quantize(hours * rate, self.currency)
        else:
            own = self.last.own_costs if self.last else quantize("0", self.currency)
        other = self._money("cost-other", "The other side's lawyer costs")
        return Estimates(
            party=self.party,
            chance=chance,
            months=int(months),
            own_costs=own,
            other_costs=own if other is None else other,
            commercial=self.query_one("#cost-commercial", Checkbox).value,
            claimant_company=self.query_one("#cost-company", Checkbox).value,
            claim=claim,
            due=due,
            court_fee=self._money("cost-fee", "Court fee") if self.law == Law.EW else None,
        )


def result_text(result: CourtCosts, party: PartyRole, language: str, width: int) -> Text:
    """Everything the result screen says, in order."""
    cur = result.inputs.currency

    def money(amount: Decimal) -> str:
        return format_money(amount, cur, language)

    inputs = result.inputs
    text = Text()
    text.append(f"Cost of not settling, as the {party.value} sees it (caucus)\n", style="bold")
    text.append(
        f"Claim {money(inputs.claim)}, due {inputs.due.isoformat()}; judgment in "
        f"{inputs.months} months ({result.judgment.isoformat()}); the provider wins with a "
        f"chance of {inputs.provider_chance} %.\n\n"
    )
    figures = [
        ("Statutory interest until judgment", result.interest.amount),
        (
            "Collection costs" if inputs.law == Law.NL else "Fixed sum (Late Payment Act)",
            result.collection,
        ),
        ("Court fee (the claimant's)", result.court_fee),
        ("Recoverable lawyer's costs", result.recoverable),
        ("The provider's own lawyer", inputs.provider_costs),
        ("The client's own lawyer", inputs.client_costs),
    ]
    outcomes = (
        ("Provider ends up with", result.provider, "cyan"),
        ("Client ends up paying", result.client, "magenta"),
    )
    amounts = [a for _, a in figures] + [
        a for _, o, _ in outcomes for a in (o.worst, o.expected, o.best)
    ]
    col = max(12, *(len(money(a)) + 2 for a in amounts))
    for words, amount in figures:
        text.append(f"  {words:<36}")
        text.append(f"{money(amount):>{col}}\n")
    text.append("\n")
    heads = "".join(f"{h:>{col}}" for h in ("worst", "expected", "best"))
    text.append(f"  {'Going to court':<24}{heads}\n", style="bold")
    for words, outcome, style in outcomes:
        text.append(f"  {words:<24}", style=style)
        for amount in (outcome.worst, outcome.expected, outcome.best):
            text.append(f"{money(amount):>{col}}")
        text.append("\n")
    text.append("\n")
    compared = versus_proposal(result)
    if compared is None or inputs.proposal is None:
        text.append("No proposal is open in this room to compare with.\n")
    else:
        gain, saving = compared
        text.append(
            f"Proposal on the table: the client pays {money(inputs.proposal)} (still owed, VAT "
            "included).\n",
            style="yellow",
        )
        text.append(
            f"  The provider receives {money(abs(gain))} "
            f"{'more' if gain >= 0 else 'less'} than it expects from court; the client pays "
            f"{money(abs(saving))} {'less' if saving >= 0 else 'more'} than it expects to.\n"
        )
    if result.zone is not None and result.midpoint is not None:
        text.append(
            f"Settling beats court for both between {money(result.zone[0])} and "
            f"{money(result.zone[1])}: going to court costs them {money(result.cost_of_court)} "
            "together.\n"
        )
        text.append(
            f"Midpoint (the Nash bargaining point of two risk-neutral parties): "
            f"{money(result.midpoint)}. {ARITHMETIC}\n",
            style="bold",
        )
    else:
        text.append(f"No amount beats court for both on these figures. {ARITHMETIC}\n")
    text.append("\n")
    text.append_text(range_chart(result, width, money))
    text.append("\n")
    for warning in result.warnings:
        text.append(f"\n⚠ {warning}", style="yellow")
    text.append("\n\nFrom: " + "; ".join(result.laws), style="dim")
    return text


class CourtCostsView(ModalScreen[None]):
    """The figures, shown in the caucus they were worked out in."""

    DEFAULT_CSS = FIELD_CSS
    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="costs.close", tooltip="Back to the caucus"),
    ]

    def __init__(self, result: CourtCosts, party: PartyRole, language: str) -> None:
        super().__init__()
        self.result, self.party, self.language = result, party, language

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="cost-result"):
            yield Static(id="cost-text")
            yield Label(Text("Escape goes back to the caucus.", style="dim"))

    def on_resize(self) -> None:
        self.show()

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        # The box: 110 cells at most, 98 % of the screen; less its border, padding and scrollbar.
        width = min(110, self.app.size.width * 98 // 100) - 7
        self.query_one("#cost-text", Static).update(
            result_text(self.result, self.party, self.language, width)
        )

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)


def interest_table(case):
    """The statutory interest table of the case's law (Dutch commercial, or English)."""
    from mediate.domain.court_cost_inputs import law_of
    from mediate.domain.statutory_tables import dutch_interest, english_tables

    return english_tables().rates if law_of(case) == Law.EW else dutch_interest(True)


def open_court_costs(session) -> None:
    """The ``k`` key of the live session: only in a caucus, never in a joint view."""
    if session.presenting or session.joint_view or session.caucus is None:
        session.notify(
            "The cost of not settling is worked out in a caucus, with one party alone: press 1 "
            "or 2 first.",
            severity="warning",
        )
        return
    from mediate.domain.court_cost_inputs import cost_inputs, law_note, law_of

    party = session.caucus
    store = session.app.store
    case = session.case
    payments = store.payments(session.case_id)
    results: list[CourtCosts] = []
    memory = session.cost_estimates  # this caucus's last estimates, in this window only

    def save(estimates: Estimates) -> None:
        inputs = cost_inputs(
            case,
            session.invoices,
            payments,
            session.proposals,  # what this caucus may read
            estimates,
            on=store.clock().date(),
        )
        results.append(store.record_court_costs(session.case_id, party, inputs))

    def done(estimates: Estimates | None) -> None:
        if estimates is None:
            return
        memory[party] = estimates
        session.app.push_screen(CourtCostsView(results[-1], party, session.lang))

    form = CourtCostsForm(
        party,
        case.currency,
        session.lang,
        still_asked(session.invoices, payments, case.currency),
        first_due(session.invoices),
        memory.get(party),
        " ".join(
            w
            for w in (law_note(case), today_missing(interest_table(case), store.clock().date()))
            if w
        ),
        law_of(case),
    )
    session.app.push_screen(form.saving(save), done)
