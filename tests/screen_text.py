"""What a person sees: the app's screen as plain text, read from its SVG screenshot."""

from __future__ import annotations

import html
import re

_TEXT = re.compile(r'<text[^>]*clip-path="url\(#[\w-]+-line-(\d+)\)"[^>]*>(.*?)</text>', re.S)


def screen_text(app) -> str:
    lines: dict[int, list[str]] = {}
    for number, chunk in _TEXT.findall(app.export_screenshot()):
        lines.setdefault(int(number), []).append(html.unescape(chunk).replace("\xa0", " "))
    return "\n".join("".join(lines[n]) for n in sorted(lines))


def fill(widget, text: str) -> None:
    """Put ``text`` in a field as typed: an Input's value or a TextArea's text."""
    if hasattr(widget, "load_text"):
        widget.load_text(text)
    else:
        widget.value = text
