"""Disambiguation: the cites of a document that would print alike are told apart (pure).

Two cites are ambiguous when their citation (in the subsequent form, without locator or
formatting) prints the same for different items. The methods the style enables are tried in
the specification's order: given names expanded (initials, then full names), more names shown
before "et al.", the ``disambiguate`` condition, and last a year suffix ("1956a", "1956b",
lettered in bibliography order). A method that tells no cite apart is undone. The global given
name rules (``all-names``, ``primary-name`` and their ``-with-initials`` forms) first expand the
names that share a family name across the whole document, whether or not the cites clash.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from chron.citation.csl.env import Disambiguation
from chron.citation.csl.item import Item, Name

Render = Callable[[Item, Disambiguation], tuple[str, list[tuple[str, tuple[Name, ...], int]]]]
"""An item's ambiguity key under some disambiguation, and the names it printed (variable, names, shown)."""


def suffix_letters(index: int) -> str:
    """The ``index``-th year suffix: "a" ... "z", then "aa", "ab" ... "az", "ba"."""
    out = ""
    n = index + 1
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def disambiguate(
    items: Sequence[Item],
    render: Render,
    options: dict[str, str],
    order: Sequence[str],
    name_variables: Callable[[Item], Sequence[str]],
) -> dict[str, Disambiguation]:
    """What each item needs to be told apart from the others; ``order`` is the bibliography order
    (for year suffixes), ``name_variables`` the name variables the citation looks at for an item."""
    rule = options.get("givenname-disambiguation-rule", "by-cite")
    add_givenname = options.get("disambiguate-add-givenname") == "true"
    add_names = options.get("disambiguate-add-names") == "true"
    add_year_suffix = options.get("disambiguate-add-year-suffix") == "true"
    state = {item.id: Disambiguation() for item in items}
    by_id = {item.id: item for item in items}
    if add_givenname and rule != "by-cite":
        _global_names(items, render, state, rule, name_variables)
    keys: dict[str, str] = {}
    logs: dict[str, list[tuple[str, tuple[Name, ...], int]]] = {}

    def refresh(ids: Sequence[str]) -> None:
        for i in ids:
            keys[i], logs[i] = render(by_id[i], state[i])

    refresh([i.id for i in items])
    for group in _clashes(keys, [i.id for i in items]):
        remaining = group
        if add_givenname:
            remaining = _expand_given(remaining, state, keys, logs, refresh, rule)
        if add_names and len(remaining) > 1:
            remaining = _add_names(remaining, state, keys, logs, refresh)
        if len(remaining) > 1:  # the condition stays on, whether or not it told the cites apart
            for i in remaining:
                state[i].condition = True
            refresh(remaining)
            remaining = _still(remaining, keys)
        if add_year_suffix and len(remaining) > 1:
            _year_suffixes(remaining, state, keys, order)
    return state


def _clashes(keys: dict[str, str], ids: Sequence[str]) -> list[list[str]]:
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(keys[i], []).append(i)
    return [g for g in groups.values() if len(g) > 1]


def _still(ids: Sequence[str], keys: dict[str, str]) -> list[str]:
    """The ids whose key another of them shares."""
    counts: dict[str, int] = {}
    for i in ids:
        counts[keys[i]] = counts.get(keys[i], 0) + 1
    return [i for i in ids if counts[keys[i]] > 1]


def _expand_given(
    ids: list[str],
    state: dict[str, Disambiguation],
    keys: dict[str, str],
    logs: dict[str, list[tuple[str, tuple[Name, ...], int]]],
    refresh: Callable[[Sequence[str]], None],
    rule: str,
) -> list[str]:
    """Raise the given names of the clashing cites, name by name, while that tells cites apart."""
    remaining = ids
    top = 1 if rule.endswith("-with-initials") else 2
    width = max((shown for i in ids for _, _, shown in logs[i][:1]), default=0)
    if rule.startswith("primary-name"):
        width = min(width, 1)
    for position in range(width):
        for level in range(1, top + 1):
            if len(remaining) < 2:
                return remaining

            def raise_given(i: str, position: int = position, level: int = level) -> None:
                for var, _names, shown in logs[i][:1]:
                    if position < shown:
                        levels = state[i].givens.setdefault(var, [])
                        levels.extend([0] * (position + 1 - len(levels)))
                        levels[position] = max(levels[position], level)

            remaining = _attempt(remaining, raise_given, state, keys, refresh)
    return remaining


def _add_names(
    ids: list[str],
    state: dict[str, Disambiguation],
    keys: dict[str, str],
    logs: dict[str, list[tuple[str, tuple[Name, ...], int]]],
    refresh: Callable[[Sequence[str]], None],
) -> list[str]:
    """Show one more name at a time in all the clashing cites, while that tells cites apart."""
    remaining = ids
    most = max((len(names) - shown for i in ids for _, names, shown in logs[i][:1]), default=0)
    for _ in range(most):
        if len(remaining) < 2:
            break

        def one_more(i: str) -> None:
            state[i].add_names += 1

        remaining = _attempt(remaining, one_more, state, keys, refresh)
    return remaining


def _attempt(
    ids: list[str],
    change: Callable[[str], None],
    state: dict[str, Disambiguation],
    keys: dict[str, str],
    refresh: Callable[[Sequence[str]], None],
) -> list[str]:
    """Apply ``change`` to each clashing cite; keep it when it told any apart (the ids still
    clashing are returned), else undo it (``ids`` are returned)."""
    trial = {i: state[i].copy() for i in ids}
    for i in ids:
        change(i)
    refresh(ids)
    still = _still(ids, keys)
    if len(still) < len(ids):
        return still
    for i in ids:
        state[i] = trial[i]
    refresh(ids)
    return ids


def _year_suffixes(
    ids: list[str], state: dict[str, Disambiguation], keys: dict[str, str], order: Sequence[str]
) -> None:
    rank = {i: n for n, i in enumerate(order)}
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(keys[i], []).append(i)
    for group in groups.values():
        if len(group) < 2:
            continue
        for n, i in enumerate(sorted(group, key=lambda x: rank.get(x, len(rank)))):
            state[i].year_suffix = suffix_letters(n)


def _global_names(
    items: Sequence[Item],
    render: Render,
    state: dict[str, Disambiguation],
    rule: str,
    name_variables: Callable[[Item], Sequence[str]],
) -> None:
    """Expand the names that share a family name with another person (in another item) anywhere in
    the document."""
    people: dict[str, dict[tuple[str, ...], set[str]]] = {}
    for item in items:
        for var in name_variables(item):
            for name in item.names.get(var, ()):
                if name.personal:
                    people.setdefault(_short(name), {}).setdefault(name.key(), set()).add(item.id)
    top = 1 if rule.endswith("-with-initials") else 2
    for item in items:
        _, log = render(item, state[item.id])
        for n, (var, names, shown) in enumerate(log):
            if rule.startswith("primary-name") and n:
                break
            for i, name in enumerate(names[:shown]):
                if rule.startswith("primary-name") and i:
                    break
                if not name.personal:
                    continue
                family = people.get(_short(name), {})
                rivals = [key for key, where in family.items() if key != name.key() and where - {item.id}]
                level = _level_needed(name, rivals, top)
                if level:
                    levels = state[item.id].givens.setdefault(var, [])
                    levels.extend([0] * (i + 1 - len(levels)))
                    levels[i] = max(levels[i], level)


def _short(name: Name) -> str:
    return f"{name.non_dropping} {name.family}".strip()


def _initials(given: str) -> str:
    return " ".join(p[:1] for p in given.replace("-", " ").split())


def _level_needed(name: Name, rivals: Sequence[tuple[str, ...]], top: int) -> int:
    """1 when initials tell this person from the rivals of the same family name, 2 when only full
    given names do (0 when nothing does, or ``top`` forbids it)."""
    if not rivals:
        return 0
    told = [_initials(o[1]) != _initials(name.given) for o in rivals]
    if all(told):
        return 1
    if top == 1:  # initials only: worth showing if they tell this person from some rival
        return 1 if any(told) else 0
    return 2
