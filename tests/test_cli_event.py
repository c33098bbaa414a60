"""`chron event` through CliRunner."""

from __future__ import annotations

import json

import pytest
import tomli

from tests.conftest import MINI, SHIPPED, Run, golden


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_formats(run: Run, fmt: str) -> None:
    """The event card in each format matches its golden file."""
    result = run("event", "second-intervention", "-f", fmt, data=MINI)
    assert result.exit_code == 0, result.output
    golden(f"event.{fmt}", result.stdout)


def test_event_shows_notes_with_their_works(run: Run) -> None:
    """The full event names its notes and the works they cite, in short form."""
    result = run("event", "second-intervention", "-f", "json", data=MINI)
    record = json.loads(result.stdout)
    assert record["notes"][0]["n"] == 5
    assert record["notes"][0]["cites"][0]["work"] == "haynes2006conf"
    assert record["date_english"] == "4 November 1956"


def test_unknown_event_suggests(run: Run) -> None:
    """A mistyped id exits 1 with a suggestion."""
    result = run("event", "miskolc-masacre", data=MINI)
    assert result.exit_code == 1, result.output
    assert "Did you mean 'miskolc-massacre'" in result.stderr


def test_every_shipped_event_renders(run: Run) -> None:
    """Events from all through the shipped data (every 25th or so) show their own card without error."""
    text = (SHIPPED / "chronology.toml").read_text(encoding="utf-8")
    ids = [event["id"] for event in tomli.loads(text)["events"]]
    assert len(ids) > 25
    for event_id in ids[:: len(ids) // 25]:
        result = run("event", event_id, data=SHIPPED)
        assert result.exit_code == 0, result.output
        assert f" {event_id}\n" in result.stdout and "quote" in result.stdout, result.output


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("miskolc-masacre", "'miskolc-demonstration-shooting'"),  # no such id: its words are its place and tag
        ("miskolc-demonstraton-shooting", "'miskolc-demonstration-shooting'"),  # a misspelt id
    ],
)
def test_an_unknown_event_suggests_by_its_words(run: Run, typed: str, suggested: str) -> None:
    """`chron event miskolc-masacre` suggests the events whose id, tags, places or people hold its words."""
    result = run("event", typed, data=SHIPPED)
    assert result.exit_code == 1, result.output
    assert f"Did you mean {suggested}" in result.stderr


def test_a_suggestion_decodes_no_event() -> None:
    """Suggesting an event reads ids and links from the store, not the events."""
    from chron.errors import NotFoundError
    from chron.query import find_event
    from tests.conftest import dataset

    ds = dataset(SHIPPED)
    before = ds.decoded
    with pytest.raises(NotFoundError, match="Did you mean"):
        find_event(ds, "miskolc-masacre")
    assert ds.decoded == before
