"""`chron new` through CliRunner: a scaffold that checks clean at once and never overwrites."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tomli

from tests.conftest import Run


def test_new_folder_checks_clean(run: Run, tmp_path: Path) -> None:
    """The scaffold has both files, their schemas and the text as a work; `check` passes with no problem."""
    folder = tmp_path / "strike"
    result = run("new", str(folder), "--title", "The Mill Strike", "--author", "Jane Smith", "--year", "1962")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"made {folder}" in result.stderr
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) == [
        "chronology.toml",
        "schema/chronology.schema.json",
        "schema/sources.schema.json",
        "sources.toml",
    ]
    sources = tomli.loads((folder / "sources.toml").read_text(encoding="utf-8"))
    assert sources["article"] == {
        "id": "smith1962",
        "type": "document",
        "author": [{"family": "Smith", "given": "Jane"}],
        "title": "The Mill Strike",
        "issued": "1962",
    }
    assert tomli.loads((folder / "chronology.toml").read_text(encoding="utf-8"))["title"] == "The Mill Strike"
    report = run("check", "-f", "json", data=folder)
    assert report.exit_code == 0, report.output
    assert json.loads(report.stdout)["problems"] == []


@pytest.mark.parametrize("name", ["chronology", "sources"])
def test_schema_line_names_the_schema_beside_the_file(run: Run, tmp_path: Path, name: str) -> None:
    """Each TOML file starts with a #:schema line naming a schema written beside it, which accepts the file."""
    import jsonschema

    folder = tmp_path / "d"
    assert run("new", str(folder), "--title", "T").exit_code == 0
    text = (folder / f"{name}.toml").read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first == f"#:schema schema/{name}.schema.json"
    schema = json.loads((folder / first.removeprefix("#:schema ")).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(tomli.loads(text))


def test_every_record_has_a_commented_example(run: Run, tmp_path: Path) -> None:
    """Uncommenting the examples gives records of every kind, and the dataset still checks clean."""
    folder = tmp_path / "d"
    assert run("new", str(folder), "--title", "T", "--author", "Smith, Jane").exit_code == 0
    for name in ("chronology.toml", "sources.toml"):
        path = folder / name
        lines = path.read_text(encoding="utf-8").splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith("# [["))
        # the examples are the comments from the first commented table on; the header stays a comment
        body = [line[2:] if line.startswith("# ") else line for line in lines[start:]]
        path.write_text("\n".join(lines[:start] + body) + "\n", encoding="utf-8")
    chronology = tomli.loads((folder / "chronology.toml").read_text(encoding="utf-8"))
    sources = tomli.loads((folder / "sources.toml").read_text(encoding="utf-8"))
    assert {k for k in chronology if isinstance(chronology[k], list)} == {
        "phases",
        "tags",
        "events",
        "people",
        "places",
    }
    assert [n["n"] for n in sources["notes"]] == [1, 2, 3] and sources["works"]
    result = run("check", data=folder)
    assert result.exit_code == 0, result.output


def test_without_title_or_author_it_says_what_to_add(run: Run, tmp_path: Path) -> None:
    """A bare `chron new DIR` works; the text then has nothing to cite it by, which is said and warned."""
    folder = tmp_path / "d"
    result = run("new", str(folder))
    assert result.exit_code == 0, result.output
    assert "add them to [article] in sources.toml" in result.stderr
    check = run("check", data=folder)
    assert check.exit_code == 0, check.output
    assert "article: warning: has neither a title nor a name" in check.stdout


def test_refuses_to_overwrite(run: Run, tmp_path: Path) -> None:
    """A folder that already holds a dataset file is left alone: exit 1, the files named."""
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "sources.toml").write_text("mine", encoding="utf-8")
    result = run("new", str(folder), "--title", "T")
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"Error: The folder {str(folder)!r} already holds sources.toml;")
    assert "never overwrites a file" in result.stderr
    assert (folder / "sources.toml").read_text(encoding="utf-8") == "mine"
    assert not (folder / "chronology.toml").exists()


def test_an_existing_empty_folder_is_used(run: Run, tmp_path: Path) -> None:
    """An empty folder is filled; a file in the way is an error."""
    result = run("new", str(tmp_path), "--title", "T")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "sources.toml").is_file()
    afile = tmp_path / "plain"
    afile.write_text("x", encoding="utf-8")
    result = run("new", str(afile))
    assert result.exit_code == 1, result.output
    assert "is a file" in result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--year", "62"], "--year: invalid date '62'"),
        (["--type", "novel"], "'novel' is not one of"),
    ],
)
def test_bad_options_are_usage_errors(run: Run, tmp_path: Path, args: list[str], expected: str) -> None:
    """A year chron cannot read or an unknown type exits 2 and writes nothing."""
    result = run("new", str(tmp_path / "d"), *args)
    assert result.exit_code == 2, result.output
    assert expected in result.stderr
    assert not (tmp_path / "d").exists()


def test_names_and_types(run: Run, tmp_path: Path) -> None:
    """Several authors in either order, a season for the year and a CSL type reach the [article] table."""
    folder = tmp_path / "d"
    args = ["--author", "Ann Lee", "--author", "de la Cruz, Juan", "--year", "1950-21", "--type", "book"]
    result = run("new", str(folder), "--title", "Ein Buch", *args)
    assert result.exit_code == 0, result.output
    article = tomli.loads((folder / "sources.toml").read_text(encoding="utf-8"))["article"]
    assert article["author"] == [{"family": "Lee", "given": "Ann"}, {"family": "de la Cruz", "given": "Juan"}]
    assert (article["id"], article["type"], article["issued"]) == ("lee1950", "book", "1950-21")
    assert run("check", data=folder).exit_code == 0


def test_the_schemas_are_made_once_per_build(run: Run, tmp_path: Path) -> None:
    """A second `new` copies the JSON Schema the cache kept, byte for byte what `chron schema` prints."""
    from chron.cache import cache_dir
    from chron.schema import json_schema

    for name in ("a", "b"):
        assert run("new", str(tmp_path / name), "--title", "T").exit_code == 0
    for kind in ("chronology", "sources"):
        kept = [(tmp_path / name / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8") for name in "ab"]
        assert kept == [json_schema(kind)] * 2
        folder = cache_dir()
        assert folder is not None and [p.read_text(encoding="utf-8") for p in folder.glob(f"schema-{kind}-*.txt")] == [
            kept[0]
        ]
