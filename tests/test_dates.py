"""The date model: parsing, bounds, English, ordering, with tables and properties."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chron import dates
from chron.errors import DateError

D = date


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision"),
    [
        ("1956", D(1956, 1, 1), D(1956, 12, 31), "year"),
        ("1956-11", D(1956, 11, 1), D(1956, 11, 30), "month"),
        ("1956-02", D(1956, 2, 1), D(1956, 2, 29), "month"),
        ("1957-02", D(1957, 2, 1), D(1957, 2, 28), "month"),
        ("1956-11-04", D(1956, 11, 4), D(1956, 11, 4), "day"),
        ("1950-21", D(1950, 3, 1), D(1950, 5, 31), "season"),
        ("1950-22", D(1950, 6, 1), D(1950, 8, 31), "season"),
        ("2005-23", D(2005, 9, 1), D(2005, 11, 30), "season"),
        ("1979-24", D(1979, 12, 1), D(1980, 2, 29), "season"),
        ("194X", D(1940, 1, 1), D(1949, 12, 31), "decade"),
        ("19XX", D(1900, 1, 1), D(1999, 12, 31), "century"),
        ("1956-11~", D(1956, 11, 1), D(1956, 11, 30), "month"),
        ("1956-10-29/1956-10-30", D(1956, 10, 29), D(1956, 10, 30), "interval"),
        ("1956-11/1959-12", D(1956, 11, 1), D(1959, 12, 31), "interval"),
        ("../1956-10-22", D.min, D(1956, 10, 22), "interval"),
        ("1957-01/..", D(1957, 1, 1), D.max, "interval"),
    ],
)
def test_bounds_and_precision(text: str, earliest: date, latest: date, precision: str) -> None:
    """Each form parses to its inclusive earliest and latest day and its precision."""
    value = dates.parse(text)
    assert (value.earliest, value.latest, value.precision) == (earliest, latest, precision)
    assert str(value) == text


@pytest.mark.parametrize(
    ("text", "uncertain", "approximate"),
    [
        ("1956", False, False),
        ("1956?", True, False),
        ("1956-11~", False, True),
        ("1956-11-05%", True, True),
        ("1956-10~/1956-12", False, True),
    ],
)
def test_qualifiers(text: str, uncertain: bool, approximate: bool) -> None:
    """`?` marks uncertain, `~` approximate and `%` both."""
    value = dates.parse(text)
    assert (value.uncertain, value.approximate) == (uncertain, approximate)


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("1956-11-04", "4 November 1956"),
        ("1956-11", "November 1956"),
        ("1956", "1956"),
        ("1956-11~", "November 1956 (approx.)"),
        ("1956-11-05?", "5 November 1956 (uncertain)"),
        ("1956%", "1956 (approx., uncertain)"),
        ("1950-21", "spring 1950"),
        ("1979-24", "winter 1979–80"),
        ("194X", "the 1940s"),
        ("1956-10-29/1956-10-30", "29–30 October 1956"),
        ("1956-10-29/1956-11-03", "29 October – 3 November 1956"),
        ("1956-11-04/1957-01-20", "4 November 1956 – 20 January 1957"),
        ("1956-10/1956-12", "October–December 1956"),
        ("1947/1949", "1947–1949"),
        ("1956-11/1959-12", "November 1956 – December 1959"),
        ("../1956-10-22", "before 23 October 1956"),
        ("../1956-09", "before October 1956"),
        ("../1955", "before 1956"),
        ("1957-01/..", "January 1957 onwards"),
        ("1956-10-29~/1956-10-30", "29 October 1956 (approx.) – 30 October 1956"),
    ],
)
def test_english(text: str, english: str) -> None:
    """Dates render as readable English, collapsing a shared month and year."""
    assert dates.parse(text).english() == english


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1956-02-30", "has no day 30"),
        ("1957-02-29", "has no day 29"),
        ("1956-13", "month 13 does not exist"),
        ("1956-00", "month 00 does not exist"),
        ("56-10-23", "four digits"),
        ("1956-1-5", "two digits"),
        ("23/10/1956", "one '/'"),
        ("1956-10-31/1956-10-01", "start is later than the end"),
        ("1957/1956", "start is later than the end"),
        ("..", "one end of an interval"),
        ("../..", "at least one known end"),
        ("1956/", "both ends"),
        ("", "empty"),
        (" 1956", "spaces"),
        ("194X-10", "cannot have a month"),
        ("1956-21-03", "cannot have a day"),
        ("0000", "year 0000"),
        ("October 1956", "not a date"),
        ("1956-11-04T10:00", "not a date"),
    ],
)
def test_invalid_dates_say_why_and_show_an_example(text: str, reason: str) -> None:
    """An invalid string raises DateError naming the problem and showing valid forms."""
    with pytest.raises(DateError) as info:
        dates.parse(text)
    assert reason in info.value.message
    assert "1956-11-04" in info.value.message


def test_no_year_is_ever_filled_in() -> None:
    """A month and day without a year is rejected, never completed from today's date."""
    for text in ("10-23", "11", "--10-23"):
        with pytest.raises(DateError):
            dates.parse(text)


def test_sorting_is_chronological() -> None:
    """Dates sort by earliest day, then latest day; an open start by its end."""
    texts = ["1957-01-05", "1956", "1956-10-23", "../1956-10-22", "1956-10", "1956-10-23/1956-10-28", "1849"]
    ordered = sorted(texts, key=lambda t: dates.parse(t).sort_key())
    assert ordered == ["1849", "1956", "1956-10", "../1956-10-22", "1956-10-23", "1956-10-23/1956-10-28", "1957-01-05"]


@pytest.mark.parametrize(
    ("open_start", "before", "after"),
    [
        ("../1927-01", "1921-06-01", "1927-02-01"),
        ("../1956-10-22", "1956-10-21", "1956-10-22"),
        ("../1955", "1955-12-30", "1956-01-01"),
    ],
)
def test_open_start_sorts_by_its_end(open_start: str, before: str, after: str) -> None:
    """An open start ("by January 1927") sorts after what precedes its end, not before everything."""
    ordered = sorted([after, open_start, before], key=lambda t: dates.parse(t).sort_key())
    assert ordered == [before, open_start, after]
    assert dates.parse(open_start).anchor == dates.parse(open_start).latest


@pytest.mark.parametrize(
    ("text", "lo", "hi", "overlaps", "within"),
    [
        ("1956-11", D(1956, 11, 4), D(1956, 11, 11), True, False),
        ("1956-11-04", D(1956, 11, 4), D(1956, 11, 11), True, True),
        ("1956-11-12", D(1956, 11, 4), D(1956, 11, 11), False, False),
        ("1956-10-29/1956-11-04", D(1956, 11, 4), D(1956, 11, 11), True, False),
        ("../1956-10-22", D(1956, 10, 1), D(1956, 10, 31), True, False),
        ("1957-01/..", D(1956, 10, 1), D(1956, 12, 31), False, False),
    ],
)
def test_overlap_and_within(text: str, lo: date, hi: date, overlaps: bool, within: bool) -> None:
    """Overlap keeps dates that may fall in the range; within keeps those certainly inside it."""
    value = dates.parse(text)
    assert value.overlaps(lo, hi) is overlaps
    assert value.within(lo, hi) is within


# ----------------------------------------------------------------- properties

years = st.integers(min_value=1, max_value=9998).map(lambda y: f"{y:04d}")


@st.composite
def single(draw: st.DrawFn) -> str:
    year = draw(years)
    kind = draw(st.sampled_from(["year", "month", "day", "season", "decade"]))
    if kind == "month":
        text = f"{year}-{draw(st.integers(1, 12)):02d}"
    elif kind == "day":
        d = draw(st.dates(min_value=D(int(year), 1, 1), max_value=D(int(year), 12, 31)))
        text = d.isoformat()
    elif kind == "season":
        text = f"{year}-{draw(st.integers(21, 24))}"
    elif kind == "decade":
        text = year[:3] + "X"
    else:
        text = year
    return text + draw(st.sampled_from(["", "?", "~", "%"]))


@st.composite
def any_date(draw: st.DrawFn) -> str:
    a = draw(single())
    if not draw(st.booleans()):
        return a
    b = draw(single())
    lo, hi = sorted([a, b], key=lambda t: (dates.parse(t).earliest, dates.parse(t).latest))
    form = draw(st.sampled_from(["closed", "open-start", "open-end"]))
    if form == "open-start":
        return f"../{hi}"
    if form == "open-end":
        return f"{lo}/.."
    lo_v, hi_v = dates.parse(lo), dates.parse(hi)
    if lo_v.latest > hi_v.latest:
        return lo
    return f"{lo}/{hi}"


@given(any_date())
def test_round_trip_and_bounds(text: str) -> None:
    """Every valid string formats back to itself, and earliest <= latest."""
    value = dates.parse(text)
    assert str(value) == text
    assert value.earliest <= value.latest
    assert value.english()


@given(any_date(), any_date())
def test_ordering_follows_the_anchor_day(a: str, b: str) -> None:
    """Sorting never puts a date before one anchored earlier (its earliest day, or an open start's end)."""
    first, second = sorted([dates.parse(a), dates.parse(b)], key=lambda v: v.sort_key())
    assert first.anchor <= second.anchor
    if first.start is not None and second.start is not None:
        assert first.earliest <= second.earliest


@given(st.text(max_size=30))
def test_any_string_parses_or_raises_date_error(text: str) -> None:
    """No string makes the parser fail with anything but a DateError."""
    try:
        value = dates.parse(text)
    except DateError as err:
        assert "invalid date" in err.message
    else:
        assert value.earliest <= value.latest
