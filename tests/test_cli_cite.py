"""`chron cite` through CliRunner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import MINI, SHIPPED, Run, edit, golden

STYLES = [
    "chicago-note",
    "chicago-note-17th",
    "chicago-bibliography",
    "chicago-author-date",
    "chicago-author-date-17th",
    "apa",
    "mla",
    "harvard",
    "isj",
]
CSL = SHIPPED.parent / "src" / "chron" / "citation" / "csl" / "data" / "styles"


@pytest.mark.parametrize("style", STYLES)
def test_every_note_in_every_style(run: Run, style: str) -> None:
    """`cite 1-57` in each style matches its golden file."""
    result = run("cite", "1-57", "--style", style, data=SHIPPED)
    assert result.exit_code == 0, result.output
    golden(f"cite.{style}", result.stdout)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_formats(run: Run, fmt: str) -> None:
    """A note with two works in each output format."""
    result = run("cite", "4", "-f", fmt, data=SHIPPED)
    assert result.exit_code == 0, result.output
    golden(f"cite.note4.{fmt}", result.stdout)


def test_note_23(run: Run) -> None:
    """`chron cite 23` gives Fryer's Hungarian Tragedy in Chicago note form."""
    result = run("cite", "23", data=SHIPPED)
    assert result.stdout == "Peter Fryer, Hungarian Tragedy (New Park, 1986), 44–45.\n", result.output


def test_note_16_resolves_as_above(run: Run) -> None:
    """`chron cite 16` resolves "as above" to Granville's chapter in Cox (ed)."""
    record = json.loads(run("cite", "16", "-f", "json", data=SHIPPED).stdout)[0]
    assert record["entries"][0]["work"] == "granville1996"
    full = run("cite", "16", "--full", data=SHIPPED).stdout
    assert (
        "“In the Line of Fire: The Soviet Crackdown on Hungary, 1956-57,” in Hungary 1956: Forty Years On, "
        "ed. T. Cox" in full
    )


@pytest.mark.parametrize(
    ("options", "printed"),
    [
        ((), "Bill Lomax (Social Science Monographs, 1990), 467–499."),
        (("--full",), "Bill Lomax (Social Science Monographs, 1990), 467–499."),
        (("--short",), "See Nagy, “Conflicts Between the CWC,” 467–499."),
        (("--style", "apa"), "(See E. Nagy, 1990, pp. 467–499)"),
        (("--style", "mla"), "(See E. Nagy 467–499)"),
        (("--style", "verbatim"), "Hungarian Workers Councils, as above, pp467-499."),
    ],
)
def test_note_48_prints_the_chapter_range_it_cites(run: Run, options: tuple[str, ...], printed: str) -> None:
    """Note 48 prints its chapter's pages, "pp467-499"; every style prints them, not only the work's `page`."""
    result = run("cite", "48", *options, data=SHIPPED)
    assert result.exit_code == 0, result.output
    assert printed in result.stdout, result.stdout


@pytest.mark.parametrize(
    ("options", "printed"),
    [
        ((), "no. 68 (Fall 2005): 24–46; see, for example,"),
        (("--style", "apa"), "(Horváth, 2005, pp. 24–46; see, for example, Pittaway, 2002)"),
        (("--style", "chicago-author-date"), "(Horváth 2005, 24–46; see, for example, Pittaway 2002)"),
        (("--style", "mla"), "(Horváth 24–46; see, for example, Pittaway)"),
    ],
)
def test_note_28_prints_the_article_range_it_cites(run: Run, options: tuple[str, ...], printed: str) -> None:
    """Note 28 prints its article's pages, "pp24-46": the in-text styles, which print no range of an
    article's own, print them as the cite's pages (the same rule as note 48)."""
    result = run("cite", "28", *options, data=SHIPPED)
    assert result.exit_code == 0, result.output
    assert printed in result.stdout, result.stdout


@pytest.mark.parametrize(
    ("style", "printed"),
    [
        ("apa", "(Romsics, 1999, August 12th 1925)"),
        ("harvard", "(Romsics, 1999, August 12th 1925)"),
        ("chicago-author-date", "(Romsics 1999, August 12th 1925)"),
        ("chicago-note", "Ignác Romsics, Hungary in the Twentieth Century (Corvina, 1999), August 12th 1925."),
    ],
)
def test_a_locator_without_a_label_that_is_no_page_gets_no_page_label(
    run: Run, tmp_path: Path, style: str, printed: str
) -> None:
    """A locator with no label that does not read as pages ("August 12th 1925") is printed as written,
    never as "p. August 12th 1925"; one that reads as pages keeps the page label."""
    folder = tmp_path / "data"
    shutil.copytree(MINI, folder)
    edit(folder / "sources.toml", 'locator = "316"\nlabel = "page"\n', 'locator = "August 12th 1925"\n')
    result = run("cite", "2", "--style", style, data=folder)
    assert result.exit_code == 0, result.output
    assert result.stdout == printed + "\n"
    edit(folder / "sources.toml", 'locator = "August 12th 1925"\n', 'locator = "316–317"\n')
    assert "pp. 316–317" in run("cite", "2", "--style", "apa", data=folder).stdout


@pytest.mark.parametrize(
    ("n", "options", "printed", "not_printed"),
    [
        # note 5 prints "(forthcoming)": the work's status
        (5, (), "Conference on 1956, forthcoming February 2006.", None),
        # note 40's issue is dated "November-December 1956": the styles that print a month print the range
        (40, ("--style", "chicago-note-17th"), "nos. 11–12 (November–December 1956): 928.", None),
        # note 18's bare "As above." repeats note 17's page
        (18, (), "Lomax, The Hungarian Revolution, 111; for", None),
        # the second work of a note continues the sentence after the semicolon, in lower case
        (4, (), "103; for the Russian data see J. Granville", "; For"),
        (28, (), "24–46; see, for example, Mark Pittaway", "; See"),
        (36, (), "1990); this is reprinted in", "; This"),
        (45, (), "1956; as quoted in A. Anderson", "; As"),
        # note 19: the Institute is the site's author, printed once
        (19, (), "68; 1956 Institute, website.", "1956 Institute, 1956 Institute"),
        # note 45: Anderson's Hungary ’56 is a book (a bare title in italics), not a web page
        (45, ("-f", "markdown"), "A. Anderson, *Hungary ’56* (n.d.).", "accessed"),
    ],
)
def test_the_haynes_notes_to_the_letter(
    run: Run, n: int, options: tuple[str, ...], printed: str, not_printed: str | None
) -> None:
    """What the article's notes print and issue 15 found lost: "forthcoming", an issue's month range, an
    inherited page, lower-case continuations, the website's author once, Anderson's book as a book."""
    result = run("cite", str(n), *options, data=SHIPPED)
    assert result.exit_code == 0, result.output
    assert printed in result.stdout, result.stdout
    assert not_printed is None or not_printed not in result.stdout, result.stdout


def test_work_ids_and_mixed_items(run: Run) -> None:
    """Work ids cite a work without a locator; several items are numbered."""
    result = run("cite", "fryer1986", "23", "--style", "apa", data=SHIPPED)
    assert result.stdout.splitlines() == ["fryer1986. (Fryer, 1986)", "23. (Fryer, 1986, pp. 44–45)"], result.output


def test_html_escapes(run: Run) -> None:
    """HTML output escapes & and italicises titles."""
    result = run("cite", "1", "-f", "html", data=SHIPPED)
    assert (
        "<em>Budapest 1956: A History of the Hungarian Revolution</em> (Allen &amp; Unwin, 1971), 174." in result.stdout
    )


def test_note_without_citation(run: Run) -> None:
    """A note that cites nothing prints nothing and says so on stderr."""
    result = run("cite", "20", data=SHIPPED)
    assert result.exit_code == 0 and result.stdout == ""
    assert "cites no work" in result.stderr


@pytest.mark.parametrize("bad", ["0", "58", "x", "57-1", "0-3"])
def test_bad_numbers_exit_1_with_the_range(run: Run, bad: str) -> None:
    """Notes 0, 58 and "x" exit 1 and name the valid range."""
    result = run("cite", bad, data=SHIPPED)
    assert result.exit_code == 1, result.output
    assert "1" in result.stderr and ("57" in result.stderr or "backwards" in result.stderr)


def test_unknown_style_lists_styles(run: Run) -> None:
    """An unknown style exits 2 and lists the styles."""
    result = run("cite", "23", "--style", "turabian", data=SHIPPED)
    assert result.exit_code == 2, result.output
    for style in STYLES:
        assert style in result.stderr


def test_short_and_full_conflict(run: Run) -> None:
    """--short with --full is a usage error."""
    assert run("cite", "23", "--short", "--full", data=SHIPPED).exit_code == 2


def test_csl_renders_any_style_file_with_chron_itself(run: Run, tmp_path: Path) -> None:
    """--csl FILE renders through chron's own processor: the same JSON shape, --short and note order."""
    style = tmp_path / "mine.csl"
    shutil.copyfile(CSL / "apa.csl", style)
    result = run("cite", "23", "--csl", str(style), "-f", "json", data=SHIPPED)
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)[0]
    builtin = json.loads(run("cite", "23", "--style", "apa", "-f", "json", data=SHIPPED).stdout)[0]
    assert record.keys() == builtin.keys() and record["text"] == builtin["text"] == "(Fryer, 1986, pp. 44–45)"
    assert record["style"] == "mine"
    notes = CSL / "chicago-notes-bibliography.csl"
    eight = run("cite", "8", "--csl", str(notes), data=SHIPPED).stdout
    assert eight == "Rákosi’s comment to Voroshilov quoted in Granville, “Reactions,” 268.\n"
    full = run("cite", "8", "--csl", str(notes), "--full", data=SHIPPED).stdout
    assert full.startswith("Rákosi’s comment to Voroshilov quoted in J. Granville, “Reactions to the Events of 1956")
    short = run("cite", "4", "--csl", str(notes), "--short", data=SHIPPED).stdout
    assert short == run("cite", "4", "--short", data=SHIPPED).stdout
    assert short.startswith("Litván, Hungarian Revolution of 1956, 103; for the Russian data see Granville, “In")


def test_csl_names_notes_that_cite_nothing(run: Run) -> None:
    """--csl, like --style, says on stderr which notes cite no work and prints the others with their numbers."""
    result = run("cite", "19-21", "--csl", str(CSL / "apa.csl"), data=SHIPPED)
    assert result.exit_code == 0, result.output
    assert [line.split(".")[0] for line in result.stdout.splitlines()] == ["19", "21"]
    assert "note 20 cites no work" in result.stderr


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        ("<style/>", "not a CSL"),
        ("not xml", "not well-formed"),
        (
            '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><citation><layout>'
            '<text variable="title" display="bogus" frobnicate="1"/></layout></citation></style>',
            "frobnicate",
        ),
        (
            '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><citation><layout>'
            "<intext/></layout></citation></style>",
            "<intext>",
        ),
    ],
    ids=["not CSL", "not XML", "unknown attribute", "unknown element"],
)
def test_csl_refuses_what_it_does_not_support(run: Run, tmp_path: Path, xml: str, message: str) -> None:
    """A file that is not CSL, or uses what chron's processor does not implement, is an error naming it."""
    style = tmp_path / "x.csl"
    style.write_text(xml, encoding="utf-8")
    result = run("cite", "23", "--csl", str(style), data=SHIPPED)
    assert result.exit_code == 1, result.output
    assert message in result.stderr and "Error:" in result.stderr


def test_csl_and_style_conflict(run: Run) -> None:
    """--csl with --style is a usage error."""
    assert run("cite", "23", "--csl", str(CSL / "apa.csl"), "--style", "apa", data=SHIPPED).exit_code == 2


def test_locale_changes_quotes_dates_and_seasons(run: Run) -> None:
    """--locale en-GB prints single quotation marks and Autumn; en-US (the default) double marks and Fall."""
    us = run("cite", "28", data=SHIPPED).stdout
    gb = run("cite", "28", "--locale", "en-GB", data=SHIPPED).stdout
    assert "“Everyday Life" in us and "(Fall 2005)" in us
    assert "‘Everyday Life" in gb and "(Autumn 2005)" in gb
    assert run("cite", "28", "--locale", "fr-FR", data=SHIPPED).exit_code == 2


def test_markdown_and_html_keep_note_numbers(run: Run) -> None:
    """Notes 19-21 keep their numbers: Markdown footnote labels, HTML list items with their value."""
    md = run("cite", "19-21", "-f", "markdown", data=SHIPPED).stdout.splitlines()
    assert [line.split(":")[0] for line in md] == ["[^19]", "[^21]"]
    html = run("cite", "19-21", "-f", "html", data=SHIPPED).stdout
    assert html.startswith("<ol>") and '<li value="19">' in html and '<li value="21">' in html
    assert 'value="20"' not in html
    mixed = run("cite", "fryer1986", "23", "-f", "html", data=SHIPPED).stdout
    assert mixed.startswith("<dl>") and "<dt>fryer1986</dt>" in mixed and "<dt>23</dt>" in mixed
