"""A past case, read-only: the timeline from the audit log, the agreement, re-export, integrity."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from mediate.domain.lifecycle import label
from mediate.domain.money import format_money
from mediate.domain.session_time import duration_words
from mediate.domain.timeline import timeline
from mediate.domain.visibility import View
from mediate.services.export import Exported, explain_difference
from mediate.store import open_store
from mediate.store.connection import StoreError
from mediate.store.reads import ExportRecord
from mediate.tui.export_flow import start_export
from mediate.tui.screens.help import HelpScreen
from mediate.tui.widgets.key_footer import KeyFooter


class ReviewScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="review.back", tooltip="Back to the archive"),
        Binding(
            "e",
            "export",
            "Re-export",
            id="review.export",
            tooltip="Export the agreement again and compare it with the last export",
        ),
        Binding(
            "v",
            "verify",
            "Check integrity",
            id="review.verify",
            tooltip="Recompute the audit chain and compare it with the tables",
        ),
        Binding("f1", "help", "Help", id="review.help", tooltip="Every key of this screen"),
    ]

    def __init__(self, case_id: int, view: View = View.JOINT) -> None:
        super().__init__()
        self.case_id = case_id
        self.view = view  # the archive's: joint unless the mediator asked to see caucus material

    def compose(self) -> ComposeResult:
        yield Static(id="review-header")
        with Horizontal(id="review-body"):
            with VerticalScroll(id="review-timeline"):
                yield Static(id="timeline")
            with VerticalScroll(id="review-agreement"):
                yield Static(id="agreement")
                yield Static(id="integrity")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        store = self.app.store
        self.case = store.case(self.case_id)
        lang, cur = self.case.language.value, self.case.currency
        header = Text()
        header.append(f" {self.case.reference} ", style="bold reverse")
        header.append(f" {self.case.title} · {label(self.case.status)} · read-only review")
        clock = store.session_time(self.case_id)
        if clock.runs:
            header.append(f" · session time {duration_words(clock.total)}")
        header.append(
            " · JOINT VIEW: caucus events hidden"
            if self.view == View.JOINT
            else " · MEDIATOR'S VIEW: caucus events shown and labelled",
            style="bold",
        )
        self.query_one("#review-header", Static).update(header)
        text = Text("Timeline\n", style="bold")
        for entry in timeline(store.audit_events(self.case_id), cur, lang, self.view):
            text.append(f"{entry.at:%Y-%m-%d %H:%M} ", style="dim")
            text.append(entry.text + "\n")
        self.query_one("#timeline", Static).update(text)
        self.settlement = store.current_settlement(self.case_id)
        agreement = Text("Agreement\n", style="bold")
        if self.settlement is None:
            agreement.append("No proposal was accepted in this case.", style="dim")
        else:
            record = store.settlement_record(self.settlement.id)
            state = "signed off and locked" if self.settlement.locked else "draft"
            agreement.append(f"Version {self.settlement.version}, {state}\n")
            money = record.money
            show = lambda amount: format_money(amount, cur, lang)  # noqa: E731
            agreement.append(
                f"Agreed {show(money.agreed.net)} without VAT, {show(money.agreed.gross)} with "
                f"VAT; paid {show(money.paid)}; "
                + (
                    f"to refund {show(money.refund)}\n"
                    if money.refund
                    else f"still owed {show(money.still_owed)}\n"
                )
            )
            for instalment in record.proposal.schedule:
                agreement.append(f"  {instalment.due:%Y-%m-%d}  {show(instalment.amount)}\n")
            for s in self.settlement.signoffs:
                agreement.append(
                    f"✓ {s.role.value}: {s.name}, {s.capacity}, {s.signed_at:%Y-%m-%d %H:%M}\n",
                    style="green",
                )
            agreement.append(f"Fingerprint {record.fingerprint}\n", style="dim")
            last = next(reversed(self.exports()), None)
            if last:
                agreement.append(
                    f"Last export: {last.file} SHA-256 {last.file_sha256[:16]}…\n",
                    style="dim",
                )
        self.query_one("#agreement", Static).update(agreement)

    def exports(self, language: str | None = None) -> list[ExportRecord]:
        """Export events of the current version (in one language if given), oldest first."""
        if self.settlement is None:
            return []
        return [
            e
            for e in self.app.store.exports(self.case_id)
            if e.version == self.settlement.version and language in (None, e.language)
        ]

    def action_verify(self) -> None:
        self.query_one("#integrity", Static).update(
            Text("\nChecking the audit chain…", style="dim")
        )
        self.verify_case()

    @work(thread=True, exclusive=True, group="verify")
    def verify_case(self) -> None:
        """Recompute the audit chain off the UI thread, with the worker's own connection."""
        store = open_store(self.app.db_path)
        try:
            (result,) = store.verify(self.case.reference)
        except StoreError as error:
            self.app.call_from_thread(self.show_integrity, Text(f"\n✗ {error}", style="bold red"))
            return
        finally:
            store.close()
        if result.ok:
            text = Text(
                f"\n✓ Integrity: {result.events} events, chain intact, tables match.",
                style="green",
            )
        else:
            text = Text(f"\n✗ Integrity: {result.problems[0]}", style="bold red")
        self.app.call_from_thread(self.show_integrity, text)

    def show_integrity(self, text: Text) -> None:
        self.query_one("#integrity", Static).update(text)

    def action_export(self) -> None:
        if self.settlement is None:
            self.notify("This case has no settlement to export.")
            return
        start_export(self, self.case_id, self.compare)

    def compare(self, exported: Exported, language: str) -> None:
        """Tell whether this export is byte for byte the last one of the same version and
        language (signed or draft alike), and which part differs when it is not."""
        path, digest = exported.path, exported.sha256
        if self.settlement is None:
            return
        version = self.settlement.version
        same = self.app.store.exports_of(self.case_id, self.settlement, language)
        code = f"check code {exported.check_code}" if exported.check_code else ""
        if len(same) < 2:
            self.notify(
                f"Wrote {path.name} (SHA-256 {digest[:16]}…, {code}), the first export of "
                f"version {version} in this language.",
                markup=False,
            )
        elif same[-2].get("file_sha256") == digest:
            self.notify(
                f"Wrote {path.name}: byte for byte the same as the last export of version "
                f"{version} (SHA-256 {digest[:16]}…, {code}).",
                markup=False,
                timeout=10,
            )
        else:
            changed = "; ".join(explain_difference(same[-2], same[-1]))
            self.notify(
                f"Wrote {path.name}: DIFFERENT from the last export of version {version} "
                f"(SHA-256 {digest[:16]}…): {changed}.",
                markup=False,
                timeout=15,
                severity="error",
            )
        self.reload()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self, "review"))
