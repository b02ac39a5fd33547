"""``--db`` before or after the command names the same database, for every command.

A second database (the one ``$MEDIATE_DB`` names, standing in for the user data folder) holds a
different case; every command run with ``--db`` in either place must work on the chosen file and
leave the other untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from mediate.cli import main
from mediate.store import open_store
from tests.builders import bundle
from tests.settlement_helpers import signed_settlement

SAMPLES = Path(__file__).resolve().parents[1] / "sample_cases"
SAMPLE = SAMPLES / "MED-2026-004-late-payment"


@pytest.fixture
def two_databases(tmp_path, monkeypatch):
    chosen = tmp_path / "chosen.db"
    store = open_store(chosen)
    signed_settlement(store)  # MED-2026-001, signed off
    store.close()
    default = tmp_path / "default.db"
    other = open_store(default)
    other.import_bundle(bundle("OTHER-9"))
    other.close()
    monkeypatch.setenv("MEDIATE_DB", str(default))
    return chosen, default


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verbs(tmp_path: Path, place: str) -> dict[str, tuple[list[str], str]]:
    """Each command with its arguments and a text its output must hold when run on ``chosen``."""
    out = tmp_path / place
    out.mkdir()
    return {
        "list": (["list"], "MED-2026-001"),
        "show": (["show", "MED-2026-001"], "Pixel & Co B.V."),
        "verify": (["verify"], "MED-2026-001: "),
        "import": (["import", str(SAMPLE)], "Imported 1 case(s) into"),
        "export": (["export", "MED-2026-001", "--out", str(out)], "Wrote"),
        "report": (["report"], "Cases"),
        "report --prevention": (["report", "--prevention", "MED-2026-001"], "MED-2026-001"),
        "receipt": (["receipt", "MED-2026-001"], "mediate receipt: MED-2026-001 event"),
    }


@pytest.mark.parametrize("place", ["before", "after"])
@pytest.mark.parametrize(
    "verb",
    ["list", "show", "verify", "import", "export", "report", "report --prevention", "receipt"],
)
def test_db_reaches_the_same_file_before_or_after_the_command(two_databases, tmp_path, place, verb):
    chosen, default = two_databases
    untouched = digest(default)
    args, expected = verbs(tmp_path, place)[verb]
    option = ["--db", str(chosen)]
    argv = [*option, *args] if place == "before" else [*args, *option]
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 0, result.output
    assert expected in result.output
    assert "OTHER-9" not in result.output
    assert digest(default) == untouched, "the default database was written"


@pytest.mark.parametrize("place", ["before", "after"])
def test_load_samples_writes_the_chosen_file(tmp_path, monkeypatch, place):
    chosen, default = tmp_path / "chosen.db", tmp_path / "default.db"
    monkeypatch.setenv("MEDIATE_DB", str(default))
    option = ["--db", str(chosen)]
    args = ["load-samples", str(SAMPLES)]
    result = CliRunner().invoke(main, [*option, *args] if place == "before" else [*args, *option])
    assert result.exit_code == 0, result.output
    assert f"into {chosen}" in result.output
    assert not default.exists()
    store = open_store(chosen)
    assert len(store.summaries()) == 6  # the sample cases
    store.close()


def test_two_different_databases_are_refused(two_databases, tmp_path):
    chosen, _ = two_databases
    result = CliRunner().invoke(main, ["--db", str(chosen), "list", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert "--db names two databases" in result.output
    assert not (tmp_path / "x.db").exists()


def test_the_same_database_twice_is_fine(two_databases):
    chosen, _ = two_databases
    result = CliRunner().invoke(main, ["--db", str(chosen), "list", "--db", str(chosen)])
    assert result.exit_code == 0 and "MED-2026-001" in result.output


def test_every_command_is_covered():
    """A new command must be added to the tests above."""
    covered = {"list", "show", "verify", "import", "export", "report", "load-samples"}
    covered |= {"joint", "serve"}  # test_db_reaches_joint_and_serve
    covered |= {"receipt"}
    covered |= {"seal-certificate"}  # opens no database: tests/test_pdf_proof.py
    assert set(main.commands) == covered


@pytest.mark.parametrize("place", ["before", "after"])
@pytest.mark.parametrize("verb", ["joint", "serve"])
def test_db_reaches_joint_and_serve(two_databases, monkeypatch, place, verb):
    """``joint`` opens the chosen file; ``serve`` issues its links there (neither runs here)."""
    from mediate.tui.joint.app import JointApp
    from mediate.tui.joint.serve import JointServer

    chosen, default = two_databases
    untouched = digest(default)
    ran = []
    monkeypatch.setattr(JointApp, "run", lambda app: ran.append(app.db_path))
    monkeypatch.setattr(JointServer, "run", lambda server: ran.append(server.db_path))
    option = ["--db", str(chosen)]
    args = [verb, "MED-2026-001", *(["--port", "8123"] if verb == "serve" else [])]
    result = CliRunner().invoke(main, [*option, *args] if place == "before" else [*args, *option])
    assert result.exit_code == 0, result.output
    assert [Path(p) for p in ran] == [chosen]
    if verb == "serve":
        assert "http://127.0.0.1:8123/?token=" in result.output
        store = open_store(chosen)
        links = store.joint_links(store.case_id("MED-2026-001"))
        store.close()
        assert [k.party.value for k in links] == ["provider", "client"]
    assert digest(default) == untouched, "the default database was written"
