"""Shared fixtures: isolated datasets and a CliRunner that keeps stdout and stderr apart."""

from __future__ import annotations

import functools
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
import typer.testing
from typer.testing import CliRunner, Result

from chron.cli import app
from chron.dataset import Dataset
from chron.load import load_dataset

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"
SHIPPED = ROOT / "data"


def _article() -> Path:
    """The shipped dataset's text: $CHRON_ARTICLE, else ``shared/article/`` beside the repository
    (a clone, or /work/main), else beside its parent (a worktree one level deeper, /work/wt/NAME).
    The first candidate is kept when none exists, so a skip message names where it was looked for."""
    import os

    name = "haynes-2006-hungary.txt"
    env = os.environ.get("CHRON_ARTICLE")
    candidates = [Path(env)] if env else []
    candidates += [ROOT.parent / "shared" / "article" / name, ROOT.parent.parent / "shared" / "article" / name]
    return next((c for c in candidates if c.is_file()), candidates[0])


ARTICLE = _article()

Run = Callable[..., Result]


@functools.cache
def dataset(folder: Path = SHIPPED) -> Dataset:
    """The dataset of a folder of the repository, built in memory (never from or into a cache), once."""
    return load_dataset(folder, use_cache=False)


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The tests' dataset cache lives in a temporary folder, never in the user's."""
    import os

    os.environ["CHRON_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    # The fixture datasets' stores are built now, so that no test's first run is slow enough (on a
    # busy machine) to print the "reading and checking" notice where a test expects a quiet stderr.
    for folder in (MINI, SHIPPED):
        load_dataset(folder)


def invoke(*args: str, data: Path | None = None, env: dict[str, str] | None = None) -> Result:
    """Run chron in-process; `data` becomes --data; the terminal is 100 columns, no colour."""
    argv = (["--data", str(data)] if data is not None else []) + list(args)
    base = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "CHRON_DATA": ""}
    return CliRunner().invoke(app, argv, env={**base, **(env or {})}, catch_exceptions=False)


# typer's test runner builds the click command anew on every invoke (80 ms, half of a typical
# test); the app does not change during a session, so it is built once per app.
_build_command = typer.testing._get_command  # type: ignore[attr-defined]  # typer's private name, patched below
typer.testing._get_command = functools.cache(_build_command)  # type: ignore[attr-defined]  # the same name


@pytest.fixture
def run() -> Run:
    return invoke


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the small fixture dataset."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact snippet in a data file (the test fails if the snippet is absent)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"snippet not found in {path.name}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


GOLDEN_CLI = Path(__file__).parent / "golden" / "cli"


def golden(name: str, text: str) -> None:
    """Compare with tests/golden/cli/NAME; regenerate with CHRON_UPDATE_GOLDENS=1 (review the diff)."""
    import os

    path = GOLDEN_CLI / name
    if os.environ.get("CHRON_UPDATE_GOLDENS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
        return
    assert path.is_file(), f"no golden file {path}; create it with CHRON_UPDATE_GOLDENS=1 pytest"
    assert text == path.read_text(encoding="utf-8"), f"output differs from {path}"


FORMATS = ["table", "plain", "json", "jsonl", "csv", "tsv", "markdown", "ids"]


# ------------------------------------------------------------------ what the default run leaves to the slow one


def also_slow(values: Sequence[Any], keep: int = 1, ids: Callable[[Any], str] | None = None) -> list[Any]:
    """Parameters of which the first ``keep`` run in the default run and the rest only in the slow
    run (``-m slow``, which CI runs too): each case keeps a representative in the minute-long run."""
    return [
        pytest.param(v, id=ids(v) if ids else None, marks=() if i < keep else pytest.mark.slow)
        for i, v in enumerate(values)
    ]


LENGTHS = [pytest.param(False, id="short"), pytest.param(True, id="long", marks=pytest.mark.slow)]
"""Parametrize a property test with ``length`` in LENGTHS and run it through ``at_length``."""


def at_length(prop: Callable[[], None], long: bool, examples: int) -> None:
    """Run the hypothesis property ``prop`` (decorated with ``@given``) with all ``examples`` in the
    slow run, and a sixth of them (at least 10) in the default run."""
    from hypothesis import HealthCheck, settings

    count = examples if long else max(10, examples // 6)
    settings(max_examples=count, deadline=None, suppress_health_check=list(HealthCheck))(prop)()
