"""A case reference becomes a file name: it stays inside the chosen folder, on any system.

The reference is the case's own text (from case.toml or typed by the mediator), so it may hold
"../", slashes of either kind, Windows device names, or be very long. ``safe_file_name`` keeps
letters, digits, ".", "_" and "-", drops leading and trailing dots, prefixes a Windows device
name with "_" and cuts the stem at 80 characters. An empty reference is refused by the store.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from hypothesis import given, settings

from mediate.cli import main
from mediate.domain.errors import DomainError
from mediate.domain.model import Case
from mediate.services.files import safe_file_name
from mediate.store import open_store
from tests.builders import bundle
from tests.reliability.helpers import settlement_for
from tests.reliability.hostile import hostile_text

WINDOWS_DEVICES = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$", re.IGNORECASE)
REFERENCES = [
    "../../etc/x",
    "..\\..\\Windows\\win.ini",
    "/etc/passwd",
    "C:\\boot.ini",
    "CON",
    "con.tar.gz",
    "nul.txt",
    "COM1",
    "lpt9.docx",
    "AUX",
    "a/b\\c",
    "...",
    ". .",
    "-rf",
    "~root",
    "$(reboot)",
    'MED 2026/ü:*?<>|"',
    "\u202emed.exe",
    "名前",
    "x" * 5000,
    "../" * 300 + "x",
]


def assert_safe(name: str, suffix: str) -> None:
    assert name.endswith(suffix)
    stem = name[: -len(suffix)]
    assert stem and re.fullmatch(r"[A-Za-z0-9._-]+", stem), name
    assert not stem.startswith(".")  # not hidden, not "." or ".."
    assert not name.endswith((".", " "))  # Windows drops those
    assert not WINDOWS_DEVICES.match(stem) and not WINDOWS_DEVICES.match(name)
    assert len(name.encode()) <= 255
    assert "/" not in name and "\\" not in name


@pytest.mark.parametrize("reference", REFERENCES, ids=[r[:30] for r in REFERENCES])
def test_safe_file_name(reference, tmp_path):
    for suffix in (".docx", "-settlement-v1-en.docx", "-prevention.md"):
        name = safe_file_name(reference, suffix)
        assert_safe(name, suffix)
        assert (tmp_path / name).resolve().parent == tmp_path.resolve()


@settings(max_examples=300, deadline=None)
@given(reference=hostile_text)
def test_safe_file_name_for_any_text(reference):
    assert_safe(safe_file_name(reference, ".docx"), ".docx")


@pytest.mark.parametrize("reference", ["", "   ", "\t\n"])
def test_an_empty_reference_is_refused_by_the_store(store, reference):
    with pytest.raises(DomainError):
        store.import_bundle(bundle(reference))
    with pytest.raises(DomainError):
        store.create_case(Case(reference=reference, title="t", currency="EUR"))
    assert store.summaries() == []


@pytest.mark.parametrize(
    "reference",
    [
        "../../etc/x",
        "a/../../etc",
        "a/b\\c",
        "..\\..\\evil",
        "x" * 65,
        "\u041cED-2026-001",
        "МED-1",
    ],
    ids=["dotdot", "inner-dotdot", "backslash", "backslashes", "long", "cyrillic-M", "cyrillic"],
)
def test_a_reference_that_could_leave_the_folder_is_refused_everywhere(store, reference):
    """The importer, the new-case form and the store share one rule (``case_reference``)."""
    with pytest.raises(DomainError, match="reference"):
        store.import_bundle(bundle(reference))
    with pytest.raises(DomainError, match="reference"):
        store.create_case(Case(reference=reference, title="t", currency="EUR"))
    assert store.summaries() == []


@pytest.mark.parametrize(
    "reference",
    ["CON", "nul.txt", "2026/017", "x" * 64],
    ids=["CON", "nul.txt", "slash", "long"],
)
def test_export_writes_inside_the_chosen_folder(reference, tmp_path):
    db = tmp_path / "mediate.db"
    store = open_store(db)
    settlement_for(store, reference)
    store.close()
    out = tmp_path / "deep" / "out"
    out.mkdir(parents=True)
    before = {p for p in tmp_path.rglob("*") if p.is_file()}

    result = CliRunner().invoke(
        main, ["export", reference, "--out", str(out), "--db", str(db)], catch_exceptions=False
    )

    assert result.exit_code == 0, result.output
    created = {p for p in tmp_path.rglob("*") if p.is_file()} - before
    created = {p for p in created if not p.name.startswith("mediate.db")}
    (written,) = created
    assert written.parent == out
    assert written.name == safe_file_name(reference, "-settlement-v1-en.docx")
    assert_safe(written.name, "-settlement-v1-en.docx")
    assert f"Wrote {written}" in result.output

    report = CliRunner().invoke(
        main,
        ["report", "--prevention", reference, "--format", "md", "--out", str(out), "--db", str(db)],
    )
    assert report.exit_code == 0, report.output
    (md,) = out.glob("*-prevention.md")
    assert_safe(md.name, "-prevention.md")
