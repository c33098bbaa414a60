"""The terminal timeline.

The picture is vertical: the phases as labelled bands, the events as marks with short
titles in date order, grouped by day, week, month or year. The scale adapts per phase (a phase of a
few weeks by day, the background of a century by year) and long empty stretches fold into one
line. Exact dates are dots; spans and vague dates are bars; approximate ones are hollow. Pure:
events in, text out; colour is plain ANSI and only when asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from chron import dates
from chron.render import one_line

if TYPE_CHECKING:
    from chron.dataset import Dataset
    from chron.models import Event, Phase
    from chron.timeline import Options

UNITS = ("day", "week", "month", "year")
MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True)
class Glyphs:
    rule: str
    axis: str
    fold: str
    point: str
    approx: str
    span_left: str
    span_fill: str
    span_right: str
    open_left: str
    open_right: str
    fills: tuple[str, ...]
    ellipsis: str


UNICODE = Glyphs("━", "┃", "┊", "●", "○", "├", "─", "┤", "◁", "▷", ("░", "▒", "▓", "█", "▒"), "…")
ASCII = Glyphs("=", "|", ":", "*", "o", "[", "-", "]", "<", ">", (".", "-", "=", "#", "-"), "...")

# Plain SGR codes; the CLI asks for colour only on a terminal, never with NO_COLOR.
COLORS = ["\x1b[36m", "\x1b[33m", "\x1b[32m", "\x1b[31m", "\x1b[35m"]
BOLD, DIM, RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def anchor_day(when: dates.HistDate) -> date:
    """Where an event sits on the axis: its earliest day, or its latest for an open start."""
    return when.latest if when.start is None else when.earliest


def auto_unit(phase: Phase | None) -> str:
    if phase is None:
        return "year"
    days = (phase.when.latest - phase.when.earliest).days if phase.when.end and phase.when.start else 10_000
    return "day" if days <= 120 else "month" if days <= 730 else "year"


def bucket(day: date, unit: str) -> date:
    if unit == "day":
        return day
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return date(day.year, 1, 1)


def bucket_label(start: date, unit: str, previous: date | None) -> str:
    if unit == "year":
        return str(start.year)
    if unit == "month":
        return f"{MONTH_ABBR[start.month - 1]} {start.year}"
    text = f"{start.day} {MONTH_ABBR[start.month - 1]}"
    if unit == "week":
        text = f"w/c {text}"
    if previous is None or previous.year != start.year:
        text += f" {start.year}"
    return text


def gap_words(a: date, b: date, unit: str) -> str:
    """How much empty time lies between two buckets, or "" when they are adjacent."""
    days = (b - a).days
    step = {"day": 1, "week": 7, "month": 31, "year": 366}[unit]
    if days <= step:
        return ""
    if days >= 730:
        return f"{days // 365} years"
    if days >= 60:
        return f"{days // 30} months"
    return f"{days} days" if unit == "day" else f"{days // 7} weeks"


def mark(when: dates.HistDate, g: Glyphs) -> str:
    """A dot for an exact day, a bar for a span or a vague date (longer for longer), hollow if approximate."""
    if when.start is None:
        return g.open_left + g.span_fill * 2 + g.span_right
    if when.end is None:
        return g.span_left + g.span_fill * 2 + g.open_right
    days = (when.latest - when.earliest).days + 1
    if days == 1:
        return g.approx if (when.approximate or when.uncertain) else g.point
    fill = 0 if days <= 2 else 1 if days <= 7 else 2 if days <= 62 else 3
    return g.span_left + g.span_fill * fill + g.span_right


def short_range(when: dates.HistDate) -> str:
    """A compact reading of a span for the margin: "29 Oct – 3 Nov 1956", "Nov 1956", "1947–1949"."""
    text = when.english()
    for full, abbr in zip(dates.MONTHS, MONTH_ABBR, strict=True):
        text = text.replace(full, abbr)
    return text


def fit(text: str, width: int, g: Glyphs) -> str:
    if width <= 0:
        return ""
    if len(text) <= width:
        return text
    cut = max(width - len(g.ellipsis), 0)
    return text[:cut].rstrip() + g.ellipsis[: width - cut]


def terminal(ds: Dataset, events: Sequence[Event], opts: Options) -> str:
    """The terminal picture of ``events`` (already filtered and sorted), ``opts.width`` columns wide."""
    g = ASCII if opts.ascii_only else UNICODE
    width = max(opts.width, 20)
    unit, color = opts.unit, opts.color

    def paint(text: str, code: str) -> str:
        return f"{code}{text}{RESET}" if color and text else text

    lines: list[str] = []
    title = one_line(ds.title or ds.article.title or "Timeline")
    first = min((anchor_day(e.when) for e in events), default=None)
    last = max((max(anchor_day(e.when), e.when.earliest) for e in events), default=None)
    span = (
        f"{first.year}–{last.year}" if first and last and first.year != last.year else str(first.year) if first else ""
    )
    head = f"{title} · {len(events)} event{'s' if len(events) != 1 else ''}" + (f" · {span}" if span else "")
    lines.append(paint(fit(head, width, g), BOLD))
    groups = by_phase(ds, events)
    if not groups:
        return "\n".join(lines)
    lines += overview(ds, groups, width, g, color)
    label_width = {"week": 16, "month": 9, "year": 5}.get(unit or "", 12)
    for phase, evs in groups:
        lines.append("")
        color_code = COLORS[phase.n % len(COLORS)] if phase is not None else ""
        name = one_line(f"{phase.n} · {phase.name}") if phase is not None else "Outside the phases"
        when = f" {short_range(phase.when)} " if phase is not None else " "
        rule = g.rule * 2 + f" {name} "
        room = width - len(rule) - len(when) - 2
        if room < 0:
            rule, when = fit(rule, width - 2, g), ""
            room = 0
        lines.append(paint(rule + g.rule * room + when + g.rule * 2, color_code + BOLD))
        scale = unit or auto_unit(phase)
        previous: date | None = None
        for ev in evs:
            day = bucket(anchor_day(ev.when), scale)
            if previous is not None and day != previous:
                gap = gap_words(previous, day, scale)
                if gap:
                    lines.append(" " * label_width + paint(f"{g.fold} {gap}", DIM))
            label = bucket_label(day, scale, previous) if day != previous else ""
            previous = day
            glyph = mark(ev.when, g)
            exact = glyph in (g.point, g.approx) and ev.when.precision == "day" and scale == "day"
            extra = "" if exact else f" ({short_range(ev.when)})"
            prefix = f"{label:>{label_width - 1}} {paint(g.axis, color_code)} "
            visible_prefix = label_width + 2
            body_room = width - visible_prefix - len(glyph) - 1
            text = fit(one_line(ev.title) + extra, body_room, g)
            if extra and text.endswith(extra):
                text = text[: -len(extra)] + paint(extra, DIM)
            lines.append(f"{prefix}{paint(glyph, color_code)} {text}".rstrip())
    lines.append("")
    legend = (
        f"{g.point} exact day   {g.approx} approximate   {g.span_left}{g.span_fill}{g.span_right} span or vague date"
        f"   {g.open_left}{g.span_fill}{g.span_right} open start   {g.fold} gap"
    )
    lines.append(paint(fit(legend, width, g), DIM))
    return "\n".join(lines)


def by_phase(ds: Dataset, events: Sequence[Event]) -> list[tuple[Phase | None, list[Event]]]:
    """The events grouped by phase in phase order, each group in the order of the axis."""
    groups: dict[int, tuple[Phase | None, list[Event]]] = {}
    for ev in events:
        phase = ds.phase(ev.primary_phase)
        groups.setdefault(phase.n if phase is not None else -1, (phase, []))[1].append(ev)
    return [
        (phase, sorted(evs, key=lambda e: (anchor_day(e.when), e.when.sort_key())))
        for _, (phase, evs) in sorted(groups.items())
    ]


def overview(
    ds: Dataset, groups: Sequence[tuple[Phase | None, list[Event]]], width: int, g: Glyphs, color: bool
) -> list[str]:
    """One band across the width: each phase a block as wide as its share of the events, numbered below."""
    total = sum(len(evs) for _, evs in groups)
    room = width - 1
    widths = [max(3, round(room * len(evs) / total)) for _, evs in groups]
    while sum(widths) > room and max(widths) > 3:
        widths[widths.index(max(widths))] -= 1
    band, labels = [], []
    for (phase, _), w in zip(groups, widths, strict=True):
        n = phase.n if phase is not None else 0
        block = g.fills[n % len(g.fills)] * w
        band.append(f"{COLORS[n % len(COLORS)]}{block}{RESET}" if color else block)
        label = str(phase.n) if phase is not None else "?"
        labels.append(label.center(w))
    return ["", " " + "".join(band), " " + "".join(labels).rstrip()]
