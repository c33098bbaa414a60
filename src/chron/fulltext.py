"""The full-text prefilter of search: what the index holds and the FTS5 query a search narrows by.

Both sides cut text into the words chron's matcher (matching.py) sees, runs of letters and digits, so
the prefilter can only let through more events than match, never fewer. Pure: text in, text out;
store.py writes the index, dataset.py runs the query.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

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
