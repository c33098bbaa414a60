"""Lookups, date ranges and event filters, without the CLI."""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from chron import dates
from chron.dataset import Dataset
from chron.errors import NotFoundError, UsageError
from chron.query import DateRange, EventFilter, find_person, find_phase, find_place, fold, note_number
from tests.conftest import MINI, SHIPPED, dataset


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
    rng = DateRange.from_options(start, end, on)
    assert (rng.lo, rng.hi) == (lo, hi)


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


# The date rule's truth table (docs/usage.md shows it): an event's date, a question (--from, --to;
# the same date twice is --on), and whether each --match keeps it.
TRUTH_TABLE = [
    # event date               from          to            within overlap default
    ("1956-11-04", "1956-11-04", "1956-11-11", True, True, True),  # inside
    ("1956-11", "1956-11-04", "1956-11-11", False, True, True),  # a month round a week: under 7 x 8 days
    ("1956", "1956-11-04", "1956-11-11", False, True, False),  # a year round a week: background
    ("1956-10-29/1956-11-04", "1956-11-04", "1956-11-11", False, True, True),  # touches the first day
    ("1956-10-29/1956-11-03", "1956-11-04", "1956-11-11", False, False, False),  # ends the day before
    ("1956-10-23/1956-12-31", "1956-11-04", "1956-11-11", False, True, False),  # 70 days > 56
    ("1956-11-04/..", "1956-11-04", "1956-11-11", False, True, False),  # open end: no length
    ("../1956-10-22", "1956-10-01", "1956-10-31", False, True, False),  # open start
    ("1957-01/..", "1956-10-01", "1956-12-31", False, False, False),
    ("1956-10-23/1956-10-28", "1956-10-23", "1956-10-23", False, True, True),  # --on a day: 6 days
    ("1956-10-23/1956-10-31", "1956-10-23", "1956-10-23", False, True, False),  # 9 days > 7
    ("1956-11-22/1956-11-23", "1956-11-23", "1956-11-23", False, True, True),  # a two-day strike
    ("1956-10", "1956-10-23", "1956-10-23", False, True, False),  # a month for a day
    ("1956-10-23/1957-01-20", "1956-11", "1956-11", False, True, True),  # 90 days round a month
    ("1956", "1956-11", "1956-11", False, True, False),  # a year round a month
    ("1956-11/1959-12", "1956", "1956", False, True, True),  # three years round a year
    ("1949/1956", "1956", "1956", False, True, False),  # eight years round a year
    ("195X", "1956", "1956", False, True, False),  # a decade round a year
    ("1957", "1956-11-04", None, True, True, True),  # --from alone: inside the open range
    ("1956-11/1959-12", "1956-11-04", None, False, True, False),  # crosses the start, far longer than a day
    ("1956-11-03/1956-11-05", "1956-11-04", None, False, True, True),  # crosses it, three days
    ("1956", None, "1956-10-22", False, True, False),  # --to alone: a year round the last day
]


@pytest.mark.parametrize(("event_date", "start", "end", "within", "overlap", "default"), TRUTH_TABLE)
def test_the_date_rule_truth_table(
    event_date: str, start: str | None, end: str | None, within: bool, overlap: bool, default: bool
) -> None:
    """within keeps events certainly inside; overlap every event that may fall in the range;
    default those inside and the overlapping ones at most seven times as long as the question."""
    when = dates.parse(event_date)
    assert DateRange.from_options(start, end, None, "within").keeps(when) is within
    assert DateRange.from_options(start, end, None, "overlap").keeps(when) is overlap
    assert DateRange.from_options(start, end, None, "default").keeps(when) is default


@pytest.mark.parametrize(
    ("start", "end"), [("1956-10-23", "1956-10-23"), ("1956-11", "1956-11"), ("1956", None), (None, "1956-10-22")]
)
def test_the_default_lies_between_within_and_overlap(start: str | None, end: str | None) -> None:
    """Over the shipped events, what within keeps default keeps, and what default keeps overlap keeps."""
    rules = {m: DateRange.from_options(start, end, None, m) for m in ("within", "default", "overlap")}
    for ev in dataset(SHIPPED).events():
        kept = {m: rule.keeps(ev.when) for m, rule in rules.items()}
        assert kept["within"] <= kept["default"] <= kept["overlap"], ev.id


@pytest.mark.parametrize("match", ["default", "overlap", "within"])
@pytest.mark.parametrize(
    ("start", "end", "on"),
    [
        (None, None, "1956"),
        (None, None, "1956-10"),
        (None, None, "1956-10-23"),
        (None, None, "1956-11-04"),
        (None, None, "1957"),
        ("1956-11", None, None),
        (None, "1956-10-28", None),
        ("1956-10-25", "1956-11-02", None),
    ],
)
def test_the_store_and_the_rule_agree(match: str, start: str | None, end: str | None, on: str | None) -> None:
    """The SQL the dataset runs for a date range keeps exactly the events the rule keeps."""
    for ds in (mini(), dataset(SHIPPED)):
        rng = DateRange.from_options(start, end, on, match)
        by_rule = [e.id for e in ds.events() if rng.keeps(e.when)]
        assert [e.id for e in ds.events(EventFilter(dates=rng))] == by_rule


def test_an_unknown_rule_is_a_usage_error() -> None:
    """--match takes one of the rules."""
    with pytest.raises(UsageError, match="--match takes one of default, within, overlap"):
        DateRange.from_options("1956", None, None, "near")


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
    assert ids(EventFilter.from_options(ds, start="1956-11", match="within")) == [
        "second-intervention",
        "racz-president",
    ]


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
