"""Text from a file or a person made safe to show: in a terminal, a log line, an error message or a
document. The one place that decides it.

A party's e-mail, a file name, a TOML value or a pasted text may hold control characters: ESC
sequences that set the window title, write the clipboard (OSC 52), clear the screen or add hidden
hyperlinks (OSC 8), C1 controls (U+0080-U+009F, of which U+009B is a CSI on its own), and bidi
controls that reorder what is shown ("Client street 1 \\u202e1 gnitsiL" reads as "Listing 1").

- ``for_terminal``: shown visibly, never obeyed. Control characters become ``⟨ESC⟩``, ``⟨U+009B⟩``
  and the like; bidi controls become ``⟨U+202E⟩``. Newlines and tabs are kept where the text is
  a block (``multiline=True``), otherwise shown as a space.
- ``for_document``: control characters are removed (a document cannot show them), and bidi
  overrides and isolates are removed, so the printed words read in the order they are stored.
"""

from __future__ import annotations

import re

# C0 controls except tab, newline and carriage return; DEL; C1 controls; and lone surrogates (the
# undecodable bytes of a file name or an argument), which no terminal or file can take.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# Bidi embedding, override and isolate controls, and the marks that steer them.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Lines other than \n: they would break a line in a terminal where the text shows none.
_BREAKS = re.compile("\r\n|[\r\v\f\u0085\u2028\u2029]")
# Anything that ``for_terminal`` or ``without_controls`` would change, in one search.
_ANY = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\u0085\u2028\u2029]"
)
_NAMES = {"\x1b": "ESC", "\x07": "BEL", "\x08": "BS", "\x00": "NUL", "\x7f": "DEL"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    return f"⟨{_NAMES.get(char, f'U+{ord(char):04X}')}⟩"


def for_terminal(text: str, multiline: bool = False) -> str:
    """``text`` with nothing a terminal would obey: controls and bidi controls shown as
    ``⟨ESC⟩``/``⟨U+202E⟩``. A block (``multiline``) keeps its lines and tabs; a single line
    shows them as spaces."""
    if not text or not _ANY.search(text):
        return text or ""
    text = _BREAKS.sub("\n", text)
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    text = _CONTROL.sub(_visible, text)
    return _BIDI.sub(_visible, text)


def for_document(text: str) -> str:
    """``text`` for a document: control characters (but tabs and newlines) and bidi controls
    removed."""
    if not text:
        return text or ""
    return _BIDI.sub("", _CONTROL.sub("", _BREAKS.sub("\n", text)))


def without_controls(text: str) -> str:
    """``text`` with every control, bidi control and line break removed (all of them take no
    cell on a screen line, so what is left has the same width): the last guard before a line
    reaches the terminal, behind ``for_terminal``, which shows them."""
    if _ANY.search(text):
        return _BIDI.sub("", _CONTROL.sub("", _BREAKS.sub("", text.replace("\n", ""))))
    return text


def is_safe(text: str) -> bool:
    """Whether ``text`` holds nothing ``for_terminal`` would change on a single line."""
    return not (_CONTROL.search(text) or _BIDI.search(text) or _BREAKS.search(text))


_SURROGATE = re.compile("[\ud800-\udfff]")


def is_storable(text: str) -> bool:
    """Whether ``text`` can be written as UTF-8 (no lone surrogate from undecodable bytes)."""
    return not _SURROGATE.search(text)
