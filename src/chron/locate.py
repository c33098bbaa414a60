"""Where a problem is in a data file: record paths, line numbers and plain wording of errors.

pydantic names a bad value by its path (``('events', 3, 'date')``); a person needs
``events[id=foo].date`` and the line in the file. ``Lines`` indexes a file's text once, so locating
every one of thousands of problems costs one pass over the file, not one per problem. Pure: text in,
locations and sentences out.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Mapping, Sequence
from typing import Any

from chron.errors import Problem


def record_key(table: str) -> str:
    """The field that names a record of ``table``: ``n`` for notes and phases, ``id`` elsewhere."""
    return "n" if table in ("notes", "phases") else "id"


def describe_loc(loc: tuple[int | str, ...], data: dict[str, Any]) -> tuple[str, str | None, str | None]:
    """Turn pydantic's ``('events', 3, 'date')`` into ``events[id=foo].date`` and the record's key.

    Returns (where, record key value, leaf field) so the caller can find the line in the file; a
    record without a usable key is named by its position, ``#3``.
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
                key = record_key(str(loc[0]))
                if key in item and isinstance(item[key], (str, int)) and not isinstance(item[key], bool):
                    label = f"[{key}={item[key]}]"
                    record = str(item[key])
                else:
                    record = f"#{step}"
            parts.append(label)
            node = item
        else:
            parts.append(("." if parts else "") + str(step))
            node = node.get(step) if isinstance(node, dict) else None
            leaf = str(step)
    return "".join(parts), record, leaf


_ASSIGNMENT = re.compile(r"""\s*["']?([A-Za-z0-9_-]+)["']?\s*=""")
_KEY_VALUE = re.compile(r"""\s*(id|n)\s*=\s*["']?(.*?)["']?\s*(?:#.*)?$""")
_HEADER = re.compile(r"\s*\[(\[?)\s*([A-Za-z0-9_-]+)\s*\]")


class Lines:
    """One TOML file's lines, indexed once: headers, ``id``/``n`` values and assigned keys."""

    def __init__(self, text: str) -> None:
        self.count = 0
        self.headers: dict[str, list[int]] = {}  # table -> lines of its [table] or [[table]] headers
        self.arrays: dict[str, list[int]] = {}  # table -> lines of its [[table]] headers
        self.any_array: list[int] = []  # lines of every [[...]] header
        self.keys: dict[tuple[str, str], list[int]] = {}  # ("id", "foo") -> lines
        self.fields: dict[str, list[int]] = {}  # key -> lines assigning it
        for i, line in enumerate(text.splitlines()):
            self.count = i + 1
            stripped = line.lstrip()
            if stripped.startswith("["):
                header = _HEADER.match(line)
                if header is not None:
                    self.headers.setdefault(header.group(2), []).append(i)
                if stripped.startswith("[["):
                    self.any_array.append(i)
                    if header is not None and header.group(1) and line.strip() == f"[[{header.group(2)}]]":
                        self.arrays.setdefault(header.group(2), []).append(i)
                continue
            assigned = _ASSIGNMENT.match(line)
            if assigned is None:
                continue
            self.fields.setdefault(assigned.group(1), []).append(i)
            named = _KEY_VALUE.match(line)
            if named is not None:
                self.keys.setdefault((named.group(1), named.group(2)), []).append(i)

    def _record_end(self, table: str, start: int) -> int:
        """The line after the record starting at ``start``: the next ``[[table]]`` header or the end."""
        headers = self.arrays.get(table, [])
        at = bisect.bisect_right(headers, start)
        return headers[at] if at < len(headers) else self.count

    def _field(self, field: str, start: int, end: int) -> int | None:
        lines = self.fields.get(field, [])
        at = bisect.bisect_left(lines, start)
        return lines[at] if at < len(lines) and lines[at] < end else None

    def find(self, table: str | None, record: str | None, field: str | None, *, last: bool = False) -> int | None:
        """The 1-based line of a record's field (or of the record, or of the table); ``last`` picks
        the last record with that key (a duplicate). None when it cannot be found."""
        start = 0
        end = self.count
        if table and record is not None and record.startswith("#"):
            headers = self.arrays.get(table, [])
            index = int(record[1:])
            if index >= len(headers):
                return None
            start = headers[index]
            end = self._record_end(table, start)
        elif table and record is not None:
            key = record_key(table)
            hits = self.keys.get((key, record), [])
            if not hits:
                return None
            start = hits[-1] if last else hits[0]
            if field is None or field == key:
                return start + 1
            back = bisect.bisect_right(self.any_array, start) - 1  # the record's header: fields above the key
            if back >= 0:
                start = self.any_array[back]
            end = self._record_end(table, start)
        elif table:
            headers = self.headers.get(table, [])
            start = headers[0] if headers else 0
        if field:
            found = self._field(field, start, end)
            if found is not None:
                return found + 1
        return start + 1 if table else None


_WHERE = re.compile(r"(\w+)\[(?:id|n)=([^\]]+)\](?:\.(\w+))?")


def locate(problems: list[Problem], lines: dict[str, Lines]) -> list[Problem]:
    """``problems`` with a line added where the record they name can be found in its file's text
    (``lines`` by file label)."""
    out = []
    for p in problems:
        found = _WHERE.match(p.where) if p.line is None and p.file in lines else None
        if found is None:
            out.append(p)
            continue
        line = lines[p.file].find(*found.groups(), last=p.message.startswith("duplicate"))
        out.append(dataclasses.replace(p, line=line))
    return out


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


def _valid_hint(err: Mapping[str, Any]) -> str:
    kind = err.get("type", "")
    msg = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return "unknown field; check its spelling against docs/data-format.md or remove it"
    if kind in ("missing", "missing_argument"):
        return "required field is missing; add it (see docs/data-format.md)"
    if kind in TYPE_WORDS:
        return TYPE_WORDS[kind]
    if kind == "string_pattern_mismatch":
        return "must be a lowercase slug such as 'first-meeting' (a-z, 0-9 and single hyphens)"
    if kind == "string_too_short":
        return "must not be empty"
    return msg.replace("Input should be", "must be")


def schema_problems(
    errors: Sequence[Mapping[str, Any]], data: dict[str, Any], lines: Lines, label: str
) -> list[Problem]:
    """Every validation error (pydantic's ``errors()``) as a located Problem."""
    out = []
    for err in errors:
        loc = tuple(err["loc"])
        where, record, leaf = describe_loc(loc, data)
        table = str(loc[0]) if loc and not isinstance(loc[0], int) else None
        line = lines.find(table if len(loc) > 1 else None, record, leaf)
        value = err.get("input")
        hint = _valid_hint(err)
        shown = ""
        if err.get("type") not in ("missing", "extra_forbidden", "unexpected_keyword_argument") and isinstance(
            value, (str, int, float)
        ):
            shown = "" if repr(value) in hint else f" (got {value!r})"
        out.append(Problem(label, where, hint + shown, line))
    return out


def syntax_hint(message: str, line: str) -> str:
    """A plainer reading of a TOML parser's message, where the line shows what went wrong."""
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
