"""markwhen text: the events grouped by phase, one line each (pure: events in, text out).

Written for markwhen's own parser (``@markwhen/parser``; docs/timeline.md records the check): the
title is a YAML header value, each phase a Markdown-style section heading (the parser ends a
section at the next heading, so there is no closing line), tags are word characters only, and a
description that markwhen would read as a property, heading or date is prefixed with ". ".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from chron import dates
from chron.render import one_line, to_json

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


# What YAML reads as something other than plain text at the start of, or anywhere in, a value.
_YAML_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#]*(?<![\s:])")
# A line markwhen would read as a property (``key: value``), a section heading (``# …``), a list
# or checkbox, a comment, or a front-matter fence, rather than as the event's text.
_NOT_TEXT = re.compile(r"\s*(?:[\w\-.]+:(?:\s|$)|#{1,6}\s|- |\[|//|---)")
# Whatever stands before a colon near a line's start may read as a date to markwhen ("1956:",
# "November 4:", "after 2 days:"), so such a line is marked as text too.
_SHORT_HEAD = re.compile(r"[^:]{0,50}:")


def _header_value(text: str) -> str:
    """A value for the header: plain when YAML reads it as that text, else double-quoted (JSON's
    escapes are YAML's)."""
    line = " ".join(one_line(text).split())
    return line if _YAML_PLAIN.fullmatch(line) else to_json(line, indent=None)


def _text_line(text: str) -> str:
    """An event's description on one line, prefixed with ". " where markwhen would read it as
    anything but text (a property, a heading, a date)."""
    line = " ".join(one_line(text).split())
    return ". " + line if _NOT_TEXT.match(line) or _SHORT_HEAD.match(line) else line


def markwhen(ds: Dataset, events: Sequence[Event], opts: Options) -> str:
    """A markwhen document: the title in the header, each phase a section (``# n · name``), each
    event its date, title, the text's wording of the date and its tags, then its summary."""
    from chron.timeline.terminal import by_phase

    lines = [f"title: {_header_value(ds.title or ds.article.title or 'Timeline')}", ""]
    for phase, evs in by_phase(ds, events):
        heading = f"{phase.n} · {phase.name}" if phase is not None else "Outside the phases"
        lines += [f"# {' '.join(one_line(heading).split())}", ""]
        for ev in evs:
            tags = " ".join(_tag(t) for t in ev.tags)
            note = f" (the text: “{' '.join(one_line(ev.date_text).split())}”)"
            title = " ".join(one_line(ev.title).split())
            lines.append(f"{_markwhen_date(ev.when)}: {title}{note} {tags}".rstrip())
            lines.append(_text_line(ev.summary))
        lines.append("")
    return "\n".join(lines).rstrip("\n")
