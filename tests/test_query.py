"""Lookups, date ranges and event filters, without the CLI."""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from chron import dates
from chron.dataset import Dataset
from chron.errors import NotFoundError, UsageError
from chron.query import DateRange, EventFilter, find_person, find_phase, find_place, fold, note_number
from tests.conftest import MINI, dataset


@cache
def mini() -> Dataset:
    return dataset(MINI)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Rácz", "racz"),
        ("Salgótarján", "salgotarjan"),
        ("Győr", "gyor"),
        ("Tűzoltó", "tuzolto"),
        ("ŐRÜLT", "orult"),
        ("Nyyssönen", "nyyssonen"),
        ("Straße", "strasse"),
    ],
)
def test_fold_ignores_case_and_accents(text: str, folded: str) -> None:
    """Folding drops case and accents, ő and ű included."""
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("start", "end", "on", "lo", "hi"),
    [
        ("1956-11", None, None, date(1956, 11, 1), None),
        (None, "1956-11", None, None, date(1956, 11, 30)),
        (None, None, "1956-11", date(1956, 11, 1), date(1956, 11, 30)),
        (None, None, "1956", date(1956, 1, 1), date(1956, 12, 31)),
        ("1956-11-04", "1956-11-11", None, date(1956, 11, 4), date(1956, 11, 11)),
        ("1956-02", "1956-02", None, date(1956, 2, 1), date(1956, 2, 29)),
    ],
)
def test_partial_dates_cover_their_period(
    start: str | None, end: str | None, on: str | None, lo: date | None, hi: date | None
) -> None:
    """--from starts at the beginning of its period, --to ends at its end, --on covers it."""
    assert DateRange.from_options(start, end, on) == DateRange(lo, hi)


@pytest.mark.parametrize(
    ("start", "end", "on", "message"),
    [
        ("1957", "1956", None, "later than --to"),
        ("1956-11", None, "1956", "--on cannot be combined"),
        ("1956-13", None, None, "month 13 does not exist"),
        (None, "56-11", None, "four digits"),
    ],
)
def test_bad_ranges_are_usage_errors(start: str | None, end: str | None, on: str | None, message: str) -> None:
    """A reversed or malformed range says what is wrong."""
    with pytest.raises(UsageError, match=message):
        DateRange.from_options(start, end, on)


@pytest.mark.parametrize(
    ("event_date", "lo", "hi", "overlap", "within"),
    [
        ("1956-11-04", "1956-11-04", "1956-11-11", True, True),
        ("1956-11", "1956-11-04", "1956-11-11", True, False),  # vague: may fall in the range
        ("1956-10-29/1956-11-04", "1956-11-04", "1956-11-11", True, False),  # touches the first day
        ("1956-10-29/1956-11-03", "1956-11-04", "1956-11-11", False, False),
        ("../1956-10-22", "1956-10-01", "1956-10-31", True, False),  # open start
        ("1957-01/..", "1956-10-01", "1956-12-31", False, False),
        ("1956-11-21/1956-11-30", "1956-11-30", "1956-12-31", True, False),  # late November, at the edge
    ],
)
def test_overlap_versus_within(event_date: str, lo: str, hi: str, overlap: bool, within: bool) -> None:
    """By default an event matches when its interval overlaps; with within only if certainly inside."""
    when = dates.parse(event_date)
    assert DateRange.from_options(lo, hi, None, "overlap").keeps(when) is overlap
    assert DateRange.from_options(lo, hi, None, "within").keeps(when) is within


@pytest.mark.parametrize("match", ["overlap", "within"])
@pytest.mark.parametrize("on", ["1956", "1956-10", "1956-10-23", "1956-11-04", "1957"])
def test_the_store_and_the_rule_agree(match: str, on: str) -> None:
    """The SQL the dataset runs for a date range keeps exactly the events the rule keeps."""
    ds = mini()
    rng = DateRange.from_options(None, None, on, match)
    by_rule = [e.id for e in ds.events() if rng.keeps(e.when)]
    assert ids(EventFilter(dates=rng)) == by_rule


def ids(flt: EventFilter) -> list[str]:
    return [e.id for e in mini().events(flt)]


def test_filters_of_one_kind_widen() -> None:
    """Repeating --place keeps events at either place (OR)."""
    flt = EventFilter.from_options(mini(), place=["miskolc", "csepel"])
    assert ids(flt) == ["miskolc-massacre", "district-councils"]


def test_filters_of_different_kinds_narrow() -> None:
    """--place and --tag together keep events that have both (AND)."""
    flt = EventFilter.from_options(mini(), place=["budapest"], tag=["soviet-intervention"])
    assert ids(flt) == ["second-intervention"]


def test_phase_and_dates_and_notes() -> None:
    """Phase, date range and note filters select the right events."""
    ds = mini()
    assert ids(EventFilter.from_options(ds, phase=["2"])) == ["district-councils"]
    assert ids(EventFilter.from_options(ds, on="1956-10-23")) == ["budapest-demonstration", "izzo-council"]
    assert ids(EventFilter.from_options(ds, note=["5"])) == ["second-intervention"]
    assert ids(EventFilter.from_options(ds, start="1956-11", within=True)) == ["second-intervention", "racz-president"]


def test_reverse_and_limit() -> None:
    """Results come latest first with reverse, and stop at limit."""
    got = [e.id for e in mini().events(EventFilter(), reverse=True, limit=2)]
    assert got == ["racz-president", "second-intervention"]


def test_a_limit_decodes_only_what_it_returns() -> None:
    """A limited query decodes the events it returns and no others."""
    ds = mini()
    before = ds.decoded
    assert len(list(ds.events(limit=2))) == 2
    assert ds.decoded - before == 2


@pytest.mark.parametrize(("token", "n"), [("2", 2), ("order-from-below", 2), ("Order from below", 2), ("DISORDER", 1)])
def test_find_phase(token: str, n: int) -> None:
    """A phase is found by number, id or name, ignoring case."""
    assert find_phase(mini(), token).n == n


@pytest.mark.parametrize(
    ("token", "person"),
    [("racz", "racz-sandor"), ("Rasz", "racz-sandor"), ("Sándor Rácz", "racz-sandor"), ("racz-sandor", "racz-sandor")],
)
def test_find_person_by_alias(token: str, person: str) -> None:
    """People are found by id, name or any alias, without accents."""
    assert find_person(mini(), token).id == person


def test_unknown_names_suggest() -> None:
    """An unknown place or phase raises with a "did you mean"."""
    with pytest.raises(NotFoundError, match="Did you mean 'Csepel'"):
        find_place(mini(), "cespl")
    with pytest.raises(NotFoundError, match="chron phases"):
        find_phase(mini(), "9")


@pytest.mark.parametrize("token", ["0", "6", "-1", "x", "", "99999999999999999999"])
def test_note_number_range(token: str) -> None:
    """A note number outside 1..N names the valid range."""
    with pytest.raises(NotFoundError, match="notes run from 1 to 5"):
        note_number(mini(), token)
