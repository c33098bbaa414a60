"""The only module that reads data files: a folder's TOML in, a checked ``Dataset`` out.

A broken dataset raises ``DataError`` carrying every problem found in both files (syntax errors
with their line and column, schema errors with their record, field and line, then the checks
across records), never a traceback. A dataset read and checked once is kept by the cache
(cache.py) and opened from there while its files and chron's code are unchanged; otherwise it is
built into a new store, in the cache folder or, when there is none, in memory. Either way the
caller gets the same class.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sqlite3
import stat
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chron import cache
from chron.errors import DataError, Problem

if TYPE_CHECKING:
    from chron.dataset import Dataset
    from chron.models import Chronology, Sources
    from chron.pieces import Keys

CHRONOLOGY = "chronology.toml"
SOURCES = "sources.toml"
# The text the data was taken from, kept beside it by `chron extract --write` (named after the
# `[article]` work of sources.toml, which it is the text of); `chron check` reads it when present.
KEPT_TEXT = "article.txt"
MAX_BYTES = 256 << 20  # a data file or text larger than this is refused (docs/data-format.md)
SLOW_SECONDS = 1.0  # a load this long is announced, through ``on_slow``


def read_bytes(path: Path, label: str, *, what: str = "TOML file") -> bytes:
    """A data file's bytes; anything but a regular file of at most ``MAX_BYTES`` is a DataError
    that says what it is (a FIFO or a device is refused before it is opened, so nothing blocks)."""
    import errno

    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise DataError([Problem(label, "", f"is a folder, not a file; replace it with a {what}")])
        not_regular = DataError(
            [Problem(label, "", f"is not a regular file (a pipe, socket or device); give a {what}")]
        )
        if not stat.S_ISREG(st.st_mode):
            raise not_regular
        if st.st_size > MAX_BYTES:
            raise DataError(
                [Problem(label, "", f"is {st.st_size >> 20} MiB; chron reads files of at most {MAX_BYTES >> 20} MiB")]
            )
        # Opened without blocking and checked again once open: a file swapped for a FIFO between
        # the stat and the open is refused, never waited on.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise not_regular
            raw = handle.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise DataError([Problem(label, "", f"grew past {MAX_BYTES >> 20} MiB while it was read")])
        return raw
    except FileNotFoundError:
        if path.is_symlink():
            why = f"is a symbolic link to {os.readlink(path)!r}, which does not exist; fix or replace the link"
        else:
            why = (
                f"is missing. A dataset folder holds {CHRONOLOGY} and {SOURCES}; "
                "see docs/data-format.md for a minimal example"
            )
        raise DataError([Problem(label, "", why)]) from None
    except OSError as err:
        advice = "check its permissions" if err.errno in (errno.EACCES, errno.EPERM) else "check the path"
        raise DataError([Problem(label, "", f"cannot be read ({err.strerror}); {advice}")]) from None


def decode(raw: bytes, label: str) -> str:
    """UTF-8 text without a byte-order mark; any other encoding is a DataError naming the line."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataError(
            [Problem(label, "", f"is not UTF-8 (byte 0x{raw[err.start]:02x}); save the file as UTF-8", line)]
        ) from None
    return text.removeprefix("\ufeff")


def parse_toml(text: str, label: str) -> dict[str, Any]:
    import tomli

    from chron.locate import syntax_hint

    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as err:
        lines = text.splitlines()
        line = lines[err.lineno - 1] if 0 < err.lineno <= len(lines) else ""
        why = f"TOML syntax error: {err.msg} (column {err.colno}){syntax_hint(err.msg, line)}"
        raise DataError([Problem(label, "", why + "; see https://toml.io for the syntax", err.lineno)]) from None
    except RecursionError:
        depth = [max(line.count("["), line.count("{"), line.count(".")) for line in text.splitlines()] or [0]
        line_no = depth.index(max(depth)) + 1
        why = "arrays or tables nested too deeply to read; flatten them (chron's files need two levels at most)"
        raise DataError([Problem(label, "", why, line_no)]) from None


def _parse(text: str, label: str, folder: Path, name: str, use_cache: bool) -> tuple[dict[str, Any], Keys | None]:
    """The TOML of one data file; a large one piece by piece, reusing the pieces the last run
    parsed (pieces.py), so an edit costs the tables it touched rather than the whole file. With it,
    the key of each element of its arrays of tables when it was read piece by piece."""
    if not use_cache or len(text) < cache.PIECES_MIN_SIZE or cache.pieces_path(folder, name) is None:
        return parse_toml(text, label), None
    from chron import pieces

    known = cache.read_pieces(folder, name)
    joined = pieces.parse(text, known)
    if joined is None:  # a syntax error, or a layout it cannot join with certainty
        return parse_toml(text, label), None
    data, found, keys = joined
    if found.keys() != known.keys():
        cache.write_pieces(folder, name, found)
    return data, keys


def _validator(model: type) -> Any:
    def build() -> Any:
        from pydantic import TypeAdapter

        return TypeAdapter(model).validator

    return cache.validator(model, build)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a dataset is read and stored.

    Parsing, validating and storing make millions of small objects and no reference cycles, and
    the collector's passes over them were a third of the time (100,000 events: tomli 6.5 s with it,
    3.9 s without; pydantic 2.0 s and 0.6 s). Reference counting still frees everything.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def validate(folder: Path, use_cache: bool = True) -> tuple[Chronology, Sources, list[bytes], list[bytes] | None]:
    """Both files of ``folder`` read, parsed, validated and cross-checked, with their bytes and the
    key of each event (pieces.Keys; None when the chronology was parsed whole); a DataError listing
    every problem, each located, otherwise."""
    from pydantic_core import ValidationError

    from chron.checks import cross_check
    from chron.locate import Lines, locate, schema_problems
    from chron.models import Chronology, Sources

    problems: list[Problem] = []
    parsed: dict[str, Any] = {}
    texts: dict[str, str] = {}
    raws: list[bytes] = []
    event_keys: list[bytes] | None = None
    for name, model in ((CHRONOLOGY, Chronology), (SOURCES, Sources)):
        label = str(folder / name)
        try:
            raws.append(read_bytes(folder / name, label))
            texts[label] = decode(raws[-1], label)
            data, keys = _parse(texts[label], label, folder, name, use_cache)
            if name == CHRONOLOGY and keys is not None:
                event_keys = keys.get("events")
        except DataError as err:
            problems.extend(err.problems)
            continue
        try:
            parsed[name] = _validator(model).validate_python(data)
        except ValidationError as exc:
            problems.extend(schema_problems(exc.errors(include_url=False), data, Lines(texts[label]), label))
    if problems:
        raise DataError(problems)
    chron, src = parsed[CHRONOLOGY], parsed[SOURCES]
    problems = cross_check(chron, src, str(folder / CHRONOLOGY), str(folder / SOURCES))
    if problems:
        raise DataError(locate(problems, {label: Lines(text) for label, text in texts.items()}))
    if event_keys is not None and len(event_keys) != len(chron.events):
        event_keys = None
    return chron, src, raws, event_keys


def read_sources(folder: Path) -> Sources:
    """``sources.toml`` alone, parsed and validated record by record but not checked across records:
    what ``import`` and ``link`` need while a dataset is being filled (works no note cites yet are
    fine here). A DataError lists every problem, located."""
    from pydantic_core import ValidationError

    from chron.locate import Lines, schema_problems
    from chron.models import Sources

    label = str(folder / SOURCES)
    text = decode(read_bytes(folder / SOURCES, label), label)
    data = parse_toml(text, label)
    try:
        found: Sources = _validator(Sources).validate_python(data)
    except ValidationError as exc:
        raise DataError(schema_problems(exc.errors(include_url=False), data, Lines(text), label)) from None
    return found


def load_dataset(folder: Path, *, use_cache: bool = True, on_slow: Callable[[], None] | None = None) -> Dataset:
    """The dataset of ``folder``: read, validated and cross-checked, or a DataError listing every
    problem. A current cache entry is opened without reading TOML or importing pydantic.
    ``on_slow`` is called once if reading takes more than a second, so the CLI can say why it waits.
    """
    if use_cache:
        kept = cache.open_current(folder)
        if kept is not None:
            found: Dataset = kept
            return found
    before = cache.stamp(folder)
    read_at = time.time_ns()
    timer = threading.Timer(SLOW_SECONDS, on_slow) if on_slow is not None else None
    if timer is not None:
        timer.daemon = True
        timer.start()
    try:
        with collector_paused():
            chron, src, raws, keys = validate(folder, use_cache)
            path = cache.entry_path(folder) if use_cache else None
            if path is not None and before is not None and cache.stamp(folder) == before:
                header = cache.header(folder, before, cache.digest_bytes(raws), read_at)
                stored = _store_in_cache(path, folder, chron, src, header, keys)
                if stored is not None:
                    return stored
            return _store_in_memory(folder, chron, src)
    finally:
        if timer is not None:
            timer.cancel()


def _store_in_memory(folder: Path, chron: Chronology, src: Sources) -> Dataset:
    from chron.dataset import Dataset
    from chron.store import build

    db = sqlite3.connect(":memory:")
    build(db, chron, src)
    return Dataset(db, folder)


def _store_in_cache(
    path: Path, folder: Path, chron: Chronology, src: Sources, header: Any, keys: list[bytes] | None
) -> Dataset | None:
    """Write the store into a new cache entry and open it; None when the cache cannot be written.
    After an edit that touched a few events the entry before it is copied and those events
    rewritten (store.update); otherwise the store is built whole."""
    from chron.dataset import Dataset
    from chron.store import build

    def make(tmp: Path) -> None:
        if keys is not None and _updated(path, tmp, chron, src, header, keys):
            return
        with open(tmp, "wb"):  # the empty private file mkstemp made: SQLite takes it as a new database
            pass
        db = sqlite3.connect(tmp)
        try:
            build(db, chron, src, extra={"header": header}, keys=keys)
        finally:
            db.close()

    try:
        cache.replace_with(path, make)
        db = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except (OSError, sqlite3.Error, ValueError, RecursionError):
        return None
    cache.evict()
    return Dataset(db, folder, path)


def _updated(path: Path, tmp: Path, chron: Chronology, src: Sources, header: Any, keys: list[bytes]) -> bool:
    """Whether ``tmp`` now holds the entry at ``path`` (same store format and code) brought up to
    date by store.update; on False the caller builds ``tmp`` anew."""
    import marshal
    import shutil

    from chron.store import update

    try:
        old = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            row = old.execute("SELECT value FROM meta WHERE key = 'header'").fetchone()
        finally:
            old.close()
        was = marshal.loads(row[0]) if row else None
        if not isinstance(was, tuple) or was[:3] != header[:3]:  # store format, code and folder
            return False
        shutil.copyfile(path, tmp)
        db = sqlite3.connect(tmp)
        try:
            return update(db, chron, src, keys, {"header": header})
        finally:
            db.close()
    except (OSError, sqlite3.Error, ValueError, EOFError, TypeError, IndexError):
        return False


def kept_text_path(folder: Path) -> Path | None:
    """The text kept beside the data (``chron extract --write`` keeps it), when the folder has one."""
    path = folder / KEPT_TEXT
    return path if path.is_file() else None


def kept_text(folder: Path) -> str | None:
    """The text kept beside the data (``article.txt``), or None when the folder has none; a
    DataError when it is there but cannot be read."""
    path = kept_text_path(folder)
    return read_text_file(path, str(path)) if path is not None else None


def read_text_file(path: Path, label: str) -> str:
    """A UTF-8 text (the text a dataset was taken from); a DataError saying why it cannot be read."""
    if not path.exists() and not path.is_symlink():
        raise DataError([Problem(label, "", "does not exist; check the path")])
    return decode(read_bytes(path, label, what="UTF-8 text file"), label)


def check_text(
    ds: Dataset, folder: Path, text: str, *, layout: str | None = None, markers: str | None = None
) -> list[Problem]:
    """Where the dataset is not verbatim in ``text`` (the text the data was taken from), each
    problem located in its file: quotes and date wordings anywhere in it; each note's text against
    the text's own note of that number and its ``attached_to`` against the words before that note's
    marker, read in the convention detected (or named by ``layout`` and ``markers``); and where the
    people's and places' ``printed`` spellings disagree with it (spellings.py)."""
    from chron.extract import check_text as check_in_text
    from chron.spellings import problems as spelling_problems

    chron_file, src_file = labels = (str(folder / CHRONOLOGY), str(folder / SOURCES))
    verbatim = [
        (f"events[id={ev.id}].{field}", getattr(ev, field)) for ev in ds.events() for field in ("quote", "date_text")
    ]
    verbatim += [(f"phases[n={ph.n}].quote", ph.quote) for ph in ds.phases if ph.quote]
    notes = [(note.n, note.text, note.attached_to) for note in ds.notes.values()]
    findings = check_in_text(text, notes, verbatim, layout=layout, markers=markers)
    problems = [Problem(chron_file if f.kind == "verbatim" else src_file, f.where, f.message) for f in findings]
    problems += spelling_problems(ds.people.values(), ds.places.values(), text, chron_file)
    return _located(problems, labels)


def check_warnings(ds: Dataset, folder: Path) -> list[Problem]:
    """What a loaded dataset holds that a person should look at (``checks.warnings``), located."""
    from chron.checks import warnings

    labels = (str(folder / CHRONOLOGY), str(folder / SOURCES))
    found = warnings(ds.phases, ds.people.values(), ds.places.values(), ds.article, ds.works.values(), *labels)
    return _located(found, labels)


def _located(problems: list[Problem], labels: tuple[str, ...]) -> list[Problem]:
    """The problems with their line numbers, read from the data files as they are now."""
    from chron.locate import Lines, locate

    if not problems:
        return []
    lines = {}
    for label in labels:
        try:
            lines[label] = Lines(decode(read_bytes(Path(label), label), label))
        except DataError:  # changed since it was loaded: the problems keep their record, without a line
            continue
    return locate(problems, lines)
