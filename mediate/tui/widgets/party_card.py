"""A party's card: name, position in money, statements with restatements, proposals made."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from mediate.domain.model import Party, PartyRole, Proposal, Statement, Visibility
from mediate.domain.money import format_money
from mediate.domain.safe_text import for_terminal


class PartyCard(Static):
    """Everything one party said and proposed, as the parties see it on screen."""

    def show(
        self,
        role: PartyRole,
        party: Party | None,
        position: str,
        statements: list[Statement],
        proposals: list[Proposal],
        currency: str,
        language: str,
    ) -> None:
        label = "asks" if role == PartyRole.PROVIDER else "offers"
        text = Text()
        text.append(f"{label.capitalize()} ", style="dim")
        text.append(position, style="bold")
        text.append("\n")
        for statement in statements:
            text.append("\n• ")
            if statement.visibility != Visibility.JOINT:
                released = statement.released_at is not None
                text.append(
                    "(released) " if released else "(caucus) ",
                    style="green" if released else "bold magenta",
                )
            text.append(for_terminal(statement.text, multiline=True))
            if statement.claimed_amount is not None:
                text.append(
                    f"  ({format_money(statement.claimed_amount, currency, language)})", style="dim"
                )
            if statement.restatement:
                text.append("\n  ↳ ", style="dim")
                text.append(for_terminal(statement.restatement, multiline=True), style="italic")
                if statement.confirmed:
                    text.append("  ✓ confirmed", style="bold green")
                elif statement.correction:
                    text.append("\n  ✗ correction: ", style="bold yellow")
                    text.append(for_terminal(statement.correction, multiline=True))
                else:
                    text.append("  … awaiting confirmation", style="yellow")
        if proposals:
            text.append("\n\nProposals: ", style="dim")
            text.append(
                ", ".join(
                    f"#{p.number} {format_money(p.total, currency, language)} ({p.status.value}"
                    + (", caucus" if p.visibility != Visibility.JOINT and not p.released_at else "")
                    + ")"
                    for p in proposals
                )
            )
        self.update(text)
