"""What every record is made of: the pydantic configuration, the ``Annotated`` constraint markers
(``Slug``, ``Text``, ``DateText``...) and ``Schema``, the base of every record. No pydantic import
at module level; no records here (sources.py, chronology.py)."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

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
