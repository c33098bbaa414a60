"""The loader: data folders, TOML syntax errors, schema errors with their record, field and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from chron.cli.context import resolve_data_dir
from chron.errors import ChronError, DataError
from chron.load import load_dataset
from tests.conftest import MINI, SHIPPED, edit


def problems(folder: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_dataset(folder)
    return [str(p) for p in info.value.problems]


def test_the_fixture_loads() -> None:
    """The small fixture dataset loads with its events in date order."""
    ds = load_dataset(MINI)
    assert [e.id for e in ds.events()][:2] == ["budapest-demonstration", "izzo-council"]
    found = ds.event("district-councils")
    assert found is not None and found.primary_phase == 2


def test_the_shipped_dataset_loads() -> None:
    """data/ loads cleanly."""
    ds = load_dataset(SHIPPED)
    assert len(ds.notes) == 57


def test_toml_syntax_error_names_file_and_line(mini: Path) -> None:
    """A syntax error is reported with the file, line and column."""
    edit(mini / "chronology.toml", 'title = "Mini"', "title = Mini")
    [problem] = problems(mini)
    assert "chronology.toml:3:" in problem
    assert "TOML syntax error" in problem


def test_wrong_type_names_record_field_and_line(mini: Path) -> None:
    """A wrong type names events[id=...].field, its line and what is valid."""
    edit(mini / "chronology.toml", "notes = [5]", 'notes = ["five"]')
    [problem] = problems(mini)
    assert "events[id=second-intervention].notes[0]" in problem
    assert "must be a whole number without quotes" in problem
    line = next(i for i, t in enumerate((mini / "chronology.toml").read_text().splitlines(), 1) if "notes = [" in t)
    assert f"chronology.toml:{line}:" in problem


def test_invalid_date_is_explained(mini: Path) -> None:
    """An impossible date says why and shows valid forms."""
    edit(mini / "chronology.toml", 'date = "1956-10-26"', 'date = "1956-02-30"')
    [problem] = problems(mini)
    assert "events[id=miskolc-massacre].date" in problem
    assert "February 1956 has no day 30" in problem


def test_unknown_field_is_reported(mini: Path) -> None:
    """A misspelt field is an error, not silently ignored."""
    edit(mini / "chronology.toml", 'summary = "Security', 'sumary = "x"\nsummary = "Security')
    [problem] = problems(mini)
    assert "events[id=miskolc-massacre].sumary" in problem
    assert "unknown field" in problem


def test_missing_field_is_reported(mini: Path) -> None:
    """A required field that is absent is named."""
    edit(mini / "chronology.toml", 'title = "Shooting at the Miskolc demonstration"\n', "")
    [problem] = problems(mini)
    assert "events[id=miskolc-massacre].title: required field is missing" in problem


def test_all_problems_are_reported_not_only_the_first(mini: Path) -> None:
    """Problems in both files are listed together."""
    edit(mini / "chronology.toml", 'date = "1956-10-26"', 'date = "1956-13"')
    edit(mini / "chronology.toml", 'date_text = "4 November"', "date_text = 4")
    edit(mini / "sources.toml", "n = 2\n", 'n = "two"\n')
    found = problems(mini)
    assert len(found) == 3
    assert any("sources.toml" in p and "notes[n=two].n" in p for p in found)


def test_dangling_reference(mini: Path) -> None:
    """An event naming an undefined place is reported with the fix."""
    edit(mini / "chronology.toml", 'places = ["miskolc"]', 'places = ["miskolcz"]')
    [problem] = problems(mini)
    assert "events[id=miskolc-massacre].places" in problem
    assert "'miskolcz' is not defined in [[places]]" in problem


def test_duplicate_id(mini: Path) -> None:
    """Two events with one id are reported, with the line of the record."""
    edit(mini / "chronology.toml", 'id = "izzo-council"', 'id = "budapest-demonstration"')
    [problem] = problems(mini)
    assert "events[id=budapest-demonstration]: duplicate id" in problem
    assert "chronology.toml:" in problem


def test_missing_file(mini: Path) -> None:
    """A folder without sources.toml says which file is missing."""
    (mini / "sources.toml").unlink()
    [problem] = problems(mini)
    assert "sources.toml" in problem
    assert "is missing" in problem


def test_not_utf8(mini: Path) -> None:
    """A file in another encoding is reported with its line, not a traceback."""
    path = mini / "chronology.toml"
    path.write_bytes(path.read_bytes().replace("Újpest".encode(), "Újpest".encode("latin-1"), 1))
    [problem] = problems(mini)
    assert "is not UTF-8" in problem


def test_bom_and_crlf_are_accepted(mini: Path) -> None:
    """A byte-order mark and Windows line ends do not stop the data loading."""
    path = mini / "chronology.toml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert load_dataset(mini).event_count() == 6


def test_data_option_must_be_a_folder(tmp_path: Path) -> None:
    """--data naming a missing folder is a ChronError that says what to do."""
    with pytest.raises(ChronError, match="does not exist"):
        resolve_data_dir(tmp_path / "nope")


def test_env_var_is_used_and_option_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """$CHRON_DATA picks the folder unless --data is given."""
    monkeypatch.setenv("CHRON_DATA", str(MINI))
    assert resolve_data_dir(None) == MINI
    assert resolve_data_dir(str(tmp_path)) == tmp_path
    monkeypatch.setenv("CHRON_DATA", "")
    assert resolve_data_dir(None).name == "data"
