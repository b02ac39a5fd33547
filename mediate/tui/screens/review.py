"""A past case, read-only: the timeline from the audit log, the agreement, re-export, integrity."""

from __future__ import annotations

import json
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from mediate.documents.export import ExportError, safe_file_name, write_file
from mediate.documents.settlement_docx import agreement_docx
from mediate.domain.lifecycle import label
from mediate.domain.money import format_money
from mediate.domain.timeline import timeline
from mediate.tui.screens.confirm import ConfirmScreen
from mediate.tui.screens.export_form import ExportChoice, ExportForm
from mediate.tui.screens.help import HelpScreen


class ReviewScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="review.back"),
        Binding("e", "export", "Re-export", id="review.export"),
        Binding("v", "verify", "Check integrity", id="review.verify"),
        Binding("f1", "help", "Help", id="review.help"),
    ]

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id

    def compose(self) -> ComposeResult:
        yield Static(id="review-header")
        with Horizontal(id="review-body"):
            with VerticalScroll(id="review-timeline"):
                yield Static(id="timeline")
            with VerticalScroll(id="review-agreement"):
                yield Static(id="agreement")
                yield Static(id="integrity")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        store = self.app.store
        self.case = store.case(self.case_id)
        lang, cur = self.case.language.value, self.case.currency
        header = Text()
        header.append(f" {self.case.reference} ", style="bold reverse")
        header.append(f" {self.case.title} · {label(self.case.status)} · read-only review")
        self.query_one("#review-header", Static).update(header)
        text = Text("Timeline\n", style="bold")
        for entry in timeline(store.audit_events(self.case_id), cur, lang):
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
            agreement.append(f"Total payable {format_money(record.proposal.total, cur, lang)}\n")
            for instalment in record.proposal.schedule:
                agreement.append(
                    f"  {instalment.due:%Y-%m-%d}  {format_money(instalment.amount, cur, lang)}\n"
                )
            for s in self.settlement.signoffs:
                agreement.append(
                    f"✓ {s.role.value}: {s.name}, {s.capacity}, {s.signed_at:%Y-%m-%d %H:%M}\n",
                    style="green",
                )
            agreement.append(f"Fingerprint {record.fingerprint}\n", style="dim")
            first = self.first_export()
            if first:
                agreement.append(
                    f"First export: {first['file']} SHA-256 {first['file_sha256'][:16]}…\n",
                    style="dim",
                )
        self.query_one("#agreement", Static).update(agreement)

    def first_export(self) -> dict | None:
        for event in self.app.store.audit_events(self.case_id):
            if event["kind"] == "settlement.exported":
                summary = json.loads(event["payload"])["summary"]
                if self.settlement and summary.get("version") == self.settlement.version:
                    return summary
        return None

    def action_verify(self) -> None:
        (result,) = self.app.store.verify(self.case.reference)
        widget = self.query_one("#integrity", Static)
        if result.ok:
            widget.update(
                Text(
                    f"\n✓ Integrity: {result.events} events, chain intact, tables match.",
                    style="green",
                )
            )
        else:
            widget.update(Text(f"\n✗ Integrity: {result.problems[0]}", style="bold red"))

    def action_export(self) -> None:
        if self.settlement is None:
            self.notify("This case has no settlement to export.")
            return
        record = self.app.store.settlement_record(self.settlement.id)

        def chosen(choice: ExportChoice | None) -> None:
            if choice is None:
                return
            name = safe_file_name(
                self.case.reference,
                f"-settlement-v{self.settlement.version}-{choice.language}.docx",
            )
            path = choice.folder / name
            if path.exists():
                self.app.push_screen(
                    ConfirmScreen(f"{name} exists. Overwrite it?"),
                    lambda yes: yes and self.write(path, record, choice.language, True),
                )
            else:
                self.write(path, record, choice.language, False)

        self.app.push_screen(ExportForm(self.case.language.value), chosen)

    def write(self, path: Path, record, language: str, force: bool) -> None:
        data = agreement_docx(record, language)
        try:
            digest = write_file(path, data, force=force)
        except ExportError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        first = self.first_export()
        self.app.store.record_export(self.settlement.id, path.name, digest, language)
        if first and first.get("language") == language:
            same = first["file_sha256"] == digest
            verdict = (
                "byte for byte the same as the first export"
                if same
                else "DIFFERENT from the first export"
            )
            self.notify(
                f"Wrote {path.name}: {verdict} (SHA-256 {digest[:16]}…).",
                markup=False,
                timeout=10,
                severity="information" if same else "error",
            )
        else:
            self.notify(
                f"Wrote {path.name} (SHA-256 {digest[:16]}…), the first export in this language.",
                markup=False,
            )
        self.reload()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self, "review"))
