"""The data model: pydantic schemas of the two data files and the checks across them.

``Chronology`` mirrors ``chronology.toml`` (phases, events, people, places, tags) and ``Sources``
mirrors ``sources.toml`` (the article, its works in CSL-JSON terms, its numbered notes).
``cross_check`` finds what one record alone cannot show: dangling references, duplicate ids,
gaps in note numbers, events outside their phase. No I/O here: the loader reads the files.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from chron import dates
from chron.errors import DateError, Problem

SCHEMA_VERSION = 1

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=1, max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1)]


def _check_date(value: str) -> str:
    dates.parse(value)  # raises DateError, a ValueError, which pydantic reports in place
    return value


DateStr = Annotated[str, Field(description="A date in chron's EDTF subset, e.g. 1956-11-04 or 1956-10-29/1956-10-30.")]


class Strict(BaseModel):
    """Unknown fields are errors, so a typo in a field name is caught rather than ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# ---------------------------------------------------------------- sources.toml


class Name(Strict):
    """A person's name in CSL-JSON form, with the form the article prints."""

    family: str | None = None
    given: str | None = None
    literal: str | None = Field(None, description="A name that is not split (an institution).")
    printed: str | None = Field(None, description="The name exactly as the article prints it, e.g. 'M Molnar'.")

    @model_validator(mode="after")
    def _has_a_name(self) -> Name:
        if not (self.family or self.literal):
            raise ValueError("a name needs `family` (and usually `given`) or `literal`")
        return self

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


class Work(Strict):
    """One cited work, with CSL-JSON field names (hyphenated ones are TOML keys with hyphens)."""

    id: Slug
    type: WorkType
    author: list[Name] = []
    editor: list[Name] = []
    title: Text | None = None
    title_short: str | None = Field(None, alias="title-short")
    container_title: str | None = Field(None, alias="container-title")
    collection_title: str | None = Field(None, alias="collection-title")
    event_title: str | None = Field(None, alias="event-title")
    publisher: str | None = None
    publisher_place: str | None = Field(None, alias="publisher-place")
    issued: DateStr | None = None
    volume: str | None = None
    issue: str | None = None
    page: str | None = None
    language: str | None = None
    URL: str | None = None
    note: str | None = None
    container: Slug | None = Field(None, description="Id of the cited work that contains this one (a chapter's book).")
    editorial: str | None = Field(None, description="What was added from outside the article, and why.")

    _v_issued = field_validator("issued")(lambda cls, v: v if v is None else _check_date(v))

    def names(self) -> list[Name]:
        return self.author or self.editor


class Cite(Strict):
    """A reference from a note to a work, with the locator the note prints."""

    work: Slug
    locator: str | None = None
    label: Literal["page", "chapter", "section", "paragraph", "line", "figure", "table", "volume"] | None = None
    prefix: str | None = Field(None, description="Words before the citation, e.g. 'Quoted in'.")

    @model_validator(mode="after")
    def _label_needs_locator(self) -> Cite:
        if self.label and not self.locator:
            raise ValueError("`label` is given without a `locator`; add the locator or drop the label")
        return self


class Note(Strict):
    """One numbered footnote: its verbatim text, where its marker stands, and the works it cites."""

    n: Annotated[int, Field(ge=1)]
    text: Text
    attached_to: str | None = Field(None, description="The body words the marker follows, verbatim.")
    marker_absent: str | None = Field(None, description="Why the marker is not in the body.")
    cites: list[Cite] = []

    @model_validator(mode="after")
    def _one_anchor(self) -> Note:
        if bool(self.attached_to) == bool(self.marker_absent):
            raise ValueError("give exactly one of `attached_to` (the body words) or `marker_absent` (why not)")
        return self


class Sources(Strict):
    """The whole of ``sources.toml``."""

    schema_version: Literal[1] = Field(description="The version of this file format; currently 1.")
    article: Work
    works: list[Work] = []
    notes: list[Note] = []


# ---------------------------------------------------------------- chronology.toml


class Phase(Strict):
    """A stage of the chronology, with the article's description of it."""

    n: Annotated[int, Field(ge=0)]
    id: Slug
    name: Text
    date: DateStr
    description: Text
    quote: str | None = Field(None, description="The article's words defining the phase, verbatim.")
    editorial: str | None = None

    _v_date = field_validator("date")(lambda cls, v: _check_date(v))

    @property
    def when(self) -> dates.HistDate:
        return dates.parse(self.date)


class Figure(Strict):
    """A number the article gives about an event."""

    value: float | int
    about: Text


class Event(Strict):
    """One dated event or dated statement of the article."""

    id: Slug
    date: DateStr
    date_text: Text = Field(description="The article's own wording of the date, verbatim.")
    date_note: str | None = Field(None, description="How a relative or vague date was turned into `date`.")
    title: Text
    summary: Text
    quote: Text = Field(description="The article's words stating the event, verbatim.")
    people: list[Slug] = []
    places: list[Slug] = []
    tags: list[Slug] = []
    notes: list[Annotated[int, Field(ge=1)]] = []
    figures: list[Figure] = []
    phase: int | None = Field(None, description="Phase number; derived from the date when absent.")
    editorial: str | None = None

    _v_date = field_validator("date")(lambda cls, v: _check_date(v))

    @property
    def when(self) -> dates.HistDate:
        return dates.parse(self.date)


class Person(Strict):
    id: Slug
    name: Text
    aliases: list[str] = []
    role: str | None = None
    editorial: str | None = None


class Place(Strict):
    id: Slug
    name: Text
    kind: Literal["country", "region", "city", "town", "village", "district", "site"] | None = None
    aliases: list[str] = []
    editorial: str | None = None


class Tag(Strict):
    id: Slug
    description: Text


class Chronology(Strict):
    """The whole of ``chronology.toml``."""

    schema_version: Literal[1] = Field(description="The version of this file format; currently 1.")
    title: str | None = None
    phases: list[Phase] = []
    tags: list[Tag] = []
    events: list[Event] = []
    people: list[Person] = []
    places: list[Place] = []


# ---------------------------------------------------------------- the two together


def phase_for(phases: list[Phase], when: dates.HistDate) -> Phase | None:
    """The phase an undated-phase event falls in: the one containing its earliest day."""
    day: date = when.earliest
    for phase in phases:
        if phase.when.earliest <= day <= phase.when.latest:
            return phase
    overlapping = [p for p in phases if when.overlaps(p.when.earliest, p.when.latest)]
    return overlapping[0] if overlapping else None


def _duplicates(values: list[Any]) -> list[Any]:
    """The values that occur more than once, each listed once, in first-seen order."""
    seen: set[Any] = set()
    dups: list[Any] = []
    for v in values:
        if v in seen and v not in dups:
            dups.append(v)
        seen.add(v)
    return dups


def cross_check(chron: Chronology, src: Sources, chron_file: str, src_file: str) -> list[Problem]:
    """Every problem that spans records or files; an empty list when the dataset is consistent."""
    out: list[Problem] = []

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
        bad(chron_file, f"phases[n={dup}]", "duplicate phase number")
    for dup in _duplicates([w.id for w in [src.article, *src.works]]):
        bad(src_file, f"works[id={dup}]", "duplicate id; every work id must be unique")
    numbers = [n.n for n in src.notes]
    for dup in _duplicates(numbers):
        bad(src_file, f"notes[n={dup}]", "duplicate note number")
    if numbers and sorted(set(numbers)) != list(range(1, max(numbers) + 1)):
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        bad(src_file, "notes", f"note numbers must run 1..{max(numbers)} without gaps; missing {missing}")

    people = {p.id for p in chron.people}
    places = {p.id for p in chron.places}
    tags = {t.id for t in chron.tags}
    phases = {p.n: p for p in chron.phases}
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
            continue  # already reported by the schema
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
        elif phases and phase_for(chron.phases, when) is None:
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
    return work.model_copy(update=update)


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
        self.phase_of = {
            e.id: (by_n.get(e.phase) if e.phase is not None else phase_for(self.phases, e.when)) for e in self.events
        }
        self.event_by_id = {e.id: e for e in self.events}

    def events_citing(self, n: int) -> list[Event]:
        return [e for e in self.events if n in e.notes]

    def notes_citing(self, work_id: str) -> list[Note]:
        return [n for n in self.sources.notes if any(c.work == work_id for c in n.cites)]


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


SCHEMA_MODELS: dict[str, type[Strict]] = {"chronology": Chronology, "sources": Sources}


def json_schema(kind: str) -> str:
    """The JSON Schema of one data file (``chronology`` or ``sources``), as stable, sorted JSON text."""
    import json

    schema = _without_null(SCHEMA_MODELS[kind].model_json_schema(by_alias=True))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"chron {kind}.toml (schema_version {SCHEMA_VERSION})"
    # The `#:schema` comment line is TOML, not data, so the schema need not allow it; editors that
    # read it (taplo, Even Better TOML) validate every other key against this document.
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
