"""The real readers' verdict on the exports, from their recorded outputs: no tool needed here.

tests/readers/exports.py --record ran biber (``--validate-datamodel``), pandoc, citation.js and bibtexparser 1 on
the exports of the shipped data and of the corpus and saved what they said in tests/readers/recorded/
with the SHA-256 of each export. The first test fails when an export changes and the record is not
made again; the others check the recorded words: biber warns only about fields the works lack (and
roman volumes, docs/citations.md), pandoc and citation.js read every entry without a warning, and
what citation.js does not give back is only what the documented table says.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from typing import Any

import pytest

from chron import export
from chron.models import Work
from tests.readers import exports as readers

RECORDED = readers.RECORDED
DATASETS = ("shipped", "corpus")
FORMATS = tuple(export.EXPORTS)


@cache
def works(name: str) -> tuple[Work, ...]:
    return tuple(readers.datasets()[name])


@cache
def index() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((RECORDED / "index.json").read_text(encoding="utf-8"))
    return data


def items(name: str, fmt: str, reader: str) -> dict[str, dict[str, Any]]:
    path = RECORDED / f"{name}.{fmt}.{reader}.json"
    return {item["id"]: item for item in json.loads(path.read_text(encoding="utf-8"))}


def biber_lines(name: str, fmt: str) -> list[str]:
    return (RECORDED / f"{name}.{fmt}.biber.txt").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("name", DATASETS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_record_is_of_the_current_exports(name: str, fmt: str) -> None:
    text = export.EXPORTS[fmt].render(list(works(name)))
    assert readers.digest(text) == index()["exports"][f"{name} {fmt}"], (
        "the export changed: run `python tests/readers/exports.py --record` (needs biber, pandoc, citation-js)"
    )


# biber's warnings per export: (fields the works lack, roman volumes). docs/citations.md has them.
BIBER = {
    ("shipped", "biblatex"): (9, 1),
    ("shipped", "bibtex"): (11, 1),
    ("corpus", "biblatex"): (85, 3),
    ("corpus", "bibtex"): (100, 3),
}


@pytest.mark.parametrize(("name", "fmt"), list(BIBER))
def test_biber_warns_only_where_the_data_lacks_a_field(name: str, fmt: str) -> None:
    """No field a type cannot hold, no value of a wrong type except a roman volume, no broken entry:
    every other warning names a mandatory field whose CSL source the work does not have."""
    by_id = {w.id: w for w in works(name)}
    lacking = roman = 0
    for line in biber_lines(name, fmt):
        key = re.search(r"Entry '([^']+)'", line)
        assert key, line
        work = by_id[key.group(1)]
        missing = re.search(r"Missing mandatory field (?:- one of )?'([^']+)'", line)
        if missing:
            assert readers._lacks(work, missing.group(1)), line
            lacking += 1
        else:
            assert "Invalid value of field 'volume' must be datatype 'integer'" in line, line
            assert work.volume and re.fullmatch(r"[ivxlcdm]+", work.volume, re.I), line
            roman += 1
    assert (lacking, roman) == BIBER[name, fmt]


def test_biber_takes_edited_volumes_as_collections() -> None:
    """An edited volume is @collection in BibLaTeX: biber asks it for no author."""
    edited = {w.id for w in works("corpus") if w.type == "book" and w.editor and not w.author}
    assert edited
    said = "\n".join(biber_lines("corpus", "biblatex"))
    assert not [i for i in edited if f"Entry '{i}' (corpus.bib): Missing mandatory field 'author'" in said]


def same_text(a: str, b: str) -> bool:
    """Equal but for pandoc's typography: curly apostrophes, French thin spaces before "?"."""
    table = str.maketrans({"’": "'", "\u202f": " ", "\xa0": " "})
    return a.translate(table) == b.translate(table)


@pytest.mark.parametrize("name", DATASETS)
@pytest.mark.parametrize("fmt", ["csl-json", "biblatex", "bibtex"])
def test_pandoc_reads_every_entry_without_a_warning(name: str, fmt: str) -> None:
    assert index()["pandoc stderr"][f"{name} {fmt}"] == ""
    read = items(name, fmt, "pandoc")
    assert set(read) == {w.id for w in works(name)}
    for work in works(name):
        if work.title and work.language and not work.language.startswith("en"):
            # Braced whole: pandoc's BibTeX reader does not title-case it.
            assert same_text(read[work.id]["title"], work.title)
        if work.volume:
            assert read[work.id]["volume"] == work.volume


def test_pandoc_keeps_seasons_and_ranges() -> None:
    """Lomax's "Autumn–Winter" issue (seasons 23–24) and the Szemle's November–December issue: pandoc
    keeps both from CSL-JSON and BibLaTeX (EDTF); from BibTeX the range, but not the seasons (it
    does not read biblatex's ``yeardivision``)."""
    for fmt in ("csl-json", "biblatex", "bibtex"):
        read = items("shipped", fmt, "pandoc")
        seasons = [[1979, 23], [1979, 24]] if fmt != "bibtex" else [[1979], [1979]]
        assert read["lomax1979"]["issued"]["date-parts"] == seasons, fmt
        assert read["szemle1956"]["issued"]["date-parts"] == [[1956, 11], [1956, 12]], fmt


@pytest.mark.parametrize("name", DATASETS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_citation_js_reads_every_entry_without_a_warning(name: str, fmt: str) -> None:
    assert index()["citation-js warnings"][f"{name} {fmt}"] == []
    assert set(items(name, fmt, "citation-js")) == {w.id for w in works(name)}


# What citation.js does not give back, per export of the shipped data (docs/citations.md): its own
# reading of each format, not fields the export leaves out.
CITATION_JS_SHIPPED = {
    "csl-json": {},
    # no ST for a conference paper (CPAPER); RIS has no status; a web page's M3 (its genre, as Zotero
    # reads it) is not read
    "ris": {"title-short": 1, "status": 1, "genre": 1},
    # entrysubtype and the types BibTeX lacks are ignored (a web page without an address is @misc and
    # comes back as a document); seasons are not read from EDTF
    "biblatex": {"type article-newspaper": 2, "type paper-conference": 1, "issued (parts)": 1, "type webpage": 1},
    # …nor from yeardivision, nor a range from endmonth; a web page (@misc) comes back as a document
    "bibtex": {"type webpage": 1, "issued (parts)": 2, "type article-newspaper": 2, "type paper-conference": 1},
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_what_citation_js_does_not_give_back(fmt: str) -> None:
    read = list(items("shipped", fmt, "citation-js").values())
    assert readers.lost_in_citation_js(list(works("shipped")), read) == Counter(CITATION_JS_SHIPPED[fmt])


def test_citation_js_reads_ris_editors_and_whole_dates() -> None:
    """RIS editors in A3 (book) and A2 (chapter) come back as editors; a newspaper's day survives."""
    read = items("shipped", "ris", "citation-js")
    for work in works("shipped"):
        if work.editor:
            assert [n.get("family") for n in read[work.id]["editor"]] == [n.family for n in work.editor]
    observer = read["observer19561125"]["issued"]
    assert observer.get("date-parts") == [[1956, 11, 25]] or observer.get("raw") == "1956/11/25/"


def test_citation_js_loses_nothing_from_csl_json_in_the_corpus() -> None:
    read = list(items("corpus", "csl-json", "citation-js").values())
    assert not readers.lost_in_citation_js(list(works("corpus")), read)


def test_the_record_names_its_tools() -> None:
    tools = index()["tools"]
    assert tools["biber"].startswith("biber version") and tools["pandoc"].startswith("pandoc ")
    assert re.fullmatch(r"\d+\.\d+\.\d+", tools["citation-js"])


# The entry types bibtexparser 1 keeps by default (its STANDARD_TYPES).
BIBTEX_TYPES = {"article", "book", "booklet", "conference", "inbook", "incollection", "inproceedings", "manual"}
BIBTEX_TYPES |= {"mastersthesis", "misc", "phdthesis", "proceedings", "techreport", "unpublished"}


@pytest.mark.parametrize("name", DATASETS)
@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
def test_bibtexparser_1_reads_every_entry(name: str, fmt: str) -> None:
    """BibTeX: every entry with bibtexparser 1's defaults. BibLaTeX: every entry with
    ``ignore_nonstandard_types=False``; its defaults drop exactly the entries of biblatex's own types."""
    ids = [w.id for w in works(name)]
    got = index()["bibtexparser 1"][f"{name} {fmt}"]
    assert got["all"] == ids
    text = export.EXPORTS[fmt].render(list(works(name)))
    kinds = {key: kind for kind, key in re.findall(r"^@(\w+)\{([^,]+),", text, re.M)}
    assert len(kinds) == len(ids)
    assert got["default"] == [i for i in ids if kinds[i].lower() in BIBTEX_TYPES]
    if fmt == "bibtex":
        assert got["default"] == ids
