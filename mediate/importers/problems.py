"""What an importer says about a file: a refusal (``BadInput``) or a warning (``Notice``).

Both name the file, the place in it (a line, an element, a header) and what is wrong, so the
message can be shown to a person as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from mediate.domain.money import MAX_AMOUNT

MAX_FILE_BYTES = 50 * 1024 * 1024
# Quantities, prices and rates from a file stay below the one bound on amounts (amounts go
# through ``money.check_amount`` itself): a product of two of them is then below 10^24 and still
# rounds to the minor unit within Decimal's 28 digits.
MAX_NUMBER = MAX_AMOUNT


def too_large(value: Decimal) -> bool:
    """Whether a number read from a file is beyond any invoice (a trillion or more)."""
    return abs(value) >= MAX_NUMBER


def _describe(source: str, where: str, what: str) -> str:
    return f"{source}: {where}: {what}" if where else f"{source}: {what}"


class BadInput(Exception):
    """A file that cannot be imported. ``str()`` is the one-line message for the user."""

    def __init__(self, source: str | Path, where: str, what: str) -> None:
        self.source = str(source)
        self.where = where
        self.what = what
        super().__init__(_describe(self.source, where, what))


@dataclass(frozen=True)
class Notice:
    """A warning about a file that was imported anyway."""

    source: str
    where: str
    what: str

    def __str__(self) -> str:
        return _describe(self.source, self.where, self.what)


def read_limited(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes, refusing a file larger than ``limit`` before reading it."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise BadInput(path, "", f"cannot be read ({error.strerror or error})") from None
    if size > limit:
        raise BadInput(
            path,
            "",
            f"is {size / 1_048_576:.0f} MB; files over {limit // 1_048_576} MB are refused",
        )
    try:
        return path.read_bytes()
    except OSError as error:
        raise BadInput(path, "", f"cannot be read ({error.strerror or error})") from None
