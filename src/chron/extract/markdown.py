"""Markdown footnotes: ``[^label]`` markers and ``[^label]: text`` definitions (pandoc's syntax)."""

from __future__ import annotations

import re

from chron.extract.lines import split_lines
from chron.extract.notes import _STOP, NotesFound, RawNote, _duplicates, _finish, _line_numbers

_MD_DEFINITION = re.compile(r"[ \t]{0,3}\[\^([^\]\s]+)\]:[ \t]?(.*)")
_MD_REFERENCE = re.compile(r"\[\^([^\]\s]+)\](?!:)")


def _number(label: str) -> bool:
    """A label that is a note number: ASCII digits only (``int()`` would also take "²" or "٣")."""
    return label.isascii() and label.isdigit()


def find_markdown(text: str) -> NotesFound | None:
    """Markdown footnote definitions ``[^label]: text`` with their indented (or lazy) continuations.

    Numeric labels are the notes' numbers. Otherwise notes are numbered as pandoc numbers them:
    in the order of their first reference in the body, then unreferenced definitions in order.
    """
    lines = split_lines(text)
    defs: list[tuple[str, RawNote, int, int]] = []  # label, note, first line index, last line index
    i = 0
    while i < len(lines):
        m = _MD_DEFINITION.fullmatch(lines[i].content)
        if m is None:
            i += 1
            continue
        label, first_text = m.group(1), m.group(2).rstrip()
        note = RawNote(0, None, lines[i].start + m.start(2), label=label, parts=[first_text] if first_text else [])
        j = i + 1
        last = i
        pending_blank = False
        while j < len(lines):
            content = lines[j].content
            if not content.strip():
                pending_blank = True
                j += 1
                continue
            indented = content.startswith(("    ", "\t"))
            if _MD_DEFINITION.fullmatch(content):
                break
            if indented or (not pending_blank and not _STOP.fullmatch(content)):
                if pending_blank:
                    note.parts.append("")
                note.parts.append(content.strip())
                last = j
                pending_blank = False
                j += 1
                continue
            break
        _finish(note)
        defs.append((label, note, i, last))
        i = last + 1
    if not defs:
        return None
    regions = [(lines[a].start, lines[b].end) for _, _, a, b in defs]
    # references outside the definitions, in reading order
    inside = [(lines[a].start, lines[b].end) for _, _, a, b in defs]
    refs: list[str] = []
    for m in _MD_REFERENCE.finditer(text):
        if not any(s <= m.start() < e for s, e in inside):
            refs.append(m.group(1))
    numeric = all(_number(label) for label, *_ in defs) and all(_number(r) for r in refs)
    numbers: dict[str, int] = {}
    if numeric:
        numbers = {label: int(label) for label in [*(d[0] for d in defs), *refs]}
    else:
        for label in [*refs, *(d[0] for d in defs)]:
            numbers.setdefault(label, len(numbers) + 1)
    notes: list[RawNote] = []
    for label, note, _, _ in defs:
        note.n = numbers[label]
        if numeric:
            note.label = None
        notes.append(note)
    notes.sort(key=lambda note: (note.n, note.start))
    kept, anomalies = _duplicates(notes, _line_numbers(lines, notes))
    return NotesFound("markdown", kept, regions, anomalies, labels=numbers)
