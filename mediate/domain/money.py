"""Exact money: Decimal from strings, the currency's minor unit, half-up rounding, babel display.

No float may enter: ``to_decimal`` refuses one, so a float on a money path fails loudly.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from babel import Locale
from babel.numbers import format_currency, format_decimal, get_currency_precision
from babel.numbers import is_currency as babel_is_currency

from mediate.domain.errors import DomainError

LOCALES = {"en": "en_GB", "nl": "nl_NL"}


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


def to_minor(amount: str | int | Decimal, currency: str) -> int:
    """Integer minor units (cents) of an amount, rounded half-up."""
    return int(quantize(amount, currency).scaleb(minor_digits(currency)))


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


def parse_amount(text: str, language: str = "en") -> Decimal:
    """An amount typed by a person: "1.234,50" in Dutch, "1,234.50" in English, "1234.5" in both."""
    cleaned = text.strip().replace("€", "").replace("EUR", "").replace("\xa0", "").replace(" ", "")
    if not cleaned:
        raise DomainError("The amount is empty.")
    if "," in cleaned and "." in cleaned:
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    elif "," in cleaned:
        head, _, tail = cleaned.rpartition(",")
        if language == "nl" or len(tail) != 3:
            cleaned = head.replace(",", "") + "." + tail
        else:
            cleaned = cleaned.replace(",", "")
    return to_decimal(cleaned)
