"""Parse a large TOML file one top-level table at a time, reusing the parse of every table whose
text has not changed since the last run (pure: text in, data out; cache.py keeps the parses).

A chronology of 100,000 events is 100,000 ``[[events]]`` tables; an edit touches one or two. The
file is cut before each header line of a top-level table (``[[events]]``, ``[sources]``), each piece
is parsed alone (or found, by a hash of its text, among the pieces parsed before) and the pieces are
joined. The result must be exactly what one tomli parse of the whole file gives, so anything this
cannot join with certainty gives ``None`` and the caller parses the whole file, which also words
any error: a piece that does not parse alone (a cut inside a multi-line string always leaves the
piece before it unterminated), a piece holding more than its own table, a table defined twice.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from typing import Any

# A header line of a top-level table or array of tables, bare key only; anything fancier (quoted
# or dotted keys, indentation) is not cut at and stays inside the piece before it.
HEADER = re.compile(r"(?:\[\[([A-Za-z0-9_-]+)\]\]|\[([A-Za-z0-9_-]+)\])[ \t]*(?:#[^\n]*)?\r?$", re.M)
_LINE_OF_BRACKET = re.compile(r"\n(?=\[)")

Pieces = dict[bytes, Any]
"""Parsed pieces by the digest of their text."""

Keys = dict[str, list[bytes]]
"""For each array of tables, one key per element: the digest of the text it was parsed from and its
place in that text. Equal keys mean equal text, so equal parses."""


def digest(piece: str) -> bytes:
    return hashlib.blake2b(piece.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def parse(text: str, known: Pieces) -> tuple[dict[str, Any], Pieces, Keys] | None:
    """The parse of ``text``, its pieces by digest (reusing ``known``) and the key of each element
    of its arrays of tables; None when it cannot be joined with certainty (the caller then parses
    the whole text)."""
    import tomli

    # Finding "\n[" first and then matching there is four times faster than a multi-line search.
    at = [0, *(m.end() for m in _LINE_OF_BRACKET.finditer(text))]
    headers = [h for h in (HEADER.match(text, pos) for pos in at) if h is not None]
    bounds = [0, *(h.start() for h in headers), len(text)]
    merged: dict[str, Any] = {}
    arrays: set[str] = set()
    pieces: Pieces = {}
    keys: Keys = {}
    for i, (start, end) in enumerate(itertools.pairwise(bounds)):
        piece = text[start:end]
        key = digest(piece)
        tree = pieces.get(key)
        if tree is None:
            tree = known.get(key)
        if tree is None:
            try:
                tree = tomli.loads(piece)
            except tomli.TOMLDecodeError:
                return None
        pieces[key] = tree
        if i == 0:  # the keys before the first header
            merged.update(tree)
            for name, value in tree.items():
                if isinstance(value, list):
                    keys[name] = [key + n.to_bytes(4, "big") for n in range(len(value))]
            continue
        array, table = headers[i - 1].groups()
        name = array or table
        if list(tree) != [name] or (name in merged and (table or name not in arrays)):
            return None
        if array:
            merged.setdefault(name, []).extend(tree[name])
            keys.setdefault(name, []).extend(key + n.to_bytes(4, "big") for n in range(len(tree[name])))
            arrays.add(name)
        else:
            merged[name] = tree[name]
    return merged, pieces, keys
