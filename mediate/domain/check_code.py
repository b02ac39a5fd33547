"""The check code of an agreement: 16 characters from its fingerprint, read aloud on a call.

Four groups of four characters of Crockford's base 32 (digits and letters without I, L, O and
U, so nothing is misread), taken from the first 80 bits of the SHA-256 fingerprint: two parties
who read the same code to each other hold documents of the same printed text.
"""

from __future__ import annotations

import re

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$")


def check_code(fingerprint: str) -> str:
    """``7KQ2-M9XD-4TRP-HB3W`` from a SHA-256 fingerprint in hex; empty for no fingerprint."""
    if not fingerprint:
        return ""
    bits = int(fingerprint[:20], 16)  # 80 bits: sixteen characters of five bits
    chars = [ALPHABET[(bits >> shift) & 31] for shift in range(75, -1, -5)]
    return "-".join("".join(chars[i : i + 4]) for i in range(0, 16, 4))


def is_check_code(text: str) -> bool:
    return bool(_CODE.match(text))
