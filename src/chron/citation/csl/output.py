"""What rendering a CSL element produces, and how a tree of it becomes ``Styled`` text (pure).

Rendering builds a tree of ``Out`` nodes (affixes, a delimiter, formatting, quotation marks)
whose leaves are ``Text`` (with the markup a field carried: ``<i>``, ``<b>``, small caps,
superscript, subscript, a no-case span) and ``Quote`` (quotation marks written in a field).
``flatten`` turns the tree into runs of text and settles what only the whole can decide:
which quotation marks nest inside which, italics inside italics (roman again), and punctuation
where two pieces meet ("Why?" + "." prints "Why?"; a comma after a closing quotation mark moves
inside it where the locale says so; doubled spaces and full stops collapse).
"""

from __future__ import annotations

from collections.abc import Iterable

from chron.citation.text import Styled, Tags

Formatting = tuple[tuple[str, str], ...]
"""(attribute, value) pairs: ("font-style", "italic"), ("vertical-align", "sup")..."""

PUNCT = ".!?:,;"
_KEEP_LEFT = {  # what remains of "left" + "right" punctuation when they meet; unlisted: both stay
    ("!", "."): "!",
    ("!", ":"): "!",
    ("?", "."): "?",
    ("?", ":"): "?",
    (":", "!"): "!",
    (":", "?"): "?",
    (":", "."): ":",
    (";", "!"): "!",
    (";", "?"): "?",
    (";", ":"): ";",
    (";", "."): ";",
}
_INTO_QUOTES = ".,!?"  # punctuation that moves inside a closing quotation mark where the locale asks


class Text:
    """A leaf of text; ``tags`` is the markup its field gave it (each tag flips that formatting)."""

    __slots__ = ("nocase", "tags", "text")

    def __init__(self, text: str, tags: Tags = (), nocase: bool = False) -> None:
        self.text = text
        self.tags = tags
        self.nocase = nocase

    def __repr__(self) -> str:
        return f"Text({self.text!r})"


class Quote:
    """A quotation mark written in a field: opening or closing, of the outer or inner kind."""

    __slots__ = ("inner", "opening", "tags")

    def __init__(self, opening: bool, inner: bool, tags: Tags = ()) -> None:
        self.opening = opening
        self.inner = inner
        self.tags = tags


Leaf = Text | Quote


class Out:
    """A rendered element: its pieces, joined by ``delim``, inside its formatting and quotation marks,
    between its affixes (which stay outside the formatting)."""

    __slots__ = ("delim", "fmt", "kids", "prefix", "quotes", "suffix")

    def __init__(
        self,
        kids: list[Out | Leaf],
        prefix: str = "",
        suffix: str = "",
        delim: str = "",
        fmt: Formatting = (),
        quotes: bool = False,
    ) -> None:
        self.kids = kids
        self.prefix = prefix
        self.suffix = suffix
        self.delim = delim
        self.fmt = fmt
        self.quotes = quotes

    def leaves(self) -> Iterable[Leaf]:
        for kid in self.kids:
            if isinstance(kid, Out):
                yield from kid.leaves()
            else:
                yield kid

    def plain(self) -> str:
        """The text without formatting, quotation marks or punctuation rules (for sorting and comparing)."""
        parts = []
        for i, kid in enumerate(self.kids):
            if i and self.delim:
                parts.append(self.delim)
            parts.append(kid.plain() if isinstance(kid, Out) else kid.text if isinstance(kid, Text) else "")
        return self.prefix + "".join(parts) + self.suffix

    def __repr__(self) -> str:
        return f"Out({self.plain()!r})"


def text(value: str) -> Out:
    return Out([Text(value)])


# ------------------------------------------------------------------ flattening


class _Token:
    __slots__ = ("affix", "tags", "text")

    def __init__(self, text: str, tags: Tags, affix: bool) -> None:
        self.text = text
        self.tags = tags
        self.affix = affix


def flatten(
    out: Out | None, quotes: tuple[tuple[str, str], tuple[str, str]], punct_in_quote: bool, note: bool = False
) -> Styled:
    """The tree as runs of formatted text, with nesting and punctuation settled; in a note,
    parentheses a style nests inside parentheses become square brackets, as citeproc-js prints them."""
    if out is None:
        return Styled()
    tokens: list[_Token] = []
    closers: list[int] = []  # indexes of closing quotation marks, for punctuation to move into
    _walk(out, (), [], tokens, closers, quotes)
    if note:
        _brackets(tokens)
    _punctuate(tokens, set(closers), punct_in_quote)
    parts = [(t.text, t.tags) for t in tokens if t.text]
    if parts:
        parts[0] = (parts[0][0].lstrip(), parts[0][1])
        parts[-1] = (parts[-1][0].rstrip(), parts[-1][1])
    return Styled([p for p in parts if p[0]]) + ""


def _state(tags: Tags, attr: str) -> bool:
    """Whether formatting ``attr`` (i, b, sc) is on at the end of a path of tags."""
    on = False
    for tag in tags:
        if tag == attr:
            on = True
        elif tag == "n" + attr or (attr == "i" and tag == "n"):
            on = False
    return on


_ATTR = {"font-style": "i", "font-weight": "b", "font-variant": "sc"}


def _push(tags: Tags, fmt: Formatting) -> Tags:
    """The path of tags inside an element with CSL formatting (which sets, not flips)."""
    for attr, value in fmt:
        short = _ATTR.get(attr)
        if short:
            want = value in ("italic", "oblique", "bold", "small-caps")
            if want != _state(tags, short):
                tags = (*tags, short if want else ("n" if short == "i" else "n" + short))
        elif attr == "vertical-align" and value in ("sup", "sub"):
            tags = (*tags, value)
        elif attr == "text-decoration" and value == "underline":
            tags = (*tags, "u")
    return tags


def _flip(tags: Tags, markup: Tags) -> Tags:
    """The path of tags inside a field's markup (which flips: italics in italics are roman)."""
    for tag in markup:
        if tag in _ATTR.values():
            tags = (*tags, ("n" if tag == "i" else "n" + tag) if _state(tags, tag) else tag)
        else:
            tags = (*tags, tag)
    return tags


def _walk(
    node: Out,
    tags: Tags,
    levels: list[int],
    tokens: list[_Token],
    closers: list[int],
    quotes: tuple[tuple[str, str], tuple[str, str]],
) -> None:
    if node.prefix:
        tokens.append(_Token(node.prefix, tags, True))
    inner = _push(tags, node.fmt) if node.fmt else tags
    if node.quotes:
        level = 1 - levels[-1] if levels else 0
        levels.append(level)
        tokens.append(_Token(quotes[level][0], inner, False))
    first = True
    for kid in node.kids:
        if not first and node.delim:
            tokens.append(_Token(node.delim, inner, True))
        first = False
        if isinstance(kid, Out):
            _walk(kid, inner, levels, tokens, closers, quotes)
        elif isinstance(kid, Text):
            tokens.append(_Token(kid.text, _flip(inner, kid.tags) if kid.tags else inner, False))
        elif kid.opening:
            level = (1 - levels[-1]) if levels else int(kid.inner)
            levels.append(level)
            tokens.append(_Token(quotes[level][0], _flip(inner, kid.tags), False))
        else:
            level = levels.pop() if levels else int(kid.inner)
            closers.append(len(tokens))
            tokens.append(_Token(quotes[level][1], _flip(inner, kid.tags), False))
    if node.quotes:
        level = levels.pop() if levels else 0
        closers.append(len(tokens))
        tokens.append(_Token(quotes[level][1], inner, False))
    if node.suffix:
        tokens.append(_Token(node.suffix, tags, True))


def _brackets(tokens: list[_Token]) -> None:
    """Parentheses of affixes nested at an odd depth become square brackets."""
    depth = 0
    for tok in tokens:
        if not tok.affix or not ("(" in tok.text or ")" in tok.text):
            continue
        chars = list(tok.text)
        for i, ch in enumerate(chars):
            if ch == "(":
                if depth % 2 == 1:
                    chars[i] = "["
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth % 2 == 1:
                    chars[i] = "]"
        tok.text = "".join(chars)


def _punctuate(tokens: list[_Token], closers: set[int], punct_in_quote: bool) -> None:
    """Settle punctuation where an affix or delimiter meets what precedes it."""
    last = -1  # index of the last token with text
    for i, tok in enumerate(tokens):
        if not tok.text:
            continue
        if last >= 0 and tok.affix:
            prev = tokens[last]
            if prev.text.endswith(" ") and tok.text.startswith(" "):
                tok.text = tok.text[1:]
            if tok.text and tok.text[0] in PUNCT:
                mark = tok.text[0]
                if last in closers and punct_in_quote and mark in _INTO_QUOTES:
                    _into_quote(tokens, last, mark)
                    tok.text = tok.text[1:]
                else:
                    before = _last_char(tokens, last, closers)
                    if before and before in PUNCT:
                        keep = before if before == mark else _KEEP_LEFT.get((before, mark))
                        if keep == before:
                            tok.text = tok.text[1:]
                        elif keep == mark and last not in closers:
                            _drop_last(tokens, last)
        elif last >= 0 and tokens[last].text.endswith(" ") and tok.text.startswith(" "):
            tok.text = tok.text[1:]
        if tok.text:
            last = i


def _last_char(tokens: list[_Token], last: int, closers: set[int]) -> str:
    """The last character printed, or the last inside a closing quotation mark."""
    if last in closers:
        j = last - 1
        while j >= 0 and not tokens[j].text:
            j -= 1
        return tokens[j].text[-1:] if j >= 0 else ""
    return tokens[last].text[-1:]


def _drop_last(tokens: list[_Token], last: int) -> None:
    tokens[last].text = tokens[last].text[:-1]


def _into_quote(tokens: list[_Token], closer: int, mark: str) -> None:
    """Put ``mark`` before the closing quotation mark at ``closer``, merging it with what ends the quotation."""
    j = closer - 1
    while j >= 0 and not tokens[j].text:
        j -= 1
    before = tokens[j].text[-1:] if j >= 0 else ""
    if before == mark or (before in "!?" and mark in ".:"):
        return
    if j >= 0:
        tokens[j].text += mark
