"""The search query language: a query's text parsed into clauses of terms (pure, no data).

Words are ANDed (``workers councils``); ``"a phrase"``; ``-word`` or ``-"a phrase"`` excludes;
``a OR b`` takes either; ``field:value`` filters by ``person:``, ``place:``, ``tag:``, ``phase:``,
``note:`` or ``year:`` (a value may be quoted: ``place:"market square"``); a word ending in
``*`` is a prefix. A malformed query is a ``QueryError`` that says how to fix it. What the terms
match is search.py's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from chron.errors import QueryError
from chron.query import did_you_mean, fold

FIELDS = ("person", "place", "tag", "phase", "note", "year")


@dataclass(frozen=True)
class Term:
    """One condition: a word or phrase (``field`` None) or a ``field:value`` filter."""

    value: str
    field: str | None = None
    negated: bool = False
    phrase: bool = False


@dataclass(frozen=True)
class Query:
    """Clauses that must all hold; each clause holds when any of its terms does."""

    text: str
    clauses: tuple[tuple[Term, ...], ...]

    def terms(self) -> list[Term]:
        return [t for clause in self.clauses for t in clause]


# A query's terms are bounded, so its cost is too: each term is one pattern run over each field of
# each candidate record (docs/usage.md).
MAX_TERMS = 50

_TOKEN = re.compile(r'\s*(-?)(?:([A-Za-z]+):)?(?:"([^"]*)"|([^\s"]+))')


def parse_query(text: str) -> Query:
    """Parse the query language; a malformed query raises QueryError saying how to fix it."""
    if text.count('"') % 2:
        raise QueryError(f'unbalanced quote in {text!r}: close the phrase with a second ".')
    if not text.strip():
        raise QueryError('the query is empty: give a word, a "phrase" or a field:value such as place:NAME.')
    pos = 0
    items: list[Term | str] = []
    while pos < len(text):
        if not text[pos:].strip():
            break
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise QueryError(f"cannot read the query at {text[pos:].strip()!r}.")
        pos = m.end()
        neg, fld, quoted, bare = m.groups()
        if fld is None and quoted is None and re.fullmatch(r"[A-Za-z]+:", bare):
            fld, bare = bare[:-1], ""  # "person:" with its value missing
        value = quoted if quoted is not None else bare
        if fld is not None:
            name = fld.lower()
            if name not in FIELDS:
                hint = did_you_mean(name, FIELDS)
                raise QueryError(
                    f"unknown field {fld + ':'!r}.{hint} Fields are {', '.join(f + ':' for f in FIELDS)}; "
                    f'to search for the text itself, quote it: "{fld}:{value}".'
                )
            if not value.strip():
                raise QueryError(f"{name}: needs a value, such as {name}:{_EXAMPLE[name]}.")
            items.append(Term(value.strip(), name, bool(neg), quoted is not None))
            continue
        if quoted is None and not neg and value == "OR":
            items.append("OR")
            continue
        if quoted is None and value == "-":
            raise QueryError("a lone '-' excludes nothing: write -word or -\"a phrase\".")
        if not fold(value).strip() or not re.search(r"\w", fold(value)):
            raise QueryError(f"{value!r} has no letters or digits to search for.")
        items.append(Term(value, None, bool(neg), quoted is not None))
    terms = sum(1 for item in items if isinstance(item, Term))
    if terms > MAX_TERMS:
        raise QueryError(
            f"the query has {terms} terms; a query takes at most {MAX_TERMS} (words, phrases and field:value "
            "filters). Search for fewer words, or a phrase."
        )
    return Query(text, _group_or(items, text))


# Generic values for the error that asks for one: a query is read before any data, so none is taken from it.
_EXAMPLE = {"person": "NAME", "place": "NAME", "tag": "TAG", "phase": "N", "note": "N", "year": "YYYY"}


def _group_or(items: Sequence[Term | str], text: str) -> tuple[tuple[Term, ...], ...]:
    clauses: list[list[Term]] = []
    pending_or = False
    for item in items:
        if item == "OR":
            if not clauses or pending_or:
                raise QueryError(f"OR needs a term on each side, as in 'strike OR walkout' (in {text!r}).")
            pending_or = True
            continue
        assert isinstance(item, Term)
        if pending_or:
            clauses[-1].append(item)
            pending_or = False
        else:
            clauses.append([item])
    if pending_or:
        raise QueryError(f"OR needs a term on each side, as in 'strike OR walkout' (in {text!r}).")
    return tuple(tuple(c) for c in clauses)
