import pytest

from mediate.domain.errors import DomainError
from mediate.domain.lifecycle import allowed, check_reopen, check_transition, read_only, ways
from mediate.domain.model import CaseStatus as S

ALLOWED = [
    (S.INTAKE, S.IN_SESSION),
    (S.IN_SESSION, S.AGREED),
    (S.AGREED, S.SIGNED_OFF),
    (S.SIGNED_OFF, S.AGREED),
    (S.INTAKE, S.IMPASSE),
    (S.IN_SESSION, S.WITHDRAWN),
    (S.IMPASSE, S.IN_SESSION),
]
REFUSED = [
    (S.INTAKE, S.AGREED),
    (S.INTAKE, S.SIGNED_OFF),
    (S.SIGNED_OFF, S.IN_SESSION),
    (S.SIGNED_OFF, S.IMPASSE),
    (S.WITHDRAWN, S.IN_SESSION),
    (S.WITHDRAWN, S.IMPASSE),
    (S.IN_SESSION, S.IN_SESSION),
    (S.AGREED, S.IN_SESSION),
    # An agreed case goes back by reopening its settlement: a bare status change would leave
    # its accepted proposal and draft behind, and no later proposal could be accepted.
    (S.AGREED, S.IMPASSE),
    (S.AGREED, S.WITHDRAWN),
]


@pytest.mark.parametrize(("current", "target"), ALLOWED)
def test_allowed_transitions(current, target):
    assert check_transition(current, target) == target
    assert target in allowed(current)


@pytest.mark.parametrize(("current", "target"), REFUSED)
def test_impossible_transitions_raise_a_sentence(current, target):
    with pytest.raises(DomainError) as error:
        check_transition(current, target)
    message = str(error.value)
    assert message.endswith(".") and message[0].isupper()


def test_an_agreed_case_is_pointed_to_reopening():
    with pytest.raises(DomainError, match="reopen its settlement first"):
        check_transition(S.AGREED, S.IMPASSE)
    assert check_reopen(S.AGREED) == S.IN_SESSION
    with pytest.raises(DomainError, match="only an agreed settlement that nobody has signed"):
        check_reopen(S.SIGNED_OFF)


@pytest.mark.parametrize("status", list(S))
def test_every_state_names_its_way_on(status):
    """Every state has a way forward or out, in words the screen shows; a state with no way
    forward by status is read-only or has one through its settlement."""
    assert ways(status)
    assert allowed(status) or read_only(status) or status == S.AGREED
