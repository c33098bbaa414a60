"""The markup a CSL-JSON field may carry, read into leaves of output (pure).

CSL-JSON titles may hold a little HTML (``<i>``, ``<b>``, ``<sc>``, ``<sup>``, ``<sub>``,
``<span style="font-variant:small-caps;">``, ``<span class="nocase">`` for words no case change
may touch, ``<span class="nodecor">``) and quotation marks, straight or curly. Tags become
formatting that flips inside the same formatting; quotation marks become ``Quote`` leaves, so
that a title quoted inside a quoted title prints with the inner marks; a straight apostrophe
becomes a curly one. Text with none of these is one plain leaf.
"""

from __future__ import annotations

import re
from functools import lru_cache

from chron.citation.csl.output import Leaf, Quote, Text

_SPECIAL = re.compile(r"[<\"'“”‘’]")
_QUOTES = re.compile(r"[\"'“”‘’]")
_TOKEN = re.compile(
    r"<span\s+class=\"(?:nocase|nodecor)\"\s*>|<span\s+style=\"font-variant:\s*small-caps;?\"\s*>|</span>"
    r"|</?(?:i|b|sc|sup|sub)>|[\"'“”‘’]"
)
_TAG_NAMES = {"i": "i", "b": "b", "sc": "sc", "sup": "sup", "sub": "sub"}


@lru_cache(maxsize=4096)
def parse(value: str, outer_open: str = "“", inner_open: str = "‘", markup: bool = True) -> tuple[Leaf, ...]:
    """The leaves of a field's text; ``outer_open`` and ``inner_open`` are the locale's opening
    quotation marks, which decide whether a curly mark in the text is an outer or an inner one.
    Without ``markup`` (chron's own data, which is plain text) tags such as ``<i>`` are words, and
    only quotation marks are read."""
    if not (_SPECIAL if markup else _QUOTES).search(value):
        return (Text(value),)
    leaves: list[Leaf] = []
    tags: list[str] = []
    spans: list[str] = []  # what each open <span> was: "nocase", "nodecor" or "sc"
    quotes: list[tuple[str, int]] = []  # open quotation marks: their character and leaf index
    pos = 0

    def add(text: str) -> None:
        if text:
            leaves.append(Text(text, tuple(tags), "nocase" in spans))

    for m in (_TOKEN if markup else _QUOTES).finditer(value):
        add(value[pos : m.start()])
        pos = m.end()
        tok = m.group()
        before = value[m.start() - 1] if m.start() else " "
        after = value[m.end()] if m.end() < len(value) else " "
        if tok.startswith("<span"):
            kind = "nocase" if "nocase" in tok else "nodecor" if "nodecor" in tok else "sc"
            spans.append(kind)
            if kind == "sc":
                tags.append("sc")
        elif tok == "</span>":
            if spans and spans.pop() == "sc" and "sc" in tags:
                tags.reverse()
                tags.remove("sc")
                tags.reverse()
        elif tok.startswith("</"):
            name = _TAG_NAMES[tok[2:-1]]
            if name in tags:
                tags.reverse()
                tags.remove(name)
                tags.reverse()
        elif tok.startswith("<"):
            tags.append(_TAG_NAMES[tok[1:-1]])
        elif _closes(tok, quotes, after):
            quotes.pop()
            leaves.append(Quote(False, False, tuple(tags)))
        elif _opens(tok, before, after, value, m.end()):
            inner = tok == "'" or (tok in "“‘" and tok != outer_open and tok == inner_open)
            quotes.append((tok, len(leaves)))
            leaves.append(Quote(True, inner, tuple(tags)))
        else:
            add("’" if tok in "'’" else tok)
    add(value[pos:])
    for char, index in quotes:  # never closed: the mark was an apostrophe or a stray character
        leaves[index] = Text("’" if char == "'" else char, leaves[index].tags)
    return tuple(leaves)


_PAIRS = {'"': '"', "'": "'", "“": "”", "‘": "’"}


def _closes(tok: str, quotes: list[tuple[str, int]], after: str) -> bool:
    if not quotes:
        return False
    opener = quotes[-1][0]
    if tok in ("'", "’") and after.isalnum():
        return False  # an apostrophe inside a word
    return _PAIRS[opener] == tok or (opener == "'" and tok == "’") or (opener == "‘" and tok == "'")


def _opens(tok: str, before: str, after: str, value: str, end: int) -> bool:
    if tok in "”’":
        return False
    if after.isspace():
        return False
    if tok in "'‘" and before.isalnum():
        return False
    if not (before.isspace() or before in "([{—–-/" or tok in "“‘"):
        return False
    closer = "'’" if tok in "'‘" else _PAIRS[tok]
    return any(c in value[end:] for c in closer)
