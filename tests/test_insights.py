"""Insights over past cases, computed by hand on five built cases, and the bar chart."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from click.testing import CliRunner

from mediate.cli import main
from mediate.documents.charts import bar, bar_chart, bar_eighths
from mediate.domain.archive import CaseOutcome
from mediate.domain.insights import insights, median
from mediate.domain.model import (
    AdjustmentKind,
    CaseStatus,
    LineAdjustment,
    PartyRole,
    Proposer,
    ReasonCode,
    Signatory,
    Visibility,
)
from mediate.reports.insights_text import insights_text
from mediate.store.archive_reads import case_outcomes
from tests.builders import bundle, line, pay_once
from tests.settlement_helpers import CHOICES

CAUCUS = "CAUCUS-INSIGHT-7c1e"


def add_case(store, reference, client, opened, reasons, amount):
    """A case with one disputed line of ``amount`` (10 h at a tenth of it)."""
    b = bundle(reference)
    b.case.opened = opened
    b.case.reasons = reasons
    b.case.parties[1].legal_name = client
    b.invoices[0].lines = [line(1, "Design work", "10", str(Decimal(amount) / 10), True)]
    b.invoices[0].declared_net = b.invoices[0].line_sum
    b.work = []
    return store.import_bundle(b)


def settle(store, case_id, agreed, signed_on):
    """Agree on ``agreed`` and sign off on the given day (the last signature at 15:00 UTC)."""
    store.record_statement(case_id, PartyRole.CLIENT, "Too many hours.")
    store.add_note(case_id, Visibility.CAUCUS_CLIENT, CAUCUS)
    (ln,) = store.invoices(case_id)[0].lines
    adjustment = LineAdjustment(line_id=ln.id, kind=AdjustmentKind.REDUCE_TO, value=Decimal(agreed))
    schedule = pay_once(store, case_id, [adjustment])
    proposal = store.add_proposal(case_id, Proposer.MEDIATOR, [adjustment], schedule=schedule)
    settlement = store.accept_proposal(proposal)
    store.set_clause_choices(settlement, CHOICES)
    sign(store, settlement, datetime.combine(signed_on, datetime.min.time(), UTC))
    return settlement


def sign(store, settlement, day):
    for hour, role in zip((9, 12, 15), Signatory, strict=True):
        store.sign_off(
            settlement, role, f"{role.value} signer", "Director", at=day + timedelta(hours=hour)
        )


@pytest.fixture
def archive(store):
    """Alpha: two settled (20 %, 20 days; 25 %, 10 days). Beta: one settled (60 %, 45 days)
    and one at an impasse. Gamma: one still in session."""
    ids = {}
    ids[1] = add_case(
        store, "C-1", "Alpha BV", date(2026, 1, 1), (ReasonCode.HOURS, ReasonCode.SCOPE), "1000"
    )
    ids[2] = add_case(store, "C-2", "Alpha BV", date(2026, 2, 1), (ReasonCode.HOURS,), "2000")
    ids[3] = add_case(
        store, "C-3", "Beta Ltd", date(2026, 3, 1), (ReasonCode.RATE, ReasonCode.HOURS), "1000"
    )
    ids[4] = add_case(store, "C-4", "Beta Ltd", date(2026, 4, 1), (ReasonCode.QUALITY,), "500")
    ids[5] = add_case(store, "C-5", "Gamma GmbH", date(2026, 5, 1), (ReasonCode.HOURS,), "700")
    settle(store, ids[1], "800", date(2026, 1, 21))
    settle(store, ids[2], "1500", date(2026, 2, 11))
    settle(store, ids[3], "400", date(2026, 4, 15))
    store.change_status(ids[4], CaseStatus.IMPASSE)
    store.record_statement(ids[5], PartyRole.PROVIDER, "Every hour was logged.")
    return ids


def test_outcomes_read_the_agreed_total_and_the_lock_moment(store, archive):
    by_ref = {o.reference: o for o in case_outcomes(store)}
    first = by_ref["C-1"]
    assert first.status == CaseStatus.SIGNED_OFF
    assert (first.invoiced, first.agreed) == (Decimal("1000.00"), Decimal("800.00"))
    assert first.signed_off == datetime(2026, 1, 21, 15, tzinfo=UTC)
    assert first.client == "Alpha BV" and first.reasons == (ReasonCode.HOURS, ReasonCode.SCOPE)
    assert by_ref["C-4"].agreed is None and by_ref["C-4"].signed_off is None


def test_the_figures(store, archive):
    figures = insights(case_outcomes(store))
    assert (figures.cases, figures.ended, figures.settled) == (5, 4, 3)
    assert figures.settlement_rate == Decimal("75.0")  # 3 signed off of 4 ended
    assert figures.median_days == Decimal("20.0")  # 10, 20, 45
    assert figures.average_reduction == Decimal("35.0")  # (20 + 25 + 60) / 3
    assert figures.median_reduction == Decimal("25.0")
    assert figures.reasons == [
        (ReasonCode.HOURS, 4),
        (ReasonCode.QUALITY, 1),
        (ReasonCode.RATE, 1),
        (ReasonCode.SCOPE, 1),
    ]
    assert [(c.client, c.disputes, c.endings) for c in figures.clients] == [
        ("Alpha BV", 2, {"signed_off": 2}),
        ("Beta Ltd", 2, {"signed_off": 1, "impasse": 1}),
        ("Gamma GmbH", 1, {"open": 1}),
    ]


def test_an_amendment_keeps_the_first_sign_off_date_and_takes_the_latest_terms(store, archive):
    first = store.current_settlement(archive[1])
    amended = store.amend_settlement(first.id, at=datetime(2026, 3, 1, tzinfo=UTC))
    sign(store, amended, datetime(2026, 3, 2, tzinfo=UTC))
    outcome = next(o for o in case_outcomes(store) if o.reference == "C-1")
    assert outcome.signed_off == datetime(2026, 1, 21, 15, tzinfo=UTC)
    assert outcome.agreed == Decimal("800.00")
    assert insights(case_outcomes(store)).median_days == Decimal("20.0")


def test_a_withdrawal_counts_as_ended_and_an_even_count_takes_the_mean_of_the_middle(
    store, archive
):
    store.change_status(archive[5], CaseStatus.WITHDRAWN)
    case_6 = add_case(store, "C-6", "Delta", date(2026, 6, 1), (ReasonCode.HOURS,), "900")
    settle(store, case_6, "900", date(2026, 6, 4))  # nothing off, 3 days
    figures = insights(case_outcomes(store))
    assert figures.settlement_rate == Decimal("66.7")  # 4 of 6, half-up
    assert figures.median_days == Decimal("15.0")  # 3, 10, 20, 45
    assert figures.average_reduction == Decimal("26.3")  # (20 + 25 + 60 + 0) / 4 = 26.25
    assert figures.median_reduction == Decimal("22.5")


def test_no_ended_cases_gives_no_rate():
    open_case = CaseOutcome(
        case_id=1,
        reference="X",
        status=CaseStatus.IN_SESSION,
        currency="EUR",
        provider="P",
        client="C",
        reasons=(),
        opened=date(2026, 1, 1),
        invoiced=Decimal("100.00"),
    )
    figures = insights([open_case])
    assert figures.settlement_rate is figures.median_days is figures.average_reduction is None
    assert insights([]).cases == 0


def test_median_is_exact():
    assert median([Decimal(1), Decimal(2)]) == Decimal("1.5")
    assert median([Decimal(3), Decimal(1), Decimal(2)]) == Decimal(2)
    assert median([]) is None


# --- the bar chart -------------------------------------------------------------------------------


def test_bar_lengths_are_exact_eighths_rounded_half_up():
    assert bar_eighths(Decimal("1"), Decimal("3"), 3) == 8  # 8 exactly
    assert bar_eighths(1, 16, 1) == 1  # 0.5 eighth rounds up
    assert bar_eighths(Decimal("0.01"), Decimal("1000000"), 40) == 1  # never invisible
    assert bar_eighths(0, 5, 40) == 0 and bar_eighths(0, 0, 40) == 0
    assert bar(8 * 2 + 3) == "██▍"
    with pytest.raises(ValueError):
        bar_eighths(-1, 5, 10)


def test_bar_chart_rows_and_money_labels():
    chart = bar_chart(
        [("hours", Decimal("1234.50")), ("rate", Decimal("617.25"))],
        width=4,
        shown=["€1,234.50", "€617.25"],
    )
    assert chart.splitlines() == ["hours  ████  €1,234.50", "rate   ██    €617.25"]
    assert bar_chart([]) == ""


def test_insights_text_and_the_report_command(store, archive, db_path):
    text = insights_text(insights(case_outcomes(store)), width=8)
    assert "Settlement rate          75.0 % of ended cases signed off" in text
    assert "hours    ████████  4\nquality  ██        1" in text
    assert "in session     ██▋       1" in text  # 1/3 of 64 eighths: 21
    assert "Alpha BV           2           2        0          0     0" in text
    result = CliRunner().invoke(main, ["report", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "Median reduction         25.0 % of the invoiced amount" in result.output
    assert CAUCUS not in result.output


def test_report_without_prevention_refuses_a_case(store, archive, db_path):
    result = CliRunner().invoke(main, ["report", "C-1", "--db", str(db_path)])
    assert result.exit_code == 2
    assert "go with --prevention" in result.output


def test_report_on_an_empty_database(db_path, store):
    result = CliRunner().invoke(main, ["report", "--db", str(db_path)])
    assert result.exit_code == 0 and "No cases yet" in result.output
