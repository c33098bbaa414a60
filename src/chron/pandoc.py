"""Rendering with any CSL style through pandoc's citeproc: the one place chron runs another program.

chron's own styles (chron.citation) need nothing; ``chron cite --csl FILE`` hands the works and the
notes' citations to pandoc, when it is installed, and returns what it prints, one line per item.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from chron.errors import ChronError
from chron.export import csl_json
from chron.render import to_json

if TYPE_CHECKING:
    from chron.dataset import Dataset

INSTALL = (
    "install pandoc (Debian or Ubuntu: `sudo apt-get install pandoc`; macOS: `brew install pandoc`; "
    "others: https://pandoc.org/installing.html), or use one of the built-in styles with --style."
)


def _citation(prefix: str | None, work: str, locator: str | None, suffix: str | None = None) -> str:
    loc = f", {{{locator}}}" if locator else ""
    after = f", {suffix}" if suffix else ""
    return f"{prefix + ' ' if prefix else ''}@{work}{loc}{after}"


def markdown_for(ds: Dataset, items: Sequence[int | str]) -> str:
    """One paragraph per item, each a single pandoc citation group."""
    paragraphs = []
    for item in items:
        if isinstance(item, str):
            paragraphs.append(f"[@{item}]")
            continue
        cites = ds.notes[item].cites
        if cites:
            paragraphs.append("[" + "; ".join(_citation(c.prefix, c.work, c.locator, c.suffix) for c in cites) + "]")
    return "\n\n".join(paragraphs) + "\n"


def _strip(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def _markdown(fragment: str) -> str:
    fragment = re.sub(r"</?em>", "*", fragment)
    return _strip(fragment)


def render_with_csl(ds: Dataset, items: Sequence[int | str], csl: Path, fmt: str) -> str:
    exe = shutil.which("pandoc")
    if exe is None:
        raise ChronError("--csl needs pandoc, which is not installed: " + INSTALL)
    if not csl.is_file():
        raise ChronError(f"no CSL style file at {str(csl)!r}; give the path of a .csl file.")
    works = [ds.article, *ds.works.values()]
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
            "markdown",
            "-t",
            "html",
            "--wrap=none",
            "--metadata",
            "suppress-bibliography=true",
        ]
        try:
            done = subprocess.run(cmd, input=markdown_for(ds, items), capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as err:
            raise ChronError(f"pandoc could not run ({err}); check the installation, or " + INSTALL) from None
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit code {done.returncode}"
        raise ChronError(f"pandoc failed on {str(csl)!r}: {detail}. Check that the file is a CSL style.")
    page = done.stdout
    notes = re.findall(r'<li id="fn\d+"[^>]*><p>(.*?)<a href="#fnref\d+"', page, re.S)
    pieces = notes or re.findall(r"<p>(.*?)</p>", page, re.S)
    if fmt == "html":
        lines = [p.strip() for p in pieces]
    elif fmt == "markdown":
        lines = [_markdown(p) for p in pieces]
    else:
        lines = [_strip(p) for p in pieces]
    if fmt == "json":
        keys = [i for i in items if isinstance(i, str) or ds.notes[i].cites]
        return to_json(
            [
                {"schema_version": 1, "record": "citation", "item": k, "csl": str(csl), "text": t}
                for k, t in zip(keys, lines, strict=False)
            ]
        )
    return "\n".join(lines)
