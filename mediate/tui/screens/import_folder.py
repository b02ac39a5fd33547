"""Ask for a case folder to import, with completion of folder names as you type."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.suggester import Suggester
from textual.widgets import Input, Label

from mediate.domain.errors import DomainError
from mediate.tui.screens.form_base import FormScreen


class FolderSuggester(Suggester):
    """Completes the last part of a path with the first matching folder name."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        path = Path(value).expanduser()
        parent, prefix = (path, "") if value.endswith("/") else (path.parent, path.name)
        try:
            names = sorted(
                p.name for p in parent.iterdir() if p.is_dir() and p.name.startswith(prefix)
            )
        except OSError:
            return None
        if not names or (prefix and names[0] == prefix):
            return None
        head = value[: len(value) - len(prefix)] if prefix else value
        return head + names[0] + "/"


class ImportFolderForm(FormScreen[Path | None]):
    def compose(self) -> ComposeResult:
        with Vertical(classes="form wide"):
            yield Label("Import a case folder", classes="form-title")
            yield Input(
                value=str(Path.cwd()) + "/",
                placeholder="Path of a folder with case.toml",
                suggester=FolderSuggester(),
                id="path",
            )
            yield self.error_line()
            yield Label(
                "→ completes a folder name · Enter imports · Escape cancels", classes="form-help"
            )

    def collect(self) -> Path:
        path = Path(self.query_one("#path", Input).value.strip()).expanduser()
        if not path.is_dir():
            raise DomainError(f"{path} is not a folder.")
        from mediate.services.intake import is_case_folder  # the importers load when needed

        if not is_case_folder(path):
            raise DomainError(f"{path} has no case.toml.")
        return path
