"""Blind bidding in the live session (the ``b`` key): in the joint session the mediator records the
rule both parties agreed and later reveals the outcome; in each party's caucus that party gives
its secret figure. Only "settled at X" or "no overlap in round n" is ever told."""

from __future__ import annotations

from decimal import Decimal

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input, Label, Static

from mediate.domain.blind_bids import BidRound, BidRule, outcome_words
from mediate.domain.errors import DomainError
from mediate.domain.model import PartyRole
from mediate.domain.typed_amounts import parse_amount
from mediate.tui.screens.confirm import ConfirmScreen
from mediate.tui.screens.form_base import FormScreen

BOTH = (PartyRole.PROVIDER, PartyRole.CLIENT)


class BiddingRuleForm(FormScreen[BidRule | None]):
    """The rule, as both parties agreed it before the first round."""

    DEFAULT_CSS = """
    BiddingRuleForm .bid-row { height: 1; margin-top: 1; }
    BiddingRuleForm .bid-row Label { width: 42; }
    BiddingRuleForm .bid-row Input { width: 1fr; }
    BiddingRuleForm #bid-agreed { margin-top: 1; }
    """

    SUBMIT_ON_ENTER = False
    AUTO_FOCUS = "#bid-rounds"

    def __init__(self, currency: str, language: str) -> None:
        super().__init__()
        self.currency, self.language = currency, language

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Label("Blind bidding: the rule both parties agree", classes="form-title")
            yield Static(
                Text(
                    "Each party gives the mediator a secret figure (a total without VAT) in its "
                    "own caucus. When the client's offer reaches the provider's demand, the case "
                    'settles at the midpoint; only "settled at X" or "no overlap" is told.'
                )
            )
            for field_id, words, value in (
                ("bid-rounds", "Number of rounds (1 to 10)", "1"),
                ("bid-band", "Band (optional): also settle at a gap of", ""),
                ("bid-days", "Days to pay a settled amount", "14"),
            ):
                with Horizontal(classes="bid-row"):
                    yield Label(words)
                    yield Input(value=value, id=field_id, compact=True)
            yield Checkbox("Both parties agreed to this rule", id="bid-agreed", compact=True)
            yield self.error_line()
            yield Label(
                "Ctrl+S records the rule and opens round 1 · Escape cancels", classes="form-help"
            )

    def collect(self) -> BidRule:
        rounds = self.query_one("#bid-rounds", Input).value.strip()
        if not rounds.isdigit():
            raise DomainError("Number of rounds: write a whole number from 1 to 10.")
        band_text = self.query_one("#bid-band", Input).value.strip()
        band = (
            parse_amount(band_text, self.language, currency=self.currency)
            if band_text
            else Decimal(0)
        )
        if not self.query_one("#bid-agreed", Checkbox).value:
            raise DomainError(
                "Both parties must agree the rule before the first round: tick the box once "
                "they have."
            )
        days = self.query_one("#bid-days", Input).value.strip()
        if not days.isdigit():
            raise DomainError("Days to pay: write a whole number from 1 to 365.")
        rule = BidRule(int(rounds), band, int(days))
        rule.check()
        return rule


class BidForm(FormScreen[Decimal | None]):
    """One party's secret figure, in its own caucus."""

    AUTO_FOCUS = "#bid-amount"

    def __init__(self, party: PartyRole, bid_round: BidRound, currency: str, language: str) -> None:
        super().__init__()
        self.party, self.bid_round = party, bid_round
        self.currency, self.language = currency, language

    def compose(self) -> ComposeResult:
        what = "demand" if self.party == PartyRole.PROVIDER else "offer"
        with Vertical(classes="form"):
            yield Label(
                Text(
                    f"The {self.party.value}'s secret {what}: round {self.bid_round.round} of "
                    f"{self.bid_round.rounds}"
                ),
                classes="form-title",
            )
            yield Static(
                Text(
                    "A total without VAT, as a proposal's total. It is never shown to the other "
                    "party and cannot be changed once given."
                )
            )
            yield Input(placeholder=f"The {what}", id="bid-amount")
            yield self.error_line()
            yield Label("Enter or Ctrl+S gives the figure · Escape cancels", classes="form-help")

    def collect(self) -> Decimal:
        return parse_amount(
            self.query_one("#bid-amount", Input).value, self.language, currency=self.currency
        )


def bidding_status(store, case_id: int) -> str:
    """The open round, as the banner shows it (whether each figure is in, never what)."""
    open_round = store.open_bid_round(case_id)
    if open_round is None:
        return ""
    given = store.bidders(open_round.id)
    parts = [f"{p.value}'s figure {'in' if p in given else 'waiting'}" for p in BOTH]
    return f"BLIND BIDDING round {open_round.round} of {open_round.rounds}: {', '.join(parts)} (b)"


def blind_bid(session) -> None:
    """What ``b`` does where the mediator is."""
    if session.presenting or session.joint_view:
        session.notify(
            "Blind bidding is run by the mediator: leave the joint view first.", severity="warning"
        )
        return
    if session.caucus is None:
        _in_joint_session(session)
    else:
        _in_caucus(session, session.caucus)


def _in_caucus(session, party: PartyRole) -> None:
    store, case_id = session.app.store, session.case_id
    open_round = store.open_bid_round(case_id)
    if open_round is None:
        session.notify(
            "No blind-bidding round is open: agree the rule with both parties in the joint "
            "session (press 0, then b).",
            severity="warning",
        )
        return
    if party in store.bidders(open_round.id):
        session.notify(
            f"The {party.value}'s figure for round {open_round.round} is in; it cannot be changed.",
            severity="warning",
        )
        return

    def save(amount: Decimal) -> None:
        store.enter_bid(case_id, party, amount)

    def done(amount: Decimal | None) -> None:
        if amount is not None:
            session.reload()
            session.notify(
                f"The {party.value}'s figure for round {open_round.round} is recorded in this "
                "caucus. Nothing is told until both are in and the mediator reveals the outcome."
            )

    form = BidForm(party, open_round, session.case.currency, session.lang)
    session.app.push_screen(form.saving(save), done)


def _in_joint_session(session) -> None:
    store, case_id = session.app.store, session.case_id
    open_round = store.open_bid_round(case_id)
    if open_round is None:
        rounds = store.bid_rounds(case_id)
        last = rounds[-1] if rounds else None
        if last is not None and last.outcome == "no_overlap" and not last.last:
            _next_round(session, last)
        else:
            _agree(session)
        return
    waiting = [p for p in BOTH if p not in store.bidders(open_round.id)]
    if waiting:
        names = " and the ".join(p.value for p in waiting)

        def close(yes: bool | None) -> None:
            if yes:
                session.run_verb(store.close_bidding, case_id)
                session.notify("Blind bidding closed without a result; the figures stay secret.")

        session.app.push_screen(
            ConfirmScreen(
                f"Round {open_round.round} is waiting for the {names}'s figure.",
                "Each party gives its figure in its own caucus (1 or 2, then b). "
                "Close blind bidding now, without a result?",
            ),
            close,
        )
        return

    def reveal(yes: bool | None) -> None:
        if not yes:
            return
        revealed = session.run_verb(store.reveal_bids, case_id)
        if isinstance(revealed, BidRound):
            words = outcome_words(revealed, session.case.currency, session.lang)
            if revealed.outcome == "settled":
                words += " It is now an open proposal both parties can accept (a)."
            session.notify(words, markup=False, timeout=12)

    session.app.push_screen(
        ConfirmScreen(
            f"Reveal the outcome of round {open_round.round}?",
            "Both figures are in. Only the outcome is told: settled at the midpoint, or no "
            "overlap. The figures themselves are never shown.",
        ),
        reveal,
    )


def _agree(session) -> None:
    store, case_id = session.app.store, session.case_id

    def save(rule: BidRule) -> None:
        store.agree_blind_bidding(case_id, rule.rounds, rule.band, rule.pay_days)

    def done(rule: BidRule | None) -> None:
        if rule is not None:
            session.reload()
            session.notify(
                "Round 1 is open: each party now gives its figure in its own caucus (1 or 2, "
                "then b)."
            )

    form = BiddingRuleForm(session.case.currency, session.lang)
    session.app.push_screen(form.saving(save), done)


def _next_round(session, last: BidRound) -> None:
    store, case_id = session.app.store, session.case_id

    def done(yes: bool | None) -> None:
        if yes and isinstance(session.run_verb(store.next_bid_round, case_id), int):
            session.notify(f"Round {last.round + 1} of {last.rounds} is open.")

    session.app.push_screen(
        ConfirmScreen(
            f"Open round {last.round + 1} of {last.rounds}?",
            f"No overlap in round {last.round}. The same rule applies; each party gives a new "
            "figure in its own caucus.",
        ),
        done,
    )
