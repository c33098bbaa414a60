"""The style registry: lookup by name and alias, in-text parentheses, each style's order and year suffixes."""

from __future__ import annotations

import random
from collections.abc import Mapping
from functools import cache

import pytest

from chron import citation
from chron.citation import STYLES, Context, Style, find_style
from chron.citation.base import suffix_letters
from chron.citation.parts import year
from chron.dataset import Dataset
from chron.errors import UsageError
from chron.load import load_dataset
from chron.models import Cite, Name, Note, Work
from tests.conftest import SHIPPED

IN_TEXT = [s for s in STYLES.values() if s.in_text]
SUFFIXED = [s for s in STYLES.values() if s.year_suffixes]


@cache
def dataset() -> Dataset:
    return load_dataset(SHIPPED, use_cache=False)


def smith(id: str, title: str, issued: str) -> Work:
    return Work(id=id, type="book", author=(Name(family="Smith", given="Ann"),), title=title, issued=issued)


def unsigned_issue(id: str, issued: str) -> Work:
    return Work(id=id, type="article-newspaper", container_title="The Times", issued=issued)


# Three books by one author in one year, two unsigned issues of one paper in one year, and works
# whose place differs from style to style (by title, by year, by container).
SAME_YEAR = [smith("c", "Gamma", "1956"), smith("a", "Alpha", "1956"), smith("b", "Beta", "1956")]
ISSUES = [unsigned_issue("t2", "1956-12-02"), unsigned_issue("t1", "1956-11-25")]


def ids(works: list[Work]) -> list[str]:
    return [w.id for w in works]


@pytest.mark.parametrize("style", STYLES.values(), ids=list(STYLES))
def test_every_style_is_found_by_name_and_alias(style: Style) -> None:
    """Each registered style is found by its name, by each alias, and as itself."""
    assert find_style(style.name) is style
    for alias in style.aliases:
        assert find_style(alias) is style
    assert find_style(style) is style
    assert citation.style_names().count(style.name) == 1


def test_names_and_aliases_are_unique_and_described() -> None:
    """No name or alias is taken twice; each style has a one-line description for --help."""
    names = citation.style_names()
    assert len(names) == len(set(names))
    assert citation.style_names(aliases=False) == tuple(STYLES)
    for name, style in STYLES.items():
        assert style.name == name
        assert style.description and "\n" not in style.description


def test_verbatim_keeps_isj_as_alias() -> None:
    """The verbatim style has a neutral name and still answers to isj."""
    assert find_style("isj") is STYLES["verbatim"]
    ds = dataset()
    note = citation.format_note("isj", ds, citation.context(ds), ds.notes[23])
    assert (note.style, note.text.plain()) == ("verbatim", ds.notes[23].text)


def test_unknown_style_is_a_usage_error() -> None:
    """An unknown name is a usage error that lists the names to choose from."""
    with pytest.raises(UsageError, match=r"chicago-note.*verbatim, isj"):
        find_style("chicago")


@pytest.mark.parametrize("style", IN_TEXT, ids=[s.name for s in IN_TEXT])
def test_in_text_styles_render_parentheses(style: Style) -> None:
    """An in-text style cites every work in parentheses, and a note of several works in one pair."""
    ds = dataset()
    ctx = citation.context(ds)
    for work in ds.works.values():
        for locator in (None, "12"):
            text = style.citation(ctx, work, locator).plain()
            assert text.startswith("(") and text.endswith(")"), (work.id, text)
    several = next(n for n in ds.notes.values() if len(n.cites) > 1)
    text = citation.format_note(style, ds, ctx, several).text.plain()
    assert text.startswith("(") and text.endswith(")") and text.count("(") == 1, text


@pytest.mark.parametrize("style", [s for s in STYLES.values() if not s.in_text], ids=lambda s: s.name)
def test_note_styles_do_not_parenthesise(style: Style) -> None:
    """A note style's citation is never a bare parenthesis."""
    ds = dataset()
    ctx = citation.context(ds)
    work = ds.works["fryer1986"]
    assert not style.citation(ctx, work, "44–45").plain().startswith("(")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # by author, then title
        ("chicago-note", ["alpha1960", "beta1950"]),
        ("chicago-bibliography", ["alpha1960", "beta1950"]),
        ("verbatim", ["alpha1960", "beta1950"]),
        ("mla", ["alpha1960", "beta1950"]),
        # by author, then year
        ("chicago-author-date", ["beta1950", "alpha1960"]),
        ("apa", ["beta1950", "alpha1960"]),
        ("harvard", ["beta1950", "alpha1960"]),
    ],
)
def test_bibliography_order_is_the_styles(name: str, expected: list[str]) -> None:
    """Each style sorts by its own keys (title or year after the author), whatever the input order."""
    works = [smith("beta1950", "Beta", "1950"), smith("alpha1960", "Alpha", "1960")]
    for arrangement in (works, works[::-1]):
        assert ids([w for w, _ in citation.bibliography(name, Context(arrangement))]) == expected


def test_unsigned_works_sort_by_each_styles_fallback() -> None:
    """Unsigned works sort by title, except in Harvard, where a part of a periodical sorts by its periodical."""
    works = [
        smith("smith", "Zeta", "1990"),
        Work(id="news", type="article-newspaper", title="Alpha news", container_title="Times", issued="1956"),
        Work(id="book", type="book", title="Beta", issued="1960"),
    ]
    for name in ("chicago-note", "chicago-author-date", "apa", "mla"):
        assert ids([w for w, _ in citation.bibliography(name, Context(works))]) == ["news", "book", "smith"], name
    assert ids([w for w, _ in citation.bibliography("harvard", Context(works))]) == ["book", "smith", "news"]


@pytest.mark.parametrize("style", STYLES.values(), ids=list(STYLES))
def test_shipped_bibliography_follows_the_sort_key(style: Style) -> None:
    """On the shipped works, in any input order, the bibliography runs in the order of the style's key."""
    works = list(dataset().works.values())
    shuffled = works[:]
    random.Random(1956).shuffle(shuffled)
    keys = [style.sort_key(w) for w, _ in style.bibliography(Context(shuffled))]
    assert keys == sorted(keys) and len(keys) == len(works)


@pytest.mark.parametrize("style", SUFFIXED, ids=[s.name for s in SUFFIXED])
def test_year_suffixes_follow_the_bibliography(style: Style) -> None:
    """One author's works of one year get a, b, c in the style's bibliography order."""
    ctx = Context(SAME_YEAR)
    assert {w.id: ctx.year_suffix(style, w) for w in SAME_YEAR} == {"a": "a", "b": "b", "c": "c"}
    assert style.citation(ctx, SAME_YEAR[0]).plain().replace(",", "") == "(Smith 1956c)"


@pytest.mark.parametrize("style", SUFFIXED, ids=[s.name for s in SUFFIXED])
def test_year_suffixes_never_repeat_a_label(style: Style) -> None:
    """No two works share a citation in a style with year suffixes (shipped works and same-year cases)."""
    works = [*dataset().works.values(), *SAME_YEAR, *ISSUES]
    ctx = Context(works)
    labels = [style.citation(ctx, w).plain() for w in works]
    assert len(labels) == len(set(labels)), sorted(label for label in labels if labels.count(label) > 1)
    dated = [(style.label_key(w), year(w), ctx.year_suffix(style, w)) for w in works if year(w)]
    assert len(dated) == len(set(dated))


@pytest.mark.parametrize(("index", "letters"), [(0, "a"), (25, "z"), (26, "aa"), (27, "ab"), (51, "az"), (52, "ba")])
def test_suffix_letters_go_on_past_z(index: int, letters: str) -> None:
    """After "z" come "aa", "ab"..., as CSL counts year suffixes."""
    assert suffix_letters(index) == letters


def test_many_works_of_one_year_keep_distinct_letters() -> None:
    """Thirty works of one author and year get thirty different suffixes, all letters."""
    works = [smith(f"w{i:02}", f"Title {i:02}", "1956") for i in range(30)]
    ctx = Context(works)
    suffixes = [ctx.year_suffix(STYLES["apa"], w) for w in works]
    assert len(set(suffixes)) == 30 and all(s.isalpha() and s.islower() for s in suffixes)
    assert suffixes[26:28] == ["aa", "ab"]


@pytest.mark.parametrize("style", [s for s in STYLES.values() if not s.year_suffixes], ids=lambda s: s.name)
def test_other_styles_add_no_suffix(style: Style) -> None:
    """Styles without year suffixes never add a letter."""
    ctx = Context(SAME_YEAR)
    assert all(ctx.year_suffix(style, w) == "" for w in SAME_YEAR)


class NotesUnread:
    """A dataset whose notes may not be read: what a note's entries need is on the context."""

    def __init__(self, works: Mapping[str, Work]) -> None:
        self.works = works

    @property
    def notes(self) -> Mapping[int, Note]:
        raise AssertionError("note_entries read every note again")

    def first_citations(self) -> Mapping[str, int]:
        raise AssertionError("note_entries asked for the first citations again")


def test_first_citations_are_computed_once_per_context() -> None:
    """Which note first cites a work is decided when the context is built, not for each note."""
    works = {w.id: w for w in SAME_YEAR}
    notes = [Note(n=2, text="x", cites=(Cite(work="a"), Cite(work="b"))), Note(n=1, text="y", cites=(Cite(work="a"),))]
    ctx = Context(works.values(), notes)
    assert ctx.first_citations == {"a": 1, "b": 2}
    entries = citation.note_entries("chicago-note", NotesUnread(works), ctx, notes[0])
    assert [(e.work.id, e.first) for e in entries] == [("a", False), ("b", True)]
    assert entries[0].text.plain() == "Smith, Alpha."
    assert entries[1].text.plain().startswith("Ann Smith, Beta")
