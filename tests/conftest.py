from __future__ import annotations

import pytest

from mediate.store import Store, open_store
from tests.builders import bundle


@pytest.fixture(autouse=True)
def documents_folder(tmp_path_factory, monkeypatch):
    """The app's exports go under the user's documents folder: a test's own, never the real one."""
    folder = tmp_path_factory.mktemp("documents")
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(folder))
    return folder


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "mediate.db"


@pytest.fixture
def store(db_path) -> Store:
    store = open_store(db_path)
    yield store
    store.close()


@pytest.fixture
def case_id(store) -> int:
    """A case with one invoice of three lines (two disputed), two clauses and a work log."""
    return store.import_bundle(bundle())
