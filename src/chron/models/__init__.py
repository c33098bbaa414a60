"""The record types of the two data files, as frozen dataclasses (no I/O, no checks across records).

``Chronology`` mirrors ``chronology.toml`` (phases, events, people, places, tags) and ``Sources``
mirrors ``sources.toml`` (the text itself as a work, the works it cites in CSL-JSON terms, its
numbered notes). The loader validates TOML into these classes with pydantic, reading the
constraints from the ``Annotated`` markers of fields.py; ``checks.py`` finds what types cannot (dangling
references, duplicates, gaps). Nothing here imports pydantic: a stored dataset is decoded into
these classes without it.

    chron.models
      fields.py      the pydantic configuration, Annotated constraint markers, the Schema base
      sources.py     Name, Work, Cite, Note, Sources (sources.toml)
      chronology.py  Phase, Figure, Event, Person, Place, Tag, Chronology (chronology.toml)
"""

from chron.models.chronology import Chronology, Event, Figure, Person, Phase, Place, PlaceKind, Tag
from chron.models.fields import (
    HYPHENATED,
    PYDANTIC_CONFIG,
    SCHEMA_VERSION,
    SLUG_PATTERN,
    Constraint,
    DateText,
    Number,
    Schema,
    Slug,
    StrictBool,
    StrictInt,
    Text,
    alias,
)
from chron.models.sources import (
    DATE_FIELDS,
    NAME_ROLES,
    TEXT_FIELDS,
    Cite,
    LocatorLabel,
    Name,
    Note,
    Sources,
    Work,
    WorkType,
)

__all__ = [
    "DATE_FIELDS",
    "HYPHENATED",
    "NAME_ROLES",
    "PYDANTIC_CONFIG",
    "SCHEMA_VERSION",
    "SLUG_PATTERN",
    "TEXT_FIELDS",
    "Chronology",
    "Cite",
    "Constraint",
    "DateText",
    "Event",
    "Figure",
    "LocatorLabel",
    "Name",
    "Note",
    "Number",
    "Person",
    "Phase",
    "Place",
    "PlaceKind",
    "Schema",
    "Slug",
    "Sources",
    "StrictBool",
    "StrictInt",
    "Tag",
    "Text",
    "Work",
    "WorkType",
    "alias",
]
