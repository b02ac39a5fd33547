"""The only layer that speaks SQL. Every verb validates through the domain, writes its rows and
one hash-chained audit event in a single transaction."""

from mediate.store.location import default_db_path, resolve_db_path
from mediate.store.store import Store, open_store

__all__ = ["Store", "default_db_path", "open_store", "resolve_db_path"]
