"""The sample cases as a new user gets them from ``make run``: five cases, two settled."""

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


def test_five_cases_and_nothing_twice(loaded):
    summaries = {s.reference: s for s in loaded.summaries()}
    assert sorted(summaries) == [f"MED-2026-00{n}" for n in range(1, 6)]
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
    # Two cases ended, both signed off; the other three are still in intake.
    assert (figures.cases, figures.ended, figures.settled) == (5, 2, 2)
    assert figures.settlement_rate == Decimal("100.0")
    # Opened 27 April, locked 12 May: 15 days; opened 28 April, locked 19 May: 21 days.
    assert figures.median_days == Decimal("18.0")
    # 8,570.00 -> 7,635.00 is 10.910 %; 5,505.00 -> 4,965.00 is 9.809 %; mean and median 10.36.
    assert figures.average_reduction == Decimal("10.4") and figures.median_reduction == Decimal(
        "10.4"
    )
    assert [(r.value, n) for r, n in figures.reasons][:2] == [("hours", 3), ("quality", 2)]


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
    assert len(store.summaries()) == 5
    assert (
        store.db.execute("SELECT COUNT(*) FROM work_entries").fetchone()[0]
        == 34 + 38 + 29 + 20 + 29
    )
    store.close()
