"""The Haynes works against the two oracles' committed strings (tests/golden/citations/), without the tools.

`chron_strings()` is what chron prints for every string citeproc-js and pandoc printed (generate.py
made them), `oracle_strings(oracle)` what the oracle printed, `listed(oracle)` the differences that
deviations.toml classes. `earlier_comparison()` counts the strings of the comparison with pandoc
made before the CSL processor (the issue's "303/308"): `python -m tests.haynes_oracles` prints the
count for docs/citations.md and every string where chron prints neither oracle's string, with its class.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import tomli

from chron import citation
from chron.load import load_dataset
from tests.corpus.goldens import normalise

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "citations"
ORACLES = {
    name: json.loads((GOLDEN / f"{file}.json").read_text(encoding="utf-8"))
    for name, file in (("citeproc-js", "citeproc"), ("pandoc", "pandoc"))
}
DEVIATIONS: dict[str, Any] = tomli.loads((GOLDEN / "deviations.toml").read_text(encoding="utf-8"))
Key = tuple[str, str, str]
"""(style, kind, work id or note) where kind is bibliography, first, subsequent, notes or article."""

EARLIER_STYLES = ("chicago-note", "chicago-author-date", "apa", "mla", "harvard")
"""The styles of the comparison with pandoc made before the CSL processor: Chicago notes and four in-text styles."""


@cache
def chron_strings() -> dict[Key, str]:
    """What chron prints for every string the oracles printed (HTML)."""
    ds = load_dataset(ROOT / "data", use_cache=False)
    ctx = citation.context(ds)
    locator = ORACLES["citeproc-js"]["locator"]
    out: dict[Key, str] = {}
    for style, entry in ORACLES["citeproc-js"]["styles"].items():
        for work, text in citation.bibliography(style, ctx):
            out[(style, "bibliography", work.id)] = text.html()
        for work in ds.works.values():
            out[(style, "first", work.id)] = citation.citation(style, ctx, work, locator[work.id]).html()
            if not citation.find_style(style).in_text:
                short = citation.citation(style, ctx, work, locator[work.id], short=True)
                out[(style, "subsequent", work.id)] = short.html()
        for note in entry["notes"]:
            out[(style, "notes", note)] = citation.format_note(style, ds, ctx, ds.notes[int(note[1:])]).text.html()
        out[(style, "article", ds.article.id)] = citation.reference(
            style, citation.Context([ds.article]), ds.article
        ).html()
    return out


def oracle_strings(oracle: str) -> dict[Key, str]:
    """What the oracle printed, by key."""
    data = ORACLES[oracle]["styles"]
    out: dict[Key, str] = {}
    for style, entry in data.items():
        in_text = citation.find_style(style).in_text
        for kind in ("bibliography", "first", "subsequent", "notes"):
            if kind == "subsequent" and in_text:
                continue
            for key, text in entry[kind].items():
                out[(style, kind, key)] = text
        out[(style, "article", "haynes2006")] = entry["article"]
    return out


def listed(oracle: str) -> dict[Key, str]:
    """The differences from the oracle that deviations.toml lists, with their class."""
    return {(d["style"], d["kind"], d["key"]): d["class"] for d in DEVIATIONS["deviation"] if d["oracle"] == oracle}


def differences(oracle: str) -> set[Key]:
    """The keys where chron prints something else than the oracle."""
    ours = chron_strings()
    return {k for k, v in oracle_strings(oracle).items() if normalise(v) != normalise(ours.get(k, ""))}


@dataclass(frozen=True)
class Agreement:
    """chron against pandoc on the strings of the earlier comparison."""

    total: int
    same: int
    """chron prints pandoc's string."""
    pandoc_departs: int
    """chron prints citeproc-js's string where pandoc prints another."""
    neither: tuple[Key, ...]
    """chron prints neither oracle's string."""


def earlier_comparison() -> Agreement:
    """Every work's entry and citation (Chicago notes: also its short note) and the article's entry, in the
    styles of the earlier comparison, counted against pandoc, with citeproc-js where pandoc differs."""
    ours, pd, js = chron_strings(), oracle_strings("pandoc"), oracle_strings("citeproc-js")
    keys = [
        k
        for k in pd
        if k[0] in EARLIER_STYLES and k[1] != "notes" and not (k[0] != "chicago-note" and k[1] == "subsequent")
    ]
    same = [k for k in keys if normalise(ours[k]) == normalise(pd[k])]
    departs = [k for k in keys if k not in same and normalise(ours[k]) == normalise(js[k])]
    neither = tuple(sorted(k for k in keys if k not in same and k not in departs))
    return Agreement(len(keys), len(same), len(departs), neither)


def main() -> None:
    """Print the count and the strings where chron prints neither oracle's string."""
    a = earlier_comparison()
    print(
        f"{a.total} strings: chron prints pandoc's string in {a.same}, citeproc-js's where pandoc departs from it "
        f"in {a.pandoc_departs} more ({a.same + a.pandoc_departs}); neither in {len(a.neither)}:"
    )
    classes = listed("pandoc")
    for key in a.neither:
        print(f"  {' '.join(key)}: {classes.get(key, 'NOT LISTED')}")


if __name__ == "__main__":
    main()
