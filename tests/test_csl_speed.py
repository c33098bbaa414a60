"""The CSL processor's shortcuts answer what the plain rules answer: compiled conditions, the ASCII
collation tables, sort keys computed only when a comparison needs them, the names search that
passes over elements without names."""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence

import pytest

from chron.citation.csl import files, sort
from chron.citation.csl.engine import Processor
from chron.citation.csl.env import FIRST, IBID, IBID_WITH_LOCATOR, POSITIONS, SUBSEQUENT, Disambiguation, Env
from chron.citation.csl.item import DateValue, Item, Name, from_csl_json
from chron.citation.csl.render import Condition
from tests.corpus import goldens

STYLE = files.shipped_style("apa")
LOCALE = files.locale("en-US", STYLE)


def plain_test(attrs: dict[str, str], env: Env) -> bool:
    """The ``cs:if`` test as the specification words it: every test in order, combined by ``match``."""
    item = env.item
    results: list[bool] = [item.type == t for t in attrs.get("type", "").split()]
    for v in attrs.get("variable", "").split():
        if v in env.cite_vars or v == "locator":
            results.append(bool(env.value(v)))
        elif v == "year-suffix":
            results.append(bool(env.dis.year_suffix))
        else:
            results.append(v in item.vars or v in item.names or v in item.dates)
    for v in attrs.get("is-uncertain-date", "").split():
        results.append(bool((d := item.dates.get(v)) and d.circa))
    for loc in attrs.get("locator", "").split():
        results.append((env.label if env.locator else "") == loc)
    for p in attrs.get("position", "").split():
        wanted = POSITIONS[p]
        pos = env.position
        ok = {
            FIRST: pos == FIRST,
            SUBSEQUENT: pos != FIRST,
            IBID: pos in (IBID, IBID_WITH_LOCATOR),
            IBID_WITH_LOCATOR: pos == IBID_WITH_LOCATOR,
        }[wanted]
        results.append(ok and not env.bib)
    if attrs.get("disambiguate") == "true":
        results.append(env.dis.condition)
    match = attrs.get("match", "all")
    return any(results) if match == "any" else not any(results) if match == "none" else all(results)


ITEMS = [
    Item("a", "book", {"title": "T", "page": "3"}, {"author": (Name("X", "Y"),)}, {"issued": DateValue((1956, 0, 0))}),
    Item("b", "chapter", {"volume": "2"}, {}, {"issued": DateValue((1956, 0, 0), circa=True)}),
    Item("c", "article-journal", {}, {"editor": (Name(literal="Board"),)}, {}),
]
TESTS = [
    {"type": "book"},
    {"type": "book chapter"},
    {"type": "book book"},
    {"variable": "title"},
    {"variable": "title author issued"},
    {"variable": "locator page"},
    {"variable": "year-suffix editor"},
    {"variable": "citation-number volume"},
    {"is-uncertain-date": "issued"},
    {"locator": "page chapter"},
    {"position": "first"},
    {"position": "ibid subsequent"},
    {"disambiguate": "true"},
    {"type": "chapter", "variable": "volume", "position": "subsequent"},
    {},
]


@pytest.mark.parametrize("match", ["all", "any", "none", "nand"])
@pytest.mark.parametrize("attrs", TESTS)
def test_a_compiled_condition_answers_as_the_plain_rule(attrs: dict[str, str], match: str) -> None:
    """For every item, position, locator, cite variable and disambiguation state, a compiled
    condition answers what the specification's rule answers."""
    attrs = {**attrs, "match": match}
    condition = Condition(attrs)
    for item, position, locator, bib, cite_vars, dis in itertools.product(
        ITEMS,
        (FIRST, SUBSEQUENT, IBID, IBID_WITH_LOCATOR),
        ("", "12"),
        (False, True),
        ({}, {"citation-number": "1"}),
        (Disambiguation(), Disambiguation(condition=True, year_suffix="a")),
    ):
        env = Env(STYLE, LOCALE, item, bib=bib, position=position, locator=locator, dis=dis, cite_vars=cite_vars)
        assert condition.test(env) == plain_test(attrs, env), (attrs, item, position, locator, bib, cite_vars)


def test_ascii_collation_is_the_general_rule() -> None:
    """Every ASCII text collates as the general (Unicode) rule collates it."""
    rng = random.Random(15)
    texts = ["", "a b", "A-b", "\x1c\t", *(chr(c) for c in range(128))]
    texts += ["".join(rng.choice([chr(c) for c in range(128)]) for _ in range(rng.randint(1, 25))) for _ in range(3000)]
    for text in texts:
        assert text.translate(sort._ascii_table()) == sort._fold(text), repr(text)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Observer", "O’Connell"),  # the apostrophe is ignored: "oconnell"
        ("O'Connell", "Okafor"),
        ("Budapest: A Guide for Visitors", "Budapest Legation to Foreign Office"),  # ":" ignored
        ("Le Monde", "Lebedev, V. I."),  # words kept apart, as citeproc-js's "Le|Monde"
        ("A Nagy-budapesti", "Aalto, Mikko"),
        ("Songs of the Miners", "Sørensen"),  # ø is o with a mark
        ("Sørensen", "Stanhope"),
        ("Vol. 9", "Vol. 10"),  # digit runs compare as numbers
        ("Łukasiewicz", "Lutz"),
        ("Strasse", "Straßer"),  # ß is ss
        ("1956", "Abel"),  # digits before letters
    ],
)
def test_collation_is_citeproc_js_s(before: str, after: str) -> None:
    """Keys compare as citeproc-js's collator (base strength, punctuation ignored, numeric)."""
    assert sort.collate(before) < sort.collate(after)


def test_case_and_accents_leave_the_next_key_to_decide() -> None:
    """At base strength texts differing only in case, accents or punctuation are equal."""
    assert sort.collate("Kovács") == sort.collate("kovacs") == sort.collate("Ko-vacs") == sort.collate(" Kovacs ")
    assert sort.collate("a  b") == sort.collate("a b") != sort.collate("ab")


def test_sort_keys_computed_lazily_give_the_eager_order() -> None:
    """The bibliography of the corpus sorted with keys computed on demand is the order of all keys
    computed first, and a key a comparison never needed is never computed."""
    items = [from_csl_json(i) for i in goldens.items()]
    scope = STYLE.bibliography
    assert scope is not None
    proc = Processor(STYLE, LOCALE, items)
    make = lambda it: proc.env(it, bib=True)  # noqa: E731  (one line, passed twice)
    lazy = sort.Values(scope.sort, items, make)
    got = sort.order(STYLE, scope.sort, items, make, found=lazy)
    eager = sort.Values(scope.sort, items, make)
    for i in range(len(items)):
        for k in range(len(scope.sort)):
            eager.get(i, k)
    assert got == sort.order(STYLE, scope.sort, items, make, found=eager)
    assert any(v is None for row in lazy.rows for v in row)


def test_the_names_search_passes_over_only_what_has_no_names() -> None:
    """The name variables the citation reaches are those a search of every element finds."""
    items = [from_csl_json(i) for i in goldens.items()]
    for name in ("apa", "chicago-author-date", "modern-language-association"):
        style = files.shipped_style(name)
        proc = Processor(style, files.locale("en-US", style), items)
        for item in items:
            pruned = proc._looked_at(item)
            proc._names_below.clear()
            everything = {id(e): True for e in _all_elements(style.citation.layout.children)}
            proc._names_below.update(everything)
            assert proc._looked_at(item) == pruned, (name, item.id)
            proc._names_below.clear()


def _all_elements(elements: Sequence[object]) -> list[object]:
    from chron.citation.csl.names import Names
    from chron.citation.csl.render import Choose, Group

    out: list[object] = []
    stack = list(elements)
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        out.append(node)
        if isinstance(node, Group):
            stack.extend(node.elements())
        elif isinstance(node, Choose):
            stack.extend(c for _, children in node.branches for c in children)
        elif isinstance(node, Names):
            stack.extend(node.substitute or [])
    return out


@pytest.mark.parametrize("name", goldens.STYLES)
def test_a_choose_takes_the_first_branch_that_holds(name: str) -> None:
    """Every ``cs:choose`` of the style, for every corpus item in a cite and in the bibliography,
    takes the branch the plain rule takes (the first whose condition holds), type table or not."""
    from chron.citation.csl.render import Choose

    style = files.shipped_style(name)
    locale = files.locale("en-US", style)
    roots: list[object] = list(style.citation.layout.children)
    if style.bibliography is not None:
        roots += style.bibliography.layout.children
    chooses = [e for e in _all_elements(roots) if isinstance(e, Choose)]
    assert any(c.typed for c in chooses)
    items = [from_csl_json(i) for i in goldens.items()]
    items.append(Item("odd", "no-such-type", {}, {}, {}))
    for item in items:
        for bib in (False, True):
            env = Env(style, locale, item, bib=bib, position=SUBSEQUENT)
            for choose in chooses:
                plain = next((kids for cond, kids in choose.branches if cond is None or cond.test(env)), [])
                got = choose.branch(env)
                assert got is plain or got == plain == [], (name, item.id)


@pytest.mark.parametrize("name", ["chicago-notes-bibliography", "modern-language-association", "apa"])
def test_a_bibliography_skips_disambiguation_only_where_it_prints_nothing_of_it(name: str) -> None:
    """A bibliography made without a disambiguation (skipped by a style that adds no year suffix)
    prints what it prints with the whole disambiguation of its items."""
    style = files.shipped_style(name)
    locale = files.locale("en-US", style)
    items = [from_csl_json(i) for i in goldens.items()]
    alone = Processor(style, locale, items).bibliography()
    proc = Processor(style, locale, items)
    dis = proc.disambiguation([i.id for i in items])
    whole = proc.bibliography(dis=dis)
    assert [(i, t.html()) for i, t in alone] == [(i, t.html()) for i, t in whole]
    if style.citation.options.get("disambiguate-add-year-suffix") != "true":
        assert any(d.add_names or d.givens or d.condition for d in dis.values())
