"""The loader's cache: a validated dataset kept per data folder, so most runs skip TOML and pydantic.

One pickle per data folder in ``$CHRON_CACHE_DIR``, else ``$XDG_CACHE_HOME/chron``, else
``~/.cache/chron``. An entry is used only when both data files have the size and modification time
it recorded, or, when only their times changed, the same content hash. It is written atomically
(a temporary file, then a rename), so two processes building it at once both succeed; a stale,
truncated or foreign entry is ignored and rebuilt; an unwritable or missing cache folder just means
no cache. ``CHRON_NO_CACHE=1`` turns it off. Only this module and load.py touch files.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chron import __version__

if TYPE_CHECKING:
    from chron.models import Dataset

FORMAT = 1
FILES = ("chronology.toml", "sources.toml")


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
    return base / f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}.pickle"


def stamp(folder: Path) -> tuple[tuple[int, int], ...] | None:
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


def _header(folder: Path) -> tuple[Any, ...]:
    return (FORMAT, __version__, sys.version_info[:2], str(folder.resolve()))


def read(folder: Path) -> Dataset | None:
    """The cached dataset of ``folder`` if it is still current, else None (never raises)."""
    path = entry_path(folder)
    current = stamp(folder)
    if path is None or current is None:
        return None
    try:
        with open(path, "rb") as handle:
            header, files, content, dataset = pickle.load(handle)
    except Exception:  # missing, truncated, garbage or from another version: rebuild
        return None
    if header != _header(folder):
        return None
    if files == current:
        return dataset  # type: ignore[no-any-return]
    try:
        if content == digest(folder):  # touched but unchanged: keep it, with the new times
            write(folder, dataset, current, content)
            return dataset  # type: ignore[no-any-return]
    except OSError:
        return None
    return None


def write(folder: Path, dataset: Dataset, files: tuple[tuple[int, int], ...], content: str) -> None:
    """Store ``dataset`` as read from files with these stamps and content hash; failures are skipped."""
    path = entry_path(folder)
    if path is None:
        return
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((_header(folder), files, content, dataset), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, pickle.PicklingError, RecursionError):
        return
