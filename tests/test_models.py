"""The schema's cross-checks: each one fails on a crafted bad dataset and says how to fix it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from chron.errors import DataError
from chron.load import check_text, load_dataset
from chron.schema import json_schema
from tests.conftest import ARTICLE, ROOT, edit

CHRON = "chronology.toml"
SRC = "sources.toml"


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            CHRON,
            'tags = ["massacre", "demonstration"]',
            'tags = ["massacre", "riot"]',
            "events[id=miskolc-massacre].tags: 'riot' is not defined in [[tags]]",
        ),
        (
            CHRON,
            'people = ["racz-sandor"]',
            'people = ["racz"]',
            "events[id=racz-president].people: 'racz' is not defined in [[people]]",
        ),
        (CHRON, "notes = [5]", "notes = [58]", "events[id=second-intervention].notes: note 58 is not in"),
        (
            CHRON,
            'date = "1956-11-04"\n',
            'date = "1956-11-04"\nphase = 1\n',
            "events[id=second-intervention].date: 1956-11-04 (4 November 1956) lies outside phase 1",
        ),
        (
            CHRON,
            'date = "1956-11-04"\n',
            'date = "1956-11-04"\nphase = 9\n',
            "events[id=second-intervention].phase: phase 9 is not defined",
        ),
        (
            CHRON,
            'date = "1956-11-04"\n',
            'date = "1958-01-01"\n',
            "events[id=second-intervention].date: 1958-01-01 falls in no phase",
        ),
        (
            CHRON,
            'date = "1956-11-04"\n',
            'date = "1956-11-04"\nphase = [3, 1]\n',
            "events[id=second-intervention].date: 1956-11-04 (4 November 1956) lies outside phase 1",
        ),
        (
            CHRON,
            'date = "1956-11-04"\n',
            'date = "1956-11-04"\nphase = [3, 3]\n',
            "events[id=second-intervention].phase: phase 3 is listed twice",
        ),
        (
            CHRON,
            'date = "1956-11-04"\n',
            'date = "1956-11-04"\nphase = []\n',
            "events[id=second-intervention].phase: an empty list of phases",
        ),
        (CHRON, 'id = "ujpest"', 'id = "csepel"', "places[id=csepel]: duplicate id"),
        (CHRON, "n = 2\n", "n = 1\n", "phases[n=1]: duplicate phase number"),
        (SRC, "n = 3\n", "n = 6\n", "note numbers must run 1..6 without gaps; missing [3]"),
        (SRC, "n = 3\n", "n = 2\n", "notes[n=2]: duplicate note number"),
        (SRC, 'work = "molnar1971"', 'work = "molnar"', "notes[n=1].cites[0].work: 'molnar' is not a work id"),
        (SRC, 'id = "romsics1999"', 'id = "romsics"', "works[id=romsics]: no note cites this work"),
        (SRC, 'id = "romsics1999"', 'id = "molnar1971"', "works[id=molnar1971]: duplicate id"),
        (SRC, 'locator = "174"\n', "", "`label` is given without a `locator`"),
        (
            SRC,
            "marker_absent =",
            "attached_to = 'x'\nmarker_absent =",
            "give exactly one of `attached_to` (the body words) or `marker_absent`",
        ),
        (SRC, 'type = "book"', 'type = "novel"', "works[id=molnar1971].type: must be 'article'"),
        (SRC, 'issued = "1971"', 'issued = "71"', "works[id=molnar1971].issued: invalid date '71'"),
        (SRC, "schema_version = 1", "schema_version = 2", "schema_version: must be 1"),
        (CHRON, 'id = "izzo-council"', 'id = "Izzo Council"', "must be a lowercase slug"),
    ],
)
def test_cross_check_fails_on_a_crafted_bad_file(mini: Path, file: str, old: str, new: str, expected: str) -> None:
    """Each consistency rule catches its own breakage, with a located message."""
    edit(mini / file, old, new)
    with pytest.raises(DataError) as info:
        load_dataset(mini)
    messages = [str(p) for p in info.value.problems]
    assert any(expected in m for m in messages), messages


def test_container_must_name_another_work(mini: Path) -> None:
    """A chapter's `container` must be a work id."""
    edit(mini / SRC, 'title-short = "Budapest 1956"', 'title-short = "Budapest 1956"\ncontainer = "nobook"')
    with pytest.raises(DataError, match=r"works\[id=molnar1971\]\.container: 'nobook' is not another work's id"):
        load_dataset(mini)


def test_chapter_inherits_its_book(mini: Path) -> None:
    """A chapter with `container` takes the book's title, editors, publisher and date."""
    text = (mini / SRC).read_text(encoding="utf-8")
    text += (
        '\n[[works]]\nid = "kende1996"\ntype = "chapter"\nauthor = [{ family = "Kende", given = "P" }]\n'
        'title = "Afterword"\ncontainer = "litvan1996"\n'
        '\n[[notes]]\nn = 6\ntext = "x"\nattached_to = "y"\n[[notes.cites]]\nwork = "kende1996"\n'
    )
    (mini / SRC).write_text(text, encoding="utf-8")
    ds = load_dataset(mini)
    chapter = ds.works["kende1996"]
    assert chapter.container_title and chapter.container_title.startswith("The Hungarian Revolution of 1956")
    assert [e.family for e in chapter.editor] == ["Litván"]
    assert (chapter.publisher, chapter.issued) == ("Longman", "1996")


def test_article_check_finds_words_not_in_the_article(mini: Path) -> None:
    """--article flags a quote that is not verbatim in the text."""
    if not ARTICLE.is_file():
        pytest.skip(f"the article text is not at {ARTICLE}")
    edit(mini / CHRON, "Students had called", "Students called")
    [problem] = check_text(load_dataset(mini), mini, ARTICLE.read_text(encoding="utf-8"))
    assert "events[id=budapest-demonstration].quote: not found verbatim in the text" in str(problem)


@pytest.mark.parametrize("kind", ["chronology", "sources"])
def test_docs_schema_is_current(kind: str) -> None:
    """docs/schema/ matches the models; regenerate with `chron schema -o docs/schema --force`."""
    path = ROOT / "docs" / "schema" / f"{kind}.schema.json"
    assert path.read_text(encoding="utf-8") == json_schema(kind), "stale: run `chron schema -o docs/schema --force`"


@pytest.mark.parametrize("kind", ["chronology", "sources"])
def test_shipped_data_validates_against_the_json_schema(kind: str) -> None:
    """The JSON Schema editors use accepts the shipped data files."""
    import json

    import jsonschema
    import tomli

    schema = json.loads(json_schema(kind))
    data = tomli.loads((ROOT / "data" / f"{kind}.toml").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)


def documented_sections(kind: str) -> dict[str, str]:
    """docs/data-format.md's text about one data file, code examples left out: "" is the part
    before the first table's section (the top-level fields), then one entry per ### heading."""
    doc = re.sub(r"^```.*?^```$", "", (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8"), flags=re.M | re.S)
    part = re.search(rf"^## {kind}\.toml$(.*?)(?=^## |\Z)", doc, re.M | re.S)
    assert part, f"docs/data-format.md has no section '## {kind}.toml'"
    pieces = re.split(r"^### (.*)$", part.group(1), flags=re.M)
    return {"": pieces[0], **dict(zip(pieces[1::2], pieces[2::2], strict=True))}


def schema_fields(kind: str) -> tuple[set[tuple[str, str]], set[str]]:
    """Every key a data file may hold, as (top-level table, key): ("", "title"), ("events", "date"),
    ("events", "value") for a figure; and the names of the record types the walk went through."""
    schema = json.loads(json_schema(kind))
    defs: dict[str, Any] = schema.get("$defs", {})
    found: set[tuple[str, str]] = set()
    visited: set[str] = set()
    visited_at: set[tuple[str, str]] = set()  # (table, record type): each walked once per table

    def walk(node: dict[str, Any], table: str) -> None:
        if "$ref" in node:
            name = node["$ref"].removeprefix("#/$defs/")
            if (table, name) in visited_at:
                return
            visited_at.add((table, name))
            visited.add(name)
            node = defs[name]
        for sub in [*node.get("anyOf", []), *node.get("oneOf", []), *node.get("allOf", [])]:
            walk(sub, table)
        if isinstance(node.get("items"), dict):
            walk(node["items"], table)
        for key, sub in node.get("properties", {}).items():
            found.add((table, key))
            walk(sub, table or key)

    walk(schema, "")
    return found, visited


@pytest.mark.parametrize("kind", ["chronology", "sources"])
def test_data_format_documents_every_field(kind: str) -> None:
    """Every key of every record type the schema accepts appears, in backticks, in data-format.md's
    section for its table (a figure's `value` in `[[events]]`, a name's `family` in `[[works]]`)."""
    fields, record_types = schema_fields(kind)
    assert record_types == set(json.loads(json_schema(kind)).get("$defs", {})), "the walk missed a record type"
    sections = documented_sections(kind)
    missing = []
    for table, key in sorted(fields):
        if table:
            marks = (f"`[[{table}]]`", f"`[{table}]`")
            text = next((body for heading, body in sections.items() if any(m in heading for m in marks)), "")
        else:
            text = sections[""]
        if f"`{key}`" not in text:
            missing.append(f"{table or '(top level)'}.{key}")
    assert ("", "schema_version") in fields and not missing, f"undocumented in docs/data-format.md: {missing}"


@pytest.mark.parametrize(
    ("date", "phase", "phases"),
    [
        ("1956-10-23", None, (1,)),
        ("1956-10-29/1956-10-30", None, (2,)),
        ("1956-10-28/1956-10-29", None, (1, 2)),  # two days, one in each phase
        ("1956-10-23/1956-11-04", None, (1, 2, 3)),
        ("1956-10", None, (1,)),  # a single date, however vague, is one moment
        ("1956-10/1956-11", None, (1, 2)),  # certainly from 31 October to 1 November
        ("1956-10-28/..", None, (1,)),  # an open interval is placed by its known end
        ("1956-11-04", 3, (3,)),  # a phase given is all of them
        ("1956-10-28/1956-11-04", [2, 1], (2, 1)),  # a list given: listed under the first
    ],
)
def test_an_event_belongs_to_every_phase_its_dates_span(date: str, phase: object, phases: tuple[int, ...]) -> None:
    """Derived phases: the one holding the earliest day, then those the event certainly covers a day of."""
    from chron.checks import phases_finder
    from chron.models import Event
    from tests.conftest import MINI, dataset

    ev = Event(id="x", date=date, date_text="x", title="x", summary="x", quote="x", phase=phase)  # type: ignore[arg-type]
    assert phases_finder(dataset(MINI).phases)(ev) == phases
