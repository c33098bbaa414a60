"""CSL's text-case transformations over leaves of output, which they never mutate (pure).

``lowercase``, ``uppercase``, ``capitalize-first``, ``capitalize-all``, ``sentence`` and ``title``
as the CSL 1.0.2 specification defines them, with the title-case details of citeproc-js, the
processor inside Zotero: only words written all in lower case change; stop words stay low
unless first, last, or after a colon, question or exclamation mark; the parts of a hyphenated
word are words; words in a no-case span are left alone. Callers decide whether an item is
English (title case applies only to English items).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from chron.citation.csl.output import Leaf, Quote, Text
from chron.citation.text import Tags

_STOP_WORDS = """
    a across afore after against along alongside amid amidst among amongst an and anenst apropos apud around as
    aside astride at athwart atop barring before behind below beneath beside besides between beyond but by c ca
    circa d' de despite down during et except for forenenst from given in inside into lest like modulo near next
    nor notwithstanding of off on onto or out over per plus pro qua sans since so than the through throughout thru
    thruout till to toward towards under underneath until unto up upon v. van versus via vis-à-vis von vs. with
    within without yet"""
STOP_WORDS = frozenset(_STOP_WORDS.split())
"""The single words of CSL's stop-words.json (CSL schema, MIT licence); its phrases ("according to")
cannot match one word and are left out. Title case keeps these lower case."""

_WORD = re.compile(r"[^\s\-–—/.,;?!:()\[\]\"“”‘’']+")


def apply(leaves: Sequence[Leaf], case: str) -> list[Leaf]:
    """The leaves with ``case`` applied across them (words may span leaves)."""
    if case == "title":
        return list(_title_of(tuple(_content(leaf) for leaf in leaves)))
    out: list[Leaf] = []
    first = True
    for leaf in leaves:
        if not isinstance(leaf, Text) or leaf.nocase:
            out.append(leaf)
            if isinstance(leaf, Text) and leaf.text.strip():
                first = False
            continue
        text = leaf.text
        if case == "lowercase":
            text = text.lower()
        elif case == "uppercase":
            text = text.upper()
        elif case in ("capitalize-first", "sentence"):
            if first and text.strip():
                text = _capitalize_first_word(text, sentence=case == "sentence")
        elif case == "capitalize-all":
            text = _WORD.sub(lambda m: _cap(m.group()) if m.group().islower() else m.group(), text)
        if text.strip():
            first = False
        out.append(Text(text, leaf.tags, leaf.nocase))
    return out


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _capitalize_first_word(text: str, *, sentence: bool) -> str:
    if sentence and text.isupper():
        stripped = text.lstrip()
        lead = text[: len(text) - len(stripped)]
        return lead + stripped[:1] + stripped[1:].lower()
    m = _WORD.search(text)
    if not m or not m.group().islower() or m.group() != m.group().lower():
        return text
    return text[: m.start()] + _cap(m.group()) + text[m.end() :]


LeafContent = tuple[str, Tags, bool] | tuple[bool, bool, Tags]
"""A Text leaf as (text, tags, nocase), a Quote as (opening, inner, tags): what title case reads."""


def _content(leaf: Leaf) -> LeafContent:
    return (leaf.text, leaf.tags, leaf.nocase) if isinstance(leaf, Text) else (leaf.opening, leaf.inner, leaf.tags)


@lru_cache(maxsize=4096)
def _title_of(contents: tuple[LeafContent, ...]) -> tuple[Leaf, ...]:
    """Title case of leaves given by their content: a title is cased once in a run, however many
    times it is rendered (citations, bibliography, sort keys)."""
    leaves = [Text(c[0], c[1], c[2]) if isinstance(c[0], str) else Quote(c[0], c[1], c[2]) for c in contents]
    return tuple(_title(leaves))


def _title(leaves: Sequence[Leaf]) -> list[Leaf]:
    # Words in order across the leaves: (leaf index, start, end, capitalise?), and whether a word
    # follows a colon, question or exclamation mark, or precedes a hyphen.
    words: list[list[int]] = []
    after_punct = False
    first = True
    last_word: list[int] | None = None
    for li, leaf in enumerate(leaves):
        if isinstance(leaf, Quote):
            continue
        text = leaf.text
        pos = 0
        for m in _WORD.finditer(text):
            gap = text[pos : m.start()]
            if any(c in gap for c in "!?:"):
                after_punct = True
            pos = m.end()
            word = m.group()
            if leaf.nocase:
                first = after_punct = False
                last_word = None
                continue
            lower = word.lower()
            hyphen_follows = text[m.end() : m.end() + 1] == "-"
            capitalise = (
                (len(word) > 1 and lower not in STOP_WORDS) or hyphen_follows or first or after_punct
            ) and word == lower
            entry = [li, m.start(), m.end(), int(capitalise)]
            words.append(entry)
            last_word = entry
            first = after_punct = False
        if any(c in text[pos:] for c in "!?:"):
            after_punct = True
    if last_word is not None:
        li, start, end, _ = last_word
        word = leaves[li].text[start:end]  # type: ignore[union-attr]  # words are only found in Text leaves
        if word == word.lower() and len(word) > 1:
            last_word[3] = 1
    changes: dict[int, list[tuple[int, int]]] = {}
    for li, start, end, cap in words:
        if cap:
            changes.setdefault(li, []).append((start, end))
    out: list[Leaf] = []
    for li, leaf in enumerate(leaves):
        spans = changes.get(li)
        if not spans or not isinstance(leaf, Text):
            out.append(leaf)
            continue
        text = leaf.text
        for start, _end in reversed(spans):
            text = text[:start] + text[start].upper() + text[start + 1 :]
        out.append(Text(text, leaf.tags, leaf.nocase))
    return out


def strip_periods(leaves: Sequence[Leaf]) -> list[Leaf]:
    """The leaves without full stops (CSL's strip-periods)."""
    return [Text(x.text.replace(".", ""), x.tags, x.nocase) if isinstance(x, Text) else x for x in leaves]
