"""How the benchmarks time a process: one run, round-robin medians, a time cap, and cache states.

A run is a whole process with its output drained from a pipe, timed from just before it starts
until it exits, with its peak resident memory (the largest of the processes it waited for). A run
that passes the time cap is killed with its process group and reported as "more than the cap".

Every command gets a marker in its environment (``CHRON_BENCH_RUN``), so the processes it leaves
behind (a background cache writer, or anything else) can be found in /proc, counted, and waited
for before the next run starts: no timing overlaps a leftover of the one before.

The cache states a chron command is timed in:

- warm: the command (or another) has run until one more run leaves the cache folder unchanged and
  nothing it started is still running. This holds whether the cache is written in the run itself,
  behind it by a child process, or lazily by a later run, and needs no knowledge of chron's code.
- first after an edit: from a warm cache, one event's summary in ``chronology.toml`` gets a new
  text (a new one each time, so nothing can have been kept from an earlier edit), then one run.
- no cache: the cache folder is emptied, then one run.

Linux only (/proc). Nothing here imports chron.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

MARK = "CHRON_BENCH_RUN"
LONG = 5.0

# Runs in its own interpreter so that its own memory is not the child's: the peak is
# RUSAGE_CHILDREN's, which covers the command and every process it waited for (a pipeline's stages).
_WRAPPER = r"""
import json, os, resource, signal, subprocess, sys, threading, time
cap = float(sys.argv[1])
def drain(stream):
    while stream.read(1 << 16):
        pass
t = time.perf_counter()
p = subprocess.Popen(sys.argv[2:], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                     stderr=subprocess.DEVNULL, start_new_session=True)
reader = threading.Thread(target=drain, args=(p.stdout,), daemon=True)
reader.start()
try:
    code = p.wait(timeout=cap)
    dt = time.perf_counter() - t
except subprocess.TimeoutExpired:
    os.killpg(p.pid, signal.SIGKILL)
    p.wait()
    code, dt = None, None
reader.join(5)
print(json.dumps([dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code]))
"""


@dataclass
class Sample:
    seconds: float | None  # None: killed at the time cap
    rss_kib: int
    left: int = 0  # processes carrying this run's marker still alive when it exited


@dataclass
class Result:
    samples: list[Sample] = field(default_factory=list)
    cap: float = 0.0

    @property
    def timed_out(self) -> bool:
        return any(s.seconds is None for s in self.samples)

    @property
    def median(self) -> float | None:
        if self.timed_out or not self.samples:
            return None
        return statistics.median(s.seconds for s in self.samples if s.seconds is not None)

    @property
    def peak_kib(self) -> int:
        return max((s.rss_kib for s in self.samples), default=0)

    @property
    def left(self) -> int:
        return max((s.left for s in self.samples), default=0)

    def time_text(self) -> str:
        if self.timed_out:
            return f">{self.cap:.0f} s"
        median = self.median
        if median is None:
            return "-"
        return f"{median * 1000:,.0f} ms" if median < 10 else f"{median:,.1f} s"


class Bench:
    """The settings every run of one benchmark invocation shares: time cap, marker, cache folder."""

    def __init__(self, cache: Path, cap: float) -> None:
        self.cache = cache
        self.cap = cap
        self.mark = f"{os.getpid()}-{time.time_ns()}"
        env = {**os.environ, MARK: self.mark, "CHRON_CACHE_DIR": str(cache), "COLUMNS": "100"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # time what users get: compiled bytecode
        env.pop("CHRON_NO_CACHE", None)
        self.env = env

    # -- one run ---------------------------------------------------------------------------------

    def run(self, cmd: Sequence[str], env: dict[str, str] | None = None) -> Sample:
        """Time one run of ``cmd``; then count what it left running and wait for that to end."""
        out = subprocess.run(
            [sys.executable, "-c", _WRAPPER, str(self.cap), *cmd],
            capture_output=True,
            text=True,
            env=env or self.env,
            check=True,
        )
        dt, rss, code = json.loads(out.stdout)
        if dt is not None and code != 0:
            raise SystemExit(f"failed (exit {code}): {' '.join(cmd)}")
        left = len(self.leftovers())
        self.wait_quiet()
        return Sample(dt, rss, left)

    def leftovers(self) -> list[int]:
        """Live processes (not zombies) whose environment carries this invocation's marker."""
        needle = f"{MARK}={self.mark}\0".encode()
        found = []
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit() or int(entry.name) == os.getpid():
                continue
            try:
                with open(f"/proc/{entry.name}/environ", "rb") as f:
                    if needle not in f.read():
                        continue
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    state = f.read().rsplit(b")", 1)[1].split()[0]
            except (OSError, IndexError):
                continue
            if state not in (b"Z", b"X"):
                found.append(int(entry.name))
        return found

    def wait_quiet(self, limit: float = 900) -> None:
        deadline = time.monotonic() + limit
        while self.leftovers():
            if time.monotonic() > deadline:
                raise SystemExit(f"processes of this run still alive after {limit:.0f} s: {self.leftovers()}")
            time.sleep(0.05)

    # -- round-robin medians ---------------------------------------------------------------------

    def interleaved(
        self, cases: dict[str, list[str]], runs: int, envs: dict[str, dict[str, str]] | None = None
    ) -> dict[str, Result]:
        """Time each case ``runs`` times, in turn (round-robin), so that a change in the machine's
        load touches every case alike and ratios between them stay fair. A case that reaches the
        cap once (warm-up included) is not run again; a warm-up longer than ``LONG`` seconds counts
        as one of the runs (what it warms up is lost in the noise of so long a run)."""
        envs = envs or {}
        results = {name: Result(cap=self.cap) for name in cases}
        for name, cmd in cases.items():  # warm-up: page cache, bytecode
            sample = self.run(cmd, envs.get(name))
            if sample.seconds is None or sample.seconds > LONG:
                results[name].samples.append(sample)
        for _ in range(runs):
            for name, cmd in cases.items():
                if not results[name].timed_out and len(results[name].samples) < runs:
                    results[name].samples.append(self.run(cmd, envs.get(name)))
        return results

    # -- cache states ----------------------------------------------------------------------------

    def snapshot(self) -> frozenset[tuple[str, int, int]]:
        found = set()
        for root, _dirs, files in os.walk(self.cache):
            for name in files:
                try:
                    s = os.stat(os.path.join(root, name))
                except OSError:
                    continue
                found.add((os.path.join(root, name), s.st_size, s.st_mtime_ns))
        return frozenset(found)

    def settle(self, cmd: Sequence[str], tries: int = 6) -> bool:
        """Run ``cmd`` until one more run leaves the cache folder as it was and nothing it started
        is alive: the warm state. False when it never settles (then the state is reported as is)."""
        self.wait_quiet()
        for _ in range(tries):
            before = self.snapshot()
            if self.run(cmd).seconds is None:
                return False
            if self.snapshot() == before:
                return True
        print(f"(note: the cache folder still changed after {tries} runs of {' '.join(cmd)})", flush=True)
        return False

    def clear_cache(self) -> None:
        self.wait_quiet()
        shutil.rmtree(self.cache, ignore_errors=True)


# -- editing one event ---------------------------------------------------------------------------

_SUMMARY = re.compile(rb'^summary = "((?:[^"\\\n]|\\.)*?)(?: \[bench edit \d+\])?"$', re.MULTILINE)


class Editor:
    """Gives one event of a chronology a new summary each call (the event halfway down the file)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0
        raw = path.read_bytes()
        found = _SUMMARY.search(raw, raw.find(b"\n[[events]]", len(raw) // 2) + 1)
        if found is None:
            found = _SUMMARY.search(raw)
        if found is None:
            raise SystemExit(f'{path}: no one-line `summary = "..."` to edit')
        self.offset = found.start()

    def __call__(self) -> None:
        self.count += 1
        before = os.stat(self.path)
        raw = self.path.read_bytes()
        found = _SUMMARY.match(raw, self.offset)
        if found is None:
            raise SystemExit(f"{self.path}: the edited summary moved")
        line = b'summary = "' + found.group(1) + b" [bench edit %d]" % self.count + b'"'
        self.path.write_bytes(raw[: found.start()] + line + raw[found.end() :])
        after = os.stat(self.path)
        if after.st_size == before.st_size and after.st_mtime_ns // 10**9 == before.st_mtime_ns // 10**9:
            # Same size within the same second: a coarse-clock filesystem could hide the edit
            # from a cache keyed on size and time. This benchmark times an edit, not that race.
            os.utime(self.path, ns=(after.st_atime_ns, before.st_mtime_ns + 2 * 10**9))


def copy_data(source: Path, target: Path) -> Path:
    """A private copy of a data folder, for edits that must not touch the original."""
    shutil.copytree(source, target)
    return target


def first_after_edit(bench: Bench, cmd: list[str], prime: list[str], edit: Callable[[], None]) -> Sample:
    """One run of ``cmd`` right after ``edit``, from a warm cache (``prime`` settles it)."""
    bench.settle(prime)
    edit()
    return bench.run(cmd)


def no_cache(bench: Bench, cmd: list[str]) -> Sample:
    """One run of ``cmd`` with an empty cache folder."""
    bench.clear_cache()
    return bench.run(cmd)
