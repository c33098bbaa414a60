"""``chron sources``: the bibliography in a style's order, each work with the notes that cite it."""

from __future__ import annotations

from typing import Annotated

import typer

from chron.cli.cite import StyleOpt
from chron.cli.context import load, out
from chron.cli.options import FormatOpt, emit


def sources(
    work_id: Annotated[str | None, typer.Argument(metavar="[WORK_ID]", help="Show one work in full.")] = None,
    style: StyleOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """List the works cited, as a bibliography in a style, with the notes citing each."""
    from chron.citation import bibliography, context, reference
    from chron.query import did_you_mean
    from chron.records import source_listing, work_record
    from chron.render import to_json
    from chron.views import work_view

    ds = load()
    chosen = "chicago-bibliography" if style in (None, "chicago-note", "isj") else style
    ctx = context(ds)
    if work_id is not None:
        work = ds.works.get(work_id)
        if work is None:
            from chron.errors import NotFoundError

            hint = did_you_mean(work_id, list(ds.works))
            raise NotFoundError(f"no work {work_id!r}.{hint} `chron sources -f ids` lists them.")
        entry = reference(chosen, ctx, work)
        if fmt in ("json", "jsonl"):
            record = work_record(work) | {"entry": entry.plain(), "notes": [n.n for n in ds.notes_citing(work.id)]}
            record["events"] = [e.id for e in ds.events if set(e.notes) & set(record["notes"])]
            out(to_json(record, indent=2 if fmt == "json" else None))
            return
        out(work_view(ds, work, entry.plain(), markdown=fmt == "markdown"))
        return
    emit(source_listing(ds, bibliography(chosen, ctx)), fmt)
