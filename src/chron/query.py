"""Lookups and filters over a loaded dataset: pure functions that return new lists.

Names the user types (a phase, person, place, tag, event id, note number) are resolved here, with
a "did you mean" suggestion when one is close. Filters follow two rules: repeating a filter of one
kind widens the result (OR); filters of different kinds narrow it (AND). A date range keeps, by
default, the events inside it and the overlapping ones no more than ``SHORT`` times as long as the
question (``DateRange``; ``within`` and ``overlap`` are the strict and the loose rule). The filters
are data: the dataset runs them as SQL (dataset.py).
"""

from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from chron import dates
from chron.errors import DateError, NotFoundError, UsageError

if TYPE_CHECKING:
    from chron.dataset import Dataset
    from chron.models import Event, Note, Person, Phase, Place, Tag

# Letters that NFKD does not decompose but a reader treats as plain letters.
_EXTRA_FOLD = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})


def fold_char(ch: str) -> str:
    """One character folded: case dropped, decomposed, its accents (combining marks) removed."""
    decomposed = unicodedata.normalize("NFKD", ch.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_EXTRA_FOLD)


# Each character's fold, learnt as text is met, so str.translate folds a whole text in C. Folding
# character by character gives what folding the whole text would: casefold maps characters one by
# one, and the only reordering NFKD does is among combining marks, which folding removes.
FOLDS: dict[str, str] = {}
RESIZED: set[str] = set()  # the characters of FOLDS that fold to more or fewer than one character
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_match(m: re.Match[str]) -> str:
    ch = m.group()
    found = FOLDS.get(ch)
    if found is None:
        found = FOLDS[ch] = fold_char(ch)
        if len(found) != 1:
            RESIZED.add(ch)
    return found


def fold(text: str) -> str:
    """Lower-case without accents, for matching: "Dvořák" -> "dvorak", "Łódź" -> "lodz", "Ő" -> "o".

    Only the characters outside ASCII need more than ``lower()``, and a text has few of them, so
    each is replaced by its fold (learnt once) and the rest lower-cased in C."""
    if text.isascii():
        return text.lower()
    return _NOT_ASCII.sub(_fold_match, text).lower()


def did_you_mean(word: str, candidates: Iterable[str] | dict[str, str]) -> str:
    """A " Did you mean 'x'?" when a candidate is close, else an empty string.

    ``candidates`` may map each spelling to the name to show (an alias to its person's name).
    """
    import difflib  # only when something was not found: keeps it off the start-up path

    shown_as = candidates if isinstance(candidates, dict) else {c: c for c in candidates}
    pool: dict[str, str] = {}
    for spelling, name in shown_as.items():
        pool.setdefault(fold(spelling), name)
    close = difflib.get_close_matches(fold(word), list(pool), n=3, cutoff=0.6)
    if not close:
        return ""
    shown = " or ".join(repr(n) for n in dict.fromkeys(pool[c] for c in close))
    return f" Did you mean {shown}?"


def _not_found(what: str, word: str, candidates: Sequence[str] | dict[str, str], listing: str) -> NotFoundError:
    return NotFoundError(f"no {what} {word!r}.{did_you_mean(word, candidates)} `{listing}` lists them all.")


def find_phase(ds: Dataset, token: str) -> Phase:
    """A phase by number, id or name (case and accents ignored)."""
    key = fold(token.strip())
    for phase in ds.phases:
        if key in (str(phase.n), phase.id, fold(phase.name)):
            return phase
    names = [str(p.n) for p in ds.phases] + [p.id for p in ds.phases]
    raise _not_found("phase", token, names, "chron phases")


def _find_named(items: Sequence[Person | Place], token: str) -> Person | Place | None:
    key = fold(token.strip())
    for item in items:
        if key == item.id or key == fold(item.name) or any(key == fold(a) for a in item.aliases):
            return item
    # A unique partial match on a name or alias ("Dvorak" for "Antonín Dvořák"; a surname two share is ambiguous).
    partial = [i for i in items if any(key in fold(n).split() for n in (i.name, *i.aliases))]
    return partial[0] if len(partial) == 1 else None


def _name_words(items: Iterable[Person | Place]) -> dict[str, str]:
    """Ids, names, aliases and their single words, each mapped to the name a suggestion shows."""
    words: dict[str, str] = {}
    for item in items:
        for name in (item.id, item.name, *item.aliases):
            words.setdefault(name, item.name)
            for w in name.split():
                if len(w) > 3:
                    words.setdefault(w, item.name)
    return words


def find_person(ds: Dataset, token: str) -> Person:
    found = _find_named(list(ds.people.values()), token)
    if found is None:
        raise _not_found("person", token, _name_words(ds.people.values()), "chron people")
    return ds.people[found.id]


def find_place(ds: Dataset, token: str) -> Place:
    found = _find_named(list(ds.places.values()), token)
    if found is None:
        raise _not_found("place", token, _name_words(ds.places.values()), "chron places")
    return ds.places[found.id]


def find_named(ds: Dataset, token: str) -> Person | Place:
    """A person, else a place, by id, name or alias (a person wins a name both share)."""
    found = _find_named(list(ds.people.values()), token) or _find_named(list(ds.places.values()), token)
    if found is None:
        names = _name_words(ds.people.values()) | _name_words(ds.places.values())
        raise _not_found("person or place", token, names, "chron people` or `chron places")
    return found


def find_tag(ds: Dataset, token: str) -> Tag:
    key = fold(token.strip())
    if key in ds.tags:
        return ds.tags[key]
    raise _not_found("tag", token, list(ds.tags), "chron tags")


def find_event(ds: Dataset, token: str) -> Event:
    key = token.strip()
    found = ds.event(key)
    if found is None:
        ids = ds.event_ids()
        hint = did_you_mean(key, ids) or _suggest_by_words(ds, key, ids)
        raise NotFoundError(f"no event {token!r}.{hint} `chron show --format ids` lists them all.")
    return found


def _suggest_by_words(ds: Dataset, token: str, ids: Sequence[str]) -> str:
    """A " Did you mean ...?" naming the events whose id, tags, places or people hold every word of
    ``token`` (each word as typed or spelt closely): "miskolc-masacre" finds the shooting at the
    Miskolc demonstration, tagged massacre. Nothing is decoded: ids and links come from the store."""
    import difflib

    words = [w for w in re.split(r"[\W_]+", fold(token)) if w]
    if not words:
        return ""
    covered: dict[str, set[str]] = {}  # event id -> the typed words it holds
    by_word: dict[str, set[str]] = {}
    for event_id in ids:
        for w in event_id.split("-"):
            by_word.setdefault(w, set()).add(event_id)
    linked = {
        "tags": {t: [t, *t.split("-")] for t in ds.tags},
        "places": {p.id: [p.id, *fold(" ".join([p.name, *p.aliases])).split()] for p in ds.places.values()},
        "people": {p.id: [p.id, *fold(" ".join([p.name, *p.aliases])).split()] for p in ds.people.values()},
    }
    for typed in words:
        for near in difflib.get_close_matches(typed, list(by_word), n=5, cutoff=0.8):
            for event_id in by_word[near]:
                covered.setdefault(event_id, set()).add(typed)
        for kind, names in linked.items():
            refs = [ref for ref, spellings in names.items() if difflib.get_close_matches(typed, spellings, cutoff=0.8)]
            for event_id, _ in ds.links(kind, refs):
                covered.setdefault(event_id, set()).add(typed)
    best = [event_id for event_id, held in covered.items() if len(held) == len(words)]
    if not best:
        return ""
    order = {event_id: i for i, event_id in enumerate(ids)}
    shown = sorted(best, key=order.__getitem__)[:3]
    return f" Did you mean {' or '.join(repr(e) for e in shown)}?"


def note_number(ds: Dataset, token: str | int) -> int:
    """A note number that exists, from user text ("23"); the error names the valid range."""
    last = max(ds.notes, default=0)
    text = str(token).strip()
    if not (text.isascii() and text.isdigit()):  # int() would also take "１２" and "٣"
        raise NotFoundError(f"{str(token)!r} is not a note number; notes run from 1 to {last}.")
    n = int(text)
    if n not in ds.notes:
        raise NotFoundError(f"there is no note {n}; notes run from 1 to {last}.")
    return n


def find_note(ds: Dataset, token: str | int) -> Note:
    return ds.notes[note_number(ds, token)]


# ------------------------------------------------------------------ date ranges


def _cli_date(text: str, option: str) -> dates.HistDate:
    try:
        return dates.parse(text.strip())
    except DateError as err:
        raise UsageError(f"{option}: {err.message}") from None


# The comparisons a date rule may use, by the SQL spelling the store runs them with.
_OPS: dict[str, Callable[[int, int], bool]] = {"<=": operator.le, ">=": operator.ge}
SHORT = 7
"""How many times longer than the question an overlapping event may be and still be listed by
default: a week for a day, seven months for a month, seven years for a year."""
MATCHES: dict[str, str] = {
    "default": f"events inside the range, and those overlapping it that last at most {SHORT} times as long",
    "within": "only events certainly inside the range",
    "overlap": "every event that may fall in the range, however long",
}
"""How an event's dates must meet a date range: the registry behind ``--match``."""

Condition = tuple[str, str, int]
"""A comparison of an event's ``lo`` (earliest day), ``hi`` (latest day) or ``span`` (its number of
days), as an ordinal, with a bound: (column, operator, bound)."""


def _span(lo: int, hi: int) -> int:
    return hi - lo + 1


@dataclass(frozen=True)
class DateRange:
    """An inclusive range of days (``None`` ends are open), the number of days the question
    speaks of (``scale``), and how an event's dates must meet it (``match``, one of ``MATCHES``).

    ``scale`` is the range's own length; with an open end it is the length of the date given
    (``--from 1956-11`` speaks of a month), so an event that starts before the range and runs into it is
    still judged against what was asked."""

    lo: date | None = None
    hi: date | None = None
    match: str = "default"
    scale: int | None = None

    @classmethod
    def from_options(cls, start: str | None, end: str | None, on: str | None, match: str = "default") -> DateRange:
        """``--from 1956-11`` starts on 1 November; ``--to 1956-11`` ends on 30 November; ``--on`` both."""
        if match not in MATCHES:
            raise UsageError(f"--match takes one of {', '.join(MATCHES)}; got {match!r}.")
        if on is not None:
            if start is not None or end is not None:
                raise UsageError("--on cannot be combined with --from or --to; use one or the other.")
            value = _cli_date(on, "--on")
            return cls(value.earliest, value.latest, match, _days(value.earliest, value.latest))
        first = _cli_date(start, "--from") if start is not None else None
        last = _cli_date(end, "--to") if end is not None else None
        lo = first.earliest if first else None
        hi = last.latest if last else None
        if lo and hi and lo > hi:
            raise UsageError(f"--from {start} is later than --to {end}; swap them or widen the range.")
        if lo and hi:
            scale: int | None = _days(lo, hi)
        elif first or last:
            given = first or last
            assert given is not None
            scale = _days(given.earliest, given.latest)
        else:
            scale = None
        return cls(lo, hi, match, scale)

    @property
    def is_open(self) -> bool:
        return self.lo is None and self.hi is None

    def conditions(self) -> list[list[Condition]]:
        """The rule as alternatives (any may hold), each a list of comparisons that must all hold.
        The store runs them as SQL and ``keeps`` in Python, so the two cannot disagree.

        ``within``: the event starts on or after the range's first day and ends on or before its last.
        ``overlap``: it starts on or before the last day and ends on or after the first.
        ``default``: within, or overlapping and at most ``SHORT`` times as long as ``scale``."""
        if self.is_open:
            return [[]]
        lo = self.lo.toordinal() if self.lo else None
        hi = self.hi.toordinal() if self.hi else None
        within = _present(("lo", ">=", lo), ("hi", "<=", hi))
        overlap = _present(("lo", "<=", hi), ("hi", ">=", lo))
        if self.match == "within":
            return [within]
        if self.match == "overlap" or self.scale is None:
            return [overlap]
        short = [*overlap, ("span", "<=", SHORT * self.scale)]
        return [short] if lo is not None and hi is not None else [within, short]

    def keeps(self, when: dates.HistDate) -> bool:
        lo, hi = when.earliest.toordinal(), when.latest.toordinal()
        bounds = {"lo": lo, "hi": hi, "span": _span(lo, hi)}
        return any(all(_OPS[op](bounds[col], bound) for col, op, bound in alt) for alt in self.conditions())


def _present(*pairs: tuple[str, str, int | None]) -> list[Condition]:
    """The comparisons whose bound is given (an open end compares nothing)."""
    return [(column, op, bound) for column, op, bound in pairs if bound is not None]


def _days(lo: date, hi: date) -> int:
    return _span(lo.toordinal(), hi.toordinal())


@dataclass(frozen=True)
class EventFilter:
    """The filters of ``chron show`` (and ``search``, ``timeline``): ORed within a kind, ANDed across."""

    phases: tuple[int, ...] = ()
    dates: DateRange = DateRange()
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    notes: tuple[int, ...] = ()

    @classmethod
    def from_options(
        cls,
        ds: Dataset,
        *,
        phase: Sequence[str] = (),
        start: str | None = None,
        end: str | None = None,
        on: str | None = None,
        match: str = "default",
        person: Sequence[str] = (),
        place: Sequence[str] = (),
        tag: Sequence[str] = (),
        note: Sequence[str] = (),
    ) -> EventFilter:
        """Resolve what the user typed into ids; unknown names raise with a suggestion."""
        return cls(
            phases=tuple(find_phase(ds, p).n for p in phase),
            dates=DateRange.from_options(start, end, on, match),
            people=tuple(find_person(ds, p).id for p in person),
            places=tuple(find_place(ds, p).id for p in place),
            tags=tuple(find_tag(ds, t).id for t in tag),
            notes=tuple(note_number(ds, n) for n in note),
        )

    @property
    def is_empty(self) -> bool:
        return not (self.phases or self.people or self.places or self.tags or self.notes) and self.dates.is_open
