"""``chron phases``: the phases with their dates, the text's description and event counts."""

from __future__ import annotations

from chron.cli.context import load
from chron.cli.options import FormatOpt, emit


def phases(fmt: FormatOpt = None) -> None:
    """List the phases with their dates, descriptions and event counts."""
    from chron import listings

    emit(listings.phases(load()), fmt)
