"""``chron note N``: one footnote, its verbatim text, where it stands, what it cites, what rests on it."""

from __future__ import annotations

from typing import Annotated

import typer

from chron.cli.context import load, out
from chron.cli.options import complete_note, format_option

NOTE_FORMATS = ("text", "json", "markdown")


def note(
    number: Annotated[str, typer.Argument(metavar="N", help="The note number.", autocompletion=complete_note)],
    fmt: Annotated[str | None, format_option(NOTE_FORMATS)] = None,
) -> None:
    """Show a footnote: its text, the words it follows, the works it cites and the events resting on it."""
    from chron.citation import context, note_entries
    from chron.query import find_note
    from chron.records import note_record
    from chron.render import to_json
    from chron.views import note_view

    ds = load()
    found = find_note(ds, number)
    ctx = context(ds)
    entries = note_entries("chicago-note", ds, ctx, found, full=True)
    if fmt == "json":
        record = note_record(ds, found, {found.n: [e.text.plain() for e in entries]})
        out(to_json(record))
        return
    out(note_view(ds, found, entries, markdown=fmt == "markdown"))
