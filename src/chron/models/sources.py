"""The records of ``sources.toml``: the text itself and the works it cites (in CSL-JSON terms),
with their names, and the text's numbered notes with what each cites. Frozen dataclasses; no I/O,
no checks across records (checks.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from chron.models.fields import DateText, Schema, Slug, StrictInt, Text


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
TEXT_FIELDS = (
    "title",
    "title_short",
    "volume_title",
    "original_title",
    "container_title",
    "collection_title",
    "collection_number",
    "event_title",
    "event_place",
    "publisher",
    "publisher_place",
    "original_publisher",
    "original_publisher_place",
    "edition",
    "volume",
    "number_of_volumes",
    "issue",
    "number",
    "chapter_number",
    "section",
    "page",
    "number_of_pages",
    "genre",
    "medium",
    "status",
    "archive",
    "archive_location",
    "language",
    "DOI",
    "ISBN",
    "ISSN",
    "URL",
)
"""The fields of a work that hold one text a citation may print (CSL's standard and number
variables), in the order a CSL item lists them; ``note`` and ``editorial`` are the curator's."""


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
