"""The spellings of people and places: which ones the text prints, how often, and where.

A person or place has a standard form (its ``name``), other spellings (``aliases``) and the
spellings the data marks as printed (``printed``). What the text really prints is counted here:
exactly (case and accents matter), as whole words, and not where the words are part of a longer
name that belongs to someone else ("Nagy" inside "B Nagy" is Balázs Nagy, not Imre Nagy; see
``Tally``). The counts come from the text kept beside the data when there is one, else from the
events' quotes and the notes' texts (which may then count a sentence twice, when two events quote
it). Pure: records and strings in, records out; no I/O.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chron.errors import Problem

if TYPE_CHECKING:
    from chron.dataset import Dataset
    from chron.models import Person, Place

IN_TEXT = "text"
IN_QUOTES = "quotes and notes"


@dataclass(frozen=True)
class Spelling:
    """One spelling of a name: the standard form or not, marked printed by the data or not, how
    many mentions the text prints in it, and the events (by their quotes) and notes that have it."""

    spelling: str
    standard: bool
    marked: bool
    count: int
    events: tuple[str, ...] = ()
    notes: tuple[int, ...] = ()


@dataclass(frozen=True)
class Named:
    """A person or place with every one of its spellings (the standard form first)."""

    kind: str  # "person" or "place"
    item: Person | Place
    spellings: tuple[Spelling, ...]


def key(spelling: str) -> str:
    """A spelling with its spaces closed up: the form it is counted under."""
    return " ".join(spelling.split())


def forms(item: Person | Place) -> list[str]:
    """The standard form and every other spelling, each once, in the data's order."""
    return list(dict.fromkeys(key(s) for s in (item.name, *item.aliases, *item.printed) if key(s)))


def _whole(spelling: str) -> re.Pattern[str]:
    """A spelling as whole words; a line break may stand for a space."""
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in spelling.split(" ")) + r"(?!\w)")


class Tally:
    """Counts the mentions of every spelling of ``items`` in a text, in one pass.

    The text is read as a sequence of mentions, each the longest spelling (of any item) that
    starts there; a mention counts for every item that has that spelling and, within it, for
    each of the item's own spellings it contains ("Sándor Kopásci" counts for "Kopásci" too, but
    "B Nagy", which only Balázs Nagy has, does not count for Imre Nagy's "Nagy").
    """

    def __init__(self, items: Sequence[Person | Place]) -> None:
        self.forms = [forms(item) for item in items]
        owners: dict[str, list[int]] = defaultdict(list)
        for i, spellings in enumerate(self.forms):
            for spelling in spellings:
                owners[spelling].append(i)
        # The longest alternative first, so that at any position the longest spelling wins.
        unique = sorted(owners, key=lambda x: (-len(x), x))
        alternatives = "|".join(r"\s+".join(re.escape(w) for w in x.split(" ")) for x in unique)
        self.pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if unique else None
        self.credits: dict[str, list[tuple[int, str, int]]] = {}
        for mention, ids in owners.items():
            self.credits[mention] = [
                (i, spelling, n)
                for i in ids
                for spelling in self.forms[i]
                if (n := len(_whole(spelling).findall(mention)))
            ]

    def count(self, text: str) -> Counter[tuple[int, str]]:
        """How many times ``text`` prints each (item's index, spelling)."""
        found: Counter[tuple[int, str]] = Counter()
        if self.pattern is None:
            return found
        for m in self.pattern.finditer(text):
            for i, spelling, n in self.credits[key(m.group())]:
                found[i, spelling] += n
        return found


def survey(ds: Dataset, text: str | None, only: Sequence[Person | Place] | None = None) -> tuple[list[Named], str]:
    """Every person and place (or ``only`` these) with their spellings counted in ``text``, or in
    the quotes and note texts when there is no text; and which of the two was counted."""
    items: list[tuple[str, Person | Place]] = [("person", p) for p in ds.people.values()]
    items += [("place", p) for p in ds.places.values()]
    tally = Tally([item for _, item in items])  # every name, so another's longer name is known
    events: dict[tuple[int, str], list[str]] = defaultdict(list)
    notes: dict[tuple[int, str], list[int]] = defaultdict(list)
    quoted: Counter[tuple[int, str]] = Counter()
    for ev in ds.events():
        found = tally.count(ev.quote)
        for spelling in found:
            events[spelling].append(ev.id)
        if text is None:
            quoted.update(found)
    for note in ds.notes.values():
        found = tally.count(note.text or "")  # a note whose text is missing prints nothing
        for spelling in found:
            notes[spelling].append(note.n)
        if text is None:
            quoted.update(found)
    counted = tally.count(text) if text is not None else quoted
    chosen = None if only is None else {id(x) for x in only}
    named = []
    for i, (kind, item) in enumerate(items):
        if chosen is not None and id(item) not in chosen:
            continue
        marked = {key(s) for s in item.printed}
        spellings = tuple(
            Spelling(s, s == key(item.name), s in marked, counted[i, s], tuple(events[i, s]), tuple(notes[i, s]))
            for s in tally.forms[i]
        )
        named.append(Named(kind, item, spellings))
    return named, IN_TEXT if text is not None else IN_QUOTES


def problems(people: Iterable[Person], places: Iterable[Place], text: str, chron_file: str) -> list[Problem]:
    """Where the data's ``printed`` marks disagree with the text: a spelling marked printed that
    the text never prints, and (for a record that marks any) one it prints that is not marked."""
    items: list[tuple[str, Person | Place]] = [("people", p) for p in people] + [("places", p) for p in places]
    tally = Tally([item for _, item in items])
    counted = tally.count(text)
    out: list[Problem] = []
    for i, (label, item) in enumerate(items):
        if not item.printed:
            continue
        marked = {key(s) for s in item.printed}
        where = f"{label}[id={item.id}].printed"
        for s in tally.forms[i]:
            if s in marked and not counted[i, s]:
                out.append(Problem(chron_file, where, f"{s!r} is marked printed but the text never prints it"))
            elif s not in marked and counted[i, s]:
                out.append(
                    Problem(chron_file, where, f"the text prints {s!r} {_times(counted[i, s])}; add it to `printed`")
                )
    return out


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"
