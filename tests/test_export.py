"""Exports: each format checked against what its real readers accept, field by field.

CI runs the Python readers here (the official CSL-JSON schema, bibtexparser 2, rispy, and biblatex's
data model as biber checks it, from tests/readers/biblatex-datamodel.json); tests/readers/exports.py
runs biber, pandoc, citation.js and bibtexparser 1 themselves.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any, get_args

import jsonschema
import pytest

from chron import export
from chron.bibimport import import_works
from chron.dataset import Dataset
from chron.export.bib import ALLOWED, entry_fields
from chron.models import DATE_FIELDS, NAME_ROLES, Name, Work, WorkType, alias
from tests.conftest import SHIPPED, dataset
from tests.readers import datamodel

SCHEMA = Path(__file__).parent / "corpus" / "csl-data.json"
# The entry types bibtexparser 1 keeps by default (its `STANDARD_TYPES`): BibTeX's own fourteen.
BIBTEX_STANDARD = {"article", "book", "booklet", "conference", "inbook", "incollection", "inproceedings", "manual"}
BIBTEX_STANDARD |= {"mastersthesis", "misc", "phdthesis", "proceedings", "techreport", "unpublished"}


@cache
def shipped() -> tuple[Work, ...]:
    ds: Dataset = dataset(SHIPPED)
    return (ds.article, *ds.works.values())


def by_id(work_id: str) -> Work:
    return next(w for w in shipped() if w.id == work_id)


def full(kind: str, **changes: Any) -> Work:
    """A work of type ``kind`` with every field filled, each with a value that names its field."""
    values: dict[str, Any] = {}
    for f in dataclasses.fields(Work):
        if f.name in ("id", "type", "container"):
            continue
        if f.name in NAME_ROLES:
            values[f.name] = (Name(family=f"Family-{f.name}", given="Given"),)
        elif f.name in DATE_FIELDS:
            values[f.name] = "1956-11-04"
        elif f.name in ("volume", "number_of_volumes", "edition", "number_of_pages"):
            values[f.name] = "3"
        elif f.name == "language":
            values[f.name] = "en"
        elif f.name != "title":
            values[f.name] = f"value of {f.name}"
    values["page"] = "24–46"
    values.update(changes)
    values.setdefault("title", f"A {kind} with every field")
    return Work(id=f"full-{kind.replace('_', '-')}", type=kind, **values)  # type: ignore[arg-type]  # kind is a WorkType


ALL_TYPES: tuple[str, ...] = get_args(WorkType)


# ---------------------------------------------------------------- CSL-JSON


def test_csl_json_validates_against_the_official_schema() -> None:
    """The export of the shipped data and of a work of every CSL type with every field validates
    against csl-data.json, the CSL schema repository's own file."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    works = [*shipped(), *(full(kind) for kind in ALL_TYPES)]
    jsonschema.Draft7Validator(schema).validate(json.loads(export.csl_json(works)))


def test_csl_json_carries_every_field_under_its_csl_name() -> None:
    """Every field of a work is in its item under the CSL name (archive_location, number-of-volumes,
    original-date, ...), except chron's own `container` id and the curator's `editorial`."""
    item = export.csl_item(full("book"))
    names = {alias(f.name) for f in dataclasses.fields(Work)} - {"container", "editorial"}
    assert names <= set(item)
    assert {"archive_location", "number-of-volumes", "original-date", "accessed", "event-date"} <= set(item)
    assert item["event"] == item["event-title"]  # CSL 1.0.1's name too, for older styles


@pytest.mark.parametrize(
    ("edtf", "csl"),
    [
        ("1979-23/1979-24", {"date-parts": [[1979, 23], [1979, 24]]}),
        ("1956-11/1956-12", {"date-parts": [[1956, 11], [1956, 12]]}),
        ("2005-23", {"date-parts": [[2005]], "season": 3}),
        ("1956~", {"date-parts": [[1956]], "circa": True}),
        ("1956-11-25", {"date-parts": [[1956, 11, 25]]}),
        ("194X", {"date-parts": [[1940], [1949]]}),
        ("../1956", {"literal": "before 1957"}),
    ],
)
def test_seasons_and_ranges_as_csl_dates(edtf: str, csl: dict[str, Any]) -> None:
    """A season is CSL's `season`; a range of seasons is months 21–24 in two date-parts (what pandoc
    and citeproc-js read), never a literal that no processor can sort."""
    assert export.csl_date(edtf) == csl


# ---------------------------------------------------------------- internal remarks


@pytest.mark.parametrize("fmt", sorted(export.EXPORTS))
def test_editorial_remarks_are_never_exported(fmt: str) -> None:
    """The curator's `editorial` is in no export; `note`, printed with the citation, is."""
    works = [full(kind, editorial="CURATOR-REMARK", note="PRINTED-NOTE") for kind in ALL_TYPES]
    text = export.EXPORTS[fmt].render(works)
    assert "CURATOR-REMARK" not in text and "PRINTED-NOTE" in text


def test_shipped_notes_are_not_curator_remarks() -> None:
    """A shipped work's `note` is printed with its citation: what the text says of the work, never
    what the curator says of the text ('the article prints…', 'not printed'), which is `editorial`."""
    remarks = re.compile(r"(?i)\b(the article|not printed|prints? (?:neither|no)|from outside)\b")
    assert [w.id for w in shipped() if w.note and remarks.search(w.note)] == []


# ---------------------------------------------------------------- BibTeX and BibLaTeX


def _bib(text: str) -> dict[str, tuple[str, dict[str, str]]]:
    import bibtexparser

    library = bibtexparser.parse_string(text)  # type: ignore[attr-defined]  # re-exported, not listed in __all__
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    return {e.key: (e.entry_type.lower(), {f.key.lower(): str(f.value) for f in e.fields}) for e in library.entries}


# What the data may lack that biblatex's model makes mandatory: the work's own field for it.
LACKED = {
    "author": ("author",),
    "editor": ("editor",),
    "title": ("title",),
    "date, year": ("issued",),
    "url, doi, eprint": ("URL", "DOI"),
    "author, editor": ("author", "editor"),
}


def _data_lacks(work: Work, problem: str) -> bool:
    m = re.fullmatch(r"missing (?:one of )?(.+)", problem)
    fields = LACKED.get(m.group(1), ()) if m else ()
    return bool(fields) and not any(getattr(work, f) for f in fields)


@pytest.mark.parametrize("fmt", ["biblatex", "bibtex"])
def test_entries_fit_the_data_model_biber_checks(fmt: str) -> None:
    """Every entry of the shipped data and of every CSL type uses only fields its type takes, with
    values of the field's type; a mandatory field is missing only when the work itself lacks it.
    (`biber --validate-datamodel`, repeated without biber; tests/readers/exports.py runs biber.)"""
    works = [*shipped(), *(full(kind) for kind in ALL_TYPES)]
    entries = _bib(export.EXPORTS[fmt].render(works))
    found = {}
    for work in works:
        kind, fields = entries[work.id]
        wrong = [p for p in datamodel.problems(kind, fields) if not _data_lacks(work, p)]
        if work.volume and not work.volume.isdigit():
            wrong.remove("invalid value of volume")  # a roman numeral, kept as printed (see export/bib.py)
        if wrong:
            found[work.id] = (kind, wrong)
    assert found == {}


def test_the_exporter_field_table_is_the_data_model() -> None:
    """Each field chron's BibLaTeX export allows for a type is one biber's data model gives it."""
    m = datamodel.model()
    for kind, fields in ALLOWED.items():
        valid = set(m["fields"]["ALL"]) | set(m["fields"][kind])
        assert {datamodel.DATE_FIELDS.get(f, f) for f in fields} <= valid, kind


def test_edited_volumes() -> None:
    """A book with editors and no author is biblatex's @collection, and BibTeX's @book with editor."""
    litvan = by_id("litvan1996")
    assert entry_fields(litvan, biblatex=True)[0] == "collection"
    kind, fields = entry_fields(litvan, biblatex=False)
    assert kind == "book" and dict(fields)["editor"] == "Litván, György"


def test_a_web_page_without_an_address_is_misc_and_keeps_its_genre() -> None:
    """biblatex's @online requires a URL: a site known without one (the 1956 Institute's) is @misc with its
    genre in `type`, and comes back as a web page with its genre; with a URL it is @online."""
    institute = by_id("institute1956")
    kind, fields = entry_fields(institute, biblatex=True)
    assert (kind, dict(fields)["type"], dict(fields)["entrysubtype"]) == ("misc", "website", "webpage")
    assert entry_fields(dataclasses.replace(institute, URL="https://example.org/"), biblatex=True)[0] == "online"
    for fmt in ("biblatex", "ris"):
        back = import_works(export.EXPORTS[fmt].render([institute]), fmt).works[0]
        assert (back.type, back.genre) == ("webpage", "website"), fmt
    assert "M3  - website" in export.ris([institute])


@pytest.mark.parametrize(
    ("genre", "biblatex_type", "bibtex_kind", "bibtex_type"),
    [
        ("PhD thesis", "phdthesis", "phdthesis", None),
        ("DPhil thesis", "DPhil thesis", "phdthesis", "DPhil thesis"),
        ("Master’s thesis", "mathesis", "mastersthesis", None),
        ("MA thesis", "MA thesis", "mastersthesis", "MA thesis"),
        ("BA dissertation", "BA dissertation", "misc", "BA dissertation"),
        (None, "thesis", "misc", None),
    ],
)
def test_theses_by_degree(genre: str | None, biblatex_type: str, bibtex_kind: str, bibtex_type: str | None) -> None:
    """A thesis is @thesis with its degree in `type` (biblatex's key where it has one); in BibTeX
    @phdthesis or @mastersthesis by degree, any other degree @misc: a BA thesis is never @phdthesis."""
    work = Work(id="t", type="thesis", author=(Name(family="A"),), title="T", publisher="U", issued="1990", genre=genre)
    kind, fields = entry_fields(work, biblatex=True)
    assert (kind, dict(fields)["type"]) == ("thesis", biblatex_type)
    kind, fields = entry_fields(work, biblatex=False)
    assert (kind, dict(fields).get("type")) == (bibtex_kind, bibtex_type)
    assert import_works(export.bibtex([work]), "bibtex").works[0].genre == genre


def test_bibtex_uses_only_the_standard_entry_types() -> None:
    """Every BibTeX entry has one of BibTeX's own types, which bibtexparser 1 keeps by default (it
    drops any other, such as @online); the CSL type travels in `entrysubtype`."""
    works = [*shipped(), *(full(kind) for kind in ALL_TYPES)]
    kinds = {kind for kind, _ in _bib(export.bibtex(works)).values()}
    assert kinds <= BIBTEX_STANDARD


def test_bibtex_holds_short_titles_events_and_types() -> None:
    """BibTeX keeps the short title, the event in its own field (not in prose), a conference paper
    as a paper, a web page and a newspaper as what they are, for every reader that reads back."""
    entries = _bib(export.bibtex(shipped()))
    assert entries["molnar1971"][1]["shorttitle"] == "Budapest 1956"
    kind, conf = entries["haynes2006conf"]
    assert kind == "unpublished" and "London" in conf["eventtitle"] and "howpublished" not in conf
    assert entries["observer19561125"][1]["entrysubtype"] == "newspaper"
    back = {w.id: w for w in import_works(export.bibtex(shipped()), "bibtex").works}
    assert back["haynes2006conf"].type == "paper-conference"
    assert back["institute1956"].type == "webpage" and back["observer19561125"].type == "article-newspaper"
    assert back["anderson-hungary56"].type == "book"


@pytest.mark.parametrize("fmt", ["biblatex", "bibtex"])
def test_titles_in_other_languages_are_protected_whole(fmt: str) -> None:
    """A Hungarian title is braced whole (pandoc's BibTeX reader would title-case it) and carries
    its `langid`; English titles brace only their capitalised words."""
    fields = _bib(export.EXPORTS[fmt].render(shipped()))["szemle1956"][1]
    assert fields["title"] == "{Fontosabb adatok az 1956. Október-Decemberi idöszakról}"
    assert fields["langid"] == "magyar"
    assert _bib(export.EXPORTS[fmt].render(shipped()))["romsics1999"][1]["title"] == (
        "Hungary in the {Twentieth} {Century}"
    )


@pytest.mark.parametrize("fmt", ["biblatex", "bibtex"])
def test_volumes_are_kept_as_printed(fmt: str) -> None:
    """A roman volume stays 'xxxiv' (biblatex's manual allows roman numerals in `volume`)."""
    assert _bib(export.EXPORTS[fmt].render(shipped()))["szemle1956"][1]["volume"] == "xxxiv"


def test_bibtex_dates_keep_seasons_and_ranges() -> None:
    """BibTeX has `year` and `month` for its styles, and biblatex's date parts for the rest."""
    entries = _bib(export.bibtex(shipped()))
    lomax = entries["lomax1979"][1]
    assert [lomax[k] for k in ("year", "yeardivision", "endyear", "endyeardivision")] == [
        "1979",
        "autumn",
        "1979",
        "winter",
    ]
    assert {k: entries["szemle1956"][1][k] for k in ("year", "month", "endyear", "endmonth")} == {
        "year": "1956",
        "month": "nov",
        "endyear": "1956",
        "endmonth": "dec",
    }


@pytest.mark.parametrize("fmt", sorted(export.EXPORTS))
def test_seasons_and_ranges_survive_every_format(fmt: str) -> None:
    """Seasons, a range of seasons and a range of months come back from every format."""
    back = {w.id: w.issued for w in import_works(export.EXPORTS[fmt].render(shipped()), fmt).works}
    assert (back["horvath2005"], back["lomax1979"], back["szemle1956"]) == (
        "2005-23",
        "1979-23/1979-24",
        "1956-11/1956-12",
    )


# ---------------------------------------------------------------- RIS


def _ris(text: str) -> dict[str, dict[str, Any]]:
    import rispy

    return {r["id"]: r for r in rispy.loads(text)}


def test_ris_editors_in_the_tag_each_type_calls_for() -> None:
    """A book's editors are A3 and its series editors A2; a chapter's book editors A2 and series
    editors A3; translators A4 (Zotero's and citation.js's reading of the RIS specification)."""
    records = _ris(export.ris([full("book"), full("chapter"), by_id("litvan1996")]))
    book, chapter = records["full-book"], records["full-chapter"]
    assert book["tertiary_authors"] == ["Family-editor, Given"]
    assert book["secondary_authors"] == ["Family-collection_editor, Given"]
    assert chapter["secondary_authors"] == ["Family-editor, Given"]
    assert chapter["tertiary_authors"] == ["Family-collection_editor, Given"]
    assert book["subsidiary_authors"] == chapter["subsidiary_authors"] == ["Family-translator, Given"]
    assert records["litvan1996"]["tertiary_authors"] == ["Litván, György"]


def test_ris_dates_with_months_and_days() -> None:
    """DA is the whole date and PY the year; a newspaper's and a chapter's whole date is Y1, the
    one tag citation.js reads it from; a season or a range is DA in words."""
    records = _ris(export.ris(shipped()))
    observer = records["observer19561125"]
    assert observer["publication_year"] == observer["date"] == "1956/11/25/" and "year" not in observer
    assert (records["pittaway2002"]["year"], records["pittaway2002"]["date"]) == ("2002", "2002/12//")
    assert records["lomax1979"]["date"] == "Autumn–Winter 1979–1980"
    assert records["szemle1956"]["date"] == "November–December 1956"


def test_every_ris_type_is_read_back_as_its_csl_type_where_ris_has_one() -> None:
    """Each CSL type with an RIS type of its own comes back from the RIS export as itself."""
    works = [full(kind) for kind in ALL_TYPES]
    back = {w.id: w.type for w in import_works(export.ris(works), "ris").works}
    shared = {"review", "review-book", "article", "regulation", "motion_picture"}  # RIS types shared with others
    lost = {w.type for w in works if back[w.id] != w.type and w.type not in shared}
    assert lost == {"collection", "event", "interview", "performance", "treaty"}  # all RIS's GEN


# ---------------------------------------------------------------- the corpus


@cache
def corpus() -> tuple[Work, ...]:
    return import_works((Path(__file__).parent / "corpus" / "items.json").read_text(encoding="utf-8"), "csl-json").works


def test_rispy_keeps_every_value_of_the_corpus_ris() -> None:
    """rispy reads every record of the corpus export and gives back every tag line's value, under
    its own name or, for the two tags its mapping lacks (AV, SV), in ``unknown_tag``."""
    import rispy

    text = export.ris(corpus())
    records = rispy.loads(text)
    assert [r["id"] for r in records] == [w.id for w in corpus()]
    tagged = [re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line) for line in text.splitlines()]
    written = Counter(m[2] for m in tagged if m and m[1] not in ("TY", "ER"))
    read: Counter[str] = Counter()
    for record in records:
        for key, value in record.items():
            if key == "unknown_tag":
                read.update(v for vs in value.values() for v in vs)
            elif key != "type_of_reference":
                read.update(value if isinstance(value, list) else [value])
    assert read == written


def test_the_corpus_in_csl_json_validates() -> None:
    """The CSL-JSON export of the corpus validates against the official schema."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(json.loads(export.csl_json(corpus())))


@pytest.mark.parametrize("fmt", ["biblatex", "bibtex"])
def test_the_corpus_fits_the_data_model(fmt: str) -> None:
    """biber's checks on the corpus: no field a type does not take, no value of the wrong type, and
    a mandatory field missing only where the work lacks it (an anonymous, untitled or undated work)."""
    entries = _bib(export.EXPORTS[fmt].render(corpus()))
    wrong = {}
    for work in corpus():
        kind, fields = entries[work.id]
        problems = [p for p in datamodel.problems(kind, fields) if not _data_lacks(work, p)]
        if work.volume and not work.volume.isdigit():
            problems.remove("invalid value of volume")
        if problems:
            wrong[work.id] = (kind, problems)
    assert wrong == {}
