"""Exporting the agreement from a screen: ask where and in which language, confirm an overwrite,
write the .docx and record the export in the audit log."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.screen import Screen

from mediate.documents.export import ExportError, agreement_file_name, write_file
from mediate.documents.settlement_docx import agreement_docx
from mediate.domain.errors import DomainError
from mediate.domain.settlement import SettlementRecord
from mediate.store.connection import StoreError
from mediate.tui.screens.confirm import ConfirmScreen
from mediate.tui.screens.export_form import ExportChoice, ExportForm


def export_agreement(
    screen: Screen, record: SettlementRecord, done: Callable[[Path, str, str], None]
) -> None:
    """Run the export dialogue; ``done(path, sha256, language)`` after a successful write."""

    def write(path: Path, language: str, force: bool) -> None:
        try:
            digest = write_file(path, agreement_docx(record, language), force=force)
            screen.app.store.record_export(record.settlement.id, path.name, digest, language)
        except (ExportError, DomainError, StoreError) as error:
            screen.notify(str(error), severity="error", markup=False)
            return
        done(path, digest, language)

    def chosen(choice: ExportChoice | None) -> None:
        if choice is None:
            return
        path = choice.folder / agreement_file_name(record, choice.language)
        if path.exists():
            screen.app.push_screen(
                ConfirmScreen(f"{path.name} exists. Overwrite it?"),
                lambda yes: yes and write(path, choice.language, True),
            )
        else:
            write(path, choice.language, False)

    screen.app.push_screen(ExportForm(record.case.language.value), chosen)
