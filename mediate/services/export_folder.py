"""Where an agreement is exported from the app: the folder chosen for the case last time, else
a folder of its own under the user's documents folder (``Documents/mediate/MED-2026-001``).

The folder an export went to is recorded with it in the audit log, so the case remembers it on
any machine that opens the database; the documents folder is the platform's (platformdirs),
which honours ``XDG_DOCUMENTS_DIR`` on Linux."""

from __future__ import annotations

import json
from pathlib import Path

from platformdirs import user_documents_path

from mediate.services.files import safe_file_name
from mediate.store import Store


def documents_folder() -> Path:
    """The folder the app's exports live under (not created here)."""
    return user_documents_path() / "mediate"


def case_documents_folder(reference: str) -> Path:
    """The case's own folder under the documents folder (not created here)."""
    return documents_folder() / safe_file_name(reference, "")


def remembered_folder(store: Store, case_id: int) -> Path | None:
    """The folder the case's last export went to, when it still exists."""
    for event in reversed(store.audit_events(case_id)):
        if event["kind"] == "settlement.exported":
            folder = json.loads(event["payload"])["summary"].get("folder")
            if folder and Path(folder).is_dir():
                return Path(folder)
            return None
    return None


def export_folder(store: Store, case_id: int) -> Path:
    """Where the app proposes to export the case's agreement."""
    return remembered_folder(store, case_id) or case_documents_folder(store.case(case_id).reference)
