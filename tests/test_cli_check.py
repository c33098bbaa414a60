"""`chron check`, `chron --version`, `chron --help` and `chron schema` through CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from chron import __version__
from tests.conftest import ARTICLE, MINI, Run, edit


def test_clean_dataset_exits_0_with_summary_on_stderr(run: Run) -> None:
    """A clean dataset: exit 0, nothing on stdout, a summary for people on stderr."""
    result = run("check", data=MINI)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "OK (3 phases, 6 events, 5 notes, 6 works, 1 people, 4 places)" in result.stderr


def test_broken_dataset_exits_1_lists_problems_on_stdout(run: Run, mini: Path) -> None:
    """Problems go to stdout one per line; one Error line on stderr says what to do."""
    edit(mini / "chronology.toml", 'date = "1956-10-26"', 'date = "1956-02-30"')
    edit(mini / "chronology.toml", 'places = ["miskolc"]', 'places = ["miskolcz"]')
    result = run("check", data=mini)
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1  # the bad date stops cross-checks: schema problems come first
    assert "chronology.toml:" in lines[0] and "events[id=miskolc-massacre].date" in lines[0]
    assert result.stderr.startswith("Error: 1 problem in ")
    assert result.stderr.count("Error:") == 1
    assert "run `chron check` again" in result.stderr


def test_json_report(run: Run, mini: Path) -> None:
    """--format json prints one object with every problem located."""
    edit(mini / "chronology.toml", 'places = ["miskolc"]', 'places = ["miskolcz"]')
    result = run("check", "--format", "json", data=mini)
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["ok"] is False
    [problem] = report["problems"]
    assert problem["where"] == "events[id=miskolc-massacre].places"
    assert problem["file"].endswith("chronology.toml")
    assert isinstance(problem["line"], int)


def test_json_report_when_clean(run: Run) -> None:
    """A clean JSON report carries the counts."""
    result = run("check", "-f", "json", data=MINI)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["counts"]["events"] == 6


def test_article_option(run: Run) -> None:
    """--article checks quotes against the text; a missing file is a clear error."""
    if ARTICLE.is_file():
        result = run("check", "--article", str(ARTICLE), data=MINI)
        assert result.exit_code == 0, result.output
        assert f"verbatim in {ARTICLE}." in result.stderr
    result = run("check", "--article", "/no/such/article.txt", data=MINI)
    assert result.exit_code == 1, result.output
    message = "Cannot read the text to check against: /no/such/article.txt: does not exist; check the path."
    assert result.stderr == f"Error: {message}\n"


def test_missing_data_folder(run: Run, tmp_path: Path) -> None:
    """--data naming no folder exits 1 with what to do."""
    result = run("check", data=tmp_path / "nowhere")
    assert result.exit_code == 1, result.output
    assert "does not exist" in result.stderr and "Point --data at a folder" in result.stderr


def test_folder_without_files(run: Run, tmp_path: Path) -> None:
    """An empty folder lists both missing files."""
    result = run("check", data=tmp_path)
    assert result.exit_code == 1, result.output
    assert "chronology.toml: is missing" in result.stdout
    assert "sources.toml: is missing" in result.stdout


def test_env_var_selects_data(run: Run, tmp_path: Path) -> None:
    """$CHRON_DATA is used when --data is absent, and --data wins over it."""
    result = run("check", env={"CHRON_DATA": str(tmp_path / "nowhere")})
    assert result.exit_code == 1 and "$CHRON_DATA" in result.stderr, result.output
    result = run("check", data=MINI, env={"CHRON_DATA": str(tmp_path / "nowhere")})
    assert result.exit_code == 0, result.output


def test_bad_option_is_a_usage_error(run: Run) -> None:
    """An unknown format exits 2 and names the choices."""
    result = run("check", "--format", "xml", data=MINI)
    assert result.exit_code == 2, result.output
    assert "'xml' is not one of 'text', 'json'" in result.stderr


def test_version(run: Run) -> None:
    """--version prints the version on stdout."""
    result = run("--version")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"chron {__version__}\n"


def test_help_lists_commands(run: Run) -> None:
    """--help lists every command with its one-line description."""
    result = run("--help")
    assert result.exit_code == 0, result.output
    assert "check" in result.stdout and "Validate the dataset" in result.stdout


def test_schema_prints_and_writes(run: Run, tmp_path: Path) -> None:
    """`chron schema sources` prints JSON Schema; -o writes both files."""
    result = run("schema", "sources")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["title"].startswith("chron sources.toml")
    result = run("schema", "-o", str(tmp_path / "s"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == ["chronology.schema.json", "sources.schema.json"]
    result = run("schema")
    assert result.exit_code == 1 and "name a file" in result.stderr.lower(), result.output
