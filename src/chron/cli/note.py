"""``chron note N``: one footnote, its verbatim text, where it stands, what it cites, what rests on it."""

from __future__ import annotations

from typing import Annotated

import typer

from chron.cli.context import load
from chron.cli.options import CardFormatOpt, complete_note, emit_card


def note(
    number: Annotated[str, typer.Argument(metavar="N", help="The note number.", autocompletion=complete_note)],
    fmt: CardFormatOpt = None,
) -> None:
    """Show a footnote: its text, the words it follows, the works it cites and the events resting on it."""
    from chron.cards import note_card
    from chron.citation import context, note_entries
    from chron.query import find_note

    ds = load()
    found = find_note(ds, number)
    entries = note_entries("chicago-note", ds, context(ds), found, full=True)
    emit_card(note_card(ds, found, entries), fmt)
