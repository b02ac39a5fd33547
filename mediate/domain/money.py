"""Exact money: Decimal from strings, the currency's minor unit, half-up rounding, babel display.

No float may enter: ``to_decimal`` refuses one, so a float on a money path fails loudly.

**What the store can hold** is decided here and nowhere else: every amount is below
``MAX_AMOUNT``; ``check_amount`` says so in a sentence, and ``to_minor`` (every store path), the
importers and the typed-amount parser (``typed_amounts``) go through it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from babel import Locale
from babel.numbers import (
    format_currency,
    format_decimal,
    get_currency_precision,
)
from babel.numbers import is_currency as babel_is_currency

from mediate.domain.errors import DomainError

LOCALES = {"en": "en_GB", "nl": "nl_NL"}
LANGUAGE_NAMES = {"en": "English", "nl": "Dutch"}

# Every amount mediate records lies strictly between -MAX_AMOUNT and MAX_AMOUNT: at most
# 999,999,999,999.99 in a two-decimal currency. Stored as integer minor units that is below
# 10**14 (10**15 for a three-decimal currency such as BHD), while SQLite's INTEGER and its SUM
# are signed 64-bit (up to 9.2 * 10**18): 92,000 lines at the bound (9,200 in a three-decimal
# currency) still add up without overflow, and quantity x price of two such numbers stays below
# 10**24, inside Decimal's 28 digits.
MAX_AMOUNT = Decimal(10) ** 12
# Without a currency, amounts are read as in EUR and GBP, the currencies of the cases: two
# decimals.
DEFAULT_DIGITS = 2


@lru_cache(maxsize=8)
def babel_locale(language: str) -> Locale:
    """The babel Locale of a case language, parsed once (a locale given by name is parsed again
    on every call, which made formatting an amount three times slower)."""
    return Locale.parse(LOCALES.get(language, "en_GB"))


def to_decimal(value: str | int | Decimal) -> Decimal:
    """Exact Decimal from text, an int or a Decimal; a float (or bool) is refused."""
    if isinstance(value, bool | float):
        raise TypeError(f"money must not be a {type(value).__name__}: {value!r}")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        text = value.strip().replace("_", "")
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise DomainError(f"“{value}” is not an amount.") from None
    else:
        raise TypeError(f"money must be text, int or Decimal, not {type(value).__name__}")
    if not result.is_finite():
        raise DomainError(f"“{value}” is not a finite amount.")
    return result


def decimal_places(value: Decimal) -> int:
    """How many decimals a finite ``value`` is written with: 0 for 1200, 2 for 12.50."""
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):  # "n", "N" or "F": to_decimal refuses NaN and infinity
        raise ValueError(f"{value} is not a finite number")
    return max(0, -exponent)


def is_currency(code: str) -> bool:
    """Whether ``code`` is an ISO 4217 currency code babel knows (EUR, GBP, JPY)."""
    return len(code) == 3 and code.isalpha() and babel_is_currency(code.upper())


@lru_cache(maxsize=64)
def minor_digits(currency: str) -> int:
    """How many decimals the currency's minor unit has (EUR 2, JPY 0, BHD 3)."""
    return get_currency_precision(currency.upper())


@lru_cache(maxsize=64)
def _quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-minor_digits(currency))


def quantize(amount: str | int | Decimal, currency: str) -> Decimal:
    """Round half-up to the currency's minor unit."""
    return to_decimal(amount).quantize(_quantum(currency), rounding=ROUND_HALF_UP)


def currency_digits(currency: str | None) -> int:
    return minor_digits(currency) if currency else DEFAULT_DIGITS


def _pattern(decimals: int, grouped: bool = True) -> str:
    whole = "#,##0" if grouped else "0"
    return f"{whole}.{'0' * decimals}" if decimals else whole


def write_decimal(value: Decimal, language: str, decimals: int, grouped: bool = True) -> str:
    """``value`` written in the case's language with exactly ``decimals`` decimals."""
    return format_decimal(
        value, format=_pattern(decimals, grouped), locale=babel_locale(language)
    ).replace("\xa0", " ")


def largest_amount(currency: str | None = None) -> Decimal:
    """The largest amount mediate can record: 999,999,999,999.99 (999,999,999,999 in JPY)."""
    return MAX_AMOUNT - Decimal(1).scaleb(-currency_digits(currency))


def check_amount(
    amount: str | int | Decimal,
    currency: str | None = None,
    *,
    language: str = "en",
    subject: str | None = None,
) -> Decimal:
    """``amount`` itself when the store can hold it once rounded to the currency's minor unit;
    otherwise a DomainError: "“…” is larger than mediate can record: at most 999,999,999,999.99."

    ``subject`` names the amount in that sentence (the text as typed, in quotes); without it the
    amount is shown in the case's language. ``currency`` None means two decimals.
    """
    value = to_decimal(amount)
    size = value.copy_abs()
    if size < MAX_AMOUNT:
        size = size.quantize(Decimal(1).scaleb(-currency_digits(currency)), rounding=ROUND_HALF_UP)
        if size < MAX_AMOUNT:
            return value
    digits = currency_digits(currency)
    if subject is None:
        shown = (
            write_decimal(value, language, decimal_places(value))
            if value.adjusted() < 40
            else f"{value:.3E}"
        )
        subject = f"The amount {shown}"
    if value > 0:
        limit = write_decimal(largest_amount(currency), language, digits)
        raise DomainError(f"{subject} is larger than mediate can record: at most {limit}.")
    limit = write_decimal(largest_amount(currency).copy_negate(), language, digits)
    raise DomainError(f"{subject} is beyond what mediate can record: at least {limit}.")


def to_minor(amount: str | int | Decimal, currency: str) -> int:
    """Integer minor units (cents) of an amount, rounded half-up; an amount beyond what the
    store can hold (``check_amount``) is a DomainError with a sentence, never an overflow."""
    value = check_amount(to_decimal(amount), currency)
    return int(quantize(value, currency).scaleb(minor_digits(currency)))


def from_minor(minor: int, currency: str) -> Decimal:
    """The amount of an integer count of minor units."""
    if not isinstance(minor, int) or isinstance(minor, bool):
        raise TypeError(f"minor units must be an int, not {type(minor).__name__}")
    return Decimal(minor).scaleb(-minor_digits(currency)).quantize(_quantum(currency))


def allocate(total: str | int | Decimal, parts: int, currency: str) -> list[Decimal]:
    """Split a total into ``parts`` amounts that sum exactly to it, larger parts first.

    100.00 in three is 33.34 + 33.33 + 33.33.
    """
    if parts < 1:
        raise DomainError("An amount can only be split into one part or more.")
    cents = to_minor(total, currency)
    sign = -1 if cents < 0 else 1
    base, remainder = divmod(abs(cents), parts)
    return [
        from_minor(sign * (base + (1 if index < remainder else 0)), currency)
        for index in range(parts)
    ]


def format_money(amount: Decimal | None, currency: str, language: str = "en") -> str:
    """The amount as a person reads it in the case's language ("€ 1.234,50", "€1,234.50")."""
    if amount is None:
        return "—"
    return format_currency(
        quantize(amount, currency), currency.upper(), locale=babel_locale(language)
    )


def format_number(value: Decimal, language: str = "en") -> str:
    """A plain decimal number (a quantity or a rate) in the case's language."""
    return format_decimal(value, locale=babel_locale(language))
