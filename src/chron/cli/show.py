"""``chron show``: the events, in chronological order, filtered by phase, date, person, place, tag, note."""

from __future__ import annotations

from typing import Annotated

import typer

from chron.cli.context import load
from chron.cli.options import Filters, FormatOpt, emit, with_filters


@with_filters
def show(
    filters: Filters,
    limit: Annotated[int | None, typer.Option("--limit", min=0, metavar="N", help="At most N events.")] = None,
    reverse: Annotated[bool, typer.Option("--reverse", "-r", help="Latest first.")] = False,
    fmt: FormatOpt = None,
) -> None:
    """List events in date order, filtered by phase, dates, people, places, tags or notes."""
    from chron import listings

    ds = load()
    flt = filters.resolve(ds)
    found = ds.events(flt, reverse=reverse, limit=limit)  # read only as it is printed
    emit(listings.events(ds, found, keys=lambda: ds.ids(flt, reverse=reverse, limit=limit)), fmt)
