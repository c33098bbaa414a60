"""Sorting cites and bibliography entries by a style's ``cs:sort`` keys (pure).

A key is a variable (names as a sorted list, dates as YYYYMMDD, numbers as integers, text as
text) or a macro rendered for sorting (names inverted, no labels, dates as digits). Keys compare
as citeproc-js compares them (the Unicode default collation at base strength, punctuation and
spaces ignored, digit runs as numbers; see ``collate``). An empty key sorts last whether the order
is ascending or descending.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from chron.citation.csl import numbers
from chron.citation.csl.dates import sort_key as date_key
from chron.citation.csl.env import Env
from chron.citation.csl.item import DATE_VARIABLES, NAME_VARIABLES, NUMBER_VARIABLES, Item
from chron.citation.csl.names import _sort_name

if TYPE_CHECKING:
    from chron.citation.csl.style import SortKey, Style

Value = tuple[int, tuple[object, ...]]

# Letters with no canonical decomposition that the Unicode default collation sorts as a base letter
# with a mark (ø as o, ł as l) or as two letters (ß as ss, æ as ae); keys are casefolded.
_LETTER_FOLDS = {"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "ŧ": "t", "ß": "ss", "æ": "ae", "œ": "oe"}
_DIGIT_RUNS = re.compile(r"(\d+)")
_SPACE = "\x01"  # a word boundary: citeproc-js joins a key's words with "|", which sorts before letters
_SPACES = re.compile(_SPACE + "+")
_SYMBOL = "\x02"  # symbols sort before digits and letters, as in the Unicode default
_NUMBER = "\x03"  # a run of digits: this, its length, its digits (numeric order)


@functools.lru_cache(maxsize=1 << 15)
def collate(text: str) -> tuple[str]:
    """A comparison key, as citeproc-js compares (the Unicode collation at base strength, punctuation
    ignored, words kept apart, digits as numbers): "O’Connell" sorts as "oconnell", "Sørensen" as
    "sorensen", "Le Monde" before "Lebedev", "Budapest: A Guide" before "Budapest Legation",
    "Vol. 9" before "Vol. 10". Texts that differ only in case, accents or punctuation are equal here,
    so the next sort key decides between them."""
    parts = _DIGIT_RUNS.split(text.strip())
    out = []
    for i, part in enumerate(parts):
        if i % 2:  # a run of digits
            digits = "".join(str(unicodedata.decimal(c, 0)) for c in part).lstrip("0") or "0"
            out.append(f"{_NUMBER}{chr(0x40 + min(len(digits), 0x3F))}{digits}")
        elif part.isascii():
            out.append(part.translate(_ascii_table()))
        else:
            out.append(_fold(part))
    return (_SPACES.sub(_SPACE, "".join(out)),)


def _fold(text: str) -> str:
    """The base letters of a text without digits: case and accents folded, punctuation dropped,
    spaces and symbols kept low."""
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch):
            continue
        category = unicodedata.category(ch)
        if ch.isalpha() or category[0] == "N":
            folded = ch.casefold()
            out.append("".join(_LETTER_FOLDS.get(c, c) for c in folded))
        elif ch.isspace() or category[0] == "Z":
            out.append(_SPACE)
        elif category[0] == "S":
            out.append(_SYMBOL + ch)
        # punctuation (P) and controls (C) are ignored
    return "".join(out)


@functools.cache
def _ascii_table() -> dict[int, str | None]:
    """What each ASCII character adds to a key, read off the general rule so that the two can never
    disagree (``str.translate`` then folds an ASCII text in one call)."""
    table: dict[int, str | None] = {}
    for code in range(128):
        folded = _fold(chr(code))
        table[code] = folded or None
    return table


def key_value(env: Env, key: SortKey) -> Value:
    """One sort key's value for the env's item: (0, comparable) or (1, ()) when empty."""
    item = env.item
    if key.macro is not None:
        env.sorting = True
        env.sort_names = key.names
        acc: list = []  # type: ignore[type-arg]  # outputs of the macro
        key.macro.render(env, acc)
        env.sorting = False
        env.sort_names = None
        text = "".join(o.plain() for o in acc).strip()
        return (0, collate(text)) if text else (1, ())
    var = key.variable
    if var in NAME_VARIABLES:
        names = item.names.get(var)
        if not names:
            return (1, ())
        text = ", ".join(_sort_name(n, env.style.demote_particle) if n.personal else n.literal for n in names)
        return (0, collate(text))
    if var in DATE_VARIABLES:
        date = item.dates.get(var)
        found = date_key(date) if date else ""
        return (0, (found,)) if found else (1, ())
    value = env.value(var)
    if not value:
        return (1, ())
    if var in NUMBER_VARIABLES:
        digits = "".join(c for c in value.split("-")[0].split(",")[0] if c.isdigit())
        if digits and numbers.is_numeric(value):
            return (0, (0, int(digits)))
        return (0, (1, *collate(value)))
    return (0, collate(value))


class Values:
    """The items' values of the sort keys, each computed the first time a comparison needs it:
    most items differ in the first key or two, and a key is often a whole macro rendered.
    ``rows`` (one list per item, ``None`` for a value not yet computed) may be shared with
    other sorts of the same items by the same keys, which then fill them in too."""

    __slots__ = ("items", "keys", "make_env", "rows")

    def __init__(
        self,
        keys: Sequence[SortKey],
        items: Sequence[Item],
        make_env: Callable[[Item], Env],
        rows: list[list[Value | None]] | None = None,
    ) -> None:
        self.keys = keys
        self.items = items
        self.make_env = make_env
        empty: list[Value | None] = [None] * len(keys)
        self.rows = rows if rows is not None else [list(empty) for _ in items]

    def get(self, i: int, k: int) -> Value:
        """Item ``i``'s value of key ``k``."""
        row = self.rows[i]
        found = row[k]
        if found is None:
            found = row[k] = key_value(self.make_env(self.items[i]), self.keys[k])
        return found


def order(
    style: Style,
    keys: Sequence[SortKey],
    items: Sequence[Item],
    make_env: Callable[[Item], Env],
    tie: dict[str, int] | None = None,
    *,
    lead: Sequence[Sequence[Value]] | None = None,
    found: Values | None = None,
) -> list[int]:
    """The indexes of ``items`` in the order ``keys`` give (``lead``: values compared before them);
    ties go by ``tie`` (the order the items were first cited), else keep their order."""
    if not keys:
        return list(range(len(items)))
    values = found if found is not None else Values(keys, items, make_env)
    leads: Sequence[Sequence[Value]] = lead or ()
    leading = len(leads[0]) if leads and items else 0
    lead_descending = keys[0].descending
    directions = [k.descending for k in keys]

    def compare(a: int, b: int) -> int:
        for k in range(leading):
            result = _compare(leads[a][k], leads[b][k], lead_descending)
            if result:
                return result
        for k, descending in enumerate(directions):
            result = _compare(values.get(a, k), values.get(b, k), descending)
            if result:
                return result
        if tie:
            x_rank, y_rank = tie.get(items[a].id, 0), tie.get(items[b].id, 0)
            return -1 if x_rank < y_rank else 1 if x_rank > y_rank else 0
        return 0

    return sorted(range(len(items)), key=functools.cmp_to_key(compare))


def _compare(x: Value, y: Value, descending: bool) -> int:
    """Two values of one key: -1, 0 or 1 (an empty value last, whichever the direction)."""
    if x[0] != y[0]:
        return -1 if x[0] < y[0] else 1
    if x[0] == 1 or x[1] == y[1]:
        return 0
    result = -1 if x[1] < y[1] else 1
    return -result if descending else result
