"""The shared screen's record: links (issued, connected, revoked, ended, expired) and what the
mediator points at, each change one audit event that ``verify`` covers."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from mediate.domain.check_code import check_code
from mediate.domain.errors import DomainError
from mediate.domain.model import PartyRole
from mediate.services.joint import (
    end_earlier_links,
    issue_links,
    live_link,
    printed_check_code,
    token_digest,
)
from mediate.store import open_store
from tests.builders import bundle
from tests.settlement_helpers import signed_settlement


def test_each_party_gets_its_own_token_and_only_its_digest_is_kept(store, case_id):
    links = issue_links(store, case_id, hours=2)
    assert [k.party for k in links] == [PartyRole.PROVIDER, PartyRole.CLIENT]
    assert links[0].token != links[1].token and len(links[0].token) >= 40
    assert links[0].name == "Pixel & Co B.V."
    events = store.audit_events(case_id)
    assert [e["kind"] for e in events[-2:]] == ["link.issued", "link.issued"]
    everything = "\n".join(e["payload"] for e in events)
    assert links[0].token not in everything and token_digest(links[0].token) in everything
    found = live_link(store, case_id, links[1].token)
    assert found is not None and found.party == PartyRole.CLIENT
    for wrong in (None, "", "x", links[0].token + "x", "a" * 500):
        assert live_link(store, case_id, wrong) is None
    assert store.verify("MED-2026-001")[0].ok


def test_a_revoked_ended_or_expired_link_opens_nothing(store, case_id):
    provider, client = issue_links(store, case_id, hours=1)
    store.revoke_joint_link(case_id, client.number)
    assert live_link(store, case_id, client.token) is None
    with pytest.raises(DomainError, match="revoked"):
        store.revoke_joint_link(case_id, client.number)
    assert live_link(store, case_id, provider.token) is not None
    end_earlier_links(store, case_id)
    assert live_link(store, case_id, provider.token) is None
    assert [k.state(store.clock()) for k in store.joint_links(case_id)] == ["ended", "revoked"]

    (late, _) = issue_links(store, case_id, hours=1)
    store.clock = lambda: datetime.now(UTC) + timedelta(hours=2)
    assert live_link(store, case_id, late.token) is None
    assert store.joint_links(case_id)[-2].state(store.clock()) == "expired"
    assert store.verify("MED-2026-001")[0].ok


def test_connections_are_counted_per_link(store, case_id):
    _provider, client = issue_links(store, case_id, hours=1)
    store.joint_link_connected(case_id, client.number)
    store.joint_link_connected(case_id, client.number)
    store.joint_link_disconnected(case_id, client.number)
    by_party = {k.party: k for k in store.joint_links(case_id)}
    assert by_party[PartyRole.CLIENT].connections == 1
    assert by_party[PartyRole.PROVIDER].connections == 0
    actors = [e["actor"] for e in store.audit_events(case_id) if e["kind"].startswith("link.conn")]
    assert actors == ["client", "client"]


def test_a_revocation_in_one_process_is_seen_by_another(db_path, store, case_id):
    (link, _) = issue_links(store, case_id, hours=1)
    server = open_store(db_path)  # another connection, as the server's process holds
    try:
        assert live_link(server, case_id, link.token) is not None
        store.revoke_joint_link(case_id, link.number)
        assert live_link(server, case_id, link.token) is None
    finally:
        server.close()


def test_the_mediator_points_at_evidence_of_this_case_only(store, case_id):
    other = store.import_bundle(bundle("MED-2026-999"))
    line = store.invoices(case_id)[0].lines[1]
    clause = store.clauses(case_id)[0]
    before = store.last_event(case_id)
    assert store.pointer(case_id) is None
    store.point_at(case_id, "line", line.id)
    assert store.last_event(case_id) == before + 1
    shown = store.pointer(case_id)
    assert shown is not None and (shown.kind, shown.target_id) == ("line", line.id)
    store.point_at(case_id, "clause", clause.id)
    assert store.pointer(case_id).kind == "clause"
    store.clear_pointer(case_id)
    assert store.pointer(case_id) is None
    with pytest.raises(DomainError, match="Nothing is on the shared screen"):
        store.clear_pointer(case_id)
    with pytest.raises(DomainError, match="not part of this case"):
        store.point_at(case_id, "line", store.invoices(other)[0].lines[0].id)
    with pytest.raises(DomainError, match="Only line, clause, message"):
        store.point_at(case_id, "note", 1)
    assert store.pointer(other) is None
    assert [e["kind"] for e in store.audit_events(case_id)[-3:]] == [
        "screen.pointed",
        "screen.pointed",
        "screen.cleared",
    ]
    assert all(result.ok for result in store.verify())


def test_the_check_code_is_the_one_printed_on_every_page(store):
    """The parties read the code the agreement prints in its footer (issue 20), per language;
    a settlement signed before printed texts were fingerprinted shows its terms fingerprint."""
    signed_settlement(store)
    case_id = store.case_id("MED-2026-001")
    settlement = store.current_settlement(case_id)
    signed = store.signed_documents(settlement.id)
    assert printed_check_code(store, settlement, "en") == check_code(signed["en"].fingerprint)
    assert printed_check_code(store, settlement, "nl") == check_code(signed["nl"].fingerprint)
    assert printed_check_code(store, settlement, "en") != printed_check_code(
        store, settlement, "nl"
    )
    older = dataclasses.replace(settlement, id=None)
    assert printed_check_code(store, older, "en").split()[0] == settlement.fingerprint[:4]
