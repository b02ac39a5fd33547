"""What an importer says about a file: a refusal (``BadInput``) or a warning (``Notice``).

Both name the file, the place in it (a line, an element, a header) and what is wrong, so the
message can be shown to a person as it is.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from mediate.domain.money import MAX_AMOUNT

# What one import reads at most (the README's guarantees list them).
MAX_FILE_BYTES = 50 * 1024 * 1024  # any one file
MAX_IMPORT_BYTES = 200 * 1024 * 1024  # the files of all folders of one import together
MAX_MESSAGES = 20_000  # mail messages of one import
MAX_WORK_ENTRIES = 250_000  # work-log entries of one import (ten years of a busy team)
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


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def read_head(path: Path, size: int) -> bytes:
    """The first ``size`` bytes of a regular file (refused like ``read_limited``)."""
    return read_limited(path, limit=MAX_FILE_BYTES, head=size)


def read_limited(path: Path, limit: int = MAX_FILE_BYTES, head: int | None = None) -> bytes:
    """The file's bytes: a regular file only (a named pipe, a device such as /dev/zero, a
    socket is refused without waiting on it), at most ``limit`` bytes, refused before reading
    when it is larger, and never more than ``limit`` read even if it grows meanwhile."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise BadInput(path, "", f"cannot be read ({error.strerror or error})") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise BadInput(path, "", f"is {kind_of(info.st_mode)}, not a file; refused")
        if head is not None:
            limit = head
        elif info.st_size > limit:
            raise BadInput(path, "", _too_big(info.st_size, limit))
        try:
            data = handle.read(limit + (head is None))
        except OSError as error:
            raise BadInput(path, "", f"cannot be read ({error.strerror or error})") from None
    if head is None and len(data) > limit:
        raise BadInput(path, "", _too_big(len(data), limit))
    return data


def _too_big(size: int, limit: int) -> str:
    return f"is {size / 1_048_576:.0f} MB; files over {limit // 1_048_576} MB are refused"
