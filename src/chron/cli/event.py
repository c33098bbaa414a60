"""``chron event ID``: one event in full, with its notes and the works they cite."""

from __future__ import annotations

from typing import Annotated

import typer

from chron.cli.context import load, out
from chron.cli.options import complete_event, format_option

EVENT_FORMATS = ("text", "json", "markdown")


def event(
    event_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The event's id (`chron show -f ids` lists them).", autocompletion=complete_event
        ),
    ],
    fmt: Annotated[str | None, format_option(EVENT_FORMATS)] = None,
) -> None:
    """Show one event in full: date, the article's words, people, places, tags, notes and sources."""
    from chron.citation import context, note_entries
    from chron.query import find_event
    from chron.records import event_record
    from chron.render import to_json
    from chron.views import event_view

    ds = load()
    ev = find_event(ds, event_id)
    ctx = context(ds)
    cited = {n: note_entries("chicago-note", ds, ctx, ds.notes[n], short=True) for n in ev.notes if n in ds.notes}
    if fmt == "json":
        record = event_record(ds, ev)
        record["notes"] = [
            {
                "n": n,
                "text": ds.notes[n].text,
                "cites": [{"work": e.work.id, "locator": e.locator, "short": e.text.plain()} for e in entries],
            }
            for n, entries in cited.items()
        ]
        out(to_json(record))
        return
    out(event_view(ds, ev, cited, markdown=fmt == "markdown"))
