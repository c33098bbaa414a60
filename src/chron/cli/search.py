"""``chron search``: find events, notes and works by words, phrases and field:value filters."""

from __future__ import annotations

from typing import Annotated

import typer

from chron.cli.context import load
from chron.cli.options import Filters, FormatOpt, emit, with_filters
from chron.errors import UsageError
from chron.search import KINDS


@with_filters
def search(
    filters: Filters,
    query: Annotated[
        str,
        typer.Argument(
            help='Words (ANDed), "a phrase", -word, a OR b, person: place: tag: '
            "phase: note: year: filters. See docs/usage.md."
        ),
    ],
    where: Annotated[
        str | None,
        typer.Option(
            "--in",
            metavar="KINDS",
            help=f"Comma-separated: {', '.join(KINDS)} (default: all; events only when a filter of show is given).",
        ),
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=0, metavar="N", help="At most N results.")] = None,
    fmt: FormatOpt = None,
) -> None:
    """Search events, notes and works; each result says which field matched."""
    import itertools

    from chron import listings
    from chron.search import parse_query
    from chron.search import search as run_search

    parsed = parse_query(query)
    ds = load()
    flt = filters.resolve(ds)
    if where is None:
        kinds: tuple[str, ...] = ("events",) if not flt.is_empty else KINDS
    else:
        kinds = tuple(k.strip() for k in where.split(",") if k.strip())
        unknown = [k for k in kinds if k not in KINDS]
        if unknown or not kinds:
            raise UsageError(f"--in takes a comma-separated list of {', '.join(KINDS)}; got {where!r}.")
    hits = run_search(ds, parsed, kinds=kinds, flt=flt)
    emit(listings.hits(itertools.islice(hits, limit)), fmt)
