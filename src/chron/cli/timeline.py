"""``chron timeline``: the events as a picture in the terminal, or as TimelineJS3, markwhen or HTML."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chron.cli.context import load, out, say
from chron.cli.options import (
    Filters,
    a_path,
    check_format,
    complete_from,
    format_option,
    stdout_is_terminal,
    terminal_width,
    use_color,
    with_filters,
)

TIMELINE_FORMATS = ("text", "timelinejs", "markwhen", "html")
UNIT_NAMES = ("day", "week", "month", "year")


@with_filters
def timeline(
    filters: Filters,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar="UNIT",
            help="Group by day, week, month or year (default: chosen per phase).",
            callback=check_format(UNIT_NAMES),
            autocompletion=complete_from(UNIT_NAMES),
        ),
    ] = None,
    width: Annotated[
        int | None,
        typer.Option(
            "--width", "-w", min=20, max=1000, metavar="N", help="Columns to draw in (default: the terminal's, or 80)."
        ),
    ] = None,
    ascii_only: Annotated[
        bool, typer.Option("--ascii", help="Plain ASCII drawing (the default when not a terminal).")
    ] = False,
    fmt: Annotated[str | None, format_option(TIMELINE_FORMATS)] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (html, timelinejs, markwhen) instead of stdout.",
            callback=a_path,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Draw the events as a timeline, or write it as TimelineJS3 JSON, markwhen or a standalone HTML page."""
    from chron.citation import context, note_entries
    from chron.cli.export import write_atomically
    from chron.query import filter_events
    from chron.timeline import markwhen, page, terminal, timelinejs_text

    ds = load()
    flt = filters.resolve(ds)
    events = filter_events(ds, flt)
    chosen = fmt or "text"
    if chosen == "text":
        tty = stdout_is_terminal()
        text = terminal(
            ds,
            events,
            width=width or (terminal_width() if tty else 80),
            unit=by,
            ascii_only=ascii_only or not tty,
            color=use_color() and not ascii_only,
        )
    else:
        ctx = context(ds)
        cited = {
            n: [e.text.plain() for e in note_entries("chicago-note", ds, ctx, ds.notes[n], short=True)]
            for n in sorted({n for e in events for n in e.notes})
            if n in ds.notes
        }
        if chosen == "timelinejs":
            text = timelinejs_text(ds, events, cited)
        elif chosen == "markwhen":
            text = markwhen(ds, events)
        else:
            text = page(ds, events, cited)
    if not events and stdout_is_terminal():
        say("no events match")
    if output is None:
        out(text.rstrip("\n"))
        return
    write_atomically(Path(output), text if text.endswith("\n") else text + "\n", force=force)
    say(f"wrote {len(events)} events to {output}")
