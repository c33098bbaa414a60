"""The whole bibliography of the citation corpus in one style: chron's CSL processor against pandoc.

    python benchmarks/citations.py                          # every corpus style, 5 runs each
    python benchmarks/citations.py --style apa --runs 11

For each style it times, as whole processes and round-robin so that load on a shared machine falls
on both alike, (a) chron rendering the bibliography of all 345 items of tests/corpus/items.json
(a fresh Python process: importing chron's CSL processor, reading the style and locale through its
cache, disambiguation, sorting, every entry) and (b) one `pandoc --citeproc` call rendering the same
bibliography (`nocite: '@*'`) with the same CSL file. It prints the medians, chron's time in-process
(importing the processor and rendering, without Python's start-up; as wall time and as the
process's CPU time, which load on a shared machine disturbs less), and chron's time as a share of
pandoc's; the target is at most 0.1. Without pandoc it prints chron's times only. Run it with the
virtualenv's python.

Speed notes. A fresh process pays Python's start-up and the import of ``chron.citation`` (which
brings the CSL processor and, through the package, chron's citation and model modules): about
0.1 s before any rendering, which alone is near 0.1 of pandoc's time for styles pandoc renders
in about a second (APA, Harvard, MLA), so there the target cannot be met by rendering faster. The
processor renders each item about three times for the bibliography (its cite for disambiguation,
its entry, and the sort keys a comparison needs); conditions, choices by type, sort keys and title
case are made to cost little per rendering (see ``render.Condition``, ``render.Choose``,
``sort.Values``).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
STYLES = [p.stem for p in sorted((CORPUS / "styles").glob("*.csl"))]
TARGET = 0.1

CHRON = """
import json, sys, time
start, cpu = time.perf_counter(), time.process_time()
from chron.citation.csl import files
from chron.citation.csl.engine import Processor
from chron.citation.csl.item import from_csl_json
style = files.shipped_style(sys.argv[1])
items = [from_csl_json(i) for i in json.loads(open(sys.argv[2], encoding="utf-8").read())]
entries = Processor(style, files.locale("en-US", style), items).bibliography()
html = "\\n".join(text.html() for _, text in entries)
print(f"{time.perf_counter() - start:.4f} {len(entries)} {time.process_time() - cpu:.4f}")
"""


def run(cmd: list[str], stdin: str | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, input=stdin, capture_output=True, text=True, check=True)
    return time.perf_counter() - start, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--style", action="append", choices=STYLES, help="a corpus style (default: all)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    pandoc = shutil.which("pandoc")
    items = CORPUS / "items.json"
    print(
        "| style | entries | chron (process) | chron (rendering) | chron (rendering, CPU) | pandoc (process) |"
        " chron / pandoc |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        bib = Path(tmp) / "items.json"
        bib.write_text(json.dumps(json.loads(items.read_text(encoding="utf-8"))), encoding="utf-8")
        for style in args.style or STYLES:
            csl = CORPUS / "styles" / f"{style}.csl"
            ours: list[float] = []
            inner: list[float] = []
            cpu: list[float] = []
            theirs: list[float] = []
            count = "?"
            run([sys.executable, "-c", CHRON, style, str(items)])  # fill chron's cache first
            for _ in range(args.runs):
                took, out = run([sys.executable, "-c", CHRON, style, str(items)])
                ours.append(took)
                inner.append(float(out.split()[0]))
                cpu.append(float(out.split()[2]))
                count = out.split()[1]
                if pandoc:
                    cmd = [pandoc, "--citeproc", "--csl", str(csl), "--bibliography", str(bib), "-t", "html"]
                    theirs.append(run(cmd, "---\nnocite: '@*'\n---\n\nx\n")[0])
            a, b, d = statistics.median(ours), statistics.median(inner), statistics.median(cpu)
            if theirs:
                c = statistics.median(theirs)
                mark = "met" if a / c <= TARGET else "NOT met"
                print(f"| {style} | {count} | {a:.3f} s | {b:.3f} s | {d:.3f} s | {c:.3f} s | {a / c:.3f} ({mark}) |")
            else:
                print(f"| {style} | {count} | {a:.3f} s | {b:.3f} s | {d:.3f} s | (no pandoc) | |")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
