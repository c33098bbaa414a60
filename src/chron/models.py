"""The data model: the two data files as frozen dataclasses, and the checks across them.

``Chronology`` mirrors ``chronology.toml`` (phases, events, people, places, tags) and ``Sources``
mirrors ``sources.toml`` (the article, its works in CSL-JSON terms, its numbered notes). The
loader validates TOML into these classes with pydantic (types, required and unknown fields);
``cross_check`` then finds the rest: bad dates and ids, dangling references, duplicate ids, gaps
in note numbers, events outside their phase. No I/O here, and no pydantic import: a cached
dataset loads without it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from chron import dates
from chron.errors import DateError, Problem

SCHEMA_VERSION = 1

# CSL-JSON field names with hyphens; everything else is spelled as in Python.
HYPHENATED = frozenset({"title_short", "container_title", "collection_title", "event_title", "publisher_place"})


def alias(name: str) -> str:
    """The TOML key of a field: ``container_title`` is written ``container-title``."""
    return name.replace("_", "-") if name in HYPHENATED else name


# The schema is plain frozen dataclasses, so a loaded (or cached) dataset never needs pydantic: the
# loader validates the TOML into them with pydantic once, reading this configuration. Unknown
# fields are errors (a typo is caught); each attribute's docstring is its JSON Schema description.
PYDANTIC_CONFIG: dict[str, Any] = {
    "extra": "forbid",
    "alias_generator": alias,
    "populate_by_name": True,
    "use_attribute_docstrings": True,
    "str_strip_whitespace": False,
}


def _check_date(value: str) -> str:
    dates.parse(value)  # a DateError is a ValueError, which pydantic reports at the field
    return value


if TYPE_CHECKING:  # to the type checker these are plain strings, which is what they hold
    Slug = str
    Text = str
    DateText = str
    StrictInt = int
    Number = float
else:

    class _Checked(str):
        """A string type whose check pydantic applies while validating (pydantic is imported only then)."""

        __slots__ = ()
        pattern: ClassVar[str | None] = None
        min_length: ClassVar[int] = 0
        check: ClassVar[Any] = None

        @classmethod
        def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
            from pydantic_core import core_schema

            base = core_schema.str_schema(pattern=cls.pattern, min_length=cls.min_length or None)
            return core_schema.no_info_after_validator_function(cls.check, base) if cls.check else base

    class StrictInt(int):
        """An integer in the file itself: not a string of digits, not a float, not true or false."""

        @classmethod
        def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
            from pydantic_core import core_schema

            return core_schema.int_schema(strict=True)

    class Number(float):
        """A number in the file itself (integer or decimal), not a string."""

        @classmethod
        def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
            from pydantic_core import core_schema

            return core_schema.union_schema(
                [core_schema.int_schema(strict=True), core_schema.float_schema(strict=True, allow_inf_nan=False)]
            )

    class Slug(_Checked):
        """An id: lowercase letters, digits and single hyphens."""

        __slots__ = ()
        pattern = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

    class Text(_Checked):
        """Text that may not be empty."""

        __slots__ = ()
        min_length = 1

    class DateText(_Checked):
        """A date in chron's EDTF subset, e.g. 1956-11-04 or 1956-10-29/1956-10-30."""

        __slots__ = ()
        check = staticmethod(_check_date)


class Schema:
    """Base of every record: the pydantic configuration the loader and ``chron schema`` use."""

    __slots__ = ()
    __pydantic_config__: ClassVar[dict[str, Any]] = PYDANTIC_CONFIG


# ---------------------------------------------------------------- sources.toml


@dataclass(frozen=True, slots=True, repr=False, eq=False, match_args=False)
class Name(Schema):
    """A person's name in CSL-JSON form, with the form the article prints."""

    family: str | None = None
    """Family name."""
    given: str | None = None
    """Given name or initials."""
    literal: str | None = None
    """A name that is not split (an institution)."""
    printed: str | None = None
    """The name exactly as the article prints it, e.g. 'M Molnar'."""

    def display(self) -> str:
        """ "Given Family", or the literal name."""
        if self.literal:
            return self.literal
        return " ".join(p for p in (self.given, self.family) if p)


WorkType = Literal[
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "book",
    "chapter",
    "document",
    "manuscript",
    "paper-conference",
    "report",
    "speech",
    "thesis",
    "webpage",
]


@dataclass(frozen=True, slots=True, repr=False, eq=False, match_args=False)
class Work(Schema):
    """One cited work, with CSL-JSON field names (hyphenated ones are TOML keys with hyphens)."""

    id: Slug
    """Unique slug."""
    type: WorkType
    """CSL item type."""
    author: tuple[Name, ...] = ()
    """Authors."""
    editor: tuple[Name, ...] = ()
    """Editors."""
    title: str | None = None
    """Title as printed."""
    title_short: str | None = None
    """Short title for shortened notes."""
    container_title: str | None = None
    """Journal, newspaper or book containing the work."""
    collection_title: str | None = None
    """Series."""
    event_title: str | None = None
    """Conference of a paper-conference."""
    publisher: str | None = None
    """Publisher as printed."""
    publisher_place: str | None = None
    """Place of publication as printed."""
    issued: DateText | None = None
    """Date of publication in chron's EDTF subset."""
    volume: str | None = None
    """Volume."""
    issue: str | None = None
    """Issue."""
    page: str | None = None
    """The work's own page range, e.g. 24–46."""
    language: str | None = None
    """IETF language tag for works not in English, e.g. hu."""
    URL: str | None = None
    """Only when the source prints one."""
    note: str | None = None
    """CSL note, e.g. forthcoming."""
    container: Slug | None = None
    """Id of the cited work that contains this one (a chapter's book)."""
    editorial: str | None = None
    """What was added from outside the article, and why."""

    def names(self) -> tuple[Name, ...]:
        return self.author or self.editor


LocatorLabel = Literal["page", "chapter", "section", "paragraph", "line", "figure", "table", "volume"]


@dataclass(frozen=True, slots=True, repr=False, eq=False, match_args=False)
class Cite(Schema):
    """A reference from a note to a work, with the locator the note prints."""

    work: Slug
    """Id of the cited work."""
    locator: str | None = None
    """Where in the work, as printed: 44–45, xix."""
    label: LocatorLabel | None = None
    """What the locator counts (only with a locator)."""
    prefix: str | None = None
    """Words before the citation, e.g. 'Quoted in'."""


@dataclass(frozen=True, slots=True, repr=False, eq=False, match_args=False)
class Note(Schema):
    """One numbered footnote: its verbatim text, where its marker stands, and the works it cites."""

    n: StrictInt
    """Note number; numbers run 1..N."""
    text: Text
    """The note's text, verbatim."""
    attached_to: str | None = None
    """The body words the marker follows, verbatim."""
    marker_absent: str | None = None
    """Why the marker is not in the body."""
    cites: tuple[Cite, ...] = ()
    """The works the note cites, in order."""


@dataclass(frozen=True, slots=True, repr=False, eq=False, match_args=False)
class Sources(Schema):
    """The whole of ``sources.toml``."""

    schema_version: Literal[1]
    """The version of this file format; currently 1."""
    article: Work
    """The article itself, as a work."""
    works: tuple[Work, ...] = ()
    """Every distinct cited work."""
    notes: tuple[Note, ...] = ()
    """The numbered notes."""


# ---------------------------------------------------------------- chronology.toml


@dataclass(frozen=True, slots=True, repr=False, eq=False, match_args=False)
class Phase(Schema):
    """A stage of the chronology, with the article's description of it."""

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
    """The article's words defining the phase, verbatim."""
    editorial: str | None = None
    """Anything chron added that the article does not say."""

    @property
    def when(self) -> dates.HistDate:
        return dates.parse(self.date)


@dataclass(frozen=True, slots=True, repr=False, eq=False, match_args=False)
class Figure(Schema):
    """A number the article gives about an event."""

    value: Number
    """The number."""
    about: Text
    """What it counts."""


@dataclass(frozen=True, slots=True, repr=False, eq=False, match_args=False)
class Event(Schema):
    """One dated event or dated statement of the article."""

    id: Slug
    """Stable unique slug."""
    date: DateText
    """The event's date in chron's EDTF subset."""
    date_text: Text
    """The article's own wording of the date, verbatim."""
    title: Text
    """A short title."""
    summary: Text
    """One sentence in the curator's words."""
    quote: Text
    """The article's words stating the event, verbatim."""
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
    """The numbers the article gives."""
    phase: StrictInt | None = None
    """Phase number; derived from the date when absent."""
    editorial: str | None = None
    """Anything added from outside the article."""

    @property
    def when(self) -> dates.HistDate:
        return dates.parse(self.date)


@dataclass(frozen=True, slots=True, repr=False, eq=False, match_args=False)
class Person(Schema):
    """Someone the events name."""

    id: Slug
    """Unique slug."""
    name: Text
    """Display name in the standard spelling."""
    aliases: tuple[str, ...] = ()
    """Every other spelling: the article's and the standard one."""
    role: str | None = None
    """Who the person is, from the article."""
    editorial: str | None = None
    """What was added from outside the article."""


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
    """Every other spelling: the article's and the standard one."""
    editorial: str | None = None
    """What was added from outside the article."""


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


# ---------------------------------------------------------------- the two together


def phase_finder(phases: Sequence[Phase]) -> Callable[[dates.HistDate], Phase | None]:
    """``phase_for`` over these phases, with their bounds worked out once (it runs per event)."""
    bounds = []
    for p in phases:
        try:
            bounds.append((p, p.when.earliest, p.when.latest))
        except DateError:  # reported by the checks; such a phase holds no event
            continue

    def find(when: dates.HistDate) -> Phase | None:
        day: date = when.earliest
        for phase, lo, hi in bounds:
            if lo <= day <= hi:
                return phase
        for phase, lo, hi in bounds:
            if when.overlaps(lo, hi):
                return phase
        return None

    return find


def phase_for(phases: Sequence[Phase], when: dates.HistDate) -> Phase | None:
    """The phase an undated-phase event falls in: the one containing its earliest day, else the
    first it overlaps."""
    return phase_finder(phases)(when)


def _duplicates(values: list[Any]) -> list[Any]:
    """The values that occur more than once, each listed once, in first-seen order."""
    seen: set[Any] = set()
    dups: list[Any] = []
    for v in values:
        if v in seen and v not in dups:
            dups.append(v)
        seen.add(v)
    return dups


def record_checks(src: Sources, src_file: str) -> list[Problem]:
    """What a record must satisfy beyond its field types: names, note anchors, labels, numbers."""
    out: list[Problem] = []
    for work in (src.article, *src.works):
        where = "article" if work is src.article else f"works[id={work.id}]"
        for role in ("author", "editor"):
            for i, name in enumerate(getattr(work, role)):
                if not (name.family or name.literal):
                    out.append(
                        Problem(
                            src_file, f"{where}.{role}[{i}]", "a name needs `family` (and usually `given`) or `literal`"
                        )
                    )
    for note in src.notes:
        where = f"notes[n={note.n}]"
        if note.n < 1:
            out.append(Problem(src_file, f"{where}.n", "note numbers start at 1"))
        if bool(note.attached_to) == bool(note.marker_absent):
            out.append(
                Problem(
                    src_file, where, "give exactly one of `attached_to` (the body words) or `marker_absent` (why not)"
                )
            )
        for i, cite in enumerate(note.cites):
            if cite.label and not cite.locator:
                out.append(
                    Problem(
                        src_file,
                        f"{where}.cites[{i}]",
                        "`label` is given without a `locator`; add the locator or drop the label",
                    )
                )
    return out


def cross_check(chron: Chronology, src: Sources, chron_file: str, src_file: str) -> list[Problem]:
    """Every problem beyond the types; an empty list when the dataset is consistent."""
    out: list[Problem] = record_checks(src, src_file)

    def bad(file: str, where: str, message: str) -> None:
        out.append(Problem(file, where, message))

    for label, items in (
        ("phases", chron.phases),
        ("events", chron.events),
        ("people", chron.people),
        ("places", chron.places),
        ("tags", chron.tags),
    ):
        for dup in _duplicates([i.id for i in items]):
            bad(chron_file, f"{label}[id={dup}]", "duplicate id; every id in a table must be unique")
    for dup in _duplicates([p.n for p in chron.phases]):
        bad(chron_file, f"phases[n={dup}]", "duplicate phase number; phase numbers must be unique")
    for dup in _duplicates([w.id for w in [src.article, *src.works]]):
        bad(src_file, f"works[id={dup}]", "duplicate id; every work id must be unique")
    numbers = [n.n for n in src.notes]
    for dup in _duplicates(numbers):
        bad(src_file, f"notes[n={dup}]", "duplicate note number; note numbers must be unique")
    positive = sorted({n for n in numbers if n >= 1})
    missing = sorted(set(range(1, positive[-1] + 1)) - set(positive)) if positive else []
    if missing:
        after = next(n for n in positive if n > missing[0])
        bad(
            src_file,
            f"notes[n={after}]",
            f"note numbers must run 1..{positive[-1]} without gaps; missing {missing} before this note",
        )

    people = {p.id for p in chron.people}
    places = {p.id for p in chron.places}
    tags = {t.id for t in chron.tags}
    phases = {p.n: p for p in chron.phases}
    find_phase = phase_finder(chron.phases)
    notes = set(numbers)
    works = {w.id for w in src.works}

    for ev in chron.events:
        where = f"events[id={ev.id}]"
        for field, known, refs in (
            ("people", people, ev.people),
            ("places", places, ev.places),
            ("tags", tags, ev.tags),
        ):
            for ref in refs:
                if ref not in known:
                    bad(
                        chron_file,
                        f"{where}.{field}",
                        f"{ref!r} is not defined in [[{field}]]; add it there or fix the id",
                    )
        for n in ev.notes:
            if n not in notes:
                bad(
                    chron_file,
                    f"{where}.notes",
                    f"note {n} is not in {src_file} (notes run 1..{max(notes, default=0)})",
                )
        try:
            when = ev.when
        except DateError:
            continue  # reported by record_checks
        if ev.phase is not None:
            phase = phases.get(ev.phase)
            if phase is None:
                bad(chron_file, f"{where}.phase", f"phase {ev.phase} is not defined; phases are {sorted(phases)}")
            elif not when.overlaps(phase.when.earliest, phase.when.latest):
                bad(
                    chron_file,
                    f"{where}.date",
                    f"{ev.date} ({when.english()}) lies outside phase {phase.n} ({phase.when.english()})",
                )
        elif phases and find_phase(when) is None:
            bad(chron_file, f"{where}.date", f"{ev.date} falls in no phase; give `phase` or widen a phase")
    for note in src.notes:
        for i, cite in enumerate(note.cites):
            if cite.work not in works:
                bad(
                    src_file,
                    f"notes[n={note.n}].cites[{i}].work",
                    f"{cite.work!r} is not a work id; add it to [[works]] or fix the id",
                )
    for work in src.works:
        if work.container is not None and (work.container not in works or work.container == work.id):
            bad(src_file, f"works[id={work.id}].container", f"{work.container!r} is not another work's id")
    cited = {c.work for n in src.notes for c in n.cites}
    for work in src.works:
        if work.id not in cited:
            bad(src_file, f"works[id={work.id}]", "no note cites this work; cite it or remove it")
    return out


_WS = re.compile(r"\s+")


def check_against_article(
    chron: Chronology, src: Sources, article: str, chron_file: str, src_file: str
) -> list[Problem]:
    """Problems where a quote, note text or date wording is not found verbatim in the article text."""
    flat = _WS.sub(" ", article)
    out: list[Problem] = []

    def missing(value: str) -> bool:
        return _WS.sub(" ", value) not in flat

    for ev in chron.events:
        for field in ("quote", "date_text"):
            if missing(getattr(ev, field)):
                out.append(Problem(chron_file, f"events[id={ev.id}].{field}", "not found verbatim in the article"))
    for ph in chron.phases:
        if ph.quote and missing(ph.quote):
            out.append(Problem(chron_file, f"phases[n={ph.n}].quote", "not found verbatim in the article"))
    for note in src.notes:
        if missing(f"{note.n}: {note.text}"):
            out.append(Problem(src_file, f"notes[n={note.n}].text", "not found verbatim among the article's notes"))
        if note.attached_to and missing(f"{note.attached_to}{note.n}"):
            out.append(
                Problem(
                    src_file,
                    f"notes[n={note.n}].attached_to",
                    f"the article has no marker {note.n} right after these words",
                )
            )
    return out


# ---------------------------------------------------------------- the loaded dataset

INHERITED = ("editor", "publisher", "publisher_place", "issued", "language")


def resolve_work(work: Work, works: dict[str, Work]) -> Work:
    """A chapter with ``container`` gets its book's title, editors, publisher and date."""
    book = works.get(work.container) if work.container else None
    if book is None:
        return work
    update: dict[str, Any] = {f: getattr(book, f) for f in INHERITED if not getattr(work, f) and getattr(book, f)}
    if not work.container_title:
        update["container_title"] = book.title
    return dataclasses.replace(work, **update)


class Dataset:
    """Both files, validated, with the lookups every command needs (built once, never mutated)."""

    def __init__(self, chronology: Chronology, sources: Sources, folder: Any = None) -> None:
        self.chronology = chronology
        self.sources = sources
        self.folder = folder
        self.phases = sorted(chronology.phases, key=lambda p: p.n)
        self.events = sorted(chronology.events, key=lambda e: e.when.sort_key())
        self.article = sources.article
        raw = {w.id: w for w in sources.works}
        self.works = {w.id: resolve_work(w, raw) for w in sources.works}
        self.notes = {n.n: n for n in sources.notes}
        self.people = {p.id: p for p in chronology.people}
        self.places = {p.id: p for p in chronology.places}
        self.tags = {t.id: t for t in chronology.tags}
        by_n = {p.n: p for p in self.phases}
        find_phase = phase_finder(self.phases)
        self.phase_of = {e.id: (by_n.get(e.phase) if e.phase is not None else find_phase(e.when)) for e in self.events}
        self.event_by_id = {e.id: e for e in self.events}
        self.title = chronology.title

    def events_citing(self, n: int) -> list[Event]:
        return [e for e in self.events if n in e.notes]

    def notes_citing(self, work_id: str) -> list[Note]:
        return [n for n in self.notes.values() if any(c.work == work_id for c in n.cites)]


def _without_null(node: Any) -> Any:
    """TOML has no null: an optional field is simply left out, so drop the null branches."""
    if isinstance(node, list):
        return [_without_null(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _without_null(v) for k, v in node.items() if not (k == "default" and v is None)}
    branches = out.get("anyOf")
    if isinstance(branches, list):
        kept = [b for b in branches if b != {"type": "null"}]
        if len(kept) == 1:
            del out["anyOf"]
            out.update(kept[0])
        else:
            out["anyOf"] = kept
    return out


SCHEMA_MODELS: dict[str, type[Schema]] = {"chronology": Chronology, "sources": Sources}


def json_schema(kind: str) -> str:
    """The JSON Schema of one data file (``chronology`` or ``sources``), as stable, sorted JSON text."""
    import json

    from pydantic import TypeAdapter

    schema = _without_null(TypeAdapter(SCHEMA_MODELS[kind]).json_schema(by_alias=True))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"chron {kind}.toml (schema_version {SCHEMA_VERSION})"
    # The `#:schema` comment line is TOML, not data, so the schema need not allow it; editors that
    # read it (taplo, Even Better TOML) validate every other key against this document.
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
