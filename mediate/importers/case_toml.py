"""``case.toml`` and ``invoices/*.toml``: the case, its parties, inline invoices and statements."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from mediate.domain.bundle import OpeningStatement
from mediate.domain.case_reference import reference_problem
from mediate.domain.errors import DomainError
from mediate.domain.invoice_totals import CATEGORY_NAMES, NO_VAT, vat_category
from mediate.domain.laws import country_code
from mediate.domain.model import (
    PARTY_DETAILS,
    AllowanceCharge,
    Case,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    Language,
    Party,
    PartyRole,
    Payment,
    ReasonCode,
    Signer,
)
from mediate.domain.money import check_amount, is_currency, to_decimal
from mediate.importers.problems import BadInput, Notice, read_limited, too_large

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TOML_PLACE = re.compile(r"\(at line (\d+), column (\d+)\)")


def load_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file with exact decimals; a syntax error names its line and column."""
    data = read_limited(path, limit=5 * 1024 * 1024)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadInput(path, f"byte {error.start}", "is not UTF-8 text") from None
    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        place = _TOML_PLACE.search(message)
        where = f"line {place.group(1)}, column {place.group(2)}" if place else ""
        raise BadInput(
            path, where, f"is not valid TOML: {_TOML_PLACE.sub('', message).strip()}"
        ) from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise BadInput(path, "", "is nested too deeply to be read") from None


class Fields:
    """Typed access to a TOML table, with errors that name the file and the key."""

    def __init__(self, table: dict[str, Any], path: Path, where: str = "") -> None:
        self.table, self.path, self.where = table, path, where

    def _place(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def fail(self, key: str, what: str) -> BadInput:
        return BadInput(self.path, self._place(key), what)

    def text(self, key: str, default: str | None = "") -> str:
        value = self.table.get(key)
        if value is None:
            if default is None:
                raise self.fail(key, "is required")
            return default
        if not isinstance(value, str):
            raise self.fail(key, f"must be text, not {type(value).__name__}")
        if _CONTROL.search(value):
            raise self.fail(key, "contains control characters")
        value = value.strip()
        if default is None and not value:
            raise self.fail(key, "is empty")
        return value

    def _number(self, key: str) -> Decimal | None:
        value = self.table.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
            raise self.fail(key, f"must be an amount, not {value!r}")
        try:
            return to_decimal(value)
        except DomainError:
            raise self.fail(key, f"“{value}” is not an amount") from None

    def amount(self, key: str) -> Decimal | None:
        """A number (a quantity, a price, a rate, a percentage) below a trillion."""
        number = self._number(key)
        if number is not None and too_large(number):
            raise self.fail(key, f"{number} is too large (a trillion or more)")
        return number

    def money(self, key: str, currency: str | None) -> Decimal | None:
        """An amount of money that mediate can record in ``currency`` (None: two decimals)."""
        number = self._number(key)
        return None if number is None else self.recordable(key, number, currency)

    def recordable(
        self, key: str, number: Decimal, currency: str | None, subject: str | None = None
    ) -> Decimal:
        """``number`` when mediate can record it (``money.check_amount``, the one bound); a
        BadInput naming the file and the key otherwise."""
        try:
            return check_amount(number, currency, subject=subject or f"“{number}”")
        except DomainError as error:
            raise self.fail(key, str(error).rstrip(".")) from None

    def date(self, key: str, required: bool = False) -> date | None:
        value = self.table.get(key)
        if value is None:
            if required:
                raise self.fail(key, "is required")
            return None
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                raise self.fail(key, f"“{value}” is not a date (write 2026-03-31)") from None
        if not isinstance(value, date) or hasattr(value, "hour"):
            raise self.fail(key, f"must be a date like 2026-03-31, not {value!r}")
        return value

    def choice(self, key: str, allowed: type, default: str) -> Any:
        value = self.text(key, default)
        try:
            return allowed(value)
        except ValueError:
            names = ", ".join(v.value for v in allowed)
            raise self.fail(key, f"“{value}” is not one of: {names}") from None

    def tables(self, key: str) -> list[dict[str, Any]]:
        value = self.table.get(key, [])
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(key, "must be a table or an array of tables")
        return value


def line_ref(text: str, fields: Fields, key: str) -> str:
    """``"INV-2026-017:20"``: an invoice number and the line's own ID (or its position), checked
    for form here and resolved against the case's invoices later (``domain.line_refs``)."""
    number, sep, line = text.rpartition(":")
    if not sep or not number.strip() or not line.strip():
        raise fields.fail(key, f"“{text}” is not an invoice line; write NUMBER:LINE like INV-17:20")
    return f"{number.strip()}:{line.strip()}"


def read_case(path: Path) -> tuple[Case, dict[str, Any]]:
    """The case and its parties; the raw table is returned for invoices and statements."""
    table = load_toml(path)
    f = Fields(table, path)
    currency = f.text("currency", "EUR").upper()
    if not is_currency(currency):
        raise f.fail("currency", f"“{currency}” is not a currency code")
    reasons = table.get("reasons", [])
    if not isinstance(reasons, list):
        raise f.fail("reasons", 'must be a list such as ["hours", "scope"]')
    parsed_reasons = []
    for reason in reasons:
        try:
            parsed_reasons.append(ReasonCode(str(reason)))
        except ValueError:
            names = ", ".join(r.value for r in ReasonCode)
            raise f.fail("reasons", f"“{reason}” is not one of: {names}") from None
    parties = []
    for role in PartyRole:
        if role.value not in table:
            raise f.fail(role.value, f"the [{role.value}] table is missing")
        pf = Fields(table[role.value], path, role.value)
        if not isinstance(pf.table, dict):
            raise f.fail(role.value, "must be a table")
        values = {key: pf.text(key, None if key == "legal_name" else "") for key in PARTY_DETAILS}
        if values["country"] and not country_code(values["country"]):
            raise pf.fail(
                "country", f"“{values['country']}” is not a country (write a code such as NL or GB)"
            )
        co_signatories = _signatories(pf, values)  # sets the first signatory in ``values``
        parties.append(Party(role=role, co_signatories=co_signatories, **values))
    case = Case(
        reference=f.text("reference", None),
        title=f.text("title", None),
        language=f.choice("language", Language, "en"),
        currency=currency,
        mediator=f.text("mediator"),
        opened=f.date("opened"),
        summary=f.text("summary"),
        reasons=tuple(parsed_reasons),
        contract_start=f.date("contract_start"),
        contract_end=f.date("contract_end"),
        parties=parties,
    )
    problem = reference_problem(case.reference)
    if problem:
        raise f.fail("reference", problem)
    return case, table


def _signatories(pf: Fields, values: dict[str, str]) -> tuple[Signer, ...]:
    """``[[provider.signatories]]`` (name and capacity each): everyone who signs for the party.
    The first becomes its signatory; the others sign beside it. Given with ``signatory`` too, the
    first must be that signatory."""
    rows = pf.tables("signatories")
    signers = []
    for index, row in enumerate(rows, start=1):
        sf = Fields(row, pf.path, f"{pf.where}.signatories[{index}]")
        signers.append(Signer(sf.text("name", None), sf.text("capacity", None)))
    if not signers:
        return ()
    first = signers[0]
    if values["signatory"] and values["signatory"] != first.name:
        raise pf.fail(
            "signatories", f"the first signatory is {first.name}, but signatory says otherwise"
        )
    if values["signatory_capacity"] and values["signatory_capacity"] != first.capacity:
        raise pf.fail(
            "signatories",
            f"the first signatory's capacity is {first.capacity}, but signatory_capacity says "
            "otherwise",
        )
    values["signatory"], values["signatory_capacity"] = first.name, first.capacity
    return tuple(signers[1:])


def read_invoice_table(
    table: dict[str, Any], path: Path, where: str, currency: str
) -> tuple[Invoice, list[Notice]]:
    """An invoice in our simple TOML form (documented in sample_cases/README.md)."""
    f = Fields(table, path, where)
    invoice = Invoice(
        number=f.text("number", None),
        kind=f.choice("kind", InvoiceKind, "invoice"),
        issue_date=f.date("issue_date"),
        due_date=f.date("due_date"),
        currency=f.text("currency", currency).upper(),
        payment_terms=f.text("payment_terms"),
        seller=f.text("seller"),
        buyer=f.text("buyer"),
        source=path.name,
        billing_reference=f.text("corrects"),
        billing_reference_date=f.date("corrects_date"),
    )
    if invoice.billing_reference_date and not invoice.billing_reference:
        raise f.fail("corrects_date", "give corrects, the number of the invoice corrected")
    invoice.prepaid = f.money("prepaid", invoice.currency)
    notices: list[Notice] = []
    rows = f.tables("lines")
    if not rows:
        raise f.fail("lines", "the invoice has no [[lines]]")
    ids: dict[str, int] = {}
    for position, row in enumerate(rows, start=1):
        lf = Fields(row, path, f"{where + '.' if where else ''}lines[{position}]")
        line_id = _line_id(lf, position)
        if line_id in ids:
            raise lf.fail("id", f"“{line_id}” is also the ID of lines[{ids[line_id]}]")
        ids[line_id] = position
        allowances = _allowances(lf, invoice.currency, on_line=True)
        adjustment = sum((item.signed for item in allowances), Decimal(0))
        quantity = lf.amount("quantity")
        unit_price = lf.amount("unit_price")
        amount = lf.money("amount", invoice.currency)
        if quantity is None or unit_price is None:
            if amount is None:
                raise lf.fail("amount", "give quantity and unit_price, or amount")
            quantity, unit_price = (
                quantity or Decimal(1),
                unit_price if unit_price is not None else amount - adjustment,
            )
        computed = quantity * unit_price + adjustment
        how = f"{quantity} × {unit_price}"
        if adjustment:
            how += f" {'+' if adjustment > 0 else '−'} {abs(adjustment)} (allowances and charges)"
        if amount is None:
            amount = lf.recordable(
                "unit_price",
                computed,
                invoice.currency,
                f"quantity × unit_price, {how} = {computed},",
            )
        elif amount != computed:
            shown = f"{how} = {computed}" if adjustment else f"{computed}"
            notices.append(
                Notice(
                    path.name,
                    lf.where,
                    f"amount {amount} differs from quantity x unit price {shown}",
                )
            )
        disputed = row.get("disputed", False)
        if not isinstance(disputed, bool):
            raise lf.fail("disputed", "must be true or false")
        invoice.lines.append(
            InvoiceLine(
                position=position,
                description=lf.text("description", None),
                quantity=quantity,
                unit=lf.text("unit"),
                unit_price=unit_price,
                net_amount=amount,
                vat_rate=lf.amount("vat_rate"),
                vat_category=_vat_category(lf),
                service_date=lf.date("service_date"),
                service_end=lf.date("service_end"),
                line_ref=line_id,
                disputed=disputed,
                allowances=allowances,
            )
        )
    invoice.declared_net = f.recordable(
        "lines", invoice.line_sum, invoice.currency, f"the lines' total, {invoice.line_sum},"
    )
    invoice.allowances = _allowances(f, invoice.currency, lines=invoice.lines)
    return invoice, notices


def _line_id(lf: Fields, position: int) -> str:
    """The invoice's own ID for a line (``id = "10"`` or ``id = 10``); its position when absent."""
    value = lf.table.get("id")
    if value is None:
        return str(position)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise lf.fail("id", f"must be text or a whole number, not {value}")
    return lf.text("id", None)


def _vat_category(fields: Fields) -> str:
    """A VAT category code (UNCL 5305: S, Z, E, AE, K, G, O, L, M), or ""."""
    code = fields.text("vat_category").upper()
    if code and code not in CATEGORY_NAMES:
        names = ", ".join(CATEGORY_NAMES)
        raise fields.fail("vat_category", f"“{code}” is not a VAT category; use one of: {names}")
    return code


def _allowances(
    fields: Fields,
    currency: str,
    on_line: bool = False,
    lines: list[InvoiceLine] | None = None,
) -> list[AllowanceCharge]:
    """The ``[[allowance]]`` and ``[[charge]]`` tables of an invoice or of one of its lines."""
    for plural, singular in (("allowances", "allowance"), ("charges", "charge")):
        if plural in fields.table:
            raise fields.fail(plural, f"write “{singular}” (one table per {singular})")
    result = []
    for key in ("allowance", "charge"):
        for number, row in enumerate(fields.tables(key), start=1):
            af = Fields(row, fields.path, f"{fields._place(key)}[{number}]")
            amount = af.money("amount", currency)
            if amount is None:
                raise af.fail("amount", "is required")
            if amount < 0:
                other = "charge" if key == "allowance" else "allowance"
                raise af.fail("amount", f"must not be negative (a negative {key} is a {other})")
            item = AllowanceCharge(
                charge=key == "charge",
                amount=amount,
                reason=af.text("reason", None),
                reason_code=af.text("reason_code"),
            )
            if on_line:
                for vat in ("vat_category", "vat_rate"):
                    if vat in row:
                        raise af.fail(vat, "a line's allowance or charge takes the line's VAT")
            else:
                item.vat_category = _vat_category(af)
                item.vat_rate = af.amount("vat_rate")
                _default_vat(af, item, key, lines or [])
            result.append(item)
    return result


def _default_vat(af: Fields, item: AllowanceCharge, key: str, lines: list[InvoiceLine]) -> None:
    """A document-level allowance or charge without VAT takes the lines' VAT when they all have
    the same; with lines at several rates it must say its own."""
    if item.vat_rate is not None:
        return
    if item.vat_category:
        if item.vat_category not in NO_VAT:
            raise af.fail("vat_rate", f"give the VAT rate of category {item.vat_category}")
        return
    rates = {(vat_category(line.vat_category, line.vat_rate), line.vat_rate) for line in lines}
    if len(rates) == 1:
        item.vat_category, item.vat_rate = rates.pop()
        return
    shown = ", ".join(
        sorted({"none" if rate is None else f"{rate}% ({category})" for category, rate in rates})
    )
    raise af.fail(
        "vat_rate",
        f"the invoice's lines have different VAT rates ({shown}): give this {key}'s vat_rate",
    )


def read_statements(table: dict[str, Any], path: Path) -> list[OpeningStatement]:
    result = []
    currency = Fields(table, path).text("currency", "EUR").upper()
    for index, row in enumerate(Fields(table, path).tables("statement"), start=1):
        f = Fields(row, path, f"statement[{index}]")
        ref = f.text("invoice_line")
        result.append(
            OpeningStatement(
                party=f.choice("party", PartyRole, ""),
                text=f.text("text", None),
                claimed_amount=f.money("claimed_amount", currency),
                line=line_ref(ref, f, "invoice_line") if ref else None,
            )
        )
    return result


def read_payments(table: dict[str, Any], path: Path) -> list[Payment]:
    """``[[payment]]`` tables: what the client paid already, as paid (VAT included)."""
    result = []
    currency = Fields(table, path).text("currency", "EUR").upper()
    for index, row in enumerate(Fields(table, path).tables("payment"), start=1):
        f = Fields(row, path, f"payment[{index}]")
        amount = f.money("amount", currency)
        if amount is None or amount <= 0:
            raise f.fail("amount", "a payment is an amount above zero, as paid (VAT included)")
        result.append(
            Payment(
                paid_on=f.date("paid_on", required=True),
                amount=amount,
                reference=f.text("reference"),
                source="case.toml",
            )
        )
    return result
