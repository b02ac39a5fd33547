"""A proposal: per-line adjustments with the total computed live, a schedule, other terms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Select, Static, TextArea

from mediate.domain.errors import DomainError
from mediate.domain.model import (
    AdjustmentKind,
    Instalment,
    Invoice,
    LineAdjustment,
    Payment,
    Proposal,
    Proposer,
)
from mediate.domain.money import format_money
from mediate.domain.settlement_money import (
    SettlementMoney,
    check_schedule,
    instalments,
    settlement_money,
)
from mediate.domain.typed_amounts import format_entry, parse_amount, parse_number
from mediate.tui.screens.form_base import FormScreen

KIND_LABELS = {
    AdjustmentKind.KEEP: "keep",
    AdjustmentKind.REDUCE_TO: "reduce to amount",
    AdjustmentKind.REDUCE_BY_PERCENT: "reduce by %",
    AdjustmentKind.WITHDRAW: "withdraw",
}
MAX_ROWS = 60
_PAYMENTS = re.compile(r"[,;]\s*(?=\d{4}-\d{2}-\d{2})|;")


@dataclass
class ProposalInput:
    proposed_by: Proposer
    adjustments: list[LineAdjustment]
    schedule: list[Instalment]
    terms: str
    counter_of: int | None


def parse_schedule(text: str, money: SettlementMoney, language: str) -> list[Instalment]:
    """ "2026-12-01" (one payment), "2026-12-01, 2027-01-01" (equal instalments) or
    "2026-12-01=1000, 2027-01-01=500" (explicit amounts, typed in the case's language, that must
    add up to what is still owed, VAT included, less what was paid; or to the refund). A comma or
    semicolon separates payments only before a date, so a Dutch "2026-12-01=1.000,50" keeps its
    decimals."""
    currency = money.currency
    parts = [p.strip() for p in _PAYMENTS.split(text) if p.strip()]
    if not parts:
        return []
    try:
        if any("=" in p for p in parts):
            schedule = []
            for part in parts:
                day, _, amount = part.partition("=")
                schedule.append(
                    Instalment(
                        due=date.fromisoformat(day.strip()),
                        amount=parse_amount(amount.strip(), language, currency=currency),
                    )
                )
            check_schedule(money, schedule)
            return schedule
        return instalments(money, [date.fromisoformat(p) for p in parts])
    except ValueError as error:
        if isinstance(error, DomainError):
            raise
        raise DomainError("Write payment dates as 2026-12-01, separated by commas.") from None


class LinesScroll(VerticalScroll, can_focus=False):
    """The adjustment rows; Tab goes from field to field, not to the scroll area."""


class ProposalForm(FormScreen[ProposalInput | None]):
    SUBMIT_ON_ENTER = False  # a proposal has many fields: Enter moves on, Ctrl+S saves

    def __init__(
        self,
        invoices: list[Invoice],
        currency: str,
        language: str,
        proposed_by: Proposer = Proposer.MEDIATOR,
        base: Proposal | None = None,
        payments: list[Payment] | None = None,
    ) -> None:
        super().__init__()
        self.currency, self.language = currency, language
        self.invoices = invoices
        self.payments = list(payments or [])  # paid already: what is still owed leaves them out
        lines = [(inv.number, ln) for inv in invoices for ln in inv.lines]
        self.base = base
        self.proposed_by = proposed_by
        adjusted = {a.line_id for a in base.adjustments} if base else set()
        shown = [(n, ln) for n, ln in lines if ln.disputed or ln.id in adjusted] or lines
        self.shown = shown[:MAX_ROWS]
        self.hidden = len(shown) - len(self.shown)

    def compose(self) -> ComposeResult:
        title = f"Counter-proposal to proposal {self.base.number}" if self.base else "New proposal"
        existing = {a.line_id: a for a in self.base.adjustments} if self.base else {}
        with Vertical(classes="form wide"):
            yield Label(title, classes="form-title")
            yield Select(
                [(Text(f"on behalf of the {p.value}"), p) for p in Proposer],
                value=self.proposed_by,
                allow_blank=False,
                id="by",
            )
            with LinesScroll(id="proposal-lines"):
                for number, line in self.shown:
                    adj = existing.get(line.id)
                    with Horizontal(classes="proposal-line"):
                        amount = format_money(line.net_amount, self.currency, self.language)
                        yield Static(
                            Text(f"{number}/{line.position} {line.description[:38]}  {amount}"),
                            classes="pl-label",
                        )
                        yield Select(
                            [(label, kind) for kind, label in KIND_LABELS.items()],
                            value=adj.kind if adj else AdjustmentKind.KEEP,
                            allow_blank=False,
                            id=f"kind-{line.id}",
                            classes="pl-kind",
                        )
                        yield Input(
                            value=self._entry(adj),
                            placeholder="amount / %",
                            id=f"value-{line.id}",
                            classes="pl-value",
                        )
            if self.hidden:
                yield Label(f"{self.hidden} more lines are kept as invoiced.", classes="form-help")
            yield Static("", id="proposal-total")
            yield Input(
                placeholder="When is what is still owed paid: 2026-12-01, or dates for instalments",
                id="schedule",
            )
            yield Label("Other terms (optional):", classes="field-label")
            yield TextArea(
                self.base.terms if self.base else "",
                id="terms",
                soft_wrap=True,
                classes="long-text short",
            )
            yield self.error_line()
            yield Label("Ctrl+S saves · Escape cancels", classes="form-help")

    def _entry(self, adjustment: LineAdjustment | None) -> str:
        """A base proposal's value as the mediator would type it in this case's language."""
        if adjustment is None or adjustment.value is None:
            return ""
        if adjustment.kind == AdjustmentKind.REDUCE_BY_PERCENT:
            return format_entry(adjustment.value, self.language)
        return format_entry(adjustment.value, self.language, self.currency)

    def on_mount(self) -> None:
        self.update_total()

    def adjustments(self) -> list[LineAdjustment]:
        result = []
        for _, line in self.shown:
            kind = self.query_one(f"#kind-{line.id}", Select).value
            raw = self.query_one(f"#value-{line.id}", Input).value.strip()
            if kind in (AdjustmentKind.KEEP, AdjustmentKind.WITHDRAW):
                value = None
            elif not raw:
                raise DomainError(f"Line {line.position}: type the amount or percentage.")
            elif kind == AdjustmentKind.REDUCE_BY_PERCENT:
                value = parse_number(raw, self.language)
            else:
                value = parse_amount(raw, self.language, currency=self.currency)
            if kind != AdjustmentKind.KEEP:
                result.append(LineAdjustment(line_id=line.id, kind=kind, value=value))
        return result

    def money(self, adjustments: list[LineAdjustment] | None = None) -> SettlementMoney:
        adjustments = self.adjustments() if adjustments is None else adjustments
        return settlement_money(self.invoices, adjustments, self.payments, self.currency)

    def update_total(self) -> None:
        """The proposal's money as it stands: without VAT, VAT, with VAT, paid, still owed."""
        label = self.query_one("#proposal-total", Static)
        try:
            money = self.money()
        except DomainError as error:
            label.update(Text(f"Total: —   ({error})", style="yellow"))
            return
        show = lambda amount: format_money(amount, self.currency, self.language)  # noqa: E731
        agreed = money.agreed
        text = Text()
        text.append("Total without VAT ", style="dim")
        text.append(show(agreed.net), style="bold")
        text.append("  VAT ", style="dim")
        text.append(show(agreed.vat))
        text.append("  with VAT ", style="dim")
        text.append(show(agreed.gross), style="bold")
        if money.paid:
            text.append("  paid already ", style="dim")
            text.append(show(money.paid))
        if money.refund:
            text.append("  to refund ", style="dim")
            text.append(show(money.refund), style="bold magenta")
        else:
            text.append("  still owed ", style="dim")
            text.append(show(money.still_owed), style="bold cyan")
        label.update(text)

    def on_select_changed(self) -> None:
        self.update_total()

    def on_input_changed(self) -> None:
        self.update_total()

    def collect(self) -> ProposalInput:
        adjustments = self.adjustments()
        schedule = parse_schedule(
            self.query_one("#schedule", Input).value, self.money(adjustments), self.language
        )
        return ProposalInput(
            proposed_by=self.query_one("#by", Select).value,
            adjustments=adjustments,
            schedule=schedule,
            terms=self.query_one("#terms", TextArea).text.strip(),
            counter_of=self.base.id if self.base else None,
        )
