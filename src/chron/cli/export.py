"""``chron export``: the works (and the text itself) as CSL-JSON, BibTeX, BibLaTeX or RIS."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chron.cli.context import load, out, say
from chron.cli.files import write_atomically
from chron.cli.options import a_path, check_choice, complete_from, helps


def _exports() -> dict[str, str]:
    from chron.export import EXPORTS

    return helps(EXPORTS)


EXPORT_FORMATS = _exports()


def export(
    kind: Annotated[
        str,
        typer.Argument(
            metavar="FORMAT",
            help="One of: " + ", ".join(EXPORT_FORMATS) + ".",
            callback=check_choice(EXPORT_FORMATS),
            autocompletion=complete_from(EXPORT_FORMATS),
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout.", callback=a_path),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Export the bibliography (the text itself and every work) for pandoc, Zotero or LaTeX."""
    from chron.export import EXPORTS

    ds = load()
    text = EXPORTS[kind].render([ds.article, *ds.works.values()])
    if output is None:
        out(text, end="")
        return
    write_atomically(Path(output), text, force=force)
    say(f"wrote {len(ds.works) + 1} entries to {output}")
