"""`chron check` warnings: listed with their severity, never a failure, each for its own reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chron.errors import DataError
from chron.load import check_warnings, load_dataset
from tests.conftest import SHIPPED, Run, edit, invoke

CHRON = "chronology.toml"
SRC = "sources.toml"
PHASE_2 = 'date = "1956-10-29/1956-11-03"'
OVERLAPPING = 'date = "1956-10-27/1956-11-03"'


def warnings_of(folder: Path) -> list[str]:
    return [f"{p.where}: {p.message}" for p in check_warnings(load_dataset(folder), folder)]


def test_the_shipped_and_fixture_data_have_no_warnings(mini: Path) -> None:
    """Neither dataset chron ships or tests with draws a warning."""
    assert warnings_of(SHIPPED) == []
    assert warnings_of(mini) == []


def test_overlapping_phases_warn_unless_allowed(mini: Path) -> None:
    """Phase 2 starting inside phase 1 is named with both dates; `overlap_ok` on either silences it."""
    edit(mini / CHRON, PHASE_2, OVERLAPPING)
    [found] = warnings_of(mini)
    assert found.startswith("phases[n=2].date: 1956-10-27/1956-11-03 overlaps phase 1 (1956-10-23/1956-10-28)")
    assert "`overlap_ok = true`" in found
    edit(mini / CHRON, 'name = "Disorder"\n', 'name = "Disorder"\noverlap_ok = true\n')
    assert warnings_of(mini) == []


def test_overlap_ok_must_be_a_boolean(mini: Path) -> None:
    """`overlap_ok = "yes"` is a type error, not a true value."""
    edit(mini / CHRON, 'name = "Disorder"\n', 'name = "Disorder"\noverlap_ok = "yes"\n')
    with pytest.raises(DataError, match=r"phases\[n=1\]\.overlap_ok: must be true or false"):
        load_dataset(mini)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'name = "Miskolc"\n',
            'name = "Miskolc"\naliases = ["Budapest"]\n',
            "places[id=miskolc].aliases: 'Budapest' is also a name or alias of places[id=budapest]",
        ),
        (
            'name = "Miskolc"\n',
            'name = "Miskolc"\naliases = ["CSEPEL"]\n',  # case and accents are ignored, as lookups ignore them
            "places[id=miskolc].aliases: 'CSEPEL' is also a name or alias of places[id=csepel]",
        ),
    ],
)
def test_a_spelling_shared_by_two_places_warns(mini: Path, old: str, new: str, expected: str) -> None:
    """A lookup by a shared spelling finds only the first place: each place gets its own spellings."""
    edit(mini / CHRON, old, new)
    [found] = warnings_of(mini)
    assert found.startswith(expected)
    assert "finds only that one" in found


def test_a_spelling_shared_by_two_people_warns(mini: Path) -> None:
    """Two people called by one alias are reported at the second of them."""
    text = (mini / CHRON).read_text(encoding="utf-8")
    text += '\n[[people]]\nid = "other-racz"\nname = "Another Rácz"\naliases = ["Racz"]\n'
    (mini / CHRON).write_text(text, encoding="utf-8")
    [found] = warnings_of(mini)
    assert found.startswith("people[id=other-racz].aliases: 'Racz' is also a name or alias of people[id=racz-sandor]")
    assert "(--person 'Racz')" in found


def test_a_work_with_nothing_to_cite_it_by_warns(mini: Path) -> None:
    """No title and no name in any role: warned; a translator names it, and an unsigned item with its
    paper and date is fine."""
    edit(mini / SRC, 'title = "The Geography of Hungary"\n', "")
    edit(
        mini / SRC,
        'author = [{ family = "Pécsi", given = "M", printed = "M Pécsi" }, '
        '{ family = "Sárfalvi", given = "B", printed = "B Sárfalvi" }]\n',
        "",
    )
    [found] = warnings_of(mini)
    assert found.startswith("works[id=pecsi1964]: has neither a title nor a name (author, editor or another role)")
    edit(mini / SRC, 'id = "pecsi1964"\n', 'id = "pecsi1964"\ntranslator = [{ family = "Kovács" }]\n')
    assert warnings_of(mini) == []
    edit(mini / SRC, 'translator = [{ family = "Kovács" }]\n', "")
    edit(
        mini / SRC,
        'id = "pecsi1964"\ntype = "book"\n',
        'id = "pecsi1964"\ntype = "article-newspaper"\ncontainer-title = "Népszabadság"\n',
    )
    assert warnings_of(mini) == []


def test_check_lists_warnings_and_exits_0(run: Run, mini: Path) -> None:
    """Text: `warning:` on each line, a count in the OK line; JSON: severity per problem, ok true."""
    edit(mini / CHRON, PHASE_2, OVERLAPPING)
    result = run("check", data=mini)
    assert result.exit_code == 0, result.output
    [line] = result.stdout.splitlines()
    assert line.startswith(f"{mini / CHRON}:")
    assert ": phases[n=2].date: warning: 1956-10-27/1956-11-03 overlaps phase 1" in line
    assert result.stderr.rstrip().endswith("with 1 warning.")
    report = json.loads(run("check", "-f", "json", data=mini).stdout)
    assert report["ok"] is True
    [problem] = report["problems"]
    assert (problem["severity"], problem["where"]) == ("warning", "phases[n=2].date")
    assert isinstance(problem["line"], int)


def test_errors_still_fail_beside_warnings(mini: Path) -> None:
    """An error fails the check; warnings are looked for once the dataset loads."""
    edit(mini / CHRON, PHASE_2, OVERLAPPING)
    edit(mini / SRC, 'work = "molnar1971"', 'work = "molnar"')
    result = invoke("check", "-f", "json", data=mini)
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert {p["severity"] for p in report["problems"]} == {"error"}
    assert result.stderr.startswith("Error: 2 problems in ")
