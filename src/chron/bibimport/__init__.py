"""Works from the bibliographies people already have: BibTeX, BibLaTeX, CSL-JSON and RIS.

``import_works(text, fmt, existing)`` reads one file's text into chron ``Work`` records with the
CSL-JSON field names chron stores, keeping accents, dashes, editors, containers, volumes, issues,
pages and dates (seasons and ranges as EDTF). A work that repeats one already there (same DOI, or
the same folded title, year and first family name) is reported as a duplicate, not added. Ids
follow the rule in ``chron.bibimport.records``. Fields chron has no place for are listed, never
silently dropped.

Parsers (compared on exports in the style of Zotero, Better BibTeX, JabRef, EndNote and Mendeley;
see tests/fixtures/bib): BibTeX/BibLaTeX with bibtexparser 2 (pybtex reads the same entries but
writes its warnings to stderr and needs global state to stop raising on a broken entry;
bibtexparser 1 drops ``@online``, ``@collection`` and ``@mvbook``); RIS with rispy; CSL-JSON with
the standard library. Pure: text in, data out; the CLI reads and writes the files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from chron.bibimport import records
from chron.errors import ChronError
from chron.models import Work

FORMATS = ("bibtex", "biblatex", "csl-json", "ris")
EXTENSIONS = {".bib": "bibtex", ".bibtex": "bibtex", ".biblatex": "biblatex", ".json": "csl-json", ".ris": "ris"}


@dataclass(frozen=True, slots=True)
class Duplicate:
    """An entry that was not added because it repeats a work already there."""

    entry: str  # the entry's key, or its place in the file ('record 3')
    existing: str  # the id of the work it repeats
    why: str


@dataclass(frozen=True, slots=True)
class Imported:
    """What one file gave: new works (in file order), duplicates, and notes for the user."""

    works: tuple[Work, ...]
    duplicates: tuple[Duplicate, ...]
    ignored: tuple[tuple[str, tuple[str, ...]], ...]  # (work id, source fields chron cannot store)
    warnings: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        from chron.tomlwrite import work_table

        return {
            "works": [work_table(w) for w in self.works],
            "duplicates": [{"entry": d.entry, "existing": d.existing, "why": d.why} for d in self.duplicates],
            "ignored": {work: list(fields) for work, fields in self.ignored},
            "warnings": list(self.warnings),
        }


def detect_format(text: str, filename: str = "") -> str:
    """The format of a bibliography from its file name, else from its first characters."""
    lower = filename.lower()
    for ext, fmt in EXTENSIONS.items():
        if lower.endswith(ext):
            return fmt
    start = text.lstrip("\ufeff \t\r\n")
    if start[:1] in "[{":
        return "csl-json"
    if start[:2].isupper() and start[2:6] == "  - ":
        return "ris"
    if "@" in start[:2000]:
        return "bibtex"
    name = f" {filename}" if filename else ""
    raise ChronError(
        f"cannot tell the format of{name or ' this text'}; name it with a .bib, .ris or .json ending,"
        f" or give the format ({', '.join(FORMATS)})."
    )


def read_records(text: str, fmt: str) -> tuple[list[tuple[str, dict[str, Any], list[str], list[str]]], list[str]]:
    """(key, CSL-JSON record, ignored source fields, warnings) per entry, and problems with the file."""
    if fmt in ("bibtex", "biblatex"):
        from chron.bibimport import bibtex

        return bibtex.read(text)
    if fmt == "ris":
        from chron.bibimport import ris

        return ris.read(text)
    if fmt == "csl-json":
        from chron.bibimport import csljson

        return csljson.read(text)
    raise ChronError(f"unknown bibliography format {fmt!r}; use one of {', '.join(FORMATS)}.")


def import_works(text: str, fmt: str | None = None, existing: Sequence[Work] = (), *, filename: str = "") -> Imported:
    """The new works of one bibliography text, next to the ``existing`` ones (see the module docstring)."""
    fmt = fmt or detect_format(text, filename)
    entries, problems = read_records(text, fmt)
    taken = {w.id for w in existing}
    known = [(w.id, records.identity(w)) for w in existing]
    works: list[Work] = []
    duplicates: list[Duplicate] = []
    ignored: list[tuple[str, tuple[str, ...]]] = []
    warnings = list(problems)
    for i, (key, rec, skipped, notes) in enumerate(entries, 1):
        label = key or f"record {i}"
        doi = records.doi_of(rec.get("DOI"))
        work, unknown = records.to_work(rec, "pending")
        same = records.find_duplicate(work, doi, known)
        if same:
            duplicates.append(Duplicate(label, same[0], same[1]))
            continue
        work_id = records.choose_id(rec, key, taken)
        work, unknown = records.to_work(rec, work_id)
        taken.add(work_id)
        known.append((work_id, records.identity(work, doi)))
        works.append(work)
        lost = tuple(sorted(set(skipped) | set(unknown)))
        if lost:
            ignored.append((work_id, lost))
        warnings += [f"{label}: {note}" for note in notes]
    return Imported(tuple(works), tuple(duplicates), tuple(ignored), tuple(warnings))


__all__ = ["FORMATS", "Duplicate", "Imported", "detect_format", "import_works", "read_records"]
