"""What the browser exports: the listed events in a listing format (as ``show --format`` prints
them) or the works their notes cite in a bibliography format (as ``chron export`` writes them).
No Textual here; the file is written by the CLI's safe writer (cli/files.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chron.dataset import Dataset


@dataclass(frozen=True)
class ExportRequest:
    """What to export: the listed events in a listing format, or the works they cite in a
    bibliography format; where; and whether an existing file may be replaced."""

    family: str  # "events" | "works"
    fmt: str
    path: str
    force: bool


EXTENSIONS = {
    "json": "json",
    "jsonl": "jsonl",
    "csv": "csv",
    "tsv": "tsv",
    "markdown": "md",
    "csl-json": "json",
    "bibtex": "bib",
    "biblatex": "bib",
    "ris": "ris",
}


def export_choices() -> list[tuple[str, str]]:
    """(label, value) of every export: the events in each listing format, the works in each
    bibliography format (the registries of ``show --format`` and ``chron export``)."""
    from chron.export import EXPORTS
    from chron.render import FORMATS

    events = [(f"the listed events · {name}", f"events:{name}") for name in FORMATS]
    works = [(f"the works they cite · {name}", f"works:{name}") for name in EXPORTS]
    return events + works


def default_path(value: str) -> str:
    family, fmt = value.split(":", 1)
    return f"chron-{family}.{EXTENSIONS.get(fmt, 'txt')}"


def export_text(ds: Dataset, ids: list[str], request: ExportRequest) -> tuple[str, str]:
    """The text of an export and what it holds ("12 events", "5 works"): the events in a listing
    format (as ``show --format`` prints them) or the works their notes cite (as ``chron export``)."""
    if request.family == "events":
        from chron import listings
        from chron.render import Options, render_text

        found = (ev for ev in (ds.event(i) for i in ids) if ev is not None)
        listing = listings.events(ds, found, keys=lambda: iter(ids))
        body = render_text(listing, request.fmt, Options(width=100, color=False))
        return body + "\n" if body else body, f"{len(ids):,} events"
    from chron.export import EXPORTS

    cited: set[str] = set()
    for ev in (ds.event(i) for i in ids):
        for n in ev.notes if ev is not None else ():
            cited.update(c.work for c in ds.notes[n].cites if n in ds.notes)
    works = [ds.article, *(w for w in ds.works.values() if w.id in cited)]
    return EXPORTS[request.fmt].render(works), f"{len(works):,} works"
