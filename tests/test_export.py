"""Exports: every format parsed back and compared with the data, field by field."""

from __future__ import annotations

import json
import re
from functools import cache

import jsonschema
import pytest

from chron import dates, export
from chron.dataset import Dataset
from chron.models import Work
from tests.conftest import SHIPPED, dataset

# The CSL data schema (CSL 1.0.2's csl-data.json) for the variables chron writes: the official file
# is not installable offline, so this is its relevant part, written from the specification.
NAME = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"family": {"type": "string"}, "given": {"type": "string"}, "literal": {"type": "string"}},
}
DATE = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "date-parts": {
            "type": "array",
            "minItems": 1,
            "maxItems": 2,
            "items": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"type": ["integer", "string"]}},
        },
        "season": {"type": ["integer", "string"]},
        "circa": {"type": ["boolean", "string", "integer"]},
        "literal": {"type": "string"},
        "raw": {"type": "string"},
    },
}
CSL_TYPES = [
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
CSL_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["id", "type"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": ["string", "number"]},
            "type": {"enum": CSL_TYPES},
            "author": {"type": "array", "items": NAME},
            "editor": {"type": "array", "items": NAME},
            "issued": DATE,
            **{
                k: {"type": ["string", "number"]}
                for k in (
                    "title",
                    "title-short",
                    "container-title",
                    "collection-title",
                    "event-title",
                    "publisher",
                    "publisher-place",
                    "volume",
                    "issue",
                    "page",
                    "language",
                    "URL",
                    "note",
                )
            },
        },
    },
}


@cache
def works() -> tuple[Work, ...]:
    ds: Dataset = dataset(SHIPPED)
    return (ds.article, *ds.works.values())


def test_csl_json_validates_and_round_trips() -> None:
    """CSL-JSON validates against the CSL data schema and carries every field."""
    items = json.loads(export.csl_json(works()))
    jsonschema.Draft7Validator(CSL_SCHEMA).validate(items)
    assert [i["id"] for i in items] == [w.id for w in works()]
    for item, work in zip(items, works(), strict=True):
        assert item["type"] == work.type
        assert item.get("title") == work.title
        assert item.get("container-title") == work.container_title
        assert [a.get("family") or a.get("literal") for a in item.get("author", [])] == [
            n.family or n.literal for n in work.author
        ]
        if work.issued:
            value = dates.parse(work.issued)
            issued = item["issued"]
            if "literal" in issued:
                assert "1979" in issued["literal"] and "Autumn" in issued["literal"]
            else:
                assert issued["date-parts"][0][0] == value.earliest.year


def test_seasons_and_ranges_as_csl_dates() -> None:
    """A season range is a literal date; a month range gives two date-parts."""
    assert export.csl_date("1979-23/1979-24") == {"literal": "Autumn–Winter 1979–1980"}
    assert export.csl_date("1956-11/1956-12") == {"date-parts": [[1956, 11], [1956, 12]]}
    assert export.csl_date("2005-23") == {"date-parts": [[2005]], "season": 3}
    assert export.csl_date("1956~") == {"date-parts": [[1956]], "circa": True}


def _parse_bib(text: str) -> dict[str, dict[str, str]]:
    import bibtexparser

    library = bibtexparser.parse_string(text)  # type: ignore[attr-defined]  # re-exported, not listed in __all__
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    return {e.key: {f.key: str(f.value) for f in e.fields} | {"ENTRYTYPE": e.entry_type} for e in library.entries}


def _untex(value: str) -> str:
    return re.sub(r"\\([&%$#_{}])", r"\1", value.replace("{", "").replace("}", "").replace("\\&", "&"))


@pytest.mark.parametrize("flavour", ["bibtex", "biblatex"])
def test_bibtex_parses_back_field_by_field(flavour: str) -> None:
    """BibTeX and BibLaTeX parse back with bibtexparser, accents kept as Unicode, fields intact."""
    text = getattr(export, flavour)(works())
    entries = _parse_bib(text)
    assert list(entries) == [w.id for w in works()]
    assert "Molnár" in text and "\\'" not in text  # Unicode, not TeX accents
    for work in works():
        e = entries[work.id]
        if work.title:
            assert _untex(e["title"]) == " ".join(work.title.split())
        if work.author:
            assert (
                _untex(e["author"]).split(" and ")[0].startswith(work.author[0].family or work.author[0].literal or "")
            )
        if work.publisher:
            assert _untex(e["publisher"]) == work.publisher
        if work.page:
            assert e["pages"] == work.page.replace("–", "--")
        if flavour == "biblatex" and work.issued:
            assert e["date"] == work.issued  # EDTF as in the data
        if flavour == "bibtex" and work.issued and dates.parse(work.issued).start:
            assert e["year"] == str(dates.parse(work.issued).earliest.year)


def test_bibtex_protects_proper_nouns_and_escapes() -> None:
    """Capitalised title words are braced; & is escaped."""
    text = export.bibtex(works())
    assert "title     = {Budapest 1956: {A} {History} of the {Hungarian} {Revolution}}" in text
    assert "publisher = {Allen \\& Unwin}" in text


def test_ris_records() -> None:
    """RIS: TY ... ER per work, one AU line per author, UTF-8 text, fields round-trip."""
    text = export.ris(works())
    records = [r for r in text.split("ER  - ") if r.strip()]
    assert len(records) == len(works())
    for record, work in zip(records, works(), strict=True):
        lines = [line for line in record.split("\r\n") if line]
        assert lines[0].startswith("TY  - ")
        tags: dict[str, list[str]] = {}
        for line in lines:
            assert re.match(r"^[A-Z][A-Z0-9]  - ", line), line
            tags.setdefault(line[:2], []).append(line[6:])
        assert tags["ID"] == [work.id]
        assert len(tags.get("AU", [])) == len(work.author)
        if work.title:
            assert tags["TI"] == [work.title]
    assert "AU  - Pécsi, M\r\nAU  - Sárfalvi, B" in text
