"""`chron note` through CliRunner."""

from __future__ import annotations

import json

import pytest

from tests.conftest import MINI, SHIPPED, Run, golden


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
