"""What the app does when it meets an error it did not expect.

Textual's own crash screen prints the traceback with every local variable, which would put a
note or a caucus statement being saved on the terminal (and in any scrollback or screen
recording). Here the traceback, without local variables, goes to a crash log readable by the
user only (mode 0600) in the data folder, and the terminal gets one sentence naming the log."""

from __future__ import annotations

import os
import traceback
from datetime import datetime
from pathlib import Path

from mediate.store.location import data_folder


def write_crash_log(error: BaseException, folder: Path | None = None) -> Path | None:
    """The traceback of ``error`` (no local variables) in a new 0600 file; None if it cannot be
    written (a full disk must not turn into a second error)."""
    folder = folder or data_folder()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    text = "".join(traceback.format_exception(error))
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        for n in range(100):
            path = folder / f"crash-{stamp}{f'-{n}' if n else ''}.log"
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                continue
            with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as handle:
                handle.write(text)
            return path
    except OSError:
        return None
    return None


def crash_sentence(error: BaseException, log: Path | None) -> str:
    """What the terminal shows: the kind of error and where its details are, nothing typed."""
    where = f"The details are in {log}." if log else "No crash log could be written."
    return (
        f"mediate stopped on an error it did not expect ({type(error).__name__}). Everything "
        f"saved before it is in the database. {where}"
    )
