"""Canonical JSON and fingerprints: the same content always gives the same bytes and hash."""

from __future__ import annotations

import hashlib
import json
from typing import Any


def _no_floats(value: Any) -> None:
    """Refuse a float anywhere in ``value``. Walked with a stack and the common leaves (text,
    integers, None) passed over first: an import writes tens of thousands of payloads."""
    pending = [value]
    seen: set[int] = set()  # a container that holds itself is left to json's own refusal
    while pending:
        item = pending.pop()
        kind = type(item)
        if kind is str or kind is int or item is None:
            continue
        if isinstance(item, float):
            raise TypeError("a float has no place in canonical JSON")
        if isinstance(item, dict | list | tuple):
            if id(item) in seen:
                continue
            seen.add(id(item))
            pending.extend(item.values() if isinstance(item, dict) else item)


def _refuse(obj: Any) -> Any:
    raise TypeError(f"not canonical JSON: {type(obj).__name__}")


# One encoder for every call (json.dumps with these options makes a new one each time).
_ENCODER = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_refuse
)


def canonical_json(value: Any) -> str:
    """Deterministic JSON: sorted keys, no spaces, text kept as Unicode. Floats are refused."""
    if value == []:  # the common case of a row's list of tags
        return "[]"
    _no_floats(value)
    return _ENCODER.encode(value)


def fingerprint(value: Any) -> str:
    """SHA-256 (hex) of the canonical JSON of ``value``."""
    return hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()
