"""The records of ``chronology.toml``: phases, events (with their figures), people, places and
tags. Frozen dataclasses; no I/O, no checks across records (checks.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from chron import dates
from chron.models.fields import DateText, Number, Schema, Slug, StrictBool, StrictInt, Text


@dataclass(frozen=True, slots=True, repr=False, eq=False, match_args=False)
class Phase(Schema):
    """A stage of the chronology, with the text's description of it."""

    n: StrictInt
    """Phase number, 0 or more."""
    id: Slug
    """Unique slug."""
    name: Text
    """Short name."""
    date: DateText
    """The phase's interval."""
    description: Text
    """What the phase is, in a sentence."""
    quote: str | None = None
    """The text's words defining the phase, verbatim."""
    overlap_ok: StrictBool = False
    """True when the phase may overlap others (a theme running across stages)."""
    editorial: str | None = None
    """Anything the curator added that the text does not say."""

    @property
    def when(self) -> dates.HistDate:
        return dates.parse(self.date)


@dataclass(frozen=True, slots=True, repr=False, eq=False, match_args=False)
class Figure(Schema):
    """A number the text gives about an event."""

    value: Number
    """The number."""
    about: Text
    """What it counts."""


@dataclass(frozen=True, slots=True, repr=False, eq=False, match_args=False)
class Event(Schema):
    """One dated event or dated statement of the text."""

    id: Slug
    """Stable unique slug."""
    date: DateText
    """The event's date in chron's EDTF subset."""
    date_text: Text
    """The text's own wording of the date, verbatim."""
    title: Text
    """A short title."""
    summary: Text
    """One sentence in the curator's words."""
    quote: Text
    """The text's words stating the event, verbatim."""
    date_note: str | None = None
    """How a relative or vague wording became `date`."""
    people: tuple[Slug, ...] = ()
    """Ids of people."""
    places: tuple[Slug, ...] = ()
    """Ids of places."""
    tags: tuple[Slug, ...] = ()
    """Ids of tags."""
    notes: tuple[StrictInt, ...] = ()
    """Numbers of the footnotes whose markers end the quoted words."""
    figures: tuple[Figure, ...] = ()
    """The numbers the text gives."""
    phase: StrictInt | tuple[StrictInt, ...] | None = None
    """Phase number, or a list of them (listed under the first); derived from the date when absent."""
    editorial: str | None = None
    """Anything added from outside the text."""

    @property
    def when(self) -> dates.HistDate:
        return dates.parse(self.date)

    @property
    def phases(self) -> tuple[int, ...]:
        """The phase numbers ``phase`` gives (a stored event carries all of its phases there)."""
        if self.phase is None:
            return ()
        return (self.phase,) if isinstance(self.phase, int) else tuple(self.phase)

    @property
    def primary_phase(self) -> int | None:
        """The phase the event is listed under: ``phase``, or the first of its list."""
        return self.phases[0] if self.phases else None


@dataclass(frozen=True, slots=True, repr=False, eq=False, match_args=False)
class Person(Schema):
    """Someone the events name."""

    id: Slug
    """Unique slug."""
    name: Text
    """Display name in the standard spelling (which the text may or may not print)."""
    aliases: tuple[str, ...] = ()
    """Every other spelling or name it is found by: the text's and the standard one."""
    printed: tuple[str, ...] = ()
    """The spellings the text prints, exactly as printed; each is `name` or one of `aliases`."""
    role: str | None = None
    """Who the person is, from the text."""
    editorial: str | None = None
    """What was added from outside the text."""


PlaceKind = Literal["country", "region", "city", "town", "village", "district", "site"]


@dataclass(frozen=True, slots=True, repr=False, eq=False, match_args=False)
class Place(Schema):
    """Somewhere the events name."""

    id: Slug
    """Unique slug."""
    name: Text
    """Display name in the standard spelling."""
    kind: PlaceKind | None = None
    """What kind of place it is."""
    aliases: tuple[str, ...] = ()
    """Every other spelling or name it is found by: the text's and the standard one."""
    printed: tuple[str, ...] = ()
    """The spellings the text prints, exactly as printed; each is `name` or one of `aliases`."""
    editorial: str | None = None
    """What was added from outside the text."""


@dataclass(frozen=True, slots=True, repr=False, eq=False, match_args=False)
class Tag(Schema):
    """A tag of the vocabulary."""

    id: Slug
    """Unique slug."""
    description: Text
    """What the tag is for."""


@dataclass(frozen=True, slots=True, repr=False, eq=False, match_args=False)
class Chronology(Schema):
    """The whole of ``chronology.toml``."""

    schema_version: Literal[1]
    """The version of this file format; currently 1."""
    title: str | None = None
    """The dataset's name."""
    phases: tuple[Phase, ...] = ()
    """The phases."""
    tags: tuple[Tag, ...] = ()
    """The tag vocabulary."""
    events: tuple[Event, ...] = ()
    """The events."""
    people: tuple[Person, ...] = ()
    """The people."""
    places: tuple[Place, ...] = ()
    """The places."""
