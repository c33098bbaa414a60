"""The dataset cache: used when current, never when stale, private to its user, and cleaned up."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from chron import cache
from chron.errors import DataError
from chron.load import load_dataset
from tests.conftest import ROOT, edit


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CHRON_CACHE_DIR", str(folder))
    return folder


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.sqlite"))


def title(folder: Path, event_id: str = "budapest-demonstration") -> str:
    found = load_dataset(folder).event(event_id)
    assert found is not None
    return found.title


def age(folder: Path, seconds: float) -> None:
    """Make the data files look as if they were last changed ``seconds`` ago."""
    for name in cache.FILES:
        then = time.time() - seconds
        os.utime(folder / name, (then, then))


def test_second_load_comes_from_the_cache(mini: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A clean load writes one entry; the next load opens it without reading or validating TOML."""
    age(mini, 60)
    first = load_dataset(mini)
    [entry] = entries(cache_dir)
    import chron.load

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the TOML was read again")

    monkeypatch.setattr(chron.load, "validate", refuse)
    second = load_dataset(mini)
    assert [e.id for e in second.events()] == [e.id for e in first.events()]
    assert second.path == entry


def test_an_edit_is_seen(mini: Path, cache_dir: Path) -> None:
    """Edit a data file and the next call sees the edit."""
    load_dataset(mini)
    edit(mini / "chronology.toml", 'title = "Demonstration in Budapest"', 'title = "Demo in Budapest"')
    assert title(mini) == "Demo in Budapest"


def test_an_edit_in_the_same_second_with_the_same_size_is_seen(
    mini: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a filesystem with one-second times, an edit right after a run leaves every stamp as it
    was: the entry knows its stamps were taken too soon to trust, and compares the content."""
    load_dataset(mini)
    kept = cache.stamp(mini)
    edit(mini / "chronology.toml", 'title = "Demonstration in Budapest"', 'title = "Demonstration in Bvdapest"')
    monkeypatch.setattr(cache, "stamp", lambda folder: kept)  # the coarse filesystem: nothing seems changed
    assert title(mini) == "Demonstration in Bvdapest"


def test_an_edit_hidden_by_touch_r_is_seen(mini: Path, cache_dir: Path) -> None:
    """`touch -r` puts the old modification time back after an edit of the same size; the change
    time cannot be put back, so the content is compared and the edit seen."""
    age(mini, 3600)
    load_dataset(mini)
    path = mini / "chronology.toml"
    before = path.stat()
    edit(path, 'title = "Demonstration in Budapest"', 'title = "Demonstration in Bvdapest"')
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    assert title(mini) == "Demonstration in Bvdapest"


def test_touched_but_unchanged_keeps_the_entry(mini: Path, cache_dir: Path) -> None:
    """A new modification time with the same content reuses the entry (checked by hash)."""
    load_dataset(mini)
    [entry] = entries(cache_dir)
    inode = entry.stat().st_ino
    later = time.time() + 5
    os.utime(mini / "sources.toml", (later, later))
    assert cache.open_current(mini) is not None
    assert entry.stat().st_ino == inode


def test_a_modified_chron_rebuilds_the_entry(mini: Path, tmp_path: Path) -> None:
    """A reinstalled chron whose code differs (same version string) does not trust the old entry."""
    package = tmp_path / "site" / "chron"
    shutil.copytree(ROOT / "src" / "chron", package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "data", package / "data")
    env = {**os.environ, "CHRON_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(package.parent)}
    script = (
        "from pathlib import Path; from chron.load import load_dataset; import sys; "
        "ds = load_dataset(Path(sys.argv[1])); print(ds.path.stat().st_ino)"
    )

    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-c", script, str(mini)], env=env, capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    first = run()
    assert run() == first  # unchanged code: the same entry
    checks = package / "checks.py"
    checks.write_text(checks.read_text(encoding="utf-8") + "\n# a change of code, not of version\n", encoding="utf-8")
    assert run() != first


def test_cache_files_are_private(mini: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The folder is 0700 and every file in it 0600, whatever the umask."""
    monkeypatch.setattr(cache, "PIECES_MIN_SIZE", 0)  # keep the pieces file too
    old = os.umask(0o022)
    try:
        load_dataset(mini)
    finally:
        os.umask(old)
    assert cache_dir.stat().st_mode & 0o777 == 0o700
    files = [p for p in cache_dir.rglob("*") if p.is_file()]
    assert any(p.suffix == ".sqlite" for p in files) and any(p.suffix == ".pieces" for p in files)
    for path in files:
        assert path.stat().st_mode & 0o777 == 0o600, path


def test_an_open_cache_folder_is_closed(mini: Path, cache_dir: Path) -> None:
    """A cache folder of ours that others may read is made private before it is used."""
    cache_dir.mkdir(mode=0o755)
    os.chmod(cache_dir, 0o755)
    load_dataset(mini)
    assert cache_dir.stat().st_mode & 0o777 == 0o700


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a folder away")
def test_a_folder_owned_by_someone_else_is_not_used(mini: Path, cache_dir: Path) -> None:
    """A shared CHRON_CACHE_DIR that belongs to another user is never read or written."""
    cache_dir.mkdir()
    os.chown(cache_dir, 12345, 12345)
    assert cache.cache_dir() is None
    assert load_dataset(mini).path is None
    assert list(cache_dir.iterdir()) == []


def test_old_files_are_evicted(mini: Path, cache_dir: Path) -> None:
    """Entries and replays unused for weeks, and temporary files a crash left, are removed."""
    load_dataset(mini)
    (cache_dir / "replay").mkdir(mode=0o700)
    stale = [cache_dir / "0000000000000000.sqlite", cache_dir / "replay" / "old.out", cache_dir / "x.sqlite.1.tmp"]
    fresh = cache_dir / "replay" / "new.out"
    for path in [*stale, fresh]:
        path.write_bytes(b"x")
    long_ago = time.time() - 40 * 86_400
    for path in stale[:2]:
        os.utime(path, (long_ago, long_ago))
    hours_ago = time.time() - 2 * 3600
    os.utime(stale[2], (hours_ago, hours_ago))
    assert cache.evict(force=True) == 3
    assert not any(p.exists() for p in stale) and fresh.exists() and entries(cache_dir)


def test_eviction_runs_once_a_day(mini: Path, cache_dir: Path) -> None:
    """Writing an entry evicts at most once a day: the folder is not scanned on every rebuild."""
    load_dataset(mini)
    old = cache_dir / "0000000000000000.sqlite"
    old.write_bytes(b"x")
    long_ago = time.time() - 40 * 86_400
    os.utime(old, (long_ago, long_ago))
    edit(mini / "chronology.toml", 'title = "Mini"', 'title = "Mini 2"')
    load_dataset(mini)
    assert old.exists()
    os.utime(cache_dir / "evicted", (long_ago, long_ago))
    edit(mini / "chronology.toml", 'title = "Mini 2"', 'title = "Mini 3"')
    load_dataset(mini)
    assert not old.exists()


def test_truncated_entry_is_rebuilt(mini: Path, cache_dir: Path) -> None:
    """An entry cut short (a full disk, a crash) is ignored and rebuilt."""
    load_dataset(mini)
    [entry] = entries(cache_dir)
    entry.write_bytes(entry.read_bytes()[:-10])
    assert cache.open_current(mini) is None
    assert load_dataset(mini).event_count() == 6


@pytest.mark.parametrize("garbage", [b"", b"not a cache", b"SQLite format 3\x00garbage"])
def test_corrupt_entry_is_rebuilt(mini: Path, cache_dir: Path, garbage: bytes) -> None:
    """A garbage entry is ignored and written anew."""
    load_dataset(mini)
    [entry] = entries(cache_dir)
    entry.write_bytes(garbage)
    assert cache.open_current(mini) is None
    assert load_dataset(mini).event_count() == 6
    assert cache.open_current(mini) is not None


def test_broken_data_is_never_cached(mini: Path, cache_dir: Path) -> None:
    """A dataset with problems raises every time and leaves no entry."""
    edit(mini / "chronology.toml", 'date = "1956-10-26"', 'date = "1956-13"')
    for _ in range(2):
        with pytest.raises(DataError, match="month 13"):
            load_dataset(mini)
    assert not entries(cache_dir)


def test_read_only_cache_still_works(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unusable cache folder means no cache, not an error (a path under a file: even root fails)."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("CHRON_CACHE_DIR", str(blocker / "cache"))
    assert load_dataset(mini).event_count() == 6
    assert load_dataset(mini).path is None
    assert cache.open_current(mini) is None


def test_no_home_and_no_cache(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without HOME or with CHRON_NO_CACHE, chron works uncached, in memory."""
    monkeypatch.delenv("CHRON_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("HOME", raising=False)
    assert cache.cache_dir() is None
    assert load_dataset(mini).event_count() == 6
    monkeypatch.setenv("HOME", "/nonexistent")
    monkeypatch.setenv("CHRON_NO_CACHE", "1")
    assert cache.cache_dir() is None


def test_two_processes_build_the_cache_at_once(mini: Path, cache_dir: Path) -> None:
    """Two chron processes starting together both succeed and leave one good entry, no temporary file,
    and no process behind them."""
    # The children must run the very chron this process imported (CI installs it into site-packages),
    # or their entry carries another code stamp and this process rightly will not trust it.
    env = {**os.environ, "CHRON_CACHE_DIR": str(cache_dir), "PYTHONPATH": str(Path(cache.__file__).parent.parent)}
    cmd = [sys.executable, "-m", "chron", "--data", str(mini), "show", "-f", "ids"]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    assert all(o[0].split() == outs[0][0].split() for o in outs)
    assert entries(cache_dir) and not list(cache_dir.glob("*.tmp"))
    assert cache.open_current(mini) is not None
    assert not [p for p in Path("/proc").glob("[0-9]*") if str(mini).encode() in _cmdline(p)]


def _cmdline(proc: Path) -> bytes:
    try:
        return (proc / "cmdline").read_bytes()
    except OSError:
        return b""


def test_slow_load_says_so(mini: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A load that takes over a second calls on_slow once; a quick one does not."""
    import chron.load as load_module

    calls: list[int] = []
    monkeypatch.setattr(load_module, "SLOW_SECONDS", 60.0)  # surely quick, even on a busy machine
    load_dataset(mini, on_slow=lambda: calls.append(1))
    assert calls == []
    real = load_module.validate
    monkeypatch.setattr(load_module, "SLOW_SECONDS", 0.2)

    def slow_validate(folder: Path, use_cache: bool = True) -> object:
        time.sleep(0.6)
        return real(folder, use_cache)

    monkeypatch.setattr(load_module, "validate", slow_validate)
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
    assert title(mini) == "Demo in Budapest"
    assert len(parsed) == 1 and "Demo in Budapest" in parsed[0]
    kept.write_bytes(kept.read_bytes()[:-7] + b"garbage")
    parsed.clear()
    edit(mini / "chronology.toml", 'title = "Demo in Budapest"', 'title = "Demo"')
    assert title(mini) == "Demo"
    assert len(parsed) > 5


def test_validators_are_kept_per_build(mini: Path, cache_dir: Path) -> None:
    """pydantic's validators are kept, so a first run after an edit does not rebuild them."""
    load_dataset(mini)
    kept = sorted(p.name for p in cache_dir.glob("validator-*.pickle"))
    assert [n.split("-")[1] for n in kept] == ["Chronology", "Sources"]
