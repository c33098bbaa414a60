"""`chron check --article` for any text: the notes read in the convention detected (or named), the
text kept beside the data used by default, and each difference located in its file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, Run, edit

TEXTS = FIXTURES / "texts"

CHRONOLOGY = """schema_version = 1

[[events]]
id = "walk-out"
date = "1921-03"
date_text = "March 1921"
title = "The weavers walk out"
summary = "The weavers struck against a wage cut."
quote = "the weavers walked out"
"""

SOURCES_HEAD = """schema_version = 1

[article]
id = "mill"
type = "document"
title = "The Mill Strike of 1921"
"""

# The notes of tests/fixtures/texts/bracket-references.txt, as a curator would copy them.
WAGES = "When wages were cut by 12 per cent in March 1921 the weavers walked out, and the spinners followed them"
BRACKET_NOTES = [
    (
        1,
        "J. Smith, A History of Ashby (Ashby Press, 1962), p. 41.",
        "The mill at Ashby employed some 1,200 hands in 1920, most of them women",
    ),
    (
        2,
        "Ashby Weavers' Union, Minutes, 14 March 1921.",
        WAGES + " within the week",
    ),
    (
        3,
        "Ibid., 21 March 1921.",
        WAGES + " within the week",
    ),
    (
        4,
        "Ashby Courier, 18 March 1921, p. 3.",
        'The local paper called it "the largest dispute in the valley since 1878"',
    ),
    (5, "Ashby Weavers' Union, Minutes, 2 May 1921.", "The union's minutes record a vote of 214 to 9 to stay out"),
]

# The notes of tests/fixtures/texts/markdown-numbered.md.
MARKDOWN_NOTES = [
    (1, "Calendar of Charter Rolls, vol. 1, p. 12.", "The market charter dates from 1227."),
    (
        2,
        "Town council minutes, 3 March 1914.\n\nThe fairs were revived briefly in 1920.",
        "Cattle fairs were held twice a year until 1914,",
    ),
    (3, "Local directory, 1865.", "and the corn exchange opened in 1864."),
]


def toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def dataset(folder: Path, notes: list[tuple[int, str, str]], chronology: str = CHRONOLOGY) -> Path:
    """A data folder holding ``notes`` (number, text, attached_to) and no works."""
    folder.mkdir()
    (folder / "chronology.toml").write_text(chronology, encoding="utf-8")
    body = "".join(
        f"\n[[notes]]\nn = {n}\ntext = {toml_string(text)}\nattached_to = {toml_string(words)}\n"
        for n, text, words in notes
    )
    (folder / "sources.toml").write_text(SOURCES_HEAD + body, encoding="utf-8")
    return folder


def test_bracketed_markers_and_a_reference_list(run: Run, tmp_path: Path) -> None:
    """A text with [n] markers and a References list checks clean, with no option given."""
    data = dataset(tmp_path / "d", BRACKET_NOTES)
    result = run("check", "--article", str(TEXTS / "bracket-references.txt"), data=data)
    assert result.exit_code == 0, result.output
    assert "verbatim in" in result.stderr


def test_markdown_footnotes(run: Run, tmp_path: Path) -> None:
    """A Markdown text with [^n] footnotes checks clean, a two-paragraph note included."""
    chronology = CHRONOLOGY.replace('"the weavers walked out"', '"the corn exchange opened in 1864"')
    chronology = chronology.replace('date = "1921-03"\ndate_text = "March 1921"', 'date = "1864"\ndate_text = "1864"')
    data = dataset(tmp_path / "d", MARKDOWN_NOTES, chronology)
    result = run("check", "--article", str(TEXTS / "markdown-numbered.md"), data=data)
    assert result.exit_code == 0, result.output


def test_a_difference_is_located_in_its_file(run: Run, tmp_path: Path) -> None:
    """A note text, an attached_to and a quote that differ from the text are each named with a line."""
    data = dataset(tmp_path / "d", BRACKET_NOTES)
    edit(data / "sources.toml", "Minutes, 2 May 1921.", "Minutes, 3 May 1921.")
    edit(data / "sources.toml", "most of them women", "most of them men")
    edit(data / "chronology.toml", '"the weavers walked out"', '"the weavers marched out"')
    result = run("check", "--article", str(TEXTS / "bracket-references.txt"), data=data)
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 3, lines
    chron_file, src_file = data / "chronology.toml", data / "sources.toml"
    assert lines[0].startswith(f"{chron_file}:9: events[id=walk-out].quote: not found verbatim in the text")
    assert any(
        line.startswith(f"{src_file}:") and "notes[n=1].attached_to: the words before marker 1 (at line 3)" in line
        for line in lines
    ), lines
    differs = "notes[n=5].text: differs from the text's note 5"
    assert any(differs in line and 'Minutes, 3 May 1921." where' in line for line in lines), lines
    assert result.stderr.startswith("Error: 3 problems in ")


def test_a_named_convention_is_used(run: Run, tmp_path: Path) -> None:
    """--markers names the marker style: the wrong one finds none of the curated positions."""
    data = dataset(tmp_path / "d", BRACKET_NOTES)
    text = str(TEXTS / "bracket-references.txt")
    assert run("check", "--article", text, "--markers", "bracket", "--layout", "endnotes", data=data).exit_code == 0
    result = run("check", "--article", text, "--markers", "caret", data=data)
    assert result.exit_code == 1, result.output
    assert result.stdout.count(".attached_to: the text has no marker") == 5


def test_the_kept_text_is_checked_by_default(run: Run, tmp_path: Path) -> None:
    """article.txt beside the data is the text `check` reads when no --article is given."""
    data = dataset(tmp_path / "d", BRACKET_NOTES)
    shutil.copy(TEXTS / "bracket-references.txt", data / "article.txt")
    result = run("check", data=data)
    assert result.exit_code == 0, result.output
    assert f"verbatim in {data / 'article.txt'}." in result.stderr
    edit(data / "sources.toml", "p. 41.", "p. 14.")
    result = run("check", data=data)
    assert result.exit_code == 1, result.output
    assert "notes[n=1].text: differs from the text's note 1" in result.stdout


@pytest.mark.parametrize("option", [["--layout", "endnotes"], ["--markers", "glued"]])
def test_a_convention_without_a_text_is_a_usage_error(run: Run, tmp_path: Path, option: list[str]) -> None:
    """--layout and --markers need a text to read: exit 2, saying how to give one."""
    data = dataset(tmp_path / "d", BRACKET_NOTES)
    result = run("check", *option, data=data)
    assert result.exit_code == 2, result.output
    assert "give it with --article FILE" in result.stderr


def test_an_unknown_convention_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    """An unknown --layout names the choices."""
    result = run("check", "--article", str(TEXTS / "bracket-references.txt"), "--layout", "sidenotes")
    assert result.exit_code == 2, result.output
    assert "'sidenotes' is not one of 'endnotes', 'page-footnotes', 'markdown'" in result.stderr
