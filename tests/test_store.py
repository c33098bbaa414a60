"""The store behind every dataset: its SQL answers what a plain scan of the events answers, and
a query decodes only the events it needs."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from chron import dates
from chron.dataset import Dataset
from chron.errors import ChronError, QueryError, UsageError
from chron.load import load_dataset
from chron.models import Event
from chron.query import EventFilter
from chron.search import parse_query, search
from chron.store import pack, unpack
from tests.conftest import LENGTHS, SHIPPED, at_length, dataset


def scan(ds: Dataset, flt: EventFilter) -> list[str]:
    """The events a filter keeps, by reading every event in Python: the reference for the SQL."""
    out = []
    for ev in ds.events():
        if flt.phases and not set(ev.phases) & set(flt.phases):
            continue
        if not flt.dates.keeps(ev.when):
            continue
        if any(
            wanted and not set(wanted) & set(have)
            for wanted, have in (
                (flt.people, ev.people),
                (flt.places, ev.places),
                (flt.tags, ev.tags),
                (flt.notes, ev.notes),
            )
        ):
            continue
        out.append(ev.id)
    return out


filters: st.SearchStrategy[dict[str, object]] = st.builds(
    dict,
    phase=st.lists(st.sampled_from(["0", "1", "2", "3", "4"]), max_size=2),
    start=st.one_of(st.none(), st.sampled_from(["1956", "1956-10", "1956-10-26", "1956-11-04", "1957"])),
    end=st.one_of(st.none(), st.sampled_from(["1956-10-28", "1956-11", "1956-12-31", "1959", "2006"])),
    match=st.sampled_from(["default", "within", "overlap"]),
    note=st.lists(st.sampled_from(["23", "26", "45", "53"]), max_size=2),
    place=st.lists(st.sampled_from(["budapest", "csepel", "miskolc"]), max_size=1),
    tag=st.lists(st.sampled_from(["strike", "workers-councils", "soviet-intervention"]), max_size=2),
)


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(filters)
def test_filters_agree_with_a_scan(options: dict[str, object]) -> None:
    """show's filters select, through SQL, exactly the events a scan of every event selects."""
    ds = dataset(SHIPPED)
    start, end = options["start"], options["end"]
    if start and end and dates.parse(str(start)).earliest > dates.parse(str(end)).latest:
        with pytest.raises(UsageError, match="later than --to"):
            EventFilter.from_options(ds, **options)  # type: ignore[arg-type]
        return
    flt = EventFilter.from_options(ds, **options)  # type: ignore[arg-type]
    assert [e.id for e in ds.events(flt)] == scan(ds, flt)


@cache
def vocabulary() -> list[str]:
    words = set()
    for ev in dataset(SHIPPED).events():
        words.update(re.findall(r"\w{3,}", f"{ev.title} {ev.quote}"))
    return sorted(words)


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


@cache
def without_index() -> Dataset:
    """The shipped dataset with its full-text index switched off: search then reads every event."""
    unindexed = copy.copy(dataset(SHIPPED))
    unindexed.fts = False
    return unindexed


@pytest.mark.parametrize("long", LENGTHS)
def test_the_index_never_loses_a_match(long: bool) -> None:
    """Search narrowed by the full-text index finds what a search of every event finds."""

    @given(queries())
    def prop(text: str) -> None:
        try:
            query = parse_query(text)
            expected = [h.key for h in search(without_index(), query, kinds=("events",))]
        except QueryError:
            return
        assert [h.key for h in search(dataset(SHIPPED), query, kinds=("events",))] == expected

    at_length(prop, long, 200)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(range(203)))
def test_records_pack_and_unpack(i: int) -> None:
    """An event packed for the store and unpacked again is equal field for field."""
    ev = list(dataset(SHIPPED).events())[i]
    again = unpack(Event, pack(ev))
    assert pack(again) == pack(ev) and again.id == ev.id


def decoded(ds: Dataset, work: Iterable[object]) -> int:
    """How many events a piece of work (a generator of events or hits) decodes."""
    before = ds.decoded
    list(work)
    return ds.decoded - before


def test_a_rare_word_decodes_only_its_candidates() -> None:
    """`search salgotarjan` reads the events the index names, not every event."""
    ds = dataset(SHIPPED)
    hits = list(search(ds, parse_query("salgotarjan"), kinds=("events",)))
    count = decoded(ds, search(ds, parse_query("salgotarjan"), kinds=("events",)))
    assert 0 < len(hits) <= count <= len(hits) + 3


def test_a_filter_decodes_only_what_it_keeps() -> None:
    """`show --phase 2` and a search with a filter decode only the events the filter keeps."""
    ds = dataset(SHIPPED)
    flt = EventFilter.from_options(ds, phase=["2"])
    kept = len(list(ds.events(flt)))
    assert decoded(ds, ds.events(flt)) == kept
    assert decoded(ds, search(ds, parse_query("councils"), kinds=("events",), flt=flt)) <= kept


def test_counts_and_lookups_decode_no_events() -> None:
    """Counting events per phase, person, place, tag, and looking up notes and works, decode none."""
    ds = dataset(SHIPPED)
    before = ds.decoded
    for kind in ("phases", "people", "places", "tags", "notes"):
        assert sum(ds.counts(kind).values()) > 0
    assert ds.notes_citing("fryer1986") and ds.event_ids()
    assert ds.decoded == before


def test_events_citing_decode_only_those() -> None:
    """The events resting on a note or a work are found by the join tables."""
    ds = dataset(SHIPPED)
    before = ds.decoded
    on_note = ds.events_citing(23)
    assert on_note and len(on_note) == ds.decoded - before
    assert [e.id for e in on_note] == [e.id for e in ds.events() if 23 in e.notes]
    before = ds.decoded
    found = ds.events_citing_work("fryer1986")
    assert found and len(found) == ds.decoded - before
    numbers = {n.n for n in ds.notes_citing("fryer1986")}
    assert [e.id for e in found] == [e.id for e in ds.events() if numbers & set(e.notes)]


def test_a_damaged_store_is_removed_with_a_message(tmp_path: pytest.TempPathFactory) -> None:
    """A store that breaks under a query is deleted, and the user is told to run again."""
    from chron import cache

    load_dataset(SHIPPED)
    ds = load_dataset(SHIPPED)
    assert ds.path is not None and ds.path == cache.entry_path(SHIPPED)
    ds.db.close()
    with pytest.raises(ChronError, match="damaged and has been removed"):
        list(ds.events())
    assert not ds.path.exists()


def test_ids_are_listed_without_decoding() -> None:
    """`show -f ids` reads the ids from the store and decodes no event."""
    ds = dataset(SHIPPED)
    flt = EventFilter.from_options(ds, phase=["3"])
    before = ds.decoded
    assert list(ds.ids(flt)) == [e.id for e in ds.events(flt)]
    assert ds.decoded - before == len(list(ds.ids(flt)))  # the events() call above, and nothing for ids


def test_an_open_start_sorts_and_takes_its_phase_by_its_end(tmp_path: pytest.TempPathFactory) -> None:
    """An event dated "by 30 October" stands after 23 October and in the phase holding 30 October."""
    import shutil
    from pathlib import Path

    from tests.conftest import MINI, edit

    folder = Path(str(tmp_path)) / "mini"
    shutil.copytree(MINI, folder)
    edit(
        folder / "chronology.toml",
        'id = "budapest-demonstration"\ndate = "1956-10-23"',
        'id = "budapest-demonstration"\ndate = "../1956-10-30"',
    )
    ds = load_dataset(folder, use_cache=False)
    order = [ev.id for ev in ds.events()]
    moved = ds.event("budapest-demonstration")
    assert moved is not None and moved.phases == (2,)
    assert order.index("izzo-council") < order.index("budapest-demonstration")
    assert [e.id for e in ds.events(EventFilter.from_options(ds, phase=["2"]))].count("budapest-demonstration") == 1


# ------------------------------------------------------------------ the index and the matcher cut words alike

# Characters where SQLite's tokenizer and Python's \w used to disagree (currency signs newer than
# SQLite's Unicode tables, emoji and their skin-tone modifiers, private-use characters, combining
# marks, the underscore), with letters, digits and spaces so that words form around them.
AWKWARD = list("ab xyz 01 ₺₽€$ 🥰👍🏽🏿\ue000\U000f0001\u0301\u0308_²٣ǆßİﬁ-.,'’éőΩж中\u200d\t")
awkward_text = st.text(alphabet=st.sampled_from(AWKWARD) | st.characters(codec="utf-8"), min_size=1, max_size=30)


@cache
def mini_records() -> tuple[Any, Any]:
    from chron.load import validate
    from tests.conftest import MINI

    chron, src, *_ = validate(MINI, use_cache=False)
    return chron, src


def built(texts: list[str]) -> Dataset:
    """mini with its events' titles and summaries replaced by ``texts``, stored in memory."""
    import dataclasses
    import sqlite3

    from chron.store import build

    chron, src = mini_records()
    events = [
        dataclasses.replace(ev, title=texts[i % len(texts)] or "x", summary=texts[(i + 1) % len(texts)])
        for i, ev in enumerate(chron.events)
    ]
    db = sqlite3.connect(":memory:")
    build(db, dataclasses.replace(chron, events=tuple(events)), src)
    return Dataset(db)


@pytest.mark.parametrize("long", LENGTHS)
def test_indexed_and_unindexed_search_agree_on_any_text(long: bool) -> None:
    """For text of any characters, a search through the full-text index finds exactly what a search
    of every event finds: the index never drops a match."""
    at_length(_agree_on_any_text, long, 300)


@given(st.lists(awkward_text, min_size=1, max_size=4), st.data())
def _agree_on_any_text(texts: list[str], data: st.DataObject) -> None:
    ds = built(texts)
    assert ds.fts_exact
    unindexed = copy.copy(ds)
    unindexed.fts = False
    source = data.draw(st.sampled_from(texts))
    start = data.draw(st.integers(0, len(source)))
    word = source[start : start + data.draw(st.integers(1, 12))].replace('"', "")
    query_text = data.draw(st.sampled_from([word, f'"{word}"', f"{word} OR zzz", f"x {word}"]))
    try:
        query = parse_query(query_text)
        expected = [h.key for h in search(unindexed, query, kinds=("events",))]
    except QueryError:
        return
    assert [h.key for h in search(ds, query, kinds=("events",))] == expected


# ------------------------------------------------------------------ the store answers a search itself


def matched_by_scan(ds: Dataset, query_text: str) -> list[tuple[str, tuple[int, ...]]]:
    """The events the matcher accepts when it reads every event (no index, no SQL): the reference
    for search.prefilter and search.event_ids."""
    from chron.search import Searcher, event_fields, spellings

    s = Searcher(ds, parse_query(query_text), bare=True)
    people, places = spellings(ds.people.values()), spellings(ds.places.values())
    return [(ev.id, ev.phases) for ev in ds.events() if s.match("event", ev.id, ev, event_fields(ev, people, places))]


# Words with the endings search takes and ones it does not, and the mini dataset's spellings.
STEMS = ["council", "strik", "strike", "nagy", "imre", "racz", "rasz", "csepel", "cespel", "a1", "s", "x"]
ENDINGS = ["", "", "s", "es", "e", "ess", "lor", "’s", "s’", "'s", "-x", "_1"]
ascii_text = st.lists(
    st.tuples(st.sampled_from(STEMS), st.sampled_from(ENDINGS)).map("".join),
    max_size=8,
).map(" ".join)


FIELD_FILTERS = ["place:csepel", "place:budapest", "person:racz", "tag:workers-councils", "tag:massacre"]
FIELD_FILTERS += ["phase:2", "phase:3", "note:5", "year:1956-10", "year:1956-10-23", "year:1956-11-20"]


@st.composite
def mini_queries(draw: st.DrawFn) -> str:
    """A query over the mini dataset: words as typed (whole, prefixes, excluded, in OR), phrases,
    and each kind of field filter, excluded too."""
    term = st.one_of(
        st.sampled_from([*STEMS, "councils", "strikes", "budapest"]),
        st.sampled_from(STEMS).map(lambda w: w[: draw(st.integers(1, len(w)))] + "*"),
        st.sampled_from(['"council strike"', '"imre nagy"', '"sandor racz"', "o'nagy", "counc-il", "Rácz"]),
        st.sampled_from(FIELD_FILTERS),
    )
    terms = draw(st.lists(st.tuples(st.booleans(), term), min_size=1, max_size=4))
    words = []
    for i, (negated, value) in enumerate(terms):
        if i and draw(st.integers(0, 3)) == 0:
            words.append("OR")
        words.append(("-" if negated else "") + value)
    return " ".join(words)


@pytest.mark.parametrize("long", LENGTHS)
def test_the_store_answers_a_search_as_the_matcher_does(long: bool) -> None:
    """Over events whose words are all ASCII, the store answers words, prefixes, exclusions and field
    filters itself (search.event_ids decodes nothing when the prefilter is exact), and both it and
    search find exactly what the matcher finds reading every event, each event with its phases."""
    at_length(_store_agrees_with_the_scan, long, 600)


@example(["council"], "year:1956-10-23")  # events of that very day: the days' bounds are inclusive
@example(["strikes x"], "-year:1956-11-20 OR tag:massacre strik*")
@example(["nagy’s councils"], "-council OR -nagy")
@given(st.lists(ascii_text, min_size=1, max_size=4), mini_queries())
def _store_agrees_with_the_scan(texts: list[str], query_text: str) -> None:
    from chron.search import Searcher, event_ids, prefilter

    ds = built(texts)
    assert ds.fts_ascii
    expected = matched_by_scan(ds, query_text)
    query = parse_query(query_text)
    before = ds.decoded
    assert list(event_ids(ds, query)) == expected
    if prefilter(Searcher(ds, query, bare=True)).exact:
        assert ds.decoded == before
    assert [h.key for h in search(ds, query, kinds=("events",))] == [i for i, _ in expected]


@pytest.mark.parametrize("long", LENGTHS)
def test_event_ids_agree_with_the_matcher_on_any_text(long: bool) -> None:
    """Over text of any characters (the index then only narrows words, and the matcher decides),
    event_ids finds exactly what the matcher finds reading every event."""
    at_length(_ids_agree_on_any_text, long, 200)


@given(st.lists(awkward_text | ascii_text, min_size=1, max_size=4), st.data())
def _ids_agree_on_any_text(texts: list[str], data: st.DataObject) -> None:
    from chron.search import event_ids

    ds = built(texts)
    source = data.draw(st.sampled_from(texts))
    start = data.draw(st.integers(0, len(source)))
    word = source[start : start + data.draw(st.integers(1, 12))].replace('"', "")
    query_text = data.draw(
        st.sampled_from([word, f"{word}*", f'"{word}"', f"x OR {word}", f"-{word}", "-x place:csepel"])
    )
    try:
        expected = matched_by_scan(ds, query_text)
    except QueryError:
        return
    assert list(event_ids(ds, parse_query(query_text))) == expected


def test_the_shipped_words_are_ascii_and_answered_without_decoding() -> None:
    """The shipped data's indexed words are all ASCII, so a query of words, prefixes, exclusions and
    field filters is answered by SQL alone, and gives what search gives."""
    from chron.search import event_ids

    ds = dataset(SHIPPED)
    assert ds.fts_ascii
    for text in ("counci*", "c*", "strike -budapest", "nagy OR kadar", "place:csepel arms -year:1956-11", "zzzz*"):
        query = parse_query(text)
        before = ds.decoded
        found = [i for i, _ in event_ids(ds, query)]
        assert ds.decoded == before, text
        assert found == [h.key for h in search(ds, query, kinds=("events",))], text
        assert found == [i for i, _ in matched_by_scan(ds, text)], text


def test_a_phrase_or_an_exact_search_is_confirmed_by_the_matcher() -> None:
    """A phrase, or an excluded phrase, leaves the prefilter inexact: the candidates are decoded."""
    from chron.search import Searcher, prefilter

    ds = dataset(SHIPPED)
    for text, exact in [
        ("council", True),
        ("nagy", True),  # "Imre Nagy" holds only where "nagy" does
        ('"workers council"', False),
        ('-"workers council" strike', False),
        ("place:csepel -tag:strike", True),
    ]:
        assert prefilter(Searcher(ds, parse_query(text))).exact is exact, text
    assert not prefilter(Searcher(ds, parse_query("council"), exact=True)).exact


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["council"], '("council" OR "councils" OR "counciles")'),
        (["Counci*"], '"counci"*'),
        (["nagy", "Imre Nagy", "Nagy"], '("nagy" OR "nagys" OR "nagyes")'),
        (["csepel", "Csepel island"], '("csepel" OR "csepels" OR "csepeles")'),
        (["Csepel island"], None),  # a phrase alone: the index cannot tell words apart from "csepel, island"
        (["Rasz", "Sandor Racz"], None),  # a phrase none of whose words is also a whole word
        (["Dvořák"], '("dvorak" OR "dvoraks" OR "dvorakes")'),
        (["o'brien"], None),
        (["Ωmega"], None),
    ],
)
def test_word_expressions(values: list[str], expected: str | None) -> None:
    """A word, a prefix or a spelling set becomes the index's exact test, or None when it cannot be one."""
    from chron.fulltext import word_expression

    assert word_expression(values) == expected
