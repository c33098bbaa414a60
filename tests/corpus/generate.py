"""Regenerate the corpus goldens: every item and sequence rendered by citeproc-js and by pandoc.

Needs node (with `npm ci` run once in tests/corpus/node) and pandoc; the tests need neither. Run
from the repository root:

    python tests/corpus/generate.py            # both oracles, every style and locale
    python tests/corpus/generate.py --only pandoc --style apa

For each oracle, style (the .csl files in styles/) and locale (en-US, en-GB) it records, as HTML:
every item's bibliography entry and the bibliography's order; every item cited alone twice (the
first and the subsequent citation, in notes for note styles, in parentheses otherwise); every
sequence of sequences.json as one document, each citation as rendered in order. It writes
goldens/<oracle>/<style>.json and agreement.md, the table of how often the two oracles agree.

Before rendering it checks that pandoc's Markdown says what each CSL citation item says (prefix,
locator, label, suffix, suppressed author): both oracles render every citation with a probe style
that prints those parts, and must print the same.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import goldens  # type: ignore[import-not-found]  # noqa: E402  (the loader beside this script, imported by path)

NODE_SCRIPT = HERE / "citeproc.mjs"
ITEMS_DOC = "__items__"

# pandoc reads a locator's label from the words before it; these are en-US short terms pandoc 2.17
# reads back as the same label (the probe checks). It cannot express sub-verbo, issue, table or
# timestamp, so the sequences do not use them.
PANDOC_LABEL = {
    "book": "bk.",
    "chapter": "chap.",
    "column": "col.",
    "figure": "fig.",
    "folio": "fol.",
    "line": "l.",
    "note": "n.",
    "opus": "op.",
    "paragraph": "para.",
    "part": "pt.",
    "section": "sec.",
    "verse": "v.",
    "volume": "vol.",
}

PROBE_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>probe</title><id>probe</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation>
    <layout delimiter=" ## ">
      <group delimiter="|">
        <text value="{"/>
        <names variable="author"><name form="short"/></names>
        <text variable="title"/>
        <text variable="container-title"/>
        <group delimiter="|">
          <label variable="locator" form="long"/>
          <text variable="locator"/>
        </group>
        <text value="}"/>
      </group>
    </layout>
  </citation>
</style>
"""


# ------------------------------------------------------------------ the documents to render


def item_documents(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Every item cited alone, once in a first round and once more in a second, each in its own note."""
    citations: list[dict[str, Any]] = []
    for round_ in range(2):
        for item in items:
            cite: dict[str, Any] = {"id": item["id"]}
            loc = goldens.item_locator(item)
            if loc:
                cite.update(locator=loc, label="page")
            n = len(citations) + 1
            citations.append(
                {"citationID": f"{ITEMS_DOC}-{n}", "citationItems": [cite], "properties": {"noteIndex": n}}
            )
        del round_
    return {"id": ITEMS_DOC, "citations": citations}


def cited_items(doc: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    ids = dict.fromkeys(ci["id"] for c in doc["citations"] for ci in c["citationItems"])
    return [by_id[i] for i in ids]


def split_items(rendered: list[str], items: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    n = len(items)
    assert len(rendered) == 2 * n, (len(rendered), n)
    return {it["id"]: {"first": rendered[i], "subsequent": rendered[n + i]} for i, it in enumerate(items)}


# ------------------------------------------------------------------ citeproc-js


def citeproc_js(
    style_xml: str,
    locale: str,
    items: list[dict[str, Any]],
    docs: Iterable[dict[str, Any]],
    bibliography: bool,
    note_style: bool,
) -> dict[str, Any]:
    locales = {tag: (HERE / "locales" / f"locales-{tag}.xml").read_text(encoding="utf-8") for tag in goldens.LOCALES}
    job = {
        "style": style_xml,
        "lang": locale,
        "locales": locales,
        "items": items,
        "noteStyle": note_style,
        "bibliography": bibliography,
        "documents": list(docs),
    }
    result = subprocess.run(
        ["node", str(NODE_SCRIPT)], input=json.dumps(job), capture_output=True, text=True, check=True
    )
    out: dict[str, Any] = json.loads(result.stdout)
    return out


def citeproc_js_version() -> str:
    lock = json.loads((HERE / "node" / "package-lock.json").read_text(encoding="utf-8"))
    return f"citeproc-js {lock['packages']['node_modules/citeproc']['version']}"


# ------------------------------------------------------------------ pandoc


def md_cite(ci: dict[str, Any]) -> str:
    """One CSL citation item as pandoc Markdown (the probe checks that pandoc reads it back the same)."""
    for part in ("prefix", "suffix", "locator"):
        if re.search(r"[\[\];@{}]", ci.get(part, "")):
            raise ValueError(f"{ci['id']}: pandoc cannot take {part} {ci[part]!r} (brackets, braces, ; or @)")
    out: str = f"{ci['prefix']} " if ci.get("prefix") else ""
    out += ("-@" if ci.get("suppress-author") else "@") + ci["id"]
    if ci.get("locator"):
        label = ci.get("label", "page")
        out += f", {{{ci['locator']}}}" if label == "page" else f", {PANDOC_LABEL[label]} {ci['locator']}"
    suffix = ci.get("suffix", "")
    if suffix:
        out += suffix if suffix[0] in ", " else f" {suffix}"
    return out


def md_document(doc: dict[str, Any], locale: str) -> str:
    paras = [f"C{n}[{'; '.join(md_cite(ci) for ci in c['citationItems'])}]." for n, c in enumerate(doc["citations"], 1)]
    return f"---\nlang: {locale}\n---\n\n" + "\n\n".join(paras) + "\n"


def run_pandoc(markdown: str, csl: Path, items: list[dict[str, Any]]) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        bib = Path(tmp) / "items.json"
        bib.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        result = subprocess.run(
            ["pandoc", "--citeproc", "--csl", str(csl), "--bibliography", str(bib),
             "-f", "markdown", "-t", "html", "--wrap=none"],
            input=markdown, capture_output=True, text=True, check=True,
        )  # fmt: skip
    return result.stdout


_SPAN = re.compile(r"<span\b|</span>")


def pandoc_citations(body: str, note_style: bool, count: int) -> list[str]:
    """The rendered citations of a pandoc HTML body in document order: footnote texts for note
    styles, the contents of the citation spans otherwise."""
    if note_style:
        notes = re.findall(r'<li id="fn(\d+)"[^>]*>(.*?)</li>', body, re.S)
        texts = []
        for _, inner in sorted(notes, key=lambda n: int(n[0])):
            inner = re.sub(r'<a href="#fnref\d+"[^>]*>.*?</a>', "", inner, flags=re.S).strip()
            inner = re.sub(r"^<p>(.*)</p>$", r"\1", inner, flags=re.S).strip()
            texts.append(inner)
        out = texts
    else:
        out = []
        for m in re.finditer(r'<span class="citation" data-cites="[^"]*">', body):
            depth, i = 1, m.end()
            while depth:
                nxt = _SPAN.search(body, i)
                assert nxt is not None
                depth += -1 if nxt.group() == "</span>" else 1
                i = nxt.end()
            out.append(body[m.end() : i - len("</span>")].strip())
    assert len(out) == count, (len(out), count)
    return out


def pandoc_bibliography(body: str) -> dict[str, Any]:
    entries = {
        m.group(1): m.group(2).strip()
        for m in re.finditer(r'<div id="ref-([^"]+)" class="csl-entry"[^>]*>\s*(.*?)\s*</div>', body, re.S)
    }
    # pandoc keeps an empty entry for an item with no printed form; citeproc-js leaves it out.
    printed = {k: v for k, v in entries.items() if v}
    return {"order": list(printed), "entries": printed}


def pandoc_version() -> str:
    out = subprocess.run(["pandoc", "--version"], capture_output=True, text=True, check=True).stdout
    return out.splitlines()[0]


def pandoc_render(
    csl: Path,
    locale: str,
    items: list[dict[str, Any]],
    docs: list[dict[str, Any]],
    bibliography: bool,
    note_style: bool,
    pool: ThreadPoolExecutor,
) -> dict[str, Any]:
    by_id = {it["id"]: it for it in items}

    def one(doc: dict[str, Any]) -> list[str]:
        body = run_pandoc(md_document(doc, locale), csl, cited_items(doc, by_id))
        return pandoc_citations(body, note_style, len(doc["citations"]))

    out: dict[str, Any] = {"documents": dict(zip([d["id"] for d in docs], pool.map(one, docs), strict=True))}
    if bibliography:
        body = run_pandoc(f"---\nlang: {locale}\nnocite: '@*'\n---\n\nx\n", csl, items)
        out["bibliography"] = pandoc_bibliography(body)
    return out


# ------------------------------------------------------------------ the probe


def check_probe(items: list[dict[str, Any]], docs: list[dict[str, Any]], pool: ThreadPoolExecutor) -> None:
    """Both oracles print the same parts of every citation item with the probe style, so the Markdown
    that pandoc is given says what the CSL citation says."""
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / "probe.csl"
        probe.write_text(PROBE_STYLE, encoding="utf-8")
        js = citeproc_js(PROBE_STYLE, "en-US", items, docs, bibliography=False, note_style=False)["documents"]
        pd = pandoc_render(probe, "en-US", items, docs, bibliography=False, note_style=False, pool=pool)["documents"]
    bad = []
    for doc in docs:
        for n, (a, b) in enumerate(zip(js[doc["id"]], pd[doc["id"]], strict=True), 1):
            # Quotation marks inside titles and dashes in ranges are the engines' own business here.
            a, b = (re.sub("[‘’“”\"']", "", goldens.normalise(s)).replace("–", "-") for s in (a, b))
            if a != b:
                bad.append(f"{doc['id']} #{n}: citeproc-js {a!r} / pandoc {b!r}")
    if bad:
        raise SystemExit("pandoc's Markdown does not say what the CSL citation says:\n" + "\n".join(bad))


# ------------------------------------------------------------------ agreement


def common_order(a: list[str], b: list[str]) -> int:
    """How many entries both bibliographies print in the same relative order (the longest common
    subsequence of the two orders)."""
    shared = set(a) & set(b)
    a, b = [x for x in a if x in shared], [x for x in b if x in shared]
    row = [0] * (len(b) + 1)
    for x in a:
        prev = 0
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], prev + 1 if x == y else max(row[j], row[j - 1])
    return row[-1]


def agreement(styles: list[str]) -> str:
    """A Markdown table: per style and locale, how many strings the two oracles print identically
    after normalise()."""
    rows = [
        "| style | locale | bibliography | first | subsequent | sequence citations | entries in the same order |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    totals = [0] * 8
    for style in styles:
        for locale in goldens.LOCALES:
            counts = []
            for kind in ("bibliography", "first", "subsequent"):
                same = sum(
                    goldens.normalise(goldens.golden("citeproc-js", style, locale, kind, it["id"]))
                    == goldens.normalise(goldens.golden("pandoc", style, locale, kind, it["id"]))
                    for it in goldens.items()
                )
                counts.append((same, len(goldens.items())))
            pairs = [
                (a, b)
                for seq in goldens.sequences()
                for a, b in zip(
                    goldens.golden("citeproc-js", style, locale, "sequence", seq["id"]),
                    goldens.golden("pandoc", style, locale, "sequence", seq["id"]),
                    strict=True,
                )
            ]
            counts.append((sum(goldens.normalise(a) == goldens.normalise(b) for a, b in pairs), len(pairs)))
            js_order = goldens.bibliography_order("citeproc-js", style, locale)
            pd_order = goldens.bibliography_order("pandoc", style, locale)
            in_order = common_order(js_order, pd_order)
            for i, (same, total) in enumerate(counts):
                totals[2 * i] += same
                totals[2 * i + 1] += total
            cells = [f"{s}/{t} ({100 * s / t:.1f}%)" for s, t in counts]
            rows.append(
                f"| {style} | {locale} | {' | '.join(cells)} | {in_order}/{len(set(js_order) & set(pd_order))} |"
            )
    cells = [f"{totals[2 * i]}/{totals[2 * i + 1]} ({100 * totals[2 * i] / totals[2 * i + 1]:.1f}%)" for i in range(4)]
    rows.append(f"| all | | {' | '.join(cells)} | |")
    return "\n".join(rows) + "\n"


# ------------------------------------------------------------------ main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=goldens.ORACLES, help="render with one oracle only")
    parser.add_argument("--style", action="append", choices=sorted(goldens.STYLES), help="one style (repeatable)")
    parser.add_argument("--no-probe", action="store_true", help="skip the check of pandoc's Markdown")
    parser.add_argument("--jobs", type=int, default=2, help="pandoc processes at once (default 2)")
    parser.add_argument("--agreement", action="store_true", help="only rewrite agreement.md from the goldens")
    args = parser.parse_args()
    if args.agreement:
        write_agreement()
        return
    styles = args.style or list(goldens.STYLES)
    oracles = [args.only] if args.only else list(goldens.ORACLES)

    items = goldens.items()
    docs = [{"id": s["id"], "citations": s["citations"]} for s in goldens.sequences()]
    all_docs = [*docs, item_documents(items)]

    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        if "pandoc" in oracles and not args.no_probe:
            check_probe(items, docs, pool)
            print("probe: pandoc's Markdown matches every CSL citation item")
        for style in styles:
            csl = HERE / "styles" / f"{style}.csl"
            xml = csl.read_text(encoding="utf-8")
            note_style = 'class="note"' in xml.split("<info>")[0]
            for oracle in oracles:
                per_locale: dict[str, Any] = {}
                res: dict[str, Any]
                for locale in goldens.LOCALES:
                    if oracle == "citeproc-js":
                        # The script gives each document a fresh engine, which registers only the
                        # items that document cites (as pandoc is given only those).
                        res = citeproc_js(xml, locale, items, all_docs, True, note_style)
                    else:
                        res = pandoc_render(csl, locale, items, all_docs, True, note_style, pool)
                    entries = res["bibliography"]["entries"]
                    per_locale[locale] = {
                        "bibliography": {
                            "order": res["bibliography"]["order"],
                            "entries": {it["id"]: entries.get(it["id"], "") for it in items},
                        },
                        "items": split_items(res["documents"][ITEMS_DOC], items),
                        "sequences": {d["id"]: res["documents"][d["id"]] for d in docs},
                    }
                out = {
                    "oracle": citeproc_js_version() if oracle == "citeproc-js" else pandoc_version(),
                    "style": style,
                    "title": goldens.STYLES[style],
                    "class": "note" if note_style else "in-text",
                    "locales": per_locale,
                }
                target = goldens.GOLDENS / oracle / f"{style}.json"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
                print(f"wrote {target.relative_to(HERE.parents[1])}")
    write_agreement()


def write_agreement() -> None:
    goldens.load.cache_clear()
    missing = [
        f"{o}/{s}" for o in goldens.ORACLES for s in goldens.STYLES if not (goldens.GOLDENS / o / f"{s}.json").exists()
    ]
    if missing:
        print(f"agreement.md not written: no goldens for {', '.join(missing)}")
        return
    table = agreement(list(goldens.STYLES))
    (HERE / "agreement.md").write_text(
        "# citeproc-js and pandoc on the corpus\n\n"
        "Strings identical after `goldens.normalise()` (HTML markup, entities and whitespace in one\n"
        "canonical form). Written by `generate.py`; see README.md.\n\n" + table,
        encoding="utf-8",
    )
    print(table)


if __name__ == "__main__":
    main()
