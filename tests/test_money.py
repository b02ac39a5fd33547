import re
from decimal import Decimal

import pytest

from mediate.domain.errors import DomainError
from mediate.domain.money import (
    MAX_AMOUNT,
    allocate,
    check_amount,
    format_money,
    from_minor,
    largest_amount,
    quantize,
    to_decimal,
    to_minor,
)
from mediate.domain.typed_amounts import format_entry, parse_amount, parse_number


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("0.125", "EUR", "0.13"),
        ("0.115", "EUR", "0.12"),
        ("-0.125", "EUR", "-0.13"),
        ("2.5", "JPY", "3"),
        ("1.0005", "BHD", "1.001"),
        ("1234.5", "EUR", "1234.50"),
    ],
)
def test_rounds_half_up_to_the_minor_unit(amount, currency, expected):
    assert quantize(amount, currency) == Decimal(expected)
    assert str(quantize(amount, currency)) == expected


def test_allocation_never_loses_a_cent():
    assert allocate("100.00", 3, "EUR") == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    assert sum(allocate("1000.01", 7, "EUR")) == Decimal("1000.01")
    assert allocate("-10.00", 3, "EUR") == [Decimal("-3.34"), Decimal("-3.33"), Decimal("-3.33")]
    assert allocate("5", 1, "JPY") == [Decimal("5")]
    with pytest.raises(DomainError):
        allocate("1", 0, "EUR")


def test_formats_in_both_locales():
    assert format_money(Decimal("1234.5"), "EUR", "nl") == "€\xa01.234,50"
    assert format_money(Decimal("1234.5"), "EUR", "en") == "€1,234.50"
    assert format_money(None, "EUR", "en") == "—"


def test_float_is_refused_on_every_entry():
    with pytest.raises(TypeError):
        to_decimal(0.1)
    with pytest.raises(TypeError):
        quantize(0.1 + 0.2, "EUR")
    with pytest.raises(TypeError):
        to_minor(1.5, "EUR")
    with pytest.raises(TypeError):
        from_minor(1.5, "EUR")


def test_decimal_sums_stay_exact():
    assert to_decimal("0.1") + to_decimal("0.2") == Decimal("0.3")
    assert to_minor(to_decimal("0.1") + to_decimal("0.2"), "EUR") == 30


@pytest.mark.parametrize("text", ["abc", "1,2,3x", "NaN", "Infinity"])
def test_bad_amount_text_is_a_domain_error(text):
    with pytest.raises(DomainError):
        to_decimal(text)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("1.234,50", "nl", "1234.50"),
        ("1,234.50", "en", "1234.50"),
        ("€ 950", "nl", "950"),
        ("12,5", "nl", "12.5"),
        ("1,250", "en", "1250"),
    ],
)
def test_parses_amounts_typed_by_people(text, language, expected):
    assert parse_amount(text, language) == Decimal(expected)


# --- amounts typed in the case's language ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.200", "1200"),
        ("1.200,50", "1200.50"),
        ("1200,5", "1200.5"),
        ("1200,50", "1200.50"),
        ("1200", "1200"),
        ("€ 1.234,56", "1234.56"),
        ("€\xa01.234,56", "1234.56"),  # as babel shows it, no-break space and all
        (" 1.234,56 EUR ", "1234.56"),
        ("€ 50,-", "50"),
        ("1.000.000", "1000000"),
        ("0,5", "0.5"),
    ],
)
def test_dutch_amounts_are_read_the_dutch_way(text, expected):
    assert parse_amount(text, "nl", currency="EUR") == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,200.50", "1200.50"),
        ("1200.50", "1200.50"),
        ("1,200", "1200"),
        ("£1,234.56", "1234.56"),
        ("GBP 12.50", "12.50"),
        ("1,000,000", "1000000"),
    ],
)
def test_english_amounts_are_read_the_english_way(text, expected):
    assert parse_amount(text, "en", currency="GBP") == Decimal(expected)


def test_three_decimals_in_a_dutch_case_is_refused_with_both_readings():
    with pytest.raises(DomainError) as caught:
        parse_amount("1,234", "nl", currency="EUR")
    assert str(caught.value) == (
        "“1,234” has three decimals, but euro amounts have two: "
        "for one thousand two hundred thirty-four write 1.234, "
        "for one euro twenty-three write 1,23."
    )


def test_three_decimals_in_an_english_case_is_refused_with_both_readings():
    with pytest.raises(DomainError) as caught:
        parse_amount("1.234", "en", currency="GBP")
    assert str(caught.value) == (
        "“1.234” has three decimals, but British pound amounts have two: "
        "for one thousand two hundred thirty-four write 1,234, "
        "for one British pound twenty-three write 1.23."
    )


def test_each_suggested_writing_reads_back_as_what_it_says():
    assert parse_amount("1.234", "nl", currency="EUR") == Decimal("1234")
    assert parse_amount("1,23", "nl", currency="EUR") == Decimal("1.23")
    assert parse_amount("1,234", "en", currency="GBP") == Decimal("1234")


@pytest.mark.parametrize(
    ("text", "language", "message"),
    [
        (
            "1200.50",
            "nl",
            "“1200.50” is not how Dutch writes an amount: write 1.200,50 or 1200,50.",
        ),
        ("1,200.50", "nl", "“1,200.50” is not how Dutch writes an amount: write 1.200,50"),
        ("12,5", "en", "“12,5” is not how English writes an amount: write 12.5."),
        ("1.200,50", "en", "“1.200,50” is not how English writes an amount: write 1,200.50"),
        ("abc", "nl", "“abc” is not an amount; write it like 1.200,50."),
        ("1e5", "en", "“1e5” is not an amount; write it like 1,200.50."),
        ("1_000", "en", "“1_000” is not an amount"),
        ("NaN", "en", "“NaN” is not an amount"),
        ("1.2.3", "nl", "“1.2.3” is not an amount"),
        ("$ 50", "nl", "“$ 50” is in another currency: this case records euro amounts."),
        ("1,2345", "nl", "“1,2345” has four decimals, but euro amounts have two (like 1,23)."),
        ("   ", "nl", "The amount is empty."),
    ],
)
def test_text_that_is_no_amount_here_is_refused_with_a_sentence(text, language, message):
    with pytest.raises(DomainError) as caught:
        parse_amount(text, language, currency="EUR")
    assert message in str(caught.value)


def test_the_currency_sets_how_many_decimals_an_amount_may_have():
    with pytest.raises(DomainError, match="Japanese yen amounts have none"):
        parse_amount("1,5", "nl", currency="JPY")
    assert parse_amount("1.200", "nl", currency="JPY") == Decimal("1200")
    # A three-decimal currency takes three decimals as the case's language writes them.
    assert parse_amount("1,234", "nl", currency="BHD") == Decimal("1.234")
    # Without a currency, two decimals, as in EUR and GBP.
    with pytest.raises(DomainError, match="amounts have two"):
        parse_amount("1,234", "nl")


@pytest.mark.parametrize("text", ["-50", "−50", "€ -50", "- € 50"])
def test_negative_amounts_are_refused_unless_a_credit_is_meant(text):
    with pytest.raises(DomainError) as caught:
        parse_amount(text, "nl", currency="EUR")
    assert str(caught.value) == f"“{text}” is negative; type the amount without a minus sign."
    assert parse_amount(text, "nl", currency="EUR", allow_negative=True) == Decimal("-50")


def test_minus_zero_is_zero():
    assert parse_amount("-0", "en") == 0
    assert not parse_amount("-0", "en").is_signed()


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("12,5", "nl", "12.5"),
        ("12,5 %", "nl", "12.5"),
        ("12.5%", "en", "12.5"),
        ("33,333", "nl", "33.333"),
        ("100", "en", "100"),
    ],
)
def test_percentages_may_have_decimals(text, language, expected):
    assert parse_number(text, language) == Decimal(expected)


def test_a_number_in_the_other_notation_is_refused_with_how_to_write_it():
    with pytest.raises(DomainError) as caught:
        parse_number("12.5", "nl")
    assert str(caught.value) == "“12.5” is not how Dutch writes a number: write 12,5."
    with pytest.raises(DomainError, match=re.escape("“ten” is not a number; write it like 12.5.")):
        parse_number("ten", "en")


@pytest.mark.parametrize(
    ("value", "language", "currency"),
    [
        (Decimal("1200.5"), "nl", "EUR"),
        (Decimal("1200.5"), "en", "GBP"),
        (Decimal("1.234"), "nl", "BHD"),
        (Decimal("999999999999.99"), "nl", "EUR"),
    ],
)
def test_a_value_shown_in_a_field_reads_back_the_same(value, language, currency):
    assert (
        parse_amount(format_entry(value, language, currency), language, currency=currency) == value
    )
    assert parse_number(format_entry(Decimal("12.3456"), language), language) == Decimal("12.3456")


# --- the one bound on what the store can hold ---------------------------------------------------

TWENTY_NINES = "99999999999999999999"


def test_the_bound_keeps_a_sum_of_many_lines_inside_sqlite_integers():
    assert largest_amount("EUR") == Decimal("999999999999.99")
    assert largest_amount("JPY") == Decimal("999999999999")
    # Tens of thousands of lines at the bound still add up inside a signed 64-bit SUM.
    assert to_minor(largest_amount("EUR"), "EUR") * 90_000 < 2**63
    assert to_minor(largest_amount("BHD"), "BHD") * 9_000 < 2**63
    assert Decimal(10) ** 12 == MAX_AMOUNT


def test_a_twenty_digit_amount_is_refused_when_typed():
    with pytest.raises(DomainError) as caught:
        parse_amount(TWENTY_NINES, "en", currency="EUR")
    assert str(caught.value) == (
        f"“{TWENTY_NINES}” is larger than mediate can record: at most 999,999,999,999.99."
    )
    with pytest.raises(DomainError) as caught:
        parse_amount(TWENTY_NINES, "nl", currency="EUR")
    assert str(caught.value).endswith("at most 999.999.999.999,99.")
    assert parse_amount("999.999.999.999,99", "nl", currency="EUR") == largest_amount("EUR")


def test_a_twenty_digit_amount_is_refused_on_its_way_to_the_store():
    with pytest.raises(DomainError) as caught:
        to_minor(Decimal(TWENTY_NINES), "EUR")
    assert str(caught.value) == (
        "The amount 99,999,999,999,999,999,999 is larger than mediate can record: "
        "at most 999,999,999,999.99."
    )
    with pytest.raises(DomainError, match=re.escape("at least -999,999,999,999.99")):
        to_minor("-1000000000000", "EUR")
    # Rounding to the cent may cross the bound; an exponent far beyond Decimal's precision too.
    with pytest.raises(DomainError, match="larger than mediate can record"):
        to_minor("999999999999.995", "EUR")
    with pytest.raises(DomainError, match="larger than mediate can record"):
        to_minor("1E+9999", "EUR")
    assert to_minor("999999999999.99", "EUR") == 99_999_999_999_999


def test_check_amount_names_the_amount_as_asked():
    assert check_amount(Decimal("12.5"), "EUR") == Decimal("12.5")
    with pytest.raises(DomainError, match=r"^“x” is larger than mediate can record"):
        check_amount(MAX_AMOUNT, "EUR", subject="“x”")
