"""The mediate Textual application."""

from __future__ import annotations

import gc
from pathlib import Path

from textual.app import App
from textual.binding import Binding

import mediate.styles
from mediate.store import Store, open_store
from mediate.tui.commands import MediateCommands
from mediate.tui.screens.home import HomeScreen

# The stylesheets are the package mediate.styles (the top-level styles/ folder, mapped in by
# pyproject.toml), found where it is installed: the checkout for an editable install, or
# site-packages for a wheel. Textual reads them as files, which an unzipped install gives.
STYLES = Path(mediate.styles.__file__).parent  # (importlib.resources would add 20 ms)


class MediateApp(App[None]):
    """Opens on the case list of the database at ``db_path``."""

    TITLE = "mediate"
    CSS_PATH = [STYLES / "app.tcss", STYLES / "evidence.tcss"]
    COMMANDS = App.COMMANDS | {MediateCommands}
    BINDINGS = [
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            id="app.quit",
            tooltip="Leave mediate (everything is already saved)",
        )
    ]

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = db_path
        self.show_path = True
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        """The UI thread's store (workers open their own connection)."""
        if self._store is None:
            self._store = open_store(self.db_path)
        return self._store

    def get_default_screen(self) -> HomeScreen:
        return HomeScreen()

    def on_mount(self) -> None:
        self.sub_title = str(self.db_path) if self.show_path else self.db_path.name

    def on_ready(self) -> None:
        # What start-up built (modules, styles, the app itself) lives as long as the app. Frozen,
        # the collector stops walking it on every full collection, which otherwise lands as a
        # 50-70 ms stall in whatever key press or screen happens to trigger one. The young
        # generations are collected first (under a millisecond; most of start-up's garbage is
        # there), since frozen garbage is never freed; a full collection here would add 30 ms to
        # every start for the few hundred older objects it would also free.
        gc.collect(1)
        gc.freeze()

    def on_unmount(self) -> None:
        if self._store is not None:
            self._store.close()
