"""Exporting the agreement from a screen: ask where (the case's export folder proposed) and in
which language, confirm an overwrite, then export off the UI thread through the one export path
(gate, render, atomic write, audit)."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen
from textual.worker import get_current_worker

from mediate.domain.errors import DomainError
from mediate.importers.problems import BadInput
from mediate.services.export import Exported, agreement_path, export_agreement
from mediate.services.export_folder import export_folder
from mediate.services.files import ExportError
from mediate.store import open_store
from mediate.store.connection import StoreError
from mediate.tui.screens.confirm import ConfirmScreen
from mediate.tui.screens.export_form import ExportChoice, ExportForm

USER_ERRORS = (ExportError, DomainError, StoreError, BadInput)


def start_export(screen: Screen, case_id: int, done: Callable[[Exported, str], None]) -> None:
    """Run the export dialogue; ``done(exported, language)`` after a successful write."""
    app = screen.app

    def write(choice: ExportChoice, force: bool) -> None:
        screen.notify("Exporting the agreement…", timeout=2)

        def work() -> None:
            store = open_store(app.db_path)  # a worker's own connection
            try:
                exported = export_agreement(
                    store, case_id, language=choice.language, out=choice.folder, force=force
                )
            except USER_ERRORS as error:
                message = str(error)
                if not get_current_worker().is_cancelled:
                    app.call_from_thread(screen.notify, message, severity="error", markup=False)
                return
            finally:
                store.close()
            if not get_current_worker().is_cancelled:
                app.call_from_thread(done, exported, choice.language)

        screen.run_worker(work, thread=True, exclusive=True, group="export", name="export")

    def chosen(choice: ExportChoice | None) -> None:
        if choice is None:
            return
        try:
            if choice.create:
                choice.folder.mkdir(parents=True, exist_ok=True)
            path = agreement_path(app.store, case_id, choice.language, choice.folder)
        except OSError as error:
            reason = error.strerror or str(error)
            screen.notify(f"Cannot make {choice.folder}: {reason}.", severity="error", markup=False)
            return
        except USER_ERRORS as error:
            screen.notify(str(error), severity="error", markup=False)
            return
        if path.exists():
            app.push_screen(
                ConfirmScreen(f"{path.name} exists. Overwrite it?"),
                lambda yes: write(choice, True) if yes else None,
            )
        else:
            write(choice, False)

    language = app.store.case(case_id).language.value
    app.push_screen(ExportForm(language, export_folder(app.store, case_id)), chosen)
