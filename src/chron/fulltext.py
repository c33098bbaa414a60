"""The prefilter of search: what the full-text index holds, the FTS5 query a search narrows by, and
the tests of a query that the store can run as SQL (``Prefilter``).

Both sides cut text into the words chron's matcher (matching.py) sees, runs of letters and digits, so
the prefilter can only let through more events than match, never fewer. When every indexed word is
ASCII, a single word (or a prefix) finds through the index exactly the events the matcher finds, so
the store can answer such terms, negated ones too, without the matcher (``word_expression``). Pure:
text in, text out; store.py writes the index, dataset.py runs the query.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from chron.query import fold

if TYPE_CHECKING:
    from chron.searchlang import Query, Term

# The words of a folded text as the matcher sees them: runs of letters and digits (``\\w`` without
# the underscore), the same class its patterns' start boundary uses. The full-text index holds these
# runs and nothing else, and a query's runs are taken the same way, so the prefilter and the matcher
# cut words in the same places whatever the characters (₺, emoji, private-use, marks).
_RUN = re.compile(r"[^\W_]+")
_NOT_RUN = re.compile(r"[\W_]+")


def index_text(fields: list[tuple[str, str]]) -> str:
    """Everything a search looks at in a record, folded, as its words separated by single spaces,
    for the full-text index."""
    return _NOT_RUN.sub(" ", fold(" \n ".join(text for _, text in fields))).strip()


def fts_expression(query: Query, also: Mapping[Term, Sequence[str]] | None = None, *, exact: bool = True) -> str | None:
    """An FTS5 query that every match of ``query`` satisfies (a superset), or None if none helps.

    Clauses made only of positive words and phrases become (a OR b); a term is its words (runs of
    letters and digits), each a prefix, since the matcher lets every word of a phrase take an ending
    ("worker councils" finds "workers’ councils"); a term also stands for its other spellings
    (``also``: a term's, as ``search.Searcher.also`` has them). Field filters and exclusions are left
    to the exact matcher. The index keeps each run as one token when its tokenizer takes every
    category but spaces (store.FTS_EXACT); otherwise (``exact`` false, an older SQLite) only ASCII
    words are sure to be cut the same way, and a clause with another word is left to the matcher.
    """
    parts: dict[str, int] = {}  # each clause's expression, with how selective it is (its shortest word)
    for clause in query.clauses:
        if any(t.field is not None or t.negated for t in clause):
            continue
        alternatives = []
        weight = 1 << 30
        usable = True
        for term in clause:
            for value in dict.fromkeys([term.value, *(also or {}).get(term, ())]):
                tokens = _RUN.findall(fold(value))
                if not tokens or not (exact or all(t.isascii() for t in tokens)):
                    usable = False
                    break
                alternatives.append(" AND ".join(f'"{t}"*' for t in tokens))
                weight = min(weight, max(len(t) for t in tokens))
            if not usable:
                break
        if usable:
            parts["(" + " OR ".join(f"({a})" for a in dict.fromkeys(alternatives)) + ")"] = weight
    # Dropping a clause only widens the prefilter, so keep the few most selective: a prefix query on
    # one or two letters costs the index a scan of every word starting so, and the matcher checks
    # every clause of every candidate anyway.
    kept = sorted(parts, key=lambda p: -parts[p])[:FTS_CLAUSES]
    return " AND ".join(kept) if kept else None


FTS_CLAUSES = 6


# A folded word the index can find exactly, when its words are all ASCII: one run of ASCII letters
# and digits, perhaps a prefix (a trailing *).
_ASCII_WORD = re.compile(r"([a-z0-9]+)(\**)")


def word_expression(values: Sequence[str]) -> str | None:
    """The FTS5 expression that finds exactly the events the matcher finds for a word and its other
    spellings (``values``: the word first), when every word of the index is ASCII; None when the
    index cannot tell (a phrase, a word with other characters).

    A whole word matches a word of the text that is it with an ending: ``w``, ``ws`` or ``wes``
    (matching.INFLECTION; an apostrophe ends the text's word); a prefix matches every word it
    starts. A spelling of several words ("Imre Nagy") holds only where each of its words does, so it
    adds nothing to a whole word among ``values`` that is one of its words ("Nagy")."""
    singles: dict[str, str] = {}  # whole words (stem -> expression), then prefixes
    phrases: list[list[str]] = []
    for value in values:
        words = fold(value).split()
        found = _ASCII_WORD.fullmatch(words[0]) if len(words) == 1 else None
        if len(words) > 1:
            phrases.append(words)
        elif found is None:
            return None
        elif found.group(2):
            singles["*" + found.group(1)] = f'"{found.group(1)}"*'
        else:
            stem = found.group(1)
            singles[stem] = f'("{stem}" OR "{stem}s" OR "{stem}es")'
    if not singles or any(not any(w in singles for w in words) for words in phrases):
        return None
    return " OR ".join(singles.values())


@dataclass(frozen=True)
class Test:
    """One test of an event the store runs as SQL: its words match an FTS5 expression (``text``),
    it links to one of ``value``'s ids or numbers (``phases``, ``people``, ``places``, ``tags``,
    ``notes``: store.LINKS_ALL), or its days overlap ``value``'s (``dates``: two day ordinals)."""

    kind: str
    value: Any
    negated: bool = False


@dataclass(frozen=True)
class Prefilter:
    """Tests of events as SQL: every clause holds when one of its tests does. ``exact`` when the events
    it selects are exactly those the query matches (else a superset, for the matcher to confirm)."""

    clauses: tuple[tuple[Test, ...], ...]
    exact: bool
