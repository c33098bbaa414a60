"""Styled text: what a citation is made of, rendered as plain text, HTML or Markdown (pure).

A ``Styled`` is a list of runs, each a piece of text and the formatting around it: a tuple of
tags from the outermost to the innermost, e.g. ``("i",)`` for italics or ``("i", "n")`` for roman
type inside italics (a book title within a book title). Tags: ``i`` italic, ``b`` bold, ``sc``
small caps, ``sup`` and ``sub``, ``u`` underline; ``n``, ``nb`` and ``nsc`` switch italics, bold
and small caps off inside them. A style is written once and printed three ways; nothing here
knows about CSL.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

Tags = tuple[str, ...]
Run = tuple[str, Tags]

_HTML_OPEN = {
    "i": "<em>",
    "b": "<strong>",
    "sc": '<span style="font-variant:small-caps;">',
    "sup": "<sup>",
    "sub": "<sub>",
    "u": '<span style="text-decoration:underline;">',
    "n": '<span style="font-style:normal;">',
    "nb": '<span style="font-weight:normal;">',
    "nsc": '<span style="font-variant:normal;">',
}
_HTML_CLOSE = {
    "i": "</em>",
    "b": "</strong>",
    "sup": "</sup>",
    "sub": "</sub>",
}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


@dataclass
class Styled:
    """Text with formatted runs; ``+`` joins, ``str()`` gives plain text."""

    parts: list[Run] = field(default_factory=list)

    @classmethod
    def of(cls, text: str = "", italic: bool = False) -> Styled:
        return cls([(text, ("i",) if italic else ())] if text else [])

    def __add__(self, other: Styled | str) -> Styled:
        extra = other.parts if isinstance(other, Styled) else [(other, ())]
        return Styled(_merged([*self.parts, *extra]))

    def __bool__(self) -> bool:
        return any(t for t, _ in self.parts)

    def plain(self) -> str:
        return "".join(t for t, _ in self.parts)

    __str__ = plain

    def endswith(self, suffix: str) -> bool:
        return self.plain().endswith(suffix)

    def html(self) -> str:
        """HTML with every value escaped; nested formatting nests its tags."""
        out: list[str] = []
        open_tags: list[str] = []
        for text, tags in _merged(self.parts):
            common = 0
            while common < min(len(open_tags), len(tags)) and open_tags[common] == tags[common]:
                common += 1
            while len(open_tags) > common:
                out.append(_HTML_CLOSE.get(open_tags.pop(), "</span>"))
            for tag in tags[common:]:
                out.append(_HTML_OPEN[tag])
                open_tags.append(tag)
            out.append(html.escape(text, quote=False))
        out.extend(_HTML_CLOSE.get(tag, "</span>") for tag in reversed(open_tags))
        return "".join(out)

    def markdown(self) -> str:
        """Markdown: italics as ``*...*``, bold as ``**...**``; other formatting is dropped."""
        out = []
        for text, tags in _merged([(t, _effective(tags)) for t, tags in self.parts]):
            escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
            inner = escaped.strip()
            if inner and tags:
                lead = escaped[: len(escaped) - len(escaped.lstrip())]
                trail = escaped[len(escaped.rstrip()) :]
                mark = "*" * (("i" in tags) + 2 * ("b" in tags))
                escaped = f"{lead}{mark}{inner}{mark}{trail}"
            out.append(escaped)
        return "".join(out)


def _effective(tags: Tags) -> Tags:
    """Which of italics and bold are on at the end of a path of tags (for Markdown)."""
    italic = bold = False
    for tag in tags:
        if tag in ("i", "n"):
            italic = tag == "i"
        elif tag in ("b", "nb"):
            bold = tag == "b"
    return tuple(t for t, on in (("i", italic), ("b", bold)) if on)


def _merged(parts: Iterable[Run]) -> list[Run]:
    out: list[Run] = []
    for text, tags in parts:
        if not text:
            continue
        if out and out[-1][1] == tags:
            out[-1] = (out[-1][0] + text, tags)
        else:
            out.append((text, tags))
    return out


def join(pieces: Sequence[Styled], sep: str = "; ") -> Styled:
    """The non-empty pieces joined with ``sep``."""
    out = Styled()
    for piece in pieces:
        if piece:
            out = out + sep + piece if out else out + piece
    return out
