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
    """One column: the record key, its header, and whether the terminal table shows it."""

    key: str
    header: str
    in_table: bool = True
    max_width: int | None = None
    no_wrap: bool = False
    get: Callable[[dict[str, Any]], Any] | None = None

    def value(self, record: dict[str, Any]) -> str:
        return flat(self.get(record) if self.get else record.get(self.key))


@dataclass(frozen=True)
class Listing:
    """What a listing command found, ready for any format.

    ``records`` are the JSON shapes (documented in docs/formats.md); ``columns`` say how the
    tabular formats show them; ``plain`` makes the one-line form; ``key`` is what ``ids`` prints.
    ``highlight`` maps a column key to the (start, end) spans a table should emphasise.
    ``keys``, when given, yields the keys without making the records (what ``ids`` prints).
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


def render_markdown(listing: Listing, opts: Options) -> Iterator[str]:
    cols = [c for c in listing.columns if c.in_table]
    yield "| " + " | ".join(c.header for c in cols) + " |"
    yield "|" + "|".join(" --- " for _ in cols) + "|"
    for r in listing.records:
        yield "| " + " | ".join(markdown_text(c.value(r)) for c in cols) + " |"


def render_plain(listing: Listing, opts: Options) -> Iterator[str]:
    if listing.plain is not None:
        line = listing.plain
        return (one_line(line(r)) for r in listing.records)
    cols = [c for c in listing.columns if c.in_table]
    return ("  ".join(one_line(c.value(r)) for c in cols) for r in listing.records)


def render_ids(listing: Listing, opts: Options) -> Iterator[str]:
    keys = listing.keys() if listing.keys is not None else (r.get(listing.key) for r in listing.records)
    return (one_line(flat(k)) for k in keys)


def render_table(listing: Listing, opts: Options) -> Iterator[str]:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    records = list(listing.records)
    if not records:
        return
    cols = [c for c in listing.columns if c.in_table]
    table = Table(box=box.SIMPLE_HEAD, title=listing.title, show_edge=False, pad_edge=False, expand=False)
    for c in cols:
        table.add_column(c.header, max_width=c.max_width, overflow="fold", no_wrap=c.no_wrap)
    for r in records:
        spans = listing.highlight(r) if listing.highlight else {}
        cells = []
        for c in cols:
            raw = c.value(r)
            text = Text(one_line(raw))  # Text, not markup: "[red]" in the data stays literal
            if c.key in spans and text.plain == raw:
                for start, end in spans[c.key]:
                    text.stylize("bold reverse" if opts.color else "", start, end)
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
