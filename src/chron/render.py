"""Output formats: one renderer per format, all in one registry (``FORMATS``) that also drives
``--format``'s choices and help.

A renderer takes a ``Listing`` (JSON-ready records plus how to show them) and yields its text a
line (or a record) at a time, each piece to be printed followed by a newline: records are read
only as the output is written, so ``--limit`` and a closed pipe stop the work. The table is the
exception: it measures every row before it draws one. Machine formats are exact and escaped for
their syntax; human formats never let a value inject a terminal escape sequence. rich is imported
only when a table is drawn.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from chron.escape import markdown_text, one_line, spreadsheet_cell, to_json, visible
from chron.registry import Format

__all__ = ["FORMATS", "Column", "Listing", "Options", "one_line", "render", "to_json", "visible"]


def flat(value: Any) -> str:
    """A record value as one string: lists joined with "; ", None as empty, numbers as written."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return "; ".join(flat(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


@dataclass(frozen=True)
class Column:
    """One column: the record key, its header, and how the human formats show it.

    ``in_table`` columns are the ones ``table``, ``plain`` and ``markdown`` show (csv, tsv show
    every column). ``rank`` says which a narrow table drops first: 0 is always shown, higher ranks
    go first. ``under`` names the column whose cell this one's value joins, on a line of its own,
    when its rank goes. ``max_width`` caps the column only when the table would not fit the
    terminal; ``clip`` shortens its values in the table (never in the other formats).
    """

    key: str
    header: str
    in_table: bool = True
    max_width: int | None = None
    no_wrap: bool = False
    get: Callable[[dict[str, Any]], Any] | None = None
    rank: int = 0
    under: str | None = None
    clip: int | None = None

    def value(self, record: dict[str, Any]) -> str:
        return flat(self.get(record) if self.get else record.get(self.key))


@dataclass(frozen=True)
class Listing:
    """What a listing command found, ready for any format.

    ``records`` are the JSON shapes (documented in docs/formats.md); ``columns`` say how the
    tabular formats show them; ``key`` is what ``ids`` prints. ``highlight`` maps a column key to
    the (start, end) spans a table should emphasise. ``keys``, when given, yields the keys without
    making the records (what ``ids`` prints). ``plain``, when given, makes a record's plain line
    instead of the table's columns (for a listing that reads as a report, such as ``extract``'s).
    """

    noun: str
    records: Iterable[dict[str, Any]]
    columns: Sequence[Column]
    key: str = "id"
    plain: Callable[[dict[str, Any]], str] | None = None
    highlight: Callable[[dict[str, Any]], dict[str, list[tuple[int, int]]]] | None = None
    title: str | None = None
    keys: Callable[[], Iterable[Any]] | None = None


@dataclass(frozen=True)
class Options:
    """Facts about where the output goes, decided by the CLI (the core never looks at a terminal)."""

    width: int = 100
    color: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def render_json(listing: Listing, opts: Options) -> Iterator[str]:
    """A JSON array, one indented record at a time (each but the last followed by a comma)."""
    held: str | None = None
    for record in listing.records:
        if held is None:
            yield "["
        else:
            yield held + ","
        held = "  " + to_json(record).replace("\n", "\n  ")
    if held is None:
        yield "[]"
    else:
        yield held
        yield "]"


def render_jsonl(listing: Listing, opts: Options) -> Iterator[str]:
    return (to_json(r, indent=None) for r in listing.records)


def _tsv_cell(value: str) -> str:
    """Linear TSV: tabs, newlines and backslashes inside values are escaped, never quoted; a cell
    that would start a spreadsheet formula gets a leading apostrophe (escape.spreadsheet_cell)."""
    escaped = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return spreadsheet_cell(visible(escaped))


def render_tsv(listing: Listing, opts: Options) -> Iterator[str]:
    yield "\t".join(c.key for c in listing.columns)
    for r in listing.records:
        yield "\t".join(_tsv_cell(c.value(r)) for c in listing.columns)


def render_csv(listing: Listing, opts: Options) -> Iterator[str]:
    """RFC 4180: CR LF between records (the last one's line end is the newline every output ends with)."""
    import csv

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([c.key for c in listing.columns])
    for r in listing.records:
        yield buf.getvalue().removesuffix("\r\n") + "\r"
        buf.seek(0)
        buf.truncate()
        writer.writerow([spreadsheet_cell(visible(c.value(r))) for c in listing.columns])
    yield buf.getvalue().removesuffix("\r\n")


def render_csv_bom(listing: Listing, opts: Options) -> Iterator[str]:
    """CSV with a UTF-8 byte-order mark first: LibreOffice and Excel otherwise read a CSV file in
    the system's legacy encoding and garble its accents."""
    pieces = iter(render_csv(listing, opts))
    first = next(pieces, None)
    if first is not None:
        yield "\ufeff" + first
        yield from pieces


def render_markdown(listing: Listing, opts: Options) -> Iterator[str]:
    cols = [c for c in listing.columns if c.in_table]
    yield "| " + " | ".join(c.header for c in cols) + " |"
    yield "|" + "|".join(" --- " for _ in cols) + "|"
    for r in listing.records:
        yield "| " + " | ".join(markdown_text(c.value(r)) for c in cols) + " |"


_SPACES = re.compile(r" {2,}")


def plain_cell(value: str) -> str:
    """A value as one field of a plain line: on one line, no two spaces in a row (two spaces
    separate the fields), ``-`` when empty, never shortened."""
    return _SPACES.sub(" ", one_line(value)).strip() or "-"


def render_plain(listing: Listing, opts: Options) -> Iterator[str]:
    """One line per record: the table's columns (all of them, whatever the width) separated by two
    spaces, or the listing's own ``plain`` line."""
    if listing.plain is not None:
        line = listing.plain
        return (one_line(line(r)) for r in listing.records)
    cols = [c for c in listing.columns if c.in_table]
    return ("  ".join(plain_cell(c.value(r)) for c in cols) for r in listing.records)


def render_ids(listing: Listing, opts: Options) -> Iterator[str]:
    keys = listing.keys() if listing.keys is not None else (r.get(listing.key) for r in listing.records)
    return (one_line(flat(k)) for k in keys)


# A column with no cap counts this many cells when deciding which columns fit (it can wrap).
_FLEXIBLE = 32
_GAP = 3  # between two columns: padding, the rule, padding


def fitting(columns: Sequence[Column], natural: Sequence[int], width: int) -> tuple[list[int], list[int]]:
    """Which columns a table of ``width`` cells shows side by side, and which it stacks under
    another. Every column when their natural widths fit; else, highest ``rank`` first, a rank's
    columns are dropped (or stacked under their ``under`` column) until what remains fits
    comfortably: a column that wraps at its cap or at ``_FLEXIBLE`` cells, whichever is less, one
    that does not wrap at its natural width. Rank 0 always stays."""
    kept = list(range(len(columns)))
    stacked: list[int] = []

    def fits(cells: Sequence[int]) -> bool:
        return sum(cells[i] for i in kept) + _GAP * (len(kept) - 1) <= width

    if fits(natural):
        return kept, stacked
    comfortable = [
        n if c.no_wrap else min(n, c.max_width or _FLEXIBLE, _FLEXIBLE) for c, n in zip(columns, natural, strict=True)
    ]
    for rank in sorted({c.rank for c in columns if c.rank > 0}, reverse=True):
        if fits(comfortable):
            break
        keys = {columns[i].key for i in kept}
        going = [i for i in kept if columns[i].rank == rank]
        stacked += [i for i in going if columns[i].under in keys]
        kept = [i for i in kept if i not in going]
    return kept, stacked


def _clipped(text: str, limit: int | None) -> str:
    if limit is None or len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def _room_for_stacked(
    cols: Sequence[Column],
    natural: Sequence[int],
    kept: Sequence[int],
    below: dict[int, int],
    caps: dict[int, int | None],
    width: int,
) -> dict[int, int | None]:
    """Caps that leave a cell holding a stacked value that must not wrap (an id, copied whole) at
    least that value's width: the other wrapping columns share what is left. (The table narrows
    its widest columns first, so capping the others is enough.)"""
    hosts = [i for i in kept if i in below and cols[below[i]].no_wrap]
    if not hosts:
        return caps
    fixed = sum(natural[i] for i in kept if i not in hosts and cols[i].no_wrap)
    sharing = [i for i in kept if i not in hosts and not cols[i].no_wrap]
    if not sharing:
        return caps
    room = width - fixed - _GAP * (len(kept) - 1)
    need = min(sum(natural[below[i]] for i in hosts), room * 3 // 5)  # the others keep two fifths
    left = room - need
    out = dict(caps)
    # Narrowest first, each takes what it needs up to an even share of what is left.
    for n, i in enumerate(sorted(sharing, key=lambda j: natural[j])):
        share = max(left // (len(sharing) - n), 8)  # a column narrower than 8 is no use to anyone
        cap = caps[i]
        out[i] = min(share, natural[i]) if cap is None else min(cap, share, natural[i])
        left -= out[i] or 0
    return out


def render_table(listing: Listing, opts: Options) -> Iterator[str]:
    """A table as wide as its contents, up to the terminal: columns wrap (at their caps) only when
    the whole does not fit, and optional columns are dropped (by rank) when even that is too wide."""
    from rich import box
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    records = list(listing.records)
    if not records:
        return
    cols = [c for c in listing.columns if c.in_table]
    rows = [[_clipped(one_line(c.value(r)), c.clip) for c in cols] for r in records]
    natural = [max([cell_len(c.header)] + [cell_len(row[i]) for row in rows]) for i, c in enumerate(cols)]
    kept, stacked = fitting(cols, natural, opts.width)
    below = {next(j for j in kept if cols[j].key == cols[i].under): i for i in stacked}
    shown = [max(natural[i], natural[below[i]]) if i in below else natural[i] for i in kept]
    capped = sum(shown) + _GAP * (len(kept) - 1) > opts.width
    caps = {i: cols[i].max_width if capped else None for i in kept}
    if capped:
        caps = _room_for_stacked(cols, natural, kept, below, caps, opts.width)
    table = Table(box=box.SIMPLE_HEAD, title=listing.title, show_edge=False, pad_edge=False, expand=False)
    for i in kept:
        c = cols[i]
        header = c.header + (f" / {cols[below[i]].header}" if i in below else "")
        table.add_column(header, max_width=caps[i], overflow="fold", no_wrap=c.no_wrap)
    for r, row in zip(records, rows, strict=True):
        spans = listing.highlight(r) if listing.highlight else {}
        cells = []
        for i in kept:
            c = cols[i]
            text = Text(row[i])  # Text, not markup: "[red]" in the data stays literal
            if c.key in spans and text.plain == c.value(r):
                for start, end in spans[c.key]:
                    text.stylize("bold reverse" if opts.color else "", start, end)
            if i in below:
                text.append("\n" + row[below[i]], style="dim" if opts.color else "")
            cells.append(text)
        table.add_row(*cells)
    buf = io.StringIO()
    console = Console(
        file=buf,
        width=opts.width,
        height=25,  # given, so that rich does not read $COLUMNS and $LINES itself ("²" would crash int())
        force_terminal=opts.color,
        no_color=not opts.color,
        color_system="standard" if opts.color else None,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )
    console.print(table)
    yield buf.getvalue().rstrip("\n")


Renderer = Callable[[Listing, Options], Iterable[str]]

# The one registry of listing formats. Order is the help's order.
FORMATS: dict[str, Format[Renderer]] = {
    "table": Format(render_table, "a table for people (the default on a terminal)"),
    "plain": Format(render_plain, "one line per record (the default in a pipe)"),
    "json": Format(render_json, "a JSON array of records"),
    "jsonl": Format(render_jsonl, "one JSON record per line"),
    "csv": Format(render_csv, "comma-separated values with a header row"),
    "csv-bom": Format(render_csv_bom, "CSV with a UTF-8 byte-order mark, for LibreOffice and Excel"),
    "tsv": Format(render_tsv, "tab-separated values with a header row; tabs and newlines escaped"),
    "markdown": Format(render_markdown, "a Markdown table"),
    "ids": Format(render_ids, "the record keys only, one per line"),
}
# What an empty listing prints: nothing in these, an empty array or a header row in the others.
SILENT_WHEN_EMPTY = frozenset({"table", "plain", "ids"})


def render(listing: Listing, fmt: str, opts: Options | None = None) -> Iterator[str]:
    """The listing in format ``fmt`` (one of ``FORMATS``), piece by piece; print each with a newline."""
    return iter(FORMATS[fmt].render(listing, opts or Options()))


def render_text(listing: Listing, fmt: str, opts: Options | None = None) -> str:
    """The whole listing as one string, without a trailing newline (for tests and small outputs)."""
    return "\n".join(render(listing, fmt, opts))
