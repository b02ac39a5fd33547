"""What not settling costs: the statutory tables reproduce published examples, interest is worked
out by hand across a half-year and a year (compounding), court fees at their band edges, and the
outcomes of going to court add up."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from mediate.domain.court_costs import (
    CostInputs,
    Law,
    collection_costs,
    court_costs,
    court_fee,
    fixed_sum,
    recoverable_costs,
    versus_proposal,
)
from mediate.domain.errors import DomainError
from mediate.domain.statutory_interest import add_months, dutch_interest, english_interest
from mediate.domain.statutory_tables import dutch_costs, english_tables
from mediate.domain.statutory_tables import dutch_interest as interest_table

D = Decimal
CENT = D("0.01")


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


# --- the collection-cost scale (Besluit vergoeding voor buitengerechtelijke incassokosten) ------


@pytest.mark.parametrize(
    ("principal", "fee"),
    [
        ("8000", "775.00"),  # 375 + 250 + 150: the published example
        ("300000", "3275.00"),  # 375 + 250 + 250 + 1,900 + 500: the published example
        ("100", "40.00"),  # 15 % is 15.00: the minimum
        ("266.66", "40.00"),  # 15 % is 39.999: still the minimum
        ("266.67", "40.00"),  # 15 % is 40.0005, rounded
        ("2500", "375.00"),
        ("1000000", "6775.00"),  # the maximum is reached exactly here
        ("5000000", "6775.00"),
    ],
)
def test_the_collection_scale_gives_the_published_figures(principal, fee):
    assert collection_costs(D(principal), dutch_costs()) == D(fee)


def test_collection_costs_carry_vat_when_the_creditor_cannot_deduct_it():
    assert collection_costs(D("8000"), dutch_costs(), add_vat=True) == D("937.75")  # 775 x 1.21


# --- Dutch statutory interest -------------------------------------------------------------------


def test_commercial_interest_across_a_half_year_boundary():
    # Due 31 May 2025: interest from 1 June. June 2025 at 11.15 %, 1 July - 31 August at 10.15 %.
    table = interest_table(commercial=True)
    by_hand = D("10000") * D("11.15") / 100 * 30 / 365 + D("10000") * D("10.15") / 100 * 62 / 365
    result = dutch_interest(D("10000"), date(2025, 5, 31), date(2025, 8, 31), table, "EUR")
    assert result.amount == cents(by_hand) == D("264.05")
    assert [(p.first, p.last, p.days, p.percent) for p in result.periods] == [
        (date(2025, 6, 1), date(2025, 6, 30), 30, D("11.15")),
        (date(2025, 7, 1), date(2025, 8, 31), 62, D("10.15")),
    ]
    assert result.missing == ()


def test_commercial_interest_over_a_year_compounds_on_its_anniversary():
    # Due 31 March 2024, paid 31 May 2025. Year one (1 April 2024 - 31 March 2025): 91 days at
    # 12.50 %, 184 at 12.25 %, 90 at 11.15 %; its interest is then added to the amount, and the
    # 61 days of April and May 2025 run at 11.15 % on the larger amount (art. 6:119 lid 2 BW).
    table = interest_table(commercial=True)
    year_one = cents(
        D("10000") * (D("12.50") * 91 + D("12.25") * 184 + D("11.15") * 90) / 100 / 365
    )
    assert year_one == D("1204.11")
    year_two = cents((D("10000") + year_one) * D("11.15") / 100 * 61 / 365)
    result = dutch_interest(D("10000"), date(2024, 3, 31), date(2025, 5, 31), table, "EUR")
    assert result.amount == year_one + year_two == D("1412.89")
    assert result.periods[-1].base == D("11204.11")
    simple = cents(D("10000") * (D("12.50") * 91 + D("12.25") * 184 + D("11.15") * 151) / 36500)
    assert result.amount > simple, "compounding adds interest on the first year's interest"


def test_non_commercial_interest_uses_its_own_table():
    table = interest_table(commercial=False)
    result = dutch_interest(D("1000"), date(2024, 12, 31), date(2025, 1, 31), table, "EUR")
    assert result.amount == cents(D("1000") * D("6") / 100 * 31 / 365)


def test_a_half_year_missing_from_the_table_is_named():
    table = interest_table(commercial=True)
    last = table.rates[-1].start
    after = add_months(last, 12)
    result = dutch_interest(D("1000"), last, after, table, "EUR")
    assert result.missing and result.missing[0] > last
    assert not table.has_half_year(after) and table.has_half_year(last)


def test_interest_before_the_table_is_refused_with_a_sentence():
    with pytest.raises(DomainError, match="table starts on 2020-01-01"):
        dutch_interest(D("1000"), date(2019, 5, 1), date(2020, 5, 1), interest_table(True), "EUR")


def test_every_table_names_its_law_source_and_check_date():
    for table in (interest_table(True), interest_table(False), english_tables().rates):
        assert table.law and table.checked and all(rate.source for rate in table.rates)
        starts = [rate.start for rate in table.rates]
        assert all(s.month in (1, 7) and s.day == 1 for s in starts), "one row per half-year"
    assert dutch_costs().checked and dutch_costs().court_fee_law


# --- English statutory interest (Late Payment of Commercial Debts (Interest) Act 1998) ----------


def test_english_interest_is_simple_at_the_rate_fixed_for_the_debt():
    # The sample case MED-2026-004: GBP 8,119.20 due 29 March 2026, 52 days to 20 May at 11.75 %
    # (Bank Rate 3.75 % + 8), as the provider's final demand says: 135.91.
    rates = english_tables().rates
    result = english_interest(D("8119.20"), date(2026, 3, 29), date(2026, 5, 20), rates, "GBP")
    assert result.amount == D("135.91")
    # A debt due in December 2025 keeps the second half-year's 12.25 % into 2026.
    crossing = english_interest(D("1000"), date(2025, 12, 1), date(2026, 2, 1), rates, "GBP")
    assert crossing.periods[0].percent == D("12.25")
    assert crossing.amount == cents(D("1000") * D("12.25") / 100 * 62 / 365)


@pytest.mark.parametrize(
    ("debt", "fixed"),
    [("999.99", "40.00"), ("1000.00", "70.00"), ("9999.99", "70.00"), ("10000.00", "100.00")],
)
def test_the_late_payment_fixed_sums_at_their_edges(debt, fixed):
    assert fixed_sum(D(debt), english_tables()) == D(fixed)


# --- court fees and recoverable costs -----------------------------------------------------------


@pytest.mark.parametrize(
    ("claim", "company", "person"),
    [
        ("500.00", "139", "93"),
        ("500.01", "350", "233"),
        ("1500.00", "350", "233"),
        ("1500.01", "397", "265"),
        ("5000.00", "529", "265"),
        ("5000.01", "559", "265"),
        ("12500.00", "559", "265"),
        ("12500.01", "1504", "753"),
        ("25000.00", "1504", "753"),
    ],
)
def test_kanton_court_fees_at_the_edges_of_their_bands(claim, company, person):
    assert court_fee(D(claim), True, dutch_costs()) == D(company)
    assert court_fee(D(claim), False, dutch_costs()) == D(person)


def test_a_claim_above_the_kantonrechter_is_refused_with_a_sentence():
    with pytest.raises(DomainError, match="above the kantonrechter's limit"):
        court_fee(D("25000.01"), True, dutch_costs())


def test_recoverable_costs_are_points_times_the_band_up_to_its_maximum():
    assert recoverable_costs(D("10000.00"), 2, dutch_costs()) == (D("678"), 2)
    assert recoverable_costs(D("10000.01"), 2, dutch_costs()) == (D("812"), 2)
    assert recoverable_costs(D("200.00"), 5, dutch_costs()) == (D("120"), 3)


# --- the outcomes of going to court -------------------------------------------------------------


def inputs(**changes) -> CostInputs:
    values = dict(
        law=Law.NL,
        currency="EUR",
        claim=D("9680.00"),
        due=date(2026, 2, 19),
        on=date(2026, 6, 10),
        months=6,
        provider_chance=D("65"),
        provider_costs=D("2400.00"),
        client_costs=D("2000.00"),
        proposal=D("9075.00"),
    )
    return CostInputs(**{**values, **changes})


def test_the_outcomes_of_court_add_up_by_hand():
    result = court_costs(inputs())
    # Interest 20 February - 10 December 2026 (294 days) at 10.15 %; the half-year from 1 July
    # 2026 is not in the table yet, so its rate is the latest one and a warning says so.
    interest = cents(D("9680") * D("10.15") / 100 * 294 / 365)
    assert result.interest.amount == interest
    assert result.collection == D("859.00") and result.court_fee == D("559")
    assert result.recoverable == D("812")
    win = D("9680") + interest + D("859") + D("812") - D("2400")
    lose = -(D("559") + D("2400") + D("812"))
    assert (result.provider.best, result.provider.worst) == (win, lose)
    assert result.provider.expected == cents(D("0.65") * win + D("0.35") * lose)
    pays = D("9680") + interest + D("859") + D("559") + D("812") + D("2000")
    assert (result.client.worst, result.client.best) == (pays, D("2000") - D("812"))
    # The room where settling beats court is what court costs both sides together.
    assert result.cost_of_court == D("559") + D("2400") + D("2000")
    assert result.midpoint == cents((result.provider.expected + result.client.expected) / 2)
    gain, saving = versus_proposal(result)
    assert gain == D("9075.00") - result.provider.expected
    assert saving == result.client.expected - D("9075.00")
    assert any("no rate for the half-year" in w for w in result.warnings)


def test_the_flat_fee_is_the_floor_per_invoice_in_commercial_cases():
    small = court_costs(inputs(claim=D("100.00"), invoices=3, proposal=None))
    assert small.collection == D("120.00")  # 3 x EUR 40 beats the scale's EUR 40
    private = court_costs(inputs(claim=D("100.00"), invoices=3, commercial=False, proposal=None))
    assert private.collection == D("40.00")


def test_an_english_case_uses_the_late_payment_act_and_typed_court_costs():
    result = court_costs(
        inputs(
            law=Law.EW,
            currency="GBP",
            claim=D("8119.20"),
            due=date(2026, 3, 29),
            on=date(2026, 5, 20),
            months=0,
            court_fee=D("205.00"),
        )
    )
    assert result.interest.amount == D("135.91") and result.collection == D("70.00")
    assert result.court_fee == D("205.00") and result.recoverable == D("0.00")


@pytest.mark.parametrize(
    ("change", "sentence"),
    [
        ({"provider_chance": D("101")}, "between 0 and 100"),
        ({"months": -1}, "months"),
        ({"claim": D("0")}, "more than zero"),
        ({"client_costs": D("-1")}, "cannot be negative"),
    ],
)
def test_impossible_figures_are_refused_with_a_sentence(change, sentence):
    with pytest.raises(DomainError, match=sentence):
        court_costs(inputs(**change))


def test_no_zone_when_expectations_do_not_meet():
    result = court_costs(inputs(provider_costs=D("0"), client_costs=D("0"), court_fee=D("0")))
    assert result.zone is None and result.midpoint is None


def test_the_app_warns_when_the_current_half_year_is_missing():
    from mediate.domain.statutory_interest import today_missing

    table = interest_table(commercial=True)
    last = table.rates[-1].start
    assert today_missing(table, last) == ""
    warning = today_missing(table, add_months(last, 6))
    assert "no rate yet for this half-year" in warning and "mediate/domain/data" in warning
