"""The joint app (``mediate joint``, and every browser ``mediate serve`` opens) reads no caucus
material: every read it has is driven, with caucus records of every kind in the case, and so is
the app itself, on every thing the mediator can point at and at three sizes.

The reads are the public methods of ``JointRecord``, the only thing the app is given; the test
fails when one is added without being driven here. The app holds no store of its own to read
anything else with.
"""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

from textual.widgets import Static

from mediate.domain.model import AdjustmentKind, LineAdjustment, Message, PartyRole, Visibility
from mediate.services.export import export_agreement
from mediate.services.joint import JointRecord
from mediate.store import Store
from mediate.tui.joint.app import JointApp, JointScreen
from tests.builders import bundle
from tests.reliability.test_confidentiality import (
    CORRECTION,
    MARKERS,
    NOTE,
    RESTATEMENT,
    STATEMENT,
    TERMS,
    settle_jointly,
)
from tests.screen_text import screen_text
from tests.test_joint_app import plain

DRIVEN = {"version", "snapshot", "shown", "agreement", "agreement_files", "open", "close"}
SIZES = ((80, 24), (120, 40), (200, 50))


def leaks(text: str) -> list[str]:
    return [kind for kind, marker in MARKERS.items() if marker in text]


def plant(store: Store) -> int:
    """A case with caucus records of every kind, a joint settlement signed off, and a message."""
    b = bundle()
    b.messages = [
        Message(sent_at=None, sender="anna@pixel.example", subject="Design hours", body="See log.")
    ]
    case_id = store.import_bundle(b)
    sid = store.record_statement(
        case_id, PartyRole.PROVIDER, STATEMENT, visibility=Visibility.CAUCUS_PROVIDER
    )
    store.restate(sid, RESTATEMENT)
    store.correct_statement(sid, CORRECTION)
    store.add_note(case_id, Visibility.CAUCUS_CLIENT, NOTE)
    line = store.invoices(case_id)[0].lines[1]
    store.add_proposal(
        case_id,
        PartyRole.CLIENT,
        [LineAdjustment(line_id=line.id, kind=AdjustmentKind.REDUCE_TO, value=Decimal("1234.56"))],
        [],
        TERMS,
        visibility=Visibility.CAUCUS_CLIENT,
    )
    store.record_statement(case_id, PartyRole.CLIENT, "JOINT-j01nt design was capped")
    settle_jointly(store, case_id)
    return case_id


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return "\n".join(package.read(n).decode("utf-8", "replace") for n in package.namelist())


def test_every_read_of_the_joint_app_leaves_out_the_caucus(db_path, store, tmp_path):
    case_id = plant(store)
    export_agreement(store, case_id, out=tmp_path)
    # The markers are in the record (a route that finds nothing at all cannot pass by accident).
    everything = "\n".join(e["payload"] for e in store.audit_events(case_id))
    assert set(leaks(everything)) >= {"statement", "restatement", "correction", "note", "terms"}

    record = JointRecord.open(db_path, "MED-2026-001")
    try:
        public = {n for n in dir(record) if not n.startswith("_")}
        assert public == DRIVEN, "a new read of the joint app must be driven here"
        assert not hasattr(record, "store") and not hasattr(record, "db")
        targets = [("line", ln.id) for inv in store.invoices(case_id) for ln in inv.lines] + [
            ("clause", c.id) for c in store.clauses(case_id)
        ]
        targets += [("message", i) for i in store.message_ids(case_id, [], [])]
        seen = []
        for kind, target in targets:
            store.point_at(case_id, kind, target)
            seen += [repr(record.snapshot()), repr(record.shown()), str(record.version())]
        seen.append(repr(record.agreement()))
        files = record.agreement_files(tmp_path)
        assert [f.name for f in files] == ["MED-2026-001-settlement-v1-en.docx"]
        seen += [docx_text(f.data) for f in files]
        seen += [repr(f) for f in record.agreement_files(None)]  # made again, checked
        text = "\n".join(seen)
        assert "j01nt" in text
        assert leaks(text) == []
    finally:
        record.close()


async def test_the_joint_app_shows_no_caucus_material_at_any_size(db_path, store, tmp_path):
    case_id = plant(store)
    export_agreement(store, case_id, out=tmp_path)
    line = store.invoices(case_id)[0].lines[1]
    for size in SIZES:
        app = JointApp(db_path, "MED-2026-001", tmp_path)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, JointScreen)
            shown = []
            for kind, target in (("line", line.id), ("clause", store.clauses(case_id)[0].id)):
                store.point_at(case_id, kind, target)
                await pilot.pause(0.4)
                await app.workers.wait_for_complete()
                await pilot.pause()
                for _ in range(3):
                    await pilot.press("pagedown")
                shown += [screen_text(app), app.export_screenshot()]
                shown += [plain(w) for w in screen.query(Static)]
            shown += [str(n.message) for n in app._notifications]
            text = "\n".join(shown)
            assert "j01nt" in text, size
            assert leaks(text) == [], size
            # Nothing in the app holds a store: it was given the joint record only.
            for owner in (app, screen):
                assert not [v for v in vars(owner).values() if isinstance(v, Store)]
