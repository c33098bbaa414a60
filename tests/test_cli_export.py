"""`chron export` through CliRunner: stdout, files, --force, atomic writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import MINI, Run, golden


@pytest.mark.parametrize("kind", ["csl-json", "bibtex", "biblatex", "ris"])
def test_each_format(run: Run, kind: str) -> None:
    """Each export matches its golden file."""
    result = run("export", kind, data=MINI)
    assert result.exit_code == 0, result.output
    golden(f"export.{kind}", result.stdout)


def test_output_file_and_force(run: Run, tmp_path: Path) -> None:
    """--output writes a file; a second write needs --force; no temporary file is left."""
    target = tmp_path / "works.json"
    result = run("export", "csl-json", "-o", str(target), data=MINI)
    assert result.exit_code == 0, result.output
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 7
    target.write_text("mine", encoding="utf-8")
    result = run("export", "csl-json", "-o", str(target), data=MINI)
    assert result.exit_code == 1 and "--force" in result.stderr, result.output
    assert target.read_text(encoding="utf-8") == "mine"
    result = run("export", "csl-json", "-o", str(target), "--force", data=MINI)
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text(encoding="utf-8"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["works.json"]


def test_unwritable_folder(run: Run, tmp_path: Path) -> None:
    """A folder that does not exist is a clear error."""
    result = run("export", "ris", "-o", str(tmp_path / "no" / "such" / "x.ris"), data=MINI)
    assert result.exit_code == 1, result.output
    assert "cannot write" in result.stderr.lower()


def test_unknown_format(run: Run) -> None:
    """An unknown export format is a usage error that lists the formats."""
    result = run("export", "endnote", data=MINI)
    assert result.exit_code == 2, result.output
    assert "csl-json" in result.stderr


def test_new_file_gets_normal_permissions(run: Run, tmp_path: Path) -> None:
    """An export is readable like any new file (not the 0600 of a temporary file)."""
    import os

    target = tmp_path / "w.ris"
    assert run("export", "ris", "-o", str(target), data=MINI).exit_code == 0
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


@pytest.mark.parametrize(
    "args",
    [
        ["export", "ris", "-o", "a\x00b"],
        ["timeline", "-o", "\x00"],
        ["check", "--article", "\x00"],
        ["cite", "1", "--csl", "x\x00"],
        ["schema", "-o", "\x00"],
    ],
)
def test_nul_in_a_file_name_is_a_usage_error(run: Run, args: list[str]) -> None:
    """A file name with a NUL character is refused before any I/O (exit 2), never a traceback."""
    result = run(*args, data=MINI)
    assert result.exit_code == 2, result.output
    assert "NUL character" in result.stderr
