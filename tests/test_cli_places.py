"""`chron places` through CliRunner."""

from __future__ import annotations

import json

import pytest
import tomli

from tests.conftest import FORMATS, MINI, SHIPPED, Run, golden


@pytest.mark.parametrize("fmt", FORMATS)
def test_formats(run: Run, fmt: str) -> None:
    """Each format of the index matches its golden file."""
    result = run("places", "-f", fmt, data=MINI)
    assert result.exit_code == 0, result.output
    golden(f"places.{fmt}", result.stdout)


def test_counts_match_the_events(run: Run) -> None:
    """Every place of the data file is listed, with the number of events that name it."""
    records = json.loads(run("places", "-f", "json", data=SHIPPED).stdout)
    events = json.loads(run("show", "-f", "json", data=SHIPPED).stdout)
    keys = [entry["id"] for entry in tomli.loads((SHIPPED / "chronology.toml").read_text(encoding="utf-8"))["places"]]
    expected = {key: sum(key in [x["id"] for x in e["places"]] for e in events) for key in keys}
    assert expected and {r["id"]: r["events"] for r in records} == expected


def test_bad_format(run: Run) -> None:
    """An unknown format is a usage error."""
    assert run("places", "--format", "yaml", data=MINI).exit_code == 2
