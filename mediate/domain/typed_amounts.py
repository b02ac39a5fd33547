"""What a person types: amounts and numbers read in the case's locale.

``parse_amount`` (amounts) and ``parse_number`` (a percentage or another plain number) read with
babel's strict parser. An entry that the other case language would read as a different amount is
refused with a sentence that shows how to write each reading; nothing typed becomes a silently
different amount. ``format_entry`` writes a value back the way these read it.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import NumberFormatError, get_currency_name, parse_decimal

from mediate.domain.errors import DomainError
from mediate.domain.money import (
    LANGUAGE_NAMES,
    LOCALES,
    babel_locale,
    check_amount,
    currency_digits,
    decimal_places,
    is_currency,
    minor_digits,
    quantize,
    to_decimal,
    write_decimal,
)


def format_entry(value: Decimal, language: str = "en", currency: str | None = None) -> str:
    """``value`` as a person would type it in a field, so that ``parse_amount`` (with
    ``currency``) or ``parse_number`` (without) reads back exactly the same value:
    "1.200,50" in Dutch and "1,200.50" in English for an amount, every decimal kept for a
    number ("12,345")."""
    value = to_decimal(value)
    if currency is not None:
        return write_decimal(quantize(value, currency), language, minor_digits(currency))
    return write_decimal(value, language, decimal_places(value))


_SPACES = re.compile(r"\s+")  # \s includes no-break spaces (U+00A0, U+202F) in str patterns
_ENTRY = re.compile(
    r"(?P<sign>[-−+]?) ?(?P<before>[^0-9.,\s+−-]*) ?(?P<sign2>[-−+]?) ?"
    r"(?P<body>[0-9.,]*?[0-9][0-9.,]*?)(?P<dash>,[-–—])? ?(?P<after>[^0-9.,\s+−-]*)"
)
_SMALL = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]  # fmt: skip
_TENS = ["-", "-", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_LARGE = ((10**9, "billion"), (10**6, "million"), (10**3, "thousand"))


def _words(n: int) -> str:
    """A whole number in English words, as the sentences say it: 1234 is "one thousand two
    hundred thirty-four"."""
    if n < 20:
        return _SMALL[n]
    if n < 100:
        tens, rest = divmod(n, 10)
        return _TENS[tens] + (f"-{_SMALL[rest]}" if rest else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_SMALL[hundreds]} hundred" + (f" {_words(rest)}" if rest else "")
    for size, name in _LARGE:
        if n >= size:
            count, rest = divmod(n, size)
            return f"{_words(count)} {name}" + (f" {_words(rest)}" if rest else "")
    raise AssertionError(n)  # pragma: no cover


def _count(n: int, noun: str) -> str:
    amount = _SMALL[n] if n < len(_SMALL) else str(n)
    return f"{amount} {noun}" if n == 1 else f"{amount} {noun}s"


def _say_number(value: Decimal) -> str:
    """A number in words: "one thousand two hundred", "one point two three"."""
    sign = "minus " if value < 0 else ""
    value = value.copy_abs()
    whole = int(value)
    text = _words(whole) if whole < 10**15 else str(whole)
    if value != whole:
        fraction = format(value - whole, "f").partition(".")[2]
        text += " point " + " ".join(_SMALL[int(d)] for d in fraction)
    return sign + text


def _say_money(value: Decimal, currency: str | None) -> str:
    """An amount of money in words: "one euro twenty-three", "twelve euros"."""
    if currency is None:
        return _say_number(value)
    sign = "minus " if value < 0 else ""
    value = value.copy_abs()
    whole = int(value)
    minor = int((value - whole).scaleb(minor_digits(currency)))
    name = get_currency_name(currency.upper(), count=whole, locale=babel_locale("en"))
    text = f"{sign}{_words(whole)} {name}"
    return text + (f" {_words(minor)}" if minor else "")


def _currency_noun(currency: str | None) -> str:
    """ "euro amounts", "Japanese yen amounts", or "amounts" without a currency."""
    if currency is None:
        return "amounts"
    return f"{get_currency_name(currency.upper(), count=1, locale=babel_locale('en'))} amounts"


def _other(language: str) -> str:
    return "nl" if language == "en" else "en"


def _known(language: str) -> str:
    return language if language in LOCALES else "en"


def _read(body: str, language: str) -> Decimal | None:
    """The number ``body`` is in the language's notation (babel, strict), or None."""
    try:
        return parse_decimal(body, locale=babel_locale(language), strict=True)
    except NumberFormatError:
        return None


def _decimals(body: str, language: str) -> int:
    """How many decimals ``body`` has when read in the language's notation."""
    symbol = babel_locale(language).number_symbols["latn"]["decimal"]
    return len(body.rpartition(symbol)[2]) if symbol in body else 0


@lru_cache(maxsize=64)
def _markers(currency: str | None) -> frozenset[str]:
    """The currency signs and codes tolerated around an amount (upper case)."""
    codes = [currency.upper()] if currency else ["EUR", "GBP", "USD"]
    found = set(codes)
    for code in codes:
        for name in ("en_GB", "nl_NL", "en_US"):
            found.add(Locale.parse(name).currency_symbols.get(code, code).upper())
    return frozenset(found)


def _split(text: str, allowed: frozenset[str]) -> tuple[bool, str, str] | None:
    """(negative, the bare number, a refused marker or "") of typed text, or None when it is
    not a number at all."""
    match = _ENTRY.fullmatch(_SPACES.sub(" ", text).strip())
    if match is None or (match["sign"] and match["sign2"]):
        return None
    if match["before"] and match["after"]:
        return None
    marker = (match["before"] or match["after"]).upper()
    refused = marker if marker and marker not in allowed else ""
    negative = (match["sign"] or match["sign2"]) in ("-", "−")
    return negative, match["body"], refused


def _signed(value: Decimal, negative: bool) -> Decimal:
    """``value`` with the sign typed before it (exact: no context rounding; -0 is 0)."""
    return value.copy_negate() if negative and value != 0 else value


def _example(language: str, decimals: int) -> str:
    return write_decimal(Decimal("1200.5"), language, decimals)


def parse_amount(
    text: str,
    language: str = "en",
    *,
    currency: str | None = None,
    allow_negative: bool = False,
) -> Decimal:
    """An amount typed by a person, read in the case's language with babel's strict parser:
    "1.200", "1.200,50" and "1200,50" in Dutch; "1,200.50" and "1200.50" in English. Spaces
    (also no-break ones) and the case currency's sign or code around the number are tolerated,
    and so is a Dutch "50,-".

    Refused with a DomainError sentence that names the text:

    - text that is not a number in this language (with how to write it here, when the other
      language reads it);
    - more decimals than the currency has (``currency`` None: two, as EUR and GBP); when the
      other language reads the same text as an amount ("1,234" in Dutch is 1234 in English),
      the sentence shows how to write each reading;
    - a negative amount, unless ``allow_negative`` (a credit);
    - an amount beyond what mediate can record (``check_amount``).
    """
    language = _known(language)
    if not text.strip():
        raise DomainError("The amount is empty.")
    digits = currency_digits(currency)
    split = _split(text, _markers(currency))
    if split is None:
        raise DomainError(f"“{text}” is not an amount; write it like {_example(language, digits)}.")
    negative, body, refused = split
    if refused:
        if is_currency(refused) or refused in _markers(None):
            raise DomainError(
                f"“{text}” is in another currency: this case records {_currency_noun(currency)}."
            )
        raise DomainError(f"“{text}” is not an amount; write it like {_example(language, digits)}.")
    other = _other(language)
    value = _read(body, language)
    alternative = _read(body, other)
    alternative_fits = alternative is not None and _decimals(body, other) <= digits
    if value is None:
        if alternative is not None and alternative_fits:
            decimals = _decimals(body, other)
            reading = _signed(alternative, negative)
            grouped = write_decimal(reading, language, decimals)
            plain = write_decimal(reading, language, decimals, grouped=False)
            written = grouped if grouped == plain else f"{grouped} or {plain}"
            raise DomainError(
                f"“{text}” is not how {LANGUAGE_NAMES[language]} writes an amount: write {written}."
            )
        raise DomainError(f"“{text}” is not an amount; write it like {_example(language, digits)}.")
    decimals = _decimals(body, language)
    if decimals > digits:
        rounded = _signed(value, negative).quantize(
            Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP
        )
        if alternative is not None and alternative_fits and alternative != value:
            other_reading = _signed(alternative, negative)
            raise DomainError(
                f"“{text}” has {_count(decimals, 'decimal')}, but {_currency_noun(currency)} "
                f"have {_SMALL[digits] if digits else 'none'}: "
                f"for {_say_number(other_reading)} write "
                f"{write_decimal(other_reading, language, _decimals(body, other))}, "
                f"for {_say_money(rounded, currency)} write {write_decimal(rounded, language, digits)}."
            )
        check_amount(rounded, currency, language=language, subject=f"“{text}”")
        raise DomainError(
            f"“{text}” has {_count(decimals, 'decimal')}, but {_currency_noun(currency)} "
            f"have {_SMALL[digits] if digits else 'none'} "
            f"(like {write_decimal(rounded, language, digits)})."
        )
    amount = _signed(value, negative)
    if amount < 0 and not allow_negative:
        raise DomainError(f"“{text}” is negative; type the amount without a minus sign.")
    return check_amount(amount, currency, language=language, subject=f"“{text}”")


def parse_number(text: str, language: str = "en") -> Decimal:
    """A plain number typed by a person (a percentage: "12,5" or "12,5 %" in Dutch, "12.5" in
    English), read in the case's language with babel's strict parser; any number of decimals,
    either sign. The caller bounds it (a reduction lies between 0 and 100 percent)."""
    language = _known(language)
    if not text.strip():
        raise DomainError("The number is empty.")
    example = write_decimal(Decimal("12.5"), language, 1)
    split = _split(text, frozenset({"%"}))
    if split is None or split[2]:
        raise DomainError(f"“{text}” is not a number; write it like {example}.")
    negative, body, _ = split
    value = _read(body, language)
    if value is None:
        alternative = _read(body, _other(language))
        if alternative is not None:
            written = write_decimal(alternative, language, _decimals(body, _other(language)))
            raise DomainError(
                f"“{text}” is not how {LANGUAGE_NAMES[language]} writes a number: "
                f"write {'-' if negative else ''}{written}."
            )
        raise DomainError(f"“{text}” is not a number; write it like {example}.")
    return _signed(value, negative)
