"""``chron tags``: the tag vocabulary with descriptions and event counts."""

from __future__ import annotations

from chron.cli.context import load
from chron.cli.options import FormatOpt, emit


def tags(fmt: FormatOpt = None) -> None:
    """List the tags, what each is for and how many events carry it."""
    from chron.query import event_counts
    from chron.records import index_listing, tag_record

    ds = load()
    counts = event_counts(ds)["tags"]
    records = [tag_record(t, counts.get(t.id, 0)) for t in ds.tags.values()]
    emit(index_listing("tags", records), fmt)
