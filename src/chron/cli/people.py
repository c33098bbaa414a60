"""``chron people``: everyone the events name, with aliases and event counts."""

from __future__ import annotations

from chron.cli.context import load
from chron.cli.options import FormatOpt, emit


def people(fmt: FormatOpt = None) -> None:
    """List the people, their aliases and how many events name them."""
    from chron.query import event_counts
    from chron.records import index_listing, person_record

    ds = load()
    counts = event_counts(ds)["people"]
    records = [person_record(p, counts.get(p.id, 0)) for p in sorted(ds.people.values(), key=lambda p: p.id)]
    emit(index_listing("people", records), fmt)
