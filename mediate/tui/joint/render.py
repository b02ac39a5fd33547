"""The joint view's parts as Rich renderables, built from a ``JointSnapshot`` only.

Every text that came from a person (names, statements, terms, evidence) goes in as ``Text``, never
as markup, so "[/]" in a party's name shows as it is written.
"""

from __future__ import annotations

from decimal import Decimal

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from mediate.domain.model import PartyRole, Proposer, Visibility
from mediate.domain.money import format_money
from mediate.services.joint import JointAgreement, JointSnapshot, Shown
from mediate.tui.joint.words import Words
from mediate.tui.widgets.money_strip import gap_bars


class Money:
    def __init__(self, currency: str, language: str) -> None:
        self.currency, self.language = currency, language

    def __call__(self, amount: Decimal) -> str:
        return format_money(amount, self.currency, self.language)


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


def money_line(snapshot: JointSnapshot, words: Words) -> Text:
    money = Money(snapshot.case.currency, snapshot.case.language.value)
    p = snapshot.positions
    text = Text()
    text.append(f"{words('invoiced')} ", style="dim")
    text.append(money(p.invoiced))
    text.append(f" ({money(snapshot.invoiced.gross)} {words('incl_vat')})", style="dim")
    text.append("  ")
    if snapshot.paid:
        text.append(f"{words('paid')} ", style="dim")
        text.append(money(snapshot.paid), style="green")
        text.append("  ")
    for key, amount, style in (
        ("disputed", p.disputed, "yellow"),
        ("ask", p.ask, "cyan"),
        ("offer", p.offer, "magenta"),
    ):
        text.append(f"{words(key)} ", style="dim")
        text.append(money(amount), style=style)
        text.append("  ")
    text.append(f"{words('gap')} ", style="dim")
    text.append(money(p.gap), style="bold red" if p.gap else "bold green")
    text.append("  ")
    text.append(gap_bars(p.history), style="red")
    return text


def party_card(snapshot: JointSnapshot, role: PartyRole, words: Words) -> Text:
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
    return text


def party_title(snapshot: JointSnapshot, role: PartyRole, words: Words) -> Text:
    party = snapshot.case.party(role)
    return Text(f"{words(role.value)}: {party.legal_name if party else ''}".rstrip(": "))


def proposals_table(snapshot: JointSnapshot, words: Words) -> RenderableType:
    if not snapshot.proposals:
        return Text(words("no_proposals"), style="dim")
    money = Money(snapshot.case.currency, snapshot.case.language.value)
    table = Table(expand=True, box=None, pad_edge=False, header_style="bold")
    table.add_column("#", no_wrap=True)
    table.add_column(words("by"), no_wrap=True)
    table.add_column(words("total"), justify="right", no_wrap=True)
    table.add_column(words("status"), no_wrap=True)
    table.add_column(words("schedule"), ratio=1, overflow="fold")
    table.add_column(words("terms"), ratio=2, overflow="fold")
    names = {
        Proposer.PROVIDER: words("provider"),
        Proposer.CLIENT: words("client"),
        Proposer.MEDIATOR: words("mediator"),
    }
    for p in snapshot.proposals:
        schedule = ", ".join(f"{i.due:%Y-%m-%d} {money(i.amount)}" for i in p.schedule)
        table.add_row(
            str(p.number),
            names[p.proposed_by],
            money(p.total),
            words(f"proposal_{p.status.value}"),
            Text(schedule or "—"),
            Text(p.terms or "—"),
        )
    return table


def shown_panel(shown: Shown, words: Words) -> RenderableType:
    title = Text()
    title.append(f"{words('kind_' + shown.kind)}: ", style="bold")
    title.append(shown.title, style="bold")
    if shown.disputed:
        title.append(f"  ({words('line_disputed')})", style="bold yellow")
    rows = Table.grid(padding=(0, 2))
    rows.add_column(style="dim", no_wrap=True)
    rows.add_column()
    for key, value in shown.rows:
        if value:
            rows.add_row(words(key), Text(value))
    parts: list[RenderableType] = [title]
    if rows.row_count:
        parts.append(rows)
    if shown.text:
        parts.append(Text("\n" + shown.text if shown.rows else shown.text))
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
        parts.append(
            Text(
                f"{words('schedule')}: "
                + ", ".join(f"{i.due:%Y-%m-%d} {money(i.amount)}" for i in agreement.schedule)
            )
        )
    if agreement.terms:
        terms = Text(f"{words('terms')}: ", style="dim")
        terms.append(Text(agreement.terms, style="not dim"))
        parts.append(terms)
    if agreement.signoffs:
        signed = Text(f"{words('signed_by')}: ", style="dim")
        signed.append(
            Text(
                ", ".join(
                    f"{s.name} ({words(s.role.value)}, {s.signed_at:%Y-%m-%d %H:%M})"
                    for s in agreement.signoffs
                ),
                style="not dim",
            )
        )
        parts.append(signed)
    else:
        parts.append(Text(words("not_signed"), style="dim"))
    if agreement.check_code:
        code = Text(f"{words('check_code')}: ", style="dim")
        code.append(agreement.check_code, style="bold not dim")
        parts.append(code)
    if agreement.locked:
        if agreement.exported:
            hint = words("download_hint") + (words("download_pdf_hint") if pdf else "")
            parts.append(Text(hint, style="bold cyan"))
        else:
            parts.append(Text(words("awaiting_export"), style="dim"))
    return Group(*parts)
