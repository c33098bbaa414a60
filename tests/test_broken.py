"""The corpus of broken datasets: one folder per case under tests/broken/, each with expect.toml.

expect.toml holds: `command` (argv after --data DIR, default ["check"]), `exit` (expected exit
code), `stdout` and `stderr` (lists of substrings that must appear). Every case must end in its
exit code with no traceback; problems must name the file and a line or record.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import tomli

from tests.conftest import Run

CORPUS = Path(__file__).parent / "broken"
CASES = sorted(p for p in CORPUS.iterdir() if (p / "expect.toml").is_file()) if CORPUS.is_dir() else []


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_dataset(run: Run, case: Path, tmp_path: Path) -> None:
    """Each broken dataset ends in a clear message and the right exit code, never a traceback."""
    expect = tomli.loads((case / "expect.toml").read_text(encoding="utf-8"))
    data = tmp_path / case.name
    shutil.copytree(case, data, ignore=shutil.ignore_patterns("expect.toml", "setup.py"))
    setup = case / "setup.py"
    if setup.is_file():  # cases that cannot be stored as files (unreadable, huge): built here
        namespace: dict[str, object] = {}
        exec(compile(setup.read_text(encoding="utf-8"), str(setup), "exec"), namespace)
        namespace["prepare"](data)  # type: ignore[operator]
    result = run(*expect.get("command", ["check"]), data=data)
    assert "Traceback" not in result.output
    assert result.exit_code == expect["exit"], result.output
    for text in expect.get("stdout", []):
        assert text in result.stdout, result.output
    for text in expect.get("stderr", []):
        assert text in result.stderr, result.output


def test_corpus_is_not_empty() -> None:
    """The corpus exists and covers the cases the hardening issue lists."""
    assert len(CASES) >= 20
