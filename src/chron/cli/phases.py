"""``chron phases``: the phases with their dates, the article's description and event counts."""

from __future__ import annotations

from chron.cli.context import load
from chron.cli.options import FormatOpt, emit


def phases(fmt: FormatOpt = None) -> None:
    """List the phases with their dates, descriptions and event counts."""
    from chron.query import event_counts
    from chron.records import phase_listing

    ds = load()
    emit(phase_listing(ds, event_counts(ds)["phases"]), fmt)
