"""What every command shares: the chosen data folder, loading it, and the two output streams.

stdout carries data only, written raw; stderr carries messages for people. A closed stdout
(``chron show | head -1``) ends the program quietly.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from chron.errors import ChronError

if TYPE_CHECKING:
    from chron.models import Dataset


@dataclass
class State:
    """Global options, set by the app's callback before any command runs."""

    data: str | None = None
    write_behind: bool = False  # the console script (not a test runner) may fork the cache writer


STATE = State()


def data_dir() -> Path:
    from chron.load import resolve_data_dir

    return resolve_data_dir(STATE.data)


def load(*, article: str | None = None) -> Dataset:
    from chron.load import load_dataset

    folder = data_dir()

    def slow() -> None:
        say(f"chron: reading and checking {folder} (the first run after a change; later runs are fast)…")

    return load_dataset(folder, article=article, on_slow=slow, write_behind=STATE.write_behind)


class PipeClosed(Exception):
    """stdout went away (its reader exited); stop quietly."""


def out(text: str, *, end: str = "\n") -> None:
    """Write data to stdout."""
    try:
        sys.stdout.write(text + end)
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        raise PipeClosed from None


def silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file (CliRunner): nothing to redirect
        pass


def say(text: str) -> None:
    """A message for the person at the terminal, on stderr (control characters shown, not obeyed)."""
    from chron.render import visible

    try:
        sys.stderr.write(visible(text) + "\n")
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass


def error(err: ChronError) -> int:
    """Print an expected error once, as ``Error: ...`` on stderr, and give its exit code."""
    message = err.message
    say(f"Error: {message[0].upper()}{message[1:]}" if message else "Error")
    return err.exit_code
