"""`chron extract` through CliRunner: what it finds, what it reports, and what --write adds and keeps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tomli

from tests.conftest import FIXTURES, Run, edit

TEXTS = FIXTURES / "texts"
BRACKETS = TEXTS / "bracket-references.txt"
# Each anomaly a note can carry into the data: a garbled marker, a marker with no note, a note with no marker.
ODD = (
    "Wages fell [1]. The mills closed [21. The men marched [3]. They won [4].\n\n"
    "References\n\n[1] Source 1.\n[2] Source 2.\n[3] Source 3.\n[5] Source 5.\n"
)


@pytest.fixture
def folder(run: Run, tmp_path: Path) -> Path:
    """A new, empty dataset."""
    target = tmp_path / "data"
    result = run("new", str(target), "--title", "The Mill Strike of 1921", "--author", "Jane Smith")
    assert result.exit_code == 0, result.output
    return target


def test_prints_the_notes_and_says_the_convention(run: Run) -> None:
    """stdout has one line per note; stderr the convention in a sentence and each anomaly."""
    result = run("extract", str(BRACKETS), "--format", "plain")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "1: J. Smith, A History of Ashby (Ashby Press, 1962), p. 41.  [duplicate-marker]"
    assert lines[3] == "4: Ashby Courier, 18 March 1921, p. 3."
    assert len(lines) == 5
    first = result.stderr.splitlines()[0]
    assert first == (
        f"{BRACKETS}: 5 notes; endnotes, numbered \"[1] text\", under the heading 'References', markers bracket."
    )
    assert f"{BRACKETS}: line 8, column 97: duplicate-marker: marker 1 ([1]) stands again" in result.stderr


def test_json_has_every_note_with_its_anomalies(run: Run, tmp_path: Path) -> None:
    """--format json: a record per note with its marker, attached words, remark and anomalies."""
    text = tmp_path / "odd.txt"
    text.write_text(ODD, encoding="utf-8")
    result = run("extract", str(text), "-f", "json")
    assert result.exit_code == 0, result.output
    records = {r["n"]: r for r in json.loads(result.stdout)}
    assert sorted(records) == [1, 2, 3, 4, 5]
    assert records[1]["record"] == "extracted-note"
    assert (records[2]["marker"], records[2]["attached_to"]) == ("[21", "The mills closed")
    assert [a["kind"] for a in records[2]["anomalies"]] == ["garbled-marker"]
    assert (records[4]["text"], [a["kind"] for a in records[4]["anomalies"]]) == (None, ["missing-text"])
    assert (records[5]["attached_to"], records[5]["marker"]) == (None, None)
    assert "no-marker: note 5 has no marker in the body" in result.stderr


def test_write_adds_the_notes_and_keeps_the_text(run: Run, folder: Path) -> None:
    """--write fills an empty dataset, keeps article.txt, and the dataset checks clean against it."""
    result = run("extract", str(BRACKETS), "--write", "-f", "ids", data=folder)
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["1", "2", "3", "4", "5"]
    assert f"added 5 notes to {folder / 'sources.toml'}; 0 were there already" in result.stderr
    assert (folder / "article.txt").read_text(encoding="utf-8") == BRACKETS.read_text(encoding="utf-8")
    notes = tomli.loads((folder / "sources.toml").read_text(encoding="utf-8"))["notes"]
    assert notes[3] == {"n": 4, "text": "Ashby Courier, 18 March 1921, p. 3.", "attached_to": notes[3]["attached_to"]}
    assert notes[3]["attached_to"] == 'The local paper called it "the largest dispute in the valley since 1878"'
    check = run("check", data=folder)
    assert check.exit_code == 0, check.output
    assert f"verbatim in {folder / 'article.txt'}" in check.stderr


def test_write_keeps_the_files_comments(run: Run, folder: Path) -> None:
    """The scaffold's comments and a hand-made one stay where they were; the notes come after them."""
    edit(folder / "sources.toml", "[article]\n", "# my own comment\n[article]\n")
    before = (folder / "sources.toml").read_text(encoding="utf-8")
    assert run("extract", str(BRACKETS), "--write", "-f", "ids", data=folder).exit_code == 0
    after = (folder / "sources.toml").read_text(encoding="utf-8")
    assert after.startswith(before)
    assert after[len(before) :].lstrip("\n").startswith("[[notes]]\nn = 1\n")


def test_anomalies_become_fields_the_schema_has(run: Run, folder: Path, tmp_path: Path) -> None:
    """A missing note text is text_missing, a missing marker marker_absent, a slip a remark; check passes."""
    text = tmp_path / "odd.txt"
    text.write_text(ODD, encoding="utf-8")
    result = run("extract", str(text), "--write", "-f", "ids", data=folder)
    assert result.exit_code == 0, result.output
    notes = {n["n"]: n for n in tomli.loads((folder / "sources.toml").read_text(encoding="utf-8"))["notes"]}
    assert notes[2]["remark"] == "The marker is printed '[21' (a slip, as from OCR) and read as 2."
    assert notes[4] == {"n": 4, "text_missing": "The text has marker 4 but no note 4.", "attached_to": "They won"}
    assert notes[5] == {"n": 5, "text": "Source 5.", "marker_absent": "No marker 5 was found in the body of the text."}
    check = run("check", data=folder)
    assert check.exit_code == 0, check.output
    note = run("note", "4", data=folder)
    assert "no text    The text has marker 4 but no note 4." in note.stdout


def test_writing_again_changes_nothing(run: Run, folder: Path) -> None:
    """A second --write finds every note there already and leaves the files as they were."""
    assert run("extract", str(BRACKETS), "--write", "-f", "ids", data=folder).exit_code == 0
    before = (folder / "sources.toml").read_bytes()
    result = run("extract", str(BRACKETS), "--write", "-f", "ids", data=folder)
    assert result.exit_code == 0, result.output
    assert "added 0 notes" in result.stderr and "5 were there already" in result.stderr
    assert (folder / "sources.toml").read_bytes() == before


def test_a_curated_note_is_never_overwritten(run: Run, folder: Path) -> None:
    """A note that differs from the text is reported and left; the others are still added; exit 1."""
    assert run("extract", str(BRACKETS), "--write", "-f", "ids", data=folder).exit_code == 0
    edit(folder / "sources.toml", 'text = "Ibid., 21 March 1921."', 'text = "Ibid., 22 March 1921."')
    text = (folder / "sources.toml").read_text(encoding="utf-8")
    cut = text.index("[[notes]]\nn = 5")
    (folder / "sources.toml").write_text(text[:cut], encoding="utf-8")  # note 5 to be added again
    result = run("extract", str(BRACKETS), "--write", "-f", "ids", data=folder)
    assert result.exit_code == 1, result.output
    assert "notes[n=3]: its text differs from the text's; left as it is" in result.stderr
    assert "Error: Left as they were because they differ from this text: note 3 (text)." in result.stderr
    after = (folder / "sources.toml").read_text(encoding="utf-8")
    assert 'text = "Ibid., 22 March 1921."' in after and "[[notes]]\nn = 5" in after


def test_another_kept_text_is_never_overwritten(run: Run, folder: Path) -> None:
    """article.txt holding another text is reported and left as it is (exit 1)."""
    (folder / "article.txt").write_text("Another text.\n", encoding="utf-8")
    result = run("extract", str(BRACKETS), "--write", "-f", "ids", data=folder)
    assert result.exit_code == 1, result.output
    assert f"{folder / 'article.txt'} holds another text; left as it is" in result.stderr
    assert (folder / "article.txt").read_text(encoding="utf-8") == "Another text.\n"


def test_write_needs_a_dataset_of_ones_own(run: Run, tmp_path: Path) -> None:
    """Without --data, --write refuses the shipped dataset; a folder with no sources.toml is named."""
    result = run("extract", str(BRACKETS), "--write")
    assert result.exit_code == 1, result.output
    assert "--write writes into your own dataset, not the shipped one: give --data DIR" in result.stderr
    assert result.stdout == ""
    result = run("extract", str(BRACKETS), "--write", "--data", str(tmp_path))
    assert result.exit_code == 1, result.output
    assert f"has no sources.toml; make the dataset first with `chron new {tmp_path}`" in result.stderr


def test_the_data_option_after_the_command(run: Run, folder: Path) -> None:
    """`chron extract TEXT --data DIR` is `chron --data DIR extract TEXT`, and wins over $CHRON_DATA."""
    result = run(
        "extract", str(BRACKETS), "--write", "-f", "ids", "--data", str(folder), env={"CHRON_DATA": "/nowhere"}
    )
    assert result.exit_code == 0, result.output
    assert (folder / "article.txt").is_file()


def test_a_named_convention(run: Run) -> None:
    """--markers names the style: read as glued, the bracketed text has no markers for its notes."""
    result = run("extract", str(BRACKETS), "--markers", "glued", "-f", "json")
    assert result.exit_code == 0, result.output
    assert all(r["marker"] is None for r in json.loads(result.stdout))
    assert "markers glued" in result.stderr


def test_markdown_footnotes(run: Run) -> None:
    """A Markdown file's [^n] footnotes are found, a two-paragraph note whole."""
    result = run("extract", str(TEXTS / "markdown-numbered.md"), "-f", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [r["n"] for r in records] == [1, 2, 3]
    assert records[1]["text"] == "Town council minutes, 3 March 1914.\n\nThe fairs were revived briefly in 1920."
    assert "markdown" in result.stderr.splitlines()[0]


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (["/no/such/text.txt"], 1, "Cannot read '/no/such/text.txt' (No such file or directory)"),
        ([str(BRACKETS), "--layout", "sidenotes"], 2, "'sidenotes' is not one of"),
        (["book.docx", "--markers", "glued"], 2, "'book.docx' is read through pandoc"),
    ],
)
def test_errors(run: Run, args: list[str], code: int, expected: str) -> None:
    """A text that cannot be read exits 1; a bad option exits 2; nothing goes to stdout."""
    result = run("extract", *args)
    assert result.exit_code == code, result.output
    assert expected in result.stderr
    assert result.stdout == ""


def test_a_text_with_no_notes_is_an_empty_result(run: Run, tmp_path: Path) -> None:
    """A text without notes is no error: an empty listing and the no-notes anomaly on stderr."""
    text = tmp_path / "plain.txt"
    text.write_text("Nothing here is a note.\n", encoding="utf-8")
    result = run("extract", str(text), "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []
    assert "no-notes" in result.stderr
