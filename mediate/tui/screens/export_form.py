"""Where to write the agreement, and in which language."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from mediate.domain.errors import DomainError
from mediate.tui.screens.form_base import FormScreen
from mediate.tui.screens.import_folder import FolderSuggester


@dataclass
class ExportChoice:
    folder: Path
    language: str


class ExportForm(FormScreen[ExportChoice | None]):
    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language

    def compose(self) -> ComposeResult:
        with Vertical(classes="form wide"):
            yield Label("Export the settlement agreement (.docx)", classes="form-title")
            yield Input(value=str(Path.cwd()) + "/", suggester=FolderSuggester(), id="folder")
            yield Select(
                [("English", "en"), ("Nederlands", "nl")],
                value=self.language,
                allow_blank=False,
                id="language",
            )
            yield self.error_line()
            yield Label("Enter or Ctrl+S exports · Escape cancels", classes="form-help")

    def collect(self) -> ExportChoice:
        typed = self.query_one("#folder", Input).value.strip()
        if not typed:
            raise DomainError("Type the folder to write the agreement to.")
        folder = Path(typed).expanduser()
        if not folder.is_dir():
            raise DomainError(f"{folder} is not a folder.")
        return ExportChoice(folder, self.query_one("#language", Select).value)
