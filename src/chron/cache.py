"""The loader's cache: a validated dataset kept per data folder, so most runs skip TOML and pydantic.

The records are stored as nested tuples with ``marshal`` (several times faster to read and write
than pickling dataclasses, and it can hold nothing but plain values), and rebuilt on reading.
One entry per data folder in ``$CHRON_CACHE_DIR``, else ``$XDG_CACHE_HOME/chron``, else
``~/.cache/chron``. An entry is used only when both data files have the size and modification time
it recorded, or, when only their times changed, the same content hash. It is written atomically
(a temporary file, then a rename), so two processes building it at once both succeed; a stale,
truncated or foreign entry is ignored and rebuilt; an unwritable or missing cache folder just means
no cache. ``CHRON_NO_CACHE=1`` turns it off. Only this module and load.py touch files.
"""

from __future__ import annotations

import dataclasses
import marshal
import os
import sys
import zlib
from pathlib import Path
from typing import Any

from chron import __version__
from chron.models import (
    Chronology,
    Cite,
    Dataset,
    Event,
    Figure,
    Name,
    Note,
    Person,
    Phase,
    Place,
    Sources,
    Tag,
    Work,
)

FORMAT = 2
MAGIC = b"chron-cache\n"
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
    return base / f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}.cache"


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


# Which fields hold other records: (field index, record class, many?) for each class that has any.
NESTED: dict[type, dict[str, tuple[type, bool]]] = {
    Work: {"author": (Name, True), "editor": (Name, True)},
    Note: {"cites": (Cite, True)},
    Event: {"figures": (Figure, True)},
    Sources: {"article": (Work, False), "works": (Work, True), "notes": (Note, True)},
    Chronology: {
        "phases": (Phase, True),
        "tags": (Tag, True),
        "events": (Event, True),
        "people": (Person, True),
        "places": (Place, True),
    },
}
_PLAN: dict[type, list[tuple[int, type, bool]]] = {
    cls: [(i, *nested[f.name]) for i, f in enumerate(dataclasses.fields(cls)) if f.name in nested]
    for cls, nested in NESTED.items()
}


def pack(record: Any) -> tuple[Any, ...]:
    """A record as a tuple of its field values, nested records packed the same way."""
    values = [getattr(record, f.name) for f in dataclasses.fields(record)]
    for i, _cls, many in _PLAN.get(type(record), ()):
        value = values[i]
        values[i] = tuple(pack(v) for v in value) if many else pack(value)
    return tuple(values)


def unpack(cls: type, values: tuple[Any, ...]) -> Any:
    plan = _PLAN.get(cls)
    if not plan:
        return cls(*values)
    items = list(values)
    for i, sub, many in plan:
        items[i] = tuple([unpack(sub, v) for v in items[i]]) if many else unpack(sub, items[i])
    return cls(*items)


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
            blob = handle.read()
        # A checksum first: marshal is only ever given bytes that this module wrote.
        if blob[: len(MAGIC)] != MAGIC or int.from_bytes(blob[len(MAGIC) : len(MAGIC) + 4], "big") != zlib.crc32(
            blob[len(MAGIC) + 4 :]
        ):
            return None
        header, files, content, chron, src = marshal.loads(blob[len(MAGIC) + 4 :])
        if header != _header(folder):
            return None
        dataset = Dataset(unpack(Chronology, chron), unpack(Sources, src), folder)
    except Exception:  # missing, truncated, garbage or from another version: rebuild
        return None
    if files == current:
        return dataset
    try:
        if content == digest(folder):  # touched but unchanged: keep it, with the new times
            write(folder, dataset, current, content)
            return dataset
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
                entry = (_header(folder), files, content, pack(dataset.chronology), pack(dataset.sources))
                payload = marshal.dumps(entry)
                handle.write(MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError, RecursionError):
        return
