"""The layers hold: the core runs without Textual or click, and the front ends never hold the
database or write SQL (they call the application layer and the store's public verbs)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "mediate"
FRONT_ENDS = [PACKAGE / "cli.py", *sorted((PACKAGE / "tui").rglob("*.py"))]
CORE = ["domain", "store", "importers", "documents", "services", "reports"]
SQL = re.compile(
    r"\b(SELECT\s+[\w*(]|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX)|PRAGMA)\b",
    re.IGNORECASE,
)


def test_core_layers_import_without_textual_or_click():
    modules = ", ".join(
        f"mediate.{p.relative_to(PACKAGE).with_suffix('').as_posix().replace('/', '.')}"
        for layer in CORE
        for p in sorted((PACKAGE / layer).rglob("*.py"))
        if p.name != "__init__.py"
    )
    code = f"import sys, {modules}\nassert 'textual' not in sys.modules, 'textual was imported'"
    subprocess.run([sys.executable, "-c", code], check=True)
    for layer in CORE:
        for path in (PACKAGE / layer).rglob("*.py"):
            front = {n for n in imported_names(path) if n.split(".")[0] in ("click", "textual")}
            assert not front, f"{path.relative_to(PACKAGE)} imports {front}"


def imported_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", FRONT_ENDS, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_front_ends_hold_no_database(path):
    names = imported_names(path)
    assert not {n for n in names if n.split(".")[0] in ("sqlite_utils", "sqlite3")}, names
    text = path.read_text(encoding="utf-8")
    assert not SQL.search(text), f"SQL in {path.name}: {SQL.search(text).group(0)!r}"
    assert not re.search(r"\.db\b(?!_path)", text), f"{path.name} reaches for the connection"


def test_the_check_finds_what_it_looks_for(tmp_path):
    """The greps above would catch today's slips (a test that cannot fail is a defect)."""
    slip = tmp_path / "slip.py"
    slip.write_text('row = self.app.store.db.execute("SELECT i.number FROM invoices i")\n')
    with pytest.raises(AssertionError):
        test_front_ends_hold_no_database(slip)
