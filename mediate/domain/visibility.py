"""Who may read what: the one rule between caucus material and a shared screen.

Every record made in a session (statement with its restatement and correction, note, proposal
with its terms, schedule and total) carries a ``Visibility``: joint (made with both parties
present) or the caucus it was made in. Released from its caucus (an audited event, with the
party's agreement), a record counts as joint from then on. A screen, document, report or search
reads the record in a ``View``; the store's reads apply ``readable`` so that no front end decides
it for itself, and every figure derived from records (ask, offer, gap) is derived from what the
view may read.
"""

from __future__ import annotations

from enum import StrEnum

from mediate.domain.model import PartyRole, Visibility


class View(StrEnum):
    """Who is looking."""

    JOINT = "joint"  # both parties: the joint session, a shared screen, documents and reports
    CAUCUS_PROVIDER = "caucus-provider"  # the mediator alone with the provider
    CAUCUS_CLIENT = "caucus-client"  # the mediator alone with the client
    MEDIATOR = "mediator"  # the mediator alone: every caucus, labelled as such


_READABLE: dict[View, frozenset[Visibility]] = {
    View.JOINT: frozenset({Visibility.JOINT}),
    View.CAUCUS_PROVIDER: frozenset({Visibility.JOINT, Visibility.CAUCUS_PROVIDER}),
    View.CAUCUS_CLIENT: frozenset({Visibility.JOINT, Visibility.CAUCUS_CLIENT}),
    View.MEDIATOR: frozenset(Visibility),
}

CAUCUS_OF = {
    PartyRole.PROVIDER: Visibility.CAUCUS_PROVIDER,
    PartyRole.CLIENT: Visibility.CAUCUS_CLIENT,
}

LABELS = {
    Visibility.JOINT: "joint",
    Visibility.CAUCUS_PROVIDER: "caucus: provider",
    Visibility.CAUCUS_CLIENT: "caucus: client",
}


def readable(view: View) -> frozenset[Visibility]:
    """The visibilities a reader in ``view`` may see."""
    return _READABLE[View(view)]


def shared(visibility: Visibility, released: bool) -> Visibility:
    """The visibility a record has now: joint once released from its caucus."""
    return Visibility.JOINT if released else Visibility(visibility)


def may_read(view: View, visibility: Visibility, released: bool = False) -> bool:
    return shared(visibility, released) in readable(view)


def view_of(visibility: Visibility) -> View:
    """The view of the room a record was made in: its caucus, or the joint session."""
    return {
        Visibility.JOINT: View.JOINT,
        Visibility.CAUCUS_PROVIDER: View.CAUCUS_PROVIDER,
        Visibility.CAUCUS_CLIENT: View.CAUCUS_CLIENT,
    }[Visibility(visibility)]


def session_view(caucus: PartyRole | None, joint_view: bool) -> View:
    """The view of the live session: a caucus shows its own material; the joint session and the
    joint view (screen sharing) show joint material only."""
    if caucus is None or joint_view:
        return View.JOINT
    return View.CAUCUS_PROVIDER if PartyRole(caucus) == PartyRole.PROVIDER else View.CAUCUS_CLIENT


def made_in(caucus: PartyRole | None) -> Visibility:
    """The visibility of a record made now: the caucus it is made in, else joint."""
    return Visibility.JOINT if caucus is None else CAUCUS_OF[PartyRole(caucus)]


def label(visibility: Visibility) -> str:
    """How a record's visibility is named to the mediator ("caucus: client")."""
    return LABELS[Visibility(visibility)]
