"""Sorting cites and bibliography entries by a style's ``cs:sort`` keys (pure).

A key is a variable (names as a sorted list, dates as YYYYMMDD, numbers as integers, text as
text) or a macro rendered for sorting (names inverted, no labels, dates as digits). Keys compare
as a collation does, close to the Unicode default that CSL processors use: letters before their
accented forms, case last, punctuation and spaces before digits and letters. An empty key sorts
last whether the order is ascending or descending.
"""

from __future__ import annotations

import functools
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
_PUNCT_ORDER = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$"


@functools.lru_cache(maxsize=1 << 15)
def collate(text: str) -> tuple[str, str, str]:
    """A comparison key: base letters (case and accents folded, punctuation low), then accents, then case."""
    primary = []
    secondary = []
    tertiary = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch):
            secondary.append(ch)
            continue
        if ch.isalnum():
            folded = ch.casefold()
            primary.append(folded if len(folded) == 1 else folded[0])
            tertiary.append("1" if ch != folded else "0")
        else:
            index = _PUNCT_ORDER.find(ch)
            primary.append(chr(1 + (index if index >= 0 else len(_PUNCT_ORDER))) if not ch.isspace() else chr(1))
        secondary.append(".")
    return ("".join(primary), "".join(secondary), "".join(tertiary))


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


def values(keys: Sequence[SortKey], items: Sequence[Item], make_env: Callable[[Item], Env]) -> list[list[Value]]:
    """Each item's value of each key."""
    return [[key_value(make_env(item), k) for k in keys] for item in items]


def order(
    style: Style,
    keys: Sequence[SortKey],
    items: Sequence[Item],
    make_env: Callable[[Item], Env],
    tie: dict[str, int] | None = None,
    *,
    lead: Sequence[Sequence[Value]] | None = None,
    found: list[list[Value]] | None = None,
) -> list[int]:
    """The indexes of ``items`` in the order ``keys`` give (``lead``: values compared before them);
    ties go by ``tie`` (the order the items were first cited), else keep their order."""
    if not keys:
        return list(range(len(items)))
    if found is None:
        found = values(keys, items, make_env)
    rows = [[*(lead[i] if lead else ()), *found[i]] for i in range(len(items))]
    directions = [keys[0].descending] * (len(rows[0]) - len(keys)) + [k.descending for k in keys] if rows else []

    def compare(a: int, b: int) -> int:
        for k, descending in enumerate(directions):
            x, y = rows[a][k], rows[b][k]
            if x[0] != y[0]:
                return -1 if x[0] < y[0] else 1  # empty last, either direction
            if x[0] == 1 or x[1] == y[1]:
                continue
            result = -1 if x[1] < y[1] else 1
            return -result if descending else result
        if tie:
            x_rank, y_rank = tie.get(items[a].id, 0), tie.get(items[b].id, 0)
            return -1 if x_rank < y_rank else 1 if x_rank > y_rank else 0
        return 0

    return sorted(range(len(items)), key=functools.cmp_to_key(compare))
