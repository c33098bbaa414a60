"""`chron import` through CliRunner: works from .bib, .ris and CSL-JSON into sources.toml, comments kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tomli

from tests.conftest import FIXTURES, Run, edit

BIB = FIXTURES / "bib"
MILLS = BIB / "mills"


@pytest.fixture
def folder(run: Run, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    assert run("new", str(target), "--title", "Looms and Lockouts", "--author", "Jane Smith").exit_code == 0
    return target


def works_of(folder: Path) -> list[dict[str, object]]:
    works: list[dict[str, object]] = tomli.loads((folder / "sources.toml").read_text(encoding="utf-8")).get("works", [])
    return works


def test_import_adds_the_works_and_keeps_comments(run: Run, folder: Path) -> None:
    """Every entry of the reference list becomes a work; the file's comments stay, in place."""
    edit(folder / "sources.toml", "[article]\n", "# mine: keep me\n[article]\n")
    before = (folder / "sources.toml").read_text(encoding="utf-8")
    result = run("import", str(MILLS / "mills.bib"), "--data", str(folder), "-f", "ids")
    assert result.exit_code == 0, result.output
    ids = result.stdout.split()
    assert "smith1952" in ids and "leveque1983" in ids
    assert [w["id"] for w in works_of(folder)] == ids
    after = (folder / "sources.toml").read_text(encoding="utf-8")
    assert all(line in after.splitlines() for line in before.splitlines())
    assert f"added {len(ids)} works to {folder / 'sources.toml'}; next: chron --data {folder} link --write" in (
        result.stderr
    )


def test_importing_again_finds_duplicates_and_adds_nothing(run: Run, folder: Path) -> None:
    """A second import of the same file reports each entry as a work already there."""
    assert run("import", str(MILLS / "mills.bib"), "--data", str(folder)).exit_code == 0
    before = (folder / "sources.toml").read_bytes()
    result = run("import", str(MILLS / "mills.bib"), "--data", str(folder), "-f", "ids")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "0 new works" in result.stderr and "nothing to add" in result.stderr
    assert (folder / "sources.toml").read_bytes() == before


@pytest.mark.parametrize("name", ["zotero.bib", "zotero.ris", "zotero.json", "betterbiblatex.bib", "mendeley.ris"])
def test_every_format(run: Run, folder: Path, name: str) -> None:
    """BibTeX, BibLaTeX, RIS and CSL-JSON exports all import, told apart by their names."""
    result = run("import", str(BIB / name), "--data", str(folder), "-f", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert records and all(r["record"] == "work" for r in records)
    assert [w["id"] for w in works_of(folder)] == [r["id"] for r in records]


def test_dry_run_writes_nothing(run: Run, folder: Path) -> None:
    """--dry-run lists what would be added and leaves the file as it was."""
    before = (folder / "sources.toml").read_bytes()
    result = run("import", str(MILLS / "mills.bib"), "--dry-run", "--data", str(folder), "-f", "ids")
    assert result.exit_code == 0, result.output
    assert result.stdout.split()
    assert "nothing written (--dry-run)" in result.stderr
    assert (folder / "sources.toml").read_bytes() == before


def test_export_then_import_round_trips(run: Run, tmp_path: Path) -> None:
    """The shipped works exported as BibLaTeX come back with the same ids, titles and dates; the
    text itself, exported with them, is recognised as the dataset's own [article]."""
    from tests.conftest import SHIPPED, dataset

    sources = tomli.loads((SHIPPED / "sources.toml").read_text(encoding="utf-8"))
    article = sources["article"]
    folder = tmp_path / "data"
    author = f"{article['author'][0]['given']} {article['author'][0]['family']}"
    made = run("new", str(folder), "--title", article["title"], "--author", author, "--year", article["issued"])
    assert made.exit_code == 0, made.output
    exported = tmp_path / "shipped.bib"
    result = run("export", "biblatex", "-o", str(exported), data=SHIPPED)
    assert result.exit_code == 0, result.output
    result = run("import", str(exported), "--data", str(folder))
    assert result.exit_code == 0, result.output
    assert f"{article['id']} is {article['id']} already" in result.stderr
    shipped = dataset(SHIPPED).works  # as exported: a chapter carries its book's date
    imported = {str(w["id"]): w for w in works_of(folder)}
    assert set(imported) == set(shipped)
    for key, work in shipped.items():
        assert (imported[key].get("title"), imported[key].get("issued")) == (work.title, work.issued)


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (["/no/such.bib"], 1, "Cannot read the bibliography /no/such.bib: does not exist"),
        ([str(MILLS / "mills.bib"), "--from", "endnote"], 2, "'endnote' is not one of"),
    ],
)
def test_errors(run: Run, folder: Path, args: list[str], code: int, expected: str) -> None:
    """A missing file exits 1, an unknown format 2; the dataset is untouched."""
    before = (folder / "sources.toml").read_bytes()
    result = run("import", *args, "--data", str(folder))
    assert result.exit_code == code, result.output
    assert expected in result.stderr
    assert (folder / "sources.toml").read_bytes() == before


def test_the_shipped_dataset_is_never_written(run: Run) -> None:
    """Without --data, import refuses: it writes only into a dataset of one's own."""
    result = run("import", str(MILLS / "mills.bib"))
    assert result.exit_code == 1, result.output
    assert "`chron import` writes into your own dataset, not the shipped one" in result.stderr
