"""A chron ``Work`` as the CSL processor's ``Item`` (pure: a record in, an item out).

Every field of a work that a CSL style may print maps to its CSL variable; names keep their
parts; chron's EDTF dates become CSL dates (a season as a season, an interval as a range, an
uncertain or approximate date as circa; what CSL cannot express, a range of seasons or a decade,
as a literal in words). Two fields stay out: ``note`` and ``editorial`` are the curator's
remarks, not something a citation prints.
"""

from __future__ import annotations

from functools import lru_cache

from chron import dates
from chron.citation.csl.item import DateValue, Item, Name, finish
from chron.models import DATE_FIELDS, NAME_ROLES, TEXT_FIELDS, Work
from chron.models import Name as WorkName

_KEEP = {"archive_location", "DOI", "ISBN", "ISSN", "URL"}  # CSL spells these as they are
_STATIC = ("hu", "vi")  # family name first, as citeproc-js prints names of these languages


def variable(field: str) -> str:
    """The CSL variable of a ``Work`` field: ``container_title`` -> ``container-title``."""
    return field if field in _KEEP else field.replace("_", "-")


def work_item(work: Work) -> Item:
    """The CSL item of a work."""
    vars = {variable(f): v for f in TEXT_FIELDS if (v := getattr(work, f, None))}
    static = (work.language or "") in _STATIC
    names = {
        variable(role): tuple(_name(n, static) for n in people)
        for role in NAME_ROLES
        if (people := getattr(work, role, ()))
    }
    found = {variable(f): csl_date(v) for f in DATE_FIELDS if (v := getattr(work, f, None))}
    return finish(work.id, work.type, vars, names, found, markup=False)


def _name(name: WorkName, static: bool) -> Name:
    if name.literal or not name.family:
        return Name(literal=(name.literal or name.given or "").replace("'", "’"))
    return Name(family=name.family.replace("'", "’"), given=(name.given or "").replace("'", "’"), static_order=static)


@lru_cache(maxsize=4096)
def csl_date(text: str) -> DateValue:
    """A date of chron's EDTF subset as a CSL date."""
    value = dates.parse(text)
    start, end = value.start, value.end
    circa = value.approximate or value.uncertain
    if start is None or end is None:  # open interval: CSL has none
        return DateValue(literal=dates.english(value))
    if "season" in (start.precision, end.precision) and start is not end:
        if start.precision == end.precision == "season":
            return DateValue(literal=_season_range(start, end), circa=circa)
        return DateValue(literal=dates.english(value), circa=circa)
    if start.precision not in ("day", "month", "season", "year"):
        return DateValue(literal=dates.english(value), circa=circa)
    first = _triple(start)
    if start.precision == "season":
        return DateValue(first, None, int(start.text[5:7]) - 20, circa)
    last = _triple(end) if end is not start else None
    return DateValue(first, last if last != first else None, None, circa)


def _triple(point: dates.Point) -> tuple[int, int, int]:
    e = point.earliest
    if point.precision == "day":
        return (e.year, e.month, e.day)
    if point.precision == "month":
        return (e.year, e.month, 0)
    return (e.year, 0, 0)


def _season_range(a: dates.Point, b: dates.Point) -> str:
    """ "Autumn–Winter 1979–1980": CSL has no range of seasons, so it is given in words."""
    years = sorted({a.earliest.year, a.latest.year, b.earliest.year, b.latest.year})
    seasons = "–".join(dict.fromkeys(dates.SEASONS[int(p.text[5:7])].capitalize() for p in (a, b)))
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    return f"{seasons} {span}"
