"""The speed and scale benchmarks: whole-process medians, ratios measured in the same run, targets.

    python benchmarks/run.py                      # shipped data: everyday commands, first call after an edit
    python benchmarks/run.py --scale              # also every 100,000-event number (slow: half an hour)
    python benchmarks/run.py --only search,councils --data-dir /work/bench-data --runs 5
    python benchmarks/run.py --state edit --data DIR -- show --phase 2 -f ids   # one command, one cache state

Run it with the virtualenv's own python (not a pyenv shim, which adds ~170 ms to every start). It
times the `chron` script next to that python, output to a pipe, and reports medians (the machine
may be shared and noisy: never trust one timing), peak resident memory, how many processes each
run left running, and each number as a ratio to its reference measured round-robin in the same
group, with the target and whether it is met. Each run is capped (``--timeout``, default 120 s):
a command that passes the cap is killed and reported as ">120 s".

Groups (``--only`` takes a comma-separated list; ``--scale`` runs them all):
  everyday   shipped data, warm: the floors (`python -c pass`, a minimal argparse + tomli + json
             script), jrnl `-from -to` over 150 entries (JRNL=/path/to/jrnl, else `jrnl` on PATH)
  edit       shipped data: first call after editing one event, against a warm call of the same command
  search     100k, warm: a rare-word search against `rg -c -i` over the same chronology.toml
  listings   100k, warm: people, phases, tags, sources (ids) and cite 23 (json) against show --phase 2
  councils   100k, warm: `search councils --limit 20` and `... | head -20` against show --phase 2 -f ids
  html       100k, warm: timeline -f html and cite 1-2000 against show --phase 2 -f json
  scale-edit 100k: first call after editing one event, against a bare tomli parse of the file
  growth     1k, 10k and 100k: the older table of how each cost grows with the data
  bibliography  the citation corpus's whole bibliography in each style against one pandoc --citeproc
             call on the same items (benchmarks/citations.py, which says what it times; target 0.1)
Generated datasets go to ``--data-dir`` (default: a temporary folder) and are reused as they are
(a note says when generate.py or the shipped data changed since; ``--regenerate`` remakes them), so
runs before and after a change time the same data. Runs work on a private copy, so edits never
touch them, and use a fresh cache folder (CHRON_CACHE_DIR) of their own.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from harness import Bench, Editor, Result, Sample, first_after_edit, no_cache  # noqa: E402 (after sys.path)

BIN = Path(sys.executable).parent
CHRON = str(BIN / "chron") if (BIN / "chron").exists() else shutil.which("chron") or "chron"
SCALE = 100_000
PRIME = ["show", "--phase", "2", "-f", "ids"]  # the command that warms a dataset's cache

MINIMAL = r"""
import argparse, json, sys, tomli
p = argparse.ArgumentParser(); p.add_argument("data"); p.add_argument("--phase", type=int)
a = p.parse_args()
with open(a.data + "/chronology.toml", "rb") as f:
    d = tomli.load(f)
json.dump([e for e in d["events"] if a.phase is None or e.get("phase") == a.phase], sys.stdout)
"""
TOMLI = "import sys, tomli; [tomli.load(open(f, 'rb')) for f in sys.argv[1:]]"


@dataclass
class Row:
    """One line of a report: a case, the ratio target it has (if any) and its memory cap (if any)."""

    key: str
    target: tuple[str, float] | None = None  # (reference key, largest ratio)
    rss_mib: float | None = None
    left_max: int | None = None  # how many processes may be left running (checked when set)


class Report:
    """Collects every group's results and prints them as Markdown tables."""

    def __init__(self) -> None:
        self.failed: list[str] = []

    def table(
        self,
        title: str,
        results: dict[str, Result],
        commands: dict[str, list[str]],
        refs: list[str],
        rows: list[Row],
    ) -> None:
        print(f"\n### {title}\n")
        for key in [*refs, *(r.key for r in rows if r.key not in refs)]:
            if key in commands:
                print(f"- `{key}`: `{shlex.join(commands[key])}`")
        head = ["command", "median", "peak", "left", *(f"× {cell(r)}" for r in refs), "target", "met"]
        print("\n| " + " | ".join(head) + " |\n|" + " --- |" * len(head))
        for key in refs:
            res = results[key]
            print(
                "| "
                + " | ".join([cell(key), res.time_text(), mib(res), str(res.left), *([""] * len(refs)), "", ""])
                + " |"
            )
        for row in rows:
            if row.key in refs:
                continue
            res = results[row.key]
            ratios = [ratio_text(res, results[r]) for r in refs]
            target, met = self.judge(title, row, res, results)
            print(
                "| "
                + " | ".join([cell(row.key), res.time_text(), mib(res), str(res.left), *ratios, target, met])
                + " |"
            )
        sys.stdout.flush()

    def judge(self, title: str, row: Row, res: Result, results: dict[str, Result]) -> tuple[str, str]:
        targets, misses, unknown = [], [], False
        if row.target is not None:
            ref, limit = row.target
            targets.append(f"≤ {limit:g}× {ref}")
            ref_median, median = results[ref].median, res.median
            if res.timed_out:
                misses.append("time")
            elif ref_median is None or median is None:
                unknown = True
            elif median / ref_median > limit:
                misses.append("time")
        if row.rss_mib is not None:
            targets.append(f"≤ {row.rss_mib:g} MiB")
            if res.peak_kib / 1024 > row.rss_mib:
                misses.append("memory")
        if row.left_max is not None:
            targets.append(f"{row.left_max} left")
            if res.left > row.left_max:
                misses.append("processes left")
        if not targets:
            return "", ""
        if misses:
            self.failed.append(f"{title}: {row.key} ({', '.join(misses)})")
            return cell("; ".join(targets)), "no (" + ", ".join(misses) + ")"
        return cell("; ".join(targets)), "?" if unknown else "yes"


def cell(text: str) -> str:
    return text.replace("|", "\\|")  # a pipeline's bar inside a Markdown table cell


def mib(res: Result) -> str:
    return f"{res.peak_kib / 1024:.1f} MiB" if res.samples else "-"


def ratio_text(res: Result, ref: Result) -> str:
    if ref.median is None:
        return "?"
    if res.timed_out:
        return f">{res.cap / ref.median:.1f}"
    return "-" if res.median is None else f"{res.median / ref.median:.2f}"


def chron(folder: Path | None, *args: str) -> list[str]:
    return [CHRON, *(["--data", str(folder)] if folder else []), *args]


# -- datasets ------------------------------------------------------------------------------------


class Datasets:
    """Generated datasets (kept in ``store`` and reused) and this run's private copies of them."""

    def __init__(self, store: Path, work: Path, regenerate: bool) -> None:
        self.store = store
        self.work = work
        self.regenerate = regenerate
        self.copies: dict[int, Path] = {}

    def _key(self) -> str:
        h = hashlib.blake2b(digest_size=12)
        for path in (HERE / "generate.py", ROOT / "data" / "chronology.toml", ROOT / "data" / "sources.toml"):
            h.update(path.read_bytes())
        return h.hexdigest()

    def copy(self, n: int) -> Path:
        """This run's copy of the n-event dataset (generated into the store first if it is not there)."""
        if n in self.copies:
            return self.copies[n]
        folder, stamp = self.store / f"d{n}", self.store / f"d{n}.key"
        key = self._key()
        if self.regenerate or not (folder / "chronology.toml").is_file():
            from generate import generate

            print(f"(generating {n:,} events into {folder})", flush=True)
            fresh = Path(tempfile.mkdtemp(prefix=f".d{n}.", dir=self.store))
            generate(n, fresh)
            if folder.exists():  # moved aside, then removed: a reader never sees a half-made folder
                old = Path(tempfile.mkdtemp(prefix=f".d{n}.old.", dir=self.store))
                folder.rename(old / "d")
                shutil.rmtree(old)
            fresh.rename(folder)
            stamp.write_text(key)
        elif not stamp.is_file() or stamp.read_text() != key:
            print(f"(note: {folder} was made by another generate.py or shipped data; --regenerate remakes it)")
        self.copies[n] = Path(shutil.copytree(folder, self.work / f"d{n}"))
        return self.copies[n]


# -- the groups ------------------------------------------------------------------------------------

EVERYDAY = (
    (["cite", "23", "--format", "json"], 0.5),
    (["note", "23", "--format", "json"], 0.5),
    (["show", "--phase", "2", "--format", "json"], 0.5),
    (["cite", "23"], None),
    (["show", "--phase", "2", "--format", "table"], 0.8),
    (["phases", "--format", "table"], 0.8),
    (["search", "councils", "--format", "table"], None),
    (["--help"], None),
    (["--version"], None),
)


def jrnl_setup(tmp: Path, env: dict[str, str]) -> tuple[list[str], dict[str, str]] | None:
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
    return [exe, "-from", "1956-10-10", "-to", "1956-11-10"], {**env, "XDG_CONFIG_HOME": str(tmp / "config")}


def everyday(bench: Bench, report: Report, runs: int, tmp: Path) -> None:
    minimal = tmp / "minimal.py"
    minimal.write_text(MINIMAL, encoding="utf-8")
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "minimal script": [sys.executable, str(minimal), str(ROOT / "data")],
    }
    envs = {}
    jrnl = jrnl_setup(tmp, bench.env)
    if jrnl is not None:
        commands["jrnl -from -to"], envs["jrnl -from -to"] = jrnl
    rows = []
    for args, limit in EVERYDAY:
        key = "chron " + " ".join(args)
        commands[key] = chron(None, *args)
        rows.append(Row(key, ("jrnl -from -to", limit) if limit and jrnl else None, rss_mib=30))
    complete = "completion: show --phase <TAB>"
    commands[complete] = [CHRON]
    envs[complete] = {**bench.env, "_CHRON_COMPLETE": "complete_bash", "COMP_WORDS": "chron show --phase "}
    envs[complete]["COMP_CWORD"] = "3"
    rows.append(Row(complete, rss_mib=30))
    results = bench.interleaved(commands, runs, envs=envs)
    refs = ["python -c pass", "minimal script", *(["jrnl -from -to"] if jrnl else [])]
    shown = dict(commands)
    for key, env in envs.items():  # show the variables a case adds to the common environment
        shown[key] = ["env", *(f"{k}={v}" for k, v in env.items() if bench.env.get(k) != v), *commands[key]]
    report.table("Shipped data, warm cache", results, shown, refs, rows)
    if jrnl is None:
        print("\njrnl not found (set JRNL=/path/to/jrnl): the jrnl targets are not checked.")


def edit(bench: Bench, report: Report, runs: int, tmp: Path) -> None:
    folder = Path(shutil.copytree(ROOT / "data", tmp / "shipped"))
    editor = Editor(folder / "chronology.toml")
    cases = {
        "show --phase 2 --format json": chron(folder, "show", "--phase", "2", "--format", "json"),
        "cite 23 --format json": chron(folder, "cite", "23", "--format", "json"),
    }
    results: dict[str, Result] = {}
    commands: dict[str, list[str]] = {}
    for name in cases:
        results[f"warm {name}"] = Result(cap=bench.cap)
        results[f"first after edit: {name}"] = Result(cap=bench.cap)
    for _ in range(runs):
        for name, cmd in cases.items():
            bench.settle(cmd)
            results[f"warm {name}"].samples.append(bench.run(cmd))
            editor()
            results[f"first after edit: {name}"].samples.append(bench.run(cmd))
    for name, cmd in cases.items():
        warm, first = f"warm {name}", f"first after edit: {name}"
        commands[warm] = commands[first] = cmd
        report.table(
            f"Shipped data, first call after editing one event: {name}",
            results,
            commands,
            [warm],
            [Row(first, (warm, 2.5), rss_mib=None, left_max=0)],
        )


def warm_group(
    bench: Bench,
    report: Report,
    runs: int,
    title: str,
    folder: Path,
    commands: dict[str, list[str]],
    refs: list[str],
    rows: list[Row],
) -> dict[str, Result]:
    bench.settle(chron(folder, *PRIME))
    results = bench.interleaved(commands, runs)
    report.table(title, results, commands, refs, rows)
    return results


def search(bench: Bench, report: Report, runs: int, data: Datasets, word: str) -> None:
    folder = data.copy(SCALE)
    rg = shutil.which("rg")
    if rg is None:
        print("\nrg not found: the rare-word search is not compared.")
        return
    search_cmd = chron(folder, "search", word, "--in", "events", "-f", "ids")
    ref, key = f"rg -c -i {word}", f"search {word} --in events -f ids"
    commands = {ref: [rg, "-c", "-i", word, str(folder / "chronology.toml")], key: search_cmd}
    warm_group(
        bench,
        report,
        runs,
        f"{SCALE:,} events, warm: a rare word",
        folder,
        commands,
        [ref],
        [Row(key, (ref, 4), rss_mib=150)],
    )
    hits = subprocess.run(search_cmd, capture_output=True, text=True, env=bench.env, check=True).stdout.split()
    lines = subprocess.run(commands[ref], capture_output=True, text=True, check=True).stdout.strip()
    print(f"\n`{word}`: {len(hits):,} of {SCALE:,} events match; rg counts {lines} matching lines.")


def listings(bench: Bench, report: Report, runs: int, data: Datasets) -> None:
    folder = data.copy(SCALE)
    ids, js = "show --phase 2 -f ids", "show --phase 2 -f json"
    commands = {ids: chron(folder, *ids.split()), js: chron(folder, *js.split())}
    rows = []
    for name in ("people", "phases", "tags", "sources"):
        commands[f"{name} -f ids"] = chron(folder, name, "-f", "ids")
        rows.append(Row(f"{name} -f ids", (ids, 1.5), rss_mib=150))
    commands["cite 23 -f json"] = chron(folder, "cite", "23", "-f", "json")
    rows.append(Row("cite 23 -f json", (js, 1.5), rss_mib=150))
    rows += [Row(ids, rss_mib=150), Row(js, rss_mib=150)]
    warm_group(bench, report, runs, f"{SCALE:,} events, warm: listings", folder, commands, [ids, js], rows)


def councils(bench: Bench, report: Report, runs: int, data: Datasets) -> None:
    folder = data.copy(SCALE)
    ids = "show --phase 2 -f ids"
    pipeline = shlex.join(chron(folder, "search", "councils", "-f", "ids")) + " | head -20"
    commands = {
        ids: chron(folder, *ids.split()),
        "search councils --limit 20 -f ids": chron(folder, "search", "councils", "--limit", "20", "-f", "ids"),
        "search councils -f ids | head -20": ["sh", "-c", pipeline],
    }
    rows = [Row(k, (ids, 2), rss_mib=150) for k in list(commands)[1:]]
    warm_group(bench, report, runs, f"{SCALE:,} events, warm: the first 20 hits", folder, commands, [ids], rows)


def html(bench: Bench, report: Report, runs: int, data: Datasets) -> None:
    folder = data.copy(SCALE)
    js = "show --phase 2 -f json"
    commands = {
        js: chron(folder, *js.split()),
        "timeline -f html": chron(folder, "timeline", "-f", "html"),
        "cite 1-2000": chron(folder, "cite", "1-2000"),
    }
    rows = [Row("timeline -f html", (js, 10)), Row("cite 1-2000", (js, 10))]
    warm_group(
        bench, report, runs, f"{SCALE:,} events, warm: issue 13's whole-dataset outputs", folder, commands, [js], rows
    )


def scale_edit(bench: Bench, report: Report, runs: int, data: Datasets) -> None:
    folder = data.copy(SCALE)
    editor = Editor(folder / "chronology.toml")
    cmd = chron(folder, *PRIME)
    names = ("tomli chronology.toml", "tomli both files", "warm show --phase 2 -f ids", "first after edit")
    results = {name: Result(cap=bench.cap) for name in names}
    commands = {
        "tomli chronology.toml": [sys.executable, "-c", TOMLI, str(folder / "chronology.toml")],
        "tomli both files": [
            sys.executable,
            "-c",
            TOMLI,
            str(folder / "chronology.toml"),
            str(folder / "sources.toml"),
        ],
        "warm show --phase 2 -f ids": cmd,
        "first after edit": cmd,
    }
    for _ in range(max(runs, 3)):
        results["tomli chronology.toml"].samples.append(bench.run(commands["tomli chronology.toml"]))
        results["tomli both files"].samples.append(bench.run(commands["tomli both files"]))
        bench.settle(cmd)
        results["warm show --phase 2 -f ids"].samples.append(bench.run(cmd))
        editor()
        results["first after edit"].samples.append(bench.run(cmd))
    rows = [Row("first after edit", ("tomli chronology.toml", 1.5), left_max=0), Row("warm show --phase 2 -f ids")]
    report.table(
        f"{SCALE:,} events: first call after editing one event (show --phase 2 -f ids)",
        results,
        commands,
        ["tomli chronology.toml", "tomli both files"],
        rows,
    )


def growth(bench: Bench, report: Report, runs: int, data: Datasets) -> None:
    rg = shutil.which("rg")
    for n in (1_000, 10_000, SCALE):
        folder = data.copy(n)
        size = sum((folder / f).stat().st_size for f in ("chronology.toml", "sources.toml")) / 2**20
        cmd = chron(folder, *PRIME)
        commands = {
            "tomli both files": [
                sys.executable,
                "-c",
                TOMLI,
                *(str(folder / f) for f in ("chronology.toml", "sources.toml")),
            ]
        }
        if rg:
            commands["rg -c -i councils"] = [rg, "-c", "-i", "councils", str(folder / "chronology.toml")]
        for args in (
            ["show", "--phase", "2"],
            ["show", "--phase", "2", "-f", "json"],
            ["search", "councils", "-f", "json"],
            ["cite", "23", "-f", "json"],
        ):
            commands["warm " + " ".join(args)] = chron(folder, *args)
        bench.settle(cmd)
        results = bench.interleaved(commands, runs)
        editor = Editor(folder / "chronology.toml")
        first = Result(cap=bench.cap)
        for _ in range(max(runs // 2, 3)):
            first.samples.append(first_after_edit(bench, cmd, cmd, editor))
        results["first after edit (show --phase 2 -f ids)"] = first
        results["no cache at all (show --phase 2 -f ids, 1 run)"] = Result([no_cache(bench, cmd)], bench.cap)
        commands["first after edit (show --phase 2 -f ids)"] = commands[
            "no cache at all (show --phase 2 -f ids, 1 run)"
        ] = cmd
        refs: list[str] = [k for k in ("tomli both files", "rg -c -i councils") if k in commands]
        rows = [Row(k) for k in results if k not in refs]
        report.table(f"Growth: {n:,} events, {size:.1f} MiB of TOML", results, commands, refs, rows)


GROUPS = ("everyday", "edit", "search", "listings", "councils", "html", "scale-edit", "growth", "bibliography")


def bibliography(runs: int) -> None:
    """The corpus bibliography in each style against pandoc: benchmarks/citations.py's own table."""
    print("\n## The citation corpus's bibliography against one pandoc call (benchmarks/citations.py)\n", flush=True)
    subprocess.run([sys.executable, str(Path(__file__).with_name("citations.py")), "--runs", str(runs)], check=True)


def one_state(bench: Bench, args: argparse.Namespace, tmp: Path) -> None:
    """Time one chron command at one cache state, ``--runs`` times."""
    folder = Path(shutil.copytree(args.data, tmp / "data")) if args.state == "edit" else Path(args.data).resolve()
    cmd = chron(folder, *args.command)
    prime = chron(folder, *PRIME)
    editor = Editor(folder / "chronology.toml") if args.state == "edit" else None
    result = Result(cap=bench.cap)
    for _ in range(args.runs):
        sample: Sample
        if editor is not None:
            sample = first_after_edit(bench, cmd, prime, editor)
        elif args.state == "nocache":
            sample = no_cache(bench, cmd)
        else:
            bench.settle(prime)
            sample = bench.run(cmd)
        result.samples.append(sample)
        took = ">cap" if sample.seconds is None else f"{sample.seconds * 1000:,.0f} ms"
        print(f"  {took}  {sample.rss_kib / 1024:.1f} MiB  left running: {sample.left}", flush=True)
    print(f"{args.state}: `{shlex.join(cmd)}`: median {result.time_text()}, peak {mib(result)}, left {result.left}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=11, help="runs per command (default 11)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds before a run is killed (default 120)")
    parser.add_argument("--scale", action="store_true", help="run every group, the 100k ones included")
    parser.add_argument("--only", help="comma-separated groups: " + ", ".join(GROUPS))
    parser.add_argument("--data-dir", type=Path, help="where generated datasets are kept (default: a temporary folder)")
    parser.add_argument("--regenerate", action="store_true", help="remake the generated datasets in --data-dir")
    parser.add_argument("--rare-word", default="salgotarjan", help="the rare word for the search group")
    parser.add_argument("--state", choices=("warm", "edit", "nocache"), help="time one command at this cache state")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="with --state: the data folder")
    parser.add_argument("command", nargs="*", help="with --state: chron's arguments (after --)")
    args = parser.parse_args()
    if args.only:
        groups = [g.strip() for g in args.only.split(",")]
        unknown = sorted(set(groups) - set(GROUPS))
        if unknown:
            parser.error(f"unknown groups: {', '.join(unknown)} (choose from {', '.join(GROUPS)})")
    else:
        groups = list(GROUPS) if args.scale else ["everyday", "edit"]
    start = time.time()
    with tempfile.TemporaryDirectory(prefix="chron-bench-") as name:
        tmp = Path(name)
        bench = Bench(tmp / "cache", args.timeout)
        try:
            if args.state:
                one_state(bench, args, tmp)
                return
            print(header(args, bench))
            store = args.data_dir or tmp / "generated"
            store.mkdir(parents=True, exist_ok=True)
            data = Datasets(store, tmp, args.regenerate)
            report = Report()
            for group in groups:
                if group == "everyday":
                    everyday(bench, report, args.runs, tmp)
                elif group == "edit":
                    edit(bench, report, args.runs, tmp)
                elif group == "search":
                    search(bench, report, args.runs, data, args.rare_word)
                elif group == "listings":
                    listings(bench, report, args.runs, data)
                elif group == "councils":
                    councils(bench, report, args.runs, data)
                elif group == "html":
                    html(bench, report, args.runs, data)
                elif group == "scale-edit":
                    scale_edit(bench, report, args.runs, data)
                elif group == "bibliography":
                    bibliography(args.runs)
                else:
                    growth(bench, report, args.runs, data)
            print("\nNot met: " + ("; ".join(report.failed) if report.failed else "none"))
        finally:
            bench.wait_quiet()  # a background writer must not outlive its temporary cache folder
    print(f"\n({time.time() - start:.0f} s; load average at the end {os.getloadavg()[0]:.2f})")


def header(args: argparse.Namespace, bench: Bench) -> str:
    commit = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"], capture_output=True, text=True)
    return (
        f"python: {sys.executable} ({sys.version.split()[0]}); chron: {CHRON} at {commit.stdout.strip() or '?'}\n"
        f"{time.strftime('%Y-%m-%d %H:%M')}; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f}; "
        f"runs: {args.runs}, round-robin; time cap {args.timeout:g} s; medians; peak = largest resident set; "
        "left = processes a run left running\n"
        f"every command runs with CHRON_CACHE_DIR={bench.cache} (fresh for this run) and COLUMNS=100, "
        "stdin from /dev/null, stdout to a pipe"
    )


if __name__ == "__main__":
    main()
