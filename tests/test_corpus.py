"""The differential corpus: valid CSL-JSON, valid CSL citations, and goldens from both oracles for all of it."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import jsonschema
import pytest
from referencing import Registry, Resource

from tests.corpus import goldens

SCHEMA_DIR = goldens.HERE
CITATION_SCHEMA_ID = "https://resource.citationstyles.org/schema/latest/input/json/csl-citation.json"


def _schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    return data


def _data_validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(_schema("csl-data.json"))


def _citation_validator() -> jsonschema.Draft7Validator:
    data = _schema("csl-data.json")
    registry: Registry[Any] = Registry().with_resource(data["$id"], Resource.from_contents(data))
    return jsonschema.Draft7Validator(_schema("csl-citation.json"), registry=registry)


ITEMS = goldens.items()
SEQUENCES = goldens.sequences()
IDS = [item["id"] for item in ITEMS]


def test_corpus_items_are_valid_csl_json() -> None:
    """Every item validates against the official csl-data.json schema, each error named by item."""
    validator = _data_validator()
    errors = [f"{ITEMS[e.path[0]]['id']}: {e.message}" for e in validator.iter_errors(ITEMS)]
    assert errors == []


@pytest.mark.parametrize(
    "bad",
    [
        {"id": "x", "type": "book", "titel": "Misspelt field"},
        {"id": "x", "type": "monograph"},
        {"id": "x", "type": "book", "author": ["Lomax, Bill"]},
        {"id": "x", "type": "book", "issued": {"date-parts": [[1956, 11, 4, 12]]}},
        {"type": "book", "title": "No id"},
    ],
    ids=["unknown field", "unknown type", "name as a string", "four date parts", "no id"],
)
def test_schema_rejects_invalid_items(bad: dict[str, Any]) -> None:
    """The schema check can fail: a misspelt field, an unknown type, a bare-string name, a bad date, no id."""
    assert not _data_validator().is_valid([bad])


def test_corpus_covers_what_historians_cite() -> None:
    """At least 300 items, with each kind of work and each hard case the corpus exists for."""
    assert len(ITEMS) >= 300
    assert len(set(IDS)) == len(IDS), "item ids repeat"
    types = Counter(item["type"] for item in ITEMS)
    for kind in (
        "book", "chapter", "article-journal", "article-magazine", "article-newspaper", "thesis", "manuscript",
        "report", "pamphlet", "webpage", "paper-conference", "interview", "personal_communication", "broadcast",
    ):  # fmt: skip
        assert types[kind] >= 3, kind

    def has(pred: Any) -> int:
        return sum(1 for item in ITEMS if pred(item))

    assert has(lambda i: "volume" in i and "number-of-volumes" in i and i["type"] == "book") >= 2
    assert has(lambda i: "volume-title" in i) >= 2
    assert has(lambda i: "original-date" in i) >= 3
    assert has(lambda i: "translator" in i) >= 3
    assert has(lambda i: "edition" in i) >= 3
    assert has(lambda i: i["type"] == "book" and "editor" in i and "author" not in i) >= 5
    assert has(lambda i: "archive" in i and "archive_location" in i) >= 10
    assert {i.get("genre") for i in ITEMS if i["type"] == "thesis"} >= {"BA dissertation", "MA thesis", "PhD diss."}
    assert has(lambda i: any("literal" in n for n in i.get("author", []))) >= 10
    assert has(lambda i: "author" not in i and "editor" not in i) >= 10
    assert has(lambda i: "issued" not in i) >= 10
    assert has(lambda i: i.get("status") == "forthcoming") >= 5
    assert has(lambda i: "season" in i.get("issued", {})) >= 5
    assert has(lambda i: len(i.get("issued", {}).get("date-parts", [])) == 2) >= 5
    assert has(lambda i: i.get("language", "en")[:2] != "en") >= 30
    same_author_year = Counter(
        (json.dumps(i["author"][0], sort_keys=True), str(i["issued"]["date-parts"][0][0]))
        for i in ITEMS
        if i.get("author") and i.get("issued", {}).get("date-parts")
    )
    assert sum(1 for n in same_author_year.values() if n > 1) >= 8
    newspapers = Counter(i["container-title"] for i in ITEMS if i["type"] == "article-newspaper")
    assert newspapers.most_common(1)[0][1] >= 3


def test_sequences_are_valid_csl_citations() -> None:
    """Every citation of every sequence validates against csl-citation.json and cites a corpus item.

    The file leaves out the constant `schema` member of each citation object; it is added here."""
    validator = _citation_validator()
    ids = set(IDS)
    errors = []
    for seq in SEQUENCES:
        for n, citation in enumerate(seq["citations"], 1):
            errors += [
                f"{seq['id']} #{n}: {e.message}"
                for e in validator.iter_errors({"schema": CITATION_SCHEMA_ID, **citation})
            ]
            errors += [
                f"{seq['id']} #{n}: no item {ci['id']}" for ci in citation["citationItems"] if ci["id"] not in ids
            ]
            if citation["properties"]["noteIndex"] != n:
                errors.append(f"{seq['id']} #{n}: noteIndex {citation['properties']['noteIndex']}")
    assert errors == []


def test_sequences_hold_the_cases_they_exist_for() -> None:
    """First, repeated (ibid.) and several-work citations, prefixes, suffixes, locator labels, suppressed authors."""
    ids = [seq["id"] for seq in SEQUENCES]
    assert len(ids) == len(set(ids)) and len(ids) >= 25
    cites = [c for seq in SEQUENCES for c in seq["citations"]]
    items = [ci for c in cites for ci in c["citationItems"]]
    assert sum(len(c["citationItems"]) > 1 for c in cites) >= 30
    repeats = sum(
        a["citationItems"] == b["citationItems"][:1] == b["citationItems"]
        for seq in SEQUENCES
        for a, b in zip(seq["citations"], seq["citations"][1:], strict=False)
    )
    assert repeats >= 3
    assert sum("prefix" in ci for ci in items) >= 10 and sum("suffix" in ci for ci in items) >= 5
    assert {ci.get("label") for ci in items} >= {"page", "chapter", "volume", "section", "paragraph", "folio", "line"}
    assert sum(bool(ci.get("suppress-author")) for ci in items) >= 5
    assert {ci["id"] for ci in items} == set(IDS), "every item is cited in some sequence"


@pytest.mark.parametrize("oracle", goldens.ORACLES)
@pytest.mark.parametrize("style", list(goldens.STYLES))
def test_goldens_cover_every_item_and_sequence(oracle: str, style: str) -> None:
    """Each oracle's goldens hold, per locale, every item's entry and citations and every sequence in full."""
    data = goldens.load(oracle, style)
    assert data["style"] == style and data["title"] == goldens.STYLES[style]
    assert data["oracle"].startswith(("citeproc-js ", "pandoc "))
    assert set(data["locales"]) == set(goldens.LOCALES)
    for locale in goldens.LOCALES:
        per = data["locales"][locale]
        assert list(per["bibliography"]["entries"]) == IDS
        order = goldens.bibliography_order(oracle, style, locale)
        assert len(order) == len(set(order)) and set(order) <= set(IDS)
        assert {i for i in IDS if goldens.golden(oracle, style, locale, "bibliography", i)} == set(order)
        assert len(order) >= 0.9 * len(IDS), "an oracle printed too few bibliography entries"
        assert list(per["items"]) == IDS
        for item_id in IDS:
            for kind in ("first", "subsequent"):
                assert isinstance(goldens.golden(oracle, style, locale, kind, item_id), str)
        assert list(per["sequences"]) == [seq["id"] for seq in SEQUENCES]
        empty = 0
        for seq in SEQUENCES:
            rendered = goldens.golden(oracle, style, locale, "sequence", seq["id"])
            assert len(rendered) == len(seq["citations"]), seq["id"]
            assert all(isinstance(s, str) for s in rendered), seq["id"]
            empty += sum(not s.strip() for s in rendered)
        # An oracle prints nothing for some citations (MLA: an untitled, unsigned newspaper), never for many.
        assert empty <= 0.05 * sum(len(seq["citations"]) for seq in SEQUENCES)


def test_the_files_the_goldens_need_are_pinned() -> None:
    """The CSL styles and locales the goldens were made with are committed, with their licences."""
    here = goldens.HERE
    for style, title in goldens.STYLES.items():
        assert f"<title>{title}</title>" in (here / "styles" / f"{style}.csl").read_text(encoding="utf-8")
    for locale in goldens.LOCALES:
        assert f'xml:lang="{locale}"' in (here / "locales" / f"locales-{locale}.xml").read_text(encoding="utf-8")
    lock = json.loads((here / "node" / "package-lock.json").read_text(encoding="utf-8"))
    version = lock["packages"]["node_modules/citeproc"]["version"]
    assert goldens.load("citeproc-js", "apa")["oracle"] == f"citeproc-js {version}"
    assert "MIT License" in (here / "LICENSE-csl-schema.txt").read_text(encoding="utf-8")
    assert "by-sa/3.0" in (here / "LICENSE-csl-styles-and-locales.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        (
            "Lomax, <i>Hungary 1956</i> (Allison &#38; Busby, 1976), 12.",
            "Lomax, <em>Hungary 1956</em> (Allison &amp; Busby, 1976), 12.",
        ),
        ("Haynes, Mike. <span>“Hungary.”</span> <em>ISJ</em>", "Haynes, Mike. “Hungary.” <em>ISJ</em>"),
        ('<span style="font-variant:small-caps;">Lomax</span>', '<span class="smallcaps">Lomax</span>'),
        ('<span class="smallcaps">Lomax</span>', '<span class="smallcaps">Lomax</span>'),
        ("a\u00a0 b\n c", "a b c"),
        ("<b>x</b> <sup>2</sup>", "<strong>x</strong> <sup>2</sup>"),
        ('Press. <a href="https://doi.org/10.1/x">https://doi.org/10.1/x</a>', "Press. https://doi.org/10.1/x"),
    ],
)
def test_normalise_makes_the_two_oracles_spell_markup_alike(raw: str, canonical: str) -> None:
    """citeproc-js's <i>, &#38; and small-caps style, pandoc's bare spans, links and <em>, in one form."""
    assert goldens.normalise(raw) == canonical


def test_text_is_the_plain_text() -> None:
    """Plain text drops markup and decodes entities."""
    assert goldens.text("Lomax, <i>Hungary</i> (Allison &#38; Busby)") == "Lomax, Hungary (Allison & Busby)"


def test_golden_rejects_unknown_names() -> None:
    """A misspelt oracle, style or kind is an error, not an empty golden."""
    with pytest.raises(KeyError):
        goldens.load("citeproc", "apa")
    with pytest.raises(KeyError):
        goldens.load("pandoc", "chicago")
    with pytest.raises(KeyError):
        goldens.golden("pandoc", "apa", "en-US", "entry", IDS[0])  # type: ignore[arg-type]
