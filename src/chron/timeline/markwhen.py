"""markwhen text: the events grouped by phase, one line each (pure: events in, text out).

Written for markwhen's own parser (``@markwhen/parser``; docs/timeline.md records the check): the
title is a YAML header value, each phase a Markdown-style section heading (the parser ends a
section at the next heading, so there is no closing line), and tags are word characters only.
Every value is escaped by markwhen's grammar (escape.markwhen_text, escape.yaml_scalar): a summary
that starts with a date, a heading's ``#`` or ``key:`` stays the event's text.
"""

from __future__ import annotations

import re
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


def _tag(tag: str) -> str:
    """A tag as markwhen reads one: word characters only, so a slug's hyphens become underscores."""
    return "#" + re.sub(r"\W", "_", tag)


def markwhen(ds: Dataset, events: Sequence[Event], opts: Options) -> str:
    """A markwhen document: the title in the header, each phase a section (``# n · name``), each
    event its date, title, the text's wording of the date and its tags, then its summary."""
    from chron.timeline.terminal import by_phase

    lines = [f"title: {yaml_scalar(ds.title or ds.article.title or 'Timeline')}", ""]
    for phase, evs in by_phase(ds, events):
        heading = f"{phase.n} · {phase.name}" if phase is not None else "Outside the phases"
        lines += [f"# {markwhen_text(heading, after_date=True)}", ""]
        for ev in evs:
            tags = " ".join(_tag(t) for t in ev.tags)
            note = f" (the text: “{markwhen_text(ev.date_text, after_date=True)}”)"
            title = markwhen_text(ev.title, after_date=True)
            lines.append(f"{_markwhen_date(ev.when)}: {title}{note} {tags}".rstrip())
            lines.append(markwhen_text(ev.summary))
        lines.append("")
    return "\n".join(lines).rstrip("\n")
