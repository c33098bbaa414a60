"""The loader's cache: a validated dataset kept per data folder, so most runs skip TOML and pydantic.

One SQLite file per data folder (see store.py), in ``$CHRON_CACHE_DIR``, else
``$XDG_CACHE_HOME/chron``, else ``~/.cache/chron``. An entry is used only when both data files have
the size and modification time it recorded or, when only their times changed, the same content
hash. It is written to a temporary file and renamed into place, so two processes building it at
once both succeed; a stale, truncated or foreign entry is ignored and rebuilt; an unwritable or
missing cache folder just means no cache. ``CHRON_NO_CACHE=1`` turns it off. Only this module,
store.py and load.py touch files.
"""

from __future__ import annotations

import os
import sys
import zlib
from pathlib import Path

from chron import __version__

TYPE_CHECKING = False  # not typing's: a replayed --help (cli/memo.py) reads the cache folder from here
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from chron.models import Dataset

FORMAT = 3
FILES = ("chronology.toml", "sources.toml")
Stamp = tuple[tuple[int, int], ...]


def cache_dir() -> Path | None:
    if os.environ.get("CHRON_NO_CACHE"):
        return None
    explicit = os.environ.get("CHRON_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "chron"
    home = os.environ.get("HOME")
    if not home:
        return None
    return Path(home) / ".cache" / "chron"


def entry_path(folder: Path) -> Path | None:
    base = cache_dir()
    if base is None:
        return None
    # crc32 and adler32 are in zlib, which is already loaded; hashlib would cost a few ms per run.
    # The entry also records its folder, so a collision can only cost a rebuild.
    raw = str(folder.resolve()).encode("utf-8", "surrogatepass")
    return base / f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}.sqlite"


def stamp(folder: Path) -> Stamp | None:
    """(size, mtime in ns) of each data file, or None when one cannot be read."""
    try:
        stats = [os.stat(folder / name) for name in FILES]
    except OSError:
        return None
    return tuple((s.st_size, s.st_mtime_ns) for s in stats)


def digest_bytes(contents: list[bytes]) -> str:
    """One hash of the data files' bytes, in order."""
    import hashlib

    h = hashlib.blake2b(digest_size=20)
    for raw in contents:
        h.update(len(raw).to_bytes(8, "little"))
        h.update(raw)
    return h.hexdigest()


def digest(folder: Path) -> str:
    return digest_bytes([(folder / name).read_bytes() for name in FILES])


def _header(folder: Path, files: Stamp, content: str) -> tuple[Any, ...]:
    return (FORMAT, __version__, tuple(sys.version_info[:2]), str(folder.resolve()), files, content)


def read(folder: Path) -> Dataset | None:
    """The cached dataset of ``folder`` if it is still current, else None (never raises)."""
    path = entry_path(folder)
    current = stamp(folder)
    if path is None or current is None or not path.is_file():
        return None
    try:
        from chron.store import open_store

        header, dataset = open_store(path, folder)
        if not isinstance(header, tuple) or len(header) != 6:
            return None
        files, content = header[4], header[5]
        if header != _header(folder, files, content):
            return None
        if files != current:
            if content != digest(folder):
                return None
            _restamp(path, folder, current, content)  # touched but unchanged: keep it, with the new times
        pages = (
            dataset.db.execute("PRAGMA page_count").fetchone()[0] * dataset.db.execute("PRAGMA page_size").fetchone()[0]
        )
        if pages != path.stat().st_size:  # cut short (a full disk, a crash): rebuild
            return None
        return dataset
    except Exception:  # missing, truncated, garbage or from another version: rebuild
        return None


def _restamp(path: Path, folder: Path, files: Stamp, content: str) -> None:
    import marshal
    import sqlite3

    try:
        db = sqlite3.connect(path)
        try:
            db.execute(
                "UPDATE meta SET value = ? WHERE key = 'header'", (marshal.dumps(_header(folder, files, content)),)
            )
            db.commit()
        finally:
            db.close()
    except sqlite3.Error:
        pass


def replace_with(path: Path, make: Callable[[Path], object]) -> None:
    """Have ``make`` write a new temporary file beside ``path``, then rename it onto ``path``, so
    a reader finds the old file or the whole new one, never a part; on failure it is removed and
    the error raised."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        make(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write(folder: Path, dataset: Dataset, files: Stamp, content: str) -> None:
    """Store ``dataset`` as read from files with these stamps and content hash; failures are skipped."""
    import sqlite3

    from chron.store import write as write_store

    path = entry_path(folder)
    if path is None:
        return

    def make(tmp: Path) -> None:
        tmp.unlink()  # sqlite3 creates the file itself
        write_store(tmp, dataset, _header(folder, files, content))

    try:
        replace_with(path, make)
    except (OSError, ValueError, RecursionError, sqlite3.Error):
        return


def write_behind(folder: Path, dataset: Dataset, files: Stamp, content: str) -> None:
    """``write``, done by a child process so the command need not wait for it (where the system
    can fork; elsewhere it is done here). The child has its own session and no terminal, and
    leaves without running the parent's exit handlers or flushing its buffers."""
    if not hasattr(os, "fork"):
        write(folder, dataset, files, content)
        return
    import contextlib

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    try:
        pid = os.fork()
    except OSError:
        write(folder, dataset, files, content)
        return
    if pid:
        return
    try:  # the child: never returns
        os.setsid()
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        write(folder, dataset, files, content)
    finally:
        os._exit(0)


# The parsed pieces of a large data file (see chunks.py), kept beside the entry so the first run
# after an edit parses only the tables the edit touched. Smaller files are parsed whole: it is
# quick, and their pieces would only take disk space.
PIECES_MIN_SIZE = 1 << 20  # characters
_PIECES_MAGIC = b"chron-pieces\n"


def pieces_path(folder: Path, name: str) -> Path | None:
    path = entry_path(folder)
    return None if path is None else path.with_name(f"{path.stem}.{name}.pieces")


def _pieces_key() -> bytes:
    return repr((FORMAT, __version__, tuple(sys.version_info[:2]))).encode()


def read_pieces(folder: Path, name: str) -> dict[bytes, Any]:
    """The pieces of ``folder``/``name`` kept by the last run (empty when none are usable; never raises)."""
    import hashlib
    import marshal

    path = pieces_path(folder, name)
    if path is None:
        return {}
    try:
        raw = path.read_bytes()
        magic, key, check, blob = raw[: len(_PIECES_MAGIC)], *raw[len(_PIECES_MAGIC) :].split(b"\n", 2)
        if magic != _PIECES_MAGIC or key != _pieces_key():
            return {}
        if hashlib.blake2b(blob, digest_size=16).hexdigest().encode() != check:
            return {}  # damaged
        found = marshal.loads(blob)
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return found if isinstance(found, dict) else {}


def write_pieces(folder: Path, name: str, pieces: dict[bytes, Any]) -> None:
    """Keep the pieces of ``folder``/``name`` for the next run; failures are skipped."""
    import hashlib
    import marshal

    path = pieces_path(folder, name)
    if path is None:
        return
    try:
        blob = marshal.dumps(pieces)
        check = hashlib.blake2b(blob, digest_size=16).hexdigest().encode()
        body = b"".join([_PIECES_MAGIC, _pieces_key(), b"\n", check, b"\n", blob])
        replace_with(path, lambda tmp: tmp.write_bytes(body))
    except (OSError, ValueError):  # unwritable folder, or a value marshal cannot keep (a TOML date)
        return
