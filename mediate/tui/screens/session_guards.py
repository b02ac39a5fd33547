"""What the session screen asks before an irreversible step, and what it says a state's way on
is: a proposal rejected or withdrawn, a live session left, a record that is only looked at."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text

from mediate.domain.lifecycle import label, read_only, ways
from mediate.domain.model import CaseStatus, Proposal
from mediate.domain.session_time import clock_text
from mediate.tui.screens.confirm import ConfirmScreen

if TYPE_CHECKING:
    from mediate.tui.screens.session import SessionScreen
    from mediate.tui.screens.session_clock import SessionClock

# What changes the record: offered dimmed, and refused, on a signed-off or withdrawn case.
RECORDING_ACTIONS = frozenset(
    {
        "statement",
        "restate",
        "correct",
        "note",
        "propose",
        "payment",
        "counter",
        "accept",
        "reject",
        "withdraw",
        "release",
        "timer",
        "court_costs",
        "blind_bid",
    }
)

_CLOSED = {"reject": "rejected", "withdraw": "withdrawn"}


def way_on(status: CaseStatus) -> Text | None:
    """The banner of a case that is not simply in session: its state and the way on."""
    status = CaseStatus(status)
    if status == CaseStatus.IN_SESSION:
        return None
    text = Text(f" {label(status).upper()}", style="bold")
    if read_only(status):
        text.append(" · read-only", style="bold")
    text.append(f": {ways(status)}")
    return text


def confirm_close(
    screen: SessionScreen, proposal: Proposal, word: str, verb: Callable[[int], None]
) -> None:
    """Reject or withdraw ``proposal`` after a yes: it cannot be reopened afterwards."""
    done_word = _CLOSED[word]

    def done(yes: bool | None) -> None:
        from mediate.tui.screens.session import FAILED

        if yes and screen.run_verb(verb, proposal.id) is not FAILED:
            screen.notify(f"Proposal {proposal.number} {done_word}.")

    screen.app.push_screen(
        ConfirmScreen(
            f"{word.capitalize()} proposal {proposal.number} by the {proposal.proposed_by.value}?",
            f"Total {screen.money(proposal.total)} excluding VAT. A {done_word} proposal stays "
            "in the record and cannot be opened again; a new proposal can follow.",
        ),
        done,
    )


def leave_question(clock: SessionClock) -> tuple[str, str]:
    """The question before leaving a session whose clock runs."""
    return (
        "Leave the live session?",
        f"The session clock stops at {clock_text(clock.seconds())} and the time is recorded; "
        "it continues from there when the case is opened again.",
    )
