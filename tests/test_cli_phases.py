"""`chron phases` through CliRunner."""

from __future__ import annotations

import json

import pytest

from tests.conftest import FORMATS, MINI, Run, golden


@pytest.mark.parametrize("fmt", FORMATS)
def test_formats(run: Run, fmt: str) -> None:
    """Each format of the phase list matches its golden file."""
    result = run("phases", "-f", fmt, data=MINI)
    assert result.exit_code == 0, result.output
    golden(f"phases.{fmt}", result.stdout)


def test_counts_and_bounds(run: Run) -> None:
    """Phases carry their bounds, the article's words and event counts."""
    result = run("phases", "-f", "json", data=MINI)
    phases = json.loads(result.stdout)
    assert [(p["n"], p["events"]) for p in phases] == [(1, 3), (2, 1), (3, 2)]
    assert phases[1]["earliest"] == "1956-10-29" and phases[1]["latest"] == "1956-11-03"
    assert phases[0]["quote"].startswith("From 23 to 28 October")


def test_bad_format(run: Run) -> None:
    """An unknown format is a usage error."""
    assert run("phases", "-f", "yaml", data=MINI).exit_code == 2
