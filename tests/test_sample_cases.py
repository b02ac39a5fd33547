"""The sample cases as a new user gets them from ``make run``: six cases, two settled, one agreed
by blind bidding."""

import hashlib
import io
import zipfile
from decimal import Decimal

import docx
import pytest
from click.testing import CliRunner

from mediate.cli import main
from mediate.documents.settlement_docx import agreement_docx
from mediate.domain.model import CaseStatus, ProposalStatus
from mediate.domain.visibility import View
from mediate.store import open_store


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    path = tmp_path_factory.mktemp("samples") / "mediate.db"
    result = CliRunner().invoke(
        main, ["load-samples", "--if-empty", "sample_cases", "--db", str(path)]
    )
    assert result.exit_code == 0, result.output
    again = CliRunner().invoke(
        main, ["load-samples", "--if-empty", "sample_cases", "--db", str(path)]
    )
    assert again.exit_code == 0 and again.output == ""
    store = open_store(path)
    yield store
    store.close()


def test_six_cases_and_nothing_twice(loaded):
    summaries = {s.reference: s for s in loaded.summaries()}
    assert sorted(summaries) == [f"MED-2026-00{n}" for n in range(1, 7)]
    assert summaries["MED-2026-001"].invoiced == Decimal("8570.00")
    assert summaries["MED-2026-003"].invoiced == Decimal("7217.50")  # invoice less the credit note
    assert summaries["MED-2026-005"].disputed == Decimal("1800.00")
    assert all(r.ok for r in loaded.verify())


@pytest.mark.parametrize(
    ("reference", "total", "events"),
    [("MED-2026-001", Decimal("7635.00"), 21), ("MED-2026-005", Decimal("4965.00"), 21)],
)
def test_replayed_sessions_are_signed_off(loaded, reference, total, events):
    case_id = loaded.case_id(reference)
    assert loaded.case(case_id).status == CaseStatus.SIGNED_OFF
    proposals = loaded.proposals(case_id)
    assert [p.status for p in proposals] == [
        ProposalStatus.SUPERSEDED,
        ProposalStatus.SUPERSEDED,
        ProposalStatus.ACCEPTED,
    ]
    assert proposals[-1].total == total
    assert len(loaded.audit_events(case_id)) == events
    settlement = loaded.current_settlement(case_id)
    assert settlement.locked and [s.role.value for s in settlement.signoffs] == [
        "provider",
        "client",
        "mediator",
    ]


def test_settled_samples_export_the_same_bytes_every_time(loaded):
    digests = {}
    for reference, title in (
        ("MED-2026-001", "Settlement Agreement"),
        ("MED-2026-005", "Vaststellingsovereenkomst"),
    ):
        record = loaded.settlement_record(loaded.current_settlement(loaded.case_id(reference)).id)
        data = agreement_docx(record)
        assert data == agreement_docx(record)
        assert docx.Document(io.BytesIO(data)).paragraphs[0].text == title
        digests[reference] = hashlib.sha256(data).hexdigest()
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            xml = "".join(
                package.read(name).decode() for name in package.namelist() if name.endswith(".xml")
            )
        caucus = [
            n.text
            for n in loaded.notes(record.case.id, View.MEDIATOR)
            if n.visibility.value != "joint"
        ]
        assert len(caucus) == 2 and record.case.reference in xml
        assert not any(text[:30] in xml for text in caucus)
    assert len(set(digests.values())) == 2


def test_insights_match_hand_computed_figures(loaded):
    from mediate.domain.insights import insights
    from mediate.store.archive_reads import case_outcomes

    figures = insights(case_outcomes(loaded))
    # Two cases ended, both signed off; MED-2026-006 is agreed (not yet signed off) and the
    # other three are still in intake.
    assert (figures.cases, figures.ended, figures.settled) == (6, 2, 2)
    assert figures.settlement_rate == Decimal("100.0")
    # Opened 27 April, locked 12 May: 15 days; opened 28 April, locked 19 May: 21 days.
    assert figures.median_days == Decimal("18.0")
    # 8,570.00 -> 7,635.00 is 10.910 %; 5,505.00 -> 4,965.00 is 9.809 %; mean and median 10.36.
    assert figures.average_reduction == Decimal("10.4") and figures.median_reduction == Decimal(
        "10.4"
    )
    assert [(r.value, n) for r, n in figures.reasons][:2] == [("hours", 3), ("quality", 3)]


def test_importing_the_samples_twice_duplicates_nothing(tmp_path):
    path = tmp_path / "twice.db"
    folders = sorted(
        str(p) for p in __import__("pathlib").Path("sample_cases").iterdir() if p.is_dir()
    )
    first = CliRunner().invoke(main, ["import", *folders, "--db", str(path)])
    assert first.exit_code == 0, first.output
    second = CliRunner().invoke(main, ["import", *folders, "--db", str(path)])
    assert second.exit_code == 2 and "use --replace" in second.output
    store = open_store(path)
    assert len(store.summaries()) == 6
    assert (
        store.db.execute("SELECT COUNT(*) FROM work_entries").fetchone()[0]
        == 34 + 38 + 29 + 20 + 29 + 4
    )
    store.close()


def test_the_dutch_collection_case_reality_tests_in_caucus_and_settles_by_blind_bidding(loaded):
    """MED-2026-006 (sample_cases/STORIES.md): the cost of not settling worked out in each caucus
    and two rounds of blind bidding, the second settling at 7,150.00, accepted. The four secret
    figures are in the audit log as caucus material and nowhere a joint reader looks."""
    import json

    from mediate.domain.timeline import timeline
    from mediate.reports.case_text import case_text

    case_id = loaded.case_id("MED-2026-006")
    assert loaded.case(case_id).status == CaseStatus.AGREED
    accepted = loaded.proposals(case_id, View.JOINT)[-1]
    assert (accepted.number, accepted.total, accepted.status) == (
        3,
        Decimal("7150.00"),
        ProposalStatus.ACCEPTED,
    )
    assert [r.outcome for r in loaded.bid_rounds(case_id)] == ["no_overlap", "settled"]
    events = loaded.audit_events(case_id)
    costs = [json.loads(e["payload"])["summary"] for e in events if e["kind"] == "costs.calculated"]
    assert [(c["visibility"], c["midpoint"]) for c in costs] == [
        ("caucus-provider", "7653.06"),
        ("caucus-client", "6865.02"),
    ]
    assert [c["interest"] for c in costs] == ["1038.86"] * 2  # worked out in STORIES.md
    bids = [json.loads(e["payload"]) for e in events if e["kind"] == "bid.entered"]
    assert [b["changes"][0]["row"]["amount_minor"] for b in bids] == [
        735000,
        680000,
        712000,
        718000,
    ]
    assert {b["summary"]["visibility"] for b in bids} == {"caucus-provider", "caucus-client"}
    secret = ("7.350,00", "6.800,00", "7.120,00", "7.180,00", "7,350.00", "6,800.00", "7350")
    joint = "\n".join(
        [
            case_text(loaded, "MED-2026-006"),
            *(e.text for e in timeline(events, "EUR", "nl", View.JOINT)),
            *(repr(p) for p in loaded.proposals(case_id, View.JOINT)),
            docx_xml(
                agreement_docx(loaded.settlement_record(loaded.current_settlement(case_id).id))
            ),
        ]
    )
    assert "7.150,00" in joint
    assert not [figure for figure in secret if figure in joint]


def docx_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return "".join(
            package.read(name).decode() for name in package.namelist() if name.endswith(".xml")
        )
