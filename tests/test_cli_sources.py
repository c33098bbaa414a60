"""`chron sources` through CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import FORMATS, MINI, SHIPPED, Run, golden


@pytest.mark.parametrize("fmt", FORMATS)
def test_formats(run: Run, fmt: str) -> None:
    """The bibliography in each format matches its golden file."""
    result = run("sources", "-f", fmt, data=MINI)
    assert result.exit_code == 0, result.output
    golden(f"sources.{fmt}", result.stdout)


@pytest.mark.parametrize("style", ["chicago-author-date", "apa", "mla", "harvard"])
def test_styles(run: Run, style: str) -> None:
    """Each style's bibliography matches its golden file."""
    result = run("sources", "--style", style, "-f", "plain", data=SHIPPED)
    assert result.exit_code == 0, result.output
    golden(f"sources.{style}", result.stdout)


def test_each_work_lists_its_notes(run: Run) -> None:
    """Every work carries the notes that cite it."""
    records = json.loads(run("sources", "-f", "json", data=SHIPPED).stdout)
    fryer = next(r for r in records if r["id"] == "fryer1986")
    assert fryer["notes"] == [23, 27, 29, 41]


def test_one_work(run: Run) -> None:
    """`sources WORK_ID` shows the work with its notes and events; an unknown id suggests."""
    result = run("sources", "fryer1986", data=SHIPPED)
    assert result.exit_code == 0, result.output
    assert "23: P Fryer, Hungarian Tragedy" in result.stdout
    record = json.loads(run("sources", "fryer1986", "-f", "json", data=SHIPPED).stdout)
    assert record["notes"] == [23, 27, 29, 41] and record["events"]
    result = run("sources", "fryer1968", data=SHIPPED)
    assert result.exit_code == 1 and "Did you mean 'fryer1986'" in result.stderr, result.output


@pytest.mark.parametrize("style", ["chicago-note", "chicago-author-date", "apa", "mla", "harvard", "verbatim"])
@pytest.mark.parametrize("data", [SHIPPED, MINI], ids=["shipped", "mini"])
def test_ids_are_the_bibliographys_order(run: Run, style: str, data: Path) -> None:
    """`-f ids` lists the works in the order the formatted bibliography has, without formatting it."""
    full = run("sources", "--style", style, "-f", "json", data=data)
    ids = run("sources", "--style", style, "-f", "ids", data=data)
    assert full.exit_code == ids.exit_code == 0, full.output + ids.output
    assert ids.stdout.split() == [w["id"] for w in json.loads(full.stdout)]
