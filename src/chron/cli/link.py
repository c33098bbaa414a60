"""``chron link``: propose what each note cites, from its own words (as above, ibid., op. cit., idem,
loc. cit., short titles, locators, prefixes); ``--write`` adds them to the notes that cite nothing
yet, never touching a note that has cites."""

from __future__ import annotations

from typing import Annotated

import typer

from chron.cli.context import STATE, data_dir, say, writable_data_dir
from chron.cli.options import FormatOpt, a_path, emit


def link(
    data: Annotated[
        str | None,
        typer.Option("--data", metavar="DIR", help="The dataset folder (as chron's --data).", callback=a_path),
    ] = None,
    write: Annotated[
        bool, typer.Option("--write", help="Add the proposed cites to the notes that have none (never to others).")
    ] = False,
    fmt: FormatOpt = None,
) -> None:
    """Propose the works each note cites, with a reason and a confidence; --write adds them."""
    from chron.link import NoteText
    from chron.link import link as propose
    from chron.listings import proposals
    from chron.load import read_sources
    from chron.store import resolve_work

    if data:
        STATE.data = data
    folder = writable_data_dir("--write") if write else data_dir()
    # sources.toml alone, unchecked across records: its works need no note citing them yet
    src = read_sources(folder)
    raw = {w.id: w for w in src.works}
    notes = [NoteText(n.n, n.text, n.cites) for n in src.notes if n.text is not None]
    found = propose(notes, [resolve_work(w, raw) for w in src.works])
    cites = sum(len(p.cites) for p in found.proposals)
    say(
        f"{cites} cite{'' if cites == 1 else 's'} proposed for {len(found.proposals)} notes; "
        f"{len(found.kept)} notes kept as curated, {len(found.unresolved)} citations unresolved"
    )
    for u in found.unresolved:
        among = f" (perhaps {', '.join(u.candidates)})" if u.candidates else ""
        say(f"note {u.n}: unresolved: {u.why}{among}: {u.text!r}")
    emit(proposals(found), fmt)
    if not write or not found.proposals:
        return
    from chron.cli.files import sources_text, write_sources
    from chron.tomlwrite import fill_cites

    path, old = sources_text(folder)
    text, filled = fill_cites(old, {p.n: [c.cite() for c in p.cites] for p in found.proposals})
    if filled:
        write_sources(path, text)
    say(f"added cites to {len(filled)} note{'' if len(filled) == 1 else 's'} in {path}")
