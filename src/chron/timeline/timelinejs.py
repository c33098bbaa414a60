"""TimelineJS3 JSON: a title slide, one slide per event, the phases as eras (pure: events in, text out).

Each slide's date label (``display_date``) is the date in words with its year, since TimelineJS
shows the label as the date; the text's own wording of the date goes into the slide's text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from chron import dates
from chron.escape import html_text, to_json

if TYPE_CHECKING:
    from chron.dataset import Dataset
    from chron.models import Event
    from chron.timeline import Options


def _esc(text: str) -> str:
    """TimelineJS shows text as HTML: escape it (quotes may stay, they are not inside attributes),
    with control and bidi characters shown."""
    return html_text(text)


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


def timelinejs(ds: Dataset, events: Sequence[Event], opts: Options) -> dict[str, Any]:
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
            # The label TimelineJS shows for the date: always with its year. The text's own
            # wording ("already", "Meanwhile") goes into the slide's text, where it reads as words.
            "display_date": _esc(when.english()),
            "text": {"headline": _esc(ev.title), "text": _slide_text(ev, opts)},
        }
        if when.is_interval and when.start and when.end:
            slide["end_date"] = _end_parts(when.end)
        elif not when.is_interval and when.start and when.start.precision in ("season", "decade", "century"):
            slide["end_date"] = {"year": when.latest.year, "month": when.latest.month}
        phase = ds.phase(ev.primary_phase)
        if phase is not None:
            slide["group"] = _esc(f"{phase.n} · {phase.name}")
        out["events"].append(slide)
    shown = {e.primary_phase for e in events if e.primary_phase is not None}
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


def _slide_text(ev: Event, opts: Options) -> str:
    dated = f"The text dates it: “{_esc(ev.date_text)}”" + (f" — {_esc(ev.date_note)}" if ev.date_note else "")
    parts = [
        f"<p>{_esc(ev.summary)}</p>",
        f"<blockquote>{_esc(ev.quote)}</blockquote>",
        f'<p class="date-text">{dated}</p>',
    ]
    for n in ev.notes:
        cites = "; ".join(opts.cite(n))
        parts.append(f'<p class="note">Note {n}: {_esc(cites)}</p>')
    return "".join(parts)


def timelinejs_text(ds: Dataset, events: Sequence[Event], opts: Options) -> str:
    return to_json(timelinejs(ds, events, opts))
