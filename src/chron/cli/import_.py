"""``chron import``: works from the bibliographies people already have (BibTeX, BibLaTeX, CSL-JSON,
RIS) into the dataset's sources.toml, keeping its comments and layout; a work already there is
reported, not added twice."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chron.cli.context import STATE, say, writable_data_dir
from chron.cli.options import FormatOpt, a_path, choice, emit
from chron.errors import ChronError, DataError


def _bib_formats() -> dict[str, str]:
    from chron.bibimport import FORMATS

    return {name: "bibliography format" for name in FORMATS}


def import_(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE...", help="Bibliographies: .bib (BibTeX, BibLaTeX), .ris, .json (CSL-JSON).", callback=a_path
        ),
    ],
    data: Annotated[
        str | None,
        typer.Option(
            "--data", metavar="DIR", help="The dataset folder to add to (as chron's --data).", callback=a_path
        ),
    ] = None,
    source: Annotated[
        str | None,
        choice(
            _bib_formats(),
            "--from",
            help="The files' format",
            metavar="FORMAT",
            default="from the file name or its start",
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would be added; write nothing.")] = False,
    fmt: FormatOpt = None,
) -> None:
    """Add works from BibTeX, BibLaTeX, CSL-JSON or RIS files to the dataset's sources.toml."""
    from chron.bibimport import import_works
    from chron.cli.files import sources_text, write_sources
    from chron.listings import works_added
    from chron.load import read_sources, read_text_file
    from chron.models import Work
    from chron.tomlwrite import add_works

    if data:
        STATE.data = data
    folder = writable_data_dir("`chron import`")
    src = read_sources(folder)  # the works there already, to find duplicates (no note need cite them yet)
    known: list[Work] = [src.article, *src.works]
    added: list[Work] = []
    for name in files:
        try:
            text = read_text_file(Path(name), name)
        except DataError as err:
            raise ChronError(f"cannot read the bibliography {err.problems[0]}.") from None
        found = import_works(text, source, [*known, *added], filename=name)
        added += found.works
        new = len(found.works)
        say(f"{name}: {new} new work{'' if new == 1 else 's'}, {len(found.duplicates)} there already")
        for dup in found.duplicates:
            say(f"{name}: {dup.entry} is {dup.existing} already ({dup.why}); not added")
        for work_id, fields in found.ignored:
            say(f"{name}: {work_id}: chron has no place for {', '.join(fields)}; left out")
        for warning in found.warnings:
            say(f"{name}: {warning}")
    emit(works_added(added), fmt)
    if dry_run or not added:
        say("nothing written (--dry-run)" if dry_run else "nothing to add")
        return
    path, old = sources_text(folder)
    write_sources(path, add_works(old, added))
    say(f"added {len(added)} work{'' if len(added) == 1 else 's'} to {path}; next: chron --data {folder} link --write")
