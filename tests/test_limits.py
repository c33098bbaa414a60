"""No hang and no blow-up: data files and --article are regular files of bounded size (a FIFO, a
device or a huge file is an error at once, cold or warm, from a command or from TAB), and locating
thousands of problems reads each file once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from chron import load
from chron.errors import DataError
from tests.conftest import MINI, ROOT, Run, also_slow


def chron(*args: str, cache: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """chron as a process, killed (and the test failed) if it takes 60 s: a hang fails, never blocks."""
    full = {**os.environ, "CHRON_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    return subprocess.run([sys.executable, "-m", "chron", *args], env=full, capture_output=True, text=True, timeout=60)


def copy_of_mini(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("chronology.toml", "sources.toml"):
        (folder / name).write_bytes((MINI / name).read_bytes())
    return folder


def make_fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def link_to_zero(path: Path) -> None:
    path.unlink()
    path.symlink_to("/dev/zero")


@pytest.mark.parametrize("swap", [make_fifo, link_to_zero], ids=["fifo", "dev-zero"])
@pytest.mark.parametrize("warm", also_slow([True, False], ids=lambda w: "warm" if w else "cold"))
def test_a_data_file_that_is_no_file(tmp_path: Path, swap: object, warm: bool) -> None:
    """A FIFO or a link to /dev/zero as chronology.toml is an error at once, also when the cache
    holds the file it replaced (whose check used to read the FIFO, or /dev/zero until memory ran out)."""
    folder = copy_of_mini(tmp_path)
    cache = tmp_path / "cache"
    if warm:
        assert chron("--data", str(folder), "show", "-f", "ids", cache=cache).returncode == 0
    swap(folder / "chronology.toml")  # type: ignore[operator]
    done = chron("--data", str(folder), "show", cache=cache)
    assert done.returncode == 1 and "is not a regular file" in done.stderr, done.stderr


def test_completion_with_a_fifo_data_file(tmp_path: Path) -> None:
    """TAB with a FIFO in the data folder lists nothing, at once."""
    folder = copy_of_mini(tmp_path)
    make_fifo(folder / "chronology.toml")
    words = f"chron --data {folder} show --person "
    env = {"_CHRON_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": "5"}
    done = chron(cache=tmp_path / "cache", env=env)
    assert done.returncode == 0 and not done.stdout.strip(), done


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_article_that_is_no_file(tmp_path: Path, kind: str) -> None:
    """`check --article` with a FIFO or /dev/zero is an error at once."""
    article = tmp_path / "article.txt"
    if kind == "fifo":
        os.mkfifo(article)
    else:
        article.symlink_to("/dev/zero")
    done = chron("--data", str(MINI), "check", "--article", str(article), cache=tmp_path / "cache")
    assert done.returncode == 1 and "not a regular file" in done.stderr, done.stderr


def test_a_file_over_the_limit(run: Run, tmp_path: Path) -> None:
    """A data file larger than MAX_BYTES is refused before it is read (a sparse file: no disk used)."""
    folder = copy_of_mini(tmp_path)
    with open(folder / "sources.toml", "r+b") as handle:
        handle.truncate(load.MAX_BYTES + 1)
    result = run("check", data=folder)
    assert result.exit_code == 1 and f"at most {load.MAX_BYTES >> 20} MiB" in result.stdout, result.output


def test_thousands_of_problems_read_each_file_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """2,000 empty [[events]] tables and 2,000 bad dates are all reported, each with its line, and
    locating them indexes each file once (it used to rescan the file per problem)."""
    from chron import locate

    folder = copy_of_mini(tmp_path)
    extra = "".join("\n[[events]]\n" for _ in range(2000))
    extra += "".join(
        f'\n[[events]]\nid = "bad-{i}"\ndate = "1956-13-{i % 28 + 1:02d}"\ndate_text = "x"\ntitle = "t"\n'
        'summary = "s"\nquote = "q"\n'
        for i in range(2000)
    )
    with open(folder / "chronology.toml", "a", encoding="utf-8") as handle:
        handle.write(extra)
    built = []
    real = locate.Lines.__init__

    def counting(self: locate.Lines, text: str) -> None:
        built.append(len(text))
        real(self, text)

    monkeypatch.setattr(locate.Lines, "__init__", counting)
    with pytest.raises(DataError) as caught:
        load.validate(folder, use_cache=False)
    problems = caught.value.problems
    assert len(problems) >= 4000 and all(p.line for p in problems)
    assert len(built) <= 2
