"""The joint view's parts as Rich renderables, built from a ``JointSnapshot`` only.

Every text that came from a person (names, statements, terms, evidence) goes in as ``Text``, never
as markup, so "[/]" in a party's name shows as it is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from babel.dates import format_date, format_datetime
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from mediate.domain.model import Instalment, PartyRole, Proposer, Visibility
from mediate.domain.money import babel_locale, format_money, format_number, quantize
from mediate.services.joint import JointAgreement, JointSnapshot, Shown
from mediate.tui.joint.unbroken import Unbroken, unbroken
from mediate.tui.joint.words import Words
from mediate.tui.widgets.money_strip import gap_bars


class Money:
    """Amounts in the case's currency and language, each kept on one line."""

    def __init__(self, currency: str, language: str) -> None:
        self.currency, self.language = currency, language

    def __call__(self, amount: Decimal) -> str:
        return unbroken(format_money(amount, self.currency, self.language))

    def rate(self, amount: Decimal) -> str:
        """A unit price: as money when it has no more digits than the currency, else in full."""
        if quantize(amount, self.currency) == amount:
            return self(amount)
        return unbroken(f"{format_number(amount, self.language)} {self.currency}")

    def day(self, value: date) -> str:
        """ "15 jun 2026", "15 Jun 2026": a date as the case's language writes it."""
        return unbroken(format_date(value, "medium", locale=babel_locale(self.language)))

    def moment(self, value: datetime) -> str:
        """A moment as it was recorded (its own time zone), in the case's language."""
        return unbroken(format_datetime(value, "d MMM y HH:mm", locale=babel_locale(self.language)))

    def schedule(self, instalments: Sequence[Instalment]) -> str:
        """ "15 jun 2026 € 326,70, …": each instalment kept on one line."""
        return ", ".join(f"{self.day(i.due)}\xa0{self(i.amount)}" for i in instalments)


def header(snapshot: JointSnapshot, words: Words, updated: str) -> Text:
    case = snapshot.case
    text = Text(no_wrap=False)
    text.append(f" {words('shared_screen')} ", style="bold reverse")
    text.append(" ")
    text.append(case.reference, style="bold")
    text.append("  ")
    text.append(case.title, style="bold")
    text.append(f"  ·  {words('status_' + case.status.value)}")
    text.append(f"\n {words('read_only')}", style="dim italic")
    text.append(f"  ·  {words('updated')} {updated}", style="dim")
    return text


def money_line(snapshot: JointSnapshot, words: Words) -> Unbroken:
    """The money strip; it wraps between its figures, never inside a label and its amount."""
    money = Money(snapshot.case.currency, snapshot.case.language.value)
    p = snapshot.positions
    text = Text()
    text.append(f"{unbroken(words('invoiced'))}\xa0", style="dim")
    text.append(money(p.invoiced))
    text.append(unbroken(f" ({money(snapshot.invoiced.gross)} {words('incl_vat')})"), style="dim")
    text.append("  ")
    if snapshot.paid:
        text.append(f"{unbroken(words('paid'))}\xa0", style="dim")
        text.append(money(snapshot.paid), style="green")
        text.append("  ")
    for key, amount, style in (
        ("disputed", p.disputed, "yellow"),
        ("ask", p.ask, "cyan"),
        ("offer", p.offer, "magenta"),
    ):
        text.append(f"{unbroken(words(key))}\xa0", style="dim")
        text.append(money(amount), style=style)
        text.append("  ")
    text.append(f"{unbroken(words('gap'))}\xa0", style="dim")
    text.append(money(p.gap), style="bold red" if p.gap else "bold green")
    text.append("  ")
    text.append(gap_bars(p.history), style="red")
    return Unbroken(text)


def party_card(snapshot: JointSnapshot, role: PartyRole, words: Words) -> Unbroken:
    money = Money(snapshot.case.currency, snapshot.case.language.value)
    position = snapshot.positions.ask if role == PartyRole.PROVIDER else snapshot.positions.offer
    text = Text()
    text.append(f"{words('asks' if role == PartyRole.PROVIDER else 'offers')} ", style="dim")
    text.append(money(position), style="bold")
    text.append("\n")
    statements = [s for s in snapshot.statements if s.party == role]
    if not statements:
        text.append(f"\n{words('no_statements')}", style="dim")
    for statement in statements:
        text.append("\n• ")
        if statement.visibility != Visibility.JOINT:
            text.append(f"{words('released')} ", style="green")
        text.append(statement.text)
        if statement.claimed_amount is not None:
            text.append(f"  ({money(statement.claimed_amount)})", style="dim")
        if statement.restatement:
            text.append("\n  ↳ ", style="dim")
            text.append(statement.restatement, style="italic")
            if statement.confirmed:
                text.append(f"  {words('confirmed')}", style="bold green")
            elif statement.correction:
                text.append(f"\n  {words('correction')} ", style="bold yellow")
                text.append(statement.correction)
            else:
                text.append(f"  {words('awaiting')}", style="yellow")
    return Unbroken(text)


def party_title(snapshot: JointSnapshot, role: PartyRole, words: Words) -> Text:
    party = snapshot.case.party(role)
    return Text(f"{words(role.value)}: {party.legal_name if party else ''}".rstrip(": "))


WIDE_TABLE = 96  # columns from which the proposals are a table; narrower, one block each


class Proposals:
    """The proposals of the joint session: a table where there is room, else one block each (the
    schedule and terms under the figures), so that no amount is squeezed into a narrow column."""

    def __init__(self, snapshot: JointSnapshot, words: Words) -> None:
        self.snapshot, self.words = snapshot, words
        self.money = Money(snapshot.case.currency, snapshot.case.language.value)
        self.names = {
            Proposer.PROVIDER: words("provider"),
            Proposer.CLIENT: words("client"),
            Proposer.MEDIATOR: words("mediator"),
        }

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width >= WIDE_TABLE:
            yield self.table()
        else:
            yield from self.blocks()

    def table(self) -> Table:
        words, money = self.words, self.money
        table = Table(expand=True, box=None, pad_edge=False, header_style="bold")
        table.add_column("#", no_wrap=True)
        table.add_column(words("by"), no_wrap=True)
        table.add_column(words("total"), justify="right", no_wrap=True)
        table.add_column(words("status"), no_wrap=True)
        table.add_column(words("schedule"), ratio=1)
        table.add_column(words("terms"), ratio=2, overflow="fold")
        for p in self.snapshot.proposals:
            table.add_row(
                str(p.number),
                self.names[p.proposed_by],
                money(p.total),
                words(f"proposal_{p.status.value}"),
                Unbroken(Text(money.schedule(p.schedule) or "—")),
                Text(p.terms or "—"),
            )
        return table

    def blocks(self) -> list[RenderableType]:
        words, money = self.words, self.money
        parts: list[RenderableType] = []
        for p in self.snapshot.proposals:
            head = Text()
            head.append(f"{p.number}  ", style="bold")
            head.append(unbroken(self.names[p.proposed_by]) + "  ")
            head.append(money(p.total), style="bold")
            head.append(unbroken(f"  {words('excl_vat')}"), style="dim")
            head.append(f"  {words(f'proposal_{p.status.value}')}")
            parts.append(Unbroken(head))
            if p.schedule:
                line = Text(f"{words('schedule')}: ", style="dim")
                line.append(money.schedule(p.schedule), style="not dim")
                parts.append(Padding(Unbroken(line), (0, 0, 0, 3)))
            if p.terms:
                line = Text(f"{words('terms')}: ", style="dim")
                line.append(Text(p.terms, style="not dim"))
                parts.append(Padding(line, (0, 0, 0, 3)))
        return parts


def proposals_table(snapshot: JointSnapshot, words: Words) -> RenderableType:
    if not snapshot.proposals:
        return Text(words("no_proposals"), style="dim")
    return Proposals(snapshot, words)


def shown_panel(shown: Shown, words: Words, money: Money) -> RenderableType:
    title = Text()
    title.append(f"{words('kind_' + shown.kind)}: ", style="bold")
    title.append(words(shown.title_word) if shown.title_word else shown.title, style="bold")
    if shown.disputed:
        title.append(f"  ({words('line_disputed')})", style="bold yellow")
    rows = Table.grid(padding=(0, 2))
    rows.add_column(style="dim", no_wrap=True)
    rows.add_column()
    if shown.quantity is not None:
        quantity = format_number(shown.quantity, money.language)
        rows.add_row(words("quantity"), Unbroken(Text(unbroken(words.unit(shown.unit, quantity)))))
    for key, value in shown.rows:
        if value is None or value == "":
            continue
        if isinstance(value, Decimal):
            written = money.rate(value) if key == "unit_price" else money(value)
        elif isinstance(value, datetime):
            written = money.moment(value)
        elif isinstance(value, date):
            written = money.day(value)
        else:
            written = value
        rows.add_row(words(key), Unbroken(Text(written)))
    parts: list[RenderableType] = [title]
    if rows.row_count:
        parts.append(rows)
    if shown.text:
        parts.append(Text("\n" + shown.text if rows.row_count else shown.text))
    return Group(*parts)


def agreement_panel(
    agreement: JointAgreement, words: Words, currency: str, language: str, pdf: bool
) -> RenderableType:
    money = Money(currency, language)
    m = agreement.money
    title = Text()
    title.append(f"{words('status_' + agreement.status.value)}", style="bold green")
    title.append(f"  ·  {words('version')} {agreement.version}", style="dim")
    figures = Table.grid(padding=(0, 2))
    figures.add_column(style="dim", no_wrap=True)
    figures.add_column(justify="right", no_wrap=True)
    figures.add_row(f"{words('agreed')}", money(m.agreed.net))
    figures.add_row(words("vat"), money(m.agreed.vat))
    figures.add_row(
        f"{words('agreed')} {words('gross')}", Text(money(m.agreed.gross), style="bold")
    )
    if m.paid:
        figures.add_row(words("paid_already"), money(m.paid))
    if m.refund:
        figures.add_row(words("refund"), Text(money(m.refund), style="bold"))
    else:
        figures.add_row(words("still_owed"), Text(money(m.still_owed), style="bold"))
    if m.credit.gross:
        figures.add_row(f"{words('credit_note')} {words('gross')}", money(m.credit.gross))
    parts: list[RenderableType] = [title, figures]
    if agreement.schedule:
        schedule = Text(f"{words('schedule')}: ", style="dim")
        schedule.append(money.schedule(agreement.schedule), style="not dim")
        parts.append(Unbroken(schedule))
    if agreement.terms:
        terms = Text(f"{words('terms')}: ", style="dim")
        terms.append(Text(agreement.terms, style="not dim"))
        parts.append(terms)
    if agreement.signoffs:
        signed = Text(f"{words('signed_by')}: ", style="dim")
        signed.append(
            Text(
                ", ".join(
                    f"{s.name} ({words(s.role.value)}, {money.moment(s.signed_at)})"
                    for s in agreement.signoffs
                ),
                style="not dim",
            )
        )
        parts.append(Unbroken(signed))
    else:
        parts.append(Text(words("not_signed"), style="dim"))
    if agreement.check_code:
        code = Text(f"{words('check_code')}: ", style="dim")
        code.append(agreement.check_code, style="bold not dim")
        parts.append(code)
        parts.append(Text(words("check_code_hint"), style="dim"))
    if agreement.locked:
        if agreement.exported:
            hint = words("download_hint") + (words("download_pdf_hint") if pdf else "")
            parts.append(Text(hint, style="bold cyan"))
        else:
            parts.append(Text(words("awaiting_export"), style="dim"))
    return Group(*parts)
