"""Citations of the shipped works against two CSL processors (committed strings), and their typography.

tests/golden/citations/ holds what citeproc-js (citeproc.json) and pandoc 2.17 (pandoc.json) print
for every shipped work and note in each style (generate.py makes them; these tests need neither).
chron must print what citeproc-js prints, and what pandoc prints, except for the cases listed in
deviations.toml, each with its class: where pandoc is listed as wrong, chron prints citeproc-js's
string.
"""

from __future__ import annotations

import re

import pytest

from chron import citation
from chron.citation.csl.numbers import shorten
from chron.citation.csl.output import Text
from chron.citation.csl.textcase import apply
from chron.citation.document import cite_item
from tests.conftest import ROOT, dataset
from tests.corpus.goldens import normalise
from tests.haynes_oracles import (
    DEVIATIONS,
    ORACLES,
    chron_strings,
    differences,
    earlier_comparison,
    listed,
    oracle_strings,
)


@pytest.mark.parametrize("oracle", list(ORACLES))
def test_every_difference_is_listed(oracle: str) -> None:
    """Every string where chron differs from the oracle is in deviations.toml, and nothing listed is stale."""
    found = differences(oracle)
    known = set(listed(oracle))
    assert sorted(found - known) == [], "unlisted differences"
    assert sorted(known - found) == [], "listed, but chron now prints the oracle's string"


def test_where_pandoc_is_wrong_chron_prints_citeproc_js() -> None:
    """A difference from pandoc of a class that says pandoc is wrong is one where chron prints citeproc-js's string."""
    ours, js = chron_strings(), oracle_strings("citeproc-js")
    for key, kind in listed("pandoc").items():
        if DEVIATIONS["class"][kind].get("chron_follows") == "citeproc-js":
            assert normalise(ours[key]) == normalise(js[key]), key


def test_agreement_with_pandoc_did_not_drop() -> None:
    """On the strings of the earlier comparison (Chicago notes, four in-text styles, every work and the article),
    chron agrees with pandoc where it did before, unless pandoc is wrong there and citeproc-js agrees with chron;
    where it prints neither oracle's string, the difference is one of chron's documented choices."""
    agreement = earlier_comparison()
    assert agreement.same + agreement.pandoc_departs >= 303, agreement
    chosen = {name for name, entry in DEVIATIONS["class"].items() if "chron_follows" not in entry}
    assert {listed("pandoc").get(k) for k in agreement.neither} <= chosen, agreement.neither


def test_every_deviation_class_is_documented() -> None:
    """Each class has a reason, is used, and docs/citations.md names it."""
    doc = (ROOT / "docs" / "citations.md").read_text(encoding="utf-8")
    used = {d["class"] for d in DEVIATIONS["deviation"]}
    assert used == set(DEVIATIONS["class"])
    for name, entry in DEVIATIONS["class"].items():
        assert entry["reason"].strip() and f"`{name}`" in doc, name


BAD = [
    (r"\bNone\b", "None"),
    (r"\(\s*\)", "empty parentheses"),
    (r"([,.;:])\s*\1", "doubled punctuation"),
    (r",\s*[.;:]|[;:]\s*[,.]", "clashing punctuation"),
    (r"\bpp?\.\s*(?:[,.;)]|$)", "a page label without a page"),
    (r"\s{2,}", "doubled space"),
    (r"\s[,.;:]", "space before punctuation"),
]


@pytest.mark.parametrize("style", [*citation.STYLES])
def test_every_work_renders_cleanly(style: str) -> None:
    """No style leaves "None", empty parentheses, doubled punctuation or stray labels in any entry."""
    ds = dataset()
    ctx = citation.context(ds)
    for work in ds.works.values():
        for text in (
            citation.reference(style, ctx, work).plain(),
            citation.citation(style, ctx, work, "12").plain(),
            citation.citation(style, ctx, work, None, short=True).plain(),
        ):
            assert text.strip(), (style, work.id)
            for pattern, what in BAD:
                assert not re.search(pattern, text), f"{style} {work.id}: {what} in {text!r}"


# Read from the article's notes by hand, independently of data/sources.toml: the works each note
# cites, in order, with "as above" resolved.
AS_ABOVE = {
    1: ["molnar1971"],
    2: ["romsics1999"],
    3: ["pecsi1964"],
    4: ["litvan1996", "granville1996"],
    5: ["haynes2006conf"],
    6: ["kramer1998"],
    7: ["granville2003"],
    8: ["granville2003"],
    9: ["granville2003"],
    10: ["kramer1998"],
    11: ["molnar1971"],
    12: ["harman1974"],
    13: ["lomax1976", "lomax1990"],
    14: ["kramer1998"],
    15: ["kopacsi1987"],
    16: ["granville1996"],
    17: ["lomax1976"],
    18: ["lomax1976", "harman1974"],
    19: ["litvan1996", "institute1956"],
    20: [],
    21: ["lomax1976"],
    22: ["lomax1976"],
    23: ["fryer1986"],
    24: ["lomax1976"],
    25: ["hungary1964"],
    26: ["lomax1976"],
    27: ["fryer1986"],
    28: ["horvath2005", "pittaway2002"],
    29: ["fryer1986"],
    30: ["romsics1999"],
    31: ["lomax1976"],
    32: ["kende1996"],
    33: ["lomax1990"],
    34: ["litvan1996"],
    35: ["nyyssonen1999"],
    36: ["nagyb1990", "lomax1990"],
    37: ["lomax1980"],
    38: ["litvan1996"],
    39: ["lomax1990"],
    40: ["szemle1956"],
    41: ["fryer1986"],
    42: ["litvan1996", "nagyb1990"],
    43: ["lomax1979"],
    44: ["szemle1956"],
    45: ["observer19561125", "anderson-hungary56"],
    46: ["litvan1996"],
    47: ["nagyb1990", "lomax1990"],
    48: ["nagye1990"],
    49: ["lomax1990"],
    50: ["lomax1976"],
    51: ["observer19561202", "anderson-hungary56"],
    52: ["kramer1998"],
    53: ["fryer1957"],
    54: ["nagye1990"],
    55: ["litvan1996"],
    56: ["litvan1996"],
    57: ["litvan1996"],
}


@pytest.mark.parametrize("n", sorted(AS_ABOVE))
def test_as_above_resolution(n: int) -> None:
    """Each note cites the works the article means, with every "as above" resolved."""
    assert [c.work for c in dataset().notes[n].cites] == AS_ABOVE[n]


def test_note_23_is_fryer_in_chicago_note_form() -> None:
    """`chron cite 23`: Fryer's Hungarian Tragedy (New Park, 1986), 44–45."""
    ds = dataset()
    ctx = citation.context(ds)
    text = citation.format_note("chicago-note", ds, ctx, ds.notes[23]).text.plain()
    assert text == "Peter Fryer, Hungarian Tragedy (New Park, 1986), 44–45."


def test_first_citation_full_then_short() -> None:
    """A work's first note gets the full form; later notes the short form, unless --full."""
    ds = dataset()
    ctx = citation.context(ds)
    assert citation.format_note("chicago-note", ds, ctx, ds.notes[4]).entries[1].first
    later = citation.format_note("chicago-note", ds, ctx, ds.notes[16])
    assert later.text.plain() == "Quoted in Granville, “In the Line of Fire,” 101."
    full = citation.format_note("chicago-note", ds, ctx, ds.notes[16], full=True).text.plain()
    assert "in Hungary 1956: Forty Years On, ed. T. Cox (Cass, 1996), 101." in full


def test_several_works_share_one_note_or_parenthesis() -> None:
    """Two works in one note join with a semicolon, the second's lead-in in lower case; in-text styles
    share one parenthesis, in the style's order."""
    ds = dataset()
    ctx = citation.context(ds)
    assert citation.format_note("apa", ds, ctx, ds.notes[4]).text.plain() == (
        "(for the Russian data see Granville, 1996, p. 82; Litván, 1996, p. 103)"
    )
    note = citation.format_note("chicago-note", ds, ctx, ds.notes[18]).text.plain()
    assert note.startswith("Lomax,") and "; for a sizeable extract" in note


def test_markup_and_html_escaping() -> None:
    """Titles are italic in HTML and Markdown, and HTML escapes every value."""
    ds = dataset()
    ctx = citation.context(ds)
    text = citation.citation("chicago-note", ctx, ds.works["molnar1971"], "174")
    assert (
        text.html()
        == "M. Molnár, <em>Budapest 1956: A History of the Hungarian Revolution</em> (Allen &amp; Unwin, 1971), 174."
    )
    assert text.markdown().startswith(
        "M. Molnár, *Budapest 1956: A History of the Hungarian Revolution* (Allen & Unwin"
    )


@pytest.mark.parametrize(
    ("title", "cased"),
    [
        ("In the Line of Fire: the Soviet Crackdown", "In the Line of Fire: The Soviet Crackdown"),
        ("Everyday life in the first Hungarian socialist city", "Everyday Life in the First Hungarian Socialist City"),
        ("“1956” after 1956 in Hungary", "“1956” after 1956 in Hungary"),
        ("a history of the CWC", "A History of the CWC"),
        ("workers’ councils against Russian tanks", "Workers’ Councils against Russian Tanks"),
        ("co-operative stores", "Co-Operative Stores"),
        ("what it stands for", "What It Stands For"),
    ],
)
def test_title_case(title: str, cased: str) -> None:
    """CSL title case as citeproc-js applies it: lower-case words capitalised, stop words kept low
    except first, last and after a colon; words already capitalised left alone."""
    assert "".join(t.text for t in apply([Text(title)], "title")) == cased  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("pages", "fmt", "short"),
    [
        ("264-265", "minimal-two", "264–65"),
        ("497-498", "chicago-16", "497–98"),
        ("24-46", "chicago-16", "24–46"),
        ("107-108", "chicago-16", "107–8"),
        ("1496-1504", "chicago-16", "1496–504"),
        ("1496-1504", "chicago-15", "1496–1504"),
        ("321-8", "expanded", "321–328"),
        ("17-918", "minimal", "17–918"),
    ],
)
def test_page_ranges(pages: str, fmt: str, short: str) -> None:
    """Page ranges take the style's page-range-format (CSL Appendix V)."""
    first, last = pages.split("-")
    assert shorten(first, last, fmt) == short


def test_the_defects_of_issue_15_name_tests_that_exist() -> None:
    """Every test named in docs/citations.md's table of issue 15's defects is a test function of that file."""
    doc = (ROOT / "docs" / "citations.md").read_text(encoding="utf-8")
    section = doc.split("## The defects of issue 15 and their tests", 1)[1].split("\n## ", 1)[0]
    named = re.findall(r"`(test_[a-z_0-9]+\.py)::(test_[a-z_0-9]+)`|`(test_[a-z_0-9]+)`", section)
    assert len(named) >= 25
    current = ""
    for file, function, bare in named:
        current = file or current
        assert re.search(rf"^def {function or bare}\(", (ROOT / "tests" / current).read_text(encoding="utf-8"), re.M), (
            current,
            function or bare,
        )


@pytest.mark.parametrize(
    ("locator", "label", "as_locator"),
    [
        ("44–45", None, True),
        ("xix", None, True),
        ("45n3", None, True),
        ("xix-xxv", None, True),
        ("civil", None, False),
        ("August 12th 1925", None, False),
        ("August 12th 1925", "section", True),
    ],
)
def test_a_locator_without_a_label_is_a_page_only_when_it_reads_as_one(
    locator: str, label: str | None, as_locator: bool
) -> None:
    """An unlabelled locator that reads as pages stays the cite's locator; any other is written after the cite."""
    item = cite_item("w", locator, label, "", None)
    assert (item.locator == locator) is as_locator
    assert item.suffix == ("" if as_locator else f", {locator}")
