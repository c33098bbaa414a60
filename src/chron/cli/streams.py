"""The process's own environment, made safe before any command runs: stdout closed or full, an
output encoding that cannot hold the text, and arguments that are not text. No traceback, ever.

- A closed stdout (``chron show >&-``) is replaced by a stream whose writes fail: a command that
  prints ends with one ``Error:`` line (exit 1); one that writes only files still works. Its file
  descriptor is pointed at /dev/null first, so no file chron opens can take descriptor 1.
- A failed write (``> /dev/full``, a vanished disk) ends with ``Error: cannot write to standard
  output: ...`` (exit 1); a closed pipe still ends quietly (exit 0).
- An encoding that cannot hold a character (``PYTHONIOENCODING=ascii``, ``LC_ALL=C PYTHONUTF8=0``)
  prints ``?`` for it, and chron says so once on stderr, with the way to see it.
- An argument that is not UTF-8 (a byte such as 0xff, which Python carries as a surrogate) is a
  usage error, except as a file or folder name, where the bytes are the name.

Imported by ``main`` on every run, so it imports nothing beyond the standard library's core.
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import sys

TYPE_CHECKING = False  # see chron/cli/__init__.py: typing is not imported on the way to a replay
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

HANDLER = "chron-replace"
_replaced: list[str] = []  # the encodings that could not hold a character printed


def _replace(err: UnicodeError) -> tuple[str, int]:
    """Print "?" for what the output encoding cannot hold, and remember that it happened."""
    if not isinstance(err, UnicodeEncodeError):
        raise err
    if not _replaced:
        _replaced.append(err.encoding)
    return "?" * (err.end - err.start), err.end


codecs.register_error(HANDLER, _replace)


class ClosedStdout(io.TextIOBase):
    """stdout when the process was started without one: every write fails as a write to a closed
    file would (click, rich and chron all write through ``write``)."""

    encoding = "utf-8"
    errors = "strict"

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def fileno(self) -> int:
        return 1

    def isatty(self) -> bool:
        return False

    @property
    def buffer(self) -> ClosedStdout:
        return self  # click writes bytes to ``buffer``; it fails the same way


class Guarded:
    """stdout as everything in chron, typer and click writes to it, with a failed write remembered:
    ``main`` then knows that an OSError it meets was stdout's, not a bug's."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        raw = getattr(inner, "buffer", None)
        self.buffer = Guarded(raw) if raw is not None and raw is not inner else self

    def write(self, data: Any) -> int:
        try:
            written: int = self.inner.write(data)
        except OSError as err:
            _failed.append(err)
            raise
        return written

    def flush(self) -> None:
        try:
            self.inner.flush()
        except OSError as err:
            _failed.append(err)
            raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


_failed: list[OSError] = []


def prepare() -> None:
    """Make stdout and stderr safe to write to (see the module's docstring)."""
    if sys.stdout is None:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            if devnull != 1:
                os.dup2(devnull, 1)
                os.close(devnull)
        except OSError:
            pass
        sys.stdout = ClosedStdout()
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors in ("strict", "surrogateescape"):
            try:  # noqa: SIM105 (contextlib is not imported on the way to a replay)
                stream.reconfigure(errors=HANDLER)
            except (ValueError, OSError):
                pass
    sys.stdout = Guarded(sys.stdout)  # a stand-in with the same methods


def replacement_note() -> str | None:
    """What to say on stderr when characters were printed as "?", once per run (else None)."""
    if not _replaced:
        return None
    return (
        f"chron: the output encoding ({_replaced[0]}) cannot show some characters, printed as '?'; "
        "set PYTHONIOENCODING=utf-8 (or use a UTF-8 locale) to see them."
    )


def replaced() -> bool:
    """Whether this run printed "?" for a character (then its output is not kept for replay)."""
    return bool(_replaced)


def stdout_failed(err: OSError) -> str | None:
    """The message for ``err`` when a write to stdout failed with it (None when it was not stdout's)."""
    if not _failed and not _closed():
        return None
    if _closed():
        return (
            "standard output is closed, so there is nowhere to print; "
            "send it to a file or a pipe instead of closing it."
        )
    return f"cannot write to standard output: {err.strerror or err}. Check where it goes (a full disk?)."


def _closed() -> bool:
    stdout = sys.stdout.inner if isinstance(sys.stdout, Guarded) else sys.stdout
    return isinstance(stdout, ClosedStdout)


# Options whose value is a file or folder name: bytes that are not UTF-8 are part of the name there.
PATH_OPTIONS = ("--data", "--output", "-o", "--output-dir", "--article", "--csl")


def undecodable(argv: Sequence[str]) -> str | None:
    """The first argument that is not UTF-8 text (outside a file or folder name), shown as the
    bytes it was, or None."""
    previous = ""
    for arg in argv:
        is_path = previous in PATH_OPTIONS or arg.startswith(("-o", *(f"{o}=" for o in PATH_OPTIONS)))
        previous = arg
        if is_path or arg.isascii():
            continue
        try:
            arg.encode("utf-8")
            continue
        except UnicodeEncodeError:
            pass
        try:
            raw = os.fsencode(arg)
            raw.decode("utf-8")
            bad = ""
        except UnicodeDecodeError as err:
            bad = f" (it holds the byte 0x{raw[err.start]:02x})"
        except UnicodeEncodeError:
            raw, bad = arg.encode("utf-8", "backslashreplace"), ""
        return (
            f"the argument '{repr(raw)[2:-1]}' is not UTF-8 text{bad}; chron reads its arguments as UTF-8. "
            "Type it again, or set a UTF-8 locale."
        )
    return None
