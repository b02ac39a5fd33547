"""Canonical JSON and fingerprints: the same content always gives the same bytes and hash."""

from __future__ import annotations

import hashlib
import json
from typing import Any


def _no_floats(value: Any) -> None:
    if isinstance(value, float):
        raise TypeError("a float has no place in canonical JSON")
    if isinstance(value, dict):
        for item in value.values():
            _no_floats(item)
    elif isinstance(value, list | tuple):
        for item in value:
            _no_floats(item)


def canonical_json(value: Any) -> str:
    """Deterministic JSON: sorted keys, no spaces, text kept as Unicode. Floats are refused."""

    def refuse(obj: Any) -> Any:
        raise TypeError(f"not canonical JSON: {type(obj).__name__}")

    _no_floats(value)
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=refuse
    )


def fingerprint(value: Any) -> str:
    """SHA-256 (hex) of the canonical JSON of ``value``."""
    return hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()
