"""The loader's cache: the store of each data folder kept between runs, private and never stale.

One SQLite store per data folder (see store.py), in ``$CHRON_CACHE_DIR``, else
``$XDG_CACHE_HOME/chron``, else ``~/.cache/chron``. The folder must belong to the user running
chron and is kept at mode 0700, its files at 0600: a folder owned by anyone else is not used.

An entry is current only when the code that built it is the code now running (the size, times and
inode of every module of chron) and the data files are byte for byte what it was built from. The
files' stamps (size, modification and change times, inode) stand for their content only when they
are safely older than the moment they were read; otherwise the content is hashed and compared, as
git does for its index, so an edit in the same second with the same size, or after ``touch -r``,
is never missed. Entries are written to a temporary file and renamed into place. Files unused for
``MAX_AGE_DAYS`` are removed. ``CHRON_NO_CACHE=1`` turns the cache off; an unusable folder means
no cache, never an error.
"""

from __future__ import annotations

import os
import sys
import time
import zlib
from pathlib import Path

TYPE_CHECKING = False  # not typing's: the replay of --help (cli/replay.py) reads the folder from here
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

FILES = ("chronology.toml", "sources.toml")
RACY_NS = 2_000_000_000  # a file changed less than this before it was read may change again unseen
MAX_AGE_DAYS = 30
Stamp = tuple[tuple[int, int, int, int, int], ...]


def _private(path: Path) -> bool:
    """Make ``path`` (a folder) if needed; True when it is ours and closed to others (mode 0700)."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = path.lstat()
        if not hasattr(os, "getuid"):
            return True
        if st.st_uid != os.getuid() or not path.is_dir() or path.is_symlink():
            return False
        if st.st_mode & 0o077:
            os.chmod(path, 0o700)
        return True
    except OSError:
        return False


_DIR: dict[tuple[str | None, ...], Path | None] = {}


def cache_dir() -> Path | None:
    """The cache folder, ready and private; None when there is none to use."""
    names = ("CHRON_NO_CACHE", "CHRON_CACHE_DIR", "XDG_CACHE_HOME", "HOME")
    no_cache, explicit, xdg, home = env = tuple(os.environ.get(n) for n in names)
    if env in _DIR:
        return _DIR[env]
    found: Path | None = None
    if not no_cache:
        if explicit:
            found = Path(explicit)
        elif xdg and os.path.isabs(xdg):
            found = Path(xdg) / "chron"
        elif home:
            found = Path(home) / ".cache" / "chron"
    if found is not None and not _private(found):
        found = None
    _DIR[env] = found
    return found


def forget() -> None:
    """Read the environment again next time (tests change it)."""
    _DIR.clear()
    _CODE.clear()


def _key(text: str) -> str:
    # crc32 and adler32 are in zlib, already loaded; the entry records its folder, so a collision
    # costs a rebuild, never a wrong answer.
    raw = text.encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"


def entry_path(folder: Path) -> Path | None:
    base = cache_dir()
    return None if base is None else base / f"{_key(str(folder.resolve()))}.sqlite"


_CODE: list[tuple[Any, ...]] = []


def code_stamp() -> tuple[Any, ...]:
    """What identifies the running chron: Python's version and every module's size, times and inode."""
    if not _CODE:
        root = Path(__file__).resolve().parent
        found: list[tuple[str, int, int, int, int]] = []
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d not in ("__pycache__", "data"))
            for name in sorted(filenames):
                if name.endswith(".py"):
                    st = os.stat(os.path.join(dirpath, name))
                    found.append((name, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
        _CODE.append((tuple(sys.version_info[:3]), sys.implementation.name, str(root), tuple(found)))
    return _CODE[0]


def stamp(folder: Path) -> Stamp | None:
    """(size, mtime, ctime, inode, device) of each data file, or None when one cannot be read."""
    try:
        stats = [os.stat(folder / name) for name in FILES]
    except (OSError, ValueError):
        return None
    return tuple((s.st_size, s.st_mtime_ns, s.st_ctime_ns, s.st_ino, s.st_dev) for s in stats)


def settled(files: Stamp, read_at: int) -> bool:
    """Whether every file's last change is safely before the moment it was read."""
    return all(max(f[1], f[2]) < read_at - RACY_NS for f in files)


def digest_bytes(contents: list[bytes]) -> bytes:
    """One hash of the data files' bytes, in order."""
    import hashlib

    h = hashlib.blake2b(digest_size=20)
    for raw in contents:
        h.update(len(raw).to_bytes(8, "little"))
        h.update(raw)
    return h.digest()


def _digest(folder: Path) -> bytes | None:
    """The hash of the data files as they are now; None when one is not a regular file of at most
    load.MAX_BYTES (a file replaced by a FIFO or a link to /dev/zero is never read)."""
    from chron.errors import DataError
    from chron.load import read_bytes

    try:
        return digest_bytes([read_bytes(folder / name, name) for name in FILES])
    except DataError:
        return None


def header(folder: Path, files: Stamp, content: bytes, read_at: int) -> tuple[Any, ...]:
    """What an entry records about what it was built from."""
    from chron.store import FORMAT

    return (FORMAT, code_stamp(), str(folder.resolve()), files, content, read_at)


def open_current(folder: Path) -> Any:
    """The stored dataset of ``folder`` if its entry is current, else None (never raises)."""
    path = entry_path(folder)
    now = stamp(folder)
    if path is None or now is None:
        return None
    try:
        import sqlite3

        from chron.dataset import Dataset

        if path.stat().st_size == 0:
            return None
        db = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        kept = _read_header(db)
        if not isinstance(kept, tuple) or len(kept) != 6:
            db.close()
            return None
        files, content, read_at = kept[3], kept[4], kept[5]
        if kept != header(folder, files, content, read_at):
            db.close()
            return None
        if files != now or not settled(files, read_at):
            started = time.time_ns()
            if _digest(folder) != content:
                db.close()
                return None
            if files != now or settled(now, started):
                _restamp(path, header(folder, now, content, started))
        pages = db.execute("PRAGMA page_count").fetchone()[0] * db.execute("PRAGMA page_size").fetchone()[0]
        if pages != path.stat().st_size:  # cut short (a full disk, a crash): rebuild
            db.close()
            return None
        _touch(path)
        return Dataset(db, folder, path)
    except Exception:  # missing, truncated, garbage or from another build: rebuild
        return None


def _read_header(db: Any) -> Any:
    import marshal

    row = db.execute("SELECT value FROM meta WHERE key = 'header'").fetchone()
    return marshal.loads(row[0]) if row else None


def _restamp(path: Path, new: tuple[Any, ...]) -> None:
    import marshal
    import sqlite3

    try:
        db = sqlite3.connect(path)
        try:
            db.execute("UPDATE meta SET value = ? WHERE key = 'header'", (marshal.dumps(new),))
            db.commit()
        finally:
            db.close()
    except sqlite3.Error:
        pass


def _touch(path: Path) -> None:
    """Mark an entry as used (at most once a day), so that eviction keeps what is in use."""
    try:
        if time.time() - path.stat().st_mtime > 86_400:
            os.utime(path)
    except OSError:
        pass


def replace_with(path: Path, make: Callable[[Path], object]) -> None:
    """Have ``make`` write a new private temporary file beside ``path``, then rename it onto
    ``path``: a reader finds the old file or the whole new one, never a part. On failure (or an
    interrupt) the temporary file is removed and the error raised."""
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)  # mode 0600
    os.close(fd)
    try:
        make(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def evict(now: float | None = None, *, force: bool = False) -> int:
    """Remove cache files unused for ``MAX_AGE_DAYS`` and temporary files left by a crash; the
    number removed. Run after a new entry is written, at most once a day (``force``: now), never
    on the way to an answer."""
    base = cache_dir()
    if base is None:
        return 0
    now = time.time() if now is None else now
    marker = base / "evicted"
    try:
        if not force and now - marker.stat().st_mtime < 86_400:
            return 0
        marker.touch(mode=0o600)
    except FileNotFoundError:
        marker.touch(mode=0o600)
    except OSError:
        return 0
    removed = 0
    for folder in (base, base / "replay"):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if not entry.is_file(follow_symlinks=False):
                    continue
                age = now - entry.stat(follow_symlinks=False).st_mtime
                if age > MAX_AGE_DAYS * 86_400 or (entry.name.endswith(".tmp") and age > 3600):
                    os.unlink(entry.path)
                    removed += 1
            except OSError:
                continue
    return removed


# ------------------------------------------------------------------ pydantic's validators

_VALIDATORS: dict[type, Any] = {}  # made or read in this process
_KEPT: set[Path] = set()  # validator files known to be in the cache folder


def text_per_build(name: str, build: Callable[[], str]) -> str:
    """A text that depends only on chron's code (a JSON Schema), made once per build of chron and
    kept in the cache folder; made each time when there is no cache folder."""
    base = cache_dir()
    path = base / f"{name}-{_key(repr(code_stamp()))}.txt" if base is not None else None
    if path is not None:
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):  # missing, or unreadable: make it again
            pass
    made = build()
    if path is not None:
        import contextlib  # here: the start-up path that imports this module need not pay for it

        with contextlib.suppress(OSError):  # a cache that cannot be written is ignored
            replace_with(path, lambda tmp: tmp.write_text(made, encoding="utf-8"))
    return made


def validator(model: type, build: Callable[[], Any]) -> Any:
    """pydantic's validator of ``model``: kept (pickled) per build of chron, because making it
    costs a first run far more than validating. ``build`` makes it when none is kept."""
    import pickle

    base = cache_dir()
    path = None
    if base is not None:
        from pydantic_core import __version__ as core

        path = base / f"validator-{model.__name__}-{_key(repr((code_stamp(), core)))}.pickle"
    made = _VALIDATORS.get(model)
    if made is None and path is not None:
        try:
            made = pickle.loads(path.read_bytes())  # our own private folder: only we wrote it
            _KEPT.add(path)
        except Exception:  # missing, or from another version: make it again
            made = None
    if made is None:
        made = build()
    _VALIDATORS[model] = made
    if path is not None and path not in _KEPT:
        try:
            blob = pickle.dumps(made)
            replace_with(path, lambda tmp: tmp.write_bytes(blob))
            _KEPT.add(path)
        except Exception:  # a validator that cannot be pickled is simply made each time
            pass
    return made


# ------------------------------------------------------------------ the pieces of large files

# The parsed pieces of a large data file (see pieces.py), kept beside the entry so the first run
# after an edit parses only the tables the edit touched. Smaller files are parsed whole: it is
# quick, and their pieces would only take disk space.
PIECES_MIN_SIZE = 1 << 20  # characters
_PIECES_MAGIC = b"chron-pieces\n"


def pieces_path(folder: Path, name: str) -> Path | None:
    path = entry_path(folder)
    return None if path is None else path.with_name(f"{path.stem}.{name}.pieces")


def _pieces_key() -> bytes:
    return _key(repr(code_stamp())).encode()


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
