"""Regenerate the two oracles' strings for the shipped works: citeproc.json (citeproc-js) and pandoc.json.

Needs node (with `npm ci` run once in tests/corpus/node) and pandoc (Debian 12: pandoc 2.17); the
tests need neither. Run from the repository root:

    python tests/golden/citations/generate.py

The works (and the text itself) are given to both processors as chron's CSL processor sees them
(chron.citation.adapt, written out as CSL-JSON), with the official styles of tests/corpus/styles
and CSL's en-US locale. For each style it records every work's bibliography entry and its citation
with the locator the text first cites it at: for the note styles the first (full) and a subsequent
(short) note, for the in-text styles the parenthesis; and the text's own entry. A third kind,
`notes`, is every note of the text in order, as one document (positions, prefixes, suffixes).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
CORPUS = ROOT / "tests" / "corpus"
sys.path.insert(0, str(ROOT / "src"))

from chron.citation.adapt import work_item  # noqa: E402  (the source tree, imported by path)
from chron.citation.csl.item import to_csl_json  # noqa: E402
from chron.citation.document import lead_in, suffix_of  # noqa: E402
from chron.load import load_dataset  # noqa: E402

STYLES = {
    "chicago-note": "chicago-notes-bibliography",
    "chicago-note-17th": "chicago-notes-bibliography-17th-edition",
    "chicago-author-date": "chicago-author-date",
    "apa": "apa",
    "mla": "modern-language-association",
    "harvard": "harvard-cite-them-right",
}
NOTE_STYLES = ("chicago-note", "chicago-note-17th")
LOCALE = "en-US"


def corpus_generator() -> Any:
    spec = importlib.util.spec_from_file_location("corpus_generate", CORPUS / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def documents(ds: Any, locator: dict[str, str | None]) -> list[dict[str, Any]]:
    """Every work cited alone in two rounds, and the text's notes in order."""
    works = list(ds.works.values())
    rounds: list[dict[str, Any]] = []
    for _round in range(2):
        for w in works:
            cite: dict[str, Any] = {"id": w.id}
            if locator[w.id]:
                cite.update(locator=locator[w.id], label="page")
            n = len(rounds) + 1
            rounds.append({"citationID": f"r{n}", "citationItems": [cite], "properties": {"noteIndex": n}})
    notes = []
    for note in sorted(ds.notes.values(), key=lambda n: n.n):
        if not note.cites:
            continue
        items = []
        for k, c in enumerate(note.cites):  # as chron makes a CSL citation of a note
            item: dict[str, Any] = {"id": c.work}
            if c.locator:
                item.update(locator=c.locator, label=c.label or "page")
            if c.prefix:
                item["prefix"] = lead_in(c.prefix) if k else c.prefix
            if c.suffix:
                item["suffix"] = suffix_of(c.suffix)
            items.append(item)
        notes.append({"citationID": f"n{note.n}", "citationItems": items, "properties": {"noteIndex": note.n}})
    return [{"id": "rounds", "citations": rounds}, {"id": "notes", "citations": notes}]


def main() -> None:
    gen = corpus_generator()
    ds = load_dataset(ROOT / "data", use_cache=False)
    works = list(ds.works.values())
    items = [to_csl_json(work_item(w)) for w in works]
    article = [to_csl_json(work_item(ds.article))]
    locator: dict[str, str | None] = {w.id: None for w in works}
    for note in sorted(ds.notes.values(), key=lambda n: n.n):
        for c in note.cites:
            if c.locator and locator.get(c.work) is None:
                locator[c.work] = c.locator
    docs = documents(ds, locator)
    note_ids = [c["citationID"] for c in docs[1]["citations"]]
    out: dict[str, dict[str, Any]] = {
        "citeproc-js": {"version": gen.citeproc_js_version(), "locator": locator, "styles": {}},
        "pandoc": {"version": gen.pandoc_version(), "locator": locator, "styles": {}},
    }
    with ThreadPoolExecutor(max_workers=2) as pool:
        for name, csl in STYLES.items():
            path = CORPUS / "styles" / f"{csl}.csl"
            note_style = name in NOTE_STYLES
            js_docs = [{"id": d["id"], "citations": d["citations"]} for d in docs]
            if not note_style:  # citeproc-js renders in-text citations outside notes
                for d in js_docs:
                    d["citations"] = [{**c, "properties": {"noteIndex": 0}} for c in d["citations"]]
            js = gen.citeproc_js(path.read_text(encoding="utf-8"), LOCALE, items, js_docs, True, note_style)
            js_article = gen.citeproc_js(path.read_text(encoding="utf-8"), LOCALE, article, [], True, note_style)
            pd = gen.pandoc_render(path, LOCALE, items, docs, True, note_style, pool)
            pd_article = gen.pandoc_render(path, LOCALE, article, [], True, note_style, pool)
            for oracle, found, alone in (("citeproc-js", js, js_article), ("pandoc", pd, pd_article)):
                rounds = found["documents"]["rounds"]
                n = len(works)
                entry: dict[str, Any] = {
                    "csl": csl,
                    "bibliography": found["bibliography"]["entries"],
                    "order": found["bibliography"]["order"],
                    "first": {w.id: rounds[i] for i, w in enumerate(works)},
                    "subsequent": {w.id: rounds[n + i] for i, w in enumerate(works)},
                    "notes": dict(zip(note_ids, found["documents"]["notes"], strict=True)),
                    "article": alone["bibliography"]["entries"].get(ds.article.id, ""),
                }
                out[oracle]["styles"][name] = entry
            print(f"{name}: done", file=sys.stderr)
    for oracle, data in out.items():
        target = HERE / f"{'citeproc' if oracle == 'citeproc-js' else 'pandoc'}.json"
        target.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
