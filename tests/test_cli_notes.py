"""`chron notes` through CliRunner: every format, each filter, empty results, bad input."""

from __future__ import annotations

import json

import pytest

from tests.conftest import FORMATS, MINI, SHIPPED, Run, dataset, golden


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_matches_its_golden_file(run: Run, fmt: str) -> None:
    """Each format of the notes listing is exactly as reviewed."""
    result = run("notes", "-f", fmt, data=MINI)
    assert result.exit_code == 0, result.output
    golden(f"notes.{fmt}", result.stdout)


def test_which_notes_have_no_marker(run: Run) -> None:
    """`chron notes --no-marker` answers in one command: notes 3 and 4 of the article."""
    result = run("notes", "--no-marker", "-f", "ids", data=SHIPPED)
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["3", "4"]


def test_a_note_says_what_it_cites_its_marker_and_its_events(run: Run) -> None:
    """Each record has the note's text, its cites, whether the marker is absent, and its events' ids."""
    records = {r["n"]: r for r in json.loads(run("notes", "-f", "json", data=SHIPPED).stdout)}
    assert sorted(records) == list(range(1, 58))
    assert [c["work"] for c in records[18]["cites"]] == ["lomax1976", "harman1974"]
    assert records[3]["marker_absent"] and records[1]["marker_absent"] is None
    ds = dataset(SHIPPED)
    for n, record in records.items():
        assert record["events"] == [e.id for e in ds.events_citing(n)], n


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--cites", "fryer1986"], ["23", "27", "29", "41"]),
        (["--cites", "fryer1986", "--cites", "fryer1957"], ["23", "27", "29", "41", "53"]),
        (["--cites", "lomax1990", "--events"], ["33", "39", "47", "49"]),
        (["--no-cites"], ["20"]),
        (["--no-marker", "--events"], []),
    ],
)
def test_filters(run: Run, args: list[str], expected: list[str]) -> None:
    """--cites widens when repeated; filters of different kinds narrow; --events keeps notes events rest on."""
    result = run("notes", *args, "-f", "ids", data=SHIPPED)
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == expected


def test_events_means_an_event_rests_on_the_note(run: Run) -> None:
    """--events keeps exactly the notes that some event lists among its notes."""
    ds = dataset(SHIPPED)
    resting = sorted({n for e in ds.events() for n in e.notes})
    result = run("notes", "--events", "-f", "ids", data=SHIPPED)
    assert [int(n) for n in result.stdout.split()] == resting


@pytest.mark.parametrize(("fmt", "expected"), [("json", "[]\n"), ("plain", ""), ("ids", ""), ("csv", None)])
def test_empty_result_succeeds(run: Run, fmt: str, expected: str | None) -> None:
    """No note matches: exit 0, [] in JSON, a header in CSV, nothing in plain and ids."""
    result = run("notes", "--no-marker", "--events", "-f", fmt, data=SHIPPED)
    assert result.exit_code == 0, result.output
    if expected is None:
        assert result.stdout.startswith("n,") and len(result.stdout.splitlines()) == 1
    else:
        assert result.stdout == expected


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--cites", "fryer1968"], 1, "Did you mean 'fryer1986'"),
        (["--cites", "fryer1986", "--no-cites"], 2, "--cites and --no-cites contradict each other"),
        (["--format", "xml"], 2, "'xml' is not one of"),
        (["--bogus"], 2, "No such option"),
    ],
)
def test_bad_input(run: Run, args: list[str], code: int, message: str) -> None:
    """An unknown work exits 1 with a suggestion; contradictory or unknown options exit 2."""
    result = run("notes", *args, data=SHIPPED)
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    assert message in result.stderr


def test_listing_the_notes_decodes_no_event() -> None:
    """The events resting on each note come from the join table: listing the notes decodes none."""
    from chron.notes import NoteFilter, select

    ds = dataset(SHIPPED)
    before = ds.decoded
    found = select(ds, NoteFilter(with_events=True))
    assert found and all(ids for _, ids in found)
    assert ds.decoded == before
