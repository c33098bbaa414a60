"""Citation styles against pandoc's output (committed golden strings), and their typography."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import tomli

from chron import citation
from chron.citation.text import minimal_two, title_case
from tests.conftest import ROOT, dataset

GOLDEN = Path(__file__).parent / "golden" / "citations"
PANDOC = json.loads((GOLDEN / "pandoc.json").read_text(encoding="utf-8"))
DEVIATIONS = {
    (d["style"], d["kind"], d["work"]): d
    for d in tomli.loads((GOLDEN / "deviations.toml").read_text(encoding="utf-8"))["deviation"]
}
STYLES = list(PANDOC["styles"])


def expected(style: str, kind: str, work: str, pandoc_html: str) -> str:
    deviation = DEVIATIONS.get((style, kind, work))
    return deviation["chron"] if deviation else re.sub(r"</?span>", "", pandoc_html)


def cases() -> list[tuple[str, str, str]]:
    out = []
    for style, entry in PANDOC["styles"].items():
        for kind in ("bibliography", "first", "subsequent", "citation"):
            out += [(style, kind, work) for work in entry.get(kind, {})]
    return out


@pytest.mark.parametrize(("style", "kind", "work"), cases())
def test_matches_pandoc(style: str, kind: str, work: str) -> None:
    """Every work in every style renders as pandoc's citeproc does (or as a listed deviation)."""
    ds = dataset()
    ctx = citation.context(ds)
    w = ds.works[work]
    locator = PANDOC["locator"][work]
    if kind == "bibliography":
        got = citation.reference(style, ctx, w)
    else:
        got = citation.citation(style, ctx, w, locator, short=kind == "subsequent")
    assert got.html() == expected(style, kind, work, PANDOC["styles"][style][kind][work])


@pytest.mark.parametrize("style", STYLES)
def test_article_entry_matches_pandoc(style: str) -> None:
    """The article's own bibliography entry matches pandoc in each style."""
    ds = dataset()
    got = citation.reference(style, citation.Context([ds.article]), ds.article)
    assert got.html() == expected(style, "article", ds.article.id, PANDOC["article"][style])


@pytest.mark.parametrize("style", STYLES)
def test_bibliography_order_matches_pandoc(style: str) -> None:
    """The bibliography is sorted as the style's CSL sort keys sort it."""
    ds = dataset()
    ctx = citation.context(ds)
    assert [w.id for w, _ in citation.bibliography(style, ctx)] == PANDOC["styles"][style]["order"]


def test_every_deviation_is_documented() -> None:
    """docs/citations.md names each deliberate difference from pandoc."""
    doc = (ROOT / "docs" / "citations.md").read_text(encoding="utf-8")
    for style, kind, work in DEVIATIONS:
        assert f"`{work}`" in doc and style in doc, (style, kind, work)


BAD = [
    (r"\bNone\b", "None"),
    (r"\(\s*\)", "empty parentheses"),
    (r"([,.;:])\s*\1", "doubled punctuation"),
    (r",\s*[.;:]|[;:]\s*[,.]", "clashing punctuation"),
    (r"\bpp?\.\s*(?:[,.;)]|$)", "a page label without a page"),
    (r"\b(?:ed|eds|edited by|In|in)\s*[.,]?\s*$", "a dangling label"),
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
    """Two works in one note join with a semicolon; in-text styles share one parenthesis."""
    ds = dataset()
    ctx = citation.context(ds)
    assert citation.format_note("apa", ds, ctx, ds.notes[4]).text.plain() == (
        "(Litván, 1996, p. 103; For the Russian data see Granville, 1996, p. 82)"
    )
    note = citation.format_note("chicago-note", ds, ctx, ds.notes[18]).text.plain()
    assert note.startswith("As above") is False and "; For a sizeable extract" in note


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
        ("“1956” after 1956 in Hungary", "“1956” After 1956 in Hungary"),
        ("a history of the CWC", "A History of the CWC"),
    ],
)
def test_title_case(title: str, cased: str) -> None:
    """English titles take CSL title case; stop words stay low except first and after a colon."""
    assert title_case(title) == cased


def test_title_case_leaves_other_languages() -> None:
    """A Hungarian title keeps its own capitalisation."""
    assert title_case("Fontosabb adatok az 1956", "hu") == "Fontosabb adatok az 1956"


@pytest.mark.parametrize(
    ("pages", "short"),
    [
        ("264–265", "264–65"),
        ("497–498", "497–98"),
        ("24–46", "24–46"),
        ("17–918", "17–918"),
        ("xix", "xix"),
        ("101–109", "101–09"),
    ],
)
def test_mla_page_ranges(pages: str, short: str) -> None:
    """MLA shortens page ranges to at least two digits."""
    assert minimal_two(pages) == short
