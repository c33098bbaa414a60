"""The historical date model: a documented subset of EDTF (ISO 8601-2), parsed by hand.

Forms: ``1956``, ``1956-11``, ``1956-11-04``; seasons ``1950-21`` (spring) .. ``1950-24`` (winter);
unspecified year digits ``194X``, ``19XX``; a trailing qualifier ``?`` (uncertain), ``~``
(approximate) or ``%`` (both); intervals ``A/B`` and open intervals ``../B`` and ``A/..``.

Every value knows its inclusive earliest and latest day, so ranges compare by plain day arithmetic.
Pure and standard-library only: no I/O, no today's date, never a guessed year.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from chron.errors import DateError

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
# Seasons as whole months (northern-hemisphere meteorological seasons): winter runs into the
# next year, so "1950-24" is December 1950 to February 1951.
SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 14)}

_SINGLE = re.compile(
    r"(?P<year>\d{4}|\d{3}X|\d{2}XX|\dXXX)(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?P<q>[?~%])?", re.ASCII
)
EXAMPLES = "1956, 1956-11, 1956-11-04, 1950-21 (spring), 194X, 1956-11~, 1956-10-29/1956-10-30, ../1956-10-22"
OPEN = ".."


@dataclass(frozen=True, slots=True)
class Point:
    """One end of a date: a single EDTF date with its bounds, precision and qualifiers."""

    text: str
    earliest: date
    latest: date
    precision: str  # "day" | "month" | "season" | "year" | "decade" | "century" | "millennium"
    uncertain: bool = False
    approximate: bool = False

    @property
    def qualifier_words(self) -> str:
        words = [w for w, on in (("approx.", self.approximate), ("uncertain", self.uncertain)) if on]
        return f" ({', '.join(words)})" if words else ""

    def english(self, *, with_year: bool = True, with_month: bool = True) -> str:
        """The date alone, in English, without its qualifier."""
        e = self.earliest
        year = str(e.year) if with_year else ""
        if self.precision == "day":
            month = f" {MONTHS[e.month - 1]}" if with_month else ""
            return f"{e.day}{month} {year}".strip()
        if self.precision == "month":
            return f"{MONTHS[e.month - 1]} {year}".strip()
        if self.precision == "season":
            season = int(self.text[5:7])
            if season == 24:
                return f"winter {e.year}–{str(e.year + 1)[-2:]}"
            return f"{SEASONS[season]} {e.year}"
        if self.precision == "year":
            return str(e.year)
        return f"the {self.text.rstrip('?~%').replace('X', '0')}s"

    def __str__(self) -> str:
        return self.english() + self.qualifier_words


@dataclass(frozen=True, slots=True)
class HistDate:
    """A date or interval as written in the data: the string, its parts and its day bounds.

    ``start``/``end`` are ``None`` for an open end (``..``); a single date has ``start is end``.
    Open ends take ``date.min``/``date.max`` as bounds so overlap tests need no special case.
    """

    text: str
    start: Point | None
    end: Point | None

    @property
    def is_interval(self) -> bool:
        return "/" in self.text

    @property
    def earliest(self) -> date:
        return self.start.earliest if self.start else date.min

    @property
    def latest(self) -> date:
        return self.end.latest if self.end else date.max

    @property
    def precision(self) -> str:
        return "interval" if self.is_interval else self._only.precision

    @property
    def uncertain(self) -> bool:
        return any(p.uncertain for p in (self.start, self.end) if p)

    @property
    def approximate(self) -> bool:
        return any(p.approximate for p in (self.start, self.end) if p)

    @property
    def _only(self) -> Point:
        assert self.start is not None
        return self.start

    @property
    def anchor(self) -> date:
        """The day the date stands at in a sequence: its earliest, or for an open start (``../B``),
        its latest: "by January 1927" belongs at January 1927, not before everything else."""
        return self.earliest if self.start is not None else self.latest

    def sort_key(self) -> tuple[date, date, str]:
        """Date order: by the anchor day, then the latest day, then the text."""
        return (self.anchor, self.latest, self.text)

    def __lt__(self, other: HistDate) -> bool:
        return self.sort_key() < other.sort_key()

    def overlaps(self, lo: date, hi: date) -> bool:
        """True when some day of this date may fall within ``lo..hi`` (inclusive)."""
        return self.earliest <= hi and self.latest >= lo

    def within(self, lo: date, hi: date) -> bool:
        """True when every day this date may mean falls within ``lo..hi`` (inclusive)."""
        return self.earliest >= lo and self.latest <= hi

    def english(self) -> str:
        """Readable English: "29–30 October 1956", "November 1956 (approx.)", "before 23 October 1956"."""
        return english(self)

    def __str__(self) -> str:
        return self.text


def _days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _fail(text: str, why: str) -> DateError:
    return DateError(f"invalid date {text!r}: {why}. Valid forms look like {EXAMPLES}.")


def _point(text: str, whole: str) -> Point:
    m = _SINGLE.fullmatch(text)
    if not m:
        if re.fullmatch(r"\d{1,3}(-\d{1,2}){0,2}[?~%]?", text, re.ASCII):
            raise _fail(whole, "the year must have four digits (no two-digit years)")
        if re.fullmatch(r"\d{4}-\d(-\d{1,2})?[?~%]?|\d{4}-\d{2}-\d[?~%]?", text):
            raise _fail(whole, "months and days take two digits (1956-01-05)")
        if re.fullmatch(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}", text):
            raise _fail(whole, "write dates year first, as YYYY-MM-DD")
        raise _fail(whole, "not a date in chron's EDTF subset")
    ytext, mtext, dtext, q = m.group("year", "month", "day", "q")
    uncertain = q in ("?", "%")
    approximate = q in ("~", "%")
    if "X" in ytext:
        if mtext:
            raise _fail(whole, "a year with unspecified digits (194X) cannot have a month or day")
        lo_year = max(int(ytext.replace("X", "0")), 1)
        hi_year = int(ytext.replace("X", "9"))
        precision = {1: "decade", 2: "century", 3: "millennium"}[ytext.count("X")]
        return Point(text, date(lo_year, 1, 1), date(hi_year, 12, 31), precision, uncertain, approximate)
    year = int(ytext)
    if year == 0:
        raise _fail(whole, "year 0000 is not supported; years run from 0001 to 9999")
    if mtext is None:
        return Point(text, date(year, 1, 1), date(year, 12, 31), "year", uncertain, approximate)
    month = int(mtext)
    if month in SEASON_MONTHS:
        if dtext:
            raise _fail(whole, "a season (21-24) cannot have a day")
        first, last = SEASON_MONTHS[month]
        if last > 12:
            if year == 9999:
                raise _fail(whole, "winter 9999 runs past the year 9999")
            end = date(year + 1, last - 12, _days_in(year + 1, last - 12))
        else:
            end = date(year, last, _days_in(year, last))
        return Point(text, date(year, first, 1), end, "season", uncertain, approximate)
    if not 1 <= month <= 12:
        raise _fail(whole, f"month {mtext} does not exist (01-12, or 21-24 for seasons)")
    if dtext is None:
        end = date(year, month, _days_in(year, month))
        return Point(text, date(year, month, 1), end, "month", uncertain, approximate)
    day = int(dtext)
    if not 1 <= day <= _days_in(year, month):
        raise _fail(whole, f"{MONTHS[month - 1]} {year} has no day {dtext}")
    d = date(year, month, day)
    return Point(text, d, d, "day", uncertain, approximate)


@lru_cache(maxsize=65536)
def parse(text: str) -> HistDate:
    """Parse a date string of the subset; raise ``DateError`` saying what is wrong and what is valid."""
    if not isinstance(text, str):
        raise DateError(f"invalid date {text!r}: expected a string such as 1956-11-04.")
    if text != text.strip() or not text:
        raise _fail(text, "it is empty or has spaces around it")
    if "/" not in text:
        if text == OPEN:
            raise _fail(text, "'..' is only valid as one end of an interval")
        point = _point(text, text)
        return HistDate(text, point, point)
    if text.count("/") > 1:
        raise _fail(text, "an interval has exactly one '/'")
    left, right = text.split("/")
    if left == OPEN and right == OPEN:
        raise _fail(text, "an interval needs at least one known end")
    if not left or not right:
        raise _fail(text, "both ends of an interval must be given; write '..' for an open end")
    start = None if left == OPEN else _point(left, text)
    end = None if right == OPEN else _point(right, text)
    if start and end and (start.earliest > end.earliest or start.latest > end.latest):
        raise _fail(text, "the start is later than the end")
    return HistDate(text, start, end)


def is_valid(text: str) -> bool:
    try:
        parse(text)
    except DateError:
        return False
    return True


def _range_english(a: Point, b: Point) -> str:
    """Collapse shared month and year: 29–30 October 1956; 29 October – 3 November 1956."""
    qa, qb = a.qualifier_words, b.qualifier_words
    plain = not qa and not qb
    if plain and a.precision == b.precision == "day" and a.earliest.year == b.earliest.year:
        if a.earliest.month == b.earliest.month:
            return f"{a.earliest.day}–{b.english()}"
        return f"{a.english(with_year=False)} – {b.english()}"
    if plain and a.precision == b.precision == "month" and a.earliest.year == b.earliest.year:
        return f"{a.english(with_year=False)}–{b.english()}"
    if plain and a.precision == b.precision == "year":
        return f"{a.english()}–{b.english()}"
    return f"{a} – {b}"


def _next_unit(p: Point) -> str:
    """The first period after ``p`` at the same precision, in English ("before 23 October 1956")."""
    nxt = p.latest + timedelta(days=1)
    if p.precision == "day":
        return f"{nxt.day} {MONTHS[nxt.month - 1]} {nxt.year}"
    if p.precision == "month":
        return f"{MONTHS[nxt.month - 1]} {nxt.year}"
    if p.precision == "year":
        return str(nxt.year)
    return f"the end of {p.english()}"


def english(value: HistDate) -> str:
    """Readable English for a parsed date; see ``HistDate.english``."""
    start, end = value.start, value.end
    if not value.is_interval:
        assert start is not None
        return str(start)
    if start is None:
        assert end is not None
        if end.latest == date.max:
            return f"up to {end}"
        return f"before {_next_unit(end)}{end.qualifier_words}"
    if end is None:
        return f"{start} onwards"
    return _range_english(start, end)


def bounds(text: str) -> tuple[date, date]:
    """The inclusive day bounds of a command-line date: ``1956-11`` covers 1-30 November."""
    value = parse(text)
    return value.earliest, value.latest
