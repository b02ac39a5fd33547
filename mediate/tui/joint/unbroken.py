"""Text that wraps at its ordinary spaces only: an amount ("€ 1.800,00"), a label with its amount
("Bod € 4.965,00") or a dated instalment is joined with no-break spaces and never split over two
lines, at any width.

Rich and Textual both break lines at a no-break space (it is whitespace to their word splitting).
``Unbroken`` wraps the text itself: for the wrap, each no-break space stands in as a character that
is not whitespace, so the breaks fall at ordinary spaces only; the lines shown keep their no-break
spaces. A run longer than the line is folded, as any word would be.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

NO_BREAK = "\xa0"
_STAND_IN = "\ue000"  # one cell wide and not whitespace: never a place to break


def unbroken(words: str) -> str:
    """``words`` with their spaces made no-break: kept on one line."""
    return words.replace(" ", NO_BREAK)


class Unbroken:
    """A ``Text`` wrapped at ordinary spaces only (see the module)."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def _shadow(self) -> Text:
        shadow = self.text.copy()
        shadow.plain = self.text.plain.replace(NO_BREAK, _STAND_IN)
        return shadow

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = self._shadow().wrap(
            console,
            options.max_width,
            justify=self.text.justify or "left",
            overflow=self.text.overflow or "fold",
        )
        for line in lines:
            line.plain = line.plain.replace(_STAND_IN, NO_BREAK)
            yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self._shadow())

    def __str__(self) -> str:
        return self.text.plain
