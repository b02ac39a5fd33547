"""Plain text of unknown encoding: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252.

Windows-1252 is the fallback because every other byte sequence that is not UTF-8 and still looks
like text in a Western European office is almost always Windows-1252 (or its subset Latin-1).
Reading it that way is announced with a notice, since the guess can be wrong.
"""

from __future__ import annotations

import codecs
import re

from mediate.importers.problems import BadInput, Notice

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_text(data: bytes, source: str) -> tuple[str, list[Notice]]:
    """The text of a file with ``\\n`` line ends; a binary file is refused."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, notices = data.decode("utf-16", errors="replace"), []
    elif b"\x00" in data[:8192]:
        raise BadInput(source, "", "is not a text file (it contains NUL bytes)")
    else:
        try:
            text, notices = data.decode("utf-8-sig"), []
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            notices = [Notice(source, "", "is not valid UTF-8; read as Windows-1252")]
    return normalise_lines(text), notices


def normalise_lines(text: str) -> str:
    """``\\n`` line ends, a form feed (a page break) as a blank line, no other control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    return _CONTROL.sub("", text)
