"""Errors raised by the domain: each carries one plain sentence for the user."""


class DomainError(ValueError):
    """A rule of the case record was broken; ``str(error)`` is a sentence for the user."""
