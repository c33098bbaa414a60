"""CSL-JSON: every work as a CSL 1.0.2 item, valid against the official ``csl-data.json`` schema.

Every field keeps its CSL name (``archive_location``, ``number-of-volumes``, ``original-date``, ...).
Dates are CSL date objects: ``date-parts`` (two for a range), a season as CSL's ``season`` key, a
range of seasons as months 21–24 in ``date-parts`` (the EDTF season codes, which pandoc and
citeproc-js both read; CSL's ``season`` key holds one season only), ``circa`` for an approximate or
uncertain date. Pure: works in, text out. The curator's ``editorial`` remarks are never written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from chron import dates
from chron.escape import to_json
from chron.models import DATE_FIELDS, NAME_ROLES, Name, Work, alias
from chron.models import TEXT_FIELDS as WORK_TEXT_FIELDS

# The text fields of a work, in the order an item lists them, under their CSL names; a work's
# `note` is CSL's note too (chron's own remarks, `editorial`, are never written).
TEXT_FIELDS = (*WORK_TEXT_FIELDS, "note")


def csl_name(name: Name) -> dict[str, str]:
    if name.literal:
        return {"literal": name.literal}
    return {k: v for k, v in (("family", name.family), ("given", name.given)) if v}


def _parts(point: dates.Point, *, season_as_month: bool) -> list[int]:
    e = point.earliest
    if point.precision == "day":
        return [e.year, e.month, e.day]
    if point.precision == "month":
        return [e.year, e.month]
    if point.precision == "season" and season_as_month:
        return [e.year, int(point.text[5:7])]
    return [e.year]


def csl_date(text: str) -> dict[str, Any]:
    """An EDTF-subset date as a CSL date object (see the module docstring).

    A decade or century (``194X``) is the range of its years; an open interval (``../1956``) has
    no CSL form and is given as a literal in English.
    """
    value = dates.parse(text)
    out: dict[str, Any] = {}
    if value.is_interval and (value.start is None or value.end is None):
        return {"literal": value.english()}
    pair = (value.start, value.end) if value.is_interval else (value.start,)
    points = [p for p in pair if p is not None]
    if len(points) == 1 and points[0].precision in ("decade", "century", "millennium"):
        only = points[0]
        out["date-parts"] = [[only.earliest.year], [only.latest.year]]
    elif len(points) == 1 and points[0].precision == "season":
        out["date-parts"] = [[points[0].earliest.year]]
        out["season"] = int(points[0].text[5:7]) - 20
    else:
        seasons = any(p.precision == "season" for p in points)
        out["date-parts"] = [_parts(p, season_as_month=seasons) for p in points]
    if value.approximate or value.uncertain:
        out["circa"] = True
    return out


def date_words(value: dates.HistDate) -> str:
    """A date in the words bibliographies print: "Autumn 2005", "Autumn–Winter 1979–1980",
    "November–December 1956", "29–30 October 1956", "c. 1956"."""
    a, b = value.start, value.end
    if value.is_interval and a and b and a.precision == b.precision == "season":
        years = sorted({a.earliest.year, b.latest.year if b.text[5:7] == "24" else b.earliest.year})
        seasons = "–".join(dict.fromkeys(dates.SEASONS[int(p.text[5:7])].capitalize() for p in (a, b)))
        return f"{seasons} {'–'.join(str(y) for y in years)}"
    if not value.is_interval and a and a.precision == "season":
        season = int(a.text[5:7])
        span = f"{a.earliest.year}–{a.earliest.year + 1}" if season == 24 else str(a.earliest.year)
        return f"{dates.SEASONS[season].capitalize()} {span}"
    text = value.english()
    if value.approximate and not value.is_interval and a:
        return f"c. {a.english()}"
    return text


def csl_item(work: Work) -> dict[str, Any]:
    """One work as a CSL-JSON item (only fields with values)."""
    item: dict[str, Any] = {"id": work.id, "type": work.type}
    for role in NAME_ROLES:
        names = getattr(work, role)
        if names:
            item[alias(role)] = [csl_name(n) for n in names]
    for field in TEXT_FIELDS:
        value = getattr(work, field)
        if value:
            item[alias(field)] = value
    if work.event_title:
        item["event"] = work.event_title  # CSL 1.0.1's name, still read by older styles (pandoc 2's own)
    for field in DATE_FIELDS:
        value = getattr(work, field)
        if value:
            item[alias(field)] = csl_date(value)
    return item


def csl_json(works: Sequence[Work]) -> str:
    return to_json([csl_item(w) for w in works]) + "\n"  # control and bidi characters as \\uXXXX
