"""The dataset cache: used when current, rebuilt when stale or broken, optional when unwritable."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from chron import cache
from chron.load import load_dataset
from tests.conftest import ROOT, edit


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CHRON_CACHE_DIR", str(folder))
    return folder


def test_second_load_comes_from_the_cache(mini: Path, cache_dir: Path) -> None:
    """A clean load writes one entry; the next load returns it without reading TOML."""
    first = load_dataset(mini)
    [entry] = list(cache_dir.iterdir())
    assert cache.read(mini) is not None
    second = load_dataset(mini)
    assert [e.id for e in second.events] == [e.id for e in first.events]
    assert entry.stat().st_size > 0


def test_an_edit_is_seen(mini: Path, cache_dir: Path) -> None:
    """Edit a data file and the next call sees the edit."""
    load_dataset(mini)
    edit(mini / "chronology.toml", 'title = "Demonstration in Budapest"', 'title = "Demo in Budapest"')
    assert load_dataset(mini).event_by_id["budapest-demonstration"].title == "Demo in Budapest"


def test_truncated_entry_is_rebuilt(mini: Path, cache_dir: Path) -> None:
    """An entry cut short (a full disk, a crash) fails its checksum and is rebuilt."""
    load_dataset(mini)
    [entry] = list(cache_dir.iterdir())
    entry.write_bytes(entry.read_bytes()[:-10])
    assert cache.read(mini) is None
    assert len(load_dataset(mini).events) == 6


def test_touched_but_unchanged_keeps_the_entry(mini: Path, cache_dir: Path) -> None:
    """A new modification time with the same content reuses the entry (checked by hash)."""
    load_dataset(mini)
    later = time.time() + 5
    os.utime(mini / "sources.toml", (later, later))
    assert cache.read(mini) is not None


@pytest.mark.parametrize("garbage", [b"", b"not a cache", b"chron-cache\n\x00\x00\x00\x00garbage"])
def test_corrupt_entry_is_rebuilt(mini: Path, cache_dir: Path, garbage: bytes) -> None:
    """A truncated or garbage entry is ignored and written anew."""
    load_dataset(mini)
    [entry] = list(cache_dir.iterdir())
    entry.write_bytes(garbage)
    assert cache.read(mini) is None
    assert len(load_dataset(mini).events) == 6
    assert cache.read(mini) is not None


def test_broken_data_is_never_cached(mini: Path, cache_dir: Path) -> None:
    """A dataset with problems raises every time and leaves no entry."""
    edit(mini / "chronology.toml", 'date = "1956-10-26"', 'date = "1956-13"')
    for _ in range(2):
        with pytest.raises(Exception, match="month 13"):
            load_dataset(mini)
    assert not cache_dir.exists() or not list(cache_dir.iterdir())


def test_read_only_cache_still_works(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unwritable cache folder means no cache, not an error (a path under a file: even root fails)."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("CHRON_CACHE_DIR", str(blocker / "cache"))
    assert len(load_dataset(mini).events) == 6
    assert len(load_dataset(mini).events) == 6
    assert cache.read(mini) is None


def test_no_home_and_no_cache(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without HOME or with CHRON_NO_CACHE, chron works uncached."""
    monkeypatch.delenv("CHRON_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("HOME", raising=False)
    assert cache.cache_dir() is None
    assert len(load_dataset(mini).events) == 6
    monkeypatch.setenv("HOME", "/nonexistent")
    monkeypatch.setenv("CHRON_NO_CACHE", "1")
    assert cache.cache_dir() is None


def test_two_processes_build_the_cache_at_once(mini: Path, cache_dir: Path) -> None:
    """Two chron processes starting together both succeed and leave one good entry."""
    env = {**os.environ, "CHRON_CACHE_DIR": str(cache_dir), "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-m", "chron", "--data", str(mini), "show", "-f", "ids"]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    assert all(o[0].split() == outs[0][0].split() for o in outs)
    assert [p.name for p in cache_dir.iterdir() if p.suffix == ".sqlite"] and not list(cache_dir.glob("*.tmp"))
    assert cache.read(mini) is not None


def test_slow_load_says_so(mini: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A load that takes over a second calls on_slow once; a quick one does not."""
    import chron.load as load_module

    calls: list[int] = []
    load_dataset(mini, on_slow=lambda: calls.append(1))
    assert calls == []
    real = load_module._validate

    def slow_validate(folder: Path, article: str | None, use_cache: bool) -> object:
        time.sleep(1.3)
        return real(folder, article, use_cache)

    monkeypatch.setattr(load_module, "_validate", slow_validate)
    edit(mini / "chronology.toml", 'title = "Mini"', 'title = "Mini 2"')
    load_dataset(mini, on_slow=lambda: calls.append(1))
    assert calls == [1]


def test_a_large_files_pieces_are_kept_and_reused(mini: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first run after an edit parses only the edited pieces of a large file; a damaged
    pieces file is ignored (everything is parsed again) and the result is the same."""
    import tomli

    monkeypatch.setattr(cache, "PIECES_MIN_SIZE", 0)
    load_dataset(mini)
    kept = cache.pieces_path(mini, "chronology.toml")
    assert kept is not None and kept.is_file()
    parsed: list[str] = []
    real = tomli.loads

    def counting(text: str) -> object:
        parsed.append(text)
        return real(text)

    monkeypatch.setattr(tomli, "loads", counting)
    edit(mini / "chronology.toml", 'title = "Demonstration in Budapest"', 'title = "Demo in Budapest"')
    assert load_dataset(mini).event_by_id["budapest-demonstration"].title == "Demo in Budapest"
    assert len(parsed) == 1 and "Demo in Budapest" in parsed[0]
    kept.write_bytes(kept.read_bytes()[:-7] + b"garbage")
    parsed.clear()
    edit(mini / "chronology.toml", 'title = "Demo in Budapest"', 'title = "Demo"')
    assert load_dataset(mini).event_by_id["budapest-demonstration"].title == "Demo"
    assert len(parsed) > 5


def test_the_cache_can_be_written_behind(mini: Path, cache_dir: Path) -> None:
    """write_behind leaves the writing to a child process; the entry appears and is current."""
    from chron.load import _validate

    dataset, raws = _validate(mini, None)
    files = cache.stamp(mini)
    assert files is not None
    cache.write_behind(mini, dataset, files, cache.digest_bytes(raws))
    deadline = time.monotonic() + 60
    while cache.read(mini) is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert cache.read(mini) is not None
