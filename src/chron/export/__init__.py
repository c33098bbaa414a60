"""Bibliography exports: CSL-JSON, BibTeX, BibLaTeX and RIS, in the EXPORTS registry (pure: works in, text out).

Each writer takes the text itself (the `[article]` work) and the works (chapters already resolved
to carry their book's fields) and returns the file's text: ``csl.py`` (CSL-JSON), ``bib.py``
(BibTeX and BibLaTeX, with ``tex.py`` for TeX text), ``ris.py`` (RIS). Which field goes where, and
what each format cannot hold, is in docs/citations.md. The curator's ``editorial`` remarks are
never exported, in any format: only ``note``, a note printed with the citation, is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from chron.export.bib import biblatex, bibtex
from chron.export.csl import csl_date, csl_item, csl_json
from chron.export.ris import ris
from chron.models import Work
from chron.registry import Format

# The registry behind `chron export FORMAT`. Order is the help's order.
EXPORTS: dict[str, Format[Callable[[Sequence[Work]], str]]] = {
    "csl-json": Format(csl_json, "CSL-JSON, for pandoc, Zotero and every citeproc"),
    "bibtex": Format(bibtex, "BibTeX, for LaTeX with BibTeX"),
    "biblatex": Format(biblatex, "BibLaTeX, for LaTeX with biber"),
    "ris": Format(ris, "RIS, for Zotero, EndNote and Mendeley"),
}

__all__ = ["EXPORTS", "biblatex", "bibtex", "csl_date", "csl_item", "csl_json", "ris"]
