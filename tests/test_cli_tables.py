"""Tables and plain lines that keep what matters: ids, titles, the terminal's width, every column."""

from __future__ import annotations

import json

import pytest

from chron import listings
from chron.citation.text import Styled
from chron.models import Work
from chron.render import Column, Listing, Options, fitting, render_text
from tests.conftest import MINI, SHIPPED, Run, dataset

# The listing commands, each with the columns its table can show.
LISTINGS = ["show", "phases", "people", "places", "tags", "sources", ("search", "councils")]


def _args(item: str | tuple[str, ...]) -> list[str]:
    return [item] if isinstance(item, str) else list(item)


def _never(work: Work) -> Styled:
    raise AssertionError("no work is formatted for an empty listing")


def _in_table(command: str) -> list[Column]:
    """The columns the table of ``command`` can show (from the listing the command prints)."""
    ds = dataset(SHIPPED)
    made = {
        "show": lambda: listings.events(ds, []),
        "phases": lambda: listings.phases(ds),
        "people": lambda: listings.people(ds),
        "places": lambda: listings.places(ds),
        "tags": lambda: listings.tags(ds),
        "sources": lambda: listings.sources(ds, [], _never),
        "search": lambda: listings.hits([]),
    }
    return [c for c in made[command]().columns if c.in_table]


@pytest.mark.parametrize("item", LISTINGS, ids=lambda x: x if isinstance(x, str) else x[0])
def test_plain_has_the_tables_columns(run: Run, item: str | tuple[str, ...]) -> None:
    """A plain line holds one field per table column, two spaces apart, in the table's order."""
    args = _args(item)
    columns = _in_table(args[0])
    plain = run(*args, "-f", "plain", data=SHIPPED)
    assert plain.exit_code == 0, plain.output
    lines = plain.stdout.splitlines()
    assert lines
    for line in lines:
        assert len(line.split("  ")) == len(columns), line
    markdown = run(*args, "-f", "markdown", data=SHIPPED).stdout.splitlines()
    assert markdown[0] == "| " + " | ".join(c.header for c in columns) + " |"


def test_plain_people_and_places_show_aliases(run: Run) -> None:
    """The aliases the table shows are in the plain line too (they were dropped)."""
    line = run("people", data=MINI).stdout.splitlines()[0]
    assert line.startswith("racz-sandor  Sándor Rácz  1")
    assert "Rasz" in line
    assert "Cespel" in run("places", data=MINI).stdout


def test_plain_tags_show_descriptions_and_sources_their_notes(run: Run) -> None:
    """Tag descriptions and the notes column of sources are in plain output (they were dropped)."""
    tags = run("tags", data=SHIPPED).stdout
    assert "strike  " in tags and "Strikes, general strikes and returns to work." in tags
    line = next(x for x in run("sources", data=SHIPPED).stdout.splitlines() if x.startswith("lomax1976  "))
    assert line.endswith("  13; 17; 18; 21; 22; 24; 26; 31; 50")


def test_plain_is_never_truncated(run: Run) -> None:
    """A long title is printed whole in a plain line (it was cut at 80 characters)."""
    out = run("search", "warsaw", data=SHIPPED).stdout
    assert "New Findings from the Budapest and Warsaw Archives  " in out


def test_plain_fields_never_hold_two_spaces() -> None:
    """Two spaces separate fields, so a value's own run of spaces is closed up; empty is "-"."""
    listing = Listing("things", [{"a": "x  y", "b": ""}], [Column("a", "A"), Column("b", "B")])
    assert render_text(listing, "plain") == "x y  -"


def test_every_event_table_has_an_id_column(run: Run) -> None:
    """Each event's id is in the table, side by side when there is room, else under its title."""
    ids = run("show", "--phase", "2", "-f", "ids", data=SHIPPED).stdout.split()
    for columns in ("200", "100", "60"):
        table = run("show", "--phase", "2", "-f", "table", data=SHIPPED, env={"COLUMNS": columns}).stdout
        assert max(len(line) for line in table.splitlines()) <= int(columns)
        if columns != "60":  # at 60 columns a long id may fold
            for i in ids:
                assert i in table, (columns, i)
    narrow = run("show", "--phase", "2", "-f", "table", data=SHIPPED, env={"COLUMNS": "80"}).stdout
    assert narrow.splitlines()[0].split() == ["Date", "Event", "/", "Id"]


def test_search_table_has_titles(run: Run) -> None:
    """The search table names what it found, not only its id."""
    table = run("search", "salgotarjan", "-f", "table", data=SHIPPED).stdout
    hits = json.loads(run("search", "salgotarjan", "-f", "json", data=SHIPPED).stdout)
    assert "Title" in table.splitlines()[0]
    for hit in hits:
        assert hit["title"].split()[0] in table


def test_a_wide_terminal_is_used(run: Run) -> None:
    """At 200 columns the table is wider than 115; with room for everything, one line per event."""
    wide = run("show", "-f", "table", data=SHIPPED, env={"COLUMNS": "200"}).stdout.splitlines()
    assert max(len(line) for line in wide) > 150
    events = len(run("show", "-f", "ids", data=SHIPPED).stdout.split())
    widest = run("show", "-f", "table", data=SHIPPED, env={"COLUMNS": "400"}).stdout.splitlines()
    assert len(widest) == events + 2  # the header, its rule, one line per event


@pytest.mark.parametrize(
    ("width", "kept", "stacked"),
    [
        (100, ["id", "date", "title", "places"], []),  # everything fits at its natural width
        (40, ["id", "date", "title"], []),  # places (the highest rank) goes first
        (30, ["date", "title"], ["id"]),  # then the id goes under the title
        (10, ["date", "title"], ["id"]),  # rank 0 always stays
    ],
)
def test_fitting_drops_and_stacks_by_rank(width: int, kept: list[str], stacked: list[str]) -> None:
    """Columns go by rank, highest first; one with ``under`` stacks instead of going."""
    cols = [
        Column("id", "Id", no_wrap=True, rank=2, under="title"),
        Column("date", "Date", max_width=8),
        Column("title", "Title"),
        Column("places", "Places", max_width=10, rank=3),
    ]
    natural = [8, 8, 12, 10]
    got = fitting(cols, natural, width)
    assert ([cols[i].key for i in got[0]], [cols[i].key for i in got[1]]) == (kept, stacked)


def test_a_clipped_column_is_clipped_only_in_the_table() -> None:
    """``clip`` shortens a table cell; csv and plain keep the whole value."""
    listing = Listing("things", [{"a": "x" * 50}], [Column("a", "A", clip=10)])
    assert "xxxxxxxxx…" in render_text(listing, "table", Options(width=80))
    assert render_text(listing, "plain") == "x" * 50
    assert render_text(listing, "csv").splitlines()[1] == "x" * 50


def test_a_narrow_search_table_stays_short(run: Run) -> None:
    """At 60 columns a search table takes a few lines per hit (73 hits took 929 lines)."""
    hits = len(run("search", "councils", "-f", "ids", data=SHIPPED).stdout.split())
    table = run("search", "councils", "-f", "table", data=SHIPPED, env={"COLUMNS": "60"}).stdout.splitlines()
    assert hits > 20 and len(table) <= 5 * hits
    assert max(len(line) for line in table) <= 60


@pytest.mark.parametrize(("command", "width"), [(("show",), 80), (("search", "councils"), 80)])
def test_an_id_under_its_title_stays_whole(run: Run, command: tuple[str, ...], width: int) -> None:
    """When a narrow table puts the id under the title, the id is not broken across lines (it is
    there to be copied into `chron event ID`): the other columns give up the room."""
    ids = run(*command, "-f", "ids", data=SHIPPED).stdout.split()
    table = run(*command, "-f", "table", data=SHIPPED, env={"COLUMNS": str(width)}).stdout
    assert "Title / Id" in table or "Event / Id" in table  # the id is stacked at this width
    cells = set(table.split())
    assert [i for i in ids if i not in cells] == []
