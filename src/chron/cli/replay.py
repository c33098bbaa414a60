"""Replay of help and completion output, so ``chron --help`` and a shell's TAB need not import typer.

``--help`` and completion are answered by typer, and importing typer alone takes most of a 100 ms
budget. What typer prints for them is a function of chron's code, the command line, the data a
completion lists, and how the output is shown (terminal or pipe, width, colour settings), so the
first answer for one set of those is kept in the cache folder and printed as it is afterwards,
like ``man`` keeps formatted pages. The key is conservative: every environment variable except a
few that change from one prompt to the next, the working folder, the terminal's size, the
modification times and sizes of chron's modules and of typer and rich, and for a completion the
data files' stamps. A missing, damaged or unwritable replay only means typer answers. This module
must not import typer.
"""

from __future__ import annotations

import os
import sys
import zlib
from pathlib import Path

TYPE_CHECKING = False  # see chron/cli/__init__.py: typing is not imported on the way to a replay
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TextIO

# Variables a shell changes between prompts, which no help or completion output depends on.
_VOLATILE = frozenset({"PWD", "OLDPWD", "_", "SHLVL", "HISTCMD", "LINENO", "SECONDS", "RANDOM"})
HELP = frozenset({"--help", "-h"})


def wanted(argv: list[str], names: frozenset[str]) -> bool:
    """Whether this run is one whose output can be replayed: help or a completion."""
    if "_CHRON_COMPLETE" in os.environ:
        return True
    return (len(argv) == 1 and argv[0] in HELP) or (len(argv) == 2 and argv[0] in names and argv[1] in HELP)


def _code_stamp() -> list[object]:
    """Sizes and times of every module of chron, typer and rich (without importing the last two)."""
    from importlib.util import find_spec

    roots = [Path(__file__).resolve().parents[1]]
    for name in ("typer", "rich"):
        spec = find_spec(name)
        if spec is not None and spec.origin:
            roots.append(Path(spec.origin).parent)
    found: list[object] = []
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for name in sorted(filenames):
                if name.endswith(".py"):
                    st = os.stat(os.path.join(dirpath, name))
                    found.append((name, st.st_size, st.st_mtime_ns))
    return found


class NotKept(Exception):
    """This run's answer cannot be keyed safely: typer answers, and nothing is kept."""


def _data_stamp() -> object:
    """For a completion: the stamps of the data files it may list values from. The words are read
    as the shell wrote them, quotes and backslashes included, so a ``--data`` folder whose name holds
    a space is that folder; when the folder cannot be found with certainty the run is not kept."""
    import shlex

    from chron.cache import stamp
    from chron.cli.context import resolve_data_dir
    from chron.errors import ChronError

    words = os.environ.get("COMP_WORDS") or os.environ.get("_TYPER_COMPLETE_ARGS") or ""
    try:
        parts = shlex.split(words)
    except ValueError:  # an unclosed quote: the words are not certain
        raise NotKept from None
    option = None
    for i, word in enumerate(parts):
        if word == "--data":
            # bash splits "--data=x" into "--data", "=", "x"
            rest = parts[i + 1 :]
            rest = rest[1:] if rest[:1] == ["="] else rest
            if not rest:
                raise NotKept
            option = rest[0]
        elif word.startswith("--data="):
            option = word.split("=", 1)[1]
    try:
        path = resolve_data_dir(option)
    except ChronError:  # not a folder: what typer would list is not certain either
        raise NotKept from None
    return (str(path.resolve()), stamp(path))


def path_for(argv: list[str]) -> Path | None:
    """Where the output of this run is kept (None when there is no cache folder)."""
    from chron.cache import cache_dir

    base = cache_dir()
    if base is None:
        return None
    try:
        size: object = os.get_terminal_size(sys.stdout.fileno()) if sys.stdout.isatty() else None
    except (OSError, ValueError):
        size = None
    try:
        key: list[object] = [
            sys.version_info[:2],
            argv,
            sorted((k, v) for k, v in os.environ.items() if k not in _VOLATILE),
            os.getcwd(),
            sys.stdout.isatty(),
            getattr(sys.stdout, "encoding", None),
            size,
            _code_stamp(),
        ]
        if "_CHRON_COMPLETE" in os.environ:
            key.append(_data_stamp())
    except (OSError, ValueError, NotKept):
        return None
    raw = repr(key).encode("utf-8", "surrogatepass")
    return base / "replay" / f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}{len(raw):x}.out"


def replay(path: Path) -> bool:
    """Print the output kept at ``path``, if there is one; True when it was printed."""
    try:
        text = path.read_bytes()
    except OSError:
        return False
    magic, _, body = text.partition(b"\n")
    if magic != b"chron-replay":
        return False
    out = sys.stdout.buffer
    out.write(body)
    out.flush()
    return True


def record(path: Path, run: Callable[[], None]) -> None:
    """Run ``run`` (typer) with stdout copied, and keep the copy at ``path`` when it ends with
    exit code 0."""
    copy = _Tee(sys.stdout)
    sys.stdout = copy  # stands in for stdout in all that typer, click and rich use
    succeeded = False
    try:
        run()
        succeeded = True
    except SystemExit as done:
        succeeded = done.code in (0, None)
        raise
    finally:
        sys.stdout = copy.inner
        from chron.cli.streams import replaced

        if succeeded and not replaced():  # an answer with "?" for what the encoding lacked is not kept
            _keep(path, b"".join(copy.parts))


def _keep(path: Path, body: bytes) -> None:
    from chron.cache import replace_with

    try:
        path.parent.mkdir(mode=0o700, exist_ok=True)  # inside the private cache folder
        replace_with(path, lambda tmp: tmp.write_bytes(b"chron-replay\n" + body))
    except OSError:
        return


class _Tee:
    """stdout as typer and rich see it, with every write also kept, as the bytes it becomes
    (click writes some output to the binary ``buffer`` beneath)."""

    def __init__(self, inner: TextIO) -> None:
        self.inner = inner
        self.parts: list[bytes] = []
        self._encoding = inner.encoding or "utf-8"
        self._errors = inner.errors or "strict"
        self.buffer = _TeeBuffer(self)

    def write(self, text: str) -> int:
        if not isinstance(text, str):  # click asks this to tell a text stream from a binary one
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self.inner.flush()
        written = self.inner.write(text)
        self.parts.append(text.encode(self._encoding, self._errors))
        return written

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


class _TeeBuffer:
    def __init__(self, tee: _Tee) -> None:
        self.tee = tee

    def write(self, data: bytes) -> int:
        self.tee.inner.flush()  # keep the order of text and bytes as written
        written = self.tee.inner.buffer.write(data)
        self.tee.parts.append(bytes(data))
        return written

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tee.inner.buffer, name)
