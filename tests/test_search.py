"""The search query language and matching, without the CLI."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chron.dataset import Dataset
from chron.errors import QueryError
from chron.search import Term, parse_query, search
from tests.conftest import MINI, SHIPPED, dataset


@cache
def mini() -> Dataset:
    return dataset(MINI)


@cache
def shipped() -> Dataset:
    return dataset(SHIPPED)


@pytest.mark.parametrize(
    ("query", "clauses"),
    [
        ("councils", [[Term("councils")]]),
        ("workers councils", [[Term("workers")], [Term("councils")]]),
        ('"workers councils"', [[Term("workers councils", phrase=True)]]),
        ("-strike", [[Term("strike", negated=True)]]),
        ('-"general strike"', [[Term("general strike", negated=True, phrase=True)]]),
        ("a OR b c", [[Term("a"), Term("b")], [Term("c")]]),
        ("place:csepel", [[Term("csepel", "place")]]),
        ('place:"kilian barracks"', [[Term("kilian barracks", "place", phrase=True)]]),
        ("-year:1957", [[Term("1957", "year", negated=True)]]),
        ("PERSON:racz", [[Term("racz", "person")]]),
    ],
)
def test_parse(query: str, clauses: list[list[Term]]) -> None:
    """Words AND, OR joins neighbours, quotes make phrases, - excludes, field:value filters."""
    assert [list(c) for c in parse_query(query).clauses] == clauses


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('councils "workers', "unbalanced quote"),
        ("colour:red", "unknown field 'colour:'"),
        ("plase:csepel", "Did you mean 'place'"),
        ("OR councils", "OR needs a term on each side"),
        ("councils OR", "OR needs a term on each side"),
        ("a OR OR b", "OR needs a term on each side"),
        ("", "the query is empty"),
        ("   ", "the query is empty"),
        ("-", "lone '-'"),
        ("person:", "needs a value"),
        ("!!!", "no letters or digits"),
    ],
)
def test_malformed_queries_explain(query: str, message: str) -> None:
    """A malformed query raises QueryError saying how to fix it."""
    with pytest.raises(QueryError, match=message):
        parse_query(query)


def test_a_query_takes_at_most_fifty_terms() -> None:
    """A query is bounded in its terms (MAX_TERMS); the full-text prefilter in its clauses."""
    from chron.search import FTS_CLAUSES, MAX_TERMS, fts_expression

    words = " ".join(f"w{i:02d}x" for i in range(MAX_TERMS))
    assert len(parse_query(words).terms()) == MAX_TERMS
    expression = fts_expression(parse_query(words))
    assert expression is not None and expression.count(" AND ") == FTS_CLAUSES - 1
    with pytest.raises(QueryError, match=f"at most {MAX_TERMS}"):
        parse_query(words + " one-more")
    with pytest.raises(QueryError, match="800 terms"):
        parse_query(" ".join("abcdefgh"[i % 8] for i in range(800)))


def test_the_prefilter_keeps_its_most_selective_clauses() -> None:
    """Dropped clauses are the least selective (the shortest words); the longest words stay."""
    from chron.search import fts_expression

    expression = fts_expression(parse_query("a b c d e f g councils workers"))
    assert expression is not None and '"councils"*' in expression and '"workers"*' in expression


def hits(query: str, ds: Dataset | None = None, kinds: tuple[str, ...] = ("events", "notes", "works")) -> list[str]:
    return [h.key for h in search(ds or mini(), parse_query(query), kinds=kinds)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("racz", ["racz-president"]),  # the alias in the data is "Racz"; the name "Rácz"
        ("rasz", ["racz-president"]),  # a spelling only in the aliases
        ("RÁCZ", ["racz-president"]),
        ("ujpest", ["izzo-council", "district-councils"]),
        ("council", ["izzo-council", "district-councils", "racz-president", "2"]),  # matches at a word start
        ("ouncil", []),
        ('"district workers"', ["district-councils"]),
        ("councils -csepel", ["izzo-council", "racz-president", "2"]),  # the tag workers-councils counts
        ("miskolc OR csepel", ["miskolc-massacre", "district-councils"]),
        ("place:csepel", ["district-councils"]),
        ("person:racz", ["racz-president"]),
        ("tag:massacre", ["miskolc-massacre"]),
        ("phase:2", ["district-councils"]),
        ("note:5", ["second-intervention", "5"]),
        ("year:1956 -phase:1 -phase:2", ["second-intervention", "racz-president"]),
    ],
)
def test_matching(query: str, expected: list[str]) -> None:
    """Matching folds case and accents, knows aliases, and applies field filters."""
    assert hits(query, kinds=("events", "notes")) == expected


def test_each_hit_says_what_matched() -> None:
    """A hit names the field and gives a snippet with the match's span."""
    [hit] = search(mini(), parse_query("united lamp"), kinds=("events",))
    match = hit.matches[0]
    assert match.field == "quote"
    start, end = match.spans[0]
    assert match.snippet[start:end] == "United"


def test_notes_and_works_are_searched() -> None:
    """Notes match on their text, works on authors and titles."""
    assert hits("fryer", shipped(), kinds=("works",)) == ["fryer1986", "fryer1957"]
    assert "23" in hits("hungarian tragedy", shipped(), kinds=("notes",))


def test_unknown_field_values_explain() -> None:
    """A field value that names nothing raises with a hint."""
    with pytest.raises(QueryError, match="no such tag"):
        search(mini(), parse_query("tag:riot"))
    with pytest.raises(QueryError, match="matches no place"):
        search(mini(), parse_query("place:atlantis"))
    with pytest.raises(QueryError, match="notes run from 1 to 5"):
        search(mini(), parse_query("note:9"))


def test_done_when_examples_on_the_shipped_data() -> None:
    """`search racz` finds the Rácz events; `place:csepel strike -year:1957` works."""
    ds = shipped()
    racz = hits("racz", ds, kinds=("events",))
    assert racz and all("racz-sandor" in ds.event(e).people for e in racz)  # type: ignore[union-attr]
    csepel = hits("place:csepel strike -year:1957", ds, kinds=("events",))
    assert csepel
    for eid in csepel:
        ev = ds.event(eid)
        assert ev is not None and "csepel" in ev.places and ev.when.earliest.year <= 1956


@given(st.text(max_size=40))
def test_any_query_parses_or_raises_query_error(text: str) -> None:
    """No input makes the parser fail with anything but a QueryError."""
    try:
        parse_query(text)
    except QueryError as err:
        assert err.message


def test_a_work_without_title_is_a_result() -> None:
    """A work with neither title nor container (the 1956 Institute) still makes a result line."""
    from chron import listings
    from chron.render import render_text

    ds = shipped()
    listing = listings.hits(search(ds, parse_query("1956 institute"), kinds=("works",)))
    assert "institute1956" in render_text(listing, "plain")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40) | st.text(alphabet="aÁbcéő ßøXYZ-'.\u0301", max_size=40))
def test_fold_with_map_points_each_folded_character_at_its_source(text: str) -> None:
    """The folded text is fold()'s, and each of its characters comes from the character mapped to."""
    from chron.matching import fold_with_map
    from chron.query import fold

    folded, where = fold_with_map(text)
    assert folded == fold(text)
    assert len(where) == len(folded)
    assert list(where) == sorted(where)
    for i, ch in enumerate(folded):
        assert ch in fold(text[where[i]])


@pytest.mark.parametrize(
    ("query", "text", "found"),
    [
        ("council", "the councils met", True),  # a plural
        ("council", "the council’s call", True),  # a possessive
        ("worker councils", "workers’ councils", True),  # a plural possessive, then a phrase
        ("strike", "general strikes", True),
        ("church", "the churches", True),
        ("council", "a councillor", False),  # a longer word is another word
        ("gyor", "György Litván", False),
        ("gyor", "Győr and Györ", True),
        ("ouncil", "the council", False),  # whole words only
        ("council*", "a councillor", True),  # a prefix when asked
        ("pecs", "Pécsi", False),
    ],
)
def test_a_word_matches_whole_words_with_their_endings(query: str, text: str, found: bool) -> None:
    """A query word finds the same word, or it with a plural or possessive ending, never a longer word."""
    from chron.matching import find_spans, word_pattern

    assert bool(find_spans(word_pattern(query), text)) is found


@pytest.mark.parametrize(
    ("query", "text", "found"),
    [
        ("Pécs", "in Pécs", True),
        ("Pécs", "in Pecs", False),  # accents count
        ("pécs", "in Pécs", False),  # case counts
        ("Pécs", "the Pécsi book", False),  # whole words
        ("Győr", "Győr’s council", True),  # an apostrophe ends a word
        ("Győr", "Győrs", False),  # no endings
    ],
)
def test_exact_words_match_as_typed(query: str, text: str, found: bool) -> None:
    """With exact, case and accents count and only whole words match."""
    from chron.matching import word_pattern

    assert bool(word_pattern(query, exact=True).search(text)) is found


def test_every_matching_field_is_reported_the_texts_own_words_first() -> None:
    """A hit lists each field that matched: the quote before chron's title, summary and places."""
    found = {h.key: h for h in search(shipped(), parse_query("pecs"), kinds=("events",))}
    fields = [m.field for m in found["provincial-armed-resistance"].matches]
    assert fields == ["quote", "summary", "places"]
    quote = found["provincial-armed-resistance"].matches[0]
    assert quote.snippet[slice(*quote.spans[0])] == "Pecs"  # the article prints "Pecs"; chron's summary "Pécs"
    [miskolc] = search(mini(), parse_query("miskolc"), kinds=("events",))
    assert [m.field for m in miskolc.matches] == ["quote", "title", "summary", "places"]


@pytest.mark.parametrize(("query", "note", "spelling"), [("racz", "49", "Rasz"), ("kopacsi", "15", "Kopásci")])
def test_a_name_finds_its_other_spellings_in_the_notes(query: str, note: str, spelling: str) -> None:
    """A word that is a person's spelling also finds the person's other spellings in free text."""
    found = {h.key: h for h in search(shipped(), parse_query(query), kinds=("notes",))}
    assert note in found
    match = found[note].matches[0]
    assert match.snippet[slice(*match.spans[0])] == spelling


def test_a_given_name_is_not_widened_to_everyone_who_bears_it() -> None:
    """`sandor` finds Sándor, not the note that prints only "Rasz"."""
    assert "49" not in hits("sandor", shipped(), kinds=("notes",))


def test_exact_takes_no_other_spellings() -> None:
    """With exact, `Racz` finds the words Racz only: not Rácz, not Rasz."""
    found = list(search(shipped(), parse_query("Racz"), kinds=("notes", "events"), exact=True))
    assert found
    for hit in found:
        for m in hit.matches:
            assert all(m.snippet[a:b] == "Racz" for a, b in m.spans)
    assert "49" not in [h.key for h in found]


def test_gyor_does_not_find_gyorgy() -> None:
    """`gyor` finds the town Győr, never György Litván."""
    found = list(search(shipped(), parse_query("gyor")))
    assert found
    for hit in found:
        assert all("yörgy" not in m.snippet[a:b] for m in hit.matches for a, b in m.spans)
        assert not (hit.kind == "work" and hit.key.startswith("litvan"))


def test_the_text_kind_finds_lines() -> None:
    """The kind text finds the lines of the kept text that hold the words, by line number."""
    text = "First line about Pecs.\n\nThe Pécsi book.\nCouncils in Pecs."
    found = list(search(mini(), parse_query("pecs"), kinds=("text",), text=text))
    assert [(h.kind, h.key) for h in found] == [("text", "1"), ("text", "4")]
    assert found[0].matches[0].snippet == "First line about Pecs."
    assert not list(search(mini(), parse_query("Pécs"), kinds=("text",), text=text, exact=True))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="aÁbcéő ßøŒ…ﬁ-'’.\u0301\n", max_size=30), min_size=1, max_size=4),
    st.sampled_from(["a", "ab", "ss", "c*", "b a", "o"]),
)
def test_a_record_folded_once_finds_what_each_field_finds(texts: list[str], word: str) -> None:
    """Matching a record's fields joined and folded once gives each field's own spans, even where
    folding changes a text's length (ß, …, ﬁ)."""
    from chron.matching import Fields, find_spans, word_pattern

    pattern = word_pattern(word)
    fields = [(f"f{i}", t) for i, t in enumerate(texts)]
    joined = sorted(Fields(fields, exact=False).spans(pattern))
    each = sorted((i, span) for i, (_, t) in enumerate(fields) for span in find_spans(pattern, t))
    assert joined == each
