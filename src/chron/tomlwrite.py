"""Writing into a user's ``sources.toml`` without undoing their formatting (tomlkit; pure: text in, text out).

``add_works`` appends works after the last ``[[works]]`` table (or before the first ``[[notes]]``
when there is none); ``fill_cites`` gives ``[[notes.cites]]`` to the notes named that have no cites
yet and never touches a note that has them; ``add_notes`` appends the notes the file lacks and
reports those it has with other words, never changing them. Comments, blank lines, key order, quoting and inline
tables elsewhere in the file stay exactly as they were; a comment that stood above the next table
stays above it. New tables follow the shipped files' style (``author = [{ family = "…" }]``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from typing import Any

import tomlkit
from tomlkit.items import AoT, Comment, Item, Table, Whitespace

from chron.escape import toml_string
from chron.models import NAME_ROLES, Cite, Name, Note, Work, alias

NAME_FIELDS = ("family", "given", "literal", "printed")


def _name_table(name: Name) -> dict[str, str]:
    return {k: v for k in NAME_FIELDS if (v := getattr(name, k))}


def work_table(work: Work) -> dict[str, Any]:
    """A work as the table ``sources.toml`` stores: TOML keys, fields in schema order, unset ones left out."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(Work):
        value = getattr(work, f.name)
        if value in (None, "", ()):
            continue
        if f.name in NAME_ROLES:
            out[alias(f.name)] = [_name_table(n) for n in value]
        else:
            out[alias(f.name)] = value
    return out


def cite_table(cite: Cite) -> dict[str, str]:
    """A cite as a ``[[notes.cites]]`` table: work, then locator, label and prefix when set."""
    return {f.name: v for f in dataclasses.fields(Cite) if (v := getattr(cite, f.name))}


def _value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, str):  # controls and bidi characters escaped, which tomlkit leaves raw
        return toml_string(value)
    return str(tomlkit.item(value).as_string())


def work_toml(work: Work) -> str:
    """One ``[[works]]`` table as text, in the shipped file's style."""
    lines = ["[[works]]"] + [f"{k} = {_value(v)}" for k, v in work_table(work).items()]
    return "\n".join(lines) + "\n"


def _pop_trivia(table: Table) -> list[Item]:
    """Take the blank lines and comments that end a table (they stand above the next header)."""
    body = table.value.body
    out: list[Item] = []
    while body and body[-1][0] is None and isinstance(body[-1][1], (Whitespace, Comment)):
        out.insert(0, body.pop()[1])
    return out


def _push_trivia(table: Table, items: list[Item]) -> None:
    for item in items:
        table.value.append(None, item)


def add_works(text: str, works: Sequence[Work]) -> str:
    """``text`` with ``works`` appended as ``[[works]]`` tables; everything else kept as it was."""
    if not works:
        return text
    doc = tomlkit.parse(text)
    current = doc.get("works")
    new = [tomlkit.parse(work_toml(w))["works"][0] for w in works]
    if isinstance(current, AoT) and len(current):
        previous = current[-1]
        trivia = _pop_trivia(previous)
        if not trivia or not trivia[-1].as_string().endswith("\n"):
            trivia.append(tomlkit.ws("\n"))
        previous.value.append(None, tomlkit.ws("\n"))  # one blank line between works
        for table in new:
            current.append(table)
            table.trivia.indent = ""
            if table is not new[-1]:
                table.value.append(None, tomlkit.ws("\n"))
        _push_trivia(new[-1], trivia)
        return tomlkit.dumps(doc)
    block = "\n".join(work_toml(w) for w in works) + "\n"
    return _insert_before_notes(text, block)


def _insert_before_notes(text: str, block: str) -> str:
    """Put ``block`` above the first ``[[notes]]`` header and the comment lines right above it."""
    lines = text.splitlines(keepends=True)
    at = next((i for i, line in enumerate(lines) if re.match(r"\s*\[\[\s*notes\s*\]\]", line)), None)
    if at is None:
        return text + ("" if text.endswith("\n\n") or not text else "\n" if text.endswith("\n") else "\n\n") + block
    while at > 0 and lines[at - 1].lstrip().startswith("#"):
        at -= 1
    before = "".join(lines[:at])
    if before and not before.endswith("\n\n"):
        block = "\n" + block
    return before + block + "".join(lines[at:])


def fill_cites(text: str, cites: Mapping[int, Sequence[Cite]]) -> tuple[str, tuple[int, ...]]:
    """``text`` with ``[[notes.cites]]`` added to each note of ``cites`` that has none yet, and the
    numbers of the notes filled. Notes with cites, and notes not named, are left exactly as they are."""
    doc = tomlkit.parse(text)
    notes = doc.get("notes")
    filled: list[int] = []
    if not isinstance(notes, AoT):
        return text, ()
    for note in notes:
        n = note.get("n")
        wanted = cites.get(n) if isinstance(n, int) else None
        if not wanted or note.get("cites"):
            continue
        trivia = _pop_trivia(note)
        tables = tomlkit.aot()
        for cite in wanted:
            table = tomlkit.table()
            for key, value in cite_table(cite).items():
                table[key] = tomlkit.parse(f"v = {_value(value)}\n")["v"]  # keeps _value's escapes
            tables.append(table)
        note["cites"] = tables
        for table in tables:
            table.trivia.indent = ""
        _push_trivia(tables[-1], trivia)
        filled.append(n)
    return (tomlkit.dumps(doc) if filled else text), tuple(filled)


# ---------------------------------------------------------------- notes (chron extract --write)

NOTE_FIELDS = ("text", "text_missing", "attached_to", "marker_absent", "remark")


def note_toml(note: Note) -> str:
    """One ``[[notes]]`` table as text (number, text or why none, marker words or why none, remark)."""
    lines = ["[[notes]]", f"n = {note.n}"]
    lines += [f"{key} = {_value(value)}" for key in NOTE_FIELDS if (value := getattr(note, key))]
    for cite in note.cites:
        lines += ["[[notes.cites]]"] + [f"{k} = {_value(v)}" for k, v in cite_table(cite).items()]
    return "\n".join(lines) + "\n"


@dataclasses.dataclass(frozen=True, slots=True)
class NotesAdded:
    """What ``add_notes`` did: the new text, the notes added, and the notes the file already had
    with other words (``(n, fields)``, left exactly as they were)."""

    text: str
    added: tuple[int, ...]
    same: tuple[int, ...]
    differing: tuple[tuple[int, tuple[str, ...]], ...]


def _squeezed(value: Any) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def add_notes(text: str, notes: Sequence[Note]) -> NotesAdded:
    """``text`` with each of ``notes`` whose number it lacks appended as a ``[[notes]]`` table, in
    number order, at the end of the file (after any comments there). A note the file has already is
    never touched: it is ``same`` when its ``text`` and ``attached_to`` match (whitespace runs
    counting as one space), else ``differing``, with the fields that differ."""
    doc = tomlkit.parse(text)
    current = doc.get("notes")
    have: dict[int, Any] = {}
    if isinstance(current, AoT):
        have = {t.get("n"): t for t in current if isinstance(t.get("n"), int)}
    new = sorted((note for note in notes if note.n not in have), key=lambda note: note.n)
    same: list[int] = []
    differing: list[tuple[int, tuple[str, ...]]] = []
    for note in notes:
        table = have.get(note.n)
        if table is None:
            continue
        fields = tuple(f for f in ("text", "attached_to") if _squeezed(table.get(f)) != _squeezed(getattr(note, f)))
        if fields:
            differing.append((note.n, fields))
        else:
            same.append(note.n)
    if not new:
        return NotesAdded(text, (), tuple(same), tuple(differing))
    gap = "" if not text or text.endswith("\n\n") else "\n" if text.endswith("\n") else "\n\n"
    block = "\n".join(note_toml(note) for note in new)
    return NotesAdded(text + gap + block, tuple(n.n for n in new), tuple(same), tuple(differing))
