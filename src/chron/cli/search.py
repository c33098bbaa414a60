"""``chron search``: find events, notes, works and lines of the text by words, phrases and field:value filters."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from chron.cli.context import load
from chron.cli.options import Filters, FormatOpt, emit, with_filters
from chron.errors import NotFoundError, UsageError
from chron.search import DEFAULT_KINDS, KINDS

if TYPE_CHECKING:
    from collections.abc import Iterator

    from chron.dataset import Dataset


@with_filters
def search(
    filters: Filters,
    words: Annotated[
        list[str],
        typer.Argument(
            metavar="QUERY...",
            help='Words (ANDed; unquoted words are the query), "a phrase", -word, a OR b, word* (a prefix), '
            "person: place: tag: phase: note: year: filters. See docs/usage.md.",
        ),
    ],
    where: Annotated[
        str | None,
        typer.Option(
            "--in",
            metavar="KINDS",
            help=f"Comma-separated: {', '.join(KINDS)} (default: {', '.join(DEFAULT_KINDS)}; events only when a "
            "filter of show is given). text: the lines of the text kept beside the data.",
        ),
    ] = None,
    exact: Annotated[
        bool,
        typer.Option("--exact", help="Match words exactly as typed: case and accents count, whole words only."),
    ] = False,
    limit: Annotated[int | None, typer.Option("--limit", min=0, metavar="N", help="At most N results.")] = None,
    fmt: FormatOpt = None,
) -> None:
    """Search events, notes, works and the text; each result says which fields matched."""
    import itertools

    from chron import listings
    from chron.search import keys as hit_keys
    from chron.search import parse_query
    from chron.search import search as run_search

    parsed = parse_query(" ".join(words))
    ds = load()
    flt = filters.resolve(ds)
    if where is None:
        kinds: tuple[str, ...] = ("events",) if not flt.is_empty else DEFAULT_KINDS
    else:
        kinds = tuple(k.strip() for k in where.split(",") if k.strip())
        unknown = [k for k in kinds if k not in KINDS]
        if unknown or not kinds:
            raise UsageError(f"--in takes a comma-separated list of {', '.join(KINDS)}; got {where!r}.")
    text = kept(ds) if "text" in kinds else None

    hits = itertools.islice(run_search(ds, parsed, kinds=kinds, flt=flt, exact=exact, text=text), limit)

    def keys() -> Iterator[str]:  # what -f ids prints: the keys alone, no hit made
        return itertools.islice(hit_keys(ds, parsed, kinds=kinds, flt=flt, exact=exact, text=text), limit)

    emit(listings.hits(hits, keys=keys), fmt)


def kept(ds: Dataset) -> str:
    """The text kept beside the data; an error saying where to put it when there is none."""
    from chron.load import KEPT_TEXT, kept_text_path, read_text_file

    path = kept_text_path(ds.folder) if ds.folder is not None else None
    if path is None:
        where = ds.folder / KEPT_TEXT if ds.folder is not None else KEPT_TEXT
        raise NotFoundError(
            f"no text is kept beside this data, so --in text has nothing to search; put the text the data "
            f"was taken from at {where} (`chron extract --write` keeps it there)."
        )
    return read_text_file(path, str(path))
