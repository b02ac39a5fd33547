"""A case's audit log in plain words: "14:05 client statement recorded"."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from mediate.domain.model import Visibility
from mediate.domain.money import format_money
from mediate.domain.safe_text import for_terminal
from mediate.domain.session_time import duration_words
from mediate.domain.visibility import View, label, may_read


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    text: str


QUOTED = 120  # characters of a replaced text the timeline shows


def _quoted(text: str) -> str:
    """A replaced text on one line, in quotes, cut after ``QUOTED`` characters."""
    words = " ".join(for_terminal(str(text)).split())
    return f"“{words[:QUOTED]}…”" if len(words) > QUOTED else f"“{words}”"


def _describe(kind: str, actor: str, s: dict[str, Any], money) -> str:
    amount = lambda key: money(Decimal(s[key])) if s.get(key) is not None else ""  # noqa: E731
    match kind:
        case "case.created":
            return "case created"
        case "case.imported":
            return (
                f"case file taken in: {s.get('invoices', 0)} invoice(s), {s.get('work_entries', 0)} work entries, "
                f"{s.get('messages', 0)} messages, {s.get('clauses', 0)} clauses"
            )
        case "case.reimported":
            return "case file taken in again (replaced)"
        case "case.status":
            reason = f" ({s['reason']})" if s.get("reason") else ""
            return f"status changed from {s.get('from', '?').replace('_', ' ')} to {s.get('to', '?').replace('_', ' ')}{reason}"
        case "party.updated":
            return f"{s.get('role', 'party')} details updated"
        case "statement.recorded":
            return f"{s.get('party', actor)} statement recorded"
        case "statement.restated":
            return f"mediator restated the {s.get('party', '')} statement".replace("  ", " ")
        case "statement.confirmed":
            return f"{s.get('party', actor)} confirmed the restatement"
        case "statement.corrected":
            return f"{s.get('party', actor)} corrected the restatement"
        case "statement.revised":
            return (
                f"{s.get('party', '')} statement corrected to version {s.get('version')}; "
                f"it read: {_quoted(s.get('previous', ''))}"
            ).lstrip()
        case "note.added":
            return "note taken"
        case "note.revised":
            return (
                f"note corrected to version {s.get('version')}; it read: "
                f"{_quoted(s.get('previous', ''))}"
            )
        case "proposal.made":
            counter = (
                f" (answers proposal {s['counter_of_number']})"
                if s.get("counter_of_number")
                else ""
            )
            return f"proposal {s.get('number')} by {s.get('by')}: {amount('total')}{counter}"
        case "proposal.accepted":
            return f"proposal {s.get('number')} accepted: {amount('total')}"
        case "proposal.rejected" | "proposal.withdrawn":
            return f"proposal {s.get('number')} {kind.split('.')[1]}"
        case "settlement.choices":
            return "settlement clause choices set"
        case "settlement.signed":
            locked = " — settlement locked" if s.get("fingerprint") else ""
            return f"signed off by the {s.get('role')}: {s.get('name')}{locked}"
        case "settlement.amended":
            return (
                f"settlement version {s.get('version')} drafted, amending version {s.get('amends')}"
            )
        case "settlement.exported":
            return f"agreement v{s.get('version')} exported ({s.get('language')}): {s.get('file')}"
        case "session.clock.started":
            return "session clock started"
        case "session.clock.paused" | "session.clock.stopped":
            run = duration_words(int(s.get("seconds", 0)))
            total = duration_words(int(s.get("total", 0)))
            return f"session clock {kind.rsplit('.', 1)[1]} after {run} (session time {total})"
        case "settlement.reopened":
            reason = f" ({s['reason']})" if s.get("reason") else ""
            return (
                f"settlement version {s.get('version')} reopened: proposal {s.get('proposal')} "
                f"open again, back in session{reason}"
            )
        case "settlement.amendment_dropped":
            return f"draft amendment version {s.get('version')} dropped"
        case "invoice.added" | "invoice.updated":
            return f"invoice {s.get('number')} {kind.split('.')[1]}"
        case "invoice_line.added" | "invoice_line.updated":
            return f"line {s.get('position')} of invoice {s.get('invoice')} {kind.split('.')[1]}"
        case "payment.recorded":
            paid_on = f" (paid on {s['paid_on']})" if s.get("paid_on") else ""
            return f"payment of {amount('amount')} recorded{paid_on}"
        case "costs.calculated":
            return f"cost of not settling worked out with the {s.get('party', 'party')}"
        case "bid.entered":
            return f"{s.get('party', actor)} gave its secret figure for round {s.get('round')}"
        case "bidding.agreed":
            return (
                f"blind bidding agreed by both parties ({s.get('rounds')} round(s)): "
                f"round {s.get('round', 1)} open"
            )
        case "bidding.round":
            return f"blind bidding: round {s.get('round')} of {s.get('rounds')} open"
        case "bidding.revealed":
            if s.get("outcome") == "settled":
                return (
                    f"blind bidding settled at {amount('settled')} in round {s.get('round')}"
                    f" (proposal {s.get('proposal')})"
                )
            return f"blind bidding: no overlap in round {s.get('round')}"
        case "bidding.closed":
            return f"blind bidding closed in round {s.get('round')} without a result"
        case "caucus.released":
            what = f"proposal {s['number']}" if s.get("number") else f"a {s.get('kind', 'record')}"
            return (
                f"{what} released from {s.get('from', 'caucus')} to the joint session, "
                f"with the {s.get('agreed_by', actor)}'s agreement"
            )
    return kind.replace(".", " ")


def event_visibility(kind: str, summary: dict[str, Any]) -> Visibility:
    """Where an event happened: the caucus of the record it is about, else the joint session.
    Events written before records carried a caucus (statements, proposals) were joint."""
    if kind.split(".")[0] in ("statement", "note", "proposal", "bid", "costs"):
        return Visibility(summary.get("visibility", "joint"))
    return Visibility.JOINT


def timeline(
    events: list[dict[str, Any]], currency: str, language: str, view: View = View.JOINT
) -> list[TimelineEntry]:
    """Plain-word entries for audit events (rows with at, actor, kind, payload), in log order.

    Only what a reader in ``view`` may see: in the joint view nothing that happened in a caucus
    (its release is joint); a caucus event shown to the mediator says which caucus."""

    def money(value: Decimal) -> str:
        return format_money(value, currency, language)

    entries = []
    for event in events:
        summary = json.loads(event["payload"]).get("summary", {})
        where = event_visibility(event["kind"], summary)
        if not may_read(view, where):
            continue
        text = _describe(event["kind"], event["actor"], summary, money)
        if where != Visibility.JOINT:
            text += f" ({label(where)})"
        entries.append(TimelineEntry(at=datetime.fromisoformat(event["at"]), text=text))
    return entries
