"""The keys of the live session, each with the words the footer, F1 and the palette show."""

from __future__ import annotations

from textual.binding import Binding

CAUCUS = Binding.Group("Caucus")  # "1 2 Caucus" in the footer; F1 names each key
TABS = Binding.Group("Tabs")


def key(key: str, action: str, words: str, name: str, tip: str, **more) -> Binding:
    return Binding(key, action, words, id=f"session.{name}", tooltip=tip, **more)


SESSION_KEYS = [
    key("escape", "back", "Cases", "back", "Leave the session screen for the case list"),
    key("s", "statement", "Statement", "statement", "Record what a party says, then restate it"),
    key(
        "r", "restate", "Restate", "restate", "Restate a statement; the party confirms or corrects"
    ),
    key("n", "note", "Note", "note", "A joint note, or a caucus note in caucus"),
    key(
        "u",
        "correct",
        "Correct",
        "correct",
        "Correct the words of the highlighted statement or note (the newest statement "
        "elsewhere): a new version, the earlier words kept in the record",
    ),
    key(
        "o", "propose", "Propose", "propose", "Propose per-line adjustments and a payment schedule"
    ),
    key("dollar_sign", "payment", "Payment", "payment", "Record a payment the client made already"),
    key("c", "counter", "Counter", "counter", "Answer the open proposal with a pre-filled copy"),
    key("a", "accept", "Accept", "accept", "Accept a proposal in the joint session: agreed"),
    key("x", "reject", "Reject", "reject", "Reject the open proposal"),
    key("w", "withdraw", "Withdraw", "withdraw", "Withdraw the open proposal"),
    key(
        "e",
        "release",
        "Release",
        "release",
        "Release the highlighted caucus statement, note or proposal to the joint session, "
        "with the party's agreement",
    ),
    key(
        "1",
        "caucus('provider')",
        "Caucus prov.",
        "caucus_provider",
        "Private meeting with the provider",
        group=CAUCUS,
    ),
    key(
        "2",
        "caucus('client')",
        "Caucus client",
        "caucus_client",
        "Private meeting with the client",
        group=CAUCUS,
    ),
    key("0", "caucus('')", "End caucus", "caucus_end", "Back to the joint session"),
    key("j", "joint_view", "Joint view", "joint_view", "Hide all caucus material"),
    key(
        "p",
        "presentation(True)",
        "Present",
        "presentation",
        "Lock the screen to the joint view of this case for screen sharing",
    ),
    key(
        "p",
        "presentation(False)",
        "Leave presentation",
        "leave_presentation",
        "Back to the mediator's screen (asks first)",
    ),
    key("v", "settlement", "Settlement", "settlement", "Terms, clause choices, sign-off, export"),
    key(
        "d",
        "details",
        "Case details",
        "details",
        "The parties' names, addresses and signatories; the invoices and their lines",
    ),
    key(
        "left_square_bracket",
        "tab(-1)",
        "Previous tab",
        "previous_tab",
        "Back one evidence tab",
        group=TABS,
    ),
    key(
        "right_square_bracket",
        "tab(1)",
        "Next tab",
        "next_tab",
        "Invoice, contract, work log, correspondence, statements, notes, proposals",
        group=TABS,
    ),
    key(
        "t",
        "timer",
        "Pause timer",
        "timer",
        "Pause or resume the session clock (each run is recorded; the case keeps the total)",
    ),
    key(
        "asterisk",
        "all_lines",
        "All lines",
        "all_lines",
        "The contract, work log and mail of every invoice line again, not only of the line "
        "highlighted in the invoice tab",
        show=False,
    ),
    key("f1", "help", "Help", "help", "Every key of this screen"),
    key(
        "h",
        "point",
        "Show on shared screen",
        "point",
        "Put the highlighted invoice line, clause or message on the parties' shared screen "
        "(mediate serve), or take it off",
        show=False,
    ),
    key("l", "links", "Links", "links", "The parties' links to the shared screen", show=False),
    key(
        "k",
        "court_costs",
        "Cost of court",
        "court_costs",
        "In a caucus: what not settling costs each side",
        show=False,
    ),
    key(
        "b",
        "blind_bid",
        "Blind bid",
        "blind_bid",
        "Blind bidding: secret figures in each caucus, only the outcome told",
        show=False,
    ),
]

# What presentation mode still allows: looking through the joint evidence, and leaving it.
PRESENTATION_ACTIONS = frozenset({"tab", "help", "presentation", "all_lines"})
