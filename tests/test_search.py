"""Full-text search over the record, kept in step by triggers, and the case list filtered."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlite_utils import Database

from mediate.domain.archive import MARK_END, MARK_START
from mediate.domain.model import (
    CaseStatus,
    Message,
    Party,
    PartyRole,
    ReasonCode,
    Visibility,
)
from mediate.domain.visibility import View
from mediate.store.schema import migrations
from mediate.store.search import filter_cases, fts_query, search
from tests.builders import bundle, line

MAIL_BODY = "Dear Anna,\n\nThe mock-ups were approved by the board on Friday.\n\nKind regards, Tom"


def make_bundle(
    reference, *, opened, language="en", client="Bakkerij Brood Ltd", reasons=(), lines=()
):
    b = bundle(reference, language)
    b.case.opened = opened
    b.case.reasons = tuple(reasons)
    b.case.parties[1].legal_name = client
    invoice = b.invoices[0]
    invoice.lines = [line(i, d, q, p, disputed) for i, (d, q, p, disputed) in enumerate(lines, 1)]
    invoice.declared_net = invoice.line_sum
    b.work = []
    return b


@pytest.fixture
def archive(store):
    """Three cases: A (en, hours+scope), B (nl, café client, rate), C (en, withdrawn)."""
    a = make_bundle(
        "ARC-A",
        opened=date(2026, 1, 10),
        reasons=(ReasonCode.HOURS, ReasonCode.SCOPE),
        lines=[("Design work", "30", "95.00", True), ("Development", "40", "85.00", True)],
    )
    a.case.title = "Café rebuild: hours in dispute"
    a.messages = [
        Message(
            sent_at=datetime(2026, 1, 5, 9, tzinfo=UTC),
            sender="tom@brood.example",
            subject="Re: invoice INV-2026-017",
            body=MAIL_BODY,
        )
    ]
    b = make_bundle(
        "ARC-B",
        opened=date(2026, 2, 15),
        language="nl",
        client="Café Noord B.V.",
        reasons=(ReasonCode.RATE,),
        lines=[("Workshop", "4", "95.00", False), ("Design work", "30", "95.00", True)],
    )
    c = make_bundle(
        "ARC-C",
        opened=date(2026, 3, 20),
        client="Bakkerij Zuid",
        reasons=(ReasonCode.QUALITY,),
        lines=[("Consultancy services", "100", "100.00", False), ("Hosting", "1", "380", True)],
    )
    ids = {b.case.reference: store.import_bundle(b) for b in (a, b, c)}
    store.record_statement(ids["ARC-B"], PartyRole.CLIENT, "Het tarief was te hoog.")
    store.change_status(ids["ARC-C"], CaseStatus.WITHDRAWN)
    return ids


def refs(cases):
    return [c.reference for c in cases]


# --- search ----------------------------------------------------------------------------------------


def test_a_phrase_from_an_email_body_is_found_with_a_snippet(store, archive):
    (hit,) = search(store, "mock-ups were approved", view=View.JOINT)
    assert (hit.reference, hit.kind) == ("ARC-A", "message")
    assert hit.title == "Café rebuild: hours in dispute"
    assert f"{MARK_START}approved{MARK_END}" in hit.snippet
    assert ("approved", True) in hit.parts()
    assert store.messages(hit.case_id)[0].id == hit.row_id


def test_search_ignores_diacritics_both_ways(store, archive):
    assert {h.reference for h in search(store, "cafe", view=View.JOINT)} == {"ARC-A", "ARC-B"}
    assert {h.reference for h in search(store, "CAFÉ noord", view=View.JOINT)} == {"ARC-B"}


def test_every_word_must_match_and_the_words_need_not_be_adjacent(store, archive):
    assert [h.kind for h in search(store, "Friday board", view=View.JOINT)] == ["message"]
    assert search(store, "Friday hosting", view=View.JOINT) == []


@pytest.mark.parametrize(
    "text",
    [
        "INV-10",
        '"',
        'a"b',
        "*",
        "NEAR(",
        "NEAR(a b)",
        "(",
        ")",
        "AND",
        "a OR",
        "title:x",
        "^",
        "-x",
        "",
        "   ",
        "'",
        "\\",
    ],
)
def test_user_input_never_breaks_the_query(store, archive, text):
    assert isinstance(search(store, text, view=View.JOINT), list)
    assert isinstance(search(store, text, view=View.MEDIATOR, prefix=True), list)


def test_empty_or_wordless_input_returns_nothing():
    assert fts_query("") == fts_query(' " * ( ') == ""
    assert fts_query('INV-10 a"b') == '"INV-10" "a""b"'
    assert fts_query("caf", prefix=True) == '"caf"*'


def test_an_invoice_number_in_a_subject_is_found(store, archive):
    (hit,) = search(store, "INV-2026-017", view=View.JOINT)
    assert hit.kind == "message"


def test_prefix_search_for_typing(store, archive):
    assert search(store, "approv", view=View.JOINT) == []
    assert [h.kind for h in search(store, "approv", view=View.JOINT, prefix=True)] == ["message"]


def test_caucus_notes_are_found_only_outside_the_joint_view(store, archive):
    case_id = archive["ARC-A"]
    store.add_note(case_id, Visibility.CAUCUS_CLIENT, "Bottom line zebra-4471 is 3000.")
    store.add_note(case_id, Visibility.JOINT, "Both parties agree the zebra-4471 mock-ups exist.")
    outside = search(store, "zebra-4471", view=View.MEDIATOR)
    joint = search(store, "zebra-4471", view=View.JOINT)
    assert sorted(h.kind for h in outside) == ["note", "note"]
    assert len(joint) == 1
    assert "Bottom line" not in joint[0].snippet
    assert store.notes(case_id, View.JOINT)[0].id == joint[0].row_id


def test_caucus_notes_crowding_the_best_matches_do_not_hide_the_joint_ones(store, archive):
    """The joint view ranks a few more matches than it shows and keeps the joint ones; when
    caucus notes outrank all of those, it still finds every joint match, best first."""
    case_id = archive["ARC-A"]
    for number in range(6):
        store.add_note(case_id, Visibility.CAUCUS_PROVIDER, f"Quokka quokka quokka {number}.")
    joint_ids = [
        store.add_note(case_id, Visibility.JOINT, f"Quokka once, in joint note {number}.")
        for number in range(3)
    ]
    best_two = search(store, "quokka", view=View.JOINT, limit=2)
    assert [h.kind for h in best_two] == ["note", "note"]
    assert all("joint note" in h.snippet for h in best_two)
    every = search(store, "quokka", view=View.JOINT, limit=10)
    assert sorted(h.row_id for h in every) == sorted(joint_ids)
    assert len(search(store, "quokka", view=View.MEDIATOR, limit=10)) == 9


def test_triggers_follow_restatements_party_edits_and_reimports(store, archive):
    case_id = archive["ARC-A"]
    statement = store.record_statement(case_id, PartyRole.CLIENT, "We never asked for a logo.")
    store.restate(statement, "What I hear is that the logo was out of scope.")
    (hit,) = search(store, "out of scope", view=View.JOINT)
    assert (hit.kind, hit.row_id) == ("statement", statement)
    store.set_party(case_id, Party(role=PartyRole.CLIENT, legal_name="Zeppelin Bakers"))
    assert [h.kind for h in search(store, "zeppelin", view=View.JOINT)] == ["party"]
    assert search(store, "Bakkerij Brood", view=View.JOINT) == []
    replacement = make_bundle(
        "ARC-A", opened=date(2026, 1, 10), lines=[("Design", "1", "95", True)]
    )
    store.import_bundle(replacement, replace=True)
    assert search(store, "mock-ups", view=View.MEDIATOR) == []
    assert search(store, "logo", view=View.MEDIATOR) == []


def test_the_search_index_leaves_verify_intact_and_tampering_still_shows(store, archive):
    case_id = archive["ARC-A"]
    store.add_note(case_id, Visibility.CAUCUS_PROVIDER, "Private.")
    store.restate(store.record_statement(case_id, PartyRole.CLIENT, "Too many."), "Too many hours.")
    assert search(store, "private", view=View.MEDIATOR)
    assert all(result.ok for result in store.verify())
    store.db.execute("UPDATE messages SET body = 'nothing was approved'")
    (result,) = store.verify("ARC-A")
    assert "messages row 1, column body, differs" in result.problems[0]
    assert [h.kind for h in search(store, "nothing approved", view=View.JOINT)] == ["message"]


def test_the_migration_indexes_rows_written_before_it(db_path):
    """Rows written under the first schema, before the search index existed, are indexed by the
    migration that creates it (written here as that schema's rows, since today's store writes
    today's columns)."""
    db = Database(db_path)
    migrations.apply(db, stop_before="m002_search")
    case_id = (
        db["cases"]
        .insert(
            {
                "reference": "OLD-1",
                "title": "Audit",
                "status": "intake",
                "language": "en",
                "currency": "EUR",
            }
        )
        .last_pk
    )
    db["clauses"].insert(
        {"case_id": case_id, "position": 1, "ref": "3.1", "heading": "Rates", "text": "EUR 90"}
    )
    assert "search_index" not in db.table_names()
    migrations.apply(db)
    assert [h.reference for h in search(db, "OLD-1", view=View.JOINT)] == ["OLD-1"]
    assert [h.kind for h in search(db, "Rates", view=View.JOINT)] == ["clause"]
    db.close()


def test_results_are_limited(store, archive):
    assert len(search(store, "design", view=View.JOINT, limit=1)) == 1
    assert search(store, "design", view=View.JOINT, limit=0) == []


# --- filters and sorting ---------------------------------------------------------------------------


def test_without_filters_every_case_newest_first(store, archive):
    assert refs(filter_cases(store)) == ["ARC-C", "ARC-B", "ARC-A"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"status": CaseStatus.WITHDRAWN}, ["ARC-C"]),
        ({"status": ["intake", "in_session"]}, ["ARC-B", "ARC-A"]),
        ({"party": "bakkerij"}, ["ARC-C", "ARC-A"]),
        ({"party": "PIXEL"}, ["ARC-C", "ARC-B", "ARC-A"]),
        ({"party": "100%_"}, []),
        ({"amount_min": Decimal("2850")}, ["ARC-B", "ARC-A"]),
        ({"amount_min": Decimal("381"), "amount_max": Decimal("2850.00")}, ["ARC-B"]),
        ({"date_from": date(2026, 2, 15)}, ["ARC-C", "ARC-B"]),
        ({"date_from": date(2026, 1, 1), "date_to": date(2026, 2, 14)}, ["ARC-A"]),
        ({"language": "nl"}, ["ARC-B"]),
        ({"reason": ReasonCode.SCOPE}, ["ARC-A"]),
        ({"reason": "quality", "language": "en"}, ["ARC-C"]),
        ({"reason": "late-payment"}, []),
    ],
)
def test_filters_narrow_the_list(store, archive, filters, expected):
    assert refs(filter_cases(store, **filters)) == expected


def test_filter_cases_also_takes_a_bare_database(store, archive):
    assert refs(filter_cases(store.db, language="nl")) == ["ARC-B"]


@pytest.mark.parametrize(
    ("sort", "descending", "expected"),
    [
        ("opened", True, ["ARC-C", "ARC-B", "ARC-A"]),
        ("opened", False, ["ARC-A", "ARC-B", "ARC-C"]),
        ("reference", False, ["ARC-A", "ARC-B", "ARC-C"]),
        ("reference", True, ["ARC-C", "ARC-B", "ARC-A"]),
        ("disputed", True, ["ARC-A", "ARC-B", "ARC-C"]),
        ("invoiced", True, ["ARC-C", "ARC-A", "ARC-B"]),
        ("invoiced", False, ["ARC-B", "ARC-A", "ARC-C"]),
    ],
)
def test_sorting(store, archive, sort, descending, expected):
    cases = filter_cases(store, sort=sort, descending=descending)
    assert refs(cases) == expected


def test_amounts_in_the_list_are_exact(store, archive):
    by_ref = {c.reference: c for c in filter_cases(store)}
    assert by_ref["ARC-C"].invoiced == Decimal("10380.00")
    assert by_ref["ARC-C"].disputed == Decimal("380.00")


def test_an_unknown_sort_is_refused(store):
    with pytest.raises(ValueError, match="sort must be one of"):
        filter_cases(store, sort="title")
