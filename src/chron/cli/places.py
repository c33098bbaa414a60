"""``chron places``: every place the events name, with aliases and event counts."""

from __future__ import annotations

from chron.cli.context import load
from chron.cli.options import FormatOpt, emit


def places(fmt: FormatOpt = None) -> None:
    """List the places, their aliases and how many events name them."""
    from chron.query import event_counts
    from chron.records import index_listing, place_record

    ds = load()
    counts = event_counts(ds)["places"]
    records = [place_record(p, counts.get(p.id, 0)) for p in sorted(ds.places.values(), key=lambda p: p.id)]
    emit(index_listing("places", records), fmt)
