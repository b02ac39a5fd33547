from decimal import Decimal

import pytest

from mediate.domain.errors import DomainError
from mediate.domain.money import (
    allocate,
    format_money,
    from_minor,
    parse_amount,
    quantize,
    to_decimal,
    to_minor,
)


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
        ("12,5", "en", "12.5"),
        ("1,250", "en", "1250"),
    ],
)
def test_parses_amounts_typed_by_people(text, language, expected):
    assert parse_amount(text, language) == Decimal(expected)
