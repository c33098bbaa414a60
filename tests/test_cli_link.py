"""`chron link` through CliRunner: proposals with reasons and confidences; --write fills only empty notes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tomli

from tests.conftest import FIXTURES, Run, edit

MILLS = FIXTURES / "bib" / "mills"


@pytest.fixture
def folder(run: Run, tmp_path: Path) -> Path:
    """The invented mills text with its notes extracted and its reference list imported."""
    target = tmp_path / "data"
    assert run("new", str(target), "--title", "Looms and Lockouts").exit_code == 0
    assert run("extract", str(MILLS / "mills.txt"), "--write", "--data", str(target)).exit_code == 0
    assert run("import", str(MILLS / "mills.bib"), "--data", str(target)).exit_code == 0
    return target


def cites_of(folder: Path) -> dict[int, list[dict[str, str]]]:
    notes = tomli.loads((folder / "sources.toml").read_text(encoding="utf-8"))["notes"]
    return {n["n"]: n.get("cites", []) for n in notes}


def test_proposes_without_writing(run: Run, folder: Path) -> None:
    """Without --write: one record per proposed cite with its reason and confidence; nothing written."""
    before = (folder / "sources.toml").read_bytes()
    result = run("link", "--data", str(folder), "-f", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    first = records[0]
    assert (first["record"], first["n"], first["work"], first["locator"]) == ("proposed-cite", 1, "smith1952", "45")
    assert 0 < first["confidence"] <= 1 and first["reason"]
    assert (folder / "sources.toml").read_bytes() == before
    assert "cites proposed for" in result.stderr


def test_write_fills_the_notes_and_the_dataset_checks_clean(run: Run, folder: Path) -> None:
    """--write adds the cites; every imported work is then cited and `check` passes."""
    result = run("link", "--write", "--data", str(folder), "-f", "ids")
    assert result.exit_code == 0, result.output
    cites = cites_of(folder)
    assert cites[2] == [{"work": "smith1952", "locator": "50–52", "label": "page"}]
    assert cites[9] == []
    assert "added cites to" in result.stderr
    check = run("check", data=folder)
    assert check.exit_code == 0, check.output
    assert "OK (0 phases, 0 events, 22 notes, 11 works" in check.stderr


def test_a_curated_note_keeps_its_cites(run: Run, folder: Path) -> None:
    """A note that has cites is never touched by --write, and counts as kept."""
    edit(
        folder / "sources.toml",
        "[[notes]]\nn = 3\n",
        '# curated by hand\n[[notes.cites]]\nwork = "smith1952"\nlocator = "51"\n\n[[notes]]\nn = 3\n',
    )
    result = run("link", "--write", "--data", str(folder), "-f", "ids")
    assert result.exit_code == 0, result.output
    assert cites_of(folder)[2] == [{"work": "smith1952", "locator": "51"}]
    assert "# curated by hand" in (folder / "sources.toml").read_text(encoding="utf-8")
    assert "1 notes kept as curated" in result.stderr


def test_unresolved_citations_are_listed(run: Run, folder: Path) -> None:
    """A citation of a work not in the bibliography is said on stderr, not forced onto another work."""
    result = run("link", "--data", str(folder), "-f", "ids")
    assert result.exit_code == 0, result.output
    assert "note 17: unresolved: no known author or title in these words: 'see also E. P. Morton" in result.stderr
    assert "note 18: unresolved: ‘Ibid.’ follows a citation in note 17 that was not resolved" in result.stderr
    assert "18" not in result.stdout.split()


def test_write_refuses_the_shipped_dataset(run: Run) -> None:
    """Proposals for the shipped data may be shown; --write there is refused."""
    result = run("link", "--write")
    assert result.exit_code == 1, result.output
    assert "--write writes into your own dataset" in result.stderr
    assert run("link", "-f", "ids").exit_code == 0
