import pytest

from mediate.domain.errors import DomainError
from mediate.domain.lifecycle import allowed, check_transition
from mediate.domain.model import CaseStatus as S

ALLOWED = [
    (S.INTAKE, S.IN_SESSION),
    (S.IN_SESSION, S.AGREED),
    (S.AGREED, S.SIGNED_OFF),
    (S.SIGNED_OFF, S.AGREED),
    (S.INTAKE, S.IMPASSE),
    (S.IN_SESSION, S.WITHDRAWN),
    (S.AGREED, S.IMPASSE),
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
