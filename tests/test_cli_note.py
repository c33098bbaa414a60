"""`chron note` through CliRunner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import MINI, SHIPPED, Run, edit, golden


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_formats(run: Run, fmt: str) -> None:
    """The note card in each format matches its golden file."""
    result = run("note", "4", "-f", fmt, data=MINI)
    assert result.exit_code == 0, result.output
    golden(f"note.{fmt}", result.stdout)


@pytest.mark.parametrize("bad", ["0", "58", "x", "", "1e3", "99999999999999999999999"])
def test_out_of_range_names_the_range(run: Run, bad: str) -> None:
    """Notes 0, 58 and "x" exit 1 and name the valid range."""
    result = run("note", bad, data=SHIPPED)
    assert result.exit_code == 1, result.output
    assert "notes run from 1 to 57" in result.stderr


def test_note_54_names_elek_nagys_chapter_in_lomax(run: Run) -> None:
    """Note 54 resolves to Elek Nagy's chapter inside Lomax (ed), Hungarian Workers' Councils in 1956."""
    result = run("note", "54", data=SHIPPED)
    assert result.exit_code == 0, result.output
    assert "Elek Nagy, “Conflicts Between the CWC" in result.stdout
    assert "in Hungarian Workers’ Councils in 1956, ed. Bill Lomax" in result.stdout


def test_json_resolves_cites_and_events(run: Run) -> None:
    """JSON lists each cited work with its locator and the events resting on the note."""
    record = json.loads(run("note", "23", "-f", "json", data=SHIPPED).stdout)
    assert record["cites"][0]["work"] == "fryer1986" and record["cites"][0]["locator"] == "44–45"
    assert record["events"]


def test_marker_absent(run: Run) -> None:
    """Notes 3 and 4 say their marker is not in the body."""
    result = run("note", "3", data=SHIPPED)
    assert "marker" in result.stdout and "Table" in result.stdout


def test_as_above_says_where_it_points(run: Run) -> None:
    """Note 8's "as above" is the work first cited in note 7; note 56's bare "As above" is note 55's."""
    eight = run("note", "8", data=SHIPPED)
    assert eight.exit_code == 0, eight.output
    assert "‘as above’ = first cited in note 7" in eight.stdout
    assert "first cited in note 4; last cited in note 55" in run("note", "56", data=SHIPPED).stdout


def test_note_18_carries_over_note_17s_page(run: Run) -> None:
    """Note 18's bare "As above." repeats note 17's Lomax p111: the card shows the page, says it
    is carried over, and gives the editorial remark."""
    result = run("note", "18", data=SHIPPED)
    assert result.exit_code == 0, result.output
    assert "lomax1976 (locator 111)" in result.stdout
    assert "locator 111 not printed here: carried over from note 17" in result.stdout
    assert "remark" in result.stdout and "bare ‘As above.’" in result.stdout
    [lomax, harman] = json.loads(run("note", "18", "-f", "json", data=SHIPPED).stdout)["cites"]
    assert (lomax["first_cited"], lomax["previous_cited"], lomax["inherited_from"]) == (13, 17, 17)
    assert (harman["first_cited"], harman["inherited_from"]) == (12, None)


def test_a_bare_as_above_without_a_locator_inherits_one(run: Run, tmp_path: Path) -> None:
    """Where the data gives a bare "As above" no locator, the card reads the previous note's locator
    with chron.link and says it is carried over."""
    folder = tmp_path / "data"
    shutil.copytree(SHIPPED, folder)
    edit(
        folder / "sources.toml",
        'work = "lomax1976"\nlocator = "111"\nlabel = "page"\n[[notes.cites]]\nwork = "harman1974"',
        'work = "lomax1976"\n[[notes.cites]]\nwork = "harman1974"',
    )
    result = run("note", "18", "-f", "json", data=folder)
    assert result.exit_code == 0, result.output
    lomax = json.loads(result.stdout)["cites"][0]
    assert (lomax["locator"], lomax["inherited_from"]) == (None, 17)
    assert "locator 111 not printed here: carried over from note 17" in run("note", "18", data=folder).stdout


def test_a_named_as_above_carries_no_page(run: Run) -> None:
    """Note 24's "B Lomax, The Hungarian Revolution, as above." names the work and prints no page:
    none is carried over."""
    record = json.loads(run("note", "24", "-f", "json", data=SHIPPED).stdout)
    assert record["cites"][0]["inherited_from"] is None and record["cites"][0]["first_cited"] == 13


def test_the_misprint_remark_is_on_note_44(run: Run) -> None:
    """The likely misprint ‘pp17-918’ is remarked on in `chron note 44` itself."""
    result = run("note", "44", data=SHIPPED)
    assert "remark" in result.stdout and "misprint" in result.stdout
