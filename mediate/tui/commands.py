"""The command palette: every action of the current screen by a verb-prefixed name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

# (name in the palette, screen class name, action, help)
COMMANDS: tuple[tuple[str, str, str, str], ...] = (
    ("case: open", "HomeScreen", "open_case", "Open the highlighted case in session"),
    ("case: import folder", "HomeScreen", "import_folder", "Import a case folder"),
    ("case: new", "HomeScreen", "new_case", "Type in a new case"),
    (
        "case: change status",
        "HomeScreen",
        "change_status",
        "Impasse, withdrawn, or back in session",
    ),
    ("case: filter", "HomeScreen", "focus_filter", "Filter the case list"),
    ("archive: search past cases", "HomeScreen", "archive", "Filters and full-text search"),
    (
        "insights: show",
        "HomeScreen",
        "insights",
        "Settlement rate, reductions, reasons, prevention",
    ),
    (
        "archive: review case",
        "ArchiveScreen",
        "review",
        "Timeline, agreement, re-export, integrity",
    ),
    (
        "view: joint view (archive)",
        "ArchiveScreen",
        "joint_view",
        "Leave caucus notes out of search",
    ),
    (
        "review: re-export agreement",
        "ReviewScreen",
        "export",
        "Export again and compare fingerprints",
    ),
    ("review: check integrity", "ReviewScreen", "verify", "Recompute the audit chain"),
    (
        "insights: prevention report",
        "InsightsScreen",
        "toggle_prevention",
        "What to change in invoices and contracts",
    ),
    ("case: back to list", "SessionScreen", "back", "Leave the session screen"),
    ("statement: record", "SessionScreen", "statement", "Record what a party says"),
    (
        "statement: restate",
        "SessionScreen",
        "restate",
        "Restate a statement; the party confirms or corrects",
    ),
    ("note: add", "SessionScreen", "note", "A joint note, or a caucus note in caucus"),
    ("proposal: new", "SessionScreen", "propose", "Propose per-line adjustments and a schedule"),
    ("proposal: counter", "SessionScreen", "counter", "Answer a proposal with a pre-filled copy"),
    ("proposal: accept", "SessionScreen", "accept", "Accept a proposal: the case is agreed"),
    ("proposal: reject", "SessionScreen", "reject", "Reject the open proposal"),
    ("proposal: withdraw", "SessionScreen", "withdraw", "Withdraw the open proposal"),
    (
        "caucus: provider",
        "SessionScreen",
        "caucus('provider')",
        "Private meeting with the provider",
    ),
    ("caucus: client", "SessionScreen", "caucus('client')", "Private meeting with the client"),
    ("caucus: end", "SessionScreen", "caucus('')", "Back to the joint session"),
    (
        "view: joint view",
        "SessionScreen",
        "joint_view",
        "Hide all caucus material for screen sharing",
    ),
    ("timer: pause or resume", "SessionScreen", "timer", "Pause or resume the session timer"),
    (
        "evidence: next tab",
        "SessionScreen",
        "tab(1)",
        "Invoice, contract, work log, correspondence, …",
    ),
    ("evidence: previous tab", "SessionScreen", "tab(-1)", "Back one evidence tab"),
    (
        "settlement: open",
        "SessionScreen",
        "settlement",
        "Terms, clause choices, sign-off and export",
    ),
    ("settlement: sign off", "SettlementScreen", "sign_off", "A signatory confirms the terms"),
    ("export: settlement", "SettlementScreen", "export", "Write the agreement as .docx"),
    (
        "settlement: amend",
        "SettlementScreen",
        "amend",
        "Draft a new version of a signed settlement",
    ),
    ("help: keys", "*", "help", "Every key of this screen"),
)


class MediateCommands(Provider):
    """Offers the actions of the screen under the palette."""

    def _available(self):
        screen = self.screen
        name = type(screen).__name__
        for title, screen_name, action, help_text in COMMANDS:
            if screen_name in (name, "*"):
                yield title, partial(screen.run_action, action), help_text

    async def discover(self) -> Hits:
        for title, run, help_text in self._available():
            yield DiscoveryHit(title, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, run, help_text in self._available():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), run, help=help_text)
