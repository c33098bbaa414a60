"""chron's CSL processor on the corpus, rendered as the oracles were, and compared with their goldens.

`render(style, locale)` gives chron's HTML for every golden key (the bibliography's entries, the
first and subsequent citation of every item, every citation of every sequence), set up as
`generate.py` set up citeproc-js: the whole corpus registered for the bibliography, all items
cited twice in one document, each sequence a document of its own, in-text styles outside notes.
`compare()` counts agreement; `python -m tests.corpus.chron` prints the table for docs/citations.md.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from chron.citation.csl import files
from chron.citation.csl.engine import Citation, CiteItem, Processor
from chron.citation.csl.item import from_csl_json
from tests.corpus import goldens

Key = tuple[str, str]
"""(kind, key): ("bibliography", item id), ("first", item id), ("sequence", "sequence-id#3")."""


def citations(doc: list[dict[str, Any]], note_style: bool) -> list[Citation]:
    """CSL citation objects as the processor's citations (in-text ones outside notes, as citeproc-js had them)."""
    out = []
    for c in doc:
        cites = tuple(
            CiteItem(
                ci["id"],
                str(ci.get("locator", "")),
                ci.get("label", ""),
                ci.get("prefix", ""),
                ci.get("suffix", ""),
                bool(ci.get("suppress-author")),
            )
            for ci in c["citationItems"]
        )
        out.append(Citation(cites, c["properties"]["noteIndex"] if note_style else 0))
    return out


@cache
def render(style: str, locale: str) -> dict[Key, str]:
    """chron's HTML for every golden of the style and locale."""
    csl = files.shipped_style(style)
    loc = files.locale(locale, csl)
    items = [from_csl_json(i) for i in goldens.items()]
    proc = Processor(csl, loc, items)
    out: dict[Key, str] = {}
    entries = dict(proc.bibliography())
    for item in items:
        out[("bibliography", item.id)] = entries[item.id].html() if item.id in entries else ""
    rounds: list[Citation] = []
    for _ in range(2):
        for raw in goldens.items():
            page = goldens.item_locator(raw)
            rounds.append(Citation((CiteItem(raw["id"], page or "", "page" if page else ""),), len(rounds) + 1))
    if not csl.note:
        rounds = [Citation(c.items, 0) for c in rounds]
    texts = proc.document(rounds)
    n = len(items)
    for i, item in enumerate(items):
        out[("first", item.id)] = texts[i].html()
        out[("subsequent", item.id)] = texts[n + i].html()
    for seq in goldens.sequences():
        cited = {ci["id"] for c in seq["citations"] for ci in c["citationItems"]}
        alone = Processor(csl, loc, [i for i in items if i.id in cited])
        for k, text in enumerate(alone.document(citations(seq["citations"], csl.note)), 1):
            out[("sequence", f"{seq['id']}#{k}")] = text.html()
    return out


def golden(oracle: str, style: str, locale: str) -> dict[Key, str]:
    """An oracle's HTML under the same keys."""
    out: dict[Key, str] = {}
    for raw in goldens.items():
        for kind in ("bibliography", "first", "subsequent"):
            out[(kind, raw["id"])] = goldens.golden(oracle, style, locale, kind, raw["id"])
    for seq in goldens.sequences():
        for k, text in enumerate(goldens.golden(oracle, style, locale, "sequence", seq["id"]), 1):
            out[("sequence", f"{seq['id']}#{k}")] = text
    return out


@dataclass
class Agreement:
    """How often chron printed what an oracle printed, per kind."""

    same: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    differ: list[Key] = field(default_factory=list)

    def add(self, key: Key, equal: bool) -> None:
        self.total[key[0]] = self.total.get(key[0], 0) + 1
        self.same[key[0]] = self.same.get(key[0], 0) + equal
        if not equal:
            self.differ.append(key)

    def share(self, kind: str) -> float:
        return self.same.get(kind, 0) / self.total[kind] if self.total.get(kind) else 1.0

    def cell(self, kind: str) -> str:
        return f"{self.same.get(kind, 0)}/{self.total.get(kind, 0)} ({100 * self.share(kind):.1f}%)"


def compare(style: str, locale: str, oracle: str = "citeproc-js", *, where_right: bool = False) -> Agreement:
    """chron against an oracle; ``where_right``: only where pandoc printed what citeproc-js printed."""
    ours = render(style, locale)
    theirs = golden(oracle, style, locale)
    reference = golden("citeproc-js", style, locale) if where_right else theirs
    found = Agreement()
    for key, text in ours.items():
        want = goldens.normalise(theirs[key])
        if where_right and want != goldens.normalise(reference[key]):
            continue
        found.add(key, goldens.normalise(text) == want)
    return found


KINDS = ("bibliography", "first", "subsequent", "sequence")


def table() -> str:
    """The agreement table of docs/citations.md, against both oracles."""
    lines = [
        "| style | locale | oracle | bibliography | first | subsequent | sequence citations |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for style in goldens.STYLES:
        for locale in goldens.LOCALES:
            for oracle, right in (("citeproc-js", False), ("pandoc", False), ("pandoc where right", True)):
                found = compare(style, locale, "pandoc" if right else oracle, where_right=right)
                cells = " | ".join(found.cell(k) for k in KINDS)
                lines.append(f"| {style} | {locale} | {oracle} | {cells} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(table() + "\n")
