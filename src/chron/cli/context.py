"""What every command shares: which data folder, loading it, and the two output streams.

Where the data lives is a command-line policy: ``--data DIR``, else ``$CHRON_DATA``, else the
dataset shipped inside the package. stdout carries data only, written raw; stderr carries messages
for people. A closed stdout (``chron show | head -1``) ends the program quietly.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from chron.errors import ChronError

if TYPE_CHECKING:
    from chron.dataset import Dataset

ENV_VAR = "CHRON_DATA"


@dataclass
class State:
    """Global options, set by the app's callback before any command runs."""

    data: str | None = None
    pager: bool = True  # off with --no-pager


STATE = State()


def default_data_dir() -> Path:
    """The shipped dataset: inside the wheel as package data, or at the top of a source checkout."""
    here = Path(__file__).resolve().parents[1]
    packaged = here / "data"
    if (packaged / "chronology.toml").is_file():
        return packaged
    return here.parents[1] / "data"


def resolve_data_dir(option: str | Path | None) -> Path:
    """``--data`` wins over ``$CHRON_DATA``, which wins over the shipped dataset."""
    chosen = option if option not in (None, "") else os.environ.get(ENV_VAR) or None
    if chosen is None:
        return default_data_dir()
    source = "--data" if option not in (None, "") else f"${ENV_VAR}"
    if "\x00" in str(chosen):
        raise ChronError(f"the data folder named by {source} contains a NUL character; give a real folder name.")
    path = Path(chosen).expanduser()
    if not path.exists():
        raise ChronError(
            f"the data folder {str(path)!r} (from {source}) does not exist. "
            f"Point {source} at a folder holding chronology.toml and sources.toml."
        )
    if not path.is_dir():
        raise ChronError(
            f"{str(path)!r} (from {source}) is a file, not a folder. "
            f"Point {source} at the folder holding chronology.toml and sources.toml."
        )
    return path


def data_dir() -> Path:
    return resolve_data_dir(STATE.data)


def writable_data_dir(option: str) -> Path:
    """The folder a command that writes into a dataset writes into (``option`` names the flag that
    asked): named by --data or $CHRON_DATA and holding sources.toml, never the shipped dataset."""
    folder = data_dir()
    if folder.resolve() == default_data_dir().resolve():
        raise ChronError(
            f"{option} writes into your own dataset, not the shipped one: give --data DIR "
            "(make one with `chron new DIR`)."
        )
    if not (folder / "sources.toml").is_file():
        raise ChronError(f"{str(folder)!r} has no sources.toml; make the dataset first with `chron new {folder}`.")
    return folder


def load() -> Dataset:
    from chron.load import load_dataset

    folder = data_dir()

    def slow() -> None:
        say(f"chron: reading and checking {folder} (the first run after a change; later runs are fast)…")

    return load_dataset(folder, on_slow=slow)


class PipeClosed(Exception):
    """stdout went away (its reader exited); stop quietly."""


def out(text: str, *, end: str = "\n") -> None:
    """Write data to stdout."""
    out_lines([text], end=end)


def out_lines(pieces: Iterable[str], *, end: str = "\n") -> None:
    """Write each piece followed by ``end``, flushing once at the end (or when the buffer fills):
    when the reader goes away, the next write fails and the pieces stop being made. On a terminal,
    output longer than the screen goes through the pager (pager.py) unless ``--no-pager``."""
    try:
        write = sys.stdout.write
        if STATE.pager and stdout_is_terminal() and os.environ.get("TERM") != "dumb":
            from chron.cli.pager import page

            page(pieces, end, write)
        else:
            for piece in pieces:
                write(piece + end)
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        raise PipeClosed from None
    except OSError as err:  # closed, or a full disk: one line on stderr, not a traceback
        from chron.cli.streams import stdout_failed

        message = stdout_failed(err) or f"cannot write to standard output: {err.strerror or err}."  # CliRunner
        silence_stdout()
        raise ChronError(message) from None


def stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file (CliRunner): nothing to redirect
        pass


def say(text: str) -> None:
    """A message for the person at the terminal, on stderr (control characters shown, not obeyed)."""
    from chron.escape import visible

    try:
        sys.stderr.write(visible(text) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # stderr closed, full or missing: nowhere to say it
        pass


def error(err: ChronError) -> int:
    """Print an expected error once, as ``Error: ...`` on stderr, and give its exit code."""
    message = err.message
    say(f"Error: {message[0].upper()}{message[1:]}" if message else "Error")
    return err.exit_code
