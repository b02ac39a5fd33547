"""Blind bidding: the rule agreed in the joint session, each party's secret figure entered in its
own caucus, and the outcome revealed in the joint session, never the figures.

A bid is caucus material of its party: ``bids`` is read only through ``bids(case_id, view)``,
which applies the visibility rule, and no search index, joint read, report or document reads it.
The audit event of a bid carries the caucus (``visibility``) so a joint timeline leaves it out.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from mediate.domain.blind_bids import (
    Bid,
    BidRound,
    BidRule,
    adjustments_for,
    check_bid,
    settles_at,
)
from mediate.domain.errors import DomainError
from mediate.domain.model import PartyRole, Proposer, Visibility
from mediate.domain.money import from_minor, to_minor
from mediate.domain.settlement_money import instalments, settlement_money
from mediate.domain.visibility import CAUCUS_OF, View, readable
from mediate.store.base import StoreBase
from mediate.store.writes import serialized, write


def _round_from(row: dict[str, Any], currency: str) -> BidRound:
    return BidRound(
        id=row["id"],
        series=row["series"],
        round=row["round"],
        rounds=row["rounds"],
        band=from_minor(row["band_minor"], currency),
        pay_days=row["pay_days"],
        outcome=row["outcome"],
        settled=None
        if row["settled_minor"] is None
        else from_minor(row["settled_minor"], currency),
        proposal_id=row["proposal_id"],
    )


class BidVerbs(StoreBase):
    # --- reads ----------------------------------------------------------------------------------

    def bid_rounds(self, case_id: int) -> list[BidRound]:
        """Every round of the case, oldest first: rules and outcomes, no figures."""
        cur = self.currency(case_id)
        return [
            _round_from(row, cur)
            for row in self.db.query(
                "SELECT * FROM bid_rounds WHERE case_id = ? ORDER BY series, round", [case_id]
            )
        ]

    def open_bid_round(self, case_id: int) -> BidRound | None:
        return next((r for r in self.bid_rounds(case_id) if r.outcome == "open"), None)

    def bidders(self, round_id: int) -> set[PartyRole]:
        """Which parties have bid in a round (whether, never what)."""
        return {
            PartyRole(party)
            for (party,) in self.db.execute("SELECT party FROM bids WHERE round_id = ?", [round_id])
        }

    def bids(self, case_id: int, view: View) -> list[Bid]:
        """The secret figures a reader in ``view`` may see: in a caucus its own party's, for the
        mediator alone every one; in a joint view none."""
        kinds = sorted(v.value for v in readable(view) if v != Visibility.JOINT)
        if not kinds:
            return []
        cur = self.currency(case_id)
        marks = ", ".join("?" for _ in kinds)
        return [
            Bid(
                id=row["id"],
                round_id=row["round_id"],
                party=row["party"],
                amount=from_minor(row["amount_minor"], cur),
                visibility=row["visibility"],
            )
            for row in self.db.query(
                f"SELECT * FROM bids WHERE case_id = ? AND visibility IN ({marks}) ORDER BY id",
                [case_id, *kinds],
            )
        ]

    # --- verbs ----------------------------------------------------------------------------------

    def _the_open_round(self, case_id: int) -> BidRound:
        found = self.open_bid_round(case_id)
        if found is None:
            raise DomainError(
                "No blind-bidding round is open: open one in the joint session with the rule "
                "both parties agreed."
            )
        return found

    @serialized
    def agree_blind_bidding(
        self,
        case_id: int,
        rounds: int,
        band: Decimal = Decimal(0),
        pay_days: int = 14,
        at: datetime | None = None,
    ) -> int:
        """Both parties agreed a rule in the joint session: its first round opens."""
        rule = BidRule(rounds, band, pay_days)
        rule.check()
        if self.open_bid_round(case_id) is not None:
            raise DomainError("A blind-bidding round is open already: reveal or close it first.")
        cur = self.currency(case_id)
        case = self.case(case_id)
        (series,) = self.db.execute(
            "SELECT COALESCE(MAX(series), 0) + 1 FROM bid_rounds WHERE case_id = ?", [case_id]
        ).fetchone()
        moment = self.moment(at)
        summary = {
            "series": series,
            "round": 1,
            "rounds": rounds,
            "band": str(band),
            "pay_days": pay_days,
            "rule": rule.words(cur, case.language.value),
            "agreed_by": ["provider", "client"],
        }
        with write(self.db, case_id, moment, "mediator", "bidding.agreed", summary) as ch:
            self._open_session(ch, case_id)
            return ch.insert(
                "bid_rounds",
                {
                    "case_id": case_id,
                    "series": series,
                    "round": 1,
                    "rounds": rounds,
                    "band_minor": to_minor(band, cur),
                    "pay_days": pay_days,
                    "opened_at": moment,
                    "outcome": "open",
                    "settled_minor": None,
                    "proposal_id": None,
                    "closed_at": None,
                },
            )

    @serialized
    def next_bid_round(self, case_id: int, at: datetime | None = None) -> int:
        """The next round under the same rule, after a round without overlap."""
        if self.open_bid_round(case_id) is not None:
            raise DomainError("A blind-bidding round is open already.")
        rounds = self.bid_rounds(case_id)
        last = rounds[-1] if rounds else None
        if last is None or last.outcome != "no_overlap":
            raise DomainError("A next round follows only a round that ended without overlap.")
        if last.last:
            raise DomainError(
                f"The {last.rounds} round(s) agreed are used up: agree a new rule with both "
                "parties to bid again."
            )
        moment = self.moment(at)
        summary = {"series": last.series, "round": last.round + 1, "rounds": last.rounds}
        cur = self.currency(case_id)
        with write(self.db, case_id, moment, "mediator", "bidding.round", summary) as ch:
            self._open_session(ch, case_id)
            return ch.insert(
                "bid_rounds",
                {
                    "case_id": case_id,
                    "series": last.series,
                    "round": last.round + 1,
                    "rounds": last.rounds,
                    "band_minor": to_minor(last.band, cur),
                    "pay_days": last.pay_days,
                    "opened_at": moment,
                    "outcome": "open",
                    "settled_minor": None,
                    "proposal_id": None,
                    "closed_at": None,
                },
            )

    @serialized
    def enter_bid(
        self, case_id: int, party: PartyRole, amount: Decimal, at: datetime | None = None
    ) -> int:
        """A party's secret figure for the open round, given in its own caucus; final once given."""
        party = PartyRole(party)
        open_round = self._the_open_round(case_id)
        if party in self.bidders(open_round.id):
            raise DomainError(
                f"The {party.value}'s figure for round {open_round.round} is in already; it "
                "cannot be changed."
            )
        cur = self.currency(case_id)
        check_bid(amount, self.invoices(case_id), cur)
        visibility = CAUCUS_OF[party]
        moment = self.moment(at)
        summary = {
            "visibility": visibility.value,
            "party": party.value,
            "series": open_round.series,
            "round": open_round.round,
        }
        with write(self.db, case_id, moment, party.value, "bid.entered", summary) as ch:
            self._open_session(ch, case_id)
            return ch.insert(
                "bids",
                {
                    "case_id": case_id,
                    "round_id": open_round.id,
                    "party": party.value,
                    "visibility": visibility.value,
                    "amount_minor": to_minor(amount, cur),
                    "entered_at": moment,
                },
            )

    @serialized
    def reveal_bids(self, case_id: int, at: datetime | None = None) -> BidRound:
        """Apply the rule to both figures of the open round and record only its outcome; a
        settlement becomes an open proposal by the mediator, in the joint session."""
        open_round = self._the_open_round(case_id)
        waiting = {PartyRole.PROVIDER, PartyRole.CLIENT} - self.bidders(open_round.id)
        if waiting:
            names = " and the ".join(sorted(p.value for p in waiting))
            raise DomainError(
                f"Waiting for the {names}'s figure: each party gives it in its own caucus."
            )
        cur = self.currency(case_id)
        figures = {
            row["party"]: from_minor(row["amount_minor"], cur)
            for row in self.db.query(
                "SELECT party, amount_minor FROM bids WHERE round_id = ?", [open_round.id]
            )
        }
        settled = settles_at(open_round.rule, figures["provider"], figures["client"], cur)
        proposal_id = None
        number = None
        if settled is not None:
            invoices = self.invoices(case_id)
            adjustments = adjustments_for(invoices, settled, cur)
            terms = (
                f"Settled by blind bidding in round {open_round.round}, under the rule both "
                "parties agreed: the midpoint of the client's offer and the provider's demand, "
                f"paid within {open_round.pay_days} days."
            )
            money = settlement_money(invoices, adjustments, self.payments(case_id), cur)
            due = (at or self.clock()).date() + timedelta(days=open_round.pay_days)
            schedule = instalments(money, [due]) if money.still_owed or money.refund else []
            proposal_id = self.add_proposal(
                case_id, Proposer.MEDIATOR, adjustments, schedule, terms, None, at=at
            )
            number = self.proposal(proposal_id).number
        moment = self.moment(at)
        outcome = "settled" if settled is not None else "no_overlap"
        summary = {
            "series": open_round.series,
            "round": open_round.round,
            "rounds": open_round.rounds,
            "outcome": outcome,
            "settled": None if settled is None else str(settled),
            "proposal": number,
        }
        with write(self.db, case_id, moment, "mediator", "bidding.revealed", summary) as ch:
            ch.update(
                "bid_rounds",
                open_round.id,
                {
                    "outcome": outcome,
                    "settled_minor": None if settled is None else to_minor(settled, cur),
                    "proposal_id": proposal_id,
                    "closed_at": moment,
                },
            )
        return next(r for r in self.bid_rounds(case_id) if r.id == open_round.id)

    @serialized
    def close_bidding(self, case_id: int, at: datetime | None = None) -> None:
        """End the open round without revealing anything (the figures stay secret)."""
        open_round = self._the_open_round(case_id)
        moment = self.moment(at)
        summary = {"series": open_round.series, "round": open_round.round}
        with write(self.db, case_id, moment, "mediator", "bidding.closed", summary) as ch:
            ch.update("bid_rounds", open_round.id, {"outcome": "closed", "closed_at": moment})
