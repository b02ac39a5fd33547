"""Taking in case folders: read every file first, then write every case in one transaction.

The command line and the app both take folders in through here; it joins the importers (files)
and the store (SQL)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path

from mediate.domain.errors import DomainError
from mediate.importers.case_folder import (
    FolderRead,
    evidence_files,
    find_case_toml,
    read_case_folder,
)
from mediate.store import Store
from mediate.store.import_slices import is_small
from mediate.store.replay import replay_session


def is_case_folder(folder: Path) -> bool:
    """Whether ``folder`` holds a case.toml (its name in any case)."""
    return folder.is_dir() and find_case_toml(folder) is not None


def folder_files(folders: list[Path]) -> list[Path]:
    """The evidence files the folders hold (what a progress bar counts)."""
    return [f for folder in folders if is_case_folder(folder) for f in evidence_files(folder)]


def read_folders(
    folders: list[Path], on_file: Callable[[Path], None] | None = None
) -> list[FolderRead]:
    reads = [read_case_folder(folder, on_file=on_file) for folder in folders]
    references = [r.bundle.case.reference for r in reads]
    duplicates = sorted({ref for ref in references if references.count(ref) > 1})
    if duplicates:
        raise DomainError(f"Two folders hold the same case reference: {', '.join(duplicates)}.")
    return reads


def import_reads(
    store: Store, reads: list[FolderRead], replace: bool = False
) -> list[tuple[int, FolderRead]]:
    """Write the cases, and replay any recorded session, all or nothing.

    Small cases are written in one transaction. When one is large (``is_small``), each case is
    written in short slices while it stays hidden; all of them are shown together at the end,
    and on a failure the new ones are removed again (see ``Store.import_bundle``)."""
    whole = all(is_small(read.bundle) for read in reads)
    imported: list[tuple[int, FolderRead]] = []
    try:
        with store.batch() if whole else nullcontext():
            for read in reads:
                intake_at = read.session.intake_at if read.session else None
                case_id = store.import_bundle(
                    read.bundle, replace=replace, at=intake_at, finish=False
                )
                imported.append((case_id, read))
                if read.session:
                    replay_session(store, case_id, read.session)
            store.finish_imports([case_id for case_id, _read in imported])
    except BaseException:
        store.abandon_imports([case_id for case_id, _read in imported])
        raise
    if replace:
        store.checkpoint()  # what the replaced content held leaves the write-ahead log too
    return imported


def import_folders(
    store: Store,
    folders: list[Path],
    replace: bool = False,
    on_file: Callable[[Path], None] | None = None,
) -> list[tuple[int, FolderRead]]:
    """Read every folder (``on_file`` after each file), then write them all or none."""
    return import_reads(store, read_folders(folders, on_file=on_file), replace)


def sample_folders(folder: Path) -> list[Path]:
    """The case folders inside ``folder`` (those holding a case.toml), in name order."""
    return [p for p in sorted(folder.iterdir()) if is_case_folder(p)]
