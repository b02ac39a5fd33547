"""One labelled field per line: a form with many fields that still fits 80x24."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Label

from mediate.domain.errors import DomainError

FIELD_ROWS_CSS = """
.field-row { height: 1; }
.field-row > Label { width: 24; color: $text-muted; }
.field-row > Input { width: 1fr; }
.field-row > Input:focus { background: $boost; text-style: bold; }
.field-rows { height: auto; max-height: 16; }
"""


class FieldRows(VerticalScroll, can_focus=False):
    """The rows of a long form, scrolled when the terminal is short; Tab and Enter go from
    field to field, never to the scroll area (which would swallow what is typed)."""

    DEFAULT_CLASSES = "field-rows"


def field_row(label: str, widget: Widget) -> Horizontal:
    """``label`` left of ``widget``, on one line."""
    return Horizontal(Label(Text(label)), widget, classes="field-row")


def text_input(field_id: str, value: str = "", placeholder: str = "") -> Input:
    return Input(value=value, placeholder=placeholder, id=field_id, compact=True)


def typed_date(text: str, field: str, required: bool = False) -> date | None:
    """A date typed like 2026-03-31; None when empty and not ``required``. A sentence names
    ``field`` when it is not a date."""
    text = text.strip()
    if not text:
        if required:
            raise DomainError(f"{field}: type a date like 2026-03-31.")
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise DomainError(f"{field}: “{text}” is not a date; write it like 2026-03-31.") from None


def named(field: str, error: DomainError) -> DomainError:
    """A parser's sentence with the field it is about in front."""
    return DomainError(f"{field}: {error}")
