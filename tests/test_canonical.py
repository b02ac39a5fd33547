"""Canonical JSON: the same content gives the same bytes, and a float anywhere is refused."""

import pytest

from mediate.domain.canonical import canonical_json, fingerprint


def test_key_order_and_spacing_do_not_change_the_bytes():
    one = {"b": [1, "twee", None, True], "a": {"y": "é", "x": 2}}
    other = {"a": {"x": 2, "y": "é"}, "b": [1, "twee", None, True]}
    assert (
        canonical_json(one)
        == canonical_json(other)
        == ('{"a":{"x":2,"y":"é"},"b":[1,"twee",null,true]}')
    )
    assert fingerprint(one) == fingerprint(other)
    assert fingerprint(one) != fingerprint({**one, "c": 0})


@pytest.mark.parametrize(
    "value",
    [
        1.5,
        {"amount": 0.1},
        {"lines": [{"net": "1.00"}, {"net": 2.0}]},
        [("a", (1, [3.0]))],
        {"deep": {"deeper": {"deepest": [float("nan")]}}},
    ],
)
def test_a_float_anywhere_is_refused(value):
    with pytest.raises(TypeError, match="float"):
        canonical_json(value)


def test_a_value_json_cannot_hold_is_refused():
    with pytest.raises(TypeError, match="not canonical JSON: set"):
        canonical_json({"tags": {"a"}})


def test_a_value_that_holds_itself_is_refused_not_walked_for_ever():
    loop: list = [1]
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular"):
        canonical_json({"loop": loop})
