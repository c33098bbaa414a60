"""``chron spellings``: every person and place with the spellings the text prints, how often and where."""

from __future__ import annotations

from typing import Annotated

import typer

from chron.cli.context import data_dir, load, say
from chron.cli.options import FormatOpt, complete_name, emit


def spellings(
    names: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[NAME]...",
            help="Only these people or places (id, name or any spelling).",
            autocompletion=complete_name,
        ),
    ] = None,
    fmt: FormatOpt = None,
) -> None:
    """List each person's and place's standard form, the spellings the text prints (with counts) and the others."""
    from chron import listings
    from chron.load import KEPT_TEXT, kept_text
    from chron.query import find_named
    from chron.spellings import IN_TEXT, survey

    ds = load()
    only = [find_named(ds, name) for name in names] if names else None
    text = kept_text(data_dir())
    named, counted_in = survey(ds, text, only)
    if counted_in != IN_TEXT:
        say(f"chron: no {KEPT_TEXT} beside the data; the counts are of the quotes and note texts, not the whole text.")
    emit(listings.spellings(named, counted_in), fmt)
