"""Help and completion output is replayed from the cache folder, exactly, without typer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, also_slow, edit


def chron(*args: str, env: dict[str, str], importtime: bool = False) -> subprocess.CompletedProcess[str]:
    flags = ["-X", "importtime"] if importtime else []
    cmd = [sys.executable, *flags, "-m", "chron", *args]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("CHRON_", "_CHRON", "COMP_", "_TYPER"))}
    return {**base, "CHRON_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "80"}


@pytest.mark.parametrize("args", [("--help",), ("cite", "-h"), ("show", "--help")])
def test_help_is_replayed_exactly_and_without_typer(args: tuple[str, ...], env: dict[str, str]) -> None:
    """The second --help prints the same bytes as the first and does not import typer."""
    first = chron(*args, env=env)
    assert first.returncode == 0, first.stderr
    again = chron(*args, env=env, importtime=True)
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout
    assert "typer" not in again.stderr
    assert "Usage: chron" in again.stdout


def test_a_different_width_is_rendered_afresh(env: dict[str, str]) -> None:
    """The terminal width is part of the key: COLUMNS=60 gets its own rendering."""
    wide = chron("--help", env=env).stdout
    narrow = chron("--help", env={**env, "COLUMNS": "60"})
    assert narrow.returncode == 0
    assert narrow.stdout != wide
    assert max(len(line) for line in narrow.stdout.splitlines()) <= 60


def test_a_completion_follows_the_data(mini: Path, env: dict[str, str]) -> None:
    """A completion is replayed while the data is unchanged and answered afresh after an edit."""
    words = f"chron --data {mini} show --phase "
    comp = {**env, "_CHRON_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": "5"}
    first = chron(env=comp)
    assert first.returncode == 0 and first.stdout.strip(), first.stderr
    again = chron(env=comp, importtime=True)
    assert again.stdout == first.stdout and "typer" not in again.stderr
    assert "third-stage" in first.stdout.split() and "prelude" not in first.stdout.split()  # mini's, not shipped
    edit(mini / "chronology.toml", 'id = "third-stage"', 'id = "renamed-stage"')
    after = chron(env=comp)
    assert "renamed-stage" in after.stdout.split() and "third-stage" not in after.stdout.split()


QUOTINGS = {"single": "'{}'", "double": '"{}"', "backslash": "{escaped}"}
QUOTED_AS = {v: k for k, v in QUOTINGS.items()}


@pytest.mark.parametrize("quoting", also_slow(list(QUOTINGS.values()), ids=lambda q: QUOTED_AS[q]))
def test_a_completion_follows_data_in_a_folder_with_a_space(
    mini: Path, env: dict[str, str], tmp_path: Path, quoting: str
) -> None:
    """`--data 'my data'`: the folder is the one the shell meant, so an edit is seen, not replayed stale."""
    folder = tmp_path / "my data"
    mini.rename(folder)
    typed = quoting.format(str(folder), escaped=str(folder).replace(" ", "\\ "))
    words = f"chron --data {typed} show --phase "
    comp = {**env, "_CHRON_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": "5"}
    first = chron(env=comp)
    assert "third-stage" in first.stdout.split(), first.stderr
    assert chron(env=comp).stdout == first.stdout
    edit(folder / "chronology.toml", 'id = "third-stage"', 'id = "renamed-stage"')
    after = chron(env=comp)
    assert "renamed-stage" in after.stdout.split() and "third-stage" not in after.stdout.split()


def test_no_cache_means_no_replay(env: dict[str, str], tmp_path: Path) -> None:
    """With CHRON_NO_CACHE nothing is kept and typer answers every time."""
    quiet = {**env, "CHRON_NO_CACHE": "1"}
    assert chron("--help", env=quiet).returncode == 0
    assert not (tmp_path / "cache").exists()
