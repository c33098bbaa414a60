"""``chron new``: a new dataset folder that passes ``chron check`` as it is (never over a file)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chron.cli.context import say
from chron.cli.options import a_path, choice
from chron.errors import ChronError, UsageError


def _types() -> dict[str, str]:
    from typing import get_args

    from chron.models import WorkType

    return {name: "CSL item type" for name in get_args(WorkType)}


def new(
    folder: Annotated[
        str, typer.Argument(metavar="DIR", help="The folder to make (or an empty one).", callback=a_path)
    ],
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT", help="The text's title.")] = None,
    author: Annotated[
        list[str] | None,
        typer.Option("--author", metavar="NAME", help="An author, as 'Given Family' or 'Family, Given'; repeatable."),
    ] = None,
    year: Annotated[
        str | None,
        typer.Option("--year", metavar="DATE", help="When the text was published: 1927, or any chron date."),
    ] = None,
    work_type: Annotated[
        str | None,
        choice(_types(), "--type", help="The text's CSL type", metavar="TYPE", default="document"),
    ] = None,
) -> None:
    """Start a dataset for your own text: chronology.toml, sources.toml and their schemas."""
    from chron import dates
    from chron.cli.files import write_atomically
    from chron.errors import DateError
    from chron.scaffold import CHRONOLOGY, SOURCES, scaffold

    if year is not None:
        try:
            dates.parse(year)
        except DateError as err:
            raise UsageError(f"--year: {err.message}") from None
    files = scaffold(title, author or (), year, work_type or "document")
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise ChronError(f"{folder!r} is a file; give the name of a folder to make.")
    taken = [name for name in files if (target / name).exists() or (target / name).is_symlink()]
    if taken:
        raise ChronError(
            f"the folder {folder!r} already holds {', '.join(taken)}; chron new never overwrites a file. "
            f"Choose a new folder, or check the one you have with `chron --data {folder} check`."
        )
    try:
        (target / "schema").mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ChronError(f"cannot make {folder!r}: {err.strerror}. Choose a writable place.") from None
    for name, text in files.items():
        write_atomically(target / name, text, force=False)
    say(f"made {target}: {CHRONOLOGY}, {SOURCES} and schema/ (for editors that read `#:schema`).")
    if not title and not author:
        say("the text has no title or author yet: add them to [article] in sources.toml so citations can name it.")
    say(f"next: chron --data {target} extract TEXT --write   (then check, import, link)")
