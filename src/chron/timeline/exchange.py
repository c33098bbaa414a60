"""Timelines for other tools: TimelineJS3 JSON and markwhen text (pure: events in, text out)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from chron import dates
from chron.render import one_line, to_json

if TYPE_CHECKING:
    from chron.models import Dataset, Event


def _esc(text: str) -> str:
    """TimelineJS shows text as HTML: escape it (quotes may stay, they are not inside attributes)."""
    return html.escape(text, quote=False)


# ------------------------------------------------------------------ TimelineJS3


def _date_parts(point: dates.Point) -> dict[str, int]:
    e = point.earliest
    parts = {"year": e.year}
    if point.precision in ("month", "day", "season"):
        parts["month"] = e.month
    if point.precision == "day":
        parts["day"] = e.day
    return parts


def _end_parts(point: dates.Point) -> dict[str, int]:
    if point.precision == "season":
        e = point.latest
        return {"year": e.year, "month": e.month}
    return _date_parts(point)


def timelinejs(ds: Dataset, events: Sequence[Event], citations: dict[int, list[str]]) -> dict[str, Any]:
    """A TimelineJS3 document: a title slide, one slide per event, the phases as eras."""
    art = ds.article
    authors = ", ".join(n.display() for n in art.author)
    out: dict[str, Any] = {
        "title": {
            "text": {
                "headline": _esc(ds.title or art.title or "Timeline"),
                "text": _esc(
                    f"{authors}, “{art.title}”, {art.container_title or ''} {art.issue or ''} "
                    f"({dates.parse(art.issued).earliest.year if art.issued else 'n.d.'})."
                ).replace("  ", " "),
            }
        },
        "events": [],
        "eras": [],
    }
    for ev in events:
        when = ev.when
        start_point = when.start or when.end
        assert start_point is not None
        slide: dict[str, Any] = {
            "unique_id": ev.id,
            "start_date": _date_parts(start_point),
            "display_date": _esc(ev.date_text),
            "text": {"headline": _esc(ev.title), "text": _slide_text(ev, citations)},
        }
        if when.is_interval and when.start and when.end:
            slide["end_date"] = _end_parts(when.end)
        elif not when.is_interval and when.start and when.start.precision in ("season", "decade", "century"):
            slide["end_date"] = {"year": when.latest.year, "month": when.latest.month}
        phase = ds.phase_of.get(ev.id)
        if phase is not None:
            slide["group"] = _esc(f"{phase.n} · {phase.name}")
        out["events"].append(slide)
    shown = {p.n for p in (ds.phase_of.get(e.id) for e in events) if p is not None}
    for phase in ds.phases:
        if phase.n in shown and phase.when.start and phase.when.end:
            out["eras"].append(
                {
                    "start_date": _date_parts(phase.when.start),
                    "end_date": _end_parts(phase.when.end),
                    "text": {"headline": _esc(f"{phase.n} · {phase.name}"), "text": _esc(phase.description)},
                }
            )
    return out


def _slide_text(ev: Event, citations: dict[int, list[str]]) -> str:
    parts = [f"<p>{_esc(ev.summary)}</p>", f"<blockquote>{_esc(ev.quote)}</blockquote>"]
    for n in ev.notes:
        cites = "; ".join(citations.get(n, []))
        parts.append(f'<p class="note">Note {n}: {_esc(cites)}</p>')
    return "".join(parts)


def timelinejs_text(ds: Dataset, events: Sequence[Event], citations: dict[int, list[str]]) -> str:
    return to_json(timelinejs(ds, events, citations))


# ------------------------------------------------------------------ markwhen


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


def markwhen(ds: Dataset, events: Sequence[Event]) -> str:
    lines = [f"title: {one_line(ds.title or ds.article.title or 'Timeline')}", ""]
    from chron.timeline.terminal import by_phase

    for phase, evs in by_phase(ds, events):
        if phase is not None:
            lines.append(f"group {phase.n} · {one_line(phase.name)}")
        for ev in evs:
            tags = " ".join(f"#{t}" for t in ev.tags)
            note = f" (the article: “{one_line(ev.date_text)}”)"
            lines.append(f"{_markwhen_date(ev.when)}: {' '.join(one_line(ev.title).split())}{note} {tags}".rstrip())
            lines.append(" ".join(one_line(ev.summary).split()))
        if phase is not None:
            lines += ["endGroup", ""]
    return "\n".join(lines)
