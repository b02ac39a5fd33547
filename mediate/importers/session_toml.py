"""``session.toml``: a recorded session (statements, notes, proposals, decisions, sign-offs)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from mediate.domain.clauses import BY_KEY
from mediate.domain.model import (
    AdjustmentKind,
    Instalment,
    PartyRole,
    Proposer,
    Signatory,
    Visibility,
)
from mediate.domain.session_script import (
    ScriptAdjustment,
    ScriptBid,
    ScriptBidding,
    ScriptCosts,
    ScriptDecision,
    ScriptNote,
    ScriptPayment,
    ScriptProposal,
    ScriptRelease,
    ScriptReveal,
    ScriptSignOff,
    ScriptStatement,
    SessionScript,
)
from mediate.importers.case_toml import Fields, line_ref, load_toml

ADJUSTMENT_KEYS = {
    "reduce_to": AdjustmentKind.REDUCE_TO,
    "reduce_by_percent": AdjustmentKind.REDUCE_BY_PERCENT,
}


def _moment(f: Fields, key: str, required: bool = True) -> datetime | None:
    value = f.table.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise f.fail(key, "must be a moment with its offset, like 2026-04-14T10:05:00+02:00")
    return value


def _statement(f: Fields) -> ScriptStatement:
    ref = f.text("invoice_line")
    confirmed = f.table.get("confirmed", False)
    if not isinstance(confirmed, bool):
        raise f.fail("confirmed", "must be true or false")
    return ScriptStatement(
        at=_moment(f, "at"),
        party=f.choice("party", PartyRole, ""),
        text=f.text("text", None),
        claimed_amount=f.money("claimed_amount", None),
        line=line_ref(ref, f, "invoice_line") if ref else None,
        restatement=f.text("restatement"),
        restated_at=_moment(f, "restated_at", required=False),
        confirmed=confirmed,
        correction=f.text("correction"),
        visibility=f.choice("visibility", Visibility, "joint"),
    )


def _proposal(f: Fields) -> ScriptProposal:
    adjustments = []
    for index, row in enumerate(f.tables("adjust"), start=1):
        af = Fields(row, f.path, f"{f.where}.adjust[{index}]")
        line = line_ref(af.text("line", None), af, "line")
        if row.get("withdraw") is True:
            adjustments.append(ScriptAdjustment(line=line, kind=AdjustmentKind.WITHDRAW))
            continue
        found = [(key, kind) for key, kind in ADJUSTMENT_KEYS.items() if key in row]
        if len(found) != 1:
            raise af.fail("line", "give one of reduce_to, reduce_by_percent or withdraw = true")
        key, kind = found[0]
        value = af.money(key, None) if kind == AdjustmentKind.REDUCE_TO else af.amount(key)
        adjustments.append(ScriptAdjustment(line=line, kind=kind, value=value))
    schedule = []
    for index, row in enumerate(f.tables("schedule"), start=1):
        sf = Fields(row, f.path, f"{f.where}.schedule[{index}]")
        amount = sf.money("amount", None)
        schedule.append(Instalment(due=sf.date("due", required=True), amount=amount))
    counter = f.table.get("counter_of")
    if counter is not None and not isinstance(counter, int):
        raise f.fail("counter_of", "must be a proposal number")
    return ScriptProposal(
        at=_moment(f, "at"),
        by=f.choice("by", Proposer, ""),
        adjustments=adjustments,
        schedule=schedule,
        terms=f.text("terms"),
        counter_of=counter,
        visibility=f.choice("visibility", Visibility, "joint"),
    )


def _event(row: dict[str, Any], path: Path, index: int):
    f = Fields(row, path, f"event[{index}]")
    kind = f.text("kind", None)
    if kind == "statement":
        return _statement(f)
    if kind == "note":
        return ScriptNote(
            at=_moment(f, "at"),
            visibility=f.choice("visibility", Visibility, "joint"),
            text=f.text("text", None),
        )
    if kind == "proposal":
        return _proposal(f)
    if kind in ("accept", "reject", "withdraw"):
        number = row.get("proposal")
        if not isinstance(number, int):
            raise f.fail("proposal", "must be the number of a proposal")
        return ScriptDecision(at=_moment(f, "at"), action=kind, proposal=number)
    if kind == "payment":
        paid_on = f.date("paid_on", required=True)
        amount = f.money("amount", None)
        if paid_on is None or amount is None:
            raise f.fail("amount", "a payment needs paid_on and amount (as paid, VAT included)")
        return ScriptPayment(
            at=_moment(f, "at"), paid_on=paid_on, amount=amount, reference=f.text("reference")
        )
    if kind == "release":
        found = [k for k in ("statement", "note", "proposal") if k in row]
        if len(found) != 1 or not isinstance(row[found[0]], int):
            raise f.fail("kind", "a release names one statement, note or proposal by number")
        return ScriptRelease(at=_moment(f, "at"), kind=found[0], number=row[found[0]])
    if kind in ("costs", "blind_bidding", "next_round", "bid", "reveal"):
        return _negotiation(f, kind)
    raise f.fail(
        "kind",
        f"“{kind}” is not one of: statement, note, proposal, accept, reject, withdraw, release, "
        "payment, costs, blind_bidding, next_round, bid, reveal",
    )


def _whole(f: Fields, key: str, default: int | None = None) -> int:
    value = f.table.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool):
        raise f.fail(key, "must be a whole number")
    return value


def _flag(f: Fields, key: str, default: bool) -> bool:
    value = f.table.get(key, default)
    if not isinstance(value, bool):
        raise f.fail(key, "must be true or false")
    return value


def _required(value: Decimal | None, f: Fields, key: str) -> Decimal:
    if value is None:
        raise f.fail(key, "is required")
    return value


def _negotiation(f: Fields, kind: str):
    """Caucus calculations and blind bidding (issue: negotiation support)."""
    at = _moment(f, "at")
    if kind == "costs":
        return ScriptCosts(
            at=at,
            party=f.choice("party", PartyRole, ""),
            chance=_required(f.amount("chance"), f, "chance"),
            months=_whole(f, "months"),
            own_costs=_required(f.money("own_costs", None), f, "own_costs"),
            other_costs=_required(f.money("other_costs", None), f, "other_costs"),
            commercial=_flag(f, "commercial", True),
            claimant_company=_flag(f, "claimant_company", True),
        )
    if kind in ("blind_bidding", "next_round"):
        band = f.money("band", None) or Decimal(0)
        return ScriptBidding(
            at=at,
            rounds=_whole(f, "rounds", 1),
            band=band,
            pay_days=_whole(f, "pay_days", 14),
            next_round=kind == "next_round",
        )
    if kind == "bid":
        return ScriptBid(
            at=at,
            party=f.choice("party", PartyRole, ""),
            amount=_required(f.money("amount", None), f, "amount"),
        )
    return ScriptReveal(at=at)


def read_session(path: Path) -> SessionScript:
    table = load_toml(path)
    f = Fields(table, path)
    script = SessionScript(intake_at=_moment(f, "intake_at", required=False))
    script.events = [_event(row, path, i) for i, row in enumerate(f.tables("event"), start=1)]
    settlement = table.get("settlement", {})
    if not isinstance(settlement, dict):
        raise f.fail("settlement", "must be a table")
    sf = Fields(settlement, path, "settlement")
    choices = settlement.get("choices", {})
    if not isinstance(choices, dict):
        raise sf.fail("choices", "must be a table of text values")
    script.choices = {str(k): str(v) for k, v in choices.items()}
    for key, value in script.choices.items():
        options = BY_KEY[key].options if key in BY_KEY else ()
        if options and value and value not in options:
            raise sf.fail(f"choices.{key}", f"“{value}” is not one of: {', '.join(options)}")
    script.choices_at = _moment(sf, "choices_at", required=False)
    for index, row in enumerate(sf.tables("signoff"), start=1):
        of = Fields(row, path, f"settlement.signoff[{index}]")
        script.signoffs.append(
            ScriptSignOff(
                at=_moment(of, "at"),
                role=of.choice("role", Signatory, ""),
                name=of.text("name", None),
                capacity=of.text("capacity", None),
            )
        )
    return script
