"""Styled text for citations, and the typographic rules the styles share.

``Styled`` is a list of (text, italic) segments that renders to plain text, HTML or Markdown, so a
style is written once and printed three ways. The helpers here format names, initials, page ranges
and title case the way CSL processors do.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

OPEN_Q, CLOSE_Q = "“", "”"


@dataclass
class Styled:
    """Text with italic spans; ``+`` joins, ``str()`` gives plain text."""

    parts: list[tuple[str, bool]] = field(default_factory=list)

    @classmethod
    def of(cls, text: str = "", italic: bool = False) -> Styled:
        return cls([(text, italic)] if text else [])

    def __add__(self, other: Styled | str) -> Styled:
        extra = other.parts if isinstance(other, Styled) else [(other, False)]
        return Styled(self.parts + [p for p in extra if p[0]])

    def __bool__(self) -> bool:
        return any(t for t, _ in self.parts)

    def plain(self) -> str:
        return "".join(t for t, _ in self.parts)

    __str__ = plain

    def html(self) -> str:
        out = []
        for text, italic in _merged(self.parts):
            escaped = html.escape(text, quote=False)
            out.append(f"<em>{escaped}</em>" if italic else escaped)
        return "".join(out)

    def markdown(self) -> str:
        out = []
        for text, italic in _merged(self.parts):
            escaped = re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)
            out.append(f"*{escaped}*" if italic and escaped.strip() else escaped)
        return "".join(out)

    def endswith(self, suffix: str) -> bool:
        return self.plain().endswith(suffix)

    def punctuate(self, mark: str) -> Styled:
        """Add ``mark`` (",", ".", ":") with American quotation rules: inside a closing quote, never doubled."""
        text = self.plain()
        if not mark or not text:
            return self
        if text.endswith(CLOSE_Q) and mark in ",.":
            body = Styled([*self.parts[:-1], (self.parts[-1][0][:-1], self.parts[-1][1])])
            if body.plain().endswith(tuple(".?!")):
                return self
            return body + Styled.of(mark + CLOSE_Q)
        if mark == "." and text.endswith(tuple(".?!")):
            return self
        if mark == "," and text.endswith(tuple("?!")):
            return self
        return self + mark


def _merged(parts: Iterable[tuple[str, bool]]) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for text, italic in parts:
        if out and out[-1][1] == italic:
            out[-1] = (out[-1][0] + text, italic)
        elif text:
            out.append((text, italic))
    return out


def join(pieces: Iterable[Styled | str], sep: str = ", ", end: str = "") -> Styled:
    """Join the non-empty pieces with ``sep`` (punctuation moves inside quotes), then add ``end``."""
    items = [p if isinstance(p, Styled) else Styled.of(p) for p in pieces]
    items = [p for p in items if p]
    if not items:
        return Styled()
    out = items[0]
    mark, space = sep.rstrip(), sep[len(sep.rstrip()) :]
    for item in items[1:]:
        out = (out.punctuate(mark) if mark else out) + space + item
    return out.punctuate(end) if end else out


def italic(text: str | None) -> Styled:
    return Styled.of(text or "", True)


def quoted(text: str | None) -> Styled:
    """A title in double quotes; quotation marks inside it become single ones."""
    if not text:
        return Styled()
    return Styled.of(OPEN_Q + flip_quotes(text, to_single=True) + CLOSE_Q)


def flip_quotes(text: str, *, to_single: bool) -> str:
    """‘x’ -> “x” (or the reverse): the printed quotes of a title nested one level differently."""
    if to_single:
        return re.sub(r"“([^”]*)”", r"‘\1’", text)
    return re.sub(r"‘([^’]*)’", r"“\1”", text)


def plain_title(text: str | None) -> str:
    """A title shown unquoted (italic or roman): its inner single quotes become double."""
    return flip_quotes(text or "", to_single=False)


# ------------------------------------------------------------------ title case (CSL's English rules)

STOP_WORDS = frozenset(
    "a an and as at but by down for from in into nor of on onto or over so the till to up via with yet".split()  # noqa: SIM905
)
_WORD = re.compile(r"[\w’'.-]+")


def title_case(title: str, language: str | None = None) -> str:
    """Capitalise as CSL does for English titles; other languages and capitalised words stay as they are."""
    if language and not language.lower().startswith("en"):
        return title
    out = []
    pos = 0
    first = True
    for m in _WORD.finditer(title):
        before = title[pos : m.start()]
        out.append(before)
        word = m.group()
        after_colon = ":" in before or "?" in before or "!" in before or "—" in before
        if word.islower() and (first or after_colon or word not in STOP_WORDS):
            word = (
                "-".join(p[:1].upper() + p[1:] for p in word.split("-")) if "-" in word else word[:1].upper() + word[1:]
            )
        out.append(word)
        pos = m.end()
        first = False
    out.append(title[pos:])
    return "".join(out)


# ------------------------------------------------------------------ names, initials, pages


def dotted(given: str) -> str:
    """Bare initials get full stops: "M" -> "M.", "J P" -> "J. P."; full names stay."""
    return " ".join(p + "." if len(p) == 1 and p.isalpha() else p for p in given.split())


def initials(given: str) -> str:
    """Initials of given names: "Peter" -> "P.", "Jean-Paul" -> "J.-P.", "M" -> "M."."""
    out = []
    for part in given.split():
        out.append("-".join(p[:1] + "." for p in part.split("-") if p))
    return " ".join(out)


def is_range(locator: str) -> bool:
    return bool(re.search(r"[–—,&-]", locator))


def page_label(locator: str) -> str:
    """ "p. 82" or "pp. 44–45" (APA, Harvard)."""
    return ("pp. " if is_range(locator) else "p. ") + locator


def minimal_two(pages: str) -> str:
    """MLA's page ranges: 264–265 -> 264–65, 497–498 -> 497–98, 24–46 and 17–918 stay."""

    def shorten(m: re.Match[str]) -> str:
        a, b = m.group(1), m.group(2)
        if len(a) == len(b) and len(b) > 2:
            i = 0
            while i < len(b) - 2 and a[i] == b[i]:
                i += 1
            return f"{a}–{b[i:]}"
        return m.group()

    return re.sub(r"(\d+)–(\d+)", shorten, pages)
