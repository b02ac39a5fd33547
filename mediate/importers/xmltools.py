"""Safe XML parsing and namespace-aware, typed reading of elements for the importers.

Elements are found by namespace URI and local name (``cbc:ID`` with ``cbc`` bound in our own map),
so whatever prefixes a file uses do not matter. Every failure is a ``BadInput`` that names the
file and the element path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from xml.etree.ElementTree import Element, ParseError
from xml.parsers import expat

import defusedxml.ElementTree as SafeET
from defusedxml import (
    DefusedXmlException,
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)

from mediate.domain.errors import DomainError
from mediate.domain.money import check_amount, to_decimal
from mediate.importers.problems import BadInput, too_large

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(Z|[+-]\d{2}:\d{2})?")
_PREFIX = re.compile(r"\b\w+:")
_CII_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}


MAX_ELEMENTS = 500_000  # an e-invoice of 10,000 lines has about 300,000
MAX_DEPTH = 100  # UBL and CII nest about 10 deep


class _Shape(Exception):
    pass


def _check_shape(data: bytes, source: str) -> None:
    """Refuse XML with more than MAX_ELEMENTS elements or nested deeper than MAX_DEPTH, before
    a tree is built (a 50 MB file of tiny elements would take gigabytes as a tree). A DTD stops
    the check: ``parse_xml`` refuses it with its own sentence."""
    parser = expat.ParserCreate()
    depth = count = 0

    def start(_name: str, _attrs: object) -> None:
        nonlocal depth, count
        depth += 1
        count += 1
        if depth > MAX_DEPTH:
            raise BadInput(
                source,
                f"line {parser.CurrentLineNumber}",
                f"nests elements more than {MAX_DEPTH} deep; refused",
            )
        if count > MAX_ELEMENTS:
            raise BadInput(source, "", f"holds more than {MAX_ELEMENTS:,} elements; refused")

    def end(_name: str) -> None:
        nonlocal depth
        depth -= 1

    def doctype(*_args: object) -> None:
        raise _Shape

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = doctype
    try:
        parser.Parse(data, True)
    except (_Shape, expat.ExpatError, ValueError, LookupError):
        return  # the real parse says what is wrong


def parse_xml(data: bytes, source: str) -> Element:
    """The root element; DTDs, entities, external references, malformed XML and XML too large
    or too deep as a tree are refused."""
    _check_shape(data, source)
    try:
        return SafeET.fromstring(data, forbid_dtd=True)
    except ParseError as error:
        line, column = error.position
        reason = str(error).rpartition(": line")[0] or str(error)
        raise BadInput(
            source, f"line {line}, column {column + 1}", f"is not well-formed XML ({reason})"
        ) from None
    except (DTDForbidden, EntitiesForbidden) as error:
        raise BadInput(
            source,
            _doctype_line(data),
            f"declares a DTD or entities (“{error.name}”); e-invoices never need them and "
            "they can be used for XML bombs or to read local files, so the file is refused",
        ) from None
    except ExternalReferenceForbidden as error:
        raise BadInput(
            source,
            _doctype_line(data),
            f"refers to an external resource ({error.system_id}); the file is refused",
        ) from None
    except DefusedXmlException as error:
        raise BadInput(source, "", f"uses an XML feature refused for safety ({error})") from None
    except LookupError as error:  # an unknown encoding in the XML declaration
        raise BadInput(source, "line 1", f"is not readable XML ({error})") from None


def _doctype_line(data: bytes) -> str:
    at = data.find(b"<!DOCTYPE")
    if at < 0:
        return ""
    line = data.count(b"\n", 0, at) + 1
    return f"line {line}"


def local_name(element: Element) -> str:
    """The tag without its ``{namespace}``."""
    return element.tag.rpartition("}")[2]


@dataclass(frozen=True)
class Scope:
    """One element of a file, read through paths such as ``cac:Item/cbc:Name``."""

    source: str
    ns: dict[str, str]
    element: Element
    where: str = ""

    def place(self, path: str = "") -> str:
        """The element path as a person reads it: ``InvoiceLine 3/LineExtensionAmount``."""
        local = _PREFIX.sub("", path)
        return "/".join(part for part in (self.where, local) if part)

    def fail(self, path: str, what: str) -> BadInput:
        return BadInput(self.source, self.place(path), what)

    def find(self, path: str) -> Element | None:
        return self.element.find(path, self.ns)

    def all(self, path: str) -> list[Element]:
        return self.element.findall(path, self.ns)

    def texts(self, path: str) -> list[str]:
        """The non-empty texts of every element at ``path``, whitespace collapsed."""
        return [t for t in (" ".join((e.text or "").split()) for e in self.all(path)) if t]

    def text(self, path: str, required: bool = False) -> str:
        found = self.texts(path)
        if not found and required:
            raise self.fail(path, "is missing or empty")
        return found[0] if found else ""

    def decimal(self, path: str) -> Decimal | None:
        """The number in the element at ``path``, or None when it is absent."""
        text = self.text(path)
        return self._number(path, text) if text else None

    def required_decimal(self, path: str) -> Decimal:
        """The number in the element at ``path``, which must be there."""
        return self._number(path, self.text(path, required=True))

    def amount(self, path: str, currency: str, required: bool = False) -> Decimal | None:
        """The money amount at ``path`` (None when absent and not ``required``), refused when
        mediate cannot record it in ``currency`` (``money.check_amount``, the one bound)."""
        text = self.text(path, required=required)
        if not text:
            return None
        number = self._parse(path, text)
        try:
            return check_amount(number, currency, subject=f"“{text[:40]}”")
        except DomainError as error:
            raise self.fail(path, str(error).rstrip(".")) from None

    def _parse(self, path: str, text: str) -> Decimal:
        """An XML decimal (always with a "." and no grouping: machine text, not a locale's)."""
        if not _NUMBER.fullmatch(text):
            raise self.fail(path, f"“{text}” is not a number")
        return to_decimal(text)

    def _number(self, path: str, text: str) -> Decimal:
        number = self._parse(path, text)
        if too_large(number):
            raise self.fail(path, f"“{text[:40]}” is too large (a trillion or more)")
        return number

    def boolean(self, path: str) -> bool:
        """An XML Schema boolean at ``path``, which must be there: ``true``/``1`` or
        ``false``/``0`` (real files write both forms)."""
        text = self.text(path, required=True)
        value = _BOOLEANS.get(text.lower())
        if value is None:
            raise self.fail(path, f"“{text[:40]}” is neither true nor false")
        return value

    def date(self, path: str) -> date | None:
        """An ISO date (``2020-11-27``, a time zone allowed) at ``path``, or None."""
        text = self.text(path)
        if not text:
            return None
        match = _ISO_DATE.fullmatch(text)
        return self._date(path, text, match.group(1, 2, 3) if match else ())

    def cii_date(self, path: str, element: str = "udt:DateTimeString") -> date | None:
        """A UN/CEFACT ``DateTimeString`` (format 102, ``20201127``) under ``path``, or None;
        ``element`` is ``qdt:DateTimeString`` where the schema takes the qualified type."""
        path = f"{path}/{element}"
        found = self.find(path)
        text = " ".join((found.text or "").split()) if found is not None else ""
        if found is None or not text:
            return None
        if found.get("format", "102") != "102":
            raise self.fail(path, f"date format {found.get('format')} is not supported (only 102)")
        match = _CII_DATE.fullmatch(text)
        return self._date(path, text, match.groups() if match else ())

    def _date(self, path: str, text: str, parts: tuple[str, ...]) -> date:
        try:
            if parts:
                return date(*(int(part) for part in parts))
        except ValueError:
            pass
        raise self.fail(path, f"“{text}” is not a date")
