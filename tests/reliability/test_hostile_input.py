"""Arbitrary text in every text field: nothing crashes, and what comes back is what went in.

Documented cleaning, and nothing else:
- statements, restatements, corrections, notes and proposal terms lose surrounding whitespace
  (``str.strip``); one that is empty after that is refused with a DomainError;
- party details and clause choices are stored exactly as given;
- text holding an unpaired surrogate (U+D800–U+DFFF, which Python strings allow but UTF-8 and
  SQLite do not) is refused with a DomainError and nothing is written;
- only in the .docx, characters XML 1.0 forbids are removed (``docx_tools.clean``).
"""

from __future__ import annotations

import io
import itertools
import zipfile
from dataclasses import replace

import pytest
from docx import Document
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from mediate.documents.docx_tools import clean
from mediate.documents.settlement_docx import agreement_docx
from mediate.domain.clauses import BY_KEY, CHOICES
from mediate.domain.errors import DomainError
from mediate.domain.model import (
    PARTY_DETAILS,
    AdjustmentKind,
    LineAdjustment,
    PartyRole,
    Proposer,
    Signatory,
    Visibility,
)
from mediate.domain.visibility import View
from mediate.store import open_store
from mediate.store.search import filter_cases, search
from tests.builders import bundle, pay_once
from tests.reliability.helpers import settlement_for
from tests.reliability.hostile import has_surrogate, hostile_text
from tests.settlement_helpers import CHOICES as COMPLETE_CHOICES

EXAMPLES = 40
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FREE_TEXT_CHOICES = [c.key for c in CHOICES if not c.options]
OPTION_CHOICES = [c.key for c in CHOICES if c.options]
PARTY_TEXT = PARTY_DETAILS

references = (f"HOSTILE-{n}" for n in itertools.count(1))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("hostile") / "hostile.db")
    yield store
    assert all(r.ok for r in store.verify()), [r.problems for r in store.verify() if not r.ok]
    store.close()


@pytest.fixture(scope="module")
def case_id(store):
    return store.import_bundle(bundle("HOSTILE-SESSION"))


def stored_or_refused(call, text: str, cleaned: str | None) -> object:
    """Call a verb with ``text``: it returns (when ``text`` is storable) or is refused cleanly."""
    storable = cleaned is not None and not has_surrogate(cleaned)
    try:
        result = call(text)
    except DomainError:
        assert not storable, f"refused storable text {text!r}"
        return None
    assert storable, f"stored what should be refused: {text!r}"
    return result


def stripped(text: str) -> str | None:
    """What the store keeps of a required, stripped text (None: it must be refused)."""
    return text.strip() or None


# --- the session ---------------------------------------------------------------------------------


@SETTINGS
@given(
    text=hostile_text,
    restatement=hostile_text,
    correction=hostile_text,
    party=st.sampled_from(list(PartyRole)),
)
@example(text="\ud800 lone", restatement=" [/] ", correction="\x00", party=PartyRole.CLIENT)
@example(text=" \t\n ", restatement="x" * 30_000, correction="\udfff", party=PartyRole.PROVIDER)
def test_statement_restatement_and_correction(store, case_id, text, restatement, correction, party):
    sid = stored_or_refused(
        lambda t: store.record_statement(case_id, party, t), text, stripped(text)
    )
    if sid is None:
        sid = store.record_statement(case_id, party, "A plain statement.")
        text = "A plain statement."
    stored_or_refused(lambda t: store.restate(sid, t), restatement, stripped(restatement))
    restated = stripped(restatement) is not None and not has_surrogate(restatement)
    if restated:
        stored_or_refused(
            lambda t: store.correct_statement(sid, t), correction, stripped(correction)
        )
    (statement,) = [s for s in store.statements(case_id) if s.id == sid]
    assert statement.text == text.strip()
    assert statement.party == party
    if restated:
        assert statement.restatement == restatement.strip()
        if stripped(correction) and not has_surrogate(correction):
            assert statement.correction == correction.strip() and not statement.confirmed
    assert store.verify("HOSTILE-SESSION")[0].ok


@SETTINGS
@given(text=hostile_text, visibility=st.sampled_from(list(Visibility)))
@example(text="[bold]secret[/]\x00\x1b[31m", visibility=Visibility.CAUCUS_CLIENT)
@example(text="a\ud83d", visibility=Visibility.JOINT)
def test_notes(store, case_id, text, visibility):
    nid = stored_or_refused(lambda t: store.add_note(case_id, visibility, t), text, stripped(text))
    if nid is not None:
        (note,) = [n for n in store.notes(case_id, View.MEDIATOR) if n.id == nid]
        assert note.text == text.strip() and note.visibility == visibility
        if visibility != Visibility.JOINT:
            assert nid not in {n.id for n in store.notes(case_id, View.JOINT)}


@SETTINGS
@given(terms=hostile_text)
@example(terms="\ufffe\uffff\x0b{0}")
@example(terms="\udc80")
def test_proposal_terms(store, case_id, terms):
    line = store.invoices(case_id)[0].lines[1]
    adjust = [LineAdjustment(line_id=line.id, kind=AdjustmentKind.REDUCE_BY_PERCENT, value=10)]
    pid = stored_or_refused(
        lambda t: store.add_proposal(case_id, Proposer.MEDIATOR, adjust, terms=t),
        terms,
        terms.strip(),  # empty terms are allowed
    )
    if pid is not None:
        assert store.proposal(pid).terms == terms.strip()


@SETTINGS
@given(
    fields=st.fixed_dictionaries({name: hostile_text for name in PARTY_TEXT}),
    role=st.sampled_from(list(PartyRole)),
)
def test_party_details(store, case_id, fields, role):
    current = store.case(case_id).party(role)
    party = replace(current, **fields)
    storable = bool(fields["legal_name"].strip()) and not any(map(has_surrogate, fields.values()))
    stored_or_refused(lambda _t: store.set_party(case_id, party), "", "ok" if storable else None)
    if storable:
        assert {n: getattr(store.case(case_id).party(role), n) for n in PARTY_TEXT} == fields
        if "\x00" not in fields["legal_name"]:
            assert case_id in [c.id for c in filter_cases(store, party=fields["legal_name"])]


@SETTINGS
@given(query=hostile_text, joint=st.booleans())
@example(query="0\x00", joint=False)
@example(query='\ud800 NEAR( "*', joint=True)
@example(query="%_\\" * 20_000, joint=False)
def test_search_and_filter_take_any_query(store, case_id, query, joint):
    """What is typed into the archive's search box or party filter is searched for, never parsed
    (nor refused by SQLite as too long, nor cut short by a NUL)."""
    hits = search(store, query, view=View.JOINT if joint else View.MEDIATOR, prefix=joint)
    assert all(hit.case_id for hit in hits)
    assert isinstance(filter_cases(store, party=query), list)


# --- the settlement and its .docx ---------------------------------------------------------------


def docx_text(data: bytes) -> str:
    """All text python-docx reads back: body paragraphs, table cells, headers and footers."""
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]

    def cells(tables):
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    parts.extend(p.text for p in cell.paragraphs)
                    cells(cell.tables)

    cells(document.tables)
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    parts.append(document.core_properties.title or "")
    parts.append(document.core_properties.author or "")
    return "\n".join(parts)


def reopens(data: bytes) -> None:
    """Every XML part parses, and python-docx opens the package."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(package.read(name))
    Document(io.BytesIO(data))


def in_docx(value: str) -> str:
    """How a stored value reads back from the .docx: XML-invalid characters gone, a carriage
    return read as a line break."""
    return clean(value).replace("\r", "\n")


@settings(SETTINGS, max_examples=20)  # each example signs off: both languages are rendered
@given(
    names=st.fixed_dictionaries(
        {"provider": hostile_text, "client": hostile_text, "signatory": hostile_text}
    ),
    terms=hostile_text,
    choices=st.fixed_dictionaries({key: hostile_text for key in FREE_TEXT_CHOICES}),
    signer=hostile_text,
    mediator=hostile_text,
    suffix=hostile_text,
    language=st.sampled_from(["en", "nl"]),
)
def test_settlement_docx_takes_any_text(
    store, names, terms, choices, signer, mediator, suffix, language
):
    shown: list[str] = []  # values the document must show
    b = bundle(next(references), language=language)
    b.case.title = f"Title {suffix}"
    b.case.mediator = mediator
    try:
        case_id = store.import_bundle(b)
        shown += [b.case.reference, mediator]
    except DomainError:
        assert has_surrogate(suffix + mediator)
        case_id = store.import_bundle(bundle(next(references), language=language))
    for role in PartyRole:
        party = store.case(case_id).party(role)
        changed = replace(party, legal_name=names[role.value], signatory=names["signatory"])
        try:
            store.set_party(case_id, changed)
            shown += [names[role.value], names["signatory"]]
        except DomainError:
            assert not names[role.value].strip() or any(
                has_surrogate(names[k]) for k in (role.value, "signatory")
            )
    lines = [ln for inv in store.invoices(case_id) for ln in inv.lines]
    adjust = [LineAdjustment(line_id=lines[1].id, kind=AdjustmentKind.WITHDRAW)]
    schedule = pay_once(store, case_id, adjust)
    try:
        pid = store.add_proposal(case_id, Proposer.MEDIATOR, adjust, schedule, terms=terms)
        shown.append(terms.strip())
    except DomainError:
        assert has_surrogate(terms)
        pid = store.add_proposal(case_id, Proposer.MEDIATOR, adjust, schedule)
    settlement_id = store.accept_proposal(pid)
    wanted = {**COMPLETE_CHOICES, **choices}
    try:
        store.set_clause_choices(settlement_id, wanted)
        shown += [v for k, v in choices.items() if k not in ("payment_reference", "obligations")]
    except DomainError:
        assert any(map(has_surrogate, choices.values()))
        store.set_clause_choices(settlement_id, COMPLETE_CHOICES)
        wanted = COMPLETE_CHOICES
    assert store.settlement(settlement_id).clause_choices == {k: str(v) for k, v in wanted.items()}
    missing = store.missing(settlement_id)
    for role in Signatory:
        if missing:  # a blank mediator or court: the store refuses to sign what is incomplete
            with pytest.raises(DomainError, match="not complete"):
                store.sign_off(settlement_id, role, "A. Signer", "Capacity")
            break
        try:
            store.sign_off(settlement_id, role, signer, "Capacity")
        except DomainError:
            assert not signer.strip() or has_surrogate(signer)
            store.sign_off(settlement_id, role, "A. Signer", "Capacity")

    data = agreement_docx(store.settlement_record(settlement_id), language)
    reopens(data)
    text = docx_text(data)
    for value in shown:
        assert in_docx(value) in text, f"{value[:60]!r} is missing from the document"
    assert agreement_docx(store.settlement_record(settlement_id), language) == data


@SETTINGS
@given(key=st.sampled_from(OPTION_CHOICES), value=hostile_text)
def test_option_choices_refuse_unknown_values(store, key, value):
    """A choice with fixed options takes one of them (or empty: the default), nothing else."""
    settlement_id = settlement_for(store, next(references), sign=False)
    allowed = value in BY_KEY[key].options or value == ""
    try:
        store.set_clause_choices(settlement_id, {**COMPLETE_CHOICES, key: value})
    except DomainError:
        assert not allowed
        return
    assert allowed
    reopens(agreement_docx(store.settlement_record(settlement_id)))
