"""What a case reference may be: the one rule for the importer, the new-case form and the store.

A reference names the case on screen, on the command line and in exported file names, so it is
plain ASCII letters, digits and ``. _ / -`` (``MED-2026-001``, ``2026/017``), starts with a
letter or digit, holds no ``..`` and is at most 64 characters. A look-alike letter from another
script (a Cyrillic ``М`` in ``МED-2026-001``) is refused, since it would make a second case that
reads the same as the first.
"""

from __future__ import annotations

import re

from mediate.domain.errors import DomainError
from mediate.domain.safe_text import for_terminal

_REFERENCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,63}")
RULE = "may only hold letters A-Z, digits and . _ / - (starting with a letter or digit, at most 64)"


def reference_problem(reference: str) -> str | None:
    """Why ``reference`` cannot name a case (None when it can)."""
    if not reference.strip():
        return "is empty"
    if not _REFERENCE.fullmatch(reference):
        return RULE
    if ".." in reference:
        return "may not hold “..”"
    return None


def check_reference(reference: str) -> None:
    """Refuse a reference that cannot name a case, with a sentence naming it."""
    problem = reference_problem(reference)
    if problem == "is empty":
        raise DomainError("A case needs a reference.")
    if problem:
        raise DomainError(f"The reference “{for_terminal(reference)}” {problem}.")
