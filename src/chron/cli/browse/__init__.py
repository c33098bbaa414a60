"""``chron browse``: the whole text in a full-screen terminal reader (a Textual app).

This module is the command; the app lives in the modules beside it and is imported only when the
command runs, so Textual costs nothing to any other command (``test_cli_browse`` checks it with
``python -X importtime``). Textual is the extra ``chron[browse]``: without it the command says how
to install it.

    app.py      the app and its main screen: the timeline list, the event in full, search, filters
    screens.py  a record in full, the indexes, the keys, a chooser, the export dialog
    widgets.py  the virtual list (only the rows on screen are drawn) and the card view
    text.py     what is drawn, as Textual Content: rows and cards, data shown as text, never markup
    model.py    the list's rows and where they come from, highlighting (no Textual)
    jobs.py     listings and searches run in a thread over their own view of the store (no Textual)
"""

from __future__ import annotations

from typing import Annotated

import typer

from chron.cli.cite import StyleOpt
from chron.cli.options import Filters, with_filters

INSTALL = "pip install 'chron[browse]'"


@with_filters
def browse(
    filters: Filters,
    search: Annotated[
        str | None,
        typer.Option("--search", "-q", metavar="QUERY", help="Open with this search (the language of `chron search`)."),
    ] = None,
    style: StyleOpt = None,
) -> None:
    """Read the text in a full-screen browser: timeline, search as you type, notes and sources."""
    import gc
    import sys
    from importlib.util import find_spec

    from chron.cli.context import load, say
    from chron.errors import ChronError

    if find_spec("textual") is None:  # found without importing it: a usage error costs nothing
        raise ChronError(f"chron browse needs Textual, which is not installed. Install it with: {INSTALL}")
    if search:
        from chron.search import parse_query

        parse_query(search)  # a query that cannot be read is an error before the screen is taken
    ds = load()
    flt = filters.resolve(ds)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise ChronError("the browser needs a terminal: run chron browse without redirecting its input or output.")
    from chron.cli.browse.app import BrowseApp

    # main() turns the cyclic collector off for short runs; an interactive app runs for long.
    gc.enable()
    app = BrowseApp(ds, flt, style=style, query=search or "", date_from=filters.start, date_to=filters.end)
    app.run()
    if app.return_code:
        raise ChronError("the browser stopped on an error (shown above).")
    for path in app.exported:
        say(f"exported to {path}")
