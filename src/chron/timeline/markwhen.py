"""markwhen text: the events grouped by phase, one line each (pure: events in, text out).

Every value is escaped by markwhen's grammar (escape.markwhen_text, escape.yaml_scalar): a summary
that starts with a date, ``endGroup`` or ``key:`` stays the event's text, and the title is a
valid YAML header value.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from chron import dates
from chron.escape import markwhen_text, yaml_scalar

if TYPE_CHECKING:
    from chron.dataset import Dataset
    from chron.models import Event
    from chron.timeline import Options


def _markwhen_date(when: dates.HistDate) -> str:
    """markwhen reads EDTF ranges; seasons, X digits and qualifiers become plain month or year ranges."""

    def plain(point: dates.Point, end: bool) -> str:
        e = point.latest if end else point.earliest
        if point.precision == "day":
            return e.isoformat()
        if point.precision in ("month", "season"):
            return f"{e.year:04d}-{e.month:02d}"
        return f"{e.year:04d}"

    if when.start is None:
        assert when.end is not None
        return plain(when.end, True)
    if when.end is None:
        return plain(when.start, False)
    a, b = plain(when.start, False), plain(when.end, True)
    return a if a == b else f"{a}/{b}"


def markwhen(ds: Dataset, events: Sequence[Event], opts: Options) -> str:
    lines = [f"title: {yaml_scalar(ds.title or ds.article.title or 'Timeline')}", ""]
    from chron.timeline.terminal import by_phase

    for phase, evs in by_phase(ds, events):
        if phase is not None:
            lines.append(f"group {phase.n} · {markwhen_text(phase.name, after_date=True)}")
        for ev in evs:
            tags = " ".join(f"#{t}" for t in ev.tags)
            note = f" (the text: “{markwhen_text(ev.date_text, after_date=True)}”)"
            title = markwhen_text(ev.title, after_date=True)
            lines.append(f"{_markwhen_date(ev.when)}: {title}{note} {tags}".rstrip())
            lines.append(markwhen_text(ev.summary))
        if phase is not None:
            lines += ["endGroup", ""]
    return "\n".join(lines)
