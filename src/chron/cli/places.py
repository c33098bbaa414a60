"""``chron places``: every place the events name, with aliases and event counts."""

from __future__ import annotations

from chron.cli.context import load
from chron.cli.options import FormatOpt, emit


def places(fmt: FormatOpt = None) -> None:
    """List the places, their aliases and how many events name them."""
    from chron import listings

    emit(listings.places(load()), fmt)
