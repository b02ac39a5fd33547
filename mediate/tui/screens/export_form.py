"""Where to write the agreement, and in which language: the case's export folder is proposed
(the one chosen last time, else its own folder under the documents folder)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
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
    create: bool = False  # the proposed case folder, made when it does not exist yet


class ExportForm(FormScreen[ExportChoice | None]):
    def __init__(self, language: str, folder: Path | None = None) -> None:
        super().__init__()
        self.language = language
        self.proposed = folder or Path.cwd()

    def compose(self) -> ComposeResult:
        with Vertical(classes="form wide"):
            yield Label("Export the settlement agreement (.docx)", classes="form-title")
            yield Label(Text("Folder (the case's export folder; type another to change it)"))
            yield Input(value=str(self.proposed) + "/", suggester=FolderSuggester(), id="folder")
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
            raise DomainError("Folder: type the folder to write the agreement to.")
        folder = Path(typed).expanduser()
        language = self.query_one("#language", Select).value
        if folder == self.proposed and not folder.exists():
            return ExportChoice(folder, language, create=True)
        if not folder.is_dir():
            raise DomainError(f"Folder: {folder} is not a folder.")
        return ExportChoice(folder, language)
