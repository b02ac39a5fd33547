"""The laws and courts a settlement agreement may choose, where the parties are, and the statutory
sums for late payment that the agreement names.

Each law carries its name in English and Dutch, the state whose law it is, and the courts that go
with it; a court of another law is refused with a sentence (``clauses.conflicts``). Earlier
versions stored the law and the court as free text ("Dutch law", "the District Court of
Amsterdam"); those names are still accepted and read as the key they name (``law_key``,
``forum_key``), so old records keep their meaning.

Sources for the statutory sums (consulted 2026):
- Dutch law: art. 6:96 lid 4 BW (at least EUR 40 for recovery costs in a commercial contract,
  due without notice; implements art. 6 of Directive 2011/7/EU); art. 2 of the Besluit vergoeding
  voor buitengerechtelijke incassokosten (Stb. 2012, 141): 15 % of the first EUR 2,500, 10 % of the
  next 2,500, 5 % of the next 5,000, 1 % of the next 190,000, 0.5 % above, at least EUR 40 and at
  most EUR 6,775. In a commercial contract the scale is the default rule (HR 10 July 2015,
  ECLI:NL:HR:2015:1868), for a consumer it is mandatory (art. 6:96 lid 5 BW).
- English law: Late Payment of Commercial Debts (Interest) Act 1998, s. 5A: a fixed sum of GBP 40
  for a debt under GBP 1,000, GBP 70 under GBP 10,000 and GBP 100 from GBP 10,000; s. 5A(2A)
  (Late Payment of Commercial Debts Regulations 2013, SI 2013/395): reasonable recovery costs
  above it.
- Irish law: European Communities (Late Payment in Commercial Transactions) Regulations 2012
  (S.I. No. 580 of 2012): EUR 40 up to EUR 1,000, EUR 70 up to EUR 10,000, EUR 100 above.
- German law: § 288 Abs. 5 BGB, a flat fee of EUR 40.
- Belgian law: art. 6 of the Act of 2 August 2002 on combating late payment in commercial
  transactions (as amended by the Act of 22 November 2013), a flat fee of EUR 40.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from mediate.domain.model import Case, Party
from mediate.domain.money import quantize


@dataclass(frozen=True)
class Forum:
    key: str
    en: str
    nl: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Law:
    key: str
    en: str  # as it follows "governed by": "the law of England and Wales"
    nl: str  # as it follows "Op deze overeenkomst is": "het recht van Engeland en Wales"
    state: str  # ISO 3166-1 code of the state whose law it is
    forums: tuple[Forum, ...]
    aliases: tuple[str, ...] = ()

    def forum(self, key: str) -> Forum | None:
        return next((f for f in self.forums if f.key == key), None)


def _rechtbank(area: str, english: str | None = None) -> Forum:
    """A Dutch district court (rechtbank) and the names it was written by before."""
    english = english or area
    slug = re.sub(r"[^a-z]+", "_", area.lower()).strip("_")
    names = {english, area}
    aliases = tuple(
        form.format(name=name)
        for name in sorted(names)
        for form in (
            "rechtbank {name}",
            "de rechtbank {name}",
            "Rechtbank {name}",
            "the District Court of {name}",
            "District Court of {name}",
            "the Court of {name}",
            "Court of {name}",
        )
    )
    return Forum(
        key=f"rechtbank_{slug}",
        en=f"the District Court of {english} (rechtbank {area})",
        nl=f"de rechtbank {area}",
        aliases=aliases,
    )


def _city_courts(key: str, en_city: str, nl_city: str, country_en: str, country_nl: str) -> Forum:
    return Forum(
        key=key,
        en=f"the courts of {en_city}, {country_en}",
        nl=f"de bevoegde rechter te {nl_city} ({country_nl})",
        aliases=(f"the courts of {en_city}", f"de rechter te {nl_city}"),
    )


# The eleven Dutch district courts (Wet op de rechterlijke indeling, as from 2013).
DUTCH_COURTS = (
    _rechtbank("Amsterdam"),
    _rechtbank("Den Haag", "The Hague"),
    _rechtbank("Gelderland"),
    _rechtbank("Limburg"),
    _rechtbank("Midden-Nederland"),
    _rechtbank("Noord-Holland"),
    _rechtbank("Noord-Nederland"),
    _rechtbank("Oost-Brabant"),
    _rechtbank("Overijssel"),
    _rechtbank("Rotterdam"),
    _rechtbank("Zeeland-West-Brabant"),
)

LAWS: tuple[Law, ...] = (
    Law(
        "dutch_law",
        "Dutch law",
        "Nederlands recht",
        "NL",
        DUTCH_COURTS,
        ("Dutch law", "Nederlands recht", "the law of the Netherlands", "Netherlands law"),
    ),
    Law(
        "english_law",
        "the law of England and Wales",
        "het recht van Engeland en Wales",
        "GB",
        (
            Forum(
                "courts_england_wales",
                "the courts of England and Wales",
                "de gerechten van Engeland en Wales",
                ("the courts of England and Wales", "courts of England and Wales"),
            ),
        ),
        ("the law of England and Wales", "English law", "the laws of England and Wales"),
    ),
    Law(
        "irish_law",
        "the law of Ireland",
        "Iers recht",
        "IE",
        (
            Forum(
                "courts_ireland",
                "the courts of Ireland",
                "de gerechten van Ierland",
                ("the courts of Ireland", "the Irish courts"),
            ),
        ),
        ("Irish law", "the law of Ireland", "the laws of Ireland"),
    ),
    Law(
        "german_law",
        "German law",
        "Duits recht",
        "DE",
        (
            _city_courts("courts_berlin", "Berlin", "Berlijn", "Germany", "Duitsland"),
            _city_courts(
                "courts_frankfurt",
                "Frankfurt am Main",
                "Frankfurt am Main",
                "Germany",
                "Duitsland",
            ),
            _city_courts("courts_hamburg", "Hamburg", "Hamburg", "Germany", "Duitsland"),
            _city_courts("courts_munich", "Munich", "München", "Germany", "Duitsland"),
            _city_courts("courts_cologne", "Cologne", "Keulen", "Germany", "Duitsland"),
        ),
        ("German law", "the law of Germany", "Duits recht"),
    ),
    Law(
        "belgian_law",
        "Belgian law",
        "Belgisch recht",
        "BE",
        (
            _city_courts("courts_brussels", "Brussels", "Brussel", "Belgium", "België"),
            _city_courts("courts_antwerp", "Antwerp", "Antwerpen", "Belgium", "België"),
            _city_courts("courts_ghent", "Ghent", "Gent", "Belgium", "België"),
            _city_courts("courts_liege", "Liège", "Luik", "Belgium", "België"),
        ),
        ("Belgian law", "the law of Belgium", "Belgisch recht"),
    ),
)
BY_LAW = {law.key: law for law in LAWS}
FORUMS = {forum.key: (law, forum) for law in LAWS for forum in law.forums}


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


@cache
def _law_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for law in LAWS:
        for name in (law.key, law.en, law.nl, *law.aliases):
            names.setdefault(_fold(name), law.key)
    return names


@cache
def _forum_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for law in LAWS:
        for forum in law.forums:
            for name in (forum.key, forum.en, forum.nl, *forum.aliases):
                names.setdefault(_fold(name), forum.key)
    return names


def law_key(value: str) -> str:
    """The key of the law ``value`` names (a key, or a name in either language); "" if none."""
    return _law_names().get(_fold(value), "") if value else ""


def forum_key(value: str) -> str:
    """The key of the court ``value`` names; "" if none."""
    return _forum_names().get(_fold(value), "") if value else ""


def law_values() -> tuple[str, ...]:
    """Every value the governing-law choice accepts: the keys first, then their names."""
    keys = tuple(law.key for law in LAWS)
    names = tuple(
        dict.fromkeys(n for law in LAWS for n in (law.en, law.nl, *law.aliases) if n not in keys)
    )
    return keys + names


def forum_values() -> tuple[str, ...]:
    keys = tuple(FORUMS)
    names = tuple(
        dict.fromkeys(
            n
            for law in LAWS
            for forum in law.forums
            for n in (forum.en, forum.nl, *forum.aliases)
            if n not in keys
        )
    )
    return keys + names


def forum_fits(law: str, forum: str) -> bool:
    """Whether the court ``forum`` goes with the law ``law`` (both keys or names); True when
    either is not chosen or not on the lists (a free text from an earlier version)."""
    lk, fk = law_key(law), forum_key(forum)
    if not lk or not fk:
        return True
    return FORUMS[fk][0].key == lk


# --- where the parties are -------------------------------------------------------------------------

# Names a case file may use for a country, besides ISO codes and babel's names in en/nl/de/fr.
_COUNTRY_ALIASES = {
    "uk": "GB",
    "u.k.": "GB",
    "great britain": "GB",
    "england": "GB",
    "wales": "GB",
    "scotland": "GB",
    "northern ireland": "GB",
    "england and wales": "GB",
    "holland": "NL",
    "the netherlands": "NL",
    "usa": "US",
    "u.s.a.": "US",
    "united states of america": "US",
    "the united states": "US",
}
_NL_POSTCODE = re.compile(r"\b[1-9]\d{3} ?[A-Z]{2}\b")
_UK_POSTCODE = re.compile(r"\b(GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b")


@cache
def _country_names() -> dict[str, str]:
    from babel import Locale

    names: dict[str, str] = {}
    for language in ("en", "nl", "de", "fr"):
        for code, name in Locale.parse(language).territories.items():
            if len(code) == 2 and code.isalpha():
                names.setdefault(_fold(name), code)
    for code in list(names.values()):
        names.setdefault(code.casefold(), code)
    names.update(_COUNTRY_ALIASES)
    return names


def country_code(text: str) -> str:
    """The ISO 3166-1 code of a country written as a code or a name; "" when not one."""
    if not text or len(text) > 60:
        return ""
    return _country_names().get(_fold(text.strip(" .")), "")


def country_name(code: str, language: str) -> str:
    from babel import Locale

    return Locale.parse("nl" if language == "nl" else "en").territories.get(code, code)


def party_country(party: Party) -> str:
    """Where a party is: its ``country`` field, else the last part of its address when that
    names a country, else a Dutch or British postcode in the address; "" when unknown."""
    given = country_code(party.country)
    if given:
        return given
    address = party.address or ""
    tail = address.replace("\n", ",").rsplit(",", 1)[-1]
    named = country_code(tail)
    if named:
        return named
    if _NL_POSTCODE.search(address):
        return "NL"
    if _UK_POSTCODE.search(address):
        return "GB"
    return ""


def parties_states(case: Case) -> tuple[str, ...]:
    """The states of the provider and the client ("" where unknown)."""
    return tuple(party_country(p) for p in case.parties)


def international(case: Case) -> bool | None:
    """True when the parties are in different states, False when in the same one, None when
    the state of either is not known."""
    states = parties_states(case)
    if len(states) < 2 or not all(states):
        return None
    return len(set(states)) > 1


# --- statutory sums for late payment ----------------------------------------------------------------

_BIK_BANDS = (
    (Decimal("2500"), Decimal("0.15")),
    (Decimal("2500"), Decimal("0.10")),
    (Decimal("5000"), Decimal("0.05")),
    (Decimal("190000"), Decimal("0.01")),
)


def bik_costs(principal: Decimal) -> Decimal:
    """Extrajudicial collection costs on ``principal`` (EUR) under art. 2 of the Dutch Besluit
    vergoeding voor buitengerechtelijke incassokosten: the scale, at least 40, at most 6,775."""
    rest, total = max(principal, Decimal(0)), Decimal(0)
    for band, rate in _BIK_BANDS:
        part = min(rest, band)
        total += part * rate
        rest -= part
    total += rest * Decimal("0.005")
    return quantize(min(max(total, Decimal(40)), Decimal(6775)), "EUR")


def fixed_compensation(law: str, principal: Decimal, currency: str) -> Decimal | None:
    """The statutory fixed sum for late payment of ``principal`` under ``law``, in the case's
    currency; None when the statute sets none in that currency (or the law is not listed)."""
    key = law_key(law)
    if key == "english_law" and currency == "GBP":
        sum_ = 40 if principal < 1000 else 70 if principal < 10000 else 100
    elif key == "irish_law" and currency == "EUR":
        sum_ = 40 if principal <= 1000 else 70 if principal <= 10000 else 100
    elif key in ("dutch_law", "german_law", "belgian_law") and currency == "EUR":
        sum_ = 40
    else:
        return None
    return quantize(Decimal(sum_), currency)


def collection_costs(law: str, principal: Decimal, currency: str) -> Decimal | None:
    """Collection costs by a statutory scale (the Dutch BIK); None where the law has no scale."""
    if law_key(law) == "dutch_law" and currency == "EUR":
        return bik_costs(principal)
    return None
