"""``chron notes``: every note with its first words, the works it cites, its marker and its events."""

from __future__ import annotations

from typing import Annotated

import typer

from chron.cli.context import load
from chron.cli.options import FormatOpt, complete_work, emit


def notes(
    cites: Annotated[
        list[str] | None,
        typer.Option(
            "--cites",
            metavar="WORK_ID",
            help="Notes citing this work; repeat to add works.",
            autocompletion=complete_work,
        ),
    ] = None,
    no_marker: Annotated[
        bool, typer.Option("--no-marker", help="Only notes whose marker is not in the body (marker_absent).")
    ] = False,
    no_cites: Annotated[bool, typer.Option("--no-cites", help="Only notes citing no work.")] = False,
    events: Annotated[bool, typer.Option("--events", help="Only notes at least one event rests on.")] = False,
    fmt: FormatOpt = None,
) -> None:
    """List the notes: first words, the works each cites, whether its marker is in the body, its events."""
    from chron import listings
    from chron.notes import NoteFilter, select

    ds = load()
    flt = NoteFilter.from_options(ds, cites=cites or (), no_marker=no_marker, no_cites=no_cites, with_events=events)
    emit(listings.notes(ds, select(ds, flt)), fmt)
