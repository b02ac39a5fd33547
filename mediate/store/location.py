"""Where the database lives: ``--db``, else ``MEDIATE_DB``, else the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path


def data_folder() -> Path:
    """The platform's user data folder for mediate (not created here)."""
    return user_data_path("mediate", appauthor=False)


def default_db_path() -> Path:
    """The default database in the platform's user data folder (not created here)."""
    return data_folder() / "mediate.db"


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database path to use, from an explicit option, the environment, or the default."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("MEDIATE_DB")
    if env:
        return Path(env).expanduser()
    return default_db_path()
