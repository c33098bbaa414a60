"""The speed and scale benchmarks: whole-process medians and ratios, measured side by side.

    python benchmarks/run.py              # everyday commands against the floors (and jrnl if installed)
    python benchmarks/run.py --scale      # also 1k, 10k and 100k generated events (slow: minutes)
    python benchmarks/run.py --runs 21    # more runs per command

Run it with the virtualenv's own python (not a pyenv shim, which adds ~170 ms to every start). It
times the `chron` script next to that python, with output to a pipe, and reports medians (the
machine may be shared and noisy: never trust one timing) and ratios to the floors measured in the
same run: `python -c pass` and a minimal argparse + tomli + json script over the same data. jrnl is
timed when a `jrnl` executable is found (JRNL=/path/to/jrnl to choose one). Peak memory is the
child's maximum resident set size.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
CHRON = str(BIN / "chron") if (BIN / "chron").exists() else shutil.which("chron") or "chron"

MINIMAL = r"""
import argparse, json, sys, tomli
p = argparse.ArgumentParser(); p.add_argument("data"); p.add_argument("--phase", type=int)
a = p.parse_args()
with open(a.data + "/chronology.toml", "rb") as f:
    d = tomli.load(f)
json.dump([e for e in d["events"] if a.phase is None or e.get("phase") == a.phase], sys.stdout)
"""


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one run, stdout to a pipe that is drained."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)\n"
        "dt = time.perf_counter() - t\n"
        "print(dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, p.returncode)\n"
    )
    out = subprocess.run([sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True, env=env, check=True)
    dt, rss, code = out.stdout.split()
    if code != "0":
        raise SystemExit(f"failed ({code}): {' '.join(cmd)}")
    return float(dt), int(rss)


def measure(cmd: list[str], runs: int, env: dict[str, str]) -> tuple[float, int]:
    run_once(cmd, env)  # warm the page cache and chron's dataset cache
    times, peaks = [], []
    for _ in range(runs):
        dt, rss = run_once(cmd, env)
        times.append(dt)
        peaks.append(rss)
    return statistics.median(times), max(peaks)


def jrnl_setup(tmp: Path) -> tuple[list[str], dict[str, str]] | None:
    exe = os.environ.get("JRNL") or shutil.which("jrnl")
    if not exe:
        return None
    journal = tmp / "journal.txt"
    entries = [
        f"[1956-{10 + i // 28:02d}-{1 + i % 28:02d} 09:00 AM] Entry {i}\nBody of entry {i}.\n" for i in range(150)
    ]
    journal.write_text("\n".join(entries), encoding="utf-8")
    config = tmp / "config" / "jrnl"
    config.mkdir(parents=True)
    (config / "jrnl.yaml").write_text(
        f"journals:\n  default:\n    journal: {journal}\nencrypt: false\ncolors:\n  body: none\n  date: none\n"
        "  tags: none\n  title: none\ndefault_hour: 9\ndefault_minute: 0\neditor: ''\nhighlight: false\n"
        "indent_character: '|'\nlinewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%F %r'\n"
        "version: v4.2\n",
        encoding="utf-8",
    )
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp / "config")}
    return [exe, "-from", "1956-10-10", "-to", "1956-11-10"], env


def row(name: str, median: float, peak: int, floors: dict[str, float]) -> str:
    ratios = "  ".join(f"{median / v:5.2f}x {k}" for k, v in floors.items())
    return f"{name:44s} {median * 1000:8.1f} ms {peak / 1024:7.1f} MiB   {ratios}"


def interleaved(cases: list[tuple[str, list[str], dict[str, str]]], runs: int) -> dict[str, tuple[float, int]]:
    """Median wall time and peak memory of each case, running the cases in turn (round-robin), so
    that a change in the machine's load touches every case alike and the ratios stay fair."""
    times: dict[str, list[float]] = {name: [] for name, _, _ in cases}
    peaks: dict[str, int] = dict.fromkeys(times, 0)
    for _name, cmd, env in cases:  # warm-up: page cache, bytecode, chron's dataset cache
        run_once(cmd, env)
    for _ in range(runs):
        for name, cmd, env in cases:
            dt, rss = run_once(cmd, env)
            times[name].append(dt)
            peaks[name] = max(peaks[name], rss)
    return {name: (statistics.median(ts), peaks[name]) for name, ts in times.items()}


CHRON_CASES = (
    ["cite", "23", "--format", "json"],
    ["note", "23", "--format", "json"],
    ["show", "--phase", "2", "--format", "json"],
    ["cite", "23"],
    ["show", "--phase", "2", "--format", "table"],
    ["search", "councils", "--format", "table"],
    ["phases", "--format", "table"],
    ["--help"],
    ["--version"],
)


def everyday(runs: int) -> None:
    env = {**os.environ, "COLUMNS": "100"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # time what users get: compiled bytecode
    with tempfile.TemporaryDirectory() as tmp:
        env["CHRON_CACHE_DIR"] = str(Path(tmp) / "cache")
        minimal = Path(tmp) / "minimal.py"
        minimal.write_text(MINIMAL, encoding="utf-8")
        print(f"python: {sys.executable} ({sys.version.split()[0]}); chron: {CHRON}; runs: {runs}, round-robin")
        floors = [
            ("python", [sys.executable, "-c", "pass"], env),
            ("minimal", [sys.executable, str(minimal), str(ROOT / "data")], env),
        ]
        jrnl = jrnl_setup(Path(tmp))
        if jrnl is not None:
            floors.append(("jrnl", jrnl[0], jrnl[1]))
        completion_env = {
            **env,
            "_CHRON_COMPLETE": "complete_bash",
            "COMP_WORDS": "chron show --phase ",
            "COMP_CWORD": "3",
        }
        cases = [
            *floors,
            *(("chron " + " ".join(a), [CHRON, *a], env) for a in CHRON_CASES),
            ("completion: chron show --phase <TAB>", [CHRON], completion_env),
        ]
        results = interleaved(cases, runs)
        labels = {
            "python": "python -c pass",
            "minimal": "minimal TOML-to-JSON script",
            "jrnl": "jrnl -from -to (150 entries)",
        }
        base = {name: results[name][0] for name, _, _ in floors}
        for name, _, _ in cases:
            median, peak = results[name]
            print(row(labels.get(name, name), median, peak, {} if name in base else base))
        if jrnl is None:
            print("jrnl: not installed (set JRNL=/path/to/jrnl to compare)")


def scale(runs: int) -> None:
    env = {**os.environ}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.path.insert(0, str(HERE))
    from generate import generate

    with tempfile.TemporaryDirectory() as tmp:
        env["CHRON_CACHE_DIR"] = str(Path(tmp) / "cache")
        for n in (1_000, 10_000, 100_000):
            folder = Path(tmp) / f"d{n}"
            generate(n, folder)
            size = sum((folder / f).stat().st_size for f in ("chronology.toml", "sources.toml")) / 2**20
            parse = [
                sys.executable,
                "-c",
                "import sys, tomli\nfor f in sys.argv[1:]: tomli.load(open(f, 'rb'))",
                str(folder / "chronology.toml"),
                str(folder / "sources.toml"),
            ]
            t_parse, p_parse = measure(parse, max(runs // 4, 3), env)
            floors = {"tomli": t_parse}
            rg = shutil.which("rg")
            if rg:
                t_rg, _ = measure([rg, "-c", "-i", "councils", str(folder / "chronology.toml")], runs, env)
                floors["rg"] = t_rg
            print(f"\n{n} events, {size:.1f} MiB of TOML")
            print(row("tomli parse of both files", t_parse, p_parse, {}))
            if rg:
                print(row("rg -c -i councils chronology.toml", floors["rg"], 0, {}))
            ids = [CHRON, "--data", str(folder), "show", "--phase", "2", "-f", "ids"]
            run_once(ids, env)  # builds the cache
            cold = []
            for _ in range(max(runs // 4, 3)):
                wait_for_cache(folder, env)  # each change starts from a current cache
                (folder / "chronology.toml").touch()
                with open(folder / "chronology.toml", "a", encoding="utf-8") as handle:
                    handle.write("\n")  # a real change: the cache must be rebuilt
                cold.append(run_once(ids, env))
            print(
                row(
                    "first call after a change (show --phase 2)",
                    statistics.median(c[0] for c in cold),
                    max(c[1] for c in cold),
                    floors,
                )
            )
            wait_for_cache(folder, env)
            shutil.rmtree(env["CHRON_CACHE_DIR"])  # no cache at all: every file parsed, nothing reused
            first = run_once(ids, env)
            print(row("first call with no cache at all (one run)", first[0], first[1], floors))
            wait_for_cache(folder, env)
            for args in (
                ["show", "--phase", "2"],
                ["show", "--phase", "2", "--format", "json"],
                ["search", "councils", "--format", "json"],
                ["cite", "23", "--format", "json"],
            ):
                median, peak = measure([CHRON, "--data", str(folder), *args], max(runs // 2, 3), env)
                print(row("warm chron " + " ".join(args), median, peak, floors))


def wait_for_cache(folder: Path, env: dict[str, str]) -> None:
    """Wait until chron's cache of ``folder`` is current: after a slow load the console script
    writes it from a background process, and warm timings must not catch it half-done."""
    sys.path.insert(0, str(ROOT / "src"))
    from chron import cache

    saved = os.environ.get("CHRON_CACHE_DIR")
    os.environ["CHRON_CACHE_DIR"] = env["CHRON_CACHE_DIR"]
    try:
        deadline = time.monotonic() + 300
        while cache.read(folder) is None and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        if saved is None:
            del os.environ["CHRON_CACHE_DIR"]
        else:
            os.environ["CHRON_CACHE_DIR"] = saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--scale", action="store_true", help="also time 1k, 10k and 100k generated events")
    args = parser.parse_args()
    start = time.time()
    everyday(args.runs)
    if args.scale:
        scale(args.runs)
    print(f"\n({time.time() - start:.0f} s)")


if __name__ == "__main__":
    main()
