from __future__ import annotations

import pytest

from mediate.store import Store, open_store
from tests.builders import bundle


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
