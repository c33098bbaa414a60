"""``chron event ID``: one event in full, with its notes and the works they cite."""

from __future__ import annotations

from typing import Annotated

import typer

from chron.cli.context import load
from chron.cli.options import CardFormatOpt, complete_event, emit_card


def event(
    event_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The event's id (`chron show -f ids` lists them).", autocompletion=complete_event
        ),
    ],
    fmt: CardFormatOpt = None,
) -> None:
    """Show one event in full: date, the text's words, people, places, tags, notes and sources."""
    from chron.cards import event_card
    from chron.citation import context, note_entries
    from chron.query import find_event

    ds = load()
    ev = find_event(ds, event_id)
    ctx = context(ds)
    cited = {n: note_entries("chicago-note", ds, ctx, ds.notes[n], short=True) for n in ev.notes if n in ds.notes}
    emit_card(event_card(ds, ev, cited), fmt)
