"""``chron tags``: the tag vocabulary with descriptions and event counts."""

from __future__ import annotations

from chron.cli.context import load
from chron.cli.options import FormatOpt, emit


def tags(fmt: FormatOpt = None) -> None:
    """List the tags, what each is for and how many events carry it."""
    from chron import listings

    emit(listings.tags(load()), fmt)
