"""`chron places` through CliRunner."""

from __future__ import annotations

import json

import pytest

from tests.conftest import FORMATS, MINI, SHIPPED, Run, golden


@pytest.mark.parametrize("fmt", FORMATS)
def test_formats(run: Run, fmt: str) -> None:
    """Each format of the index matches its golden file."""
    result = run("places", "-f", fmt, data=MINI)
    assert result.exit_code == 0, result.output
    golden(f"places.{fmt}", result.stdout)


def test_counts_match_the_events(run: Run) -> None:
    """Every entry's count is the number of events that name it."""
    records = json.loads(run("places", "-f", "json", data=SHIPPED).stdout)
    events = json.loads(run("show", "-f", "json", data=SHIPPED).stdout)
    for record in records:
        key = record["id"]
        if "places" == "tags":
            expected = sum(key in e["tags"] for e in events)
        else:
            expected = sum(key in [x["id"] for x in e["places"]] for e in events)
        assert record["events"] == expected, key


def test_bad_format(run: Run) -> None:
    """An unknown format is a usage error."""
    assert run("places", "--format", "yaml", data=MINI).exit_code == 2
