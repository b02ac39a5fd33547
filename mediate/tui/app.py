"""The mediate Textual application."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.filter import LineFilter

import mediate.styles
from mediate.store import Store, open_store
from mediate.tui.commands import MediateCommands
from mediate.tui.crash import crash_sentence, write_crash_log
from mediate.tui.screens.home import HomeScreen
from mediate.tui.terminal_guard import ControlGuard

# The stylesheets are the package mediate.styles (the top-level styles/ folder, mapped in by
# pyproject.toml), found where it is installed: the checkout for an editable install, or
# site-packages for a wheel. Textual reads them as files, which an unzipped install gives.
STYLES = Path(mediate.styles.__file__).parent  # (importlib.resources would add 20 ms)


# How long a save waits for another program (an import, another window) to finish writing; past
# that the form stays open with its text and says the database is busy.
INTERACTIVE_WAIT = 2.0
CONTROL_GUARD = ControlGuard()


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
            self._store.wait_for_lock(INTERACTIVE_WAIT)
        return self._store

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then the guard that drops control characters and links."""
        return [*super().get_line_filters(), CONTROL_GUARD]

    def _fatal_error(self) -> None:
        """An unexpected error: its traceback to a 0600 crash log, one sentence on the terminal
        (Textual's own screen would print the local variables, a note being saved among them)."""
        error = self._exception or RuntimeError("unknown error")
        self.bell()
        self._exit_renderables.append(Text(crash_sentence(error, write_crash_log(error))))
        self._close_messages_no_wait()

    async def action_quit(self) -> None:
        """Ctrl+Q: with a live session open (its clock running), ask first; a yes records the
        session time before leaving."""
        live = [s for s in self.screen_stack if getattr(s, "session_clock", None)]
        live = [s for s in live if s.session_clock.running]  # type: ignore[attr-defined]
        if not live:
            self.exit()
            return
        from mediate.tui.screens.confirm import ConfirmScreen
        from mediate.tui.screens.session_guards import leave_question

        if isinstance(self.screen, ConfirmScreen):
            return  # already asking

        def done(yes: bool | None) -> None:
            if yes:
                for screen in live:
                    screen.stop_clock("quit mediate")  # type: ignore[attr-defined]
                self.exit()

        _, detail = leave_question(live[0].session_clock)  # type: ignore[attr-defined]
        self.push_screen(ConfirmScreen("Quit mediate with a session open?", detail), done)

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
