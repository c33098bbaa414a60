"""The schema for any text: a note with no text in its source, a remark, a cite's suffix, a work
cited only as another's container."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chron.errors import DataError
from chron.load import load_dataset
from chron.pandoc import document
from tests.conftest import Run, edit

SRC = "sources.toml"
NOTE_3 = 'text = "Data from M Pécsi and B Sárfalvi, The Geography of Hungary (Collets, 1964)."\n'


def test_a_note_may_have_no_text_with_a_reason(mini: Path, run: Run) -> None:
    """`text_missing` stands in for `text`; `chron note` shows the reason, JSON has both keys."""
    edit(mini / SRC, NOTE_3, 'text_missing = "The page with note 3 is torn out."\n')
    note = load_dataset(mini).notes[3]
    assert (note.text, note.text_missing) == (None, "The page with note 3 is torn out.")
    result = run("note", "3", data=mini)
    assert result.exit_code == 0, result.output
    assert "no text    The page with note 3 is torn out." in result.stdout
    record = json.loads(run("note", "3", "--format", "json", data=mini).stdout)
    assert (record["text"], record["text_missing"]) == (None, "The page with note 3 is torn out.")


@pytest.mark.parametrize(
    "new",
    [
        "",  # neither
        NOTE_3 + 'text_missing = "Torn out."\n',  # both
        'text_missing = ""\n',  # an empty reason is no reason
    ],
)
def test_exactly_one_of_text_and_text_missing(mini: Path, new: str) -> None:
    """A note needs its text or the reason it has none, never both."""
    edit(mini / SRC, NOTE_3, new)
    with pytest.raises(DataError) as info:
        load_dataset(mini)
    assert [str(p).split(": ", 1)[1] for p in info.value.problems] == [
        "notes[n=3]: give exactly one of `text` (the note's words) or `text_missing` (why there are none)"
    ]


def test_a_remark_is_kept_and_shown(mini: Path, run: Run) -> None:
    """`remark` reaches the note card, its JSON and search."""
    edit(mini / SRC, NOTE_3, NOTE_3 + 'remark = "‘Collets’ is probably a misprint for ‘Collet’s’."\n')
    result = run("note", "3", data=mini)
    assert result.exit_code == 0, result.output
    assert "remark     ‘Collets’ is probably a misprint for ‘Collet’s’." in result.stdout
    record = json.loads(run("note", "3", "-f", "json", data=mini).stdout)
    assert record["remark"] == "‘Collets’ is probably a misprint for ‘Collet’s’."
    hits = run("search", "misprint", "--in", "notes", "-f", "ids", data=mini)
    assert hits.stdout.split() == ["3"], hits.output


def test_a_cite_keeps_its_suffix(mini: Path, run: Run) -> None:
    """`suffix` is shown after the locator, in JSON, and in the citation pandoc is given."""
    edit(
        mini / SRC, 'locator = "174"\nlabel = "page"\n', 'locator = "174"\nlabel = "page"\nsuffix = "emphasis added"\n'
    )
    ds = load_dataset(mini)
    assert ds.notes[1].cites[0].suffix == "emphasis added"
    result = run("note", "1", data=mini)
    assert result.exit_code == 0, result.output
    assert "molnar1971 (locator 174, emphasis added):" in result.stdout
    assert json.loads(run("note", "1", "-f", "json", data=mini).stdout)["cites"][0]["suffix"] == "emphasis added"
    cite = json.loads(document(ds, [1], [1, 22]))["blocks"][0]["c"][0]["c"][0][0]  # pandoc's document tree
    assert cite["citationId"] == "molnar1971"
    assert [i.get("c") for i in cite["citationSuffix"]] == [",", None, "{174}", ",", None, "emphasis", None, "added"]


def test_a_work_cited_only_as_a_container_is_in_use(mini: Path) -> None:
    """A chapter's book that no note cites directly is not an unused work; a book nobody uses still is."""
    text = (mini / SRC).read_text(encoding="utf-8")
    text = text.replace(
        "[[notes]]\nn = 1\n",
        '[[works]]\nid = "kende1996"\ntype = "chapter"\nauthor = [{ family = "Kende", given = "P" }]\n'
        'title = "Afterword"\ncontainer = "volume1996"\n\n'
        '[[works]]\nid = "volume1996"\ntype = "book"\ntitle = "Essays"\ncontainer = "series1996"\n\n'
        '[[works]]\nid = "series1996"\ntype = "book"\ntitle = "Collected essays"\n\n'
        "[[notes]]\nn = 1\n",
        1,
    )
    text += '[[notes.cites]]\nwork = "kende1996"\n'
    (mini / SRC).write_text(text, encoding="utf-8")
    assert "volume1996" in load_dataset(mini).works  # cited through its chapter, and its own container too
    edit(mini / SRC, 'work = "kende1996"\n', 'work = "haynes2006conf"\n')
    with pytest.raises(DataError) as info:
        load_dataset(mini)
    unused = sorted(p.where for p in info.value.problems if "no note cites this work" in p.message)
    assert unused == ["works[id=kende1996]", "works[id=series1996]", "works[id=volume1996]"]
