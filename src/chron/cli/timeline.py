"""``chron timeline``: the events as a picture in the terminal, or as TimelineJS3, markwhen or HTML."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chron.cli.context import load, out, say, stdout_is_terminal
from chron.cli.files import write_atomically
from chron.cli.options import (
    Filters,
    a_path,
    choice,
    helps,
    terminal_width,
    use_color,
    with_filters,
)


def _choices() -> tuple[dict[str, str], dict[str, str]]:
    from chron.timeline import FORMATS, UNITS

    return helps(FORMATS), {u: f"one line of the axis per {u}" for u in UNITS}


FORMATS, UNITS = _choices()


@with_filters
def timeline(
    filters: Filters,
    by: Annotated[
        str | None,
        choice(UNITS, "--by", metavar="UNIT", help="Group the picture by", default="chosen per phase"),
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
    fmt: Annotated[str | None, choice(FORMATS, "--format", "-f", help="Output format", default="text")] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE instead of stdout.",
            callback=a_path,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Draw the events as a timeline, or write it as TimelineJS3 JSON, markwhen or a standalone HTML page."""
    from chron import timeline as drawn
    from chron.citation import context, note_entries

    ds = load()
    events = list(ds.events(filters.resolve(ds)))
    ctx = context(ds)

    def cite(n: int) -> list[str]:
        note = ds.notes.get(n)
        return [e.text.plain() for e in note_entries("chicago-note", ds, ctx, note, short=True)] if note else []

    tty = stdout_is_terminal()
    opts = drawn.Options(
        width=width or (terminal_width() if tty else 80),
        unit=by,
        ascii_only=ascii_only or not tty,
        color=use_color() and not ascii_only,
        cite=cite,
    )
    text = drawn.FORMATS[fmt or "text"].render(ds, events, opts)
    if not events and tty:
        say("no events match")
    if output is None:
        out(text.rstrip("\n"))
        return
    write_atomically(Path(output), text if text.endswith("\n") else text + "\n", force=force)
    say(f"wrote {len(events)} events to {output}")
