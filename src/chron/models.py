"""The record types of the two data files, as frozen dataclasses (no I/O, no checks across records).

``Chronology`` mirrors ``chronology.toml`` (phases, events, people, places, tags) and ``Sources``
mirrors ``sources.toml`` (the text itself as a work, the works it cites in CSL-JSON terms, its
numbered notes). The loader validates TOML into these classes with pydantic, reading the
constraints from the ``Annotated`` markers below; ``checks.py`` finds what types cannot (dangling
references, duplicates, gaps). Nothing here imports pydantic: a stored dataset is decoded into
these classes without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from chron import dates

SCHEMA_VERSION = 1

# CSL-JSON field names with hyphens; everything else is spelled as in Python.
HYPHENATED = frozenset(
    {
        "title_short",
        "container_title",
        "collection_title",
        "collection_number",
        "event_title",
        "event_place",
        "event_date",
        "publisher_place",
        "number_of_volumes",
        "number_of_pages",
        "volume_title",
        "chapter_number",
        "original_date",
        "original_title",
        "original_publisher",
        "original_publisher_place",
        "container_author",
        "collection_editor",
    }
)


def alias(name: str) -> str:
    """The TOML key of a field: ``container_title`` is written ``container-title``."""
    return name.replace("_", "-") if name in HYPHENATED else name


# The pydantic configuration of every record, read by the loader and by ``chron schema``. Unknown
# fields are errors (a typo is caught). Field docstrings become JSON Schema descriptions, but only
# ``chron schema`` asks for them (schema.py): reading them parses this file's source, which would
# cost every first load a tenth of a second.
PYDANTIC_CONFIG: dict[str, Any] = {
    "extra": "forbid",
    "alias_generator": alias,
    "populate_by_name": True,
    "use_attribute_docstrings": False,
    "str_strip_whitespace": False,
}


class Constraint:
    """An ``Annotated`` marker whose check pydantic applies while validating (and only then is
    pydantic_core imported). To the type checker and at run time the value is the plain type."""

    __slots__ = ("check", "kind", "min_length", "pattern")

    def __init__(
        self, kind: str, *, pattern: str | None = None, min_length: int | None = None, check: Any = None
    ) -> None:
        self.kind = kind
        self.pattern = pattern
        self.min_length = min_length
        self.check = check

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        if self.kind == "int":  # an integer in the file itself: not "3", not 3.0, not true
            return core_schema.int_schema(strict=True)
        if self.kind == "bool":  # a boolean in the file itself: not "yes", not 1
            return core_schema.bool_schema(strict=True)
        if self.kind == "number":  # an integer or a decimal in the file itself, not a string
            return core_schema.union_schema(
                [core_schema.int_schema(strict=True), core_schema.float_schema(strict=True, allow_inf_nan=False)]
            )
        base = core_schema.str_schema(pattern=self.pattern, min_length=self.min_length)
        return core_schema.no_info_after_validator_function(self.check, base) if self.check else base


def _check_date(value: str) -> str:
    dates.parse(value)  # a DateError is a ValueError, which pydantic reports at the field
    return value


SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, Constraint("str", pattern=SLUG_PATTERN)]
"""An id: lowercase letters, digits and single hyphens."""
Text = Annotated[str, Constraint("str", min_length=1)]
"""Text that may not be empty."""
DateText = Annotated[str, Constraint("str", check=_check_date)]
"""A date in chron's EDTF subset, e.g. 1956-11-04 or 1956-10-29/1956-10-30."""
StrictInt = Annotated[int, Constraint("int")]
"""An integer written as one in the file."""
StrictBool = Annotated[bool, Constraint("bool")]
"""true or false, written as one in the file."""
Number = Annotated[float, Constraint("number")]
"""A number written as one in the file (integer or decimal)."""


class Schema:
    """Base of every record: the pydantic configuration the loader and ``chron schema`` use."""

    __slots__ = ()
    __pydantic_config__: ClassVar[dict[str, Any]] = PYDANTIC_CONFIG


# ---------------------------------------------------------------- sources.toml


@dataclass(frozen=True, slots=True, repr=False, eq=False, match_args=False)
class Name(Schema):
    """A person's name in CSL-JSON form, with the form the text prints."""

    family: str | None = None
    """Family name."""
    given: str | None = None
    """Given name or initials."""
    literal: str | None = None
    """A name that is not split (an institution)."""
    printed: str | None = None
    """The name exactly as the text prints it, e.g. 'J Smith'."""

    def display(self) -> str:
        """ "Given Family", or the literal name."""
        if self.literal:
            return self.literal
        return " ".join(p for p in (self.given, self.family) if p)


# The item types of CSL 1.0.2.
WorkType = Literal[
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "bill",
    "book",
    "broadcast",
    "chapter",
    "classic",
    "collection",
    "dataset",
    "document",
    "entry",
    "entry-dictionary",
    "entry-encyclopedia",
    "event",
    "figure",
    "graphic",
    "hearing",
    "interview",
    "legal_case",
    "legislation",
    "manuscript",
    "map",
    "motion_picture",
    "musical_score",
    "pamphlet",
    "paper-conference",
    "patent",
    "performance",
    "periodical",
    "personal_communication",
    "post",
    "post-weblog",
    "regulation",
    "report",
    "review",
    "review-book",
    "software",
    "song",
    "speech",
    "standard",
    "thesis",
    "treaty",
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
    translator: tuple[Name, ...] = ()
    """Translators."""
    container_author: tuple[Name, ...] = ()
    """Authors of the containing work (a book's author, for a chapter in a single-author book)."""
    collection_editor: tuple[Name, ...] = ()
    """Editors of the series."""
    interviewer: tuple[Name, ...] = ()
    """Who conducted an interview."""
    recipient: tuple[Name, ...] = ()
    """Who received a letter or personal communication."""
    director: tuple[Name, ...] = ()
    """Director of a film or broadcast."""
    title: str | None = None
    """Title as printed."""
    title_short: str | None = None
    """Short title for shortened notes."""
    container_title: str | None = None
    """Journal, newspaper or book containing the work."""
    collection_title: str | None = None
    """Series."""
    collection_number: str | None = None
    """Number in the series."""
    volume_title: str | None = None
    """Title of the volume of a multi-volume work."""
    original_title: str | None = None
    """Title of the original, for a translation."""
    event_title: str | None = None
    """Conference of a paper-conference, or the event a speech was given at."""
    event_place: str | None = None
    """Where the event took place."""
    event_date: DateText | None = None
    """When the event took place."""
    publisher: str | None = None
    """Publisher as printed."""
    publisher_place: str | None = None
    """Place of publication as printed."""
    original_publisher: str | None = None
    """Publisher of the original edition, for a reprint."""
    original_publisher_place: str | None = None
    """Place of the original edition."""
    original_date: DateText | None = None
    """Date of the original edition, for a reprint or translation."""
    issued: DateText | None = None
    """Date of publication in chron's EDTF subset."""
    accessed: DateText | None = None
    """When an online source was consulted."""
    status: str | None = None
    """Publication status, e.g. forthcoming, in press."""
    edition: str | None = None
    """Edition, e.g. 2 or 2nd rev."""
    volume: str | None = None
    """Volume."""
    number_of_volumes: str | None = None
    """How many volumes the work has."""
    issue: str | None = None
    """Issue."""
    number: str | None = None
    """A report's, bill's or standard's number."""
    chapter_number: str | None = None
    """The number of a chapter."""
    section: str | None = None
    """A newspaper's section, or a part of a work."""
    page: str | None = None
    """The work's own page range, e.g. 24–46."""
    number_of_pages: str | None = None
    """How many pages the work has."""
    genre: str | None = None
    """The kind of work: a thesis's degree (PhD thesis, MA dissertation), a report's kind."""
    medium: str | None = None
    """The medium or format, e.g. radio broadcast, audio recording."""
    archive: str | None = None
    """The archive holding a manuscript or document."""
    archive_location: str | None = None
    """Where in the archive: a collection, box or file reference."""
    language: str | None = None
    """IETF language tag for works not in English, e.g. hu."""
    DOI: str | None = None
    """Digital Object Identifier."""
    ISBN: str | None = None
    """ISBN of a book."""
    ISSN: str | None = None
    """ISSN of a periodical."""
    URL: str | None = None
    """Only when the source prints one."""
    note: str | None = None
    """A note printed with the citation."""
    container: Slug | None = None
    """Id of the cited work that contains this one (a chapter's book)."""
    editorial: str | None = None
    """What was added from outside the text, and why."""

    def names(self) -> tuple[Name, ...]:
        return self.author or self.editor


NAME_ROLES = (
    "author",
    "editor",
    "translator",
    "container_author",
    "collection_editor",
    "interviewer",
    "recipient",
    "director",
)
"""The fields of a work that hold names (lists of ``Name``)."""
DATE_FIELDS = ("issued", "original_date", "accessed", "event_date")
"""The fields of a work that hold dates."""


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
    suffix: str | None = None
    """Words after the locator, without the comma that joins them, e.g. 'emphasis added'."""


@dataclass(frozen=True, slots=True, repr=False, eq=False, match_args=False)
class Note(Schema):
    """One numbered footnote: its verbatim text, where its marker stands, and the works it cites."""

    n: StrictInt
    """Note number; numbers run 1..N."""
    text: Text | None = None
    """The note's text, verbatim (give this or `text_missing`)."""
    text_missing: str | None = None
    """Instead of `text`: why the source has no text for this note."""
    attached_to: str | None = None
    """The body words the marker follows, verbatim."""
    marker_absent: str | None = None
    """Why the marker is not in the body."""
    remark: str | None = None
    """An editorial remark on the note: a likely misprint, an OCR slip."""
    cites: tuple[Cite, ...] = ()
    """The works the note cites, in order."""

    def display(self) -> str:
        """The note's text, or a bracketed word that it has none."""
        return self.text if self.text is not None else "[no text in the source]"


@dataclass(frozen=True, slots=True, repr=False, eq=False, match_args=False)
class Sources(Schema):
    """The whole of ``sources.toml``."""

    schema_version: Literal[1]
    """The version of this file format; currently 1."""
    article: Work
    """The text itself, as a work."""
    works: tuple[Work, ...] = ()
    """Every distinct cited work."""
    notes: tuple[Note, ...] = ()
    """The numbered notes."""


# ---------------------------------------------------------------- chronology.toml


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
    """Display name in the standard spelling."""
    aliases: tuple[str, ...] = ()
    """Every other spelling: the text's and the standard one."""
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
    """Every other spelling: the text's and the standard one."""
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
