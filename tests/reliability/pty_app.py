"""Run the real ``mediate`` app in a pseudo-terminal and keep every byte it writes.

What a terminal obeys is in those bytes: a test can look for an escape sequence that came from a
file (OSC 52 writing the clipboard, OSC 2 setting the window title) where a screenshot of the app
would only show the text."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _read_for(fd: int, seconds: float, into: bytearray) -> None:
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the app has gone
            return
        if not chunk:
            return
        into.extend(chunk)


def run_app(
    args: list[str], keys: list[tuple[float, bytes]], size: tuple[int, int] = (120, 40)
) -> bytes:
    """Start ``mediate ARGS`` in a terminal of ``size``; for each (wait, key) wait that many
    seconds, reading what the app writes, then type the key; quit with Ctrl+Q. All output."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app
        os.chdir(ROOT)
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLUMNS": str(size[0]),
            "LINES": str(size[1]),
        }
        os.execve(sys.executable, [sys.executable, "-m", "mediate.cli", *args], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    output = bytearray()
    try:
        for wait, key in keys:
            _read_for(fd, wait, output)
            os.write(fd, key)
        _read_for(fd, 1.0, output)
        os.write(fd, b"\x11")  # Ctrl+Q
        _read_for(fd, 3.0, output)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    return bytes(output)
