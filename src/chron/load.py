"""The only module that reads data files: TOML in, a validated ``Dataset`` out, or located errors.

A broken dataset raises ``DataError`` carrying every problem found in both files (syntax errors
with their line and column, schema errors with their record, field and line, then the checks
across records), never a traceback. Where the data lives: ``--data DIR``, else ``$CHRON_DATA``,
else the dataset shipped inside the package.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chron.errors import ChronError, DataError, Problem

if TYPE_CHECKING:
    from chron.models import Dataset

CHRONOLOGY = "chronology.toml"
SOURCES = "sources.toml"
ENV_VAR = "CHRON_DATA"


def default_data_dir() -> Path:
    """The shipped dataset: inside the wheel as package data, or at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "data"
    if (packaged / CHRONOLOGY).is_file():
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
            f"Point {source} at a folder holding {CHRONOLOGY} and {SOURCES}."
        )
    if not path.is_dir():
        raise ChronError(
            f"{str(path)!r} (from {source}) is a file, not a folder. "
            f"Point {source} at the folder holding {CHRONOLOGY} and {SOURCES}."
        )
    return path


def read_text(path: Path, label: str) -> str:
    """A data file as text: UTF-8, a leading BOM dropped; unreadable files become a DataError."""
    return decode(read_bytes(path, label), label)


def read_bytes(path: Path, label: str) -> bytes:
    """A data file's bytes; a missing, unreadable or folder path becomes a DataError that says so."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        if path.is_symlink():
            why = f"is a symbolic link to {os.readlink(path)!r}, which does not exist; fix or replace the link"
        else:
            why = (
                f"is missing. A dataset folder holds {CHRONOLOGY} and {SOURCES}; "
                "see docs/data-format.md for a minimal example"
            )
        raise DataError([Problem(label, "", why)]) from None
    except IsADirectoryError:
        raise DataError([Problem(label, "", "is a folder, not a file; replace it with a TOML file")]) from None
    except OSError as err:
        import errno

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

    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as err:
        line = text.splitlines()[err.lineno - 1] if 0 < err.lineno <= len(text.splitlines()) else ""
        why = f"TOML syntax error: {err.msg} (column {err.colno}){_syntax_hint(err.msg, line)}"
        raise DataError([Problem(label, "", why + "; see https://toml.io for the syntax", err.lineno)]) from None
    except RecursionError:
        depth = [max(line.count("["), line.count("{"), line.count(".")) for line in text.splitlines()] or [0]
        line_no = depth.index(max(depth)) + 1
        why = "arrays or tables nested too deeply to read; flatten them (chron's files need two levels at most)"
        raise DataError([Problem(label, "", why, line_no)]) from None


def _syntax_hint(message: str, line: str) -> str:
    """A plainer reading of tomli's message where the line shows what went wrong."""
    key = line.split("=", 1)[0].strip() if "=" in line else ""
    if "Cannot overwrite a value" in message or "Cannot declare" in message:
        return f": the key {key!r} is given twice in one table; keep one" if key else ": a key or table is given twice"
    if message.startswith("Illegal character") and (line.count('"') % 2 or line.count("'") % 2):
        return ': a string is not closed; end it with the same quote on the same line (or use """ for several lines)'
    if message == "Invalid statement" and line.strip() and "=" not in line and not line.lstrip().startswith("["):
        return ": expected `key = value`"
    if message == "Invalid value":
        return ': strings need quotes (title = "…"), lists brackets, numbers no quotes'
    return ""


# ------------------------------------------------------------------ locating schema errors


def _record_key(table: str) -> str:
    return "n" if table in ("notes", "phases") else "id"


def describe_loc(loc: tuple[int | str, ...], data: dict[str, Any]) -> tuple[str, str | None, str | None]:
    """Turn pydantic's ``('events', 3, 'date')`` into ``events[id=foo].date`` and the record's key.

    Returns (where, record key value, leaf field) so the caller can find the line in the file.
    """
    parts: list[str] = []
    node: Any = data
    record: str | None = None
    leaf: str | None = None
    for i, step in enumerate(loc):
        if isinstance(step, int):
            label = f"[{step}]"
            item = node[step] if isinstance(node, list) and step < len(node) else None
            if isinstance(item, dict) and i == 1:
                key = _record_key(str(loc[0]))
                if key in item and isinstance(item[key], (str, int)) and not isinstance(item[key], bool):
                    label = f"[{key}={item[key]}]"
                    record = str(item[key])
                else:
                    record = f"#{step}"  # no usable key: find the record by its position
            parts.append(label)
            node = item
        else:
            parts.append(("." if parts else "") + str(step))
            node = node.get(step) if isinstance(node, dict) else None
            leaf = str(step)
    return "".join(parts), record, leaf


def find_line(text: str, table: str | None, record: str | None, field: str | None, *, last: bool = False) -> int | None:
    """Best-effort line of a record's field in the TOML text (for messages only); ``last`` picks the
    last record with that key (a duplicate)."""
    lines = text.splitlines()
    start = 0
    bounded = table is not None and record is not None  # search the field inside one record only
    if table and record is not None and record.startswith("#"):
        headers = [i for i, line in enumerate(lines) if line.strip() == f"[[{table}]]"]
        index = int(record[1:])
        if index >= len(headers):
            return None
        start = headers[index]
        record = None
    elif table and record is not None:
        key = _record_key(table)
        pattern = re.compile(rf"^\s*{key}\s*=\s*[\"']?{re.escape(record)}[\"']?\s*(#.*)?$")
        hits = [i for i, line in enumerate(lines) if pattern.match(line)]
        if not hits:
            return None
        start = hits[-1] if last else hits[0]
        if field is None or field == key:
            return start + 1
        for back in range(start, -1, -1):  # the record's header, so fields above the key are found
            if lines[back].lstrip().startswith("[["):
                start = back
                break
    elif table:
        pattern = re.compile(rf"^\s*\[\[?\s*{re.escape(table)}\s*\]\]?")
        hits = [i for i, line in enumerate(lines) if pattern.match(line)]
        start = hits[0] if hits else 0
    if field:
        pattern = re.compile(rf"^\s*[\"']?{re.escape(field)}[\"']?\s*=")
        for i in range(start, len(lines)):
            if i > start and bounded and lines[i].lstrip().startswith(f"[[{table}]]"):
                break
            if pattern.match(lines[i]):
                return i + 1
    return start + 1 if table else None


TYPE_WORDS = {
    "tuple_type": "must be a list (in TOML: [ ... ])",
    "list_type": "must be a list (in TOML: [ ... ])",
    "dict_type": "must be a table (in TOML: { ... } or a [section])",
    "dataclass_type": "must be a table (in TOML: { ... } or a [section])",
    "dataclass_exact_type": "must be a table (in TOML: { ... } or a [section])",
    "int_type": "must be a whole number without quotes, such as 3",
    "float_type": "must be a number without quotes, such as 38 or 71.1",
    "string_type": "must be a string in quotes",
    "bool_type": "must be true or false",
}


def _valid_hint(err: dict[str, Any]) -> str:
    kind = err.get("type", "")
    msg = str(err.get("msg", "invalid value"))
    msg = msg.removeprefix("Value error, ")
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return "unknown field; check its spelling against docs/data-format.md or remove it"
    if kind in ("missing", "missing_argument"):
        return "required field is missing; add it (see docs/data-format.md)"
    if kind in TYPE_WORDS:
        return TYPE_WORDS[kind]
    if kind == "literal_error":
        return msg.replace("Input should be", "must be")
    if kind == "string_pattern_mismatch":
        return "must be a lowercase slug such as 'csepel-strike' (a-z, 0-9 and single hyphens)"
    if kind == "string_too_short":
        return "must not be empty"
    return msg.replace("Input should be", "must be")


def schema_problems(exc: Any, data: dict[str, Any], text: str, label: str) -> list[Problem]:
    """Every pydantic error as a located Problem."""
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        where, record, leaf = describe_loc(loc, data)
        table = str(loc[0]) if loc and not isinstance(loc[0], int) else None
        line = find_line(text, table if len(loc) > 1 else None, record, leaf)
        value = err.get("input")
        shown = ""
        hint = _valid_hint(err)
        if err.get("type") not in ("missing", "extra_forbidden", "unexpected_keyword_argument") and isinstance(
            value, (str, int, float)
        ):
            shown = "" if repr(value) in hint else f" (got {value!r})"
        out.append(Problem(label, where, hint + shown, line))
    return out


# ------------------------------------------------------------------ the dataset


@functools.cache
def adapter(model: type[Any]) -> Any:
    """A pydantic TypeAdapter for one of the schema dataclasses (pydantic is imported only here)."""
    from pydantic import TypeAdapter

    return TypeAdapter(model)


SLOW_SECONDS = 1.0  # a load this long is announced on stderr, and its cache is written behind


def load_dataset(
    folder: Path,
    *,
    article: str | None = None,
    use_cache: bool = True,
    on_slow: Callable[[], None] | None = None,
    write_behind: bool = False,
) -> Dataset:
    """Read, validate and cross-check both files of ``folder``; raise DataError listing every problem.

    A dataset that loaded cleanly before and whose files have not changed comes from the cache
    (``chron.cache``) without reading TOML or importing pydantic. ``article``: the article's text,
    to check quotes and note texts verbatim against it (never cached). ``on_slow`` is called once if
    reading takes more than a second, so the CLI can say why it is waiting. ``write_behind``: when
    reading took that long, store the cache from a child process instead of waiting for it (for a
    short-lived program such as the CLI; the next run to start before it is done reads the files).
    """
    from chron import cache

    if use_cache and article is None:
        hit = cache.read(folder)
        if hit is not None:
            return hit
    before = cache.stamp(folder)
    timer = threading.Timer(SLOW_SECONDS, on_slow) if on_slow is not None else None
    if timer is not None:
        timer.daemon = True
        timer.start()
    started = time.monotonic()
    with collector_paused():
        try:
            dataset, raws = _validate(folder, article, use_cache)
        finally:
            if timer is not None:
                timer.cancel()
        if use_cache and before is not None and cache.stamp(folder) == before:
            slow = time.monotonic() - started > SLOW_SECONDS
            store = cache.write_behind if write_behind and slow else cache.write
            store(folder, dataset, before, cache.digest_bytes(raws))
    return dataset


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


def _parse(text: str, label: str, folder: Path, name: str, use_cache: bool) -> dict[str, Any]:
    """The TOML of one data file; a large one piece by piece, reusing the pieces the last run
    parsed (chunks.py), so an edit costs the tables it touched rather than the whole file."""
    from chron import cache

    if not use_cache or len(text) < cache.PIECES_MIN_SIZE or cache.pieces_path(folder, name) is None:
        return parse_toml(text, label)
    from chron import chunks

    known = cache.read_pieces(folder, name)
    joined = chunks.parse(text, known)
    if joined is None:  # a syntax error, or a layout it cannot join with certainty
        return parse_toml(text, label)
    data, pieces = joined
    if pieces.keys() != known.keys():
        cache.write_pieces(folder, name, pieces)
    return data


def _validate(folder: Path, article: str | None, use_cache: bool = False) -> tuple[Dataset, list[bytes]]:
    from pydantic import ValidationError

    from chron.models import Chronology, Sources, check_against_article, cross_check
    from chron.models import Dataset as _Dataset

    problems: list[Problem] = []
    parsed: dict[str, Any] = {}
    texts: dict[str, str] = {}
    raws: list[bytes] = []
    for name, model in ((CHRONOLOGY, Chronology), (SOURCES, Sources)):
        path = folder / name
        label = str(path)
        try:
            raws.append(read_bytes(path, label))
            texts[name] = decode(raws[-1], label)
            data = _parse(texts[name], label, folder, name, use_cache)
        except DataError as err:
            problems.extend(err.problems)
            continue
        try:
            parsed[name] = adapter(model).validate_python(data)
        except ValidationError as exc:
            problems.extend(schema_problems(exc, data, texts[name], label))
    if problems:
        raise DataError(problems)
    chron, src = parsed[CHRONOLOGY], parsed[SOURCES]
    labels = (str(folder / CHRONOLOGY), str(folder / SOURCES))
    problems = cross_check(chron, src, *labels)
    if article is not None:
        problems += check_against_article(chron, src, article, *labels)
    for i, p in enumerate(problems):  # give cross-record problems a line where the record can be found
        if p.line is None:
            m = re.match(r"(\w+)\[(?:id|n)=([^\]]+)\](?:\.(\w+))?", p.where)
            if m:
                name = CHRONOLOGY if p.file == labels[0] else SOURCES
                line = find_line(texts[name], *m.groups(), last=p.message.startswith("duplicate"))
                problems[i] = Problem(p.file, p.where, p.message, line)
    if problems:
        raise DataError(problems)
    return _Dataset(chron, src, folder), raws
