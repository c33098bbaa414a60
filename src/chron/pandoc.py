"""Rendering with any CSL style through pandoc's citeproc: the one place chron runs another program.

chron's own styles (chron.citation) need nothing; ``chron cite --csl FILE`` hands the works and the
notes' citations to pandoc, when it is installed, and returns what it prints, one line per item.
pandoc's input is its own JSON document tree, not Markdown, so a prefix or a locator from the data
is words in a citation, never syntax (no extra citation, no raw HTML); what pandoc prints is read
as HTML and written again in the format asked for, keeping only emphasis and safe links.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from chron.errors import ChronError
from chron.escape import html_text, markdown_inline, markdown_line_start, one_line, safe_url, to_json
from chron.export import csl_json

if TYPE_CHECKING:
    from chron.dataset import Dataset

INSTALL = (
    "install pandoc (Debian or Ubuntu: `sudo apt-get install pandoc`; macOS: `brew install pandoc`; "
    "others: https://pandoc.org/installing.html), or use one of the built-in styles with --style."
)


def _words(text: str) -> list[dict[str, Any]]:
    """Text as pandoc inlines: words (``Str``, taken literally) separated by ``Space``."""
    out: list[dict[str, Any]] = []
    for word in one_line(text).split():
        if out:
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    return out


def _citation(work: str, prefix: str | None, locator: str | None, after: str | None = None) -> dict[str, Any]:
    """One citation; the locator in braces after a comma, which citeproc reads as the locator itself,
    then the words that follow the citation (a cite's ``suffix``)."""
    suffix = [{"t": "Str", "c": ","}, {"t": "Space"}, *_words("{" + locator + "}")] if locator else []
    if after:
        suffix += [{"t": "Str", "c": ","}, {"t": "Space"}, *_words(after)]
    return {
        "citationId": work,
        "citationPrefix": _words(prefix or ""),
        "citationSuffix": suffix,
        "citationMode": {"t": "NormalCitation"},
        "citationNoteNum": 0,
        "citationHash": 0,
    }


def document(ds: Dataset, items: Sequence[int | str], api: list[int]) -> str:
    """pandoc's JSON document: one paragraph per item (a note with works, or a work), each a single
    citation group; ``api`` is the pandoc-api-version of the pandoc that reads it."""
    blocks = []
    for item in items:
        if isinstance(item, str):
            cites = [_citation(item, None, None)]
        else:
            cites = [_citation(c.work, c.prefix, c.locator, c.suffix) for c in ds.notes[item].cites]
        if cites:
            blocks.append({"t": "Para", "c": [{"t": "Cite", "c": [cites, [{"t": "Str", "c": "[citation]"}]]}]})
    return json.dumps({"pandoc-api-version": api, "meta": {}, "blocks": blocks})


class _Fragment(HTMLParser):
    """One item of pandoc's HTML, written again as plain text, Markdown or HTML: text escaped for
    the format, emphasis kept, links only to http, https or mailto (HTML), every other tag dropped."""

    EMPHASIS: ClassVar[dict[str, str]] = {"em": "*", "i": "*", "strong": "**", "b": "**"}
    KEPT = frozenset({"em", "i", "strong", "b", "sup", "sub", "span"})

    def __init__(self, fmt: str) -> None:
        super().__init__(convert_charrefs=True)
        self.fmt = fmt
        self.out: list[str] = []
        self.open: list[str] = []  # the tags started, each with the text that ends it ("" if none)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        end = ""
        if self.fmt == "markdown":
            end = self.EMPHASIS.get(tag, "")
            self.out.append(end)
        elif self.fmt == "html":
            if tag == "a":
                href = safe_url(dict(attrs).get("href") or "")
                if href is not None:
                    self.out.append(f'<a href="{html_text(href, quote=True)}">')
                    end = "</a>"
            elif tag in self.KEPT:
                kept = [(k, v) for k, v in attrs if tag == "span" and k in ("class", "data-cites") and v]
                self.out.append(f"<{tag}" + "".join(f' {k}="{html_text(v or "", quote=True)}"' for k, v in kept) + ">")
                end = f"</{tag}>"
        self.open.append(end)

    def handle_endtag(self, tag: str) -> None:
        if self.open:
            self.out.append(self.open.pop())

    def handle_data(self, data: str) -> None:
        if self.fmt == "markdown":
            self.out.append(markdown_inline(data))
        elif self.fmt == "html":
            self.out.append(html_text(one_line(data)))
        else:
            self.out.append(one_line(data))

    def text(self) -> str:
        self.close()
        self.out.extend(reversed(self.open))
        joined = " ".join("".join(self.out).split())
        return markdown_line_start(joined) if self.fmt == "markdown" else joined


def rewrite(fragment: str, fmt: str) -> str:
    """An HTML fragment from pandoc as one line of ``fmt`` (text, markdown or html)."""
    parser = _Fragment(fmt)
    parser.feed(fragment)
    return parser.text()


def _run(cmd: list[str], stdin: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(cmd, input=stdin, capture_output=True, text=True, encoding="utf-8", timeout=60)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise ChronError(f"pandoc could not run ({err}); check the installation, or " + INSTALL) from None


def api_version(exe: str) -> list[int]:
    """The pandoc-api-version of the installed pandoc: its JSON of an empty document says it."""
    done = _run([exe, "-f", "markdown", "-t", "json"], "")
    try:
        found = json.loads(done.stdout)["pandoc-api-version"]
    except (ValueError, KeyError, TypeError):
        found = None
    if not isinstance(found, list) or not all(isinstance(n, int) for n in found):
        raise ChronError(f"pandoc at {exe!r} did not say which document format it reads; " + INSTALL)
    return found


def render_with_csl(ds: Dataset, items: Sequence[int | str], csl: Path, fmt: str) -> str:
    exe = shutil.which("pandoc")
    if exe is None:
        raise ChronError("--csl needs pandoc, which is not installed: " + INSTALL)
    if not csl.is_file():
        raise ChronError(f"no CSL style file at {str(csl)!r}; give the path of a .csl file.")
    works = [ds.article, *ds.works.values()]
    source = document(ds, items, api_version(exe))
    with tempfile.TemporaryDirectory(prefix="chron-") as tmp:
        bib = Path(tmp) / "works.json"
        bib.write_text(csl_json(works), encoding="utf-8")
        cmd = [
            exe,
            "--citeproc",
            "--csl",
            str(csl),
            "--bibliography",
            str(bib),
            "-f",
            "json",
            "-t",
            "html",
            "--wrap=none",
            "--metadata",
            "suppress-bibliography=true",
        ]
        done = _run(cmd, source)
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit code {done.returncode}"
        raise ChronError(f"pandoc failed on {str(csl)!r}: {one_line(detail)}. Check that the file is a CSL style.")
    page = done.stdout
    notes = re.findall(r'<li id="fn\d+"[^>]*><p>(.*?)<a href="#fnref\d+"', page, re.S)
    pieces = notes or re.findall(r"<p>(.*?)</p>", page, re.S)
    lines = [rewrite(p, "text" if fmt == "json" else fmt) for p in pieces]
    if fmt == "json":
        keys = [i for i in items if isinstance(i, str) or ds.notes[i].cites]
        return to_json(
            [
                {"schema_version": 1, "record": "citation", "item": k, "csl": str(csl), "text": t}
                for k, t in zip(keys, lines, strict=False)
            ]
        )
    return "\n".join(lines)
