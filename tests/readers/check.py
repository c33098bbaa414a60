"""Check chron's pictures and exports in the tools readers use, and write a report.

- TimelineJS3 (npm ``@knight-lab/timelinejs`` 3.9.x) loads ``chron timeline -f timelinejs`` in
  headless Chromium: how many slides it shows, and whether each slide's date label has a year.
- markwhen's own parser (npm ``@markwhen/parser``) reads ``chron timeline -f markwhen``: the title
  header, the phase sections, and each event's title, tags and description as chron wrote them.
- Headless Chromium prints ``chron timeline -f html`` to PDF, with its script and without it (the
  print stylesheet alone); ``pdftotext`` then shows whether every event's quote and every note
  printed.

Not part of the test suite (it needs node packages and a browser, and no network). Set up once:

    npm install --prefix /work/node-tools @markwhen/parser @knight-lab/timelinejs@3.9
    apt-get install -y chromium poppler-utils

then run ``python tests/readers/check.py [--node-tools DIR] [--report FILE]``. It exits 1 when a
check fails. docs/timeline.md records its last report.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
YEAR = re.compile(r"\d{4}")


@dataclass
class Report:
    """Rows of (reader, check, result, ok), written as a Markdown table."""

    rows: list[tuple[str, str, str, bool]] = field(default_factory=list)

    def add(self, reader: str, check: str, result: str, ok: bool) -> None:
        self.rows.append((reader, check, result, ok))
        print(f"{'ok  ' if ok else 'FAIL'} {reader}: {check}: {result}", file=sys.stderr)

    def markdown(self, title: str) -> str:
        lines = [f"# {title}", "", "| reader | check | result | |", "| --- | --- | --- | --- |"]
        lines += [f"| {r} | {c} | {v} | {'ok' if ok else '**fails**'} |" for r, c, v, ok in self.rows]
        return "\n".join(lines) + "\n"

    @property
    def ok(self) -> bool:
        return all(ok for *_, ok in self.rows)


def chron(*args: str) -> str:
    """What ``chron ARGS`` prints (the chron this Python imports)."""
    done = subprocess.run([sys.executable, "-m", "chron", *args], capture_output=True, text=True, check=True)
    return done.stdout


def squeeze(text: str) -> str:
    """Text without whitespace or hyphens, for finding words a PDF's lines and pages broke anywhere
    (pdftotext joins a word hyphenated at a line's end without its hyphen)."""
    return re.sub(r"[\s\-\u00ad]+", "", text)


def version(tools: Path, package: str) -> str:
    data = json.loads((tools / "node_modules" / package / "package.json").read_text(encoding="utf-8"))
    return f"{package} {data['version']}"


def chromium(binary: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([binary, *CHROMIUM_FLAGS, *args], capture_output=True, text=True, timeout=300)


# ------------------------------------------------------------------ TimelineJS3


def check_timelinejs(report: Report, tools: Path, browser: str, work: Path, events: list[dict[str, Any]]) -> None:
    reader = f"{version(tools, '@knight-lab/timelinejs')} in headless Chromium"
    dist = tools / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
    data = chron("timeline", "-f", "timelinejs")
    page = work / "timelinejs.html"
    page.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<link rel='stylesheet' href='{(dist / 'css' / 'timeline.css').as_uri()}'>"
        f"<script src='{(dist / 'js' / 'timeline.js').as_uri()}'></script></head>"
        "<body><div id='tl' style='width:1200px;height:700px'></div><script>"
        f"new TL.Timeline('tl', {data}, {{script_path: '{(dist / 'js').as_uri()}/'}});"
        "</script></body></html>",
        encoding="utf-8",
    )
    dom = chromium(browser, "--virtual-time-budget=20000", "--dump-dom", page.as_uri()).stdout
    labels = [
        html.unescape(re.sub(r"<[^>]+>", "", x)) for x in re.findall(r'<h3 class="tl-headline-date">(.*?)</h3>', dom)
    ]
    slides = labels[1:]  # the first slide is the title slide, which has no date
    report.add(
        reader, "slides shown", f"{len(labels)} (a title slide and {len(slides)} events)", len(slides) == len(events)
    )
    dated = [x for x in slides if YEAR.search(x)]
    missing = [x for x in slides if not YEAR.search(x)][:3]
    report.add(
        reader,
        "date labels showing a year",
        f"{len(dated)} of {len(slides)}" + (f" (e.g. {', '.join(repr(x) for x in missing)})" if missing else ""),
        bool(slides) and len(dated) == len(slides),
    )
    rendered = re.sub(r"<script\b.*?</script>", "", dom, flags=re.S)  # not the data handed to it
    wording = rendered.count("The text dates it:")
    report.add(reader, "slides with the text’s wording of the date in their text", f"{wording}", wording == len(events))


# ------------------------------------------------------------------ markwhen


def walk(node: dict[str, Any], path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], dict[str, Any]]]:
    """Every event of the parsed tree with the groups it sits in."""
    if "children" in node:
        inner = (*path, node["group"]) if node["group"] else path
        return [pair for child in node["children"] for pair in walk(child, inner)]
    return [(path, node)]


def check_markwhen(report: Report, tools: Path, work: Path, ds: Any, events: list[dict[str, Any]]) -> None:
    reader = version(tools, "@markwhen/parser")
    text = chron("timeline", "-f", "markwhen")
    source = work / "timeline.mw"
    source.write_text(text, encoding="utf-8")
    done = subprocess.run(
        ["node", str(HERE / "markwhen.mjs"), str(tools), str(source)], capture_output=True, text=True, check=True
    )
    parsed = json.loads(done.stdout)
    errors = [m for m in parsed["messages"] if m.get("type") == "error"]
    report.add(
        reader, "parse errors", f"{len(errors)}" + (f": {errors[0]['message'][:80]!r}" if errors else ""), not errors
    )
    title = parsed["header"].get("title")
    report.add(reader, "title in the header", repr(title), title == ds.title)
    found = walk(parsed["root"])
    groups = sorted({path[-1] for path, _ in found if path})
    expected_groups = sorted({f"{p.n} · {p.name}" for p in ds.phases if any(e["phase"] == p.n for e in events)})
    report.add(reader, "phase groups", f"{len(groups)} of {len(expected_groups)}", groups == expected_groups)
    by_title = {f"{e['title']} (the text: “{e['date_text']}”)": e for e in events}
    exact = marked = 0
    for path, ev in found:
        want = by_title.get(ev["title"])
        if want is None:
            continue
        phase = next((f"{p.n} · {p.name}" for p in ds.phases if p.n == want["phase"]), None)
        # chron marks a description as text with a leading ". " where markwhen could read it as syntax
        described = [d.removeprefix(". ") if d else d for d in ev["description"]]
        marked += ev["description"] != described
        same = (
            ev["tags"] == [t.replace("-", "_") for t in want["tags"]]
            and not ev["properties"]
            and described == [want["summary"]]
            and (path[-1] if path else None) == phase
        )
        exact += same
    report.add(
        reader,
        "events read with their title, tags, description and group",
        f"{exact} of {len(events)} ({marked} description marked as text with a leading '. ')",
        exact == len(events),
    )
    stray = sum(
        1 for _, ev in found for line in ev["description"] if (line or "").strip() in ("endGroup", "endSection")
    )
    report.add(reader, "group endings read as description text", f"{stray}", stray == 0)


# ------------------------------------------------------------------ printing the HTML page


def check_print(report: Report, browser: str, work: Path, ds: Any, events: list[dict[str, Any]]) -> None:
    reader = "headless Chromium printing the HTML page"
    page = chron("timeline", "-f", "html")
    variants = {
        "with its script": page,
        "with the script removed": re.sub(r"<script>.*?</script>", "", page, flags=re.S),
    }
    for label, text in variants.items():
        source = work / f"page-{len(label)}.html"
        source.write_text(text, encoding="utf-8")
        pdf = work / f"page-{len(label)}.pdf"
        chromium(browser, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", source.as_uri())
        if not pdf.is_file():
            report.add(reader, f"PDF {label}", "not written", False)
            continue
        printed = squeeze(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout)
        pages = re.search(
            r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        )
        quotes = sum(squeeze(html.unescape(e["quote"])) in printed for e in events)
        notes = sorted({n for e in events for n in e["notes"]})
        note_texts = sum(squeeze(f"Note {n}: {ds.notes[n].text}") in printed for n in notes)
        counted = f"{quotes} of {len(events)} quotes, {note_texts} of {len(notes)} notes"
        report.add(
            reader,
            f"{label}: quotes and notes printed",
            f"{counted}, {pages.group(1) if pages else '?'} pages",
            quotes == len(events) and note_texts == len(notes),
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--node-tools", type=Path, default=Path("/work/node-tools"), help="where npm installed the packages"
    )
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium", help="the Chromium binary")
    parser.add_argument("--report", type=Path, help="write the Markdown report here (default: stdout)")
    args = parser.parse_args()

    from chron import __version__
    from chron.cli.context import default_data_dir
    from chron.load import load_dataset

    ds = load_dataset(default_data_dir(), use_cache=False)
    events = json.loads(chron("show", "-f", "json"))
    browser = str(Path(args.chromium).resolve())
    if Path("/usr/lib/chromium/chromium").is_file() and browser == "/usr/bin/chromium":
        browser = "/usr/lib/chromium/chromium"  # Debian's wrapper script mangles some flags
    report = Report()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        check_timelinejs(report, args.node_tools, browser, work, events)
        check_markwhen(report, args.node_tools, work, ds, events)
        check_print(report, browser, work, ds, events)
    browser_version = chromium(browser, "--version").stdout.strip() or browser
    text = report.markdown(f"Readers' check: chron {__version__}, {len(events)} events, {browser_version}")
    if args.report:
        args.report.write_text(text, encoding="utf-8")
    else:
        print(text)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
