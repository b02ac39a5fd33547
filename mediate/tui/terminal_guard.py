"""The last guard between the app and the terminal: every line the app draws, whichever widget
drew it (a table cell, a notification, a tooltip, a form field), passes through ``ControlGuard``
on its way out. A control character or escape sequence that reached a widget from a file or a
paste is dropped there, never obeyed, and no link is drawn clickable. Widgets that show evidence
make such characters visible first (``safe_text.for_terminal``); this catches the rest.

It is a Textual line filter (``App.get_line_filters``): the characters it drops take no cell on
the screen, so the line keeps its width and layout."""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from mediate.domain.safe_text import without_controls


class ControlGuard(LineFilter):
    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        guarded = []
        for segment in segments:
            text, style, control = segment
            if control:  # a cursor move of Textual's own, not text
                guarded.append(segment)
                continue
            if style is not None and style.link:
                style = style.update_link(None)
            guarded.append(Segment(without_controls(text), style))
        return guarded
