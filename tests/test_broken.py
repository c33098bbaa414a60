"""Broken datasets: each case is a small change to a copy of tests/fixtures/mini, and what chron says.

A case names its changes (an exact snippet replaced, text appended, a file emptied or deleted; or,
for what no text edit can make, a generated file: other encodings, symlinks, folders, huge files),
the exit code, and the problems chron must list, one per line, each written as it starts after the
data folder's path: `chronology.toml:67: events[id=miskolc-massacre].date: ...`. Every case ends in
its exit code with no traceback; every listed problem names its file and a line or a record; the
`Error:` line counts them.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import MINI, Run

CHRON = "chronology.toml"
SRC = "sources.toml"

Change = Callable[[Path], None]


@dataclass(frozen=True)
class Replace:
    """Replace one exact snippet, which must occur exactly once in the file."""

    file: str
    old: str
    new: str

    def __call__(self, folder: Path) -> None:
        path = folder / self.file
        text = path.read_text(encoding="utf-8")
        assert text.count(self.old) == 1, f"{self.file} holds {self.old!r} {text.count(self.old)} times, not once"
        path.write_text(text.replace(self.old, self.new), encoding="utf-8")


def insert_after(file: str, line: str, added: str) -> Replace:
    """Add lines after one exact line (given without its newline)."""
    return Replace(file, line + "\n", line + "\n" + added + "\n")


def insert_before(file: str, line: str, added: str) -> Replace:
    """Add lines before one exact line (given without its newline)."""
    return Replace(file, line + "\n", added + "\n" + line + "\n")


def delete_line(file: str, line: str) -> Replace:
    """Remove one exact line (given without its newline)."""
    return Replace(file, line + "\n", "")


@dataclass(frozen=True)
class Append:
    file: str
    text: str

    def __call__(self, folder: Path) -> None:
        with (folder / self.file).open("a", encoding="utf-8") as f:
            f.write(self.text)


@dataclass(frozen=True)
class Empty:
    file: str

    def __call__(self, folder: Path) -> None:
        (folder / self.file).write_bytes(b"")


@dataclass(frozen=True)
class Delete:
    file: str

    def __call__(self, folder: Path) -> None:
        (folder / self.file).unlink()


# ------------------------------------------------ what cannot be a text edit: generated at test time


def bom_and_crlf(folder: Path) -> None:
    """Both files start with a UTF-8 byte-order mark and end their lines with CRLF."""
    for name in (CHRON, SRC):
        path = folder / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))


def latin1_place_name(folder: Path) -> None:
    """places[id=ujpest].name (line 123) is written in latin-1: byte 0xDA for Ú."""
    path = folder / CHRON
    line = 'id = "ujpest"\nname = "Újpest"\n'.encode()
    data = path.read_bytes()
    assert data.count(line) == 1
    path.write_bytes(data.replace(line, 'id = "ujpest"\nname = "Újpest"\n'.encode("latin-1")))


def sources_link_to_nothing(folder: Path) -> None:
    (folder / SRC).unlink()
    (folder / SRC).symlink_to("no-such-file.toml")


def sources_link_to_itself(folder: Path) -> None:
    """Reading it fails with ELOOP, even for root (a chmod 000 file is readable by root)."""
    (folder / SRC).unlink()
    (folder / SRC).symlink_to(SRC)


def chronology_is_a_folder(folder: Path) -> None:
    (folder / CHRON).unlink()
    (folder / CHRON).mkdir()


def no_data_folder(folder: Path) -> None:
    shutil.rmtree(folder)


def data_folder_is_a_file(folder: Path) -> None:
    shutil.rmtree(folder)
    folder.write_text("schema_version = 1\n", encoding="utf-8")


def pad_chronology_with_50mb_of_comments(folder: Path) -> None:
    line = "# " + "x" * 98 + "\n"  # 101 bytes
    with (folder / CHRON).open("a", encoding="utf-8") as f:
        f.write(line * (50 * 1024 * 1024 // len(line)))


def sources_is_50mb_of_junk(folder: Path) -> None:
    """One line of 'junk junk ...', 50 MB long: not TOML."""
    (folder / SRC).write_bytes(b"junk " * (10 * 1024 * 1024))


DEEP = 5000


@dataclass(frozen=True)
class Case:
    name: str
    changes: tuple[Change, ...]
    exit: int
    problems: tuple[str, ...]  # each problem listed, as its line starts after "<data folder>/"
    stderr: tuple[str, ...]  # fragments of stderr (`check`'s Error line is checked from `problems`)
    command: tuple[str, ...]
    slow: bool


def case(
    name: str,
    *changes: Change,
    exit: int = 1,
    problems: tuple[str, ...] = (),
    stderr: tuple[str, ...] = (),
    command: tuple[str, ...] = ("check",),
    slow: bool = False,
) -> Case:
    return Case(name, changes, exit, problems, stderr, command, slow)


OK = ": OK (3 phases, 6 events, 5 notes, 6 works, 1 people, 4 places)."

CASES = [
    # ---------------------------------------------------------------- valid, though unusual
    case("bom-crlf-valid", bom_and_crlf, exit=0, stderr=(OK,)),
    case("huge-50mb-comment", pad_chronology_with_50mb_of_comments, exit=0, stderr=(OK,), slow=True),
    # ---------------------------------------------------------------- the folder and its files
    case(
        "data-folder-does-not-exist",
        no_data_folder,
        stderr=("(from --data) does not exist. Point --data at a folder holding chronology.toml and sources.toml.",),
    ),
    case(
        "data-is-a-regular-file",
        data_folder_is_a_file,
        stderr=("(from --data) is a file, not a folder. Point --data at the folder holding chronology.toml and",),
    ),
    case(
        "empty-folder",
        Delete(CHRON),
        Delete(SRC),
        problems=("chronology.toml: is missing. A dataset folder holds", "sources.toml: is missing. A dataset folder"),
    ),
    case("missing-chronology", Delete(CHRON), problems=("chronology.toml: is missing. A dataset folder holds",)),
    case("missing-sources", Delete(SRC), problems=("sources.toml: is missing. A dataset folder holds",)),
    case("data-file-is-directory", chronology_is_a_folder, problems=("chronology.toml: is a folder, not a file;",)),
    case(
        "dangling-symlink",
        sources_link_to_nothing,
        problems=("sources.toml: is a symbolic link to 'no-such-file.toml', which does not exist; fix or replace",),
    ),
    case(
        "unreadable-symlink-loop",
        sources_link_to_itself,
        problems=("sources.toml: cannot be read (Too many levels of symbolic links)",),
    ),
    case(
        "empty-both-files",
        Empty(CHRON),
        Empty(SRC),
        problems=(
            "chronology.toml: schema_version: required field is missing",
            "sources.toml: schema_version: required field is missing",
            "sources.toml: article: required field is missing",
        ),
    ),
    case("empty-chronology", Empty(CHRON), problems=("chronology.toml: schema_version: required field is missing",)),
    case(
        "empty-sources",
        Empty(SRC),
        problems=(
            "sources.toml: schema_version: required field is missing",
            "sources.toml: article: required field is missing",
        ),
    ),
    case(
        "not-utf8-latin1",
        latin1_place_name,
        problems=("chronology.toml:123: is not UTF-8 (byte 0xda); save the file as UTF-8",),
    ),
    case(
        "huge-50mb-junk",
        sources_is_50mb_of_junk,
        problems=("sources.toml:1: TOML syntax error: Expected '=' after a key",),
        slow=True,
    ),
    # ---------------------------------------------------------------- TOML syntax
    case(
        "toml-missing-equals",
        Replace(CHRON, 'title = "Mini"', 'title "Mini"'),
        problems=("chronology.toml:3: TOML syntax error: Expected '=' after a key",),
    ),
    case(
        "toml-unclosed-string",
        Replace(CHRON, 'name = "Disorder"', 'name = "Disorder'),
        problems=("chronology.toml:8: TOML syntax error: Illegal character '\\n' (column 17): a string is not closed",),
    ),
    case(
        "show-on-syntax-error",
        Replace(CHRON, 'name = "Disorder"', 'name = "Disorder'),
        command=("show",),
        problems=("chronology.toml:8: TOML syntax error: Illegal character '\\n' (column 17): a string is not closed",),
        stderr=("Error: 1 problem in ", "Fix the data and run `chron check` again."),
    ),
    case(
        "toml-bad-table-header",
        Replace(CHRON, '[[places]]\nid = "csepel"', '[[places]\nid = "csepel"'),
        problems=("chronology.toml:127: TOML syntax error: Expected ']]' at the end of an array declaration",),
    ),
    case(
        "toml-duplicate-key",
        insert_after(CHRON, 'title = "Demonstration in Budapest"', 'title = "Budapest demonstration"'),
        problems=("chronology.toml:47: TOML syntax error: Cannot overwrite a value (column 33): the key 'title' is",),
    ),
    case(
        "deeply-nested-arrays",
        insert_after(CHRON, 'title = "Mini"', "deep = " + "[" * DEEP + "]" * DEEP),
        problems=("chronology.toml:4: arrays or tables nested too deeply to read",),
    ),
    case(
        "deeply-nested-inline-tables",
        insert_after(CHRON, 'title = "Mini"', "deep = " + "{a = " * DEEP + "1" + "}" * DEEP),
        problems=("chronology.toml:4: arrays or tables nested too deeply to read",),
    ),
    case(
        "deeply-nested-table-header",
        Append(CHRON, "\n[" + ".".join(["a"] * DEEP) + "]\nx = 1\n"),
        problems=("chronology.toml:138: arrays or tables nested too deeply to read",),
    ),
    # ---------------------------------------------------------------- types, required and unknown fields
    case(
        "schema-version-2",
        Replace(CHRON, "schema_version = 1", "schema_version = 2"),
        problems=("chronology.toml:2: schema_version: must be 1 (got 2)",),
    ),
    case(
        "type-bool-for-int",
        Replace(SRC, "n = 2\n", "n = true\n"),
        problems=("sources.toml:81: notes[1].n: must be a whole number without quotes, such as 3 (got True)",),
    ),
    case(
        "type-float-for-int",
        Replace(CHRON, "notes = [5]", "notes = [5.0]"),
        problems=("chronology.toml:97: events[id=second-intervention].notes[0]: must be a whole number without",),
    ),
    case(
        "type-int-for-string",
        Replace(CHRON, 'title = "Shooting at the Miskolc demonstration"', "title = 1956"),
        problems=("chronology.toml:69: events[id=miskolc-massacre].title: must be a string in quotes (got 1956)",),
    ),
    case(
        "type-string-for-int",
        Replace(CHRON, "n = 2\n", 'n = "2"\n'),
        problems=("chronology.toml:14: phases[n=2].n: must be a whole number without quotes, such as 3 (got '2')",),
    ),
    case(
        "type-table-for-list",
        Replace(CHRON, 'places = ["ujpest", "csepel"]', 'places = { id = "ujpest" }'),
        problems=("chronology.toml:85: events[id=district-councils].places: must be a list",),
    ),
    case(
        "missing-event-quote",
        delete_line(CHRON, 'quote = "But it was on 4 November that they attacked Budapest and other centres."'),
        problems=("chronology.toml:88: events[id=second-intervention].quote: required field is missing",),
    ),
    case(
        "missing-note-text",
        delete_line(SRC, 'text = "Data from M Pécsi and B Sárfalvi, The Geography of Hungary (Collets, 1964)."'),
        problems=(
            "sources.toml:90: notes[n=3]: give exactly one of `text` (the note's words) or `text_missing` "
            "(why there are none)",
        ),
    ),
    case(
        "missing-work-type",
        Replace(SRC, 'id = "romsics1999"\ntype = "book"\n', 'id = "romsics1999"\n'),
        problems=("sources.toml:23: works[id=romsics1999].type: required field is missing",),
    ),
    case(
        "unknown-field-typo",
        Replace(CHRON, 'summary = "Security forces fired', 'sumary = "Security forces fired'),
        problems=(
            "chronology.toml:70: events[id=miskolc-massacre].sumary: unknown field; check its spelling",
            "chronology.toml:65: events[id=miskolc-massacre].summary: required field is missing",
        ),
    ),
    case(
        "id-not-slug",
        Replace(CHRON, 'id = "miskolc-massacre"', 'id = "Miskolc_Massacre"'),
        problems=("chronology.toml:66: events[id=Miskolc_Massacre].id: must be a lowercase slug",),
    ),
    case(
        "place-kind-invalid",
        Replace(CHRON, 'name = "Budapest"\nkind = "city"', 'name = "Budapest"\nkind = "metropolis"'),
        problems=(
            "chronology.toml:119: places[id=budapest].kind: must be 'country', 'region', 'city', 'town', 'village', "
            "'district' or 'site' (got 'metropolis')",
        ),
    ),
    case(
        "name-without-family-or-literal",
        Replace(SRC, '{ family = "Pécsi", given = "M"', '{ given = "M"'),
        problems=("sources.toml:35: works[id=pecsi1964].author[0]: a name needs `family` (and usually `given`) or",),
    ),
    case(
        "note-attached-and-marker-absent",
        insert_after(
            SRC,
            'marker_absent = "The marker belongs to Table 1, which is missing from this text."',
            'attached_to = "T"',
        ),
        problems=(
            "sources.toml:90: notes[n=3]: give exactly one of `attached_to` (the body words) or `marker_absent`",
        ),
    ),
    case(
        "label-without-locator",
        insert_after(SRC, 'work = "pecsi1964"', 'label = "page"'),
        problems=("sources.toml:89: notes[n=3].cites[0]: `label` is given without a `locator`; add the locator or",),
    ),
    # ---------------------------------------------------------------- dates
    case(
        "date-no-such-day",
        Replace(CHRON, 'date = "1956-10-26"', 'date = "1956-02-30"'),
        problems=(
            "chronology.toml:67: events[id=miskolc-massacre].date: invalid date '1956-02-30': February 1956 has no "
            "day 30. Valid forms look like",
        ),
    ),
    case(
        "date-no-such-month",
        Replace(CHRON, 'date = "1956-10-26"', 'date = "1956-13"'),
        problems=(
            "chronology.toml:67: events[id=miskolc-massacre].date: invalid date '1956-13': month 13 does not exist "
            "(01-12, or 21-24 for seasons)",
        ),
    ),
    case(
        "date-two-digit-year",
        Replace(CHRON, 'date = "1956-10-26"', 'date = "56-10-26"'),
        problems=(
            "chronology.toml:67: events[id=miskolc-massacre].date: invalid date '56-10-26': the year must have four "
            "digits",
        ),
    ),
    case(
        "date-reversed-interval",
        Replace(CHRON, 'date = "1956-10-29/1956-10-30"', 'date = "1956-10-31/1956-10-01"'),
        problems=(
            "chronology.toml:80: events[id=district-councils].date: invalid date '1956-10-31/1956-10-01': the start "
            "is later than the end",
        ),
    ),
    case(
        "event-in-no-phase",
        Replace(CHRON, 'date = "1956-10-26"', 'date = "1955-10-26"'),
        problems=(
            "chronology.toml:67: events[id=miskolc-massacre].date: 1955-10-26 falls in no phase; give `phase` or "
            "widen a phase",
        ),
    ),
    case(
        "event-outside-phase",
        insert_after(CHRON, 'date_text = "26 October"', "phase = 3"),
        problems=(
            "chronology.toml:67: events[id=miskolc-massacre].date: 1956-10-26 (26 October 1956) lies outside phase 3 "
            "(4 November 1956 – 20 January 1957)",
        ),
    ),
    # ---------------------------------------------------------------- duplicates and numbering
    case(
        "duplicate-event-id",
        Replace(CHRON, 'id = "izzo-council"', 'id = "budapest-demonstration"'),
        problems=("chronology.toml:53: events[id=budapest-demonstration]: duplicate id; every id in a table must be",),
    ),
    case(
        "duplicate-place-id",
        Replace(CHRON, 'places = ["ujpest", "csepel"]', 'places = ["ujpest"]'),
        Replace(CHRON, 'id = "csepel"', 'id = "ujpest"'),
        problems=("chronology.toml:128: places[id=ujpest]: duplicate id; every id in a table must be unique",),
    ),
    case(
        "duplicate-phase-number",
        Replace(CHRON, "n = 2\n", "n = 1\n"),
        problems=("chronology.toml:14: phases[n=1]: duplicate phase number; phase numbers must be unique",),
    ),
    case(
        "duplicate-work-id",
        Replace(SRC, 'id = "pecsi1964"', 'id = "romsics1999"'),
        Replace(SRC, 'work = "pecsi1964"', 'work = "romsics1999"'),
        problems=("sources.toml:33: works[id=romsics1999]: duplicate id; every work id must be unique",),
    ),
    case(
        "duplicate-note-number",
        Append(SRC, '\n[[notes]]\nn = 5\ntext = "A second note numbered 5."\nmarker_absent = "Test."\n'),
        problems=("sources.toml:120: notes[n=5]: duplicate note number; note numbers must be unique",),
    ),
    case(
        "note-number-gap",
        Replace(SRC, "n = 4\n", "n = 6\n"),
        problems=("sources.toml:112: notes[n=5]: note numbers must run 1..6 without gaps; missing [4]",),
    ),
    case(
        "note-number-zero",
        insert_before(
            SRC, "[[notes]]\nn = 1", '[[notes]]\nn = 0\ntext = "An extra note numbered zero."\nmarker_absent = "T"\n'
        ),
        problems=("sources.toml:72: notes[n=0].n: note numbers start at 1",),
    ),
    case(
        "note-number-negative",
        insert_before(
            SRC, "[[notes]]\nn = 1", '[[notes]]\nn = -1\ntext = "An extra note numbered -1."\nmarker_absent = "T"\n'
        ),
        problems=("sources.toml:72: notes[n=-1].n: note numbers start at 1",),
    ),
    # ---------------------------------------------------------------- references between records
    case(
        "dangling-event-phase",
        insert_after(CHRON, 'date_text = "soon"', "phase = 7"),
        problems=(
            "chronology.toml:103: events[id=racz-president].phase: phase 7 is not defined; phases are [1, 2, 3]",
        ),
    ),
    case(
        "dangling-event-person",
        Replace(CHRON, 'people = ["racz-sandor"]', 'people = ["racz-sandor", "nagy-imre"]'),
        problems=("chronology.toml:107: events[id=racz-president].people: 'nagy-imre' is not defined in [[people]]",),
    ),
    case(
        "dangling-event-place",
        Replace(CHRON, 'places = ["miskolc"]', 'places = ["miskolc", "gyor"]'),
        problems=("chronology.toml:72: events[id=miskolc-massacre].places: 'gyor' is not defined in [[places]]",),
    ),
    case(
        "dangling-event-tag",
        Replace(CHRON, 'tags = ["soviet-intervention"]', 'tags = ["soviet-invasion"]'),
        problems=(
            "chronology.toml:96: events[id=second-intervention].tags: 'soviet-invasion' is not defined in [[tags]]",
        ),
    ),
    case(
        "dangling-event-note",
        Replace(CHRON, "notes = [5]", "notes = [5, 9]"),
        problems=("chronology.toml:97: events[id=second-intervention].notes: note 9 is not in ",),
    ),
    case(
        "dangling-cite-work",
        Replace(SRC, 'work = "litvan1996"', 'work = "litvan1997"'),
        problems=(
            "sources.toml:97: notes[n=4].cites[0].work: 'litvan1997' is not a work id; add it to [[works]]",
            "sources.toml:41: works[id=litvan1996]: no note cites this work; cite it or remove it",
        ),
    ),
    case(
        "dangling-container-work",
        insert_after(SRC, 'container-title = "Hungary 1956: Forty Years On"', 'container = "cox1996"'),
        problems=("sources.toml:58: works[id=granville1996].container: 'cox1996' is not another work's id",),
    ),
    case(
        "work-not-cited",
        Replace(SRC, '[[notes.cites]]\nwork = "pecsi1964"\nprefix = "Data from"\n', ""),
        problems=("sources.toml:33: works[id=pecsi1964]: no note cites this work; cite it or remove it",),
    ),
]


# After the data folder's path: the file, then a line number, or a record and field
# (`events[id=x].date`, `notes[1].n`, `schema_version`; a record's key may hold any text), or a
# problem with the whole file.
LOCATED = re.compile(
    r"(chronology|sources)\.toml"
    r"(:\d+: |: [\w-]+(\[.*?\])?(\.[\w-]+(\[\d+\])?)*: |: is (missing|a folder|a symbolic link)|: cannot be read)"
)
SLOW_NOTICE = "chron: reading and checking "  # printed when a load takes over a second: timing, not a result


def listed_problems(case: Case, stdout: str, stderr: str, data: Path) -> list[str]:
    """The problems chron listed (`check`: stdout, one per line; other commands: indented under the
    Error line on stderr), each with the data folder's path cut off."""
    if case.command == ("check",):
        lines = stdout.splitlines()
    else:
        lines = [line.removeprefix("  ") for line in stderr.splitlines() if line.startswith("  ")]
    prefix = f"{data}/"
    for line in lines:
        assert line.startswith(prefix), f"a problem that does not start with its file's path: {line!r}"
    return [line.removeprefix(prefix) for line in lines]


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=c.name, marks=[pytest.mark.slow] if c.slow else []) for c in CASES]
)
def test_broken_dataset(run: Run, case: Case, tmp_path: Path) -> None:
    """A broken dataset ends in its exit code with every problem listed and located, never a traceback."""
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    for change in case.changes:
        change(data)
    result = run(*case.command, data=data)
    assert "Traceback" not in result.output
    assert result.exit_code == case.exit, result.output
    listed = listed_problems(case, result.stdout, result.stderr, data)
    for line in listed:
        assert LOCATED.match(line), f"a problem without its file and a line or record: {line!r}"
    assert len(listed) == len(case.problems), result.output
    for expected in case.problems:
        assert any(line.startswith(expected) for line in listed), f"{expected!r} is not listed:\n{result.output}"
    stderr = [line for line in result.stderr.splitlines() if not line.startswith(SLOW_NOTICE)]
    if case.command == ("check",) and case.problems:
        count = len(case.problems)
        noun = "problem" if count == 1 else "problems"
        assert stderr == [f"Error: {count} {noun} in {data}; fix them and run `chron check` again."], result.output
    for text in case.stderr:
        assert text in result.stderr, result.output
    if case.exit == 0:
        assert result.stdout == "" and stderr == [f"{data}{OK}"], result.output


def test_case_names_are_unique() -> None:
    """Every case has its own name, so each runs under its own id."""
    names = [c.name for c in CASES]
    assert len(names) == len(set(names))
