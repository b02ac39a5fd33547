"""The Contract tab: the clauses, a search, and a jump to the clause that governs a line."""

from __future__ import annotations

import re

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from mediate.domain.model import ContractClause, InvoiceLine
from mediate.domain.reconciliation import contract_rates
from mediate.domain.safe_text import for_terminal


def governing_clause(clauses: list[ContractClause], line: InvoiceLine) -> ContractClause | None:
    """The clause naming the line's rate, else the first clause sharing a significant word."""
    for rate, ref in contract_rates(clauses).items():
        if rate == line.unit_price:
            return next((c for c in clauses if (c.ref or c.heading) == ref), None)
    words = {w for w in re.findall(r"[a-zà-ÿ]{5,}", line.description.lower())}
    for clause in clauses:
        body = f"{clause.heading} {clause.text}".lower()
        if any(word in body for word in words):
            return clause
    return None


class ClauseList(OptionList):
    """The clause titles. OptionList drops its drawn lines on every resize, and the tab being shown
    again counts as one; they depend only on the width left beside the scrollbar, so a resize
    that keeps that width keeps them."""

    drawn_width: int | None = None

    def on_resize(self, event: events.Resize) -> None:
        width = self.scrollable_content_region.width
        if width == self.drawn_width:
            event.prevent_default()  # OptionList's own handler would clear and redraw
        self.drawn_width = width


class ContractEvidence(Vertical):
    def __init__(self, case_id: int, line_id: int | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.case_id = case_id
        self.first_line = line_id  # shown on mount: the line chosen before the tab was built
        self.clauses: list[ContractClause] = []
        self.shown: list[ContractClause] = []

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Search the contract", id="contract-search")
        yield Static(id="contract-hint")
        with Horizontal():
            yield ClauseList(id="clause-list")
            with VerticalScroll(id="clause-text-scroll"):
                yield Static(id="clause-text")

    def on_mount(self) -> None:
        self.clauses = self.app.store.clauses(self.case_id)
        self.show_clauses(self.clauses)
        if self.first_line is not None:
            self.show_line(self.first_line)

    def show_clauses(self, clauses: list[ContractClause]) -> None:
        self.shown = clauses
        options = self.query_one("#clause-list", OptionList)
        options.clear_options()
        options.add_options(
            [Option(Text(for_terminal(f"{c.ref} {c.heading}".strip()))) for c in clauses]
        )
        if clauses:
            options.highlighted = 0
            self.show_text(clauses[0])
        else:
            self.query_one("#clause-text", Static).update(
                Text(
                    "No clause matches." if self.clauses else "No contract in this case.",
                    style="dim",
                )
            )

    def show_text(self, clause: ContractClause) -> None:
        head = for_terminal(f"{clause.ref} {clause.heading}".strip())
        text = Text(f"{head}\n\n" if head else "", style="bold")
        body = Text(for_terminal(clause.text, multiline=True))
        needle = self.query_one("#contract-search", Input).value.strip()
        if needle:
            body.highlight_words([needle], style="reverse", case_sensitive=False)
        text.append_text(body)
        self.query_one("#clause-text", Static).update(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        needle = event.value.strip().lower()
        matches = [c for c in self.clauses if needle in f"{c.ref} {c.heading}\n{c.text}".lower()]
        self.show_clauses(matches if needle else self.clauses)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.shown):
            self.show_text(self.shown[event.option_index])

    def show_line(self, line_id: int | None) -> None:
        hint = self.query_one("#contract-hint", Static)
        line = self._line(line_id)
        clause = governing_clause(self.clauses, line) if line else None
        if clause is None:
            hint.update("")
            return
        self.query_one("#contract-search", Input).value = ""
        self.show_clauses(self.clauses)
        self.query_one("#clause-list", OptionList).highlighted = self.clauses.index(clause)
        self.show_text(clause)
        hint.update(
            Text(
                f"Clause {clause.ref or clause.heading} governs line {line.position}.", style="cyan"
            )
        )

    def _line(self, line_id: int | None) -> InvoiceLine | None:
        if line_id is None:
            return None
        for invoice in self.app.store.invoices(self.case_id):
            for line in invoice.lines:
                if line.id == line_id:
                    return line
        return None
