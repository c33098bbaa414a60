"""The pager: output longer than the terminal goes through ``$PAGER`` (else ``less -R``).

Only for a terminal: in a pipe, with ``--no-pager``, or with ``PAGER`` set to ``cat`` or to
nothing, output is written as it is made. The first screenful is held back until it is clear that
the output is longer than the screen, so a short listing never starts a pager and a long one still
streams. Quitting the pager early stops the command quietly, as a closed pipe does. This module is
the command line's; the core never pages.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import IO

DEFAULT = "less -R"


def command() -> list[str] | None:
    """The pager to run: ``$PAGER`` split as a shell would, else ``less -R``; None when none is wanted."""
    chosen = os.environ.get("PAGER")
    if chosen is None:
        chosen = DEFAULT
    try:
        words = shlex.split(chosen)
    except ValueError:
        return None
    if not words or words == ["cat"]:
        return None
    return words


def rows(line: str, width: int) -> int:
    """How many terminal rows a line takes at ``width`` columns (a long line wraps)."""
    from unicodedata import east_asian_width

    cells = sum(2 if east_asian_width(ch) in "WF" else 1 for ch in line)
    return max(1, -(-cells // max(width, 1)))


def page(
    pieces: Iterable[str],
    end: str,
    write: Callable[[str], object],
    *,
    height: int | None = None,
    width: int | None = None,
    start: Callable[[list[str]], subprocess.Popen[str] | None] | None = None,
) -> None:
    """Write ``pieces`` (each followed by ``end``) with ``write``, or through a pager once they
    fill more than ``height`` rows. ``start`` starts the pager (a test may give its own)."""
    size = shutil.get_terminal_size()
    height = height or size.lines
    width = width or size.columns
    held: list[str] = []
    used = 0
    stream: Iterator[str] = iter(pieces)
    for piece in stream:
        held.append(piece)
        used += sum(rows(line, width) for line in (piece + end).split("\n")[:-1] or [""])
        if used >= height:
            break
    else:
        for piece in held:
            write(piece + end)
        return
    words = command()
    proc = (start or _start)(words) if words else None
    if proc is None or proc.stdin is None:
        for piece in [*held, *stream]:
            write(piece + end)
        return
    _feed(proc, proc.stdin, held, stream, end)


def _start(words: list[str]) -> subprocess.Popen[str] | None:
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")  # as git does: quit at the end of a short page, keep colours
    env.setdefault("LV", "-c")
    try:
        return subprocess.Popen(words, stdin=subprocess.PIPE, text=True, encoding="utf-8", errors="replace", env=env)
    except OSError:  # no such pager: write straight to the terminal
        return None


def _feed(proc: subprocess.Popen[str], pipe: IO[str], held: list[str], rest: Iterator[str], end: str) -> None:
    """Everything into the pager; stop making output when it quits; wait for it either way."""
    try:
        for piece in held:
            pipe.write(piece + end)
        for piece in rest:
            pipe.write(piece + end)
        pipe.close()
    except (BrokenPipeError, OSError):  # the reader quit the pager before the end
        pass
    except KeyboardInterrupt:  # Ctrl-C in the pager: the pager decides, chron stops making output
        pass
    finally:
        with contextlib.suppress(OSError):
            pipe.close()
        while True:
            try:
                proc.wait()
                break
            except KeyboardInterrupt:
                continue
    sys.stdout.flush()
