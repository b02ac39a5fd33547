"""The settlement screen's way back: reopen a draft nobody has signed in full (back to
negotiating) or drop a draft amendment; and the line that says which way on there is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from mediate.domain.errors import DomainError
from mediate.domain.model import Settlement
from mediate.services.export_folder import export_folder
from mediate.store import Store
from mediate.store.connection import StoreError
from mediate.tui.screens.confirm import ConfirmScreen

if TYPE_CHECKING:
    from mediate.tui.screens.settlement import SettlementScreen


def settlement_way_on(settlement: Settlement, store: Store, case_id: int) -> Text:
    """What can be done with this version now, and where its exports go."""
    text = Text("\n")
    if settlement.locked:
        text.append("Signed off: e exports the agreement; m drafts an amendment.")
    elif settlement.amends is not None:
        text.append(
            f"r drops this draft amendment: version {settlement.version - 1} stays in force."
        )
    else:
        text.append("r reopens the settlement: back to negotiating. d: the case details.")
    text.append("\nExports go to ", style="dim")
    text.append(str(export_folder(store, case_id)), style="dim")
    return text


def reopen(screen: SettlementScreen) -> None:
    """Ask, then reopen the draft (the screen goes back to the session) or drop the amendment."""
    settlement = screen.settlement
    if settlement.locked:
        screen.notify(
            "This version is signed off and locked: press m to draft an amendment.",
            severity="warning",
        )
        return
    store, settlement_id = screen.app.store, settlement.id
    signed = ", ".join(s.name for s in settlement.signoffs)
    withdrawn = f" {signed}'s signature on this draft is withdrawn with it." if signed else ""
    amendment = settlement.amends is not None

    def done(yes: bool | None) -> None:
        if not yes:
            return
        try:
            if amendment:
                store.drop_amendment(settlement_id)
            else:
                store.reopen_settlement(settlement_id)
        except (DomainError, StoreError) as error:
            screen.notify(str(error), severity="error", markup=False)
            return
        if amendment:
            screen.refresh_choices()
            screen.notify(
                f"The draft amendment is dropped; version {settlement.version - 1} stands."
            )
        else:
            screen.app.pop_screen()
            screen.app.notify(
                "The settlement is reopened: back in session, the proposal open again. "
                "Counter it (c) or accept another (a).",
                markup=False,
            )

    if amendment:
        question = f"Drop draft amendment version {settlement.version}?"
        detail = f"The signed version {settlement.version - 1} stays in force." + withdrawn
    else:
        question = "Reopen the settlement and go back to negotiating?"
        detail = (
            "The acceptance is undone: its proposal is open again and the case back in "
            "session; the clause choices are kept for the next acceptance." + withdrawn
        )
    screen.app.push_screen(ConfirmScreen(question, detail), done)
