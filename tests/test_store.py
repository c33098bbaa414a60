"""The cached (SQLite) dataset answers exactly as the freshly loaded one: filters, search, lookups."""

from __future__ import annotations

import re
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chron.errors import QueryError
from chron.load import load_dataset
from chron.models import Dataset
from chron.query import EventFilter, filter_events
from chron.search import parse_query, search
from chron.store import LazyDataset
from tests.conftest import SHIPPED


@cache
def both() -> tuple[Dataset, Dataset]:
    fresh = load_dataset(SHIPPED, use_cache=False)
    load_dataset(SHIPPED)  # make sure the entry exists
    lazy = load_dataset(SHIPPED)
    assert isinstance(lazy, LazyDataset) and not isinstance(fresh, LazyDataset)
    return fresh, lazy


@cache
def vocabulary() -> list[str]:
    fresh, _ = both()
    words = set()
    for ev in fresh.events:
        words.update(re.findall(r"\w{3,}", f"{ev.title} {ev.quote}"))
    return sorted(words)


def test_the_same_records() -> None:
    """Every event, note, work, person, place, tag and phase is the same, in the same order."""
    fresh, lazy = both()
    assert [e.id for e in lazy.events] == [e.id for e in fresh.events]
    assert [e.quote for e in lazy.events] == [e.quote for e in fresh.events]
    assert list(lazy.notes) == list(fresh.notes) and list(lazy.works) == list(fresh.works)
    assert lazy.works["nagye1990"].container_title == fresh.works["nagye1990"].container_title
    assert [p.id for p in lazy.phases] == [p.id for p in fresh.phases]
    assert lazy.people.keys() == fresh.people.keys() and lazy.places.keys() == fresh.places.keys()
    for ev in fresh.events:
        assert lazy.phase_of[ev.id] is not None and lazy.phase_of[ev.id].n == fresh.phase_of[ev.id].n  # type: ignore[union-attr]
    assert [e.id for e in lazy.events_citing(23)] == [e.id for e in fresh.events_citing(23)]
    assert "miskolc-demonstration-shooting" in lazy.event_by_id and "nope" not in lazy.event_by_id


filters = st.builds(
    dict,
    phase=st.lists(st.sampled_from(["0", "1", "2", "3", "4"]), max_size=2),
    start=st.one_of(st.none(), st.sampled_from(["1956", "1956-10", "1956-10-26", "1956-11-04", "1957"])),
    end=st.one_of(st.none(), st.sampled_from(["1956-10-28", "1956-11", "1956-12-31", "1959", "2006"])),
    within=st.booleans(),
    note=st.lists(st.sampled_from(["23", "26", "45", "53"]), max_size=2),
    place=st.lists(st.sampled_from(["budapest", "csepel", "miskolc"]), max_size=1),
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(filters)
def test_filters_agree(options: dict[str, object]) -> None:
    """show's filters select the same events from the index as from memory."""
    fresh, lazy = both()
    try:
        f1 = EventFilter.from_options(fresh, **options)  # type: ignore[arg-type]
    except Exception:
        return  # a reversed range: both refuse it alike
    f2 = EventFilter.from_options(lazy, **options)  # type: ignore[arg-type]
    assert [e.id for e in filter_events(lazy, f2)] == [e.id for e in filter_events(fresh, f1)]


@st.composite
def queries(draw: st.DrawFn) -> str:
    terms = draw(
        st.lists(
            st.one_of(
                st.sampled_from(vocabulary()).map(lambda w: w[: draw(st.integers(3, len(w)))]),
                st.sampled_from(
                    ['"workers councils"', "-budapest", "place:csepel", "tag:strike", "OR", "racz", "ű", "1956"]
                ),
            ),
            min_size=1,
            max_size=3,
        )
    )
    return " ".join(terms)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(queries())
def test_search_agrees(text: str) -> None:
    """The full-text index never loses a match: results equal the in-memory search."""
    fresh, lazy = both()
    try:
        query = parse_query(text)
        expected = [h.key for h in search(fresh, query, kinds=("events",))]
    except QueryError:
        return
    assert [h.key for h in search(lazy, query, kinds=("events",))] == expected


def test_damaged_store_is_removed_with_a_message(tmp_path: pytest.TempPathFactory) -> None:
    """A store that breaks under a query is deleted, and the user is told to run again."""
    from chron import cache
    from chron.errors import ChronError

    _, lazy = both()
    path = cache.entry_path(SHIPPED)
    assert path is not None and path.is_file()
    lazy.db.execute("PRAGMA query_only = 1")
    lazy.__dict__.pop("events", None)
    lazy.read.clear()
    lazy.db.close()
    with pytest.raises(ChronError, match="damaged and has been removed"):
        lazy.rows()
    both.cache_clear()
